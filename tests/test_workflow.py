"""Editor workflows end to end through the command line on temporary corpora:
adding a source, re-verification, removing, and review notes that survive re-runs."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from checker.cli import run

ROOT = Path(__file__).resolve().parents[1]

SIXTH = ("Russia, US hold embassy talks in Istanbul\nMarch 1, 2025\n\n"
         "Russian and US diplomats met in Istanbul on Wednesday to discuss the operation of their embassies.\n\n"
         "The talks at the residence of the US Consul General lasted about four hours, Russian media reported.\n")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)  # the story keeps its claims/ and reports/ in seeds/
    assert _run("report", "seeds", "-q")[0] == 0
    return tmp_path


def test_adding_a_contradicting_article_shows_the_new_conflict(work: Path) -> None:
    (work / "sixth.txt").write_text(SIXTH, "utf-8")
    before = {p.name: p.read_bytes() for p in (work / "seeds" / "claims").iterdir()}
    code, out, err = _run("add", "sixth.txt", "--corpus", "seeds", "--outlet", "Test Wire")
    assert code == 0, err
    assert "6 sources (1 re-extracted)" in out
    assert "source added: sixth" in out
    assert "new conflict: Date of the meeting of 27 Feb 2025 in Istanbul" in out
    assert "new conflict: Duration of the meeting of 27 Feb 2025 in Istanbul" in out
    for name, data in before.items():  # other sources' claims are untouched
        assert (work / "seeds" / "claims" / name).read_bytes() == data
    manifest = json.loads((work / "seeds" / "manifest.json").read_text("utf-8"))
    assert manifest["sources"]["sixth.txt"] == {"outlet": "Test Wire"}
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert "## Changes since the previous run" in md and "new conflict: Date of the meeting" in md


def test_rerun_with_nothing_changed_extracts_nothing_and_writes_an_identical_report(work: Path) -> None:
    _run("report", "seeds", "-q")  # the second run says "No changes"; from then on the bytes hold
    first = (work / "seeds" / "reports" / "seeds.md").read_bytes()
    stamps = {p.name: p.stat().st_mtime_ns for p in (work / "seeds" / "claims").iterdir()}
    code, out, _ = _run("report", "seeds")
    assert code == 0 and "(0 re-extracted)" in out
    assert (work / "seeds" / "reports" / "seeds.md").read_bytes() == first
    assert {p.name: p.stat().st_mtime_ns for p in (work / "seeds" / "claims").iterdir()} == stamps


def test_a_changed_file_is_re_extracted_alone(work: Path) -> None:
    src = work / "seeds" / "004_898512bc08cbb9b7.txt"
    src.write_text(src.read_text("utf-8").replace("February 12", "February 13"), "utf-8")
    code, out, _ = _run("report", "seeds")
    assert code == 0 and "(1 re-extracted)" in out


def test_review_note_survives_reruns_and_flags_changed_evidence(work: Path) -> None:
    code, out, _ = _run("review", "numbering:2", "--note", "BS counts Riyadh as round one", "--corpus", "seeds")
    assert code == 0
    _run("report", "seeds", "-q")
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert "**Reviewed** by " in md and ": BS counts Riyadh as round one" in md
    # new evidence for the reviewed conflict: a sixth source numbers the February meeting too
    (work / "sixth.txt").write_text(SIXTH.replace("embassies.", "embassies, their second round of talks."),
                                    "utf-8")
    _run("add", "sixth.txt", "--corpus", "seeds", "-q")
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert "**Needs review again** (its evidence changed since it was reviewed by " in md
    code, out, _ = _run("review", "--corpus", "seeds")
    assert "numbering:2: noted, needs review again by " in out and out.rstrip().endswith(
        ": BS counts Riyadh as round one")
    reviews = json.loads((work / "seeds" / "reviews.json").read_text("utf-8"))
    assert reviews["reviews"]["numbering:2"]["note"] == "BS counts Riyadh as round one"


def _section(md: str, title: str) -> str:
    start = md.index(f"## {title}")
    end = md.find("\n## ", start + 3)
    return md[start:end if end > 0 else len(md)]


def test_dismissing_a_false_alarm_takes_it_off_the_list_at_once(work: Path) -> None:
    _run("report", "seeds", "--format", "json", "-q")
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert "numbering:2" in _section(md, "Check before publishing")
    code, out, _ = _run("review", "numbering:2", "--dismiss", "--note", "different starting points",
                        "--by", "Anna", "--corpus", "seeds")
    assert code == 0 and out.startswith("dismissed numbering:2")
    # no re-run needed: the review rewrote the report files
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert "numbering:2" not in _section(md, "Check before publishing")
    assert "numbering:2" not in _section(md, "Conflicts")
    assert "**Dismissed as a false alarm** by Anna: different starting points" in " ".join(
        _section(md, "Reviews").split())
    data = json.loads((work / "seeds" / "reports" / "seeds.json").read_text("utf-8"))
    (f,) = [f for f in data["findings"] if f["id"] == "numbering:2"]
    assert f["review"] == {"state": "reviewed", "note": "different starting points", "decision": "dismissed",
                           "by": "Anna"}
    code, out, _ = _run("review", "--corpus", "seeds")
    assert out == "numbering:2: dismissed, reviewed by Anna: different starting points\n"


def test_confirming_a_conflict_marks_it(work: Path) -> None:
    _run("report", "seeds", "-q")
    code, _, _ = _run("review", "numbering:2", "--confirm", "--note", "BS is wrong", "--by", "Ben",
                      "--corpus", "seeds")
    md = (work / "seeds" / "reports" / "seeds.md").read_text("utf-8")
    assert code == 0 and "(confirmed by review)" in _section(md, "Check before publishing")
    assert "**Confirmed** by Ben: BS is wrong" in " ".join(_section(md, "Conflicts").split())


def test_a_second_run_with_nothing_changed_says_no_changes(work: Path) -> None:
    _run("report", "seeds", "-q")
    (work / "seeds" / "004_898512bc08cbb9b7.txt").unlink()
    _run("report", "seeds", "-q")
    assert "source removed" in _section((work / "seeds" / "reports" / "seeds.md").read_text("utf-8"), "Changes")
    _run("report", "seeds", "-q")
    changes = _section((work / "seeds" / "reports" / "seeds.md").read_text("utf-8"), "Changes")
    assert "No changes since the previous run." in changes and "source removed" not in changes


def test_reviewing_an_unknown_finding_is_a_clear_error(work: Path) -> None:
    code, _, err = _run("review", "date:no-such-event", "--note", "x", "--corpus", "seeds")
    assert code == 2 and "no such finding" in err and "Traceback" not in err


def test_removing_a_source_drops_its_claims_and_reports_the_change(work: Path) -> None:
    code, out, _ = _run("remove", "003_7e4ab87e524eadcc", "--corpus", "seeds")
    assert code == 0
    assert "source removed: 003_7e4ab87e524eadcc" in out
    assert "conflict resolved: Numbering of the series" in out  # the other side of the conflict is gone
    assert not (work / "seeds" / "claims" / "003_7e4ab87e524eadcc.json").exists()
    assert not (work / "seeds" / "003_7e4ab87e524eadcc.txt").exists()


@pytest.mark.parametrize("setup,argv,reason", [
    (None, ["add", "missing.txt", "--corpus", "seeds"], "not found"),
    ("clash", ["add", "003_7e4ab87e524eadcc.txt", "--corpus", "seeds"], "--replace"),
    (None, ["remove", "nope", "--corpus", "seeds"], "no such source"),
])
def test_workflow_errors_are_one_line(work: Path, setup, argv, reason) -> None:
    if setup == "clash":
        (work / "003_7e4ab87e524eadcc.txt").write_text("Another article entirely.\n", "utf-8")
    code, _, err = _run(*argv)
    assert code == 2 and reason in err and len(err.strip().splitlines()) == 1


def test_hand_edited_claims_file_is_named_with_its_json_path_and_re_extracted(work: Path) -> None:
    path = work / "seeds" / "claims" / "000_8e6e9d66a0b609fb.json"
    data = json.loads(path.read_text("utf-8"))
    data["claims"][0]["evidence"]["line"] = "twelve"
    path.write_text(json.dumps(data), "utf-8")
    code, out, err = _run("report", "seeds")
    assert code == 0 and "(1 re-extracted)" in out
    warning = [l for l in err.splitlines() if "warning" in l]
    assert len(warning) == 1 and "000_8e6e9d66a0b609fb.json" in warning[0]
    assert "$['claims'][0]['evidence']['line']" in warning[0]
    assert json.loads(path.read_text("utf-8"))["claims"][0]["evidence"]["line"] != "twelve"


def test_terminal_escapes_in_source_metadata_never_reach_the_terminal(work: Path) -> None:
    manifest = json.loads((work / "seeds" / "manifest.json").read_text("utf-8"))
    manifest["sources"]["000_8e6e9d66a0b609fb.txt"]["outlet"] = "TRT\x1b[2J World"
    (work / "seeds" / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    code, out, err = _run("extract", "seeds", "--out", str(work / "c2"))
    assert "\x1b" not in out + err and "TRT\\x1b[2J World" in out  # shown, escaped, never acted on


# ---------------------------------------------------------------- concurrent editors (issue 13)
import os
import subprocess
import sys

_LOOP = """
import json, sys, time
from pathlib import Path
from checker.cli import run
go, who, command = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
while not go.exists():
    time.sleep(0.005)
for i in range(20):
    if command == "add":
        argv = ["add", f"../{who}-{i:02d}.txt", "--corpus", "../story", "--outlet", f"{who} {i}", "-q",
                "--claims", "claims", "--out", "reports"]
    else:
        ids = json.loads(Path("ids.json").read_text())
        if i >= len(ids):
            break
        argv = ["review", ids[i], "--note", f"{who} {i}", "--corpus", "../story", "--claims", "claims",
                "--out", "reports"]
    code = run(argv)
    if code != 0:
        sys.exit(f"{argv}: exit {code}")
"""


@pytest.mark.parametrize("command", ["add", "review"])
def test_two_editors_at_once_from_different_folders_lose_nothing(tmp_path: Path, command: str) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "base.txt").write_text("Officials met in Paris on March 3, 2024 for talks.\n", "utf-8")
    for who in ("a", "b"):
        (tmp_path / who).mkdir()
        for i in range(20):
            (tmp_path / f"{who}-{i:02d}.txt").write_text(
                f"Officials of desk {who} met in Paris on March {i % 27 + 1}, 2024 for {i + 2} hours.\n", "utf-8")
    expected: list[str] = []
    if command == "review":  # real findings to review: each source dates a meeting of its own
        cities = ["Paris", "Berlin", "Madrid", "Lisbon", "Vienna", "Prague", "Warsaw", "Oslo", "Dublin", "Rome"]
        for i in range(40):
            (story / f"s{i:02d}.txt").write_text(
                f"Officials met in {cities[i % 10]} on {['March', 'May', 'July', 'October'][i // 10]} "
                f"{i % 10 + 2}, 2024 for talks.\n", "utf-8")
        for who in ("a", "b"):  # each folder has its own claims/ and reports/ (and so its own claims lock)
            subprocess.run([sys.executable, "-m", "checker", "report", "../story", "-q", "--claims", "claims",
                            "--out", "reports"], cwd=tmp_path / who,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        state = json.loads((tmp_path / "a" / "reports" / "story.state.json").read_text("utf-8"))
        ids = sorted(state["findings"])[:40]
        assert len(ids) >= 30
        (tmp_path / "a" / "ids.json").write_text(json.dumps(ids[0::2]), "utf-8")
        (tmp_path / "b" / "ids.json").write_text(json.dumps(ids[1::2]), "utf-8")
        expected = ids
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _LOOP, str(go), who, command], cwd=tmp_path / who, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for who in ("a", "b")]
    go.touch()
    errs = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    if command == "add":
        manifest = json.loads((story / "manifest.json").read_text("utf-8"))["sources"]
        assert sorted(manifest) == sorted(f"{w}-{i:02d}.txt" for w in "ab" for i in range(20))
        assert len([p for p in story.iterdir() if p.suffix == ".txt"]) == 41
    else:
        reviews = json.loads((story / "reviews.json").read_text("utf-8"))["reviews"]
        assert sorted(reviews) == expected
    assert not [p.name for p in story.iterdir() if p.name.startswith(".")]  # no lock, no temp file left
