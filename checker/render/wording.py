"""Wording: how values, events and units read in a report. Judgement decides; this module only says.

Everything an editor reads about a value is phrased here, so the judgement
(``checker.compare``), the Markdown and JSON renderers and ``checker check``
word a figure the same way: "more than 6 hours", "3 people", "200 feet",
"12 Americans", "the meeting of 27 Feb 2025 in Istanbul", "5 days".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from ..align import timex
from ..extract import places as gazetteer
from ..extract.eventlex import count_lexicon


MOD_WORDS = {"approximately": "about", "more_than": "more than", "less_than": "less than",
              "at_least": "at least", "up_to": "up to", "exact": ""}


def fmt_duration(d: dict[str, Any]) -> str:
    """As the text bounds it: "about 5 hours", "more than 6 hours", else the interval."""
    lo, hi = d.get("min_seconds"), d.get("max_seconds")
    amount, unit, mod = d.get("amount"), d.get("unit"), d.get("modifier")
    if isinstance(amount, (int, float)) and unit and mod in MOD_WORDS:
        word = f"{amount:g} {unit}{'s' * (amount != 1)}"
        return f"{MOD_WORDS[mod]} {word}".strip()
    top = d.get("amount_max")
    if mod == "range" and isinstance(amount, (int, float)) and isinstance(top, (int, float)) and unit:
        return f"{amount:g} to {top:g} {unit}s"

    def h(x: float) -> str:
        if x >= 86400 and x % 86400 == 0:
            return f"{x / 86400:g} d"
        if x >= 3600:
            return f"{x / 3600:g} h"
        return f"{x / 60:g} min"
    if hi is None:
        return f"more than {h(lo)}"
    if lo == hi:
        return h(lo)
    return f"{h(lo)} to {h(hi)}"


def ordinal_word(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def event_label(e: Any) -> str:
    if e is None:
        return "unknown event"
    when = timex.human(e.day.isoformat()) if e.day else (
        f"{e.monthday[1]} {dt.date(2000, e.monthday[0], 1):%b}" if e.monthday else "undated")
    where = f" in {e.place}" if e.place else ""
    return f"{e.cls} of {when}{where}" if e.day or e.monthday else f"{e.cls}{where} ({when})"


def number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def plural(unit: str, n: float | None) -> str:
    """The unit as an editor writes it after ``n``: "3 people", "200 feet", "12 Americans"."""
    if not unit:
        return unit
    word = unit
    if n != 1:
        word = _irregular_plurals().get(unit) or (
            unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou"
            else unit + ("es" if unit.endswith(("s", "x", "ch", "sh")) else "s"))
    return word[:1].upper() + word[1:] if gazetteer.demonym(unit[:1].upper() + unit[1:]) else word


@cache
def _irregular_plurals() -> dict[str, str]:
    """Singular -> plural, from the count lexicon's plural -> singular table."""
    out: dict[str, str] = {}
    for plural, single in sorted(count_lexicon()["irregular_plurals"].items()):
        out.setdefault(single, plural)
    return out


def fmt_count(v: dict[str, Any]) -> str:
    lo, hi, unit = v.get("min"), v.get("max"), v.get("unit", "")
    amount, mod = v.get("amount"), v.get("modifier")
    if isinstance(amount, (int, float)) and mod in MOD_WORDS:
        return f"{MOD_WORDS[mod]} {number(amount)} {plural(unit, amount)}".strip()
    if hi is None:
        return f"more than {number(lo)} {plural(unit, 2)}" if lo else f"some {plural(unit, 2)}"
    if lo == hi:
        return f"{number(lo)} {plural(unit, lo)}"
    return f"{number(lo)} to {number(hi)} {plural(unit, hi)}"


def human_period(p: str) -> str:
    """ "P5D" -> "5 days" (TIMEX3 duration values as an editor reads them)."""
    m = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDH])", p or "")
    if not m:
        return p
    unit = {"Y": "year", "M": "month" if not p.startswith("PT") else "minute", "W": "week", "D": "day",
            "H": "hour"}[m.group(2)]
    n = float(m.group(1))
    return f"{n:g} {unit}{'s' * (n != 1)}"


