"""Times of day: exact spans, and that a time is never also a duration or a count."""

from checker.extract import extract_all
from checker.extract.base import make_doc


def _texts(text: str, kind: str, published: str = "2024-05-02") -> list[str]:
    doc = make_doc(text, published)
    return [doc.text[r.start:r.end] for r in extract_all(doc, (kind,))[kind]]


def test_span_stops_before_the_full_stop_after_am() -> None:
    assert _texts("Trading opens at 07:30 am.", "time") == ["07:30 am"]
    assert _texts("Trading opens at 7.30 a.m. daily.", "time") == ["7.30 a.m."]


def test_military_time_is_no_duration() -> None:
    text = "The fire was reported at 1745 hrs and burned for 12 hours."
    assert _texts(text, "time") == ["1745 hrs"]
    assert _texts(text, "duration") == ["12 hours"]


def test_utc_reading_crosses_midnight_with_the_date() -> None:
    doc = make_doc("It hit at 8:17 p.m. Sunday EST, Feb. 5, 2023.", "2023-02-07")
    (t,) = extract_all(doc, ("time",))["time"]
    assert t.value["utc"] == "2023-02-06T01:17Z"
