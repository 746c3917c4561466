"""Counts and durations aligned on their frames: which pairs are compared, and how they relate.

Each test builds two claims as the extractor would write them (value and frame) and asks
``checker.align.measures`` what they are to each other: the same, compatible, an update of a
running tally, a conflict, or unrelated (different things, never compared).
"""

from __future__ import annotations

import pytest

from checker.align.measures import aligned, effective, measures, relate


def _count(sid, n, value, *, mod="exact", hi="same", unit="person", sentence=None, published="2025-03-01",
           **frame):
    text = f"{value} {unit}s"
    sentence = sentence or f"Officials said {text} were affected."
    start = sentence.index(text) if text in sentence else 0
    claim = {"id": f"{sid}:count:{n}", "kind": "count", "source": sid,
             "evidence": {"text": text, "start": start, "end": start + len(text), "line": 1, "column": 1},
             "sentence": {"text": sentence, "start": 0, "end": len(sentence), "line": 1, "column": 1},
             "value": {"min": value, "max": value if hi == "same" else hi, "unit": unit, "amount": value,
                       "modifier": mod, "approximate": mod == "approximately"},
             "frame": {"modality": "asserted", "anchor": None, "quantity": "dead", "noun": unit, "modifiers": [],
                       "scope": [], "as_of": None, "period": None, "as_of_day": None, **frame}}
    return {"source": {"id": sid, "published": published}, "claims": [claim]}


def _duration(sid, seconds, amount, unit, mod="exact", hi="same", relation="length", anchor="ev", **frame):
    claim = {"id": f"{sid}:duration:1", "kind": "duration", "source": sid,
             "evidence": {"text": "x", "start": 0, "end": 1, "line": 1, "column": 1},
             "sentence": {"text": "x", "start": 0, "end": 1, "line": 1, "column": 1},
             "value": {"min_seconds": seconds, "max_seconds": seconds if hi == "same" else hi, "amount": amount,
                       "unit": unit, "modifier": mod, "timex": "PT1H"},
             "frame": {"modality": "asserted", "anchor": anchor, "relation": relation, **frame}}
    return {"source": {"id": sid, "published": "2025-03-01"}, "claims": [claim]}


def _pair(a, b, event_of=None):
    ms = measures([a, b], event_of or {"ev": "event-1"})
    assert len(ms) == 2
    return ms[0], ms[1]


def _rel(a, b, event_of=None):
    x, y = _pair(a, b, event_of)
    return relate(x, y)[0] if aligned(x, y) else "not aligned"


@pytest.mark.parametrize("value,kind,lo,hi", [
    ({"min_seconds": 10800, "max_seconds": 10800, "amount": 3, "unit": "hour", "modifier": "exact"}, "duration",
     9000, 12600),  # "three hours" is rounded: 2.5 to 3.5 hours
    ({"min_seconds": 4680, "max_seconds": 4680, "amount": 78, "unit": "minute", "modifier": "exact"}, "duration",
     4650, 4710),  # "78 minutes" is precise to the minute
    ({"min_seconds": 8415, "max_seconds": 11385, "amount": 2.75, "unit": "hour", "modifier": "approximately"},
     "duration", 9306, 10494),  # "about 2 hours and 45 minutes": 6 %, not the 15 % of "about three hours"
    ({"min": 2000, "max": 2000, "amount": 2000, "modifier": "approximately"}, "count", 1800, 2200),
    ({"min": 0, "max": 6000, "amount": 6000, "modifier": "less_than", "approximate": True}, "count", 5100, 6000),
    ({"min": 600, "max": None, "amount": 600, "modifier": "more_than"}, "count", 600, None),
])
def test_effective_interval_reads_the_wordings_precision(value, kind, lo, hi) -> None:
    got = effective(value, kind)
    assert round(got[0]) == lo and (got[1] is None if hi is None else round(got[1]) == hi)


def test_roundings_of_one_duration_are_compatible_and_a_precise_one_can_conflict() -> None:
    three = _duration("a", 10800, 3, "hour")
    about_2_5 = _duration("b", 7650, 2.5, "hour", "approximately", 10350)
    over_3 = _duration("c", 10800, 3, "hour", "more_than", None)
    about_2h45 = _duration("d", 8415, 2.75, "hour", "approximately", 11385)
    assert _rel(three, about_2_5) == "compatible"
    assert _rel(three, over_3) == "compatible"
    assert _rel(over_3, about_2h45) == "conflict"


def test_durations_of_other_relations_or_events_are_not_compared() -> None:
    assert _rel(_duration("a", 7200, 2, "hour"), _duration("b", 43200, 12, "hour", relation="gap")) == "not aligned"
    events = {"ev": "event-1", "ev2": "event-2"}
    assert _rel(_duration("a", 7200, 2, "hour"), _duration("b", 43200, 12, "hour", anchor="ev2"), events) \
        == "not aligned"
    assert _rel(_duration("a", 7200, 2, "hour", anchor=None), _duration("b", 43200, 12, "hour")) == "not aligned"


def test_an_interval_compares_only_between_the_same_two_kinds_of_event() -> None:
    six = _duration("a", 21600, 6, "hour", "less_than", 21600, relation="interval", between="earthquake")
    nine = _duration("b", 32400, 9, "hour", relation="interval", between="earthquake")
    assert _rel(six, nine) == "conflict"
    day = _duration("c", 86400, 1, "day", relation="interval", between="address")
    assert _rel(nine, day) == "unrelated"


def test_vague_figures_never_conflict() -> None:
    few = _duration("a", 120, None, "minute", "approximately", 300)
    few["claims"][0]["value"]["timex"] = "PTXM"
    assert _rel(few, _duration("b", 720, 12, "minute", "more_than", None)) == "unrelated"


def test_counts_of_other_quantities_scopes_or_periods_are_not_compared() -> None:
    assert _rel(_count("a", 1, 10), _count("b", 1, 12, quantity="injured")) == "not aligned"
    assert _rel(_count("a", 1, 247, scope=["Kenya"]), _count("b", 1, 10, scope=["Tanzania"])) == "not aligned"
    assert _rel(_count("a", 1, 5470, quantity="cancelled", period="P5D"),
                _count("b", 1, 5370, quantity="cancelled")) == "not aligned"


def test_a_part_is_not_in_conflict_with_its_whole() -> None:
    assert _rel(_count("a", 1, 8, unit="crew", quantity="on board", modifiers=["cabin"]),
                _count("b", 1, 10, unit="crew", quantity="on board")) == "not aligned"
    assert _rel(_count("a", 1, 8, unit="crew", quantity="on board", modifiers=["cabin"]),
                _count("b", 1, 8, unit="crew", quantity="on board")) == "not aligned"  # not even on one value
    # a descriptive word is no part: "10 quake-hit provinces" and "10 provinces" agree
    assert _rel(_count("a", 1, 10, unit="province", modifiers=["quake-hit"]), _count("b", 1, 10, unit="province")) \
        == "same"


def test_a_tally_at_different_times_is_an_update_and_at_one_time_a_conflict() -> None:
    early = _count("a", 1, 2200, unit="flight", quantity="cancelled", as_of="T13:30")
    late = _count("b", 1, 2500, unit="flight", quantity="cancelled")
    assert _rel(early, late) == "update"
    at_five_a = _count("a", 1, 1400, unit="flight", quantity="cancelled", as_of="T17:00")
    at_five_b = _count("b", 1, 2624, unit="flight", quantity="cancelled", as_of="T17:00")
    assert _rel(at_five_a, at_five_b) == "conflict"
    rising = (_count("a", 1, 110, published="1998-08-08"), _count("b", 1, 257, published="1998-08-13"))
    assert _rel(*rising) == "update"
    falling = (_count("a", 1, 257, published="1998-08-08"), _count("b", 1, 110, published="1998-08-13"))
    assert _rel(*falling) == "conflict"
    closed = (_count("a", 1, 5470, quantity="cancelled", period="P5D", published=None),
              _count("b", 1, 6000, quantity="cancelled", period="P5D", mod="more_than", hi=None))
    assert _rel(*closed) == "conflict"


def test_one_snapshot_pins_two_figures_of_a_tally_to_one_time() -> None:
    def doc(sid, injured, published):
        sentence = f"He said 912 people had been killed, with {injured} wounded."
        d = _count(sid, 1, 912, sentence=sentence, published=published)
        d["claims"] += _count(sid, 2, injured, quantity="injured", sentence=sentence)["claims"]
        return d
    a, b = doc("a", 5385, None), doc("b", 5383, "2023-02-06")
    ms = measures([a, b], {})
    x = next(m for m in ms if m.source == "a" and m.quantity == "injured")
    y = next(m for m in ms if m.source == "b" and m.quantity == "injured")
    assert relate(x, y)[0] == "conflict"


def test_planned_and_hypothetical_figures_take_no_part() -> None:
    assert measures([_count("a", 1, 300, modality="hypothetical")], {}) == []


def test_an_addition_is_never_compared_with_a_total() -> None:
    assert _rel(_count("a", 1, 4, increment=True), _count("b", 1, 5)) == "unrelated"


def test_figures_about_different_people_or_times_are_not_compared() -> None:
    def named(sid, n, who, sentence, **kw):
        d = _count(sid, n, n, sentence=sentence, **kw)
        d["claims"].append({"id": f"{sid}:entity:{n}", "kind": "entity", "source": sid,
                            "evidence": {"text": who, "start": 0, "end": 1, "line": 1, "column": 1},
                            "value": {"name": who, "type": "person", "aliases": [who, who.split()[-1]]}})
        return d
    a = named("a", 20, "Winston Blackmore", "Blackmore is charged with marrying 20 persons.", quantity="charged")
    b = named("b", 2, "James Oler", "Oler is accused of marrying 2 persons.", quantity="charged")
    assert _rel(a, b) == "not aligned"
    old = _count("a", 31000, 31000, when="2003-12", published="2012-08-12")
    new = _count("b", 10, 10, published="2012-08-12")
    assert _rel(old, new) == "not aligned"
