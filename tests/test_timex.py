"""The TimeML view (checker.extract.timex): exact extents, types and values from tests/cases/timex/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.extract import dates
from checker.extract.base import make_doc
from checker.extract.timex import timexes

CASES = json.loads((Path(__file__).parent / "cases" / "timex" / "extents.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_extents(case: dict) -> None:
    doc = make_doc(case["text"], case.get("published"))
    got = [[doc.text[t.start:t.end], t.type, t.value] for t in timexes(doc)]
    if case.get("only"):
        assert got == case["expect"]
    else:
        for exp in case["expect"]:
            assert exp in got, f"{exp} not in {got}"


def test_vague_references_never_become_date_claims() -> None:
    """'now' and 'the quarter' are TimeML timexes but nothing an outlet can be checked on."""
    doc = make_doc("Prices are now lower than in the quarter, and recently fell.", "2001-05-10")
    assert [t.value for t in timexes(doc)] == ["PRESENT_REF", "2001-Q1", "PAST_REF"]
    assert dates.extract(doc, {}) == []


def test_without_publication_date_values_keep_placeholders() -> None:
    doc = make_doc("They met on Thursday. A day earlier, trucks crossed.", None)
    assert [t.value for t in timexes(doc)] == ["XXXX-XX-XX", "XXXX-XX-XX"]
