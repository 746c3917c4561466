"""A warm run (claims stored, nothing changed) reuses each source's claims without segmenting it;
the report is the one a cold run writes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import checker.sources
import checker.text
from checker.pipeline import report_corpus

ROOT = Path(__file__).resolve().parents[1]


def _segments(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = checker.text.segment

    def counting(text: str):
        calls.append(len(text))
        return real(text)
    monkeypatch.setattr(checker.text, "segment", counting)
    monkeypatch.setattr(checker.sources, "segment", counting, raising=False)  # wherever it is bound
    return calls


def test_warm_report_segments_only_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    claims, reports = tmp_path / "claims", tmp_path / "reports"
    cold = report_corpus([corpus], claims, reports, ("md", "json"))
    calls = _segments(monkeypatch)
    warm = report_corpus([corpus], claims, reports, ("md", "json"))
    assert warm.reextracted == [] and len(cold.reextracted) == 5
    assert len(calls) < 5  # at most the sources whose claims point back to the sentence before
    assert warm.report == cold.report
    assert warm.markdown == cold.markdown.replace("First run: no previous report to compare with.",
                                                  "No changes since the previous run.")


ALASKA = ROOT.parent / "shared" / "dev-stories" / "alaska-summit-2025"


@pytest.mark.skipif(not ALASKA.is_dir(), reason="../shared/dev-stories not present")
def test_warm_report_still_shows_the_sentence_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim whose sentence points back ("They spoke for nearly three hours ...") is shown with
    the sentence before it on a warm run too: that source, and only such sources, are segmented."""
    story = shutil.copytree(ALASKA, tmp_path / "alaska")
    claims, reports = tmp_path / "claims", tmp_path / "reports"
    cold = report_corpus([story], claims, reports, ("md",))
    shown = re.search(r"in “[^”]*Anchorage[^”]*\. They spoke for nearly three hours", cold.markdown.replace("\n  ", " "))
    assert shown
    calls = _segments(monkeypatch)
    warm = report_corpus([story], claims, reports, ("md",))
    assert warm.reextracted == []
    assert 1 <= len(calls) < len(warm.docs)
    assert warm.markdown == cold.markdown.replace("First run: no previous report to compare with.",
                                                  "No changes since the previous run.")


def test_the_sketch_code_is_part_of_the_extractor_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored sketches are reused for the same bytes and code: a change to the sketch is a new
    fingerprint, so every stored claims file is stale and its sketch computed again."""
    from checker import claims
    from checker.align import independence
    before = claims.fingerprint.__wrapped__()
    monkeypatch.setattr(independence, "SKETCH_SIZE", independence.SKETCH_SIZE + 1)
    assert claims.fingerprint.__wrapped__() != before
