"""Durations ("lasted for over six hours", "a two-day visit") as intervals in seconds.

Outlets report how long something took with different hedges ("over six
hours", "about seven hours"), so a duration is kept as the interval of seconds
the wording allows, with its modifier, so that the comparison stage can tell a
real conflict from two compatible hedges. ``measures`` names what was timed
when the sentence says it (the noun after "of", the noun a hyphenated duration
modifies, the subject of "lasted", the period after "into"), so durations of
different things are not compared.

Speed: the scan looks for unit words only (a literal alternation ``re`` skips
through quickly) and reads the number and modifier from a short window before
each unit.

Notes: TIMEX3 duration values and TimeML mod values follow the TimeML 1.2.1
guidelines; month = 730 hours, year = 365 days and the approximation tolerance
are conventions documented in ``checker/data/temporal.json``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model import Document
from .base import Record
from .dates import SentenceIndex, lexicon, trie_pattern
from .numbers import lexicon as number_lexicon
from .numbers import number_pattern, parse_number, vague_interval
from .trie import alternation


@dataclass(frozen=True)
class _Patterns:
    unit: re.Pattern
    before: re.Pattern
    after: re.Pattern
    range_low: re.Pattern
    lasted: re.Pattern
    into: re.Pattern
    word: re.Pattern
    form_unit: dict[str, str]
    mods: dict[str, tuple[str, str]]
    stop: frozenset[str]
    not_before: frozenset[str]
    article_ok_before: frozenset[str]


_SOMEDAY_BEFORE = frozenset(("will", "would", "could", "can", "may", "might", "should", "must", "shall",
                             "he", "she", "they", "we", "i", "you", "it"))
_ARTICLE_OK_AFTER = re.compile(r"(?:\s+and\s+a\s+half\b|-long\b|\s+long\b|\s+of\s|\s+into\s|"
                               r"\s+later\b|\s+earlier\b|\s+after\b|\s+before\b|\s+since\b)")


@cache
def _patterns() -> _Patterns:
    lx = lexicon()
    form_unit: dict[str, str] = {}
    for unit, info in lx["duration_units"].items():
        for f in info["forms"]:
            form_unit[f] = unit
    forms = sorted(form_unit, key=len, reverse=True)
    unit_alt = trie_pattern({f for w in forms for f in (w, w.title())})
    unit = re.compile(rf"(?P<u>{unit_alt})(?P<long>-?long)?(?![A-Za-z])")
    mods = {k: (v[0], v[1]) for k, v in lx["duration_modifiers"].items()}
    num = number_pattern()
    vague = alternation(lx["vague_amounts"])
    adjs = "(?:" + alternation(lx["duration_adjectives"]) + ")"
    before = re.compile(
        rf"(?i)(?:\b(?P<mod>{alternation(mods)})\s+)?(?:"
        rf"\b(?P<half>half)\s+(?:an?\s+)?"
        rf"|\b(?P<ahalf>an?)\s+half[\s-]"
        rf"|\b(?P<q>{vague}|{num}|an?)(?P<ah1>(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?"
        rf"(?:\s+(?P<frac>[13]/[24])|(?P<vfrac>[½¼¾]))?"
        rf"(?:\s+|\s?-\s?)(?:{adjs}\s+)?"
        rf")\Z")
    after = re.compile(r"\s+and\s+a\s+half\b")
    # the lower end of a range before the amount: "two to three weeks", "between five and six hours", "2-3 days"
    range_low = re.compile(rf"(?i)(?:\b(?P<w>between|from)\s+)?\b(?P<a>{num})\s*(?P<c>to|or|and|-|–)\s*\Z")
    lasted = re.compile(r"(?i)\blast(?:ed|s|ing)?\s+(?:for\s+)?\Z")
    into = re.compile(r"\s+into\s+(?:(?:his|her|their|its|the|a|an|our|my)\s+)?")
    word = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
    return _Patterns(
        unit=unit, before=before, after=after, range_low=range_low, lasted=lasted, into=into, word=word,
        form_unit=form_unit, mods=mods,
        stop=frozenset(lx["measure_stop"]) | frozenset(w.lower() for w in lx["past_cues"])
        | frozenset(w.lower() for w in lx["future_cues"] if " " not in w),
        not_before=frozenset(lx["not_duration_before"]),
        article_ok_before=frozenset(lx["article_duration_before"]),
    )


def _head(text: str, pos: int, hi: int, p: _Patterns, skip_leading_stop: bool) -> str | None:
    """Head noun of the phrase at ``pos``: the last word of its first content run (at most two
    words, so "a 90-minute phone call" gives "call"; a second word that looks like a verb or
    a plural ends the run, so "a two-day visit begins" gives "visit")."""
    words: list[str] = []
    while pos < hi and len(words) < 2:
        m = p.word.match(text, pos, hi)
        if not m:
            break
        lw = m.group(1).lower()
        verbish = words and lw.endswith(("ed", "s")) and not lw.endswith("ss")
        if lw in p.stop or lw.endswith("ly") or verbish:
            if words or not skip_leading_stop:
                break
            pos = m.end()
            continue
        words.append(lw)
        pos = m.end()
    return words[-1] if words else None


_CLAUSE_BREAK = re.compile(r"[,;:(—–]")
_RELATIVE = re.compile(r"\s*(?:which|that|who)\b")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _subject_of_lasted(text: str, lo: int, verb_start: int, p: _Patterns) -> str | None:
    """Subject of "lasted": the head of the clause before the verb, or, when the clause is a
    relative one ("the talks, which ... lasted"), the noun the relative pronoun follows."""
    cut = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, verb_start):
        cut = m.end()
    if cut > lo and _RELATIVE.match(text, cut):
        # The antecedent: walking back from the comma over names and prepositions
        # ("the talks in Jeddah, which"), the first common noun.
        for w in reversed(_WORDS.findall(text, max(lo, cut - 60), cut - 1)[-6:]):
            lw = w.lower()
            if w[0].isupper() or lw in p.stop:
                continue
            return lw
        return None
    words: list[str] = []
    pos = cut
    while pos < verb_start:
        m = p.word.match(text, pos, verb_start)
        if not m:
            break
        lw = m.group(1).lower()
        pos = m.end()
        if lw in p.stop or lw.endswith("ly"):
            if words:
                break
            continue
        words.append(lw)
        if len(words) == 3:
            break
    return words[-1] if words else None


_PREP_MOD = re.compile(r"(?i)(?:about|around|over|under|some)\Z")
_DETERMINERS = frozenset(("a", "an", "the", "his", "her", "its", "their", "our", "this", "that"))
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


def _title_case(line: str) -> bool:
    """Most words of four letters or more capitalised: a headline in title case."""
    words = _LONG_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75}


def timex_value(amount: float, unit: str, vague: bool) -> str:
    """The TIMEX3 value of ``amount`` ``unit``s ("PT5H30M" for 5.5 hours; "PXD" when ``vague``)."""
    info = lexicon()["duration_units"][unit]
    n = amount * info.get("years", 1)
    t = "T" if info["time"] else ""
    des = info["timex"]
    if vague:
        return f"P{t}X{des}"
    smaller = {"Y": (12, "M", ""), "M": (30, "D", ""), "W": (7, "D", ""), "D": (24, "H", "T")}
    smaller_t = {"H": (60, "M"), "M": (60, "S")}
    whole = int(n)
    if whole and des != "W" and not float(n).is_integer():  # "5 1/2 hours" -> PT5H30M, as TimeML writes it
        if t and des in smaller_t:
            k, des2 = smaller_t[des]
            rest = round((n - whole) * k, 6)
            if float(rest).is_integer():
                return f"PT{whole}{des}{int(rest)}{des2}"
        elif not t and des in smaller:
            k, des2, t2 = smaller[des]
            rest = round((n - whole) * k, 6)
            if float(rest).is_integer():
                return f"P{whole}{des}{t2}{int(rest)}{des2}"
    for _ in range(3):
        if float(n).is_integer():
            return f"P{t}{int(n)}{des}"
        if t:
            if des not in smaller_t:
                break
            k, des = smaller_t[des]
        else:
            k, des, t = smaller[des]
        n *= k
    return f"P{t}{round(n, 3)}{des}"


def _value(amount: float, unit: str, modifier: str, tmod: str | None, near: bool,
           vague_iv: tuple[int, int | None] | None, measures: str | None,
           amount_max: float | None = None) -> dict[str, Any]:
    """The claim value; a range ("two to three weeks") is ``amount`` to ``amount_max``, its TIMEX3 the lower end."""
    lx = lexicon()
    sec = lx["duration_units"][unit]["seconds"]
    s = amount * sec
    tol = sec * lx["approx_unit_fraction"] if amount <= lx["approx_small_amount"] else s * lx["approx_tolerance"]
    if vague_iv is not None:
        lo, hi = vague_iv[0] * sec, (vague_iv[1] * sec if vague_iv[1] is not None else None)
    elif modifier in ("more_than", "at_least"):
        lo, hi = s, None
    elif modifier in ("less_than", "up_to"):
        lo, hi = (max(0.0, s - 2 * tol) if near else 0), s
    elif modifier == "approximately":
        lo, hi = max(0.0, s - tol), s + tol
    elif modifier == "range":
        lo, hi = s, amount_max * sec
    else:
        lo, hi = s, s

    def num(x):
        if x is None:
            return None
        r = round(x, 3)
        return int(r) if float(r).is_integer() else r
    value = {
        "min_seconds": num(lo),
        "max_seconds": num(hi),
        "modifier": modifier,
        "timex": timex_value(amount, unit, vague_iv is not None),
        "timeml_mod": tmod,
        "amount": num(amount),
        "unit": unit,
        "measures": measures,
    }
    if amount_max is not None:
        value["amount_max"] = num(amount_max)
    return value


def _amount(q: str) -> float | None:
    q = re.sub(r"\s+", " ", q.lower())
    if q in ("a", "an") or q in lexicon()["vague_amounts"] or q == "couple of":
        return 1
    return parse_number(q)


def _read(doc: Document, m: re.Match, lo: int, hi: int,
          p: _Patterns) -> tuple[int, int, dict[str, Any]] | None:
    """The duration whose unit word ``m`` found, as (start, end, value), or None."""
    text = doc.text
    us, ue = m.start(), m.end()
    if us > 0 and text[us - 1].isalpha():
        return None  # "Monday", "holidays"
    form = m.group("u").lower()
    unit = p.form_unit[form]
    mult = lexicon()["unit_multiplier"].get(form, 1)
    plural = form.endswith("s") and not form.endswith("ss")
    b = p.before.search(text, max(lo, us - 70), us)
    while b is not None and b.group("q") and b.group("mod") is None and _amount(b.group("q")) is None:
        b = p.before.search(text, b.start("q") + 1, us)  # "two four-year terms": the nearer number
    ah = False
    vague_iv = None
    low = None
    if (b is not None and b.group("q") and b.group("q")[:1].isdigit() and m.group("u")[:1].isupper()
            and not _title_case(text[lo:hi])):
        return None  # "60 Minutes", "48 Hours": a programme's name, unless the whole line is in title case
    if b is None or not (b.group("q") or b.group("half") or b.group("ahalf")):
        if m.group("long") and not plural:  # "year-long", "monthlong"
            amount, start = 1.0, us
            mod_word = None
            b = None
        else:
            return None
    else:
        start = b.start()
        mod_word = b.group("mod")
        if b.group("half"):
            amount = 0.5
        elif b.group("ahalf"):
            amount = 0.5
        else:
            q = re.sub(r"\s+", " ", b.group("q").lower())
            if q in ("a", "an"):
                amount = 1
            elif q in lexicon()["vague_amounts"] or q == "couple of":
                q2 = "a couple of" if q == "couple of" else q
                exact = number_lexicon()["cardinals"].get(q2)
                if exact is not None:
                    amount = exact
                else:
                    vague_iv = vague_interval(q2)
                    if vague_iv is None:
                        return None
                    amount = vague_iv[0]
            else:
                amount = parse_number(q)
                if amount is None:
                    return None
            ah = bool(b.group("ah1"))
            frac = b.group("frac") or b.group("vfrac")
            if frac:  # "5 1/2 hours", "2½ years"
                amount += _FRACTIONS[frac]
            if q in ("a", "an") and form == "second":
                return None  # "a second round": the ordinal
            if q in ("a", "an", "one") and not mod_word and not ah:
                wb = re.search(r"([A-Za-z]+)\W*\Z", text[max(lo, start - 20):start])
                prev = wb.group(1).lower() if wb else ""
                if prev in p.not_before:
                    return None  # "twice a year": a frequency
                if q == "one" and form == "day" and prev in _SOMEDAY_BEFORE and text[ue:ue + 1] != "-":
                    return None  # "Islam will one day be", "he hopes he one day follows": someday
                if (q != "one" and prev not in p.article_ok_before and not m.group("long")
                        and not _ARTICLE_OK_AFTER.match(text, ue)):
                    return None
            if amount == 0 or amount > 100000:
                return None
            if not mod_word and vague_iv is None and q not in ("a", "an", "one") and not ah and not frac:
                r = p.range_low.search(text, max(lo, start - 40), start)
                conj = r.group("c").lower() if r else ""
                word = (r.group("w") or "").lower() if r else ""
                if r and word != "from" and (conj != "and" or word == "between"):
                    a = parse_number(r.group("a"))
                    if a is not None and 0 < a < amount:
                        low, start = a, r.start()  # "from five to six hours" is a change, not a range
    a = p.after.match(text, ue, hi)
    end = ue
    if a:
        ah = True
        end = a.end()
    amount = amount + 0.5 if ah else amount
    amount *= mult
    # What follows decides whether this is a duration at all.
    tail = text[end:min(hi, end + 14)].lower()
    for bad in lexicon()["not_duration_after"]:
        if tail.startswith((" " + bad, "-" + bad)) and not tail[1 + len(bad):2 + len(bad)].isalpha():
            return None
    modifier, tmod = ("exact", None)
    near = False
    if mod_word and m.group("long") is None and "-" in text[b.end() - 2:us] and _PREP_MOD.match(mod_word):
        wb = re.search(r"([A-Za-z]+)\W*\Z", text[max(lo, b.start() - 12):b.start()])
        if not (wb and wb.group(1).lower() in _DETERMINERS):
            mod_word, start = None, b.start("q")  # "what is known about three-hour summit": a preposition
    if mod_word:
        key = re.sub(r"\s+", " ", mod_word.lower())
        modifier, tmod = p.mods[key]
        near = key in lexicon()["near_modifiers"]
    elif vague_iv is not None:
        modifier, tmod = "approximately", "APPROX"
    # What it measures.
    measures = None
    hyphen = (b is not None and "-" in text[b.end() - 2:us]) or bool(m.group("long"))
    if m.group("long") or hyphen:
        measures = _head(text, m.end(), hi, p, False)
    if measures is None:
        of = re.match(r"\s+of\s+", text[end:end + 6])
        if of:
            measures = _head(text, end + of.end(), hi, p, True)
    if measures is None:
        into = p.into.match(text, end, hi)
        if into:
            measures = _head(text, into.end(), hi, p, False)
    if measures is None:
        lm = p.lasted.search(text, max(lo, start - 20), start)
        if lm:
            measures = _subject_of_lasted(text, lo, lm.start(), p)
    span_end = m.end() if m.group("long") else end
    if low is not None:
        return start, span_end, _value(low * mult, unit, "range", None, False, None, measures, amount)
    return start, span_end, _value(amount, unit, modifier, tmod, near, vague_iv, measures)


_ELAPSED = re.compile(r"\s+(?:later|earlier)\b")


def extract(doc: Document, found: dict[str, list[Record]], *, headlines: bool = False,
            elapsed: bool = True) -> list[Record]:
    """Duration claims of the sentences, headlines included unless they copy a body sentence
    (``headlines``: every line, copies too). ``elapsed=False`` leaves out "two days later", which
    the TimeML view tags as a date counted from another time."""
    p = _patterns()
    idx = SentenceIndex(doc)
    if not idx.sents:
        return []
    text = doc.text
    taken = sorted((r.start, r.end) for r in (*found.get("date", []), *found.get("time", [])))
    taken_starts = [t[0] for t in taken]
    out: list[Record] = []
    last_end = -1
    for m in p.unit.finditer(text, idx.sents[0].start, idx.sents[-1].end):
        sent = idx.at(m.start())
        if sent is None or (not headlines and idx.headline_copy(sent)):
            continue
        r = _read(doc, m, sent.start, sent.end, p)
        if r is None:
            continue
        s, e, value = r
        if s < last_end or (not elapsed and _ELAPSED.match(text, e)):
            continue
        i = bisect.bisect_left(taken_starts, e) - 1
        if i >= 0 and taken[i][1] > s or (i >= 1 and taken[i - 1][1] > s):
            continue  # "two years ago" is a date, "1745 hrs" a time
        out.append(Record("duration", s, e, value))
        last_end = e
    return _compounds(text, out)


_AND_BETWEEN = re.compile(r"\s*,?\s*(?:and\s+)?")


def _compounds(text: str, recs: list[Record]) -> list[Record]:
    """ "2 hours and 45 minutes", "one hour, 20 minutes": one duration in the larger unit, with the
    first part's modifier ("about 2 hours and 45 minutes" is about 2.75 hours)."""
    units = lexicon()["duration_units"]
    out: list[Record] = []
    for r in recs:
        if out:
            p = out[-1]
            pv, rv = p.value, r.value
            big, small = units.get(pv.get("unit"), {}), units.get(rv.get("unit"), {})
            if (_AND_BETWEEN.fullmatch(text, p.end, r.start) and rv.get("modifier") == "exact"
                    and "amount_max" not in pv and isinstance(pv.get("amount"), (int, float))
                    and isinstance(rv.get("amount"), (int, float))
                    and big.get("seconds", 0) > small.get("seconds", 0) > 0):
                amount = pv["amount"] + rv["amount"] * small["seconds"] / big["seconds"]
                near = pv.get("modifier") == "less_than" and (pv.get("min_seconds") or 0) > 0
                value = _value(amount, pv["unit"], pv["modifier"], pv.get("timeml_mod"), near, None,
                               pv.get("measures"))
                out[-1] = Record("duration", p.start, r.end, value, p.spans)
                continue
        out.append(r)
    return out
