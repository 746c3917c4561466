"""The TimeML view (checker.extract.timex): exact extents, types and values from tests/cases/timex/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import dates
from checker.extract.base import make_doc
from checker.extract.timex import _easter, timexes

CASES = json.loads((Path(__file__).parent / "cases" / "timex" / "extents.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_extents(case: dict) -> None:
    doc = make_doc(case["text"], case.get("published"))
    got = [[doc.text[t.start:t.end], t.type, t.value] for t in timexes(doc)]
    if case.get("only"):
        assert got == case["expect"]
    else:
        for exp in case["expect"]:
            assert exp in got, f"{exp} not in {got}"


def test_vague_references_never_become_date_claims() -> None:
    """'now' and 'the quarter' are TimeML timexes but nothing an outlet can be checked on."""
    doc = make_doc("Prices are now lower than in the quarter, and recently fell.", "2001-05-10")
    assert [t.value for t in timexes(doc)] == ["PRESENT_REF", "2001-Q1", "PAST_REF"]
    assert dates.extract(doc, {}) == []


def test_without_publication_date_values_keep_placeholders() -> None:
    doc = make_doc("They met on Thursday. A year earlier, trucks crossed.", None)
    assert [t.value for t in timexes(doc)] == ["XXXX-XX-XX", "XXXX-XX-XX"]


def test_timexes_stay_linear_on_hostile_text() -> None:
    """Reference-time look-ups are bounded: 4x the text must not take 10x the time."""
    import time

    def run(n: int, unit: str, pub: str | None) -> float:
        doc = make_doc((unit * (n // len(unit) + 1))[:n], pub)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            timexes(doc)
            best = min(best, time.perf_counter() - t0)
        return max(best, 0.002)

    for unit, pub in [("Monday that day, the following year and the quarter. ", None),
                      ("the fourth quarter a year ago now recently ", "2025-02-28"),
                      ("nineteen ninety-six Thanksgiving Day 9 a.m. Tuesday daily ", "2025-02-28")]:
        run(5_000, unit, pub)
        small, large = run(25_000, unit, pub), run(100_000, unit, pub)
        assert large / small < 10, (unit, small, large)


_TIMEX_WORDS = ("now recently the past future quarter latest year-earlier a year ago earlier later that day "
                "the following year fiscal 1989 1996 Thanksgiving Day Election Day nineteen ninety-six "
                "two thousand night morning 9 a.m. noon EST daily every each Friday for years weeks "
                "the year ended Sept. 30 Monday Tuesday January last this next week month , . ; \n").split(" ")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TIMEX_WORDS) | st.text(max_size=4), max_size=60),
       st.sampled_from([None, "1989-11-02", "2000-02-29"]))
def test_any_text_gives_ordered_in_bounds_timexes(words: list[str], pub: str | None) -> None:
    text = " ".join(words)
    got = timexes(make_doc(text, pub))
    assert all(0 <= t.start < t.end <= len(text) for t in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))  # overlap-free, in text order
    assert all(t.type in ("DATE", "TIME", "DURATION", "SET") and t.value for t in got)


@pytest.mark.parametrize("year,easter", [(1990, "1990-04-15"), (2000, "2000-04-23"), (2019, "2019-04-21"),
                                         (2024, "2024-03-31"), (2025, "2025-04-20"), (2038, "2038-04-25")])
def test_easter_computus_matches_published_dates(year: int, easter: str) -> None:
    assert _easter(year).isoformat() == easter
