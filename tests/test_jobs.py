"""--jobs N: extraction in worker processes writes the same bytes and prints the same lines as one."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from checker.cli import run

ROOT = Path(__file__).resolve().parents[1]


def _corpus(base: Path) -> list[str]:
    """Copies of the seeds and the fixture story (with their manifests), a file that cannot be
    read, and two files of one source id (the second is refused)."""
    seeds, story = base / "seeds", base / "story"
    shutil.copytree(ROOT / "seeds", seeds)
    shutil.copytree(ROOT / "tests" / "fixtures" / "story", story)
    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 20)
    (story / "empty.md").write_bytes(b"")
    (story / "Gazette.md").write_text((story / "gazette.txt").read_text("utf-8"), "utf-8")  # id 'gazette' twice
    return ["seeds", "story"]


def _run_in(cwd: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["extract", "report"])
def test_jobs_two_is_byte_identical_to_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    results = []
    for jobs in ("1", "2"):
        base = tmp_path / f"j{jobs}"
        base.mkdir()
        paths = _corpus(base)
        extra = ["--out", "claims"] if command == "extract" else ["--claims", "claims", "--out", "reports",
                                                                    "--format", "json", "-v"]
        results.append((_run_in(base, monkeypatch, command, *paths, *extra, "--jobs", jobs),
                        _tree(base / "claims"), _tree(base / "reports") if command == "report" else {}))
    (one, c1, r1), (two, c2, r2) = results
    assert one[0] == two[0] == 2  # the unreadable files are errors, the rest is done
    assert one[1] == two[1]  # printed lines
    assert one[2] == two[2]  # error lines, same order
    assert one[2].count("checker: error:") == 3, one[2]
    assert "same source id 'gazette'" in one[2]
    assert c1 == c2 and len(c1) == 9  # 5 seeds + the story's 4 (Gazette.md first; gazette.txt refused)
    assert r1 == r2


def test_jobs_report_warm_run_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run reuses the claims the workers wrote: nothing re-extracted, same report."""
    paths = _corpus(tmp_path)
    argv = ["report", *paths, "--claims", "claims", "--out", "reports", "-v"]
    first = _run_in(tmp_path, monkeypatch, *argv, "--jobs", "2")
    second = _run_in(tmp_path, monkeypatch, *argv, "--jobs", "2")
    assert "9 sources (9 re-extracted)" in first[1]
    assert "9 sources (0 re-extracted)" in second[1]
    assert first[2] == second[2]


def test_jobs_must_be_positive() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["extract", "--jobs", "0"], out, err) == 2
    assert "not a positive number of processes" in err.getvalue()
