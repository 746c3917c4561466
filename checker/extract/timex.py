"""Every TIMEX3 of a text, the TimeML way: the date and duration claims plus what is no claim.

Claims keep only what can be compared across sources. TimeML tags more:
vague references ("now", "recently", "the future"), periods that point back
to the report's own ("the quarter", "a year earlier" in an earnings story),
times of day ("Wednesday night", "9 a.m. Tuesday"), recurring times ("daily")
and offsets from another time ("a day earlier"). This module adds those to the
claim records and re-cuts extents by TimeML's rules, for ``checker
eval-timeml`` and TimeML export. Nothing here feeds the consistency report:
"now" or "the quarter" cannot be checked against another outlet.

Notes: values follow the TimeML 1.2.1 TIMEX3 guidelines; which neighbouring
words go inside a tag follows the TempEval-3 training annotation, as recorded
in ``checker/data/timeml.json``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from ..model import Document
from . import dates, durations, tense, times
from .base import Record
from .numbers import lexicon as number_lexicon
from .numbers import number_pattern, parse_number
from .trie import alternation


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3 over ``doc.text[start:end]``; ``type`` is DATE, TIME, DURATION or SET."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class _Cand:
    timex: Timex
    priority: int  # among equally long overlapping candidates the higher wins


@cache
def lexicon() -> dict:
    return json.loads(resources.files("checker.data").joinpath("timeml.json").read_text("utf-8"))


@dataclass(frozen=True)
class _Patterns:
    vague: re.Pattern
    part_after: re.Pattern
    day_part: re.Pattern
    clock: re.Pattern
    day_part_mod: re.Pattern
    sets: re.Pattern
    offset: re.Pattern
    offset_head: re.Pattern
    reporting: re.Pattern
    year_period: re.Pattern
    drop: re.Pattern
    period_word: re.Pattern
    the_before: re.Pattern
    amount_after: re.Pattern
    holiday: re.Pattern
    spelled_year: re.Pattern
    century: re.Pattern
    century_head: re.Pattern
    past_unit: re.Pattern
    decade: re.Pattern
    decade_head: re.Pattern
    vague_ago: re.Pattern
    plural_unit: re.Pattern
    plural_unit_around: re.Pattern
    anaphor: re.Pattern
    ended: re.Pattern
    year_quarter: re.Pattern


@cache
def _patterns() -> _Patterns:
    lx = lexicon()
    tl = dates.lexicon()
    num = number_pattern()
    units = sorted({f for u in tl["duration_units"].values() for f in u["forms"]}, key=len, reverse=True)
    weekdays = "|".join(tl["weekdays"])
    months = "|".join(tl["months"])
    quarters = "|".join(sorted(tl["quarter_words"], key=len, reverse=True))
    reporting = (lx["reporting_latest"] + lx["reporting_current"] + lx["reporting_prior"]
                 + lx["reporting_year"])
    zones = "|".join(lx["zones"])
    phrases = "|".join(re.escape(k).replace("'", "['’]") for k in sorted(lx["clock_phrases"], key=len, reverse=True))
    return _Patterns(
        vague=re.compile(rf"(?i)\b(?:{alternation(lx['vague'])})\b"),
        part_after=re.compile(rf"\s+({'|'.join(lx['part_of_day'])})\b", re.I),
        day_part=re.compile(rf"(?i)\b({'|'.join(lx['day_part_words'])})\s+({'|'.join(lx['part_of_day'])})\b"),
        clock=re.compile(
            rf"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>[ap]\.m\.|[ap]m\b)"
            rf"|(?P<nm>{'|'.join(lx['clock_words'])})\b"
            rf"|(?P<hw>\d{{1,2}}|{'|'.join(_HOUR_WORDS)})\s+(?P<ph>{phrases})(?![\w'’]))"
            rf"(?:\s+(?P<z>{zones})\b)?", re.I),
        day_part_mod=re.compile(
            rf"(?i)\b(?P<m>early|late|mid)[\s-]?(?P<p>{'|'.join(lx['part_of_day'])})\b"
            rf"(?:\s+(?P<d>{'|'.join(lx['day_part_words'])}))?"),
        sets=re.compile(
            rf"\b(?P<w>{'|'.join(lx['set_words'])})\b"
            rf"|\b(?P<q>{'|'.join(lx['set_quantifiers'])})\s+(?:(?P<u>{'|'.join(lx['set_units'])})"
            rf"|(?P<wd>{weekdays})|(?P<mon>{months}))\b", re.I),
        # scanned from the direction word back: "later"/"earlier" is rare, the amount is not
        offset=re.compile(r"(?i)\b(?:earlier|later)\b"),
        offset_head=re.compile(
            rf"(?i)\b(?:(?P<mod>{alternation(list(tl['duration_modifiers']))})\s+)?"
            rf"(?P<n>{num}|an?|{alternation(tl['vague_amounts'])})\s+(?:trading\s+|business\s+)?"
            rf"(?P<u>minute|hour|day|week|month|year|decade)s?(?P<half>\s+and\s+a\s+half)?\s+\Z"),
        reporting=re.compile(rf"(?i)\b(?:{alternation(reporting + lx['year_ended'])})(?![\w-])"),
        year_quarter=re.compile(
            rf"(?i)\b(?P<d>last|this|next)\s+year['’]s\s+(?P<q>{quarters})[\s-]+quarter\b"),
        year_period=re.compile(
            rf"(?i)\b(?:the\s+)?(?P<f>fiscal\s+)?(?P<y>(?:19|20)\d\d)(?:\s+(?P<q>{quarters})\s+quarter"
            rf"|\s+(?P<p>quarter|period|fiscal\s+year))?\b"),
        drop=re.compile(rf"(?i)(?:{alternation(lx['extent_drop'])})\s+"),
        period_word=re.compile(rf"(?i)\b(?:the\s+)?(?:{alternation(lx['extent_period_words'])})\s+\Z"),
        the_before=re.compile(r"\b[Tt]he\s+\Z"),
        amount_after=re.compile(rf"(?i)\s+(?:{num}|few|several|{alternation(units)})\b"),
        holiday=re.compile(rf"(?:\b(?P<dir>last|next|this)\s+)?\b(?P<h>{alternation(_title_forms(lx['holidays']))})\b"),
        spelled_year=re.compile(
            rf"(?i)(?:\b(?P<mon>{months})\s+|\bthe\s+(?P<sea>{'|'.join(tl['seasons'])})\s+of\s+|(?P<ty>\bthe\s+year\s+))?"
            rf"\b(?:(?P<c>{'|'.join(lx['spelled_centuries'])})[\s-]+(?P<r>(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|hundred)"
            rf"|(?P<k>two\s+thousand)(?:[\s-]+(?:and\s+)?(?P<kr>{_TEENS}|{_UNITS}))?)\b(?![-\w])"),
        decade=re.compile(rf"(?i)\b(?P<w>{'|'.join(lx['decade_words'])})\b|['’](?P<d>\d)0s\b"),
        decade_head=re.compile(r"(?i)(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )\b(?:the\s+)?"
                               r"(?:(?P<part>early|mid|late)[\s-]+)?\Z"),
        past_unit=re.compile(r"(?i)\bthe\s+(?:past|last)\s+(?P<u>year|month|week|decade)\b(?!['’-])"),
        vague_ago=re.compile(rf"(?i)\b(?:{alternation(tl['vague_amounts'])})\s+(?:year|month|week|day|decade)s\s+ago\b"),
        century=re.compile(r"(?i)\bcentury\b"),
        century_head=re.compile(
            rf"(?i)(?:\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)"
            rf"|\b(?P<t>twenty[\s-]+)?(?P<w>{alternation(list(number_lexicon()['ordinals']))}))[\s-]+\Z"),
        plural_unit_around=re.compile(
            rf"(?i)\bthe\s+(?P<u>{'|'.join(lx['plural_units'])})\s+(?:{alternation(lx['plural_unit_around'])})\b"),
        plural_unit=re.compile(rf"(?i)\b(?P<b>{alternation(lx['plural_unit_before'])})\s+(?P<u>{'|'.join(lx['plural_units'])})\b"),
        anaphor=re.compile(rf"(?i)\b(?:{alternation(lx['anaphors'])})\b"),
        ended=re.compile(r"\s+end(?:ed|ing)\s+(?:on\s+)?"),
    )


_HOUR_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_YEAR_PREPS = re.compile(r"(?i)\b(?:in|by|since|until|till|of|from|to|before|after|through)\s+\Z")


def _title_forms(phrases) -> list[str]:
    """Holiday names as written: title case ("Thanksgiving Day"), first word only ("Easter week"), lower case."""
    out = set()
    for ph in phrases:
        out.add(ph)
        out.add(" ".join(w[:1].upper() + w[1:] for w in ph.split()))
        out.add(ph[:1].upper() + ph[1:])
    return sorted(out, key=len, reverse=True)


# ---------------------------------------------------------------------------
# Calendar helpers

def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift(dct: date, n: int, unit: str) -> str:
    """The TIMEX3 value ``n`` units from ``dct`` (negative: before), at the unit's granularity."""
    if unit == "day":
        return (dct + timedelta(days=n)).isoformat()
    if unit == "week":
        y, w, _ = (dct + timedelta(days=7 * n)).isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "month":
        y, m = divmod(dct.year * 12 + dct.month - 1 + n, 12)
        return f"{y}-{m + 1:02d}"
    if unit == "decade":
        n *= 10
    return str(dct.year + n)


# ---------------------------------------------------------------------------
# Claims as timexes, with TimeML extents

_AND_DAY = re.compile(r"\s+(?:and|or|&)\s+(\d{1,2})(?:st|nd|rd|th)?(?=\s*[.,;:)]|\s*\Z)")
_WEEK_OF = re.compile(r"(?i)\bthe\s+week\s+of\s+\Z")


def _from_date(text: str, r: Record, p: _Patterns) -> list[Timex]:
    v = r.value
    s, e = r.start, r.end
    tx = v.get("timex") or ""
    m = re.fullmatch(r"((?:19|20)\d\d)(\s+(?:and|to|until|till|through)\s+)((?:19|20)\d\d)", text[s:e])
    if v.get("form") == "range" and m:  # "between 1994 and 1997": TimeML tags each year
        return [Timex(s, s + 4, "DATE", m.group(1)), Timex(e - 4, e, "DATE", m.group(3))]
    lead = re.match(r"(?:[Ee]arlier|[Ll]ater)\s+", text[s:e])
    if lead and v.get("granularity") in ("day", "week"):
        s += lead.end()  # "Earlier [Friday]", "earlier [this week]"; TimeML keeps "earlier this year" whole
    if v.get("granularity") in lexicon()["extent_the_before"] and p.the_before.search(text, max(0, s - 6), s):
        s = p.the_before.search(text, max(0, s - 6), s).start()
    typ = v.get("type") or "DATE"
    also = _AND_DAY.match(text, e)
    if also and re.fullmatch(r"\d{4}-\d\d-\d\d", tx) and int(also.group(1)) > int(tx[8:]):
        try:  # "on April 24 and 25": the second day is a date of its own
            second = date(int(tx[:4]), int(tx[5:7]), int(also.group(1))).isoformat()
        except ValueError:
            second = None
        if second:
            return [Timex(s, e, typ, tx, v.get("mod")), Timex(also.start(1), also.end(1), "DATE", second)]
    wk = _WEEK_OF.search(text, max(0, s - 16), s)
    if wk and re.fullmatch(r"\d{4}-\d\d-\d\d", tx):  # "the week of March 6": the ISO week holding that day
        y, w, _ = date.fromisoformat(tx).isocalendar()
        return [Timex(wk.start(), e, "DATE", f"{y}-W{w:02d}")]
    if v.get("granularity") == "day" and re.fullmatch(r"\d{4}-\d\d-\d\d", tx):
        pm = p.part_after.match(text, e)
        if pm:  # "Wednesday night" -> 2000-01-05TNI
            tx += lexicon()["part_of_day"][pm.group(1).lower()]
            e, typ = pm.end(), "TIME"
    return [Timex(s, e, typ, tx, v.get("mod"))]


def _from_duration(text: str, r: Record, p: _Patterns) -> Timex:
    s, e = r.start, r.end
    while True:
        d = p.drop.match(text, s, e)
        if not d:
            break
        s = d.end()
    pw = p.period_word.search(text, max(0, s - 24), s)
    verb_last = pw is not None and pw.group(0).lower().startswith("last") and text[s:s + 5].lower() == "over "
    if pw and not verb_last:
        s = pw.start()  # "the past two months", but not "to last over a week"
    elif ("duration" in lexicon()["extent_the_before"] and p.the_before.search(text, max(0, s - 6), s)
          and "-" not in text[s:e] and not text.startswith(" of ", e)):
        s = p.the_before.search(text, max(0, s - 6), s).start()  # "the six months", not "the 14-day [period]"
    return Timex(s, e, "DURATION", r.value.get("timex") or "", r.value.get("timeml_mod"))


# ---------------------------------------------------------------------------
# What is not a claim

_NEXT_WORD = re.compile(r"\s+(\w+)")


def _excluded_after(text: str, pos: int, key: str) -> bool:
    """Whether the word after ``pos`` is one that ``vague_not_after`` lists for phrase ``key``."""
    nxt = _NEXT_WORD.match(text, pos, pos + 30)
    return bool(nxt) and nxt.group(1).lower() in lexicon()["vague_not_after"].get(key, ())


def _vague(text: str, p: _Patterns) -> list[Timex]:
    lx = lexicon()
    out = []
    for m in p.vague.finditer(text):
        key = re.sub(r"\s+", " ", m.group(0).lower())
        prv = re.search(r"(\w+)\s+\Z", text[max(0, m.start() - 30):m.start()])
        if _excluded_after(text, m.end(), key):
            continue
        if prv and prv.group(1).lower() in lx["vague_not_before"].get(key, ()):
            continue
        if key in lx["vague_only_after"] and not (prv and prv.group(1).lower() in lx["vague_only_after"][key]):
            continue
        if key == "the past" and p.amount_after.match(text, m.end()):
            continue  # "the past two months": the duration's extent
        typ, value = lx["vague"][key]
        out.append(Timex(m.start(), m.end(), typ, value))
    return out


def _sets(text: str, p: _Patterns) -> list[Timex]:
    lx = lexicon()
    tl = dates.lexicon()
    out = []
    for m in p.sets.finditer(text):
        if m.group("w"):
            if not m.group("w").islower():
                continue  # "Daily News": a name
            out.append(Timex(m.start(), m.end(), "SET", lx["set_words"][m.group("w")]))
        elif m.group("u"):
            out.append(Timex(m.start(), m.end(), "SET", lx["set_units"][m.group("u").lower()]))
        elif m.group("wd"):
            out.append(Timex(m.start(), m.end(), "SET", f"XXXX-WXX-{tl['weekdays'][m.group('wd')]}"))
        elif m.group("mon"):
            out.append(Timex(m.start(), m.end(), "SET", f"XXXX-{tl['months'][m.group('mon')]:02d}"))
    return out


def _day_parts(text: str, dct: date | None, p: _Patterns) -> list[Timex]:
    if dct is None:
        return []
    lx = lexicon()
    out = []
    for m in p.day_part.finditer(text):
        d = dct + timedelta(days=lx["day_part_words"][m.group(1).lower()])
        out.append(Timex(m.start(), m.end(), "TIME", f"{d.isoformat()}{lx['part_of_day'][m.group(2).lower()]}"))
    return out


_DAY_GAP = re.compile(r",?\s+(?:on\s+)?\Z")
_FULL_DAY = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}")


def _day_after(text: str, e: int, days: list[Timex], starts: list[int]) -> Timex | None:
    """The day-granular date right after ``e`` ("9 a.m. [Tuesday]", "5 p.m. EST, [Nov. 6]"), if any."""
    j = bisect.bisect_left(starts, e)
    if j < len(days) and days[j].start - e <= 5 and _DAY_GAP.match(text, e, days[j].start) \
            and _FULL_DAY.fullmatch(days[j].value):
        return days[j]
    return None


def _nearest_day(pos: int, full: list[Timex], starts: list[int], sentences: tuple[list[int], list[int]]) -> Timex | None:
    """The day-granular date nearest ``pos`` in its sentence (one bisection, no scan)."""
    s_starts, s_ends = sentences
    k = bisect.bisect_right(s_starts, pos) - 1
    lo, hi = (s_starts[k], s_ends[k]) if k >= 0 else (0, pos + 1)
    i = bisect.bisect_left(starts, pos)
    best = None
    for j in (i - 1, i):
        if 0 <= j < len(full) and lo <= full[j].start < hi:
            if best is None or abs(full[j].start - pos) < abs(best.start - pos):
                best = full[j]
    return best


def _clock(text: str, dct: date | None, days: list[Timex], recs: list[Record], p: _Patterns,
           sentences: tuple[list[int], list[int]] = ([], [])) -> list[Timex]:
    """Clock times (TIMEX3 TIME); a day right after ("9 a.m. Tuesday") joins the timex and gives its date.

    ``recs`` are the clock readings of ``checker.extract.times`` ("1:24 p.m.",
    "14:00 Moscow time", "1745 hrs"); each takes the day named nearest it in its
    sentence. The rest (headlines, times named in words: "noon", "4 in the morning")
    and times in a sentence naming no day take the publication day, as TimeML
    annotators resolve an undated time to the document's creation time.

    Notes: TIMEX3 TIME values and "midnight" as T24:00 follow the TimeML 1.2.1 guidelines;
    the zone and a following day inside the extent follow the TempEval-3 training annotation.
    """
    lx = lexicon()
    out = []
    starts = [t.start for t in days]
    full = [t for t in days if _FULL_DAY.fullmatch(t.value) and "X" not in t.value]
    full_starts = [t.start for t in full]
    today = dct.isoformat() if dct else "XXXX-XX-XX"
    for r in recs:
        tx = r.value.get("timex") or ""
        if "T" not in tx:
            continue
        day, clock = tx.split("T", 1)
        e = r.end
        nxt = _day_after(text, e, days, starts)
        if nxt:
            day, e = nxt.value, nxt.end
        else:
            near = _nearest_day(r.start, full, full_starts, sentences)
            day = near.value if near else today
        out.append(Timex(r.start, e, "TIME", f"{day}T{clock}"))
    taken = {r.start for r in recs}
    for m in p.clock.finditer(text):
        if m.start() in taken:
            continue  # read above, with its zone and its sentence's day
        if m.group("nm"):
            if _excluded_before(text, m.start(), lx["clock_words_not_after"]):
                continue  # "high noon"
            hh, mm = (int(x) for x in lx["clock_words"][m.group("nm").lower()].split(":"))
        elif m.group("ph"):
            w = m.group("hw").lower()
            hh = int(w) if w.isdigit() else _HOUR_WORDS.index(w) + 1
            if not 1 <= hh <= 12:
                continue
            ap = lx["clock_phrases"][re.sub(r"[’]", "'", m.group("ph").lower())]
            if ap == "pm" and hh < 12 or ap == "am" and hh == 12:
                hh = (hh + 12) % 24
            mm = 0
        else:
            hh, mm = int(m.group("h")), int(m.group("mi") or 0)
            if hh == 0 or hh > 12:
                continue
            pm = m.group("ap")[0].lower() == "p"
            hh = (hh % 12) + (12 if pm else 0)
        e = m.end()
        day = today
        nxt = _day_after(text, e, days, starts)
        if nxt:
            day, e = nxt.value, nxt.end
        out.append(Timex(m.start(), e, "TIME", f"{day}T{hh:02d}:{mm:02d}"))
    for m in p.day_part_mod.finditer(text):
        code = lx["part_of_day"][m.group("p").lower()]
        e = m.end()
        if m.group("d"):
            d = dct + timedelta(days=lx["day_part_words"][m.group("d").lower()]) if dct else None
            day = d.isoformat() if d else today
        else:
            nxt = _day_after(text, e, days, starts)
            if nxt:
                day, e = nxt.value, nxt.end
            elif code == "TNI" or ("-" in m.group(0) and _NOUN_AFTER.match(text, e)):
                continue  # "late-night shows", "early-morning news": no time in particular
            else:
                day = today
        mod = dates.lexicon()["parts"][m.group("m").lower()]
        out.append(Timex(m.start(), e, "TIME", f"{day}{code}", mod))
    return out


def _excluded_before(text: str, pos: int, words) -> bool:
    prv = re.search(r"(\w+)\s+\Z", text[max(0, pos - 20):pos])
    return bool(prv) and prv.group(1).lower() in words


def _offsets(text: str, dct: date | None, days: list[Timex], p: _Patterns) -> list[Timex]:
    """"Three days later", "a year earlier": a span counted from some other event.

    Up to a week, TimeML annotators tag the span as a DURATION ("Three days" P3D,
    "later" being a signal). A month or more earlier is dated from publication
    ("a year earlier" in results copy is the year-ago period); a month or more
    later counts from the last date the text gave ("in 2008 ... two years
    later"), and is left untagged when there is none.
    """
    dl = dates.lexicon()
    starts = [t.start for t in days]
    out = []
    for d in p.offset.finditer(text):
        m = p.offset_head.search(text, max(0, d.start() - 80), d.start())
        if m is None:
            continue
        amount = m.group("n").lower()
        vague = amount in dl["vague_amounts"]
        n = 1 if vague or amount in ("a", "an") else parse_number(amount)
        unit = m.group("u").lower()
        if n is None:
            continue
        if m.group("half"):
            n += 0.5
        mod = dl["duration_modifiers"][re.sub(r"\s+", " ", m.group("mod").lower())][1] if m.group("mod") else None
        if unit in ("minute", "hour", "day", "week"):
            end = d.start()
            while end > m.start() and text[end - 1].isspace():
                end -= 1
            out.append(Timex(m.start(), end, "DURATION", durations.timex_value(n, unit, vague), mod))
            continue
        if vague or mod or n != int(n):
            continue
        if d.group(0).lower() == "later":
            gran, k = ("year", 10 * int(n)) if unit == "decade" else (unit, int(n))
            value = _from_previous(days, starts, m.start(), gran, k)
            if value is None:
                continue
        else:
            value = _shift(dct, -int(n), unit) if dct else "XXXX-XX-XX"
        out.append(Timex(m.start(), d.end(), "DATE", value))
    return out


def _easter(y: int) -> date:
    """Easter Sunday of year ``y`` (Gregorian; the anonymous computus of Meeus, Astronomical Algorithms)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(y, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _holiday_day(y: int, rule: list) -> date:
    """The day a holiday rule of ``timeml.json`` gives in year ``y``."""
    if rule[0] == "easter":
        return _easter(y) + timedelta(days=rule[1])
    if len(rule) == 2:
        return date(y, rule[0], rule[1])
    month, wd = rule[0], rule[1]
    if len(rule) == 4:  # first such weekday after a day ("Tuesday after the first Monday" = after the 1st)
        d = date(y, month, rule[3] + 1)
        return d + timedelta(days=(wd - d.isoweekday()) % 7)
    n = rule[2]
    if n > 0:
        d = date(y, month, 1)
        return d + timedelta(days=(wd - d.isoweekday()) % 7 + 7 * (n - 1))
    d = date(y, month + 1, 1) - timedelta(days=1) if month < 12 else date(y, 12, 31)
    return d - timedelta(days=(d.isoweekday() - wd) % 7)


def _holidays(text: str, dct: date | None, p: _Patterns) -> list[Timex]:
    """"Thanksgiving Day", "last Christmas": the nearest such day, leaning with the tense."""
    rules = lexicon()["holidays"]
    out = []
    for m in p.holiday.finditer(text):
        rule = rules[m.group("h").lower()]
        if dct is None:
            out.append(Timex(m.start(), m.end(), "DATE", "XXXX-XX-XX"))
            continue
        direction = (m.group("dir") or "").lower()
        if direction == "last":
            y = dct.year if _holiday_day(dct.year, rule) < dct else dct.year - 1
        elif direction == "next":
            y = dct.year if _holiday_day(dct.year, rule) > dct else dct.year + 1
        else:
            cue = tense.tense_near(text, m.start(), m.end(), max(0, m.start() - 200), m.end() + 200)
            y = tense.pick_year(dct, lambda yy: (_holiday_day(yy, rule),) * 2, cue)
        day = _holiday_day(y, rule)
        if rule[-1] == "week":
            iy, iw, _ = day.isocalendar()
            out.append(Timex(m.start(), m.end(), "DATE", f"{iy}-W{iw:02d}"))
        else:
            out.append(Timex(m.start(), m.end(), "DATE", day.isoformat()))
    return out


def _spelled_years(text: str, p: _Patterns) -> list[Timex]:
    """Years in words, as broadcast transcripts write them ("nineteen ninety-six")."""
    lx = lexicon()
    tl = dates.lexicon()
    words = number_lexicon()["cardinals"]
    out = []
    for m in p.spelled_year.finditer(text):
        if m.group("k") and not (m.group("ty") or m.group("mon") or m.group("sea")
                                 or _YEAR_PREPS.search(text, max(0, m.start() - 12), m.start())):
            continue  # "two thousand people": a number unless a date frames it
        if m.group("k"):
            y = 2000 + (words.get(m.group("kr").lower(), 0) if m.group("kr") else 0)
        else:
            r = m.group("r").lower()
            if r == "hundred":
                rest = 0
            else:
                rest = sum(words.get(w, 0) for w in re.split(r"[\s-]+", r))
            y = lx["spelled_centuries"][m.group("c").lower()] + rest
        if m.group("mon"):
            value = f"{y}-{tl['months'][m.group('mon').title()]:02d}"
        elif m.group("sea"):
            value = f"{y}-{tl['seasons'][m.group('sea').lower()][0]}"
        else:
            value = str(y)
        out.append(Timex(m.start(), m.end(), "DATE", value))
    return out


def _past_units(text: str, dct: date | None, p: _Patterns) -> list[Timex]:
    """"Over the past year", "for the last week": TimeML annotators date the calendar unit before publication.

    "The past decade" is the ten years up to publication (P10Y); "several years
    ago" a vague past (PAST_REF).
    """
    out = [Timex(m.start(), m.end(), "DATE", "PAST_REF") for m in p.vague_ago.finditer(text)]
    for m in p.past_unit.finditer(text):
        unit = m.group("u").lower()
        if unit == "decade":
            out.append(Timex(m.start(), m.end(), "DURATION", "P10Y"))
        elif dct is not None:
            out.append(Timex(m.start(), m.end(), "DATE", _shift(dct, -1, unit)))
    return out


def _decades(text: str, dct: date | None, p: _Patterns) -> list[Timex]:
    """"The nineties", "the '80s": a decade in the latest century it had begun by publication ("199").

    Bare "80s" is left alone (temperatures, scores), as is "in his forties" (an age).
    """
    tl = dates.lexicon()
    out = []
    for m in p.decade.finditer(text):
        head = p.decade_head.search(text, max(0, m.start() - 16), m.start())
        if head is None:
            continue  # "in his forties": an age
        d = lexicon()["decade_words"][m.group("w").lower()] if m.group("w") else int(m.group("d"))
        century = (dct.year // 100) if dct else 19
        if century * 100 + d * 10 > (dct.year if dct else 1999):
            century -= 1
        mod = tl["parts"][head.group("part").lower()] if head.group("part") else None
        out.append(Timex(head.start() if head.group(0) else m.start(), m.end(), "DATE", f"{century}{d}", mod))
    return out


_CENTURY_REL = re.compile(r"(?i)\b(this|last|next)\s+\Z")


def _centuries(text: str, dct: date | None, p: _Patterns) -> list[Timex]:
    """"The 20th century" is TIMEX3 value "19": the century's first two digits; "this century" is publication's."""
    out = []
    for c in p.century.finditer(text):
        rel = _CENTURY_REL.search(text, max(0, c.start() - 8), c.start())
        if rel and dct is not None:  # "this century": publication's; "last century", "next century"
            n = dct.year // 100 + dates.lexicon()["relative_directions"][rel.group(1).lower()]
            out.append(Timex(rel.start(), c.end(), "DATE", f"{n:02d}"))
            continue
        m = p.century_head.search(text, max(0, c.start() - 24), c.start())
        if m is None:
            continue
        if m.group("n"):
            n = int(m.group("n"))
        else:
            n = number_lexicon()["ordinals"][m.group("w").lower()] + (20 if m.group("t") else 0)
        if 1 <= n <= 21:
            out.append(Timex(m.start(), c.end(), "DATE", f"{n - 1:02d}"))
    return out


def _plural_units(text: str, p: _Patterns) -> list[Timex]:
    """"For years", "within weeks", "over the years", "the [weeks] before the vote": vague durations.

    Notes: TBAQ-cleaned tags the bare unit in "the weeks before ..." (6 of 6), mostly typed DATE
    with the event's month; its value here is the vague span (PXW), as no event date is known.
    """
    units = lexicon()["plural_units"]
    out = []
    for m in p.plural_unit.finditer(text):
        b = m.group("b").lower()
        # the extent keeps "the" and "coming" ("over [the years]", "in [the coming years]"), not the preposition
        keep = next((k for k in ("the coming", "coming", "the") if b.endswith(k)), None)
        s = m.start("b") + len(b) - len(keep) if keep else m.start("u")
        out.append(Timex(s, m.end(), "DURATION", units[m.group("u").lower()]))
    for m in p.plural_unit_around.finditer(text):  # "in the [weeks] before the shooting"
        out.append(Timex(m.start("u"), m.end("u"), "DURATION", units[m.group("u").lower()]))
    return out


def _from_previous(days: list[Timex], starts: list[int], pos: int, gran: str, shift: int) -> str | None:
    """The latest date before ``pos`` of at least granularity ``gran``, shifted by ``shift`` such units."""
    i = bisect.bisect_left(starts, pos) - 1
    stop = i - _LOOKBACK
    while i >= 0 and i > stop:
        v = days[i].value
        if gran == "day" and re.fullmatch(r"\d{4}-\d\d-\d\d", v[:10]):
            return (date.fromisoformat(v[:10]) + timedelta(days=shift)).isoformat()
        if gran == "month" and re.match(r"\d{4}-\d\d(?:-|$)", v):
            y, mo = divmod(int(v[:4]) * 12 + int(v[5:7]) - 1 + shift, 12)
            return f"{y}-{mo + 1:02d}"
        if gran == "year" and re.match(r"\d{4}(?:-|$)", v):
            return str(int(v[:4]) + shift)
        i -= 1
    return None


def _anaphors(text: str, days: list[Timex], p: _Patterns) -> list[Timex]:
    """"That day", "the following year": the latest date before them, shifted."""
    rules = lexicon()["anaphors"]
    starts = [t.start for t in days]
    out = []
    for m in p.anaphor.finditer(text):
        gran, shift = rules[re.sub(r"\s+", " ", m.group(0).lower())]
        value = _from_previous(days, starts, m.start(), gran, shift)
        if value:
            out.append(Timex(m.start(), m.end(), "DATE", value))
    return out


_QUARTER_WORD = re.compile(r"(?i)\bquarter")
_YEAR_NUMBER_AFTER = re.compile(r"\s+(?:1[89]|20)\d\d(?!\d)")
_LAST_YEAR = re.compile(r"(?i)\blast\s+year\b")
_YEAR_END = re.compile(r"\byear(?P<sep>-|\s|['’]s\s)end\b(?!-)")
_COMPARED = re.compile(r"(?i)\b(?:compared\s+with|compared\s+to|from|than|against|versus)\b[^.;]{0,40}\Z")
_LOOKBACK = 20  # dates looked back over for a reference time (keeps hostile text linear)


class _Reporting:
    """The reporting quarter of financial copy at a position (see ``at``)."""

    def __init__(self, quarters: list[Timex], dct: date | None, days: list[Timex] = ()):
        self.day_starts = {t.start: t.value for t in days if re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)}
        self.quarters = sorted(quarters, key=lambda t: t.start)
        self.starts = [t.start for t in self.quarters]
        self.dct = dct

    def day_at(self, pos: int) -> date | None:
        """The day of a date timex starting at ``pos``, if any."""
        v = self.day_starts.get(pos)
        return date.fromisoformat(v) if v else None

    def __bool__(self) -> bool:
        return bool(self.quarters)

    def at(self, pos: int) -> tuple[int, int] | None:
        """The quarter results copy is reporting at ``pos``.

        The last quarter completed by publication when it is among the recent
        mentions (other quarters named in passing, "after a flat second quarter",
        are comparisons); else the latest quarter named before ``pos`` that was
        over by publication; else the last one completed.
        """
        now = _quarter_of(self.dct) if self.dct else None
        i = bisect.bisect_right(self.starts, pos) - 1
        if now is not None:
            last = (now[0], now[1] - 1) if now[1] > 1 else (now[0] - 1, 4)
            if any(t.value == f"{last[0]}-Q{last[1]}" for t in self.quarters[max(0, i - _LOOKBACK + 1):i + 1]):
                return last
        stop = i - _LOOKBACK
        while i >= 0 and i > stop:
            m = re.match(r"(\d{4})-Q([1-4])", self.quarters[i].value)
            if m and (now is None or (int(m.group(1)), int(m.group(2))) < now):
                return int(m.group(1)), int(m.group(2))
            i -= 1
        if now is None:
            return None
        y, q = now
        return (y, q - 1) if q > 1 else (y - 1, 4)


def _reporting(text: str, dct: date | None, rep: _Reporting, p: _Patterns) -> list[Timex]:
    lx = lexicon()
    out = []
    for m in p.reporting.finditer(text):
        key = re.sub(r"\s+", " ", m.group(0).lower())
        if key in lx["year_ended"] and p.ended.match(text, m.end()):
            out.append(Timex(m.start(), m.end(), "DURATION", "P1Y"))
            continue
        if key in lx["year_ended"] and key not in lx["reporting_year"]:
            continue
        if _excluded_after(text, m.end(), key):
            continue  # "the year before": relative to another time
        if key in lx["reporting_year"]:
            if _YEAR_NUMBER_AFTER.match(text, m.end()):
                continue  # "in the year 2000": the number is the date
            if dct:
                out.append(Timex(m.start(), m.end(), "DATE", str(dct.year)))
            continue
        if key in ("a year earlier", "a year ago", "year-earlier", "year-ago") and (
                not rep or not _QUARTER_WORD.search(text, max(0, m.start() - 400), m.start())):
            continue  # no quarter under discussion: the plain year reading stands
        if key in lx["reporting_current"]:
            if dct:
                y, q = _quarter_of(dct)
                out.append(Timex(m.start(), m.end(), "DATE", f"{y}-Q{q}"))
            continue
        yq = rep.at(m.start())
        ended = p.ended.match(text, m.end())
        if ended and key in lx["reporting_latest"]:  # "the quarter ended Sept. 30": the calendar quarter of that day
            nxt = rep.day_at(ended.end())
            if nxt:
                yq = _quarter_of(nxt)
        if yq is None:
            continue
        y, q = yq
        if key in lx["reporting_prior"]:
            y -= 1
            named = next((n for w, n in dates.lexicon()["quarter_words"].items() if f" {w} quarter" in key), None)
            if named:  # "the year-ago third quarter": a year before the latest such quarter
                y, q = (y - 1 if named > q else y), named
        out.append(Timex(m.start(), m.end(), "DATE", f"{y}-Q{q}"))
    for m in _LAST_YEAR.finditer(text):  # "compared with $3 million last year": the same quarter a year before
        if (rep and _COMPARED.search(text, max(0, m.start() - 60), m.start())
                and _QUARTER_WORD.search(text, max(0, m.start() - 400), m.start())):
            yq = rep.at(m.start())
            if yq:
                out.append(Timex(m.start(), m.end(), "DATE", f"{yq[0] - 1}-Q{yq[1]}"))
    for m in p.year_period.finditer(text):
        if not (m.group("f") or m.group("q") or m.group("p")):
            continue
        y = m.group("y")
        if m.group("q"):
            value = f"{y}-Q{dates.lexicon()['quarter_words'][m.group('q').lower()]}"
        elif m.group("p") and (m.group("p").lower() == "quarter" or (m.group("p").lower() == "period" and rep)):
            yq = rep.at(m.start())  # "the 1988 quarter", in financial copy "the 1988 period"
            value = f"{y}-Q{yq[1]}" if yq else f"{y}-QX"
        else:
            value = y
        out.append(Timex(m.start(), m.end(), "DATE", value))
    if dct:
        for m in _YEAR_END.finditer(text):  # "by year-end", "since year-end"
            y = dct.year - 1 if re.search(r"(?i)\bsince\s+\Z", text[max(0, m.start() - 8):m.start()]) else dct.year
            # "year-end" is the closing date; "by year end", "by year's end" the year's last part (mod END)
            if m.group("sep") == "-":
                out.append(Timex(m.start(), m.end(), "DATE", f"{y}-12-31"))
            else:
                out.append(Timex(m.start(), m.end(), "DATE", str(y), "END"))
        for m in p.year_quarter.finditer(text):  # "next year's first quarter"
            y = dct.year + dates.lexicon()["relative_directions"][m.group("d").lower()]
            q = dates.lexicon()["quarter_words"][m.group("q").lower()]
            out.append(Timex(m.start(), m.end(), "DATE", f"{y}-Q{q}"))
    return out


# ---------------------------------------------------------------------------

def _overlap_free(cands: list[_Cand]) -> list[Timex]:
    """Longest first, then priority; a candidate overlapping a kept one is dropped."""
    kept: list[tuple[int, int]] = []
    out = []
    for c in sorted(cands, key=lambda c: (-(c.timex.end - c.timex.start), -c.priority, c.timex.start)):
        t = c.timex
        i = bisect.bisect_left(kept, (t.start, t.start))
        if i > 0 and kept[i - 1][1] > t.start or i < len(kept) and kept[i][0] < t.end:
            continue
        kept.insert(i, (t.start, t.end))
        out.append(t)
    return sorted(out, key=lambda t: (t.start, t.end))


_PART_OF_UNIT = re.compile(
    r"(?i)\b(?P<part>the\s+(?:end|beginning|start|middle|close))\s+of\s+the\s+(?P<u>week|month)\b"
    r"(?!['’-]|\s+(?:of|before|after|ago|earlier|later|that|when|in|following)\b)")


def _part_of_unit(text: str, dct: date | None) -> list[Timex]:
    """"By the end of the month": the part of the publication's week or month (TimeML mod START/MID/END)."""
    if dct is None:
        return []
    parts = dates.lexicon()["parts"]
    out = []
    for m in _PART_OF_UNIT.finditer(text):
        mod = parts[re.sub(r"\s+", " ", m.group("part").lower()) + " of"]
        value = _shift(dct, 0, m.group("u").lower())
        out.append(Timex(m.start(), m.end(), "DATE", value, mod))
    return out


@cache
def _part_before() -> re.Pattern:
    parts = alternation(list(dates.lexicon()["parts"]))
    return re.compile(rf"(?i)(?<![\w-])(?P<part>{parts})(?:\s?-\s?|\s+)\Z")


def _premodified(text: str, found: list[Timex]) -> list[Timex]:
    """A point in time keeps its pre-modifier inside the extent: "[late last July]", "[the end of the year]".

    Notes: TimeML 1.2.1 TIMEX3 guidelines: "early", "mid", "late", "the beginning/middle/end
    of" belong to the timex and set its mod (START, MID, END); TBAQ-cleaned tags them
    inside ("late yesterday", "the end of 1990") far more often than outside.
    """
    parts = dates.lexicon()["parts"]
    pat = _part_before()
    out = []
    prev_end = 0
    for t in found:
        if _PERIOD_OF_YEAR.fullmatch(t.value):
            t = _fiscal_period(text, t, prev_end)
        if t.type in ("DATE", "TIME") and t.mod is None and not t.value.endswith(("_REF", "X")):
            m = pat.search(text, max(prev_end, t.start - 24), t.start)
            if m and m.group("part").lower().endswith(" of") and _POSSESSIVE.match(text, t.end):
                m = None  # "the end of [Monday]'s session": the session's end
            if m:
                mod = parts[re.sub(r"\s+", " ", m.group("part").lower())]
                t = Timex(m.start(), t.end, t.type, t.value, mod)
        t = _postmodified(text, t)
        out.append(t)
        prev_end = t.end
    return out


_POSSESSIVE = re.compile(r"['’]s?\b")
_PERIOD_OF_YEAR = re.compile(r"[\dX]{4}-(?:Q[1-4X]|H[12])")
_FISCAL_BEFORE = re.compile(r"(?i)\b(?:(?P<the>the)\s+)?fiscal[\s-]+\Z")
_THE_HEAD = re.compile(r"(?i)the\s+")
_NOUN_AFTER = re.compile(r"\s+\w")
_ADJ_PERIOD = re.compile(r"(?i)-(?:quarter|half)\Z")


def _fiscal_period(text: str, t: Timex, prev_end: int) -> Timex:
    """Quarters and halves: "the fiscal first quarter" is one timex; in "the third-quarter loss" the
    timex is the adjective, so the article stays outside ("the [third-quarter] loss").

    Notes: TimeML 1.2.1 guidelines (a TIMEX3 spans a noun, adjective or adverb phrase);
    TBAQ-cleaned tags "[the fiscal first quarter]", "the [fiscal second-quarter] of", "the [third-quarter] loss".
    """
    s = t.start
    f = _FISCAL_BEFORE.search(text, max(prev_end, s - 20), s)
    if f:
        s = f.start() if f.group("the") else f.start() + f.group(0).lower().index("fiscal")
    head = _THE_HEAD.match(text, s, t.end)
    if head and _ADJ_PERIOD.search(text, s, t.end) and _NOUN_AFTER.match(text, t.end):
        s = head.end()
    return t if s == t.start else Timex(s, t.end, t.type, t.value, t.mod)


_POST_MOD = re.compile(r"\s+(?P<m>or\s+so|or\s+later|or\s+earlier|and\s+beyond)\b")
_POST_MODS = {"or so": "APPROX", "or later": "ON_OR_AFTER", "and beyond": "ON_OR_AFTER", "or earlier": "ON_OR_BEFORE"}


def _postmodified(text: str, t: Timex) -> Timex:
    """"1994 or later", "the next two years or so": the qualifier is part of the timex and sets its mod.

    Notes: TimeML 1.2.1 TIMEX3 mod values (APPROX, ON_OR_AFTER, ON_OR_BEFORE); TBAQ-cleaned
    tags "[1994 or later]", "[1990 and beyond]", "[the next two years or so]".
    """
    if t.type not in ("DATE", "DURATION") or t.mod is not None:
        return t
    m = _POST_MOD.match(text, t.end)
    if not m:
        return t
    mod = _POST_MODS[re.sub(r"\s+", " ", m.group("m").lower())]
    if t.type == "DURATION" and mod != "APPROX":
        return t
    return Timex(t.start, m.end(), t.type, t.value, mod)


def timexes(doc: Document) -> list[Timex]:
    """All TIMEX3 expressions of ``doc.text``, headline-like lines included, in text order."""
    p = _patterns()
    text = doc.text
    found_dates = dates.extract(doc, {}, headlines=True, ranges=False)
    found_durs = durations.extract(doc, {"date": found_dates}, headlines=True, elapsed=False)
    try:
        dct = date.fromisoformat(doc.meta.published) if doc.meta.published else None
    except ValueError:
        dct = None
    base = [t for r in found_dates for t in _from_date(text, r, p)]
    base += [_from_duration(text, r, p) for r in found_durs]
    cands = [_Cand(t, 1) for t in base]
    days = sorted((t for t in base if t.type == "DATE"), key=lambda t: t.start)
    rep = _Reporting([t for t in base if re.fullmatch(r"\d{4}-Q[1-4]", t.value)], dct, days)
    cands += [_Cand(t, 2) for t in _reporting(text, dct, rep, p)]
    # the clock readings only; each is dated below against the dates of its sentence
    clocks = times.extract(doc, {"date": []})
    sentences = ([st.start for st in doc.sentences], [st.end for st in doc.sentences])
    cands += [_Cand(t, 2) for t in _clock(text, dct, days, clocks, p, sentences)]
    cands += [_Cand(t, 0) for t in _day_parts(text, dct, p)]
    cands += [_Cand(t, 0) for t in _offsets(text, dct, days, p)]
    cands += [_Cand(t, 0) for t in _vague(text, p)]
    cands += [_Cand(t, 0) for t in _sets(text, p)]
    cands += [_Cand(t, 0) for t in _holidays(text, dct, p)]
    cands += [_Cand(t, 0) for t in _spelled_years(text, p)]
    cands += [_Cand(t, 0) for t in _centuries(text, dct, p)]
    cands += [_Cand(t, 0) for t in _decades(text, dct, p)]
    cands += [_Cand(t, 0) for t in _past_units(text, dct, p)]
    cands += [_Cand(t, 0) for t in _plural_units(text, p)]
    cands += [_Cand(t, 0) for t in _anaphors(text, days, p)]
    cands += [_Cand(t, 0) for t in _part_of_unit(text, dct)]
    return _premodified(text, _overlap_free(cands))
