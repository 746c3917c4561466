"""`checker check`: a draft's claims against a corpus, like a linter (file:line:col: verdict)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from checker.cli import run

STORY = Path(__file__).resolve().parent / "fixtures" / "story"


def _check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(["check", *argv], out, err), out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(STORY, tmp_path / "story")
    return tmp_path / "story"


def test_wrong_date_ordinal_and_misattributed_quote_are_flagged(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Dock talks\n\n"
        "Port negotiators met in Rotterdam on March 4 for the fourth round of talks on dock wages.\n\n"
        "\"We have narrowed the gap on pay,\" union leader Piet Bakker said after the session.\n", "utf-8")
    code, out, _ = _check(str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims"),
                          "--published", "2025-03-05")
    assert code == 1
    lines = out.splitlines()
    date = next(l for l in lines if "March 4" in l or ":3:" in l and "date" in l)
    assert date.startswith(f"{draft}:3:") and "conflict" in date and "3 Mar 2025" in date
    assert any(l.startswith(f"{draft}:3:") and "conflict" in l and "fourth" in l for l in lines)
    quote = next(l for l in lines if l.startswith(f"{draft}:5:"))
    assert "conflict" in quote and "Anna de Vries" in quote
    # under each conflict, every other source's own words with line and column, to fix the draft
    # without opening the report
    i = lines.index(date)
    below = []
    for l in lines[i + 1:]:
        if not l.startswith("    "):
            break
        below.append(l.strip())
    assert below and all(re.match(r".+, line \d+, col \d+: “[^”]+” in “.+”$", b) for b in below)
    assert any("March 3" in b or "Monday" in b for b in below)


def test_a_correct_draft_passes_and_names_its_support(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "ok.md"
    draft.write_text("Port negotiators held their third round of talks on dock wages in Rotterdam on March 3.\n",
                     "utf-8")
    code, out, _ = _check(str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims"),
                          "--published", "2025-03-04")
    assert code == 0, out
    assert "conflict" not in out
    # Port Gazette gives 2 March and a second round: the draft sides with the three others
    date = next(l for l in out.splitlines() if "date of" in l)
    assert "disputed" in date and "3 outlets, 2 independent sources" in date and "Port Gazette" in date


def test_unsupported_claims_fail_only_with_strict(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "new.md"
    draft.write_text("\"Nothing is agreed yet,\" union leader Piet Bakker told reporters.\n", "utf-8")
    args = [str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims")]
    code, out, _ = _check(*args)
    assert code == 0 and "unsupported" in out
    assert _check(*args, "--strict")[0] == 1


def test_draft_without_claims_says_so(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "empty.md"
    draft.write_text("A note to self about the layout of the page.\n", "utf-8")
    code, out, _ = _check(str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims"))
    assert code == 0 and "no checkable claims" in out


def test_corpus_claims_are_read_back_not_re_extracted(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("Port negotiators met in Rotterdam on March 3.\n", "utf-8")
    claims = tmp_path / "claims"
    _check(str(draft), "--against", str(corpus), "--claims", str(claims))
    stamps = {p.name: p.stat().st_mtime_ns for p in claims.iterdir()}
    assert len(stamps) == 4
    _check(str(draft), "--against", str(corpus), "--claims", str(claims))
    assert {p.name: p.stat().st_mtime_ns for p in claims.iterdir()} == stamps


def test_report_file_and_missing_draft(corpus: Path, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("Port negotiators met in Rotterdam on March 2.\n", "utf-8")
    rep = tmp_path / "check.md"
    _check(str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims"), "--report", str(rep),
           "--published", "2025-03-04")
    assert rep.read_text("utf-8").startswith("# Draft check:")
    code, _, err = _check(str(tmp_path / "nope.md"), "--against", str(corpus))
    assert code == 2 and "nope.md" in err and "Traceback" not in err


def test_a_draft_about_an_event_of_another_kind_is_checked_on_frames(tmp_path: Path) -> None:
    """A crash, not a meeting: a wrong day for it is a conflict (not "unsupported"), the toll on board
    is supported, and a ground toll two outlets give differently is disputed."""
    corpus = tmp_path / "crash"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "crash", corpus)
    draft = tmp_path / "draft.md"
    draft.write_text("A passenger jet crashed in Kasumba on Wednesday, killing all 151 people on board.\n\n"
                     "At least 12 people on the ground were killed.\n", "utf-8")
    code, out, _ = _check(str(draft), "--against", str(corpus), "--claims", str(tmp_path / "claims"),
                          "--published", "2025-03-05")
    assert code == 1
    lines = out.splitlines()
    assert any("Wednesday" not in l and l.startswith(f"{draft}:1:") and "conflict: date of the crash" in l
               and "draft says 5 Mar 2025" in l and "4 Mar 2025" in l for l in lines)
    assert any(l.startswith(f"{draft}:1:") and "supported: count of people dead (on board)" in l for l in lines)
    assert any(l.startswith(f"{draft}:3:") and "disputed" in l and "7 people" in l for l in lines)
