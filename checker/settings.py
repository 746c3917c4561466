"""Tunable thresholds and defaults, in one place.

Every number a heuristic depends on lives here so that it can be found,
documented and changed without hunting through the extractors.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


@dataclass(frozen=True)
class Settings:
    # Sources larger than this are refused with a clear message (--max-bytes overrides).
    max_source_bytes: int = 20_000_000
    # URLs (checker.sources.fetch): seconds to wait for a page, its largest size, and the fewest
    # words of article text below which the page is a paywall, consent or index stub.
    fetch_timeout_seconds: float = 20.0
    fetch_max_bytes: int = 10_000_000
    fetch_min_words: int = 60
    # Evaluation: a duration matches a gold one when both ends agree within this many seconds.
    duration_tolerance_seconds: float = 1.0
    # Independence: sources whose shingle resemblance reaches this are copies of one text.
    duplicate_jaccard: float = 0.5
    # Entities: first names this close (Jaro-Winkler, folded) with one surname are one person.
    name_similarity: float = 0.85
    # Statements: similarity needed to group two wordings by one speaker / by different speakers.
    quote_same_speaker: float = 0.5
    quote_other_speaker: float = 0.75
    # ... and the words the shorter of two wordings by different speakers needs before they can be one
    # statement: a three-word phrase ("terrorist bomb attacks") is common wording, not a misattribution.
    quote_other_speaker_min_words: int = 5
    # Statements: members of one candidate group compared with a new statement (blocking).
    group_probes: int = 4
    # Quotes: how far (characters) a reported clause or a speech verb's reach extends in one
    # sentence; far beyond real news sentences, it keeps run-on text linear.
    statement_reach: int = 1500
    # Claims: a claim copies its whole sentence as context up to this many characters (real news
    # sentences stay well under it: the longest in the seeds, dev stories and PolNeAR has 504); a
    # longer, run-on sentence is cut to a window of ``sentence_window`` characters around the claim's
    # evidence, at word boundaries, so the claims file stays linear in the source's size.
    sentence_context: int = 600
    sentence_window: int = 200
    # Quotes: the farthest (characters) a single quote mark looks for its closing mark in its
    # sentence; an opening mark with no closing one within it quotes nothing.
    single_quote_reach: int = 1500
    # Quotes: the farthest (characters) markless speech after a colon ("a spokesman said: The ...")
    # runs; it ends with its paragraph, or with the last sentence ending within this reach.
    colon_quote_reach: int = 1000
    # Counts: sentence similarity (count removed) needed to compare two counts of one unit.
    count_context: float = 0.5
    # Findings: a conflict whose frames are pinned less firmly than this (0-1) is shown apart as a
    # possible conflict to check, not mixed with the certain ones.
    conflict_confidence: float = 0.7
    # Locks: how long (seconds) a run that writes waits for another run holding the lock of a
    # directory it writes (the corpus, claims/) before it stops with one line; an editor's add
    # queues behind a colleague's rather than failing at once.
    lock_wait_seconds: float = 60.0
    # Temp files of this tool's own naming older than this (seconds) were left by a killed run: no
    # write takes that long. The next run removes them from the directories it writes.
    stale_temp_seconds: float = 600.0


SETTINGS = Settings()


@contextlib.contextmanager
def overridden(**changes):
    """Replace some settings for the duration of one command (e.g. ``--max-bytes``), then restore.

    Readers that must see the override look the value up as ``settings.SETTINGS.<field>``
    at call time rather than binding ``SETTINGS`` at import.
    """
    global SETTINGS
    before = SETTINGS
    SETTINGS = replace(before, **{k: v for k, v in changes.items() if v is not None})
    try:
        yield SETTINGS
    finally:
        SETTINGS = before

