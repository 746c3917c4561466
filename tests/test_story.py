"""A story is a folder: its state lives inside it, the demo corpus is never written, and a missing
or empty story is an error, never a silent check against something else."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest

from checker.cli import run

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Published: 2025-03-04\n\nOfficials met in Geneva on Monday for talks that lasted six hours.\n"


def _run(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run([str(a) for a in argv], out, err), out.getvalue(), err.getvalue()


def _tree(p: Path) -> dict[str, str]:
    return {str(f.relative_to(p)): hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(p.rglob("*"))
            if f.is_file()}


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch) -> Path:
    """A working folder outside the project checkout."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(ARTICLE, "utf-8")
    return tmp_path


@pytest.mark.parametrize("argv, flag", [
    (["check", "draft.txt"], "--against"),
    (["report"], ""),
    (["extract"], ""),
    (["add", "draft.txt"], "--corpus"),
    (["remove", "x"], "--corpus"),
    (["review", "numbering:2", "--note", "x"], "--corpus"),
])
def test_outside_the_checkout_no_story_is_an_error_not_the_demo(elsewhere: Path, argv: list[str], flag: str) -> None:
    before = _tree(ROOT / "seeds")
    code, out, err = _run(*argv)
    assert code == 2 and "no story folder given" in err and flag in err and err.count("\n") == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == ["draft.txt"]  # nothing written here
    assert _tree(ROOT / "seeds") == before


@pytest.mark.parametrize("argv", [
    ["add", "draft.txt", "--corpus", ROOT / "seeds"],
    ["remove", "004_898512bc08cbb9b7", "--corpus", ROOT / "seeds"],
    ["review", "numbering:2", "--note", "x", "--corpus", ROOT / "seeds"],
])
def test_the_demo_corpus_is_never_written(elsewhere: Path, argv: list) -> None:
    before = _tree(ROOT / "seeds")
    code, _, err = _run(*argv)
    assert code == 2 and "read-only" in err
    assert _tree(ROOT / "seeds") == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["draft.txt"]


def test_a_story_keeps_its_own_state_and_two_stories_never_share_it(elsewhere: Path) -> None:
    for name, place in (("one", "Geneva"), ("two", "Vienna")):
        (elsewhere / name).mkdir()
        (elsewhere / name / "article.txt").write_text(ARTICLE.replace("Geneva", place), "utf-8")
    for name in ("one", "two"):
        code, out, _ = _run("report", name)
        assert code == 0 and "(1 re-extracted)" in out
        assert (elsewhere / name / "claims" / "article.json").is_file()
        assert (elsewhere / name / "reports" / f"{name}.md").is_file()
    for name in ("one", "two"):  # same file name in both: neither re-extracts the other's
        code, out, _ = _run("report", name)
        assert code == 0 and "(0 re-extracted)" in out
    assert "Vienna" not in (elsewhere / "one" / "reports" / "one.md").read_text("utf-8")
    assert not (elsewhere / "claims").exists() and not (elsewhere / "reports").exists()


def test_add_remove_review_keep_the_state_in_the_story(elsewhere: Path) -> None:
    story = elsewhere / "story"
    shutil.copytree(ROOT / "seeds", story)
    assert _run("add", "draft.txt", "--corpus", story, "-q")[0] == 0
    assert (story / "claims" / "draft.json").is_file() and (story / "reports" / "story.md").is_file()
    assert not (elsewhere / "claims").exists()


@pytest.mark.parametrize("argv", [
    ["report", "nope"], ["report", "empty"], ["check", "draft.txt", "--against", "nope"],
    ["check", "draft.txt", "--against", "empty"], ["extract", "nope"],
])
def test_a_missing_or_empty_story_is_exit_2_and_writes_nothing(elsewhere: Path, argv: list[str]) -> None:
    (elsewhere / "empty").mkdir()
    code, out, err = _run(*argv)
    assert code == 2 and err.startswith("checker: error: ") and err.count("\n") == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == ["draft.txt", "empty"]
    assert list((elsewhere / "empty").iterdir()) == []
