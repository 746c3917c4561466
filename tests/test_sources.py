"""Sources: decoding, markup removal, offsets, metadata, manifest and corpus loading, speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from checker.errors import ManifestError, SourceError
from checker.sources import load_corpus, load_document, load_manifest, source_id
from checker.sources.furniture import REASONS

FIX = Path(__file__).parent / "fixtures" / "sources"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_bytes(text.encode("utf-8"))
    return p


def body(doc) -> str:
    return "\n".join(s.text for s in doc.sentences)


def check_offsets(doc) -> None:
    """Evidence always cites the raw file; copied characters map one to one."""
    for s in doc.sentences:
        ev = doc.evidence(s.start, s.end)
        assert ev.text == doc.raw[ev.start:ev.end]
        assert 0 <= ev.start <= ev.end <= len(doc.raw)
    for f in doc.furniture:
        assert 0 <= f.start < f.end <= len(doc.raw)
        reason = "duplicate of line N" if f.reason.startswith("duplicate of line ") else f.reason
        assert reason in REASONS, f.reason
    starts = [(f.start, f.end) for f in doc.furniture]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), "furniture spans overlap"
    for s in doc.sentences:
        rs, re_ = doc.raw_span(s.start, s.end)
        for f in doc.furniture:
            assert not (f.start < re_ and rs < f.end and f.start >= rs and f.end <= re_), \
                f"sentence {s.text!r} contains furniture {doc.raw[f.start:f.end]!r}"


# ---------------------------------------------------------------- decoding
def test_utf8_bom_is_dropped_and_invisibles_leave_the_analysis_text_only() -> None:
    doc = load_document(FIX / "utf8_bom.txt")
    assert doc.meta.encoding == "utf-8" and doc.meta.encoding_note is None
    assert not doc.raw.startswith("\ufeff")
    assert "\u200b" in doc.raw and "\u00ad" in doc.raw and "\u202e" in doc.raw
    assert "Zerowidth text and a softhyphen." in body(doc)
    assert "the budget was approved by 31 votes" in body(doc)
    i = doc.text.index("budget was")
    ev = doc.evidence(i, i + len("budget was"))
    assert ev.text == "budget\u202c was"  # the raw span keeps the control character
    check_offsets(doc)


@pytest.mark.parametrize("bom,codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "Ferry service resumes\n\nFerries resumed on Sunday after a three-day halt, the operator said.\n"
    p = write(tmp_path, "ferry.txt", bom + text.encode(codec))
    doc = load_document(p)
    assert doc.meta.encoding == "utf-16" and doc.meta.encoding_note is None
    assert doc.raw == text
    assert "Ferries resumed on Sunday" in body(doc)


def test_utf16_fixture_file() -> None:
    doc = load_document(FIX / "utf16le_bom.txt")
    assert doc.meta.title == "Ferry service resumes after storm"
    assert "three-day suspension" in body(doc)


def test_utf16_without_bom_is_a_reported_guess(tmp_path: Path) -> None:
    p = write(tmp_path, "nobom.txt", "Talks resumed on Monday in Geneva.\n".encode("utf-16-le"))
    doc = load_document(p)
    assert doc.meta.encoding == "utf-16-le"
    assert "guess" in doc.meta.encoding_note


def test_windows_1251_with_crlf_is_guessed_and_offsets_index_the_raw_text() -> None:
    doc = load_document(FIX / "cp1251_crlf.txt")
    assert doc.meta.encoding == "windows-1251"
    assert doc.meta.encoding_note == "not valid UTF-8; decoded as windows-1251 (guess)"
    assert "\r\n" in doc.raw
    i = doc.text.index("38 депутатов")
    ev = doc.evidence(i, i + len("38 депутатов"))
    assert ev.text == "38 депутатов" and ev.line == 5 and ev.column == len("За документ проголосовали ") + 1
    assert [s.text for s in doc.sentences][0] == "Мосгордума одобрила бюджет на 2026 год"
    check_offsets(doc)


def test_windows_1252_is_the_latin_guess() -> None:
    doc = load_document(FIX / "cp1252_french.txt")
    assert doc.meta.encoding == "windows-1252"
    assert "decoded as windows-1252 (guess)" in doc.meta.encoding_note
    assert "Les délégations se sont réunies jeudi à Genève" in body(doc)
    assert "40 M€" in body(doc) and "L’accord" in body(doc)


def test_latin1_when_windows_1252_cannot_decode(tmp_path: Path) -> None:
    p = write(tmp_path, "l1.txt", "Caf\xe9 owners met on Monday.\x81\n".encode("latin-1"))
    doc = load_document(p)
    assert doc.meta.encoding == "latin-1"


def test_declared_charset_of_an_html_page_is_used(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="koi8-r"><title>t</title></head>'
            '<body><p>Переговоры продолжатся в четверг, сообщил МИД.</p></body></html>')
    p = write(tmp_path, "page.html", page.encode("koi8-r"))
    doc = load_document(p)
    assert doc.meta.encoding == "koi8-r" and "declared" in doc.meta.encoding_note
    assert "Переговоры продолжатся в четверг" in body(doc)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file, not article text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a zip or office document, not article text"),
    (b"text\x00with\x00nul\x00bytes\x00\x01\x02\x03", "NUL bytes"),
])
def test_non_text_files_raise_source_error(tmp_path: Path, data: bytes, reason: str) -> None:
    p = write(tmp_path, "bad.txt", data)
    with pytest.raises(SourceError) as ei:
        load_document(p)
    assert reason in ei.value.reason and ei.value.path == str(p)
    assert "\n" not in str(ei.value)


def test_missing_file_raises_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load_document(tmp_path / "nope.txt")


# ---------------------------------------------------------------- markup
def test_inline_tags_in_text_are_removed_but_evidence_cites_raw(tmp_path: Path) -> None:
    p = write(tmp_path, "t.txt", "The Kremlin <u>said</u> Tuesday that talks &amp; visits would go on.\n")
    doc = load_document(p)
    assert doc.sentences[0].text == "The Kremlin said Tuesday that talks & visits would go on."
    i = doc.text.index("said Tuesday")
    assert doc.evidence(i, i + len("said Tuesday")).text == "said</u> Tuesday"
    j = doc.text.index("&")
    assert doc.evidence(j, j + 1).text == "&amp;"
    check_offsets(doc)


def test_text_that_only_looks_like_a_tag_stays(tmp_path: Path) -> None:
    p = write(tmp_path, "t.txt", "Turnout was < 40% in the vote, <Reuters> reported.\n")
    assert "< 40%" in body(load_document(p)) and "<Reuters>" in body(load_document(p))


def test_markdown_syntax_is_removed() -> None:
    doc = load_document(FIX / "front_matter.md")
    text = body(doc)
    assert "approved a $4 million budget for dredging the harbour, the mayor's office said." in text
    assert "**" not in text and "](" not in text and "Harbour at dawn" not in text
    assert doc.sentences[0].text == "Council approves harbour budget"


def test_html_page_text_entities_and_metadata() -> None:
    doc = load_document(FIX / "harbour_page.html")
    m = doc.meta
    assert (m.outlet, m.title, m.byline) == ("The Harbour Gazette", "Dockworkers end strike at Port of Valmora",
                                             "Lena Ortiz")
    assert (m.published, m.published_from) == ("2025-06-03", "header")
    assert m.url == "https://harbourgazette.example/2025/06/03/dockworkers-end-strike"
    text = body(doc)
    assert "not text" not in doc.text and "font-family" not in doc.text and "Advertisement" not in doc.text
    assert "6 % over two years & restores the night-shift bonus" in text
    assert "Carla Méndez told reporters — a “fair outcome” for both sides." in text
    assert "ships waiting at anchor, according to the port authority." in text  # line break collapsed
    for junk in ("World", "Related stories", "Port traffic falls", "Privacy policy", "Cranes stand idle",
                 "Facebook", "By Lena Ortiz", "All rights reserved"):
        assert junk not in text, junk
    i = doc.text.index("Méndez")
    assert doc.evidence(i, i + len("Méndez")).text == "M&eacute;ndez"
    k = doc.text.index("— a")
    assert doc.evidence(k, k + 1).text == "&#8212;"
    reasons = {f.reason for f in doc.furniture}
    assert {"navigation", "widget", "caption", "teaser", "footer"} <= reasons
    check_offsets(doc)


# ---------------------------------------------------------------- metadata
def test_front_matter_fills_metadata_and_is_set_aside() -> None:
    doc = load_document(FIX / "front_matter.md")
    m = doc.meta
    assert (m.title, m.outlet, m.published, m.published_from, m.byline) == (
        "Council approves harbour budget", "Coastal Courier", "2025-05-06", "header", "Maria Lopez")
    assert m.url == "https://coastalcourier.example/2025/05/06/harbour-budget"
    assert {"marker": "wire: AP", "agency": "AP", "kind": "wire"} in m.syndication
    assert doc.furniture[0].reason == "header" and doc.furniture[0].start == 0
    assert "Coastal Courier" not in doc.text


def test_leading_header_lines() -> None:
    doc = load_document(FIX / "header_lines.txt")
    assert (doc.meta.outlet, doc.meta.published, doc.meta.published_from) == ("Valley Tribune", "2025-02-03", "header")
    assert doc.meta.url == "https://valleytribune.example/news/bridge-reopens"
    assert doc.sentences[0].text == "Bridge reopens after three-month repair"


@pytest.mark.parametrize("line,published", [
    ("April 1, 2025", "2025-04-01"),
    ("April 08, 2025", "2025-04-08"),
    ("Friday, February 28, 2025 | 09:25 AM IST", "2025-02-28"),
    (" date 2025-04-01 TÜRKİYE", "2025-04-01"),
    ("First Published: Feb 28 2025 | 9:19 AM IST", "2025-02-28"),
    ("Published 3 March 2025", "2025-03-03"),
    ("2025-04-01T09:30:00Z", "2025-04-01"),
    ("Tue 1 Apr 2025 10.15 BST", "2025-04-01"),
    ("01.04.2025", "2025-04-01"),
    ("03/04/2025", None),  # day-month order unknown: never guessed
    ("Updated: April 2, 2025", None),  # a revision date is not a publication date
])
def test_date_lines(tmp_path: Path, line: str, published: str | None) -> None:
    p = write(tmp_path, "d.txt", f"Talks set for Thursday in Istanbul\n{line}\n\n"
                                 "Delegations will meet on Thursday in Istanbul, the ministry said.\n")
    doc = load_document(p)
    assert doc.meta.published == published
    assert doc.meta.published_from == ("text" if published else None)
    assert [f.reason for f in doc.furniture] == ["publication date"]
    assert line.strip() not in doc.text


def test_a_sentence_starting_with_a_date_is_body(tmp_path: Path) -> None:
    p = write(tmp_path, "d.txt", "April 1, 2025 was the day the talks began in earnest.\n")
    doc = load_document(p)
    assert doc.meta.published is None and not doc.furniture


def test_labelled_publication_date_wins_over_a_plain_one(tmp_path: Path) -> None:
    p = write(tmp_path, "d.txt", "March 30, 2025\nHeadline of the story here\n\n"
                                 "The talks began on Monday in Riyadh, officials said.\n\n"
                                 "Published: April 1, 2025\n")
    assert load_document(p).meta.published == "2025-04-01"


def test_source_url_and_byline_lines() -> None:
    doc = load_document(FIX / "../../../seeds/003_7e4ab87e524eadcc.txt")
    assert doc.meta.url == ("https://www.themoscowtimes.com/2025/04/08/"
                            "us-russia-embassy-talks-set-for-thursday-in-istanbul-moscow-says-a88658")
    assert doc.meta.outlet == "The Moscow Times"  # from the URL's domain (data/outlets.json)
    doc = load_document(FIX / "trailing_teaser.txt")
    assert doc.meta.outlet == "Lagos Ledger"


def test_syndication_markers() -> None:
    wire = load_document(FIX / "ap_wire.txt").meta.syndication
    assert {"marker": "MEXICO CITY (AP) —", "agency": "AP", "kind": "wire"} in wire
    assert {"marker": "Associated Press writer Megan Janetsky contributed to this report",
            "agency": "AP", "kind": "contributed"} in wire
    reuters = load_document(FIX / "reuters_wire.txt").meta.syndication
    assert reuters == [{"marker": "NAIROBI, March 12 (Reuters) -", "agency": "Reuters", "kind": "wire"}]
    agg = load_document(FIX / "aggregator.txt").meta.syndication
    assert agg == [{"marker": "published from a wire agency feed", "agency": None, "kind": "syndicated-feed"}]


def test_attributions_inside_furniture_are_not_markers(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "Talks resume in Geneva, the ministry said on Monday.\n"
                                 "Also Read\nPort strike ends, according to TASS\n")
    assert load_document(p).meta.syndication == []


def test_byline_naming_an_agency_is_a_wire_marker() -> None:
    m = load_document(FIX / "ap_wire.txt").meta
    assert m.byline == "MARIA VERZA and ELLIOT SPAGAT Associated Press"
    assert m.published is None  # only an 'Updated' date is given


# ---------------------------------------------------------------- overrides and manifest
def test_overrides_win_and_record_their_origin(tmp_path: Path) -> None:
    p = write(tmp_path, "x.txt", "Harbour talks end\nApril 1, 2025\n\nThe talks ended on Monday, officials said.\n")
    doc = load_document(p, {"published": "2025-04-02", "outlet": "Flag Outlet", "url": None})
    assert (doc.meta.published, doc.meta.published_from, doc.meta.outlet) == ("2025-04-02", "flag", "Flag Outlet")
    doc = load_document(p, {"published": None}, origin="manifest")
    assert doc.meta.published is None and doc.meta.published_from is None
    doc = load_document(p, {"published": None})  # a flag left unset changes nothing
    assert doc.meta.published == "2025-04-01" and doc.meta.published_from == "text"
    doc = load_document(p, {"wire": "Associated Press"}, origin="manifest")
    assert doc.meta.syndication == [{"marker": "Associated Press", "agency": "AP", "kind": "wire"}]
    with pytest.raises(ValueError):
        load_document(p, {"pubished": "2025-01-01"})


def _manifest(tmp_path: Path, doc: object) -> Path:
    (tmp_path / "manifest.json").write_text(json.dumps(doc), "utf-8")
    return tmp_path


@pytest.mark.parametrize("doc,message", [
    ({"sources": {"a.txt": {"published": "2025-13-01"}}}, '$["sources"]["a.txt"]["published"]: "2025-13-01" is not a valid date'),
    ({"sources": {"a.txt": {"published": "Feb 28 2025"}}}, "is not a YYYY-MM-DD date"),
    ({"sources": {"a.txt": {"pubished": "2025-02-28"}}}, '$["sources"]["a.txt"]["pubished"]: unknown field'),
    ({"sources": {"a.txt": {"outlet": 3}}}, "expected a string or null"),
    ({"sources": {"A.txt": {}, "a.txt": {}}}, "same source id 'a'"),
    ({"sources": []}, "expected an object"),
    ({"files": {}}, '$["files"]: unknown field'),
])
def test_manifest_validation(tmp_path: Path, doc: object, message: str) -> None:
    _manifest(tmp_path, doc)
    with pytest.raises(ManifestError) as ei:
        load_manifest(tmp_path, id_of=source_id)
    assert message in ei.value.reason
    assert ei.value.path == str(tmp_path / "manifest.json")


def test_manifest_invalid_json(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"sources": {"a.txt": {,}}}', "utf-8")
    with pytest.raises(ManifestError, match="invalid JSON at line 1"):
        load_manifest(tmp_path)


def test_no_manifest_is_empty(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


def test_load_corpus_applies_manifest_and_collects_errors(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Talks end\nApril 1, 2025\n\nThe talks ended on Monday, officials said.\n")
    write(tmp_path, "a.md", "Port reopens\n\nThe port reopened on Tuesday, the authority said.\n")
    write(tmp_path, "c.txt", b"")
    write(tmp_path, "d.html", "<p>Ships sailed again on Wednesday, the harbour master said.</p>")
    write(tmp_path, "notes.csv", "a,b\n")
    _manifest(tmp_path, {"sources": {"b.txt": {"outlet": "Manifest Daily", "published": "2025-04-03", "wire": "AFP"},
                                     "a.md": {"published": None}}})
    docs, errors = load_corpus([tmp_path, tmp_path / "b.txt", tmp_path / "missing.txt"])
    assert [d.id for d in docs] == ["a", "b", "d"]
    b = docs[1]
    assert (b.meta.outlet, b.meta.published, b.meta.published_from) == ("Manifest Daily", "2025-04-03", "manifest")
    assert {"marker": "AFP", "agency": "AFP", "kind": "wire"} in b.meta.syndication
    assert docs[0].meta.published is None
    assert [type(e).__name__ for e in errors] == ["SourceError", "SourceError"]
    assert errors[0].path.endswith("c.txt") and "empty" in errors[0].reason
    assert "missing.txt" in errors[1].path


def test_load_corpus_single_file_gets_its_directory_manifest(tmp_path: Path) -> None:
    p = write(tmp_path, "b.txt", "The talks ended on Monday, officials said.\n")
    _manifest(tmp_path, {"sources": {"b.txt": {"outlet": "Manifest Daily"}}})
    docs, errors = load_corpus([p])
    assert not errors and docs[0].meta.outlet == "Manifest Daily"


def test_load_corpus_reports_manifest_entries_without_files_and_duplicate_ids(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    write(one, "x.txt", "The talks ended on Monday, officials said.\n")
    write(two, "x.txt", "The talks ended on Tuesday, officials said.\n")
    _manifest(one, {"sources": {"y.txt": {"outlet": "Nobody"}}})
    docs, errors = load_corpus([one, two])
    assert [d.id for d in docs] == ["x"]
    assert any("names 'y.txt'" in e.reason for e in errors)
    assert any("same source id 'x'" in e.reason for e in errors)


def test_bad_manifest_stops_the_corpus(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "The talks ended on Monday, officials said.\n")
    _manifest(tmp_path, {"sources": {"a.txt": {"published": "yesterday"}}})
    with pytest.raises(ManifestError):
        load_corpus([tmp_path])


@pytest.mark.parametrize("name,sid", [
    ("000_8e6e9d66a0b609fb.txt", "000_8e6e9d66a0b609fb"),
    ("Reuters Story (1).HTML", "reuters-story-1"),
    ("_draft.md", "draft"),
    ("Café-Zürich.txt", "cafe-zurich"),
])
def test_source_id(name: str, sid: str) -> None:
    assert source_id(name) == sid


def test_source_id_of_a_non_latin_name_is_stable_and_distinct() -> None:
    a, b = source_id("Москва.txt"), source_id("Киев.txt")
    assert a == source_id("/x/Москва.txt") and a != b and a.startswith("source-")


# ---------------------------------------------------------------- speed
def test_five_megabytes_load_quickly(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    paras = [ln for f in sorted(seeds.glob("*.txt")) for ln in f.read_text("utf-8").splitlines()
             if len(ln.split()) > 8]
    chunks, size, n = [], 0, 0
    while size < 5_000_000:
        line = f"{paras[n % len(paras)]} (item {n})"
        chunks.append(line)
        size += len(line) + 2
        n += 1
    p = write(tmp_path, "big.txt", "\n\n".join(chunks))
    t0 = time.perf_counter()
    doc = load_document(p)
    elapsed = time.perf_counter() - t0
    assert len(doc.sentences) > 10_000
    # about 0.7 s for sources plus ~0.6 s of sentence segmentation on a quiet machine;
    # the bound only catches quadratic behaviour
    assert elapsed < 6, elapsed


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    data = "Переговоры в Стамбуле — “второй раунд”, сообщил МИД.\n".encode() * 3 + b"Caf\xe9 owners agreed.\n"
    doc = load_document(write(tmp_path, "s.txt", data))
    assert doc.meta.encoding == "utf-8"
    assert doc.meta.encoding_note == "not valid UTF-8: 1 invalid byte sequence(s) replaced with U+FFFD"
    assert "Caf\ufffd owners agreed." in doc.raw


def test_old_mac_line_breaks(tmp_path: Path) -> None:
    p = write(tmp_path, "cr.txt", b"Talks end in Geneva\rApril 1, 2025\r\rThe talks ended on Monday, officials said.\r")
    doc = load_document(p)
    assert doc.meta.published == "2025-04-01"
    assert [(f.reason, doc.line_col(f.start)) for f in doc.furniture] == [("publication date", (2, 1))]
    i = doc.text.index("officials")
    assert doc.evidence(i, i + 9).line == 4


def test_a_misleading_class_on_the_article_container_does_not_hide_it(tmp_path: Path) -> None:
    paras = "".join(f"<p>Paragraph {i} of the report says the talks went on for hours, officials said.</p>"
                    for i in range(4))
    page = (f"<html><body><div class='article-body ad-free'>{paras}</div>"
            "<div class='related'><p>Other story one</p><p>Other story two</p></div></body></html>")
    doc = load_document(write(tmp_path, "p.html", page))
    assert len(doc.sentences) == 4
    assert [f.reason for f in doc.furniture] == ["teaser"]
