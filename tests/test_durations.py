"""Duration extraction beyond the table cases: value contract, intervals, seeds, safety."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from checker.extract import dates, durations
from checker.extract.base import make_doc

ROOT = Path(__file__).resolve().parents[1]
SEED_PUBLISHED = {"000": "2025-04-01", "001": None, "002": "2025-02-28", "003": "2025-04-08", "004": None}
KEYS = {"min_seconds", "max_seconds", "modifier", "timex", "timeml_mod", "amount", "unit", "measures"}
MODIFIERS = {"exact": None, "approximately": "APPROX", "more_than": "MORE_THAN", "less_than": "LESS_THAN",
             "at_least": "EQUAL_OR_MORE", "up_to": "EQUAL_OR_LESS"}
UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}

SAMPLE = (
    "The talks lasted for over six hours. After 12 hours of negotiations they agreed. "
    "Just over five weeks into his presidency, he moved. The call took about 90 minutes. "
    "It lasted less than an hour. She made a two-day visit. He won a three-year term. "
    "The feud has run for more than a decade, nearly two years longer than planned. "
    "They spoke for at least 40 minutes; detention lasts up to 10 days. "
    "They met for half an hour, then for an hour and a half, then for several hours.")


def _extract(text: str, published: str | None = "2025-02-28"):
    doc = make_doc(text, published)
    found = {"date": dates.extract(doc, {})}
    return durations.extract(doc, found)


def test_value_contract() -> None:
    recs = _extract(SAMPLE)
    assert len(recs) == 14
    seen = set()
    for r in recs:
        v = r.value
        assert r.kind == "duration"
        assert set(v) == KEYS
        assert MODIFIERS[v["modifier"]] == v["timeml_mod"]
        assert v["unit"] in UNITS
        assert v["timex"].startswith("P")
        assert v["min_seconds"] >= 0
        assert v["max_seconds"] is None or v["max_seconds"] >= v["min_seconds"]
        seen.add(v["modifier"])
    assert seen == set(MODIFIERS)


@pytest.mark.parametrize("modifier,lo,hi", [
    ("exact", 7200, 7200), ("more_than", 7200, None), ("at_least", 7200, None),
    ("less_than", 0, 7200), ("up_to", 0, 7200), ("approximately", 6300, 8100),
])
def test_interval_by_modifier(modifier: str, lo: float, hi: float | None) -> None:
    v = durations._value(2, "hour", modifier, None, False, None, None)
    assert (v["min_seconds"], v["max_seconds"]) == (lo, hi)


def test_near_words_mean_slightly_less() -> None:
    v = _extract("The war has lasted nearly two years.")[0].value
    assert v["modifier"] == "less_than" and v["max_seconds"] == 2 * 365 * 86400
    assert 0 < v["min_seconds"] < v["max_seconds"]


@pytest.mark.parametrize("amount,unit,timex", [
    (6, "hour", "PT6H"), (90, "minute", "PT90M"), (30, "second", "PT30S"), (2, "day", "P2D"),
    (5, "week", "P5W"), (3, "month", "P3M"), (3, "year", "P3Y"), (1, "decade", "P10Y"),
    (1.5, "hour", "PT1H30M"), (2.5, "year", "P2Y6M"), (1.5, "day", "P1DT12H"), (0.5, "hour", "PT30M"),
])
def test_timex(amount: float, unit: str, timex: str) -> None:
    assert durations.timex_value(amount, unit, False) == timex


def test_dates_take_precedence() -> None:
    text = "The treaty lapsed two years ago, after a three-year review."
    doc = make_doc(text, "2025-02-28")
    found = {"date": dates.extract(doc, {})}
    assert [text[r.start:r.end] for r in found["date"]] == ["two years ago"]
    assert [text[r.start:r.end] for r in durations.extract(doc, found)] == ["three-year"]


@pytest.mark.parametrize("text", [
    "1 " * 20000,
    "and a half " * 5000 + "hours",
    "over " * 10000 + "six hours",
    "a-" * 10000 + "day",
    "years " * 10000,
])
def test_no_catastrophic_backtracking(text: str) -> None:
    doc = make_doc(text + ".", None)
    t0 = time.perf_counter()
    durations.extract(doc, {})
    assert time.perf_counter() - t0 < 2.0


def test_seeds_against_gold(gold_path: Path) -> None:
    """Every required seed duration found with the gold interval, no false positive."""
    from checker.sources import load_document
    gold = json.loads(gold_path.read_text("utf-8"))
    for key, src in sorted(gold["sources"].items()):
        doc = load_document(ROOT / "seeds" / src["file"], {"published": SEED_PUBLISHED[key]})
        found = {"date": dates.extract(doc, {})}
        recs = durations.extract(doc, found)
        items = [it for it in gold["durations"] if it["source"] == key]
        got = []
        for r in recs:
            s, e = doc.raw_span(r.start, r.end)
            v = r.value
            hi = None if v["max_seconds"] is None else v["max_seconds"] / 3600
            got.append((s, e, v["min_seconds"] / 3600, hi))
        for it in items:
            i = doc.raw.find(it["trigger"])
            j = i + len(it["trigger"])
            assert any(s < j and i < e and lo == it["min_hours"] and hi == it["max_hours"]
                       for s, e, lo, hi in got), (key, it["trigger"], got)
        assert len(got) == len(items), (key, got)
