"""Parse numbers written in digits or words ("1,000", "six", "twenty-five", "2.5 million").

Shared by the duration, count and ordinal extractors so that they read numbers
alike. Vague quantities ("dozens of", "several") parse to intervals.

Notes: the vague-quantity intervals are editorial conventions kept as data in
``checker/data/numbers.json``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .trie import alternation


@cache
def lexicon() -> dict:
    return json.loads(resources.files("checker.data").joinpath("numbers.json").read_text("utf-8"))


@cache
def number_pattern() -> str:
    """Regex source (no groups) matching one number in digits or words."""
    lx = lexicon()
    card = alternation(k for k in lx["cardinals"] if " " not in k and k not in ("a", "an", "both", "single"))
    mult = alternation(lx["multipliers"])
    digits = r"\d{1,3}(?:,\d{3}){1,4}(?!\d|,\d)|\d{1,12}(?:\.\d{1,6})?"
    word = rf"(?:{card})(?:[-\s](?:{card}))?"
    return rf"(?:(?:{digits})|(?:{word}))(?:\s(?:{mult}))?"


@cache
def count_number_pattern() -> str:
    """``number_pattern`` plus the forms only counts read: "a million", "half a billion",
    "a half a billion", and a thousands figure written "5 thousand 383".

    Notes: "N thousand M" is how some outlets (and translated wire copy) write 5,383."""
    lx = lexicon()
    big = alternation(lx["multipliers"])
    fraction = rf"(?:(?:an?\s+)?half\s+an?|an?)\s+(?:{big})(?:\s+(?:{big}))?"
    return rf"(?:{fraction}|\d{{1,3}}\s+thousand\s+\d{{1,3}}(?![\d,]|\.\d)|{number_pattern()})"


_FRACTION = re.compile(r"(?:(?:an?\s+)?(half)\s+an?|an?)\s+(\w+)(?:\s+(\w+))?")
_THOUSANDS = re.compile(r"(\d{1,3})\s+thousand\s+(\d{1,3})")


@cache
def _number_re() -> re.Pattern:
    return re.compile(rf"(?i)\b{number_pattern()}\b")


def parse_number(text: str) -> float | int | None:
    """Value of one number phrase, or None when it is not a number."""
    lx = lexicon()
    t = re.sub(r"\s+", " ", text.strip().lower())
    m = _THOUSANDS.fullmatch(t)
    if m:  # "5 thousand 383"
        return int(m.group(1)) * 1000 + int(m.group(2))
    m = _FRACTION.fullmatch(t)
    if m and m.group(2) in lx["multipliers"] and (m.group(3) is None or m.group(3) in lx["multipliers"]):
        # "a million", "half a billion", "a hundred billion"
        big = lx["multipliers"][m.group(2)] * (lx["multipliers"][m.group(3)] if m.group(3) else 1)
        return big // (2 if m.group(1) else 1)
    mult = 1
    parts = t.rsplit(" ", 1)
    if len(parts) == 2 and parts[1] in lx["multipliers"]:
        mult = lx["multipliers"][parts[1]]
        t = parts[0]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        val: float = int(t.replace(",", ""))
    elif re.fullmatch(r"\d+", t):
        val = int(t)
    elif re.fullmatch(r"\d+\.\d+", t):
        val = float(t)
    elif t in lx["cardinals"]:
        val = lx["cardinals"][t]
    else:
        pieces = re.split(r"[-\s]", t)
        if len(pieces) == 2 and all(p in lx["cardinals"] for p in pieces):
            tens, ones = lx["cardinals"][pieces[0]], lx["cardinals"][pieces[1]]
            if tens % 10 == 0 and tens >= 20 and 0 < ones < 10:
                val = tens + ones
            else:
                return None
        else:
            return None
    out = val * mult
    if isinstance(out, float) and out.is_integer():
        return int(out)
    return out


def parse_ordinal(text: str) -> int | None:
    """1 for "first" or "1st", 21 for "twenty-first"; None otherwise."""
    lx = lexicon()
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{1,6})(?:st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    if t in lx["ordinals"]:
        return lx["ordinals"][t]
    pieces = re.split(r"[-\s]", t)
    if len(pieces) == 2 and pieces[0] in lx["cardinals"] and pieces[1] in lx["ordinals"]:
        tens, ones = lx["cardinals"][pieces[0]], lx["ordinals"][pieces[1]]
        if tens % 10 == 0 and tens >= 20 and ones < 10:
            return tens + ones
    return None


def vague_interval(text: str) -> tuple[int, int | None] | None:
    """Interval for a vague quantity phrase ("dozens of" -> (24, None))."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    v = lexicon()["vague"].get(t)
    return (v[0], v[1]) if v else None
