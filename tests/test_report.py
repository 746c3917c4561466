"""The report: golden files for a small corpus made for the tests, schema, escaping, determinism.

Golden files live in tests/golden/. After a deliberate change to the report, regenerate them with
``CHECKER_UPDATE_GOLDEN=1 python -m pytest tests/test_report.py``, read the diff, and commit it.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from checker.claims import schema
from checker.cli import run
from checker.pipeline import report_corpus
from checker.render.markdown import escape

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("CHECKER_UPDATE_GOLDEN") == "1"


def _normalise(text: str) -> str:
    # claims files carry a fingerprint of the extractor code; reports do not, but keep this robust
    return re.sub(r'"extractor": "[0-9a-f]+"', '"extractor": "…"', text)


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("story")
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the report are as given on the command line
    try:
        code = run(["report", "tests/fixtures/story", "--claims", str(tmp / "claims"), "--out", str(tmp / "reports"),
                    "--format", "json", "-q"], io.StringIO(), io.StringIO())
    finally:
        os.chdir(cwd)
    assert code == 0
    return tmp / "reports" / "story.md", tmp / "reports" / "story.json"


@pytest.mark.parametrize("name", ["story.md", "story.json"])
def test_report_matches_golden_file(story, name: str) -> None:
    produced = (story[0].parent / name).read_text("utf-8")
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(produced, "utf-8")
    assert golden.is_file(), f"no golden file {golden}: run with CHECKER_UPDATE_GOLDEN=1 and review it"
    assert _normalise(produced) == _normalise(golden.read_text("utf-8")), \
        f"{name} differs from tests/golden/{name}; if the change is intended, regenerate with CHECKER_UPDATE_GOLDEN=1"


def test_json_report_validates_and_conflicts_have_two_sides(story) -> None:
    data = json.loads(story[1].read_text("utf-8"))
    jsonschema.Draft202012Validator(schema("report")).validate(data)
    assert {"sources", "events", "findings"} <= set(data)
    for f in data["findings"]:
        assert set(f) >= {"id", "status", "kind", "event", "sides", "claims", "explanation"}
        if f["status"] == "conflict":
            assert len(f["sides"]) >= 2


def test_story_findings_are_the_ones_an_editor_expects(story) -> None:
    """The test corpus has one wire story reprinted twice, a date one day off, a second/third round
    disagreement and a 12-hour claim that cannot fit 'about five hours'."""
    data = json.loads(story[1].read_text("utf-8"))
    groups = {s["id"]: s["group"] for s in data["sources"]}
    assert groups["wire"] == groups["reprint"] != groups["post"]
    status = {f["id"]: f for f in data["findings"]}
    date = status["date:ev-2025-03-03-rotterdam"]
    assert date["status"] == "conflict" and date["sides"] == [["post", "reprint", "wire"], ["gazette"]]
    assert status["ordinal:ev-2025-03-03-rotterdam"]["status"] == "conflict"
    assert status["duration:ev-2025-03-03-rotterdam"]["status"] == "conflict"
    assert status["place:ev-2025-03-03-rotterdam"]["status"] == "agree"
    assert "4 outlets, 3 independent sources" in status["place:ev-2025-03-03-rotterdam"]["explanation"]


def test_report_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        r = report_corpus([STORY], tmp_path / f"c{i}", tmp_path / f"r{i}", ("md", "json"))
        outs.append([p.read_bytes() for p in r.written])
    assert outs[0] == outs[1]


def test_second_run_reuses_fresh_claims(tmp_path: Path) -> None:
    first = report_corpus([STORY], tmp_path / "c", tmp_path / "r", ("md",))
    second = report_corpus([STORY], tmp_path / "c", tmp_path / "r", ("md",))
    third = report_corpus([STORY], tmp_path / "c", tmp_path / "r", ("md",))
    assert len(first.reextracted) == 4 and second.reextracted == [] == third.reextracted
    assert "First run" in first.markdown and "No changes since the previous run." in second.markdown
    assert second.markdown == third.markdown


@pytest.mark.parametrize("hostile", [
    "a | b", "**bold**", "`code`", "<script>alert(1)</script>", "[link](http://x)", "\x1b[31mred\x1b[0m",
    "line\nbreak", "_x_", "a\u202eb",
])
def test_escape_makes_source_text_inert(hostile: str) -> None:
    out = escape(hostile)
    assert "\n" not in out and "\x1b" not in out and "\u202e" not in out
    assert not re.search(r"(?<!\\)[|*`<>\[\]_]", out)


def test_hostile_quote_cannot_break_the_markdown(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = ('"We | will *never* `sign` <script>alert(1)</script> this \x1b[2J deal," Foreign Minister '
            'Anna Berg told reporters in Oslo on March 3, 2025.\n')
    (corpus / "a.txt").write_text("March 4, 2025\n\n" + body, "utf-8")
    (corpus / "b.txt").write_text("March 4, 2025\n\n" + body.replace("Oslo", "the capital"), "utf-8")
    r = report_corpus([corpus], tmp_path / "claims", tmp_path / "reports", ("md",))
    md = r.markdown
    assert "<script>" not in md and "\x1b" not in md
    header_cells = None
    for line in md.splitlines():
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line))
        if header_cells is None:
            header_cells = cells
        assert cells == header_cells, f"a table row was split by source text: {line}"
    # the quote is shown as list items, its Markdown specials escaped and its markup removed
    assert md.count("We \\| will \\*never\\* \\`sign\\`") >= 2
    for line in md.splitlines():
        if "sign" in line:
            assert line.startswith(("- ", "  ")) and "<" not in line


def test_source_markup_is_stripped_not_shown_escaped() -> None:
    from checker.render.markdown import shown

    assert shown("the Kremlin <u>said</u> Tuesday &amp; more") == "the Kremlin said Tuesday & more"
    assert escape("Tom & Co") == "Tom & Co" and escape("&#x202e;x") == "&amp;#x202e;x"  # entities stay inert
    assert shown("a < b and <Reuters>") == "a \\< b and \\<Reuters\\>"  # not markup: kept, escaped


def test_conflicts_to_check_first_are_ordered_by_certainty_then_stakes() -> None:
    from checker.render.markdown import _to_check

    def f(fid, kind, status="conflict", confidence=1.0):
        return {"id": fid, "kind": kind, "status": status, "confidence": confidence, "title": fid,
                "sides": [["a"], ["b"]], "values": ["1", "2"]}

    lines = _to_check([f("q", "quote"), f("p", "count", "possible-conflict", 0.5), f("d", "date"),
                       f("c", "count"), f("agreed", "count", "agree")], {"a": "A", "b": "B"})
    order = [re.search(r"\*\*(\w+)\*\*", x).group(1) for x in lines if re.match(r"\d+\. ", x)]
    assert order == ["c", "d", "q", "p"]
    assert "1 (A) vs 2 (B)" in lines[0]
    assert _to_check([f("agreed", "count", "agree")], {})[0].startswith("Nothing to check")


def test_report_lines_stay_readable(tmp_path: Path) -> None:
    """Prose and evidence wrap at 100 columns; only table rows and single long tokens may exceed it."""
    r = report_corpus([ROOT / "seeds"], tmp_path / "claims", tmp_path / "reports", ("md",))
    for line in r.markdown.splitlines():
        if len(line) > 100 and not line.startswith("|"):
            assert " " not in line.strip(), line


@pytest.mark.parametrize("text, shows", [
    ("They spoke for nearly three hours.", True),
    ("It lasted six hours, officials said.", True),
    ("The talks lasted six hours.", False),
    ("“There was a meeting,” he said, “for six hours.”", False),
    ("There were six hours of talks.", False),
])
def test_a_sentence_that_points_back_is_shown_with_the_one_before(text: str, shows: bool) -> None:
    from checker.render.markdown import _cite

    before = "Putin and Trump met in Anchorage on Friday."
    raw = before + " " + text
    start = len(before) + 1
    claim = {"id": "a:duration:1", "kind": "duration", "source": "a",
             "evidence": {"text": "six hours", "line": 1, "column": start + 1, "start": start, "end": start + 9},
             "sentence": {"text": text, "start": start, "end": len(raw), "line": 1, "column": start + 1}}
    line = _cite(claim, "Outlet", {"a": [(0, len(before), before), (start, len(raw), text)]})
    assert ("Anchorage" in line) is shows
    assert escape(text)[:20] in line


def test_wire_copies_citing_the_same_words_are_one_item(tmp_path: Path) -> None:
    r = report_corpus([STORY], tmp_path / "c", tmp_path / "r", ("md",))
    md = " ".join(r.markdown.split())
    assert "Word for word the same in Harbour Wire (`wire` line 5, col 107): copies of one story." in md
    assert "- Harbour Wire, `wire` line 5, col 107" not in md  # never listed again on its own
