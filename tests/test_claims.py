"""Claims files: schema validity, evidence invariants, atomic writing, clear read errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.claims import SCHEMA_VERSION, dumps, read_claims, schema, validate, write_claims
from checker.errors import ClaimsFileError, SchemaViolation
from checker.pipeline import extract_document
from checker.sources import load_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "corpus"]


@pytest.fixture(scope="module")
def extracted() -> list[tuple[object, dict]]:
    docs, errors = load_corpus(CORPORA)
    assert not errors
    return [(d, extract_document(d)) for d in docs]


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"].endswith("2020-12/schema")


def test_every_schema_field_is_documented() -> None:
    defs = schema()["$defs"]
    missing = [f"{d}.{name}" for d, node in defs.items() if d != "evidence"
               for name, sub in node.get("properties", {}).items()
               if "description" not in sub and "$ref" not in sub]
    assert not missing, f"fields without a description: {missing}"


def test_all_kinds_are_found_on_the_seeds(extracted) -> None:
    kinds = {c["kind"] for _, data in extracted for c in data["claims"]}
    assert kinds == {"date", "duration", "count", "ordinal", "quote", "event", "entity"}


def test_evidence_slices_equal_their_text(extracted) -> None:
    for doc, data in extracted:
        for c in data["claims"]:
            for ev in [c["evidence"], *(c.get("spans") or {}).values()] + ([c["sentence"]] if c["sentence"] else []):
                assert doc.raw[ev["start"]:ev["end"]] == ev["text"], (c["id"], ev)
                line, col = ev["line"], ev["column"]
                assert doc.raw.splitlines(keepends=True)[line - 1][col - 1:].startswith(ev["text"][:1])


def test_no_claim_cites_furniture(extracted) -> None:
    for doc, data in extracted:
        for c in data["claims"]:
            s, e = c["evidence"]["start"], c["evidence"]["end"]
            for f in doc.furniture:
                assert not (s < f.end and f.start < e), (c["id"], f)


def test_claim_ids_are_unique_and_refs_resolve(extracted) -> None:
    for _, data in extracted:
        ids = [c["id"] for c in data["claims"]]
        assert len(ids) == len(set(ids))
        for c in data["claims"]:
            for target in (c.get("refs") or {}).values():
                assert target in ids


def test_schema_rejects_a_broken_claim(extracted) -> None:
    _, data = extracted[0]
    broken = json.loads(json.dumps(data))
    broken["claims"][0]["evidence"]["line"] = 0
    with pytest.raises(SchemaViolation, match=r"\$\['claims'\]\[0\]\['evidence'\]\['line'\]"):
        validate(broken, "x.json")
    date = next(c for c in broken["claims"] if c["kind"] == "date")
    del date["value"]["timex"]
    broken["claims"][0]["evidence"]["line"] = 1
    with pytest.raises(SchemaViolation, match="timex"):
        validate(broken, "x.json")


def test_write_is_atomic_and_read_back(tmp_path: Path, extracted) -> None:
    _, data = extracted[0]
    path = write_claims(data, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left behind
    assert read_claims(path) == data
    assert path.read_text("utf-8") == dumps(data)


def test_invalid_claims_are_never_written(tmp_path: Path, extracted) -> None:
    _, data = extracted[0]
    broken = json.loads(json.dumps(data))
    broken["claims"][0]["kind"] = "rumour"
    with pytest.raises(SchemaViolation):
        write_claims(broken, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content,reason", [
    ("{oops", "corrupt JSON"),
    ('{"schema_version": 0, "claims": []}', "schema version 0"),
    ("[1, 2]", "not a claims object"),
])
def test_read_claims_errors_are_one_line(tmp_path: Path, content: str, reason: str) -> None:
    p = tmp_path / "s.json"
    p.write_text(content, "utf-8")
    with pytest.raises(ClaimsFileError) as info:
        read_claims(p)
    msg = str(info.value)
    assert reason in msg and str(p) in msg and "\n" not in msg and "re-extract it with checker extract" in msg


def test_hand_edited_claims_file_names_the_json_path(tmp_path: Path, extracted) -> None:
    _, data = extracted[0]
    edited = json.loads(json.dumps(data))
    edited["claims"][0]["evidence"]["start"] = "twelve"
    p = tmp_path / "s.json"
    p.write_text(json.dumps(edited), "utf-8")
    with pytest.raises(ClaimsFileError, match=r"\['evidence'\]\['start'\]"):
        read_claims(p)
    assert SCHEMA_VERSION == data["schema_version"]


def _reference_valid(data) -> bool:
    """jsonschema, the reference: the split validators the error messages come from."""
    from checker.claims import _claim_validators

    outer, per_kind = _claim_validators()
    if list(outer.iter_errors(data)):
        return False
    for claim in data.get("claims", []):
        v = per_kind.get(claim.get("kind")) if isinstance(claim, dict) else None
        if v is None or list(v.iter_errors(claim)):
            return False
    return True


def _mutations(doc: dict, rng) -> list:
    """Small edits of a valid document: wrong types, missing and unknown keys, bad enums."""
    import copy

    out = []
    for _ in range(30):
        d = copy.deepcopy(doc)
        claim = rng.choice(d["claims"])
        what = rng.randrange(8)
        if what == 0:
            claim["evidence"]["line"] = str(claim["evidence"]["line"])
        elif what == 1:
            del claim[rng.choice(sorted(k for k in claim if k in ("id", "kind", "evidence", "value")))]
        elif what == 2:
            claim["extra"] = 1
        elif what == 3:
            claim["kind"] = "rumour"
        elif what == 4 and isinstance(claim.get("value"), dict) and claim["value"]:
            key = rng.choice(sorted(claim["value"]))
            claim["value"][key] = [claim["value"][key]]
        elif what == 5:
            d["schema_version"] = 2
        elif what == 6:
            d["source"]["published"] = 20250228
        else:
            pass  # unchanged: must stay valid
        out.append(d)
    return out


def test_fast_validation_accepts_and_rejects_what_jsonschema_does() -> None:
    """The compiled validator is a shortcut, never a second opinion: on 150 mutated documents it
    accepts exactly those jsonschema accepts (and a rejection always gets jsonschema's message)."""
    import random

    from checker.claims import _fast_valid

    rng = random.Random(7)
    docs = [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "claims").glob("*.json"))]
    assert docs
    cases = [m for d in docs for m in _mutations(d, rng)]
    assert len(cases) >= 150
    verdicts = [(_fast_valid(m), _reference_valid(m)) for m in cases]
    assert all(fast == ref for fast, ref in verdicts)
    assert 10 < sum(ref for _f, ref in verdicts) < len(verdicts) - 10  # both outcomes are exercised


def test_the_claims_schema_uses_nothing_newer_than_draft_7() -> None:
    """fastjsonschema compiles draft 7: the 2020-12 schema must not rely on later keywords."""
    text = (ROOT / "schemas" / "claims.schema.json").read_text("utf-8")
    for keyword in ("prefixItems", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef",
                    "dependentSchemas", "dependentRequired", "$anchor", "minContains", "maxContains"):
        assert f'"{keyword}"' not in text


def test_fast_report_validation_agrees_with_jsonschema(tmp_path: Path) -> None:
    """The JSON report's compiled validator accepts exactly what jsonschema accepts."""
    import copy
    import random

    from checker.claims import _fast_schema, _validator
    from checker.pipeline import report_corpus

    report = report_corpus([ROOT / "seeds"], tmp_path / "c", tmp_path / "r", ()).report
    fast, ref = _fast_schema("report"), _validator("report")
    rng = random.Random(3)
    outcomes = []
    for i in range(80):
        r = copy.deepcopy(report)
        f = rng.choice(r["findings"])
        what = i % 6
        if what == 0:
            f["status"] = "maybe"
        elif what == 1:
            del f["sides"]
        elif what == 2:
            f["confidence"] = "high"
        elif what == 3:
            r["sources"][0]["url"] = 7
        elif what == 4:
            f["review"] = {"state": "reviewed", "note": "x", "decision": "dismissed", "by": None}
        try:
            fast(r)
            fast_ok = True
        except Exception:
            fast_ok = False
        ref_ok = not list(ref.iter_errors(r))
        outcomes.append((fast_ok, ref_ok))
    assert all(a == b for a, b in outcomes)
    assert {b for _a, b in outcomes} == {True, False}
