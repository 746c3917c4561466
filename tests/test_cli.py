"""The command line: help for every sub-command, README coverage, one-line errors, outputs."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from checker.cli import build_parser, run

ROOT = Path(__file__).resolve().parents[1]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(action.choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_has_help_with_example(command: str) -> None:
    code, out, _ = _run(command, "--help")
    assert code == 0
    assert "example" in out.lower()
    assert f"checker {command}" in out


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_is_in_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"`checker {command}\b", readme), f"README does not document 'checker {command}'"


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join((ROOT / "README.md").read_text("utf-8").splitlines()[:20])
    assert "pip install" in head and "pytest" in head
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_cmd = next(l.strip() for l in head.splitlines() if "pytest" in l)
    assert test_cmd.strip("`$ ") in ci


def test_unknown_option_is_a_usage_error() -> None:
    code, _, err = _run("extract", "--no-such-flag")
    assert code == 2
    assert "unrecognized arguments" in err
    assert "Traceback" not in err


def test_missing_path_is_one_line_error_and_others_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Officials met in Paris on March 3, 2024 for a second round of talks.\n", "utf-8")
    code, out, err = _run("extract", str(tmp_path / "missing.txt"), str(good), "--out", str(tmp_path / "claims"))
    assert code == 2
    lines = [l for l in err.splitlines() if l]
    assert len(lines) == 1 and "missing.txt" in lines[0]
    assert (tmp_path / "claims" / "good.json").is_file()


def test_extract_is_byte_identical_across_runs(tmp_path: Path) -> None:
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    a, b = tmp_path / "a", tmp_path / "b"
    assert _run("extract", str(corpus), "--out", str(a), "-q")[0] == 0
    assert _run("extract", str(corpus), "--out", str(b), "-q")[0] == 0
    names = sorted(p.name for p in a.iterdir())
    assert names == ["harbour-wire.json", "harbour.json"]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_extract_flags_override_metadata(tmp_path: Path) -> None:
    art = tmp_path / "note.txt"
    art.write_text("The delegations met on Thursday in Geneva.\n", "utf-8")
    code, _, err = _run("extract", str(art), "--published", "2025-02-28", "--outlet", "Desk",
                        "--out", str(tmp_path / "c"), "-q")
    assert code == 0, err
    data = json.loads((tmp_path / "c" / "note.json").read_text("utf-8"))
    assert data["source"]["published"] == "2025-02-28"
    assert data["source"]["published_from"] == "flag"
    assert data["source"]["outlet"] == "Desk"
    dates = [c["value"]["timex"] for c in data["claims"] if c["kind"] == "date"]
    assert dates == ["2025-02-27"]


def test_bad_date_flag_is_usage_error() -> None:
    code, _, err = _run("extract", "--published", "28/02/2025")
    assert code == 2 and "ISO date" in err


def test_eval_malformed_gold_exits_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = _run("eval", str(bad))
    assert code == 2
    assert str(bad) in err and "JSON" in err
