"""The tense news copy gives a time expression, and the year that tense picks.

A bare weekday, month or month-day names no year (or week) of its own; news
copy dates it by its verbs: "met on Thursday" is the Thursday before
publication, "will meet on Thursday" the next one. ``tense_near`` reads the
nearest tense cue around an expression inside its sentence (cues past a quote
mark or a reporting clause belong to another clause); ``pick_year`` chooses
the year that puts the expression nearest publication, leaning with that
tense. Dates, holidays and the TimeML view all resolve years this way, so the
rules live here, apart from the patterns that find the expressions.

Notes: reading a bare weekday or month-day backwards from publication in
past-tense copy and forwards in future-tense copy is news-writing convention
(AP style dates events by weekday within the week of publication); the cue
lists are data (``future_cues``, ``past_cues``, ``present_cues``,
``not_cues``, ``deadline_words`` in ``checker/data/temporal.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache


@dataclass(frozen=True)
class _Cues:
    future: dict[str, list[tuple[str, ...]]]
    not_cues: dict[str, list[tuple[str, ...]]]
    past_words: frozenset[str]
    present_words: frozenset[str]
    past_not: frozenset[str]
    deadline: frozenset[str]
    determiners: frozenset[str]


def _phrases(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases keyed by their first word, for a word-by-word scan."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases):
        words = tuple(phrase.lower().split())
        out.setdefault(words[0], []).append(words)
    return out


@cache
def _cues() -> _Cues:
    from .dates import lexicon  # dates imports this module: read its lexicon once it has loaded
    lx = lexicon()
    return _Cues(
        future=_phrases(lx["future_cues"]), not_cues=_phrases(lx["not_cues"]),
        past_words=frozenset(w.lower() for w in lx["past_cues"]),
        present_words=frozenset(w.lower() for w in lx["present_cues"]),
        past_not=frozenset(w.lower() for w in lx["past_not"]),
        deadline=frozenset(lx["deadline_words"]),
        determiners=frozenset(lx["date_determiners"]) | {"still"},
    )


# ---------------------------------------------------------------------------
# Year choice

def _gap(first: date, last: date, pub: date) -> int:
    if first > pub:
        return (first - pub).days
    if last < pub:
        return (pub - last).days
    return 0


def pick_year(pub: date, make, tense: str) -> int | None:
    """Year that puts a yearless date nearest publication, leaning with the tense.

    ``make(y)`` gives the (first, last) days of the candidate in year y, or None
    when it does not exist (Feb 29). A day after publication (beyond a two-day
    dateline lag) in past-tense copy counts 20 times as far, a day before it in
    future copy 4 times (tense cues are noisy both ways: "will build on the
    February 18 talks", "said the dividend is payable Dec. 7"); without a cue a
    day ahead counts 1.5 times as far (news mostly reports what happened). A
    month or season is ruled out outright when the tense contradicts it: past
    copy cannot report a month that has not begun, nor future copy one that is
    over.
    """
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        iv = make(y)
        if iv is None:
            continue
        first, last = iv
        gap = _gap(first, last, pub)
        score = float(gap)
        if first == last:
            if first > pub:
                score *= 20.0 if tense == "past" and gap > 2 else (1.5 if tense == "none" else 1.0)
            elif tense == "future" and gap > 2:
                score *= 4.0
        elif (tense == "past" and first > pub) or (tense == "future" and last < pub):
            score += 10000.0
        elif first > pub and tense == "none":
            score *= 2.0
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Tense cues

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_PASSIVE_AUX = frozenset({"be", "been", "being", "is", "are"})
_PART_WORDS = frozenset({"mid", "early", "late", "middle"})
_QUOTE_MARK = re.compile(r'["“”]|\'\'|``')
_CLOCK_WORDS = frozenset({"a", "m", "p", "am", "pm", "noon", "midnight", "o'clock", "est", "edt", "cst", "cdt",
                          "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet"})


def _cue_at(words: list[str], i: int) -> tuple[str | None, int]:
    """("future"/"past", words in the cue) when a tense cue starts at ``words[i]``, else (None, 1)."""
    p = _cues()
    w = words[i].lower()
    for phrase in p.not_cues.get(w, ()):
        if tuple(x.lower() for x in words[i:i + len(phrase)]) == phrase:
            return None, 1  # "next to the embassy": a preposition, not a tense
    for phrase in p.future.get(w, ()):
        if tuple(x.lower() for x in words[i:i + len(phrase)]) == phrase:
            return "future", len(phrase)
    cue = _word_cue(words[i])
    if cue == "past" and i + 1 < len(words) and words[i + 1].lower() == "to" and w not in p.past_words:
        return "present", 1  # "decided to admit them in March": the infinitive's time is open
    if cue == "past" and i > 0 and words[i - 1].lower() in _PASSIVE_AUX:
        return None, 1  # "will be paid Dec. 14", "to be completed by": a participle, not past tense
    if cue == "past" and i > 0 and words[i - 1].lower() in p.determiners and w not in p.past_words:
        return None, 1  # "the reduced dividend", "a still unspecified date": an adjective
    return cue, 1


@lru_cache(maxsize=16384)
def _word_cue(word: str) -> str | None:
    """The tense cue a single word is ("they'll", "met", "visited"), else None."""
    p = _cues()
    w = word.lower()
    if w.endswith(("'ll", "’ll")):
        return "future"
    if w in p.past_words:
        return "past"
    if w in p.present_words:
        return "present"
    if len(w) > 3 and w.endswith("ed") and word.islower() and w not in p.past_not:
        return "past"
    return None


def tense_near(text: str, s: int, e: int, lo: int, hi: int) -> str:
    """"future", "past" or "none" from the nearest tense cue around [s, e) within [lo, hi).

    Distance counts words; a cue after the expression counts 1.5 times as far,
    since English puts the verb that governs a time phrase before it
    ("met on Thursday", "will take place Thursday") unless the phrase is fronted.
    """
    b0 = max(lo, s - 100)
    q = _QUOTE_MARK.search(text[b0:s][::-1])
    before = _WORD.findall(text, s - q.start() if q else b0, s)
    while before and before[-1].lower() in _CLOCK_WORDS:
        before.pop()  # "until 9 a.m. EDT Tuesday": the time of day is part of the expression
    best: tuple[float, str] | None = None
    for i in range(len(before) - 1, -1, -1):
        kind, n = _cue_at(before, i)
        if kind:  # distance from the cue's last word ("as early as Tuesday": 0)
            best = (float(max(0, len(before) - i - n)), kind)
            break
    a1 = min(hi, e + 100)
    q = _QUOTE_MARK.search(text, e, a1)
    if q:
        a1 = q.start()  # a quote's tense is its own
    if len(_WORD.findall(text, max(lo, s - 80), s)) > 3:  # not fronted ("On Friday, officials said")
        c = text.find(",", e, a1)
        if c >= 0:
            a1 = c  # "in early March, an official said": past the comma is another clause
    after = _WORD.findall(text, e, a1)
    limit = len(after) if best is None else min(len(after), int(best[0] / 1.5) + 1)
    for i in range(limit):
        kind, _n = _cue_at(after, i)
        if kind:
            if best is None or i * 1.5 < best[0]:
                best = (i * 1.5, kind)
            break
    if best and best[1] == "past" and before:
        p = _cues()
        last = [w.lower() for w in before[-2:]]
        if last[-1] in p.deadline or (len(last) == 2 and last[-1] in _PART_WORDS and last[0] in p.deadline):
            return "none"  # "extended the offer to Nov. 20", "until mid-November": a deadline, whatever the verb
    return best[1] if best and best[1] != "present" else "none"


def lazy_tense(text: str, s: int, e: int, lo: int, hi: int):
    """``tense_near`` computed on first call: most candidates never need it."""
    memo: list[str] = []

    def get() -> str:
        if not memo:
            memo.append(tense_near(text, s, e, lo, hi))
        return memo[0]
    return get
