"""Table tests: every case in tests/cases/*.json becomes one test.

Case file format (see tests/cases/README.md)::

    {"kind": "date", "cases": [
      {"name": "...", "text": "...", "published": "2025-02-28" | null,
       "expect": [{"text": "Thursday", "value": {"timex": "2025-02-27"}}],
       "reject": ["a substring no claim of this kind may overlap"],
       "only": true}]}

A file may name ``"extractor": "module:function"`` (called with the document) to
test a function other than the kind's claim extractor, e.g. every attribution
rather than only those firm enough to be claims.

An expected item matches a claim of the case's kind whose span overlaps the
first occurrence of ``text`` and whose value contains ``value`` (a recursive
subset test). ``only`` asks that no other claim of that kind is found. A file
with ``"frames": true`` runs every extractor and its items may also give a
``frame`` that the claim's frame must contain (``checker.extract.frames``).
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path

import pytest

from checker.extract import extract_all
from checker.extract.base import make_doc

CASES = Path(__file__).parent / "cases"


def _load():
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for i, case in enumerate(data["cases"]):
            extractor = data.get("extractor") or ("frames" if data.get("frames") else None)
            yield pytest.param(data["kind"], case, extractor, id=f"{path.stem}:{case.get('name', i)}")


def contains(actual, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and contains(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(actual) == len(expected) and all(contains(a, e) for a, e in zip(actual, expected))
    return actual == expected


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.find(needle)
    assert i >= 0, f"case text does not contain {needle!r}"
    return i, i + len(needle)


def _records(kind: str, doc, extractor: str | None):
    if extractor is None:
        return extract_all(doc, (kind,))[kind]
    if extractor == "frames":  # frames need every extractor (the event anchors): a full run
        return extract_all(doc)[kind]
    module, func = extractor.split(":")
    return getattr(import_module(module), func)(doc)


@pytest.mark.parametrize("kind,case,extractor", list(_load()))
def test_case(kind: str, case: dict, extractor: str | None) -> None:
    doc = make_doc(case["text"], case.get("published"))
    records = _records(kind, doc, extractor)
    shown = [(doc.text[r.start:r.end], r.value, r.frame) for r in records]
    matched = set()
    for exp in case.get("expect", []):
        s, e = _span(doc.text, exp["text"])
        hits = [i for i, r in enumerate(records)
                if r.start < e and s < r.end and contains(r.value, exp.get("value", {}))]
        assert hits, f"expected {exp} not found; got {shown}"
        matched.add(hits[0])
    for rej in case.get("reject", []):
        s, e = _span(doc.text, rej)
        bad = [x for r, x in zip(records, shown) if r.start < e and s < r.end]
        assert not bad, f"{rej!r} must not give a {kind} claim; got {bad}"
    if case.get("only"):
        extra = [shown[i] for i in range(len(records)) if i not in matched]
        assert not extra, f"unexpected {kind} claims: {extra}"


def test_cases_exist_for_every_kind() -> None:
    kinds = {json.loads(p.read_text("utf-8"))["kind"] for p in CASES.glob("*.json")}
    assert {"date", "duration", "count", "ordinal", "quote", "event", "entity"} <= kinds
