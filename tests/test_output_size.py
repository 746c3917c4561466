"""Output linear in the input: a claims file never grows with the square of a run-on sentence.

Every claim cites its sentence as context. Copied whole, a 100,000-character "sentence" with a
date every ten characters ('on Monday ' * 10000) wrote a 1.0 GB claims file. A sentence longer
than ``settings.sentence_context`` is now cut, in each claim, to a window of
``settings.sentence_window`` characters around the claim's evidence (``whole`` says where the
entire sentence stands); real news sentences stay well under the limit and are copied whole.

Sizes are measured on the JSON exactly as ``checker.claims.dumps`` writes it (encoded without
building the string, so a failing case costs no second copy), at 50,000 and 200,000 characters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given

from checker import settings
from checker.claims import build_claims, dumps, validate
from checker.extract import extract_all
from checker.extract.base import make_doc
from checker.pipeline import extract_document
from checker.sources import load_document
from test_pathological import CASES, _rep
from test_properties import NEWSY, PROFILE, PUBLISHED, check_invariants

SIZES = (50_000, 200_000)
# Bytes of claims JSON per input character. Dense hostile text (a claim every ten characters) costs
# about 55-65 bytes per character without any sentence context: the claims themselves (evidence,
# value, frame, id; indent=1) take ~520 bytes each. The sentence windows add at most ~20. A copied
# run-on sentence gives thousands of bytes per character at these sizes.
BYTES_PER_CHAR = 120
CONSTANT = 20_000  # the source record, an empty document

OUTPUT_CASES: dict[str, Callable[[int], str]] = {
    **CASES,
    "on_monday": lambda n: _rep("on Monday ", n),
    "lavrov_said_colon": lambda n: _rep("Lavrov said: ", n),
    "measures": lambda n: _rep("on February 27, 2025 the talks lasted six hours, 12 people died in the third "
                               "attack at 5 p.m. and 1,200 were hurt over two days, ", n),
    "names_speech": lambda n: _rep("Foreign Minister Sergey Lavrov met Marco Rubio in Riyadh and said that the "
                                   "talks with Kirill Dmitriev went well, ", n),
}

def _json_bytes(data: dict, budget: int) -> int:
    """Bytes of ``dumps(data)`` in UTF-8, stopping once past ``budget``."""
    assert dumps({"a": [1, "é"]}) == json.dumps({"a": [1, "é"]}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    size = 1
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True).iterencode(data):
        size += len(chunk.encode("utf-8"))
        if size > budget:
            break
    return size


@pytest.mark.parametrize("case", sorted(OUTPUT_CASES))
def test_claims_json_is_linear_in_the_input(case: str) -> None:
    sizes = []
    for n in SIZES:
        doc = make_doc(OUTPUT_CASES[case](n), "2025-02-28")
        data = build_claims(doc, extract_all(doc))
        budget = BYTES_PER_CHAR * n + CONSTANT
        size = _json_bytes(data, budget)
        assert size <= budget, f"{case}: over {size} bytes of claims for {n} characters ({size / n:.0f} per character)"
        sizes.append(size)
    growth = (sizes[1] + CONSTANT) / (sizes[0] + CONSTANT)
    assert growth < 6, f"{case}: {sizes[0]} -> {sizes[1]} bytes for 4x the text ({growth:.1f}x)"


def _windows(doc, data: dict) -> list[dict]:
    """Check each clipped sentence: it holds its evidence, lies in the whole sentence, is cut at word
    boundaries; return the clipped ones."""
    width = settings.SETTINGS.sentence_window
    clipped = []
    for c in data["claims"]:
        s, ev = c["sentence"], c["evidence"]
        if not s or "whole" not in s:
            continue
        clipped.append(c)
        w = s["whole"]
        assert w["end"] - w["start"] > settings.SETTINGS.sentence_context
        line, col = doc.line_col(w["start"])
        assert (w["line"], w["column"]) == (line, col)
        assert w["start"] <= s["start"] <= s["end"] <= w["end"]
        assert s["start"] <= max(ev["start"], w["start"]) and min(ev["end"], w["end"]) <= s["end"]
        assert len(s["text"]) <= max(width, min(ev["end"], w["end"]) - max(ev["start"], w["start"]))
        raw = doc.raw
        if doc.offsets is not None:
            continue  # markup: word boundaries are those of the analysis text
        if s["start"] > w["start"] and s["start"] < ev["start"]:
            assert raw[s["start"] - 1].isspace() and not raw[s["start"]].isspace(), s
        if s["end"] < w["end"] and s["end"] > ev["end"]:
            assert raw[s["end"]].isspace() and not raw[s["end"] - 1].isspace(), s
    return clipped


def test_run_on_sentence_is_clipped_around_each_claim() -> None:
    text = "Talks began.\n\n" + "The ministers met on Monday and again " * 2000 + "on Friday.\n\nThey left on Sunday."
    doc = make_doc(text, "2025-02-28")
    data = build_claims(doc, extract_all(doc))
    validate(data)
    check_invariants(doc, data)
    clipped = _windows(doc, data)
    assert len(clipped) > 1000
    assert {c["sentence"]["whole"]["start"] for c in clipped} == {14}  # one sentence, one identity
    last = [c for c in data["claims"] if c["evidence"]["text"] == "Sunday"]
    assert last and last[0]["sentence"]["text"] == "They left on Sunday." and "whole" not in last[0]["sentence"]
    friday = next(c for c in data["claims"] if c["evidence"]["text"] == "Friday")
    assert friday["sentence"]["text"].endswith("on Friday.")
    assert len(dumps(data)) < 150 * len(text)


def test_markup_inside_a_run_on_sentence_stays_bounded(tmp_path: Path) -> None:
    """A window measured in words can span long markup in the file: it shrinks until the cited
    source text fits, and still equals the file at its offsets."""
    p = tmp_path / "soup.html"
    p.write_text("<html><body><p>" + "on Monday <b class='" + "x" * 3000 + "'>and</b> " * 100 + "too.</p>", "utf-8")
    doc = load_document(p)
    data = extract_document(doc)
    check_invariants(doc, data)
    clipped = _windows(doc, data)
    assert clipped
    for c in clipped:
        assert len(c["sentence"]["text"]) <= max(settings.SETTINGS.sentence_window, len(c["evidence"]["text"]))


@PROFILE
@given(NEWSY, PUBLISHED)
def test_clipped_sentences_hold_invariants(text: str, published: str | None) -> None:
    """With tiny limits every sentence of fuzzed text is clipped: evidence still slices exactly."""
    with settings.overridden(sentence_context=30, sentence_window=12):
        doc = make_doc(text, published)
        data = build_claims(doc, extract_all(doc))
        check_invariants(doc, data)
        _windows(doc, data)


def test_real_sentences_are_copied_whole(seeds_dir: Path) -> None:
    """No sentence of the seeds comes near the limit: their claims cite whole sentences, as before."""
    longest = 0
    for path in sorted(seeds_dir.glob("*.txt"))[:20]:
        doc = load_document(path)
        data = extract_document(doc)
        for c in data["claims"]:
            s = c["sentence"]
            if s:
                assert "whole" not in s
                longest = max(longest, s["end"] - s["start"])
    assert 0 < longest < settings.SETTINGS.sentence_context * 0.8


def test_report_marks_a_clipped_sentence() -> None:
    """The editor sees that the context is a window of a longer sentence."""
    from checker.render.markdown import _cite
    text = "They met " + "and met " * 200 + "on Monday " + "and talked " * 200 + "for hours."
    doc = make_doc(text, "2025-02-28")
    data = build_claims(doc, extract_all(doc))
    monday = next(c for c in data["claims"] if c["evidence"]["text"] == "Monday")
    line = _cite(monday, "Our Paper")
    assert "“Monday” in “… " in line and " …”" in line and "on Monday" in line
    short = make_doc("They met on Monday for hours.", "2025-02-28")
    c = next(c for c in build_claims(short, extract_all(short))["claims"] if c["evidence"]["text"] == "Monday")
    assert _cite(c, "Our Paper").endswith("“Monday” in “They met on Monday for hours.”")


def test_claims_of_one_run_on_sentence_stay_one_sentence() -> None:
    """Alignment groups figures by sentence: windows of one run-on sentence still share it."""
    from checker.align.measures import measures
    text = "Officials said 12 people died in the fire " + "and the rescue went on " * 40 + "while 30 people were hurt."
    doc = make_doc(text, "2025-02-28")
    data = build_claims(doc, extract_all(doc))
    counts = [c for c in data["claims"] if c["kind"] == "count"]
    assert len(counts) == 2 and counts[0]["sentence"]["start"] != counts[1]["sentence"]["start"]
    ms = measures([data], {})
    assert len(ms) == 2 and all(len(m.snapshot) == 1 for m in ms)
