"""Judgement on frames, end to end on a small made-up air-crash story (tests/fixtures/crash).

Three outlets report one crash. What an editor must see: the toll on the ground given as 7 and as
at least 12 on the same day is a conflict; 151 dead on board (two outlets) rising to 166 two days
later is an update, not a conflict; 143 passengers agree; "151 passengers and crew" is not a count of
passengers; "eight cabin crew" is part of the crew, never set against "8 crew members" or "10 crew".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.analysis import analyse
from checker.pipeline import extract_document
from checker.sources import load_corpus

CRASH = Path(__file__).resolve().parent / "fixtures" / "crash"


@pytest.fixture(scope="module")
def report():
    docs, errors = load_corpus([CRASH])
    assert not errors
    return analyse([extract_document(d) for d in docs], "crash")


def _values(f: dict) -> set[str]:
    return {v for side in f["values"] for v in side.split(" / ")}


def test_the_ground_toll_given_two_ways_on_one_day_conflicts(report) -> None:
    (f,) = [f for f in report["findings"] if f["status"] == "conflict"]
    assert f["kind"] == "count" and f["frame"]["scope"] == ["on the ground"]
    assert sorted(map(sorted, f["sides"])) == [["post"], ["wire"]]
    assert _values(f) == {"7 people", "at least 12 people"}


def test_a_toll_that_rises_in_a_later_report_is_an_update(report) -> None:
    (f,) = [f for f in report["findings"] if f["kind"] == "count" and "166 people" in " ".join(f["values"])]
    assert f["status"] == "variant" and "running tally" in f["explanation"]
    assert f["sides"] == [["herald", "post", "wire"]]


def test_parts_and_wholes_never_meet(report) -> None:
    counts = [f for f in report["findings"] if f["kind"] == "count"]
    (passengers,) = [f for f in counts if "143 passengers" in f["values"]]
    assert passengers["status"] == "agree" and passengers["sides"] == [["post", "wire"]]
    for f in counts:
        shown = _values(f)
        assert not ({"151 passengers"} & shown and {"143 passengers"} & shown)
    (cabin,) = [f for f in counts if f["title"] == "Count of cabin crew"]
    assert cabin["status"] == "single-source" and cabin["sides"] == [["post"]]


def test_a_day_off_for_talks_named_by_their_topic_is_a_date_conflict(tmp_path: Path) -> None:
    """ "The ceasefire talks in Geneva ended on Thursday" in a piece where the others put the talks on
    Friday: the date attaches to the talks (not to "ceasefire", their topic) and conflicts."""
    texts = {"alpha": "Negotiators met in Geneva on Friday for talks on a ceasefire, officials said.",
             "beta": "GENEVA, March 8 (Reuters) - The ceasefire talks in Geneva ended on Thursday, a diplomat said.",
             "gamma": "The Geneva talks on a ceasefire took place on Friday."}
    for name, body in texts.items():
        (tmp_path / f"{name}.txt").write_text(f"outlet: {name.title()}\npublished: 2025-03-08\n\n{body}\n", "utf-8")
    docs, errors = load_corpus([tmp_path])
    assert not errors
    report = analyse([extract_document(d) for d in docs], "geneva")
    (date,) = [f for f in report["findings"] if f["kind"] == "date" and f["status"] == "conflict"]
    assert date["sides"] == [["alpha", "gamma"], ["beta"]] and date["values"] == ["7 Mar 2025", "6 Mar 2025"]
    assert not [e for e in report["events"] if e["type"] == "ceasefire"]
