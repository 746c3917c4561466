"""Integrity of the lexicons in checker/data: documented, well-formed, values in TimeML form."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from checker.extract import dates, timex

DATA = resources.files("checker.data")
JSON_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".json"))
TEXT_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", JSON_FILES)
def test_json_lexicons_say_what_they_are(name: str) -> None:
    data = json.loads(DATA.joinpath(name).read_text("utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("_about"), str) and len(data["_about"]) > 40


@pytest.mark.parametrize("name", TEXT_FILES)
def test_text_lexicons_open_with_a_comment(name: str) -> None:
    first = DATA.joinpath(name).read_text("utf-8").lstrip().splitlines()[0]
    assert first.startswith("#")


_TIMEX_VALUE = re.compile(r"PRESENT_REF|PAST_REF|FUTURE_REF|P(?:T?X|T?\d+)[YMWDHQ]")


def test_timeml_lexicon_values_are_timex3() -> None:
    lx = timex.lexicon()
    for phrase, (typ, value) in lx["vague"].items():
        assert phrase == phrase.lower() and typ in ("DATE", "DURATION"), phrase
        assert _TIMEX_VALUE.fullmatch(value), (phrase, value)
    for table in ("set_words", "set_units"):
        for word, value in lx[table].items():
            assert _TIMEX_VALUE.fullmatch(value), (word, value)
    assert set(lx["part_of_day"].values()) <= {"TMO", "TAF", "TEV", "TNI"}
    # every key that restricts a phrase names a phrase that exists
    reporting = set().union(*(lx[k] for k in ("reporting_latest", "reporting_current", "reporting_prior",
                                              "reporting_year", "year_ended")))
    assert set(lx["vague_not_after"]) <= set(lx["vague"]) | reporting
    assert set(lx["vague_not_before"]) <= set(lx["vague"])
    grans = {"quarter", "half", "decade", "week", "season", "duration", "year", "month", "day"}
    assert set(lx["extent_the_before"]) <= grans


def test_temporal_lexicon_calendar_names() -> None:
    lx = dates.lexicon()
    assert sorted(lx["months"].values()) == list(range(1, 13))
    assert sorted(lx["weekdays"].values()) == list(range(1, 8))
    assert all(1 <= v <= 12 for v in lx["months_abbr"].values())
    assert all(v in ("START", "MID", "END") for v in lx["parts"].values())


@pytest.mark.parametrize("name", ["speech_verbs.txt", "attribution_cues.txt"])
def test_cue_lexicons_are_form_and_class(name: str) -> None:
    """Each line is "<form words> <class> [obj]" with a known class, and no form has two classes."""
    allowed = {"bare", "that", "quote", "source", "object", "label"}
    seen: dict[str, str] = {}
    for line in DATA.joinpath(name).read_text("utf-8").splitlines():
        words = line.lower().split()
        if not words or line.startswith("#"):
            continue
        if words[-1] == "obj":
            words.pop()
        assert len(words) >= 2 and words[-1] in allowed, line
        form, cls = " ".join(words[:-1]), words[-1]
        assert seen.setdefault(form, cls) == cls, f"{form!r} listed as {seen[form]} and {cls}"


def test_event_occurrences_lexicon_is_well_formed() -> None:
    """event_occurrences.json: event_nouns.json shape, lower-case whole-word forms, no clash with it."""
    lx = json.loads(DATA.joinpath("event_occurrences.json").read_text("utf-8"))
    base = json.loads(DATA.joinpath("event_nouns.json").read_text("utf-8"))
    assert {"_about", "nouns", "compounds", "verbs"} <= set(lx) and len(lx["_about"]) > 200
    word = re.compile(r"[a-z][a-z'-]*[a-z]")
    forms: list[str] = []
    for lemma, e in lx["nouns"].items():
        assert set(e) == {"forms", "type", "group", "countable", "event"}, lemma
        assert isinstance(e["forms"], list) and e["forms"] and lemma in e["forms"], lemma
        assert all(isinstance(f, str) and word.fullmatch(f) for f in e["forms"]), lemma
        assert isinstance(e["type"], str) and e["type"] == e["type"].lower(), lemma
        assert e["group"] is None or (isinstance(e["group"], str) and e["group"] == e["group"].lower())
        assert isinstance(e["countable"], bool) and isinstance(e["event"], bool), lemma
        forms += e["forms"]
    types = {e["type"] for e in lx["nouns"].values()}
    for form, lemma in lx["compounds"].items():
        assert len(form.split()) == 2 and all(word.fullmatch(w) for w in form.split()), form
        assert lemma in lx["nouns"], form
        forms.append(form)
    for form, v in lx["verbs"].items():
        assert word.fullmatch(form) and set(v) == {"type", "tense"}, form
        assert v["type"] in types and v["tense"] in ("past", "present", None), form
        forms.append(form)
    assert len(forms) == len(set(forms)), sorted(f for f in set(forms) if forms.count(f) > 1)
    taken = {f for e in base["nouns"].values() for f in e["forms"]} | set(base["compounds"]) | set(base["verbs"])
    assert not taken & set(forms), sorted(taken & set(forms))


_ECB_XML = """<Document doc_name="9_1ecb.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">A</token><token t_id="2" sentence="0" number="1">plane</token>
<token t_id="3" sentence="0" number="2">Crash</token><token t_id="4" sentence="0" number="3">killed</token>
<token t_id="5" sentence="0" number="4">two</token><token t_id="6" sentence="0" number="5">,</token>
<token t_id="7" sentence="0" number="6">police</token><token t_id="8" sentence="0" number="7">said</token>
<token t_id="9" sentence="0" number="8">after</token><token t_id="10" sentence="0" number="9">checking</token>
<token t_id="11" sentence="0" number="10">in</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="4"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="3"><token_anchor t_id="10"/><token_anchor t_id="11"/></NEG_ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="4"><token_anchor t_id="8"/></ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="5" TAG_DESCRIPTOR="t9_crash" instance_id="ACT1"/>
</Markables>
</Document>"""

_TIMEML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID><TEXT>A <EVENT eid="e1" class="OCCURRENCE">crash</EVENT> on Monday
<EVENT eid="e2" class="REPORTING">said</EVENT> police, who <EVENT eid="e3" class="OCCURRENCE">arrested</EVENT>
two.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
</TimeML>"""


def test_eventlex_mine_counts_occurrence_heads() -> None:
    from checker.benchmarks import eventlex_mine as mine

    assert mine.ecb_heads(_ECB_XML) == ["crash", "killed", "checking"]
    assert mine.timeml_heads(_TIMEML) == [("crash", "NOUN"), ("arrested", "VERB")]
    counts = mine.Counts()
    counts.add_ecb("9", "9_1ecb.xml", _ECB_XML)
    counts.add_ecb("10", "10_1ecb.xml", _ECB_XML)
    counts.add_timeml("X1.tml", _TIMEML)
    rows = {r[0]: r for r in counts.rows()}
    assert rows["crash"] == ("crash", 3, 2, 1, 2, 3, 1, 0)
    assert rows["arrested"] == ("arrested", 1, 0, 1, 0, 1, 0, 1)
    assert counts.rows()[0][0] == "crash" and "said" not in rows
    assert mine.head_word(["took", "place"]) == "place" and mine.head_word([",", "."]) is None


def test_frames_lexicon_is_well_formed() -> None:
    """frames.json: every quantity cue is lower case and belongs to one quantity; tallies, the
    quantity_before table and the noun classes name only what the file defines; duration relations
    are the ones the schema allows."""
    import json as _json
    from importlib import resources as _res
    lx = _json.loads(_res.files("checker.data").joinpath("frames.json").read_text("utf-8"))
    assert lx["_about"].strip()
    quantities = lx["quantities"]
    seen: dict[str, str] = {}
    for q, cues in quantities.items():
        assert cues and q == q.lower()
        for cue in cues:
            assert cue == cue.lower() and cue == " ".join(cue.split()), cue
            assert seen.setdefault(cue, q) == q, f"{cue!r} is in {seen[cue]!r} and {q!r}"
    assert set(lx["tallies"]) <= set(quantities)
    assert set(lx["quantity_before"].values()) <= set(quantities)
    classes = [w for words in lx["noun_classes"].values() for w in words]
    assert len(classes) == len(set(classes)), "a noun is in two classes"
    from checker.claims import schema as _schema
    schema = _schema("claims")
    relations = schema["$defs"]["claim"]["properties"]["frame"]["properties"]["relation"]["enum"]
    assert set(lx["duration_relations"]) == set(relations)
    assert set(lx["modality"]) == {"planned", "proposed", "hypothetical", "negated"}
    schema_modality = schema["$defs"]["claim"]["properties"]["frame"]["properties"]["modality"]["enum"]
    assert set(schema_modality) == set(lx["modality"]) | {"asserted"}


def test_timezones_lexicon_is_well_formed() -> None:
    from checker.sources.lexicon import data
    tz = data("timezones")
    offsets = [*tz["zones"].values(), *tz["city_zones"].values(), *(o for pair in tz["seasonal"].values() for o in pair)]
    assert offsets and all(-12 <= o <= 14 and float(o * 4).is_integer() for o in offsets)
    assert all(z.isupper() for z in [*tz["zones"], *tz["seasonal"]])
    assert set(tz["ambiguous"]) <= set(tz["zones"])
    assert all(std + 1 == dst for std, dst in tz["seasonal"].values())
    assert all(c == c.lower() for c in tz["cues"] + tz["local"])
