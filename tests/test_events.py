"""Event attachment with hand-made records of the other kinds, so that these tests pin the
event extractor's own rules whatever the date, duration and entity extractors do."""

from __future__ import annotations

from checker.extract import events, ordinals
from checker.extract.base import Record, make_doc


def _date(text: str, needle: str, timex: str, resolved: bool = True) -> Record:
    i = text.index(needle)
    interval = [timex, timex] if resolved else None
    value = {"timex": timex, "resolved": resolved, "type": "DATE", "interval": interval}
    return Record("date", i, i + len(needle), value)


def _duration(text: str, needle: str, lo: int, hi: int | None) -> Record:
    i = text.index(needle)
    return Record("duration", i, i + len(needle), {"min_seconds": lo, "max_seconds": hi})


def _entity(name: str, *aliases: str, kind: str = "person") -> Record:
    return Record("entity", 0, 0, {"name": name, "type": kind, "aliases": [name, *aliases]})


def _events(text: str, published: str | None = None, **found) -> list[tuple[str, dict, dict]]:
    doc = make_doc(text, published)
    found.setdefault("ordinal", ordinals.extract(doc, {}))
    return [(text[r.start:r.end], r.value, r.spans) for r in events.extract(doc, found)]


def test_date_place_and_spans_attach_to_the_verb() -> None:
    t = "Russian and US diplomats met in Istanbul on Thursday to discuss their embassies."
    [(trig, v, spans)] = _events(t, "2025-02-28", date=[_date(t, "Thursday", "2025-02-27")])
    assert trig == "met" and v["type"] == "meeting" and v["group"] == "meeting"
    assert v["date"] == "2025-02-27" and v["place"] == "Istanbul" and v["place_type"] == "city"
    assert v["participants"] == ["Russia", "United States"] and v["tense"] == "past"
    assert t[slice(*spans["date"])] == "Thursday" and t[slice(*spans["place"])] == "Istanbul"
    assert "embassies" in v["topic_words"] and v["topic_words"] == sorted(v["topic_words"])


def test_each_date_goes_to_the_nearest_trigger_before_it() -> None:
    t = ("The meeting follows a phone call between Presidents Vladimir Putin and Donald Trump "
         "on February 12, "
         "as well as a high-level diplomatic gathering in Saudi Arabia on February 18.")
    found = {"date": [_date(t, "February 12", "2025-02-12"), _date(t, "February 18", "2025-02-18")],
             "entity": [_entity("Vladimir Putin", "Putin"), _entity("Donald Trump", "Trump")]}
    got = {trig: v for trig, v, _ in _events(t, "2025-02-27", **found)}
    assert got["meeting"]["date"] is None
    assert got["phone call"]["date"] == "2025-02-12"
    assert got["phone call"]["participants"] == ["Donald Trump", "Vladimir Putin"]
    assert got["gathering"]["date"] == "2025-02-18" and got["gathering"]["place"] == "Saudi Arabia"


def test_statement_date_is_not_the_event_date() -> None:
    t = "The talks will be held in Istanbul, the ministry said Tuesday."
    [(_, v, _)] = _events(t, "2025-04-08", date=[_date(t, "Tuesday", "2025-04-08")])
    assert v["date"] is None and v["tense"] == "future"


def test_tense_from_resolved_date_beats_cues() -> None:
    t = "The second round of talks took place on Thursday."
    [(_, v, _)] = _events(t, "2025-04-08", date=[_date(t, "Thursday", "2025-04-10")])
    assert v["tense"] == "future"
    [(_, v, _)] = _events(t, "2025-04-08", date=[_date(t, "Thursday", "XXXX-XX-XX", resolved=False)])
    assert v["tense"] == "past"


def test_duration_needs_a_link_word() -> None:
    t = "After 12 hours of negotiations, they agreed. The meeting came after years of tension."
    found = {"duration": [_duration(t, "12 hours", 43200, 43200), _duration(t, "years", 63072000, None)]}
    got = _events(t, **found)
    assert [(trig, v["duration"]) for trig, v, _ in got] == [
        ("negotiations", {"min_seconds": 43200, "max_seconds": 43200}), ("meeting", None)]


def test_ordinal_joins_round_of_talks_into_one_mention() -> None:
    t = "Russian, US diplomats meet in Istanbul for second round of talks"
    [(trig, v, spans)] = _events(t)
    assert trig == "round of talks" and v["type"] == "round"
    assert v["ordinal"] == {"n": 2, "relative": None, "unit": "round"}
    assert t[slice(*spans["ordinal"])] == "second round of talks"
    assert v["place"] == "Istanbul" and v["participants"] == ["Russia", "United States"]


def test_place_prefers_the_specific_compatible_place() -> None:
    t = "The delegations met in Istanbul, Turkey, and later in Ankara."
    [(_, v, _)] = _events(t)
    assert v["place"] == "Istanbul"


def test_country_premodifier_is_a_participant_not_a_place() -> None:
    t = "Following the US-Russia talks, Rubio spoke."
    [(_, v, _)] = _events(t)
    assert v["place"] is None and v["participants"] == ["Russia", "United States"]


def test_capital_as_subject_names_its_country() -> None:
    t = "Moscow and Washington held talks on embassy staffing."
    [(_, v, _)] = _events(t)
    assert v["participants"] == ["Russia", "United States"]


def test_not_events() -> None:
    t = ("He renewed his call for a ceasefire. The EU adopted a new round of sanctions. "
         "It dates back to the first term of the administration.")
    # the call, the round of sanctions and the term are no events, and a ceasefire called for is the
    # call's topic, not a ceasefire that happened
    assert _events(t) == []
