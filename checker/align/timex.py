"""Read TIMEX3 values back into intervals of days, for comparing dates across sources.

``2025-02-27`` is one day, ``2025-W08`` seven, ``2025-02`` a month,
``XXXX-02-27`` a month-day whose year the source did not give.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHDAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class Span:
    """What a date value says: a closed interval of days, or a month-day with no year."""

    lo: dt.date | None
    hi: dt.date | None
    monthday: tuple[int, int] | None = None

    @property
    def is_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    @property
    def known(self) -> bool:
        return self.lo is not None or self.monthday is not None

    def contains_day(self, day: dt.date) -> bool:
        if self.monthday is not None:
            return (day.month, day.day) == self.monthday
        return self.lo is not None and self.hi is not None and self.lo <= day <= self.hi

    def overlaps(self, other: "Span") -> bool:
        if self.monthday and other.monthday:
            return self.monthday == other.monthday
        if self.monthday and other.is_day:
            return (other.lo.month, other.lo.day) == self.monthday
        if other.monthday and self.is_day:
            return other.overlaps(self)
        if self.monthday or other.monthday:
            return True  # a month-day without year against a coarse interval: cannot exclude
        if None in (self.lo, self.hi, other.lo, other.hi):
            return True
        return self.lo <= other.hi and other.lo <= self.hi


UNKNOWN = Span(None, None)


def parse(timex: str | None) -> Span:
    """Interval of a TIMEX3 date value (ranges ``A/B`` cover both ends)."""
    if not timex:
        return UNKNOWN
    if "/" in timex:
        a, b = timex.split("/", 1)
        sa, sb = parse(a), parse(b)
        return Span(sa.lo, sb.hi) if sa.lo and sb.hi else UNKNOWN
    try:
        if m := _DAY.match(timex):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Span(d, d)
        if m := _MONTHDAY.match(timex):
            return Span(None, None, (int(m[1]), int(m[2])))
        if m := _WEEK.match(timex):
            lo = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Span(lo, lo + dt.timedelta(days=6))
        if m := _MONTH.match(timex):
            y, mo = int(m[1]), int(m[2])
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return Span(dt.date(y, mo, 1), nxt - dt.timedelta(days=1))
        if m := _QUARTER.match(timex):
            y, q = int(m[1]), int(m[2])
            lo = dt.date(y, 3 * q - 2, 1)
            hi = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return Span(lo, hi)
        if m := _HALF.match(timex):
            y, h = int(m[1]), int(m[2])
            return Span(dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else Span(dt.date(y, 7, 1), dt.date(y, 12, 31))
        if m := _YEAR.match(timex):
            y = int(m[1])
            return Span(dt.date(y, 1, 1), dt.date(y, 12, 31))
    except ValueError:
        return UNKNOWN
    return UNKNOWN


def human(timex: str | None) -> str:
    """Editor-friendly rendering: 2025-02-27 -> 27 Feb 2025; XXXX-02-27 -> 27 Feb (no year)."""
    if not timex:
        return "no date"
    s = parse(timex)
    if s.is_day:
        return f"{s.lo.day} {s.lo:%b %Y}"
    if s.monthday:
        return f"{s.monthday[1]} {dt.date(2000, s.monthday[0], 1):%b} (no year)"
    if _WEEK.match(timex):
        return f"week of {s.lo.day} {s.lo:%b %Y}"
    if _MONTH.match(timex):
        return f"{s.lo:%B %Y}"
    return timex
