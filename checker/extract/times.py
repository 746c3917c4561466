"""Times of day ("at 1745 hrs", "2:41 PM IST", "14:00 Moscow time", "1.24 p.m. (1024GMT)").

Outlets state when something happened to the minute and convert it to other
zones, and the conversions are where they slip ("1:24 p.m. (2100GMT)" for a
quake at 10:24 GMT). A time is a claim of its own: its clock reading (24-hour),
the zone it was given in and its offset from UTC when the zone says it, its UTC
reading, and its date when its sentence gives a day. A time in parentheses right
after another one is that time converted (``converts``).

Value: ``{"timex", "clock", "zone", "utc_offset", "utc", "converts"}``; ``timex``
is the TIMEX3 TIME value ("2023-02-06T13:24", or "XXXX-XX-XXT13:24" when no day
is given), ``utc`` the UTC reading in the same form with "Z" (None when the zone
is unknown or local).

Notes: a bare 24-hour time ("13:24") counts only after a cue word or before a
zone, and a dotted one ("1.24") only with a.m./p.m. or a zone, so scores, ratios,
magnitudes and decimals stay out; zone offsets are data (``data/timezones.json``,
IANA tz database); TIMEX3 TIME values follow the TimeML 1.2.1 guidelines.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..model import Document
from ..sources.lexicon import data
from .base import Record
from .eventlex import BodyIndex


@cache
def _lexicon() -> dict[str, Any]:
    return data("timezones")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    lx = _lexicon()
    abbr = sorted([*lx["zones"], *lx["seasonal"]], key=len, reverse=True)
    cities = sorted(lx["city_zones"], key=len, reverse=True)
    zone = (rf"(?P<zone>(?:{'|'.join(abbr)})(?P<off>[+-−]\d{{1,2}}(?::?\d\d)?)?(?![A-Za-z])"
            rf"|(?P<city>{'|'.join(re.escape(c) for c in cities)})\s+time\b"
            rf"|(?P<local>local(?:\s+time)?\b))")
    clock = re.compile(
        r"(?<![\d:.,/])(?:"
        r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?)?"
        r"(?:\s?(?P<ap>[aApP])(?:\.\s?[mM]\.?|\s?[mM]\b))?"
        r"|(?P<mh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s?(?:hrs\b|hours\b|h\b|GMT|UTC|Z\b)))"
        r"(?![\d:]|\.\d)")
    from .dates import lexicon as temporal
    days = "|".join([*temporal()["weekdays"], "today", "tonight"])
    # "1:24 p.m. Monday local time", "8:17 p.m. Sunday EST": the day may stand before the zone
    after = re.compile(rf"(?:\s?hrs\b|\s?hours\b|\s?h\b)?(?:\s+(?:on\s+)?(?:{days})\b)?\s?\(?\s?(?:{zone})")
    cues = sorted(lx["cues"], key=len, reverse=True)
    before = re.compile(rf"(?i)\b(?:{'|'.join(re.escape(c) for c in cues)})\s+\Z")
    return clock, after, before


_HRS = re.compile(r"\s?(?:hrs|hours|h)\b")


def _offset(m: re.Match, day: date | None) -> tuple[str | None, float | None]:
    lx = _lexicon()
    if m.group("local"):
        return "local", None
    if m.group("city"):
        return f"{m.group('city')} time", float(lx["city_zones"][m.group("city")])
    z = m.group("zone")
    if z in lx["seasonal"]:
        std, dst = lx["seasonal"][z]
        # US daylight time: second Sunday of March to first Sunday of November
        summer = day is not None and (date(day.year, 3, 8) <= day < date(day.year, 11, 1))
        base = float(dst if summer else std)
    else:
        base = float(lx["zones"][z])
    off = m.group("off")
    if off:
        sign = -1 if off[0] in "-−" else 1
        digits = off[1:].replace(":", "")
        hours = int(digits[:-2] or 0) + int(digits[-2:]) / 60 if len(digits) > 2 else int(digits)
        base += sign * hours
    return z + (off or ""), base


def _day_of(days: list[tuple[int, date]], starts: list[int], sent_lo: int, sent_hi: int, pos: int) -> date | None:
    """The day of the nearest day-granular date claim in the time's sentence (``days`` sorted by
    start, ``starts`` their starts)."""
    i, j = bisect.bisect_left(starts, sent_lo), bisect.bisect_left(starts, sent_hi)
    best = min(days[i:j], key=lambda d: abs(d[0] - pos), default=None)
    return best[1] if best else None


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*|\s*[(\[]?\s*(?:or|i\.e\.|,)\s*")


def extract(doc: Document, found: dict[str, list[Record]]) -> list[Record]:
    """Time-of-day claims of the body sentences."""
    clock, after, before = _patterns()
    text = doc.text
    body = BodyIndex(doc)
    sents = doc.sentences
    starts = [s.start for s in sents]
    days = [(r.start, date.fromisoformat(r.value["timex"])) for r in found.get("date", [])
            if r.value.get("granularity") == "day" and _ISO_DAY.fullmatch(r.value.get("timex") or "")]
    day_starts = [d[0] for d in days]
    out: list[Record] = []
    for m in clock.finditer(text):
        if m.start() not in body:
            continue
        mil = m.group("mh") is not None
        if mil:
            h, mi, sec, ap = int(m.group("mh")), int(m.group("mm")), None, None
        else:
            h = int(m.group("h"))
            mi = int(m.group("m")) if m.group("m") else None
            sec = int(m.group("s")) if m.group("s") else None
            ap = m.group("ap")
        z = after.match(text, m.end())
        if ap:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if ap.lower() == "p" else 0)
        elif mil:
            pass
        elif mi is None:
            continue  # a bare number
        elif m.group("sep") == "." and not z:
            continue  # "7.6", "8.50": decimals
        elif h > 24 or (not z and not before.search(text, max(0, m.start() - 20), m.start())):
            continue  # "2:1", "John 3:16"
        if h == 24:
            h = 0
        end = m.end()
        i = bisect.bisect_right(starts, m.start()) - 1
        sent = sents[i]
        day = _day_of(days, day_starts, sent.start, sent.end, m.start())
        zone, off = (None, None)
        if z:
            zone, off = _offset(z, day)
            end = z.end()
        elif mil:
            end = _HRS.match(text, end).end()
        clock_s = f"{h:02d}:{(mi or 0):02d}" + (f":{sec:02d}" if sec is not None else "")
        timex = f"{day.isoformat() if day else 'XXXX-XX-XX'}T{clock_s}"
        utc = None
        if off is not None:
            base = datetime(2000, 1, 1, h, mi or 0, sec or 0) if day is None else \
                datetime(day.year, day.month, day.day, h, mi or 0, sec or 0)
            u = base - timedelta(hours=off)
            fmt = "%H:%M" + (":%S" if sec is not None else "")
            utc = (u.strftime("%Y-%m-%dT") if day else "XXXX-XX-XXT") + u.strftime(fmt) + "Z"
        prev = out[-1] if out else None
        converts = bool(prev and _CONVERSION_GAP.fullmatch(text, prev.end, m.start()))
        out.append(Record("time", m.start(), end, {
            "timex": timex, "clock": clock_s, "zone": zone, "utc_offset": off, "utc": utc,
            "converts": converts}))
    return out
