"""Publication-date lines: recognise them and read their date without guessing.

A metadata line is a line made only of date-line material: labels
("Published", "Last Updated :", "date"), weekdays, dates, clock times with
time zones, reading-time widgets ("3 min read") and separators, plus at most a
few leftover tokens that are not running prose (a place name in capitals, a
language link in another script). Such a line is page furniture; its date is a
candidate publication date. Dates that cannot be read unambiguously
("03/04/2025") are not used: the publication date stays unknown rather than
guessed.

Notes: formats are those of news sites' date lines (US "April 1, 2025",
British "1 April 2025", ISO 8601, European "01.04.2025"); the leftover rule
is a heuristic from copy-pasted pages.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import data, phrase_regex


@dataclass(frozen=True, slots=True)
class DateLine:
    published: str | None  # date after a publication label
    updated: str | None  # date after an update label
    plain: str | None  # first date with no label


@cache
def _months() -> dict[str, int]:
    return data("metadata")["months"]


@cache
def _date_regex() -> str:
    months = sorted(_months(), key=lambda s: (-len(s), s))
    mon = "(?:" + "|".join(months) + r")\.?"
    return (
        rf"(?:\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,3}}(?:of\s)?(?P<m1>{mon}),?\s{{1,3}}(?P<y1>\d{{4}})\b"
        rf"|\b(?P<m2>{mon})\s{{1,3}}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,3}}(?P<y2>\d{{4}})\b"
        r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
        r"|\b(?P<y6>\d{4})/(?P<m6>\d{1,2})/(?P<d6>\d{1,2})\b"
        r"|\b(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})\b"
        r"|\b(?P<a5>\d{1,2})/(?P<b5>\d{1,2})/(?P<y5>\d{4})\b)"
    )


@cache
def date_re() -> re.Pattern[str]:
    return re.compile(_date_regex(), re.I)


@cache
def _piece_re() -> re.Pattern[str]:
    md = data("metadata")
    labels = []
    for cls, words in md["date_labels"].items():
        alt = "|".join(phrase_regex(w) for w in sorted(words, key=lambda s: (-len(s), s)))
        labels.append(rf"(?P<lab_{cls}>\b(?:{alt})\b(?:\s(?:on|at))?\s?:?)")
    weekdays = "|".join(sorted(md["weekdays"], key=lambda s: (-len(s), s)))
    parts = labels + [
        rf"(?P<date>{_date_regex()})",
        rf"(?P<weekday>\b(?:{weekdays})\b\.?,?)",
        r"(?P<time>\b(?:at\s)?\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.?m\b\.?)?"
        r"(?:\s?\(?(?-i:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?(?![a-z]))?)",
        r"(?P<read>\b\d{1,3}\s?min(?:ute)?s?\.?\s(?:read|listen)\b)",
        r"(?P<ago>\b\d{1,2}\s?(?:sec|secs|seconds|min|mins|minutes|hours?|hrs?|days?)\sago\b)",
        r"(?P<sep>[|·•,;:/–—-]{1,4})",
    ]
    return re.compile("|".join(parts), re.I)


_DIGIT = re.compile(r"\d")
_PROSE_TOKEN = re.compile(r"[a-z][a-z'’]*[.,;:]?")


def iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date_match(m: re.Match[str]) -> str | None:
    """ISO date of a match of ``date_re`` (or the date group of the piece regex), None if unsure."""
    g = m.groupdict()
    months = _months()
    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if g.get(mo):
            return iso(int(g[y]), months[g[mo].lower().rstrip(".")], int(g[d]))
    if g.get("y3"):
        return iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    if g.get("y6"):
        return iso(int(g["y6"]), int(g["m6"]), int(g["d6"]))
    if g.get("y4"):
        return iso(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    if g.get("y5"):
        a, b = int(g["a5"]), int(g["b5"])
        if a > 12 >= b:
            return iso(int(g["y5"]), b, a)
        if b > 12 >= a:
            return iso(int(g["y5"]), a, b)
        if a == b:
            return iso(int(g["y5"]), a, b)
        return None  # 03/04/2025: day-month order unknown
    return None


def parse_date_value(value: str) -> str | None:
    """ISO date from a metadata value ('2025-04-01T10:00:00+03:00', 'April 1, 2025', ...)."""
    m = date_re().search(value or "")
    return parse_date_match(m) if m else None


def date_line(line: str) -> DateLine | None:
    """The dates of a metadata line, or None when the line is not one."""
    if len(line) > 240 or not _DIGIT.search(line):
        return None
    if not date_re().search(line):
        return None
    published = updated = plain = None
    label: str | None = None
    leftover: list[str] = []
    pos = 0
    for m in _piece_re().finditer(line):
        if m.start() > pos:
            leftover.extend(line[pos:m.start()].split())
        pos = m.end()
        kind = m.lastgroup or ""
        if kind.startswith("lab_"):
            label = kind[4:]
        elif kind == "date" or m.group("date"):
            value = parse_date_match(m)
            if label == "published":
                published = published or value
            elif label == "updated":
                updated = updated or value
            else:
                plain = plain or value
            label = None
    if pos < len(line):
        leftover.extend(line[pos:].split())
    if len(leftover) > 3 or any(_PROSE_TOKEN.fullmatch(t) for t in leftover):
        return None
    return DateLine(published, updated, plain)
