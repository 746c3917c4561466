"""Date expressions normalised TIMEX3-style against the publication date.

Sources disagree about *when* things happened far more often through relative
wording ("Thursday", "last week") than through explicit dates, so every date
is resolved against ``doc.meta.published`` to a comparable TIMEX3 value and an
ISO day interval. Without a publication date the value keeps ``X``
placeholders and ``resolved`` is false: the checker never guesses a year.

Speed: candidates come from two trigger scans (a trie of plain words such as
month and weekday names, and digit runs) that ``re`` runs fast; the full
patterns are tried only where a trigger starts, and context such as "late",
"in", "last" or the tense of the sentence (``tense``, which also picks the
year of a yearless date) is read from small windows around each candidate.

Notes: values and ``mod`` follow the TimeML 1.2.1 TIMEX3 guidelines; reading a
bare weekday or month-day backwards from publication in past-tense copy and
forwards in future-tense copy is news-writing convention (AP style dates
events by weekday within the week of publication); thirds for early/mid/late,
meteorological seasons and the "headline-like line" rule are editorial
conventions documented in ``checker/data/temporal.json``.
"""

from __future__ import annotations

import bisect
import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from ..model import Document
from .base import Record
from .numbers import number_pattern, parse_number
from .tense import lazy_tense, pick_year, tense_near
from .trie import alternation, trie_pattern


@cache
def lexicon() -> dict:
    return json.loads(resources.files("checker.data").joinpath("temporal.json").read_text("utf-8"))


def _variants(words) -> list[str]:
    """Title, lower and upper case forms, longest first (the alternation takes the first fit)."""
    out = set()
    for w in words:
        out.update((w, w[:1].upper() + w[1:], w.lower(), w.upper()))
    return sorted(out, key=lambda w: (-len(w), w))




def _caps(words) -> list[str]:
    """Title and upper case forms only: month and weekday names must be capitalised."""
    out = set()
    for w in words:
        out.update((w, w.upper()))
    return sorted(out, key=lambda w: (-len(w), w))


# ---------------------------------------------------------------------------
# Patterns

_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"


@dataclass(frozen=True)
class _Patterns:
    names: re.Pattern
    name_trigger: re.Pattern
    digit_trigger: re.Pattern
    wkend_before: re.Pattern
    digits: re.Pattern
    ago: re.Pattern
    ago_before: re.Pattern
    part_before: re.Pattern
    word_before: re.Pattern
    month_num: dict[str, int]
    weekday_num: dict[str, int]
    wd_ex_before: re.Pattern
    wd_ex_after: re.Pattern


@cache
def _patterns() -> _Patterns:
    lx = lexicon()
    month_num = {k.lower(): v for k, v in lx["months"].items()}
    month_num.update({k.lower(): v for k, v in lx["months_abbr"].items()})
    weekday_num = {k.lower(): v for k, v in lx["weekdays"].items()}
    full = alternation(_caps(lx["months"]))
    abbr = alternation(_caps(lx["months_abbr"]))
    months = rf"(?:{full})(?![A-Za-z])|(?:{abbr})(?![A-Za-z])\.?"
    weekdays = alternation(_caps(lx["weekdays"]))
    seasons = alternation(_variants(lx["seasons"]))
    rel_days = alternation(_variants(lx["relative_days"]))
    dirs = alternation(_variants(lx["relative_directions"]))
    qwords = alternation(_variants(lx["quarter_words"]))
    hwords = alternation(_variants(lx["half_words"]))
    nb = r"(?![A-Za-z])"
    names = re.compile(
        rf"(?P<mon>{months})"
        rf"(?:\s{{1,3}}(?P<day>{_DAY})(?:\s?[-–]\s?(?P<day2>{_DAY}))?)?"
        rf"(?:,?\s{{1,3}}(?:of\s)?(?P<year>{_YEAR})(?!\d)"
        rf"|\s{{1,3}}(?P<mdir>last|this|next)\s+year{nb})?"
        rf"|(?P<wd>{weekdays}){nb}"
        rf"|(?P<rel>{rel_days}){nb}"
        rf"|(?P<dir>{dirs})\s{{1,3}}(?P<per>week(?:end)?|month|year|quarter|{seasons}){nb}"
        rf"|(?P<sea>{seasons})(?:\s(?:of\s)?|\s?)(?P<seay>{_YEAR})(?!\d)"
        rf"|Q(?P<q>[1-4])[\s-]?(?P<qy>{_YEAR})(?!\d)"
        rf"|H(?P<h>[12])[\s-]?(?P<hy>{_YEAR})(?!\d)"
        rf"|(?P<qord>{qwords})[\s-]quarter(?:\sof)?,?\s(?P<qy2>{_YEAR})(?!\d)"
        rf"|(?P<qord3>{qwords})[\s-]quarter{nb}"
        rf"|(?P<hord>{hwords})\shalf\sof\s(?P<hy2>{_YEAR})(?!\d)"
        rf"|(?P<rfrom>from|From|between|Between)\s(?P<ra>{_YEAR})"
        rf"\s?(?:to|and|until|till|through|-|–)\s?(?P<rb>{_YEAR})(?!\d)"
        rf"|(?P<wkend>weekend){nb}"
        rf"|(?P<bsea>{alternation(list(lx['seasons']))}){nb}(?!\s(?:of|in)\b)"
    )
    # Scans look for these plain words (a literal alternation, which ``re`` skips through
    # fast) and try the full patterns only where one starts.
    trig_words = (_caps(list(lx["months"]) + list(lx["months_abbr"]) + list(lx["weekdays"]))
                  + _variants(list(lx["relative_days"]) + list(lx["relative_directions"])
                              + list(lx["seasons"]) + list(lx["quarter_words"])
                              + list(lx["half_words"]) + ["from", "between"])
                  + ["weekend", "Q", "H"])
    name_trigger = re.compile(trie_pattern(set(trig_words)))
    digit_trigger = re.compile(r"\d+")
    digits = re.compile(
        rf"(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?!\d)"
        rf"|(?P<na>[0-3]?\d)(?P<nsep>[/.])(?P<nb>[0-3]?\d)(?P=nsep)(?P<ny>{_YEAR})(?![\d/.]\d)"
        rf"|(?P<ra>{_YEAR})\s?[-–—]\s?(?P<rb>{_YEAR}|\d\d)(?![\d-])"
        rf"|(?P<dec>(?:1[89]|20)\d0)['’]?s{nb}"
        rf"|(?P<dday>{_DAY})(?:\sof)?\s{{1,3}}(?P<dmon>{months})(?:,?\s{{1,3}}(?P<dyear>{_YEAR})(?!\d))?"
        rf"|(?P<yr>{_YEAR})(?![\d])"
    )
    num = number_pattern()
    ago = re.compile(r"ago(?![A-Za-z])")
    amods = alternation(lx["ago_mods"])
    ago_before = re.compile(
        rf"(?i)(?:\b(?P<amod>{amods})\s+)?\b(?P<n>{num}|an?)\s+(?P<u>day|week|month|year|decade)s?\s+\Z")
    parts = alternation(lx["parts"])
    part_before = re.compile(rf"(?i)\b(?P<part>{parts})(?:\s?-\s?|\s+)\Z")
    word_before = re.compile(r"([A-Za-z]+)[\s-]+\Z")
    exb = alternation(lx["weekday_exclude_before"])
    exa = alternation(lx["weekday_exclude_after"])
    return _Patterns(
        names=names, name_trigger=name_trigger, digit_trigger=digit_trigger, digits=digits,
        wkend_before=re.compile(r"\b(?:[Oo]ver|[Dd]uring|[Aa]t|[Aa]head\s+of|[Bb]efore|[Aa]fter|[Uu]ntil)\s+the\s+\Z"),
        ago=ago, ago_before=ago_before, part_before=part_before, word_before=word_before,
        month_num=month_num, weekday_num=weekday_num,
        wd_ex_before=re.compile(rf"\b(?:{exb})\s+\Z"),
        wd_ex_after=re.compile(rf"\s+(?:{exa})\b"),
    )


# ---------------------------------------------------------------------------
# Sentences: where a candidate stands, and whether its line is a headline

class SentenceIndex:
    """Bisect lookup of body sentences; shared with the duration extractor."""

    def __init__(self, doc: Document):
        self.sents = doc.sentences
        self.starts = [s.start for s in doc.sentences]
        per_par: dict[int, int] = {}
        for s in doc.sentences:
            per_par[s.paragraph] = per_par.get(s.paragraph, 0) + 1
        self.per_par = per_par
        self._body: str | None = None

    def at(self, offset: int):
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sents[i].end:
            return self.sents[i]
        return None

    def headline_like(self, sent) -> bool:
        """A one-sentence paragraph without final punctuation: headline, standfirst or dateline.

        Such lines repeat the body in headline tense ("Talks Set for Thursday")
        or carry page metadata, so claims are taken from the body instead.
        """
        if self.per_par.get(sent.paragraph, 0) != 1:
            return False
        t = sent.text.rstrip()
        # fewer than 25 spaces, found without counting all of a run-on line's (once per date)
        return bool(t) and t[-1] not in ".!?:;,\"”’'…)]" and len(t.split(" ", 25)) <= 25

    def headline_copy(self, sent) -> bool:
        """A headline-like line whose words a body sentence repeats ("Talks Set for Thursday" over
        "The talks are set for Thursday" is not one; a standfirst pasted as the first paragraph is).

        Headlines and standfirsts carry claims of their own ("Trapped for 94 Hours"), so only
        a true copy is set aside: its claim is the body sentence's, counted once.
        """
        if not self.headline_like(sent):
            return False
        if self._body is None:
            self._body = " ".join(_norm_words(s.text) for s in self.sents if not self.headline_like(s))
        words = _norm_words(sent.text)
        return bool(words) and words in self._body


def _norm_words(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


# ---------------------------------------------------------------------------
# Calendar helpers

def _iso(d: date) -> str:
    return d.isoformat()


def _month_last(y: int, m: int) -> date:
    return date(y, m, _month_days(y, m))


def _week(d: date) -> tuple[str, date, date]:
    y, w, _ = d.isocalendar()
    monday = d - timedelta(days=d.isoweekday() - 1)
    return f"{y}-W{w:02d}", monday, monday + timedelta(days=6)


def _part(first: date, last: date, mod: str | None) -> tuple[date, date]:
    """The third of an interval that early/mid/late names."""
    if mod not in ("START", "MID", "END"):
        return first, last
    n = (last - first).days + 1
    third = n // 3
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "MID":
        return first + timedelta(days=third), last - timedelta(days=third)
    return last - timedelta(days=third - 1), last


def _season_interval(y: int, code_row: list) -> tuple[date, date]:
    _code, m1, m2 = code_row
    if m2 < m1:  # winter crosses the year
        return date(y, m1, 1), _month_last(y + 1, m2)
    return date(y, m1, 1), _month_last(y, m2)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without its weekday (an enum, slow to build)."""
    if not 1 <= month <= 12:
        return calendar.monthrange(year, month)[1]
    return _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))


# ---------------------------------------------------------------------------
# Values

def _value(timex: str, form: str, gran: str, anchor: str | None, mod: str | None = None,
           interval: tuple[date, date] | None = None, typ: str = "DATE") -> dict[str, Any]:
    return {
        "timex": timex,
        "resolved": "X" not in timex,
        "type": typ,
        "form": form,
        "granularity": gran,
        "anchor": anchor,
        "mod": mod,
        "interval": [_iso(interval[0]), _iso(interval[1])] if interval else None,
    }


@dataclass
class _Cand:
    start: int
    end: int
    value: dict[str, Any]
    weekday: bool = False
    day_level: bool = False  # an explicit month-day (a weekday before it merges into it)


def _pub(doc: Document) -> date | None:
    p = doc.meta.published
    if not p:
        return None
    try:
        return date.fromisoformat(p)
    except ValueError:
        return None


class _Ctx:
    """What the resolvers need about one document."""

    def __init__(self, doc: Document, p: _Patterns):
        self.text = doc.text
        self.p = p
        self.pub = _pub(doc)
        self.anchor = self.pub.isoformat() if self.pub else None
        self.idx = SentenceIndex(doc)

    def word_before(self, s: int) -> str:
        m = self.p.word_before.search(self.text, max(0, s - 20), s)
        return m.group(1).lower() if m else ""

    def part_before(self, s: int) -> tuple[str | None, int]:
        m = self.p.part_before.search(self.text, max(0, s - 24), s)
        if not m:
            return None, s
        return lexicon()["parts"][re.sub(r"\s+", " ", m.group("part").lower())], m.start()


def _month_day(ctx: _Ctx, s: int, e: int, mon: int, day: int, day2: int | None, year: int | None,
               tense_fn) -> dict[str, Any] | None:
    if day > _month_days(year or 2024, mon):
        return None
    anchor = None
    if year is None and ctx.pub is not None:
        def make(y: int):
            last = day2 or day
            if last > _month_days(y, mon):
                return None
            return date(y, mon, day), date(y, mon, last)
        year = pick_year(ctx.pub, make, tense_fn())
        anchor = ctx.anchor
    if year is None:
        if day2:
            return _value(f"XXXX-{mon:02d}-{day:02d}/XXXX-{mon:02d}-{day2:02d}", "range", "range", None)
        return _value(f"XXXX-{mon:02d}-{day:02d}", "absolute", "day", None)
    if day2:
        if day2 <= day or day2 > _month_days(year, mon):
            return None
        a, b = date(year, mon, day), date(year, mon, day2)
        return _value(f"{_iso(a)}/{_iso(b)}", "range", "range", anchor, None, (a, b))
    d = date(year, mon, day)
    return _value(_iso(d), "absolute", "day", anchor, None, (d, d))


def _month(ctx: _Ctx, mon: int, year: int | None, mod: str | None, direction: int | None,
           tense_fn) -> dict[str, Any]:
    anchor = None
    form = "absolute"
    if year is None and ctx.pub is not None:
        anchor = ctx.anchor
        pm = ctx.pub.month
        if direction is not None:
            form = "relative"
            year = ctx.pub.year
            if direction < 0 and mon >= pm:
                year -= 1
            elif direction > 0 and mon <= pm:
                year += 1
        else:
            year = pick_year(ctx.pub, lambda y: (date(y, mon, 1), _month_last(y, mon)), tense_fn())
    if year is None:
        return _value(f"XXXX-{mon:02d}", form if direction is None else "relative", "month", None, mod)
    first, last = _part(date(year, mon, 1), _month_last(year, mon), mod)
    return _value(f"{year}-{mon:02d}", form, "month", anchor, mod, (first, last))


def _year(year: int, mod: str | None, anchor: str | None = None, form: str = "absolute") -> dict[str, Any]:
    first, last = _part(date(year, 1, 1), date(year, 12, 31), mod)
    return _value(str(year), form, "year", anchor, mod, (first, last))


def _weekday(ctx: _Ctx, wd: int, direction: int | None, tense_fn) -> dict[str, Any]:
    """The weekday nearest publication in the tense's direction; AP copy names today by its weekday too."""
    if ctx.pub is None:
        return _value("XXXX-XX-XX", "weekday", "day", None)
    pw = ctx.pub.isoweekday()
    back = (pw - wd) % 7  # days back to the latest such day on or before publication
    fwd = (wd - pw) % 7 or 7  # days forward to the next one strictly after
    if direction is not None and direction < 0:
        d = ctx.pub - timedelta(days=back or 7)
    elif direction is not None and direction > 0:
        d = ctx.pub + timedelta(days=fwd)
    else:
        tense = tense_fn()
        if tense == "future":
            d = ctx.pub if back == 0 else ctx.pub + timedelta(days=fwd)
        else:
            d = ctx.pub - timedelta(days=back)
    return _value(_iso(d), "weekday", "day", ctx.anchor, None, (d, d))


def _relative_period(ctx: _Ctx, direction: int, per: str, tense_fn) -> dict[str, Any] | None:
    lx = lexicon()
    per = per.lower()
    pub = ctx.pub
    if per == "week" or per == "weekend":
        if pub is None:
            return _value("XXXX-WXX" + ("-WE" if per == "weekend" else ""), "relative", "week", None)
        label, mon, sun = _week(pub + timedelta(days=7 * direction))
        if per == "weekend":
            return _value(label + "-WE", "relative", "week", ctx.anchor, None, (sun - timedelta(days=1), sun))
        return _value(label, "relative", "week", ctx.anchor, None, (mon, sun))
    if per == "month":
        if pub is None:
            return _value("XXXX-XX", "relative", "month", None)
        y, m = pub.year, pub.month + direction
        if m < 1:
            y, m = y - 1, 12
        elif m > 12:
            y, m = y + 1, 1
        return _value(f"{y}-{m:02d}", "relative", "month", ctx.anchor, None,
                      (date(y, m, 1), _month_last(y, m)))
    if per == "year":
        if pub is None:
            return _value("XXXX", "relative", "year", None)
        return _year(pub.year + direction, None, ctx.anchor, "relative")
    if per == "quarter":
        if pub is None:
            return _value("XXXX-QX", "relative", "quarter", None)
        q = (pub.month - 1) // 3 + 1 + direction
        y = pub.year + (q - 1) // 4
        q = (q - 1) % 4 + 1
        return _quarter(y, q, ctx.anchor, "relative")
    row = lx["seasons"].get(per)
    if row is None:
        return None
    code = row[0]
    if pub is None:
        return _value(f"XXXX-{code}", "relative", "season", None)
    y = pub.year
    first, last = _season_interval(y, row)
    if row[2] < row[1] and pub.month <= row[2]:  # January-February belong to last year's winter
        y -= 1
        first, last = _season_interval(y, row)
    if direction < 0:
        if first > pub or first <= pub <= last:
            y -= 1
    elif direction > 0:
        if last >= pub:
            y += 1
    first, last = _season_interval(y, row)
    return _value(f"{y}-{code}", "relative", "season", ctx.anchor, None, (first, last))


def _quarter(y: int, q: int, anchor: str | None = None, form: str = "absolute") -> dict[str, Any]:
    first = date(y, 3 * q - 2, 1)
    last = _month_last(y, 3 * q)
    return _value(f"{y}-Q{q}", form, "quarter", anchor, None, (first, last))


def _ago(ctx: _Ctx, n: float, unit: str, mod: str | None) -> dict[str, Any] | None:
    pub = ctx.pub
    if unit == "decade":
        n, unit = n * 10, "year"
    if n != int(n) or n <= 0:
        return None
    n = int(n)
    if pub is None:
        ph = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
        return _value(ph, "relative", unit, None, mod)
    if unit == "day":
        d = pub - timedelta(days=n)
        return _value(_iso(d), "relative", "day", ctx.anchor, mod, (d, d))
    if unit == "week":
        label, mon, sun = _week(pub - timedelta(days=7 * n))
        return _value(label, "relative", "week", ctx.anchor, mod, (mon, sun))
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 - n
        y, m = divmod(k, 12)
        m += 1
        return _value(f"{y}-{m:02d}", "relative", "month", ctx.anchor, mod,
                      (date(y, m, 1), _month_last(y, m)))
    return _year(pub.year - n, None, ctx.anchor, "relative") | {"mod": mod}


# ---------------------------------------------------------------------------
# Candidate readers

_EARLIER_LATER = frozenset({"earlier", "later"})
_COORD = frozenset({"and", "or", "to", "through", "until", "till"})
_POSSESSIVE_BEFORE = re.compile(r"[A-Za-z](?:['’]s|s['’])\s\Z")
_DETERMINER_ADJ_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|our|this|that)\s[a-z]+\s\Z")
_LIST_GAP = re.compile(r",\s?")
_LIST_GOES_ON = re.compile(r",|\s(?:and|or)\s")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_SENT_OPEN = re.compile(r"(?:^|[.!?:;\"“‘(`']\s*|\n\s*)\Z")


_SEASON_BEFORE = re.compile(
    r"(?i)\b(?:in|during|over|into|through|throughout|since|until|by|of|for|before|after)\s+the\s+"
    r"(?:(?P<part>early|late|mid|middle)[\s-]+)?\Z")


def _bare_season_cand(ctx: _Ctx, m: re.Match, tense) -> _Cand | None:
    """"in the summer", "into the early summer": the season nearest publication, leaning with the tense."""
    b = _SEASON_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start())
    if b is None:
        return None
    row = lexicon()["seasons"][m.group("bsea").lower()]
    mod = lexicon()["parts"][b.group("part").lower()] if b.group("part") else None
    start = b.start() + b.group(0).index("the")
    if ctx.pub is None:
        return _Cand(start, m.end(), _value(f"XXXX-{row[0]}", "relative", "season", None, mod))
    y = pick_year(ctx.pub, lambda yy: _season_interval(yy, row), tense())
    first, last = _part(*_season_interval(y, row), mod)
    return _Cand(start, m.end(), _value(f"{y}-{row[0]}", "relative", "season", ctx.anchor, mod, (first, last)))


def _names_cand(ctx: _Ctx, m: re.Match, lo: int, hi: int, prev_end: int) -> _Cand | None:
    p, text = ctx.p, ctx.text
    s, e = m.start(), m.end()
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
        if not (m.group("mon") and text[s - 1] == "-"):  # "mid-March"
            return None
    tense = lazy_tense(text, s, e, lo, hi)
    g = m.group
    if g("mon"):
        name = g("mon").rstrip(".")
        mon = p.month_num[name.lower()]
        full = name in lexicon()["months"] or name.title() in lexicon()["months"]
        day = int(re.match(r"\d+", g("day")).group()) if g("day") else None
        day2 = int(re.match(r"\d+", g("day2")).group()) if g("day2") else None
        year = int(g("year")) if g("year") else None
        if g("mdir"):  # "June last year", "January this year"
            if ctx.pub is None:
                return None
            year = ctx.pub.year + lexicon()["relative_directions"][g("mdir")]
        if day is not None:
            v = _month_day(ctx, s, e, mon, day, day2, year, tense)
            return _Cand(s, e, v, day_level=True) if v else None
        if not full and year is None:
            return None
        mod, ps = ctx.part_before(s)
        direction = None
        if year is None:
            w = ctx.word_before(ps)
            lx = lexicon()
            if mod is None and w in lx["relative_directions"] and ps == s:
                direction = lx["relative_directions"][w]
                ps = p.word_before.search(text, max(0, s - 20), s).start()
            elif mod is None and w not in lx["date_prepositions"] and not (
                    (w in _COORD and 0 <= s - prev_end <= 12)  # "in January and February"
                    or (text[s - 1] in "-–" and s - 1 == prev_end)  # "January-March"
                    or (w in lx["date_determiners"] and _modifies_noun(text, e, lowercase=True))):  # "the October slaying"
                return None
        v = _month(ctx, mon, year, mod, direction, tense)
        return _Cand(ps, e, v)
    if g("wd"):
        return _weekday_cand(ctx, m, tense)
    if g("rel"):
        word = g("rel")
        if word[0].isupper() and not _SENT_OPEN.search(text, max(lo, s - 3), s) and s != lo:
            return None  # "Russia Today", "USA Today": a name, not a day
        if ctx.pub is None:
            return _Cand(s, e, _value("XXXX-XX-XX", "relative", "day", None))
        d = ctx.pub + timedelta(days=lexicon()["relative_days"][word.lower()])
        return _Cand(s, e, _value(_iso(d), "relative", "day", ctx.anchor, None, (d, d)))
    if g("dir"):
        w = ctx.word_before(s)
        if w in ("the", "a", "its", "his", "her", "their", "our"):
            return None  # "the last year": a span of time, not a calendar period
        direction = lexicon()["relative_directions"][g("dir").lower()]
        v = _relative_period(ctx, direction, g("per"), tense)
        if v is None:
            return None
        mod, ps = ctx.part_before(s)  # "late last year", "the end of next month"
        if mod is None and ctx.word_before(s) in _EARLIER_LATER:  # "earlier this year"
            ps = p.word_before.search(text, max(0, s - 20), s).start()
        if mod:
            v["mod"] = mod
            if v["interval"]:
                first, last = _part(*(date.fromisoformat(x) for x in v["interval"]), mod)
                v["interval"] = [_iso(first), _iso(last)]
        return _Cand(ps, e, v)
    if g("sea"):
        row = lexicon()["seasons"][g("sea").lower()]
        y = int(g("seay"))
        mod, ps = ctx.part_before(s)
        first, last = _part(*_season_interval(y, row), mod)
        return _Cand(ps, e, _value(f"{y}-{row[0]}", "absolute", "season", None, mod, (first, last)))
    if g("bsea"):
        return _bare_season_cand(ctx, m, tense)
    if g("q") or g("qord"):
        q = int(g("q")) if g("q") else lexicon()["quarter_words"][g("qord").lower()]
        return _Cand(s, e, _quarter(int(g("qy") or g("qy2")), q))
    if g("qord3"):
        # "the third quarter", "third-quarter profit": the latest such quarter begun by publication
        q = lexicon()["quarter_words"][g("qord3").lower()]
        if not ctx.anchor:
            return _Cand(s, e, _value(f"XXXX-Q{q}", "relative", "quarter", None))
        a = date.fromisoformat(ctx.anchor)
        y = a.year if date(a.year, 3 * q - 2, 1) <= a else a.year - 1
        return _Cand(s, e, _quarter(y, q, ctx.anchor, "relative"))
    if g("h") or g("hord"):
        h = int(g("h")) if g("h") else lexicon()["half_words"][g("hord").lower()]
        y = int(g("hy") or g("hy2"))
        first, last = (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        return _Cand(s, e, _value(f"{y}-H{h}", "absolute", "half", None, None, (first, last)))
    if g("rfrom"):
        return _range_cand(int(g("ra")), int(g("rb")), m.start("ra"), e)
    if g("wkend"):
        if not p.wkend_before.search(text, max(lo, s - 16), s):
            return None
        if ctx.pub is None:
            return _Cand(s, e, _value("XXXX-WXX-WE", "relative", "week", None))
        pub = ctx.pub
        back = 0 if pub.isoweekday() >= 6 else (7 if tense() != "future" else 0)
        label, mon, sun = _week(pub - timedelta(days=back))
        return _Cand(s, e, _value(label + "-WE", "relative", "week", ctx.anchor, None,
                                  (sun - timedelta(days=1), sun)))
    return None


def _weekday_cand(ctx: _Ctx, m: re.Match, tense) -> _Cand | None:
    p, text = ctx.p, ctx.text
    s, e = m.start(), m.end()
    if p.wd_ex_before.search(text, max(0, s - 20), s) or p.wd_ex_after.match(text, e):
        return None
    wd = p.weekday_num[m.group("wd").lower()]
    start = s
    w = ctx.word_before(s)
    lx = lexicon()
    if w in lx["set_words"]:
        return None  # "every Friday": a TIMEX3 SET, not a date
    direction = None
    if w in lx["relative_directions"]:
        direction = lx["relative_directions"][w]
        if direction == 0:
            direction = None  # "this Thursday": the tense decides
        start = p.word_before.search(text, max(0, s - 20), s).start()
    mod = None
    if w in _EARLIER_LATER:  # "Later Thursday", "earlier Sunday"
        start = p.word_before.search(text, max(0, s - 20), s).start()
    if w in ("early", "late"):
        mod = lx["parts"][w]
        start = p.word_before.search(text, max(0, s - 20), s).start()
    if text.startswith(("'s ", "’s "), e):
        # "get around Wednesday's ruling": the clause's verb is not the event's; only a cue
        # right before the name ("ahead of Wednesday's vote") turns it forward
        near = tense_near(text, s, e, max(0, start - 12), e)
        tense = (lambda: "future") if near == "future" else (lambda: "past")
    v = _weekday(ctx, wd, direction, tense)
    v["mod"] = mod
    return _Cand(start, e, v, weekday=True)


def _range_cand(a: int, b: int, s: int, e: int) -> _Cand | None:
    if b < 100:
        b = a // 100 * 100 + b
    if not a < b <= a + 100:
        return None
    return _Cand(s, e, _value(f"{a}/{b}", "range", "range", None, None, (date(a, 1, 1), date(b, 12, 31))))


def _digits_cand(ctx: _Ctx, m: re.Match, lo: int, hi: int, prev_end: int) -> _Cand | None:
    p, text = ctx.p, ctx.text
    s, e = m.start(), m.end()
    g = m.group
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "$€£#.,/:-+"):
        if not (text[s - 1] == "-" and (g("yr") or g("dec")) and ctx.part_before(s)[0]):
            return None  # part of a longer number, but "mid-2026" is a date
    if g("iy"):
        d = date(int(g("iy")), int(g("im")), int(g("id")))  # may raise for Feb 30
        return _Cand(s, e, _value(_iso(d), "absolute", "day", None, None, (d, d)))
    if g("na"):
        d = _numeric_day(ctx, int(g("na")), int(g("nb")), int(g("ny")), s)
        return _Cand(s, e, _value(_iso(d), "absolute", "day", None, None, (d, d)), day_level=True) if d else None
    if g("ra"):
        if text[e:e + 1] in "./" and text[e + 1:e + 2].isdigit():
            return None  # "2019-20.5", "2009-2017/18": not a year range
        return _range_cand(int(g("ra")), int(g("rb")), s, e)
    if g("dec"):
        dec = int(g("dec"))
        mod, ps = ctx.part_before(s)
        first, last = _part(date(dec, 1, 1), date(dec + 9, 12, 31), mod)
        return _Cand(ps, e, _value(str(dec // 10), "absolute", "decade", None, mod, (first, last)))
    if g("dday"):
        mon = p.month_num[g("dmon").rstrip(".").lower()]
        day = int(re.match(r"\d+", g("dday")).group())
        year = int(g("dyear")) if g("dyear") else None
        v = _month_day(ctx, s, e, mon, day, None, year, lazy_tense(text, s, e, lo, hi))
        if v and ctx.word_before(s) == "the":
            s = p.word_before.search(text, max(0, s - 20), s).start()
        return _Cand(s, e, v, day_level=True) if v else None
    if g("yr"):
        year = int(g("yr"))
        if text.startswith(("%", "-", "–"), e) and not text.startswith(("-year", "–year"), e):
            return None
        mod, ps = ctx.part_before(s)
        w = ctx.word_before(ps)
        lx = lexicon()
        ok = mod is not None or w in lx["date_prepositions"]
        if w == "year" and ctx.word_before(p.word_before.search(text, max(0, ps - 20), ps).start()) != "the":
            ok = False
        if not ok and w in _COORD and 0 <= s - prev_end <= 12:
            ok = True  # "in 2014 and 2022"
        if not ok and _LIST_GAP.fullmatch(text, prev_end, s) and _LIST_GOES_ON.match(text, e):
            ok = True  # "in 1994, 1995 and 1997"
        if not ok and mod is None and (
                # after a possessive any noun ("the company's 1989 operating results"); after a determiner,
                # or one with an adjective, a singular one ("the 1996 Olympic bombing", "his unsuccessful
                # 1996 campaign"), as "its 2000 employees" is a number
                (_POSSESSIVE_BEFORE.search(text, max(0, s - 4), s) and _NOUN_AFTER.match(text, e))
                or (_modifies_noun(text, e, lowercase=False)
                    and (w in lx["date_determiners"] or _DETERMINER_ADJ_BEFORE.search(text, max(0, s - 30), s)))):
            return _Cand(s, e, _year(year, None))
        if not ok:
            return None
        if w in lx["year_quantity_preps"] and mod is None:
            nxt = _NEXT_WORD.match(text, e)
            if nxt and nxt.group(1) not in lx["year_followers"]:
                return None  # "a total of 2000 people", "by 2000 votes"
        return _Cand(ps, e, _year(year, mod))
    return None


_NOUN_AFTER = re.compile(r" (?:[A-Z]{2,4}\.? )?([A-Za-z][a-z]+)\b")  # "the 2016 US election": past an acronym
_WEEKDAY_BEFORE = re.compile(r"([A-Z][a-z]+)\W{1,3}\Z")


def _numeric_day(ctx: "_Ctx", a: int, b: int, year: int, s: int) -> date | None:
    """ "10/2/2023": day/month or month/day. A weekday named just before decides ("Friday (10/2/2023)"
    is 10 February); else a part over 12 does; else the reading nearer the publication date.

    Notes: both orders are in wide news use (day first outside the US, month first in US copy)."""
    readings = []
    for d, m in ((a, b), (b, a)):
        try:
            readings.append(date(year, m, d))
        except ValueError:
            pass
    readings = sorted(set(readings))
    if not readings:
        return None
    wd = _WEEKDAY_BEFORE.search(ctx.text, max(0, s - 16), s)
    if wd and wd.group(1).lower() in ctx.p.weekday_num:
        fit = [r for r in readings if r.weekday() == ctx.p.weekday_num[wd.group(1).lower()]]
        if fit:
            return fit[0]
    if len(readings) == 1:
        return readings[0]
    if ctx.pub is not None:
        return min(readings, key=lambda r: (abs((r - ctx.pub).days), r))
    return date(year, b, a) if a <= 12 and b <= 12 else readings[0]


def _modifies_noun(text: str, e: int, lowercase: bool) -> bool:
    """Whether a singular noun (or, unless ``lowercase``, a name) follows: "the 1990 invasion", not "its 2000 employees"."""
    m = _NOUN_AFTER.match(text, e)
    if not m:
        return False
    w = m.group(1)
    if w[0].isupper():
        return not lowercase
    return w not in lexicon()["not_nouns"] and not (w.endswith("s") and not w.endswith("ss"))


def _ago_cand(ctx: _Ctx, m: re.Match, lo: int) -> _Cand | None:
    p, text = ctx.p, ctx.text
    b = p.ago_before.search(text, max(lo, m.start() - 60), m.start())
    if not b:
        return None
    n_text = b.group("n")
    n = 1 if n_text.lower() in ("a", "an") else parse_number(n_text)
    if n is None:
        return None
    mod = lexicon()["ago_mods"].get(re.sub(r"\s+", " ", b.group("amod").lower())) if b.group("amod") else None
    v = _ago(ctx, n, b.group("u").lower(), mod)
    return _Cand(b.start(), m.end(), v) if v else None


# ---------------------------------------------------------------------------

_WEEK_GAP = re.compile(r"[\s,]*(?:on\s+|of\s+)?\Z")


def _in_named_week(text: str, cands: list[_Cand]) -> list[_Cand]:
    """ "last week, on Tuesday", "on Tuesday of next week": the weekday falls in the week named beside
    it, not on the nearest such day to publication."""
    out = list(cands)
    for i, c in enumerate(out):
        if not c.weekday or not re.fullmatch(r"\d{4}-\d\d-\d\d", c.value.get("timex", "")):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(out):
                continue
            w = out[j]
            if w.value.get("granularity") != "week" or w.value.get("form") != "relative" or not w.value.get("interval"):
                continue
            a, b = (w, c) if j < i else (c, w)
            if b.start - a.end > 12 or not _WEEK_GAP.match(text[a.end:b.start]):
                continue
            monday = date.fromisoformat(w.value["interval"][0])
            day = monday + timedelta(days=date.fromisoformat(c.value["timex"]).weekday())
            out[i] = _Cand(c.start, c.end, {**c.value, "timex": _iso(day), "interval": [_iso(day), _iso(day)]},
                           weekday=True)
            break
    return out


_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_RANGE_OPEN = re.compile(r"(?i)\b(?P<w>between|from)\s+\Z")
_RANGE_JOIN = {"between": re.compile(r"\s+and\s+\Z"), "from": re.compile(r"\s*(?:to|until|till|through|-|–)\s*\Z")}


def _ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """ "between Friday and Tuesday", "from March to May": one claim for the span of days, as
    TimeML values it ("XXXX-XX-XX/XXXX-XX-XX" when the ends cannot be dated)."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        o = _RANGE_OPEN.search(text, max(0, a.start - 10), a.start)
        if b is not None and o and _RANGE_JOIN[o.group("w").lower()].search(text, a.end, b.start) \
                and b.start - a.end <= 8 and a.value["granularity"] == b.value["granularity"] != "range":
            ia, ib = a.value.get("interval"), b.value.get("interval")
            if ia and ib and _HAS_YEAR.search(text, b.start, b.end) and not _HAS_YEAR.search(text, a.start, a.end) \
                    and a.value["granularity"] in ("day", "month"):
                # "from March to May 2025": the year given once holds for both ends
                y = int(ib[0][:4])
                try:
                    lo = date.fromisoformat(ia[0]).replace(year=y)
                    hi = date.fromisoformat(ia[1]).replace(year=y)
                except ValueError:
                    lo = hi = None
                if lo is not None and lo <= date.fromisoformat(ib[0]):
                    tx = f"{y}{a.value['timex'][4:]}"
                    a = _Cand(a.start, a.end, {**a.value, "timex": tx, "interval": [_iso(lo), _iso(hi)]})
                    ia = a.value["interval"]
            iv = (date.fromisoformat(ia[0]), date.fromisoformat(ib[1])) if ia and ib else None
            if iv is None or iv[0] <= iv[1]:
                v = _value(f"{a.value['timex']}/{b.value['timex']}", "range", "range", a.value.get("anchor"),
                           None, iv)
                out.append(_Cand(a.start, b.end, v))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _overlap_free(cands: list[_Cand]) -> list[_Cand]:
    """Merge "Thursday, February 27" into one claim, then keep the longest of overlapping ones."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    merged: list[_Cand] = []
    for c in cands:
        if merged and merged[-1].weekday and c.day_level and 0 <= c.start - merged[-1].end <= 3:
            c = _Cand(merged[-1].start, c.end, c.value, day_level=True)
            merged[-1] = c
            continue
        if merged and c.start < merged[-1].end:
            if c.end - c.start > merged[-1].end - merged[-1].start:
                merged[-1] = c
            continue
        merged.append(c)
    return merged


def extract(doc: Document, found: dict[str, list[Record]], *, headlines: bool = False,
            ranges: bool = True) -> list[Record]:
    """Date claims of the sentences, resolved against the publication date.

    ``headlines`` also reads headline-like lines that copy a body sentence (the TimeML view tags
    every line); ``ranges=False`` keeps the two ends of "between Friday and Tuesday" apart, as
    TimeML tags them.
    """
    p = _patterns()
    ctx = _Ctx(doc, p)
    text = doc.text
    cands: list[_Cand] = []
    idx = ctx.idx
    if not idx.sents:
        return []
    lo_all, hi_all = idx.sents[0].start, idx.sents[-1].end

    def bounds(off: int):
        sent = idx.at(off)
        if sent is None or (not headlines and idx.headline_copy(sent)):
            return None
        return sent.start, sent.end

    consumed = prev_end = -100
    for t in p.name_trigger.finditer(text, lo_all, hi_all):
        if t.start() < consumed:
            continue
        m = p.names.match(text, t.start())
        b = bounds(t.start()) if m else None
        if b:
            c = _names_cand(ctx, m, *b, prev_end)
            if c and c.end <= b[1]:
                cands.append(c)
                consumed = prev_end = m.end()
    prev_end = -100
    consumed = -1
    for t in p.digit_trigger.finditer(text, lo_all, hi_all):
        if t.start() < consumed:
            continue
        m = p.digits.match(text, t.start())
        b = bounds(t.start()) if m else None
        if not b:
            continue
        try:
            c = _digits_cand(ctx, m, b[0], b[1], prev_end)
        except ValueError:
            c = None
        if c and c.end <= b[1]:
            cands.append(c)
            prev_end = consumed = c.end
    for m in p.ago.finditer(text, lo_all, hi_all):
        b = bounds(m.start())
        if b:
            c = _ago_cand(ctx, m, b[0])
            if c:
                cands.append(c)
    out = []
    kept = _in_named_week(text, _overlap_free(cands))
    for c in (_ranges(text, kept) if ranges else kept):
        if ctx.pub is None and c.value.get("anchor") is not None:
            c.value["anchor"] = None
        out.append(Record("date", c.start, c.end, c.value))
    return out
