"""Property tests: extraction never crashes on any text and always cites its evidence exactly.

For any text (news-like words, digits, month and weekday names, every kind of quote mark,
punctuation, newlines, other scripts, control characters): every extractor runs without an
exception; every claim's evidence is the exact slice of the file it cites, within the file;
the claims document validates against the schema; the same input gives byte-identical JSON.
``load_document`` on any bytes either loads or raises ``SourceError``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.claims import build_claims, dumps, validate
from checker.errors import SourceError
from checker.extract import KINDS, extract_all
from checker.extract.base import make_doc
from checker.model import Document
from checker.pipeline import extract_document
from checker.sources import load_document

PROFILE = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = ("said says told added stressed according to the a meeting talks round session held met in on at "
         "of that which who was were will be last next this week month year ago yesterday today tomorrow "
         "hours minutes days over about nearly more than some dozens first second third 2nd 10th "
         "follow-up Mr. Dr. U.S. Foreign Minister President spokesman ministry Kremlin Lavrov Rubio "
         "Sergey Marco Istanbul Riyadh Saudi Arabia Russia Ukraine AP Reuters three seven twelve").split()
MONTHS = ("January February March April May June July August September October November December "
          "Jan. Feb. Sept. Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()
MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", ".", ",", ";", ":", "!", "?", "…", "(", ")", "-",
         "–", "—", "/", "&", "|", "*", "#", "<", ">", "`"]
BLANKS = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2028", "\x0b", "\x0c", "\x85"]
CONTROL = st.characters(min_codepoint=0, max_codepoint=31)
UNICODE = st.characters(blacklist_categories=("Cs",))

TOKEN = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(MONTHS), st.sampled_from(MARKS),
    st.integers(0, 3000).map(str), st.sampled_from(["1,000", "6.5", "24/7", "2025-02-27", "27-28"]),
    st.text(UNICODE, min_size=1, max_size=4), CONTROL,
)
NEWSY = st.lists(st.tuples(TOKEN, st.sampled_from(BLANKS + ["", ""])), max_size=80).map(
    lambda parts: "".join(a + b for a, b in parts))
ANY_TEXT = st.one_of(NEWSY, st.text(UNICODE, max_size=300))
PUBLISHED = st.sampled_from([None, "2025-02-28", "2024-12-31"])


def check_invariants(doc: Document, data: dict) -> None:
    """Evidence slices equal their text, offsets lie in the file, the document validates."""
    validate(data)
    n = len(doc.raw)
    for c in data["claims"]:
        cited = [c["evidence"]] + list(c.get("spans", {}).values()) + ([c["sentence"]] if c["sentence"] else [])
        for ev in cited:
            assert 0 <= ev["start"] <= ev["end"] <= n, ev
            assert doc.raw[ev["start"]:ev["end"]] == ev["text"], ev
            assert ev["line"] >= 1 and ev["column"] >= 1
    ids = [c["id"] for c in data["claims"]]
    assert len(ids) == len(set(ids))


def run(text: str, published: str | None) -> tuple[Document, dict]:
    doc = make_doc(text, published)
    return doc, build_claims(doc, extract_all(doc))


@PROFILE
@given(ANY_TEXT, PUBLISHED)
def test_claims_hold_invariants(text: str, published: str | None) -> None:
    doc, data = run(text, published)
    check_invariants(doc, data)


@PROFILE
@given(ANY_TEXT, PUBLISHED)
def test_extraction_is_deterministic(text: str, published: str | None) -> None:
    assert dumps(run(text, published)[1]) == dumps(run(text, published)[1])


@PROFILE
@given(NEWSY, PUBLISHED, st.sampled_from(KINDS))
def test_each_extractor_alone(text: str, published: str | None, kind: str) -> None:
    """Each kind (with what it depends on) on its own: records stay inside the analysis text."""
    doc = make_doc(text, published)
    records = extract_all(doc, (kind,))
    assert set(records) == {kind}
    for r in records[kind]:
        assert r.kind == kind
        assert 0 <= r.start < r.end <= len(doc.text), r
        for s, e in r.spans.values():
            assert 0 <= s <= e <= len(doc.text), r
    check_invariants(doc, build_claims(doc, records))


def _file_bytes() -> st.SearchStrategy[bytes]:
    as_text = NEWSY.flatmap(lambda t: st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]).map(
        lambda enc: t.encode(enc, "replace")))
    html = NEWSY.map(lambda t: f"<html><head><title>{t[:40]}</title></head><body><p>{t}</p>".encode())
    return st.one_of(st.binary(max_size=400), as_text, html,
                     st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"---\n", b"<!doctype html>"]),
                               st.binary(max_size=200)).map(lambda p: p[0] + p[1]))


@PROFILE
@given(_file_bytes(), st.sampled_from([".txt", ".md", ".html", ".htm"]))
def test_load_document_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except SourceError:
        return
    assert isinstance(doc, Document)
    claims = extract_document(doc)
    check_invariants(doc, claims)
    for f in claims["source"]["furniture"]:
        assert 0 <= f["start"] <= f["end"] <= len(doc.raw)


FUZZ = Path(__file__).resolve().parent / "fuzz"


def test_fuzz_corpus_present() -> None:
    assert len(sorted(FUZZ.glob("*.txt"))) >= 10


@pytest.mark.parametrize("name", sorted(p.name for p in FUZZ.glob("*.txt")))
def test_fuzz_corpus(name: str) -> None:
    """The whole pipeline on each stored hostile input: valid, exact evidence, deterministic."""
    doc = load_document(FUZZ / name)
    data = extract_document(doc)
    check_invariants(doc, data)
    assert dumps(extract_document(load_document(FUZZ / name))) == dumps(data)
