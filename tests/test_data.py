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
