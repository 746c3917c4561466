"""Judgement rules, one table per attribute: what agrees, conflicts, varies or stands alone."""

from __future__ import annotations

import pytest

from checker.align import events as event_align
from checker.align import quotes as quote_align
from checker.compare import Corpus, interval_relation, judge, judge_statements
from test_align import _doc, _event, _claim


def _findings(docs, groups=None):
    corpus = Corpus(docs, groups or {d["source"]["id"]: d["source"]["id"] for d in docs})
    return judge(event_align.cluster(docs), [], corpus), corpus


def _by(findings, kind, status=None):
    return [f for f in findings if f.kind == kind and (status is None or f.status == status)]


@pytest.mark.parametrize("a,b,rel", [
    ((21600, None), (43200, 43200), "overlap"),        # over six hours / 12 hours
    ((21600, None), (3600, 7200), "disjoint"),         # over six hours / one to two hours
    ((15300, 20700), (14400, None), "overlap"),        # about five hours / more than four hours
    ((43200, 43200), (43200, 43200), "same"),
    ((0, 3600), (7200, 7200), "disjoint"),             # less than an hour / two hours
])
def test_interval_relation(a, b, rel) -> None:
    assert interval_relation(a, b) == rel


def test_same_day_from_independent_sources_agrees() -> None:
    docs = [_doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul")),
            _doc("b", None, _event("b", 1, date="XXXX-02-27", place="Istanbul"))]
    f, _ = _findings(docs)
    (d,) = _by(f, "date")
    assert d.status == "agree" and d.sides == [["a", "b"]]


def test_copies_of_one_wire_do_not_corroborate() -> None:
    docs = [_doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul")),
            _doc("b", "2025-02-28", _event("b", 1, date="2025-02-27", place="Istanbul"))]
    f, _ = _findings(docs, {"a": "a", "b": "a"})
    (d,) = _by(f, "date")
    assert d.status == "single-source"
    assert "Only one independent source (A, B: 2 outlets)" in d.explanation


def test_one_event_two_days_is_a_date_conflict() -> None:
    words = ("dock", "rotterdam", "round", "talks", "wages")
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", topic=words)),
            _doc("b", "2025-03-05", _event("b", 1, date="2025-03-02", place="Rotterdam", topic=words))]
    f, _ = _findings(docs)
    (d,) = _by(f, "date")
    assert d.status == "conflict" and sorted(map(sorted, d.sides)) == [["a"], ["b"]]


def test_different_days_in_different_events_are_no_conflict() -> None:
    docs = [_doc("a", "2025-04-08", _event("a", 1, date="2025-02-18", place="Riyadh")
                 + _event("a", 60, date="2025-02-27", place="Istanbul")),
            _doc("b", "2025-04-08", _event("b", 1, date="2025-02-27", place="Istanbul"))]
    f, _ = _findings(docs)
    assert not [x for x in f if x.status == "conflict"]


def test_coarser_date_is_a_variant() -> None:
    docs = [_doc("a", "2025-04-08", _event("a", 1, date="2025-02-18", place="Riyadh")),
            _doc("b", None, _event("b", 1, date="XXXX-02-18", place="Saudi Arabia")),
            _doc("c", "2025-02-28", _event("c", 1, date="2025-W08", place="Saudi Arabia"))]
    f, _ = _findings(docs)
    # one finding: the day two sources give, and the week that contains it (never an agreement
    # listed again beside a variant)
    (d,) = _by(f, "date")
    assert d.status == "variant" and d.sides == [["a", "b"], ["c"]]
    (p,) = _by(f, "place")
    assert p.status == "variant"  # Riyadh inside Saudi Arabia


def _with_duration(sid, n, date, lo, hi, amount, unit, mod, place="Istanbul", tense="past"):
    claims = _event(sid, n, date=date, place=place, tense=tense)
    dur = _claim(sid, "duration", n + 2000, {"min_seconds": lo, "max_seconds": hi, "modifier": mod,
                                             "amount": amount, "unit": unit})
    claims[-1]["refs"]["duration"] = dur["id"]
    return claims + [dur]


def test_durations_of_different_meetings_never_conflict() -> None:
    docs = [_doc("a", "2025-02-28", _with_duration("a", 1, "2025-02-27", 21600, None, 6, "hour", "more_than")),
            _doc("b", "2025-04-01", _with_duration("b", 1, "2025-03-25", 43200, 43200, 12, "hour", "exact",
                                                   place="Saudi Arabia"))]
    f, _ = _findings(docs)
    durs = _by(f, "duration")
    assert [d.status for d in durs] == ["single-source", "single-source"]
    assert {d.values[0] for d in durs} == {"more than 6 hours", "12 hours"}


def test_disjoint_durations_of_one_meeting_conflict_and_overlapping_ones_vary() -> None:
    docs = [_doc("a", "2025-02-28", _with_duration("a", 1, "2025-02-27", 21600, None, 6, "hour", "more_than")),
            _doc("b", "2025-02-28", _with_duration("b", 1, "2025-02-27", 3600, 7200, 2, "hour", "up_to"))]
    f, _ = _findings(docs)
    assert _by(f, "duration")[0].status == "conflict"
    docs[1] = _doc("b", "2025-02-28", _with_duration("b", 1, "2025-02-27", 22950, 31050, 7, "hour", "approximately"))
    f, _ = _findings(docs)
    assert _by(f, "duration")[0].status == "variant"


def test_a_duration_range_holds_its_ends_and_conflicts_only_outside_them() -> None:
    def ranged(sid):
        claims = _with_duration(sid, 1, "2025-02-27", 18000, 21600, 5, "hour", "range")
        claims[-1]["value"]["amount_max"] = 6
        return claims
    docs = [_doc("a", "2025-02-28", ranged("a")),
            _doc("b", "2025-02-28", _with_duration("b", 1, "2025-02-27", 21600, 21600, 6, "hour", "exact"))]
    f, _ = _findings(docs)
    (d,) = _by(f, "duration")
    assert d.status != "conflict" and "5 to 6 hours" in d.values[0]
    docs[1] = _doc("b", "2025-02-28", _with_duration("b", 1, "2025-02-27", 14400, 14400, 4, "hour", "exact"))
    f, _ = _findings(docs)
    assert _by(f, "duration")[0].status == "conflict"


def test_one_ordinal_for_two_events_is_a_numbering_conflict_with_a_cause() -> None:
    docs = [_doc("x", "2025-04-08", _event("x", 1, date="2025-02-18", place="Riyadh")),
            _doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul",
                                          ordinal={"n": 2, "unit": "round"})),
            _doc("b", "2025-04-08", _event("b", 1, date="2025-04-10", place="Istanbul", tense="future",
                                          ordinal={"n": 2, "unit": "round"})),
            _doc("c", "2025-04-01", _event("c", 1, date="2025-04-10", place="Istanbul", tense="future",
                                          ordinal={"n": 2, "unit": "meeting"}))]
    f, _ = _findings(docs)
    (num,) = [x for x in f if x.id == "numbering:2"]
    assert num.status == "conflict" and num.sides == [["a"], ["b", "c"]]
    assert "different starting point" in num.explanation and "18 Feb 2025" in num.explanation
    (agree,) = _by(f, "ordinal", "agree")  # meeting and round count one series
    assert agree.sides == [["b", "c"]]


def test_different_ordinals_for_one_event_conflict() -> None:
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 3, "unit": "round"})),
            _doc("b", "2025-03-04", _event("b", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 2, "unit": "session"}))]
    f, _ = _findings(docs)
    (o,) = _by(f, "ordinal")
    assert o.status == "conflict" and o.values == ["second", "third"]


def test_non_series_ordinals_are_not_compared() -> None:
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 1, "unit": "term"})),
            _doc("b", "2025-03-04", _event("b", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 2, "unit": "term"}))]
    f, _ = _findings(docs)
    assert not _by(f, "ordinal")


@pytest.mark.parametrize("wordings,speakers,status", [
    (["We have narrowed the gap", "We have narrowed the gap"], ["Anna Berg", "Anna Berg"], "agree"),
    (["We have narrowed the gap on pay", "We have narrowed the gap"], ["Anna Berg", "Anna Berg"], "agree"),
    (["We have narrowed the gap on pay", "We closed the pay gap"], ["Anna Berg", "Anna Berg"], "variant"),
    (["We will not accept any deal that cuts wages", "We will not accept any deal that cuts wages"],
     ["Anna Berg", "Piet Bakker"], "conflict"),
    (["We will not accept any deal that cuts wages", "We will not accept any deal that cuts wages"],
     ["Anna Berg", "unknown"], "variant"),  # corroborated, not a misattribution
])
def test_statement_status(wordings, speakers, status) -> None:
    """A source that did not find the speaker ("unknown") does not contradict one that did."""
    items = [quote_align.Statement(s, f"{s}:q:1", spk, w, True, 1, mention=spk.split()[-1])
             for s, w, spk in zip("ab", wordings, speakers)]
    corpus = Corpus([_doc("a", None, []), _doc("b", None, [])], {"a": "a", "b": "b"})
    (f,) = judge_statements(quote_align.group(items), corpus)
    assert f.status == status
    if status == "conflict":
        assert f.sides == [["a"], ["b"]]


@pytest.mark.parametrize("unit,n,shown", [("person", 3, "people"), ("person", 1, "person"), ("foot", 200, "feet"),
                                         ("american", 12, "Americans"), ("country", 2, "countries"),
                                         ("talks", 2, "talks")])
def test_count_units_read_as_an_editor_writes_them(unit: str, n: int, shown: str) -> None:
    from checker.render.wording import plural
    assert plural(unit, n) == shown


def test_counts_for_different_places_are_different_counts() -> None:
    docs = [_doc("a", "1998-08-20", [_count("a", 1, 247, "person", "The embassy bombings killed 247 people in Kenya and 10 in Tanzania.", "247 people", quantity="dead", scope=["Kenya"])]),
            _doc("b", "1998-08-20", [_count("b", 1, 10, "person", "A car bombing outside the embassy in Tanzania killed 10 people.", "10 people", quantity="dead", scope=["Tanzania"])])]
    f, _ = _findings(docs)
    assert {x.status for x in _by(f, "count")} == {"single-source"}


def test_a_tally_that_rises_with_later_reports_is_an_update_and_a_fall_is_a_conflict() -> None:
    def doc(sid, day, n):
        return _doc(sid, day, [_count(sid, 1, n, "person", f"The blasts at the embassies in Kenya and Tanzania killed {n} people.", f"{n} people",
                                      quantity="dead", scope=["Kenya", "Tanzania"])])
    f, _ = _findings([doc("a", "1998-08-08", 110), doc("b", "1998-08-13", 257)])
    (c,) = _by(f, "count")
    assert c.status == "variant" and "running tally" in c.explanation
    f, _ = _findings([doc("a", "1998-08-08", 257), doc("b", "1998-08-13", 110)])
    assert _by(f, "count")[0].status == "conflict"
    f, _ = _findings([doc("a", "1998-08-13", 110), doc("b", "1998-08-13", 257)])  # same day, same places named
    assert _by(f, "count")[0].status == "conflict"
    def unplaced(sid, day, n):
        d = doc(sid, day, n)
        d["claims"][0]["frame"]["scope"] = []
        return d
    f, _ = _findings([unplaced("a", "1998-08-13", 110), unplaced("b", "1998-08-13", 257)])
    # a toll moves within a day: without clock times or named places it is one to check
    assert _by(f, "count")[0].status == "possible-conflict"


def test_unanchored_weekday_is_unresolved() -> None:
    claim = _claim("a", "date", 5, {"timex": "XXXX-XX-XX", "resolved": False}, text="Tuesday")
    f, _ = _findings([_doc("a", None, [claim])])
    (u,) = f
    assert u.status == "unresolved" and "no publication date" in u.explanation


def _count(sid, n, value, unit, sentence, text, amount=None, mod="exact", hi="same", **frame):
    """A count claim with the frame the extractor would give it (quantity, scope ... as keywords)."""
    start = sentence.index(text)
    c = _claim(sid, "count", n, {"min": value, "max": value if hi == "same" else hi, "unit": unit,
                                 "amount": value if amount is None else amount, "modifier": mod}, text=text)
    c["evidence"].update(start=start, end=start + len(text))
    c["sentence"].update(text=sentence, start=0, end=len(sentence))
    c["frame"] = {"modality": "asserted", "anchor": None, "quantity": None, "noun": unit, "modifiers": [],
                  "scope": [], "as_of": None, "period": None, "as_of_day": None, **frame}
    return c


def test_counts_of_one_thing_agree_or_conflict_and_unrelated_counts_stand_alone() -> None:
    docs = [_doc("a", None, [_count("a", 1, 23, "pirate", "The Indian navy captured 23 pirates in the Gulf of Aden.", "23 pirates"),
                             _count("a", 2, 2, "boat", "The pirates on two speed boats surrounded the merchant vessel.", "two speed boats")]),
            _doc("b", None, [_count("b", 1, 23, "pirate", "The navy said it captured 23 pirates in the Gulf of Aden on Saturday.", "23 pirates"),
                             _count("b", 2, 3, "boat", "The pirates, in three boats, surrounded the merchant vessel.", "three boats"),
                             _count("b", 3, 1500, "pirate", "Pirate-controlled regions of Somalia hold an estimated 1,500 pirates.", "1,500 pirates")])]
    f, _ = _findings(docs)
    counts = {x.values[0] if x.status != "conflict" else tuple(x.values): x.status for x in _by(f, "count")}
    # no quantity pins "two boats surrounded the vessel": the alike sentences make it a conflict to check
    assert counts == {"23 pirates": "agree", "2 boats": "possible-conflict", "1,500 pirates": "single-source"}


def test_a_proposed_date_neither_corroborates_nor_conflicts() -> None:
    """ "proposed holding the next round in the week of 9 March": the plan's date is not the round's."""
    words = ("dock", "rotterdam", "round", "talks", "wages")
    planned = _event("b", 1, date="2025-03-02", place="Rotterdam", topic=words)
    planned[0]["frame"] = {"modality": "proposed", "anchor": "b:event:1"}
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", topic=words)),
            _doc("b", "2025-03-05", planned)]
    f, _ = _findings(docs)
    assert not _by(f, "date", "conflict")
    planned[0]["frame"]["modality"] = "asserted"
    f, _ = _findings(docs)
    assert _by(f, "date", "conflict")


def test_a_possible_round_numbers_no_event() -> None:
    """ "ahead of a possible fourth round": a hypothetical ordinal neither agrees nor conflicts."""
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 3, "unit": "round"})),
            _doc("b", "2025-03-04", _event("b", 1, date="2025-03-03", place="Rotterdam", ordinal={"n": 4, "unit": "round"}))]
    f, _ = _findings(docs)
    assert _by(f, "ordinal", "conflict")
    docs[1]["claims"][-1]["refs"]["ordinal"] = "b:ordinal:9"
    docs[1]["claims"].append(_claim("b", "ordinal", 9, {"n": 4, "unit": "round"}))
    docs[1]["claims"][-1]["frame"] = {"modality": "hypothetical", "anchor": "b:event:1", "qualifier": None}
    f, _ = _findings(docs)
    assert not _by(f, "ordinal", "conflict")
