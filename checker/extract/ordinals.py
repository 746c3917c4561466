"""Ordinals of events and other counted units: "second round of talks", "the first
high-level meeting", "follow-up round", "first term", "3rd anniversary".

Outlets number a series of meetings differently ("second round" for different
meetings), so every ordinal that qualifies a unit is a claim to compare. An
ordinal is emitted only when it modifies a noun from the unit lexicon
(``checker/data/event_nouns.json``) within four modifier words ("second
Russia-US normalisation meeting"); that is what keeps "first time", "first of
all", "the first two", "second half", "First Deputy ...", "February 1st" and
"second-largest" out. Modifiers are lower-case words that are not function or
calendar words, or capitalised words that are places, demonyms, acronyms or
hyphenated compounds ("U.S.-Russia"); a possessive ("last week's talks") ends
the phrase.

Relative ordinals (next, previous, last, latest, another, new, follow-up) are
emitted with ``n`` None and ``relative`` set, only before countable units
("another round", not "new talks"), and "new"/"further" only after an article.

Value: ``{"n", "relative", "unit", "qualifies", "series_unit", "group"}``:
``unit`` is the normalised noun, ``qualifies`` the noun phrase after the
ordinal ("round of talks"), ``series_unit`` the noun the series counts ("round"
for "round of talks"), ``group`` the family of units counting one series
("meeting" for meeting/round/session/talks) or None for non-events (term) and
for rounds that count something else: "third round of sanctions", or a bare
"sixth round" with no meeting word within 250 characters (boxing, elections).

Notes: the unit lexicon and the modifier rule come from news-writing usage
(headline and body phrasing of diplomatic talks); "round two"/"phase 1" forms
follow the same convention with the number after the noun.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Document
from . import numbers
from .base import Record
from .counts import is_plural
from .eventlex import BodyIndex, Noun, calendar_words, event_lexicon, nouns, stopwords, trie_pattern
from .places import demonym, lookup


@cache
def _patterns() -> dict[str, re.Pattern]:
    lx = numbers.lexicon()
    words = sorted(lx["ordinals"], key=len, reverse=True)
    tens = "|".join(k for k, v in lx["cardinals"].items() if v in (20, 30, 40, 50, 60, 70, 80, 90))
    ords = rf"(?:(?:{tens})-)?(?:{'|'.join(words)})|\d{{1,4}}(?:st|nd|rd|th)"
    rels = "|".join(re.escape(r).replace(r"\ ", r"\s") for r in
                    sorted(event_lexicon()["relatives"], key=len, reverse=True))
    tail = r"(?=(?P<tail>(?:[ \t\u00a0]+[\w’'.&-]*[\w.’']){0,10}))"
    ordinal = re.compile(rf"(?i)(?P<ord>{ords}|{rels})(?P<hy>-(?:ever|round))?(?![\w-]){tail}")
    cards = "|".join(k for k, v in lx["cardinals"].items() if 1 <= v <= 20 and " " not in k
                     and k not in ("a", "an", "single"))
    after_units = event_lexicon()["number_after_units"]
    after = re.compile(rf"(?i)(?P<unit>{'|'.join(after_units)})\s+(?P<num>{cards}|\d{{1,2}})\b(?![:.,]?\d|-)")
    # where an ordinal may start, in one fast case-sensitive scan; the patterns above are
    # only tried there
    firsts = [*words, *(k.split("-")[0].split()[0] for k in event_lexicon()["relatives"]), *after_units]
    firsts += [k for k, v in lx["cardinals"].items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
    forms = sorted({f for w in firsts for f in (w, w.capitalize(), w.upper())})
    cand = re.compile(rf"(?<![\w-])(?:{trie_pattern(forms)}|\d{{1,4}}(?:st|nd|rd|th))\b")
    return {"ordinal": ordinal, "after": after, "cand": cand}


_TOKEN = re.compile(r"[\w’'.&-]*[\w.’']")
_ABBREV = re.compile(r"(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")


def _clean(tok: str) -> tuple[str, bool]:
    """A token without its sentence-final dot; True when the dot ended the phrase."""
    if tok.endswith(".") and not _ABBREV.fullmatch(tok):
        return tok[:-1], True
    return tok, False


def _modifier_ok(tok: str) -> bool:
    low = tok.lower()
    if low in stopwords() or low in calendar_words() or low in _blockers():
        return False
    if _POSSESSIVE.search(tok) or any(c.isdigit() for c in tok) and "-" not in tok and not tok.isupper():
        return False
    if tok[:1].isupper():
        return "-" in tok or tok.replace(".", "").isupper() or bool(demonym(tok) or lookup(tok))
    return tok[:1].isalpha()


def _measure_ok(toks: list[tuple[int, int, str]], k: int) -> bool:
    """A number read as a measure of the noun: '7.6' in 'a second 7.6 magnitude tremor'."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", toks[k][2]) or k + 1 >= len(toks):
        return False
    return _clean(toks[k + 1][2])[0].lower() in event_lexicon()["measure_words"]


@cache
def _blockers() -> frozenset[str]:
    return frozenset(event_lexicon()["ordinal_blockers"])


def _unit_at(toks: list[str], k: int) -> tuple[Noun, int] | None:
    """The unit noun starting at token k (two-word compounds first) and its token count."""
    lex = nouns()
    if k + 1 < len(toks):
        two = f"{toks[k].lower()} {toks[k + 1].lower()}"
        if two in lex:
            return lex[two], 2
    one = toks[k].lower()
    if one in lex:
        return lex[one], 1
    return None


def _complement(toks: list[tuple[int, int, str]], k: int) -> tuple[int, bool] | None:
    """An "of ..." complement after a unit: its end offset, and whether its head is an event
    noun ("round of U.S.-Russia talks") or not ("round of consumer tax increases")."""
    if k >= len(toks) or toks[k][2].lower() != "of":
        return None
    j = k + 1
    if j < len(toks) and toks[j][2].lower() in ("the", "these", "those"):
        j += 1
    event_heads = set(event_lexicon()["round_complements"])
    end = None
    for i in range(j, min(len(toks), j + 4)):
        word, ended = _clean(toks[i][2])
        if word.lower() in event_heads:
            return toks[i][0] + len(word), True
        if word.lower() in stopwords() or not (_modifier_ok(word) or word.isalpha() and word.islower()):
            break
        end = toks[i][0] + len(word)
        if ended or is_plural(word):
            break
    return (end, False) if end is not None else None


@cache
def _meeting_words() -> re.Pattern:
    """Nouns and verbs of the meeting series other than "round" itself."""
    forms = [f for f, n in nouns().items() if n.group == "meeting" and n.lemma != "round"]
    forms += [v for v, x in event_lexicon()["verbs"].items() if x["type"] == "meeting"]
    return re.compile(rf"(?i)\b(?:{'|'.join(re.escape(f) for f in sorted(forms, key=len, reverse=True))})\b")


def _near_meetings(text: str, start: int, end: int) -> bool:
    """Is a bare "round" about talks? Only when meeting words are near (not a boxing round)."""
    return bool(_meeting_words().search(text, max(0, start - 250), min(len(text), end + 250)))


@cache
def _series_nouns() -> frozenset[str]:
    """Nouns of the meeting lexicon (event_nouns.json): the series that relative ordinals ("the next
    round", "a follow-up call") number; other events ("another quake") are not numbered that way."""
    import json
    from importlib import resources
    own = json.loads(resources.files("checker.data").joinpath("event_nouns.json").read_text("utf-8"))
    return frozenset(own["nouns"])


def _relative_ok(rel: str, noun: Noun, text: str, start: int) -> bool:
    lx = event_lexicon()
    if not noun.event or noun.plural:
        return False
    if noun.lemma not in _series_nouns():
        return False  # "a fresh earthquake", "another attack": no numbering a series of talks keeps
    if rel in lx["relatives_need_countable"] and not noun.countable:
        return False
    if rel.lower() in lx["relatives_need_article"]:
        before = text[max(0, start - 4):start].lower().split()
        return bool(before) and before[-1] in ("a", "an")
    return True


def _from_ordinal(m: re.Match, text: str) -> Record | None:
    word = m.group("ord")
    low = re.sub(r"\s+", " ", word.lower())
    rel_map = event_lexicon()["relatives"]
    relative = rel_map.get(low)
    n = None if relative else numbers.parse_ordinal(low)
    if relative is None and n is None:
        return None
    prev = text[max(0, m.start() - 12):m.start()].split()
    if prev and prev[-1].lower().rstrip(".,") in calendar_words():
        return None  # "February 1st", "May first"
    if n is not None:
        streak = _streak(m, text, n)
        if streak is not None:
            return streak
    toks = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, m.start("tail"), m.end("tail"))]
    if toks and toks[0][2].lower() == "of":
        return _elided(m, text, n)
    hy = m.group("hy")
    if hy and hy.lower() == "-round":
        noun = nouns()["round"]
        unit_start, unit_end, k_after = m.start("hy") + 1, m.end("hy"), len(toks)
    else:
        found = None
        for k in range(min(5, len(toks))):
            unit = _unit_at([_clean(t[2])[0] for t in toks], k)
            if unit is not None:
                found = (unit, k)
                break
            word_k, ended = _clean(toks[k][2])
            if ended or not (_modifier_ok(word_k) or _measure_ok(toks, k)):
                return None
        if found is None:
            return None
        (noun, width), k = found
        unit_start = toks[k][0]
        last = toks[k + width - 1]
        unit_end = last[0] + len(_clean(last[2])[0])
        k_after = k + width
        if _clean(last[2])[1]:
            k_after = len(toks)  # the unit ended the sentence
    if noun.plural and noun.countable:
        return None  # "first meetings", "next visits": not one event of a series
    if relative and not _relative_ok(low, noun, text, m.start()):
        return None
    if noun.lemma == "call":
        nxt = toks[k_after][2].lower() if k_after < len(toks) else ""
        if nxt in event_lexicon()["call_needs"]["never_after"]:
            return None
    end = unit_end
    group = noun.group
    comp = _complement(toks, k_after) if noun.countable and text[unit_end:unit_end + 1] != "," else None
    if comp:
        end = comp[0]
        if noun.lemma == "round" and not comp[1]:
            group = None  # "third round of sanctions" counts no meetings
    elif noun.lemma == "round" and not hy and not _near_meetings(text, m.start(), end):
        group = None  # "in the sixth round": a boxing or election round
    elif hy and hy.lower() == "-round":
        nxt = _clean(toks[0][2])[0].lower() if toks else ""
        if nxt in event_lexicon()["round_complements"]:
            end = toks[0][0] + len(nxt)
        else:
            group = None  # "second-round vote": an election round
    qual_start = unit_start if hy and hy.lower() == "-round" else m.end()
    qualifies = re.sub(r"\s+", " ", text[qual_start:end]).strip()
    return Record("ordinal", m.start("ord"), end, {
        "n": n, "relative": relative, "unit": noun.type, "qualifies": qualifies,
        "series_unit": noun.type, "group": group})


@cache
def _streak_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    lx = event_lexicon()["streaks"]
    units = lx["units"]
    unit = "|".join(sorted(units, key=len, reverse=True))
    words = "|".join(lx["words"])
    after = re.compile(rf"(?i)[ \t]+(?:(?P<w>{words})[ \t]+)?(?P<u>{unit})(?![\w-])(?P<of>[ \t]+of\b)?")
    return re.compile(r"(?i)\bfor[ \t]+(?:the|a)[ \t]+\Z"), after, units


def _streak(m: re.Match, text: str, n: int) -> Record | None:
    """ "for the fourth day", "a second consecutive day": the ordinal of a running spell, which
    outlets count as they count meetings (and may count from different starts)."""
    before, after, units = _streak_patterns()
    a = after.match(text, m.end("ord"))
    if a is None:
        return None
    if not a.group("w") and (a.group("of") or not before.search(text, max(0, m.start() - 12), m.start())):
        return None  # "the first day of the summit", "on the second day"
    unit = units[a.group("u").lower()]
    return Record("ordinal", m.start("ord"), a.end("u"), {
        "n": n, "relative": None, "unit": unit, "qualifies": re.sub(r"\s+", " ", text[m.end("ord"):a.end("u")]).strip(),
        "series_unit": unit, "group": None})


_ELIDED_AFTER = re.compile(r"\s+of\s+(?:[\w’'.-]+\s+){0,3}?(?:term|administration|presidency|tenure|mandate|"
                           r"season|year|decade|century|reign)\b")
_SENTENCE_START = re.compile(r"[.!?]\s")


def _elided(m: re.Match, text: str, n: int | None) -> Record | None:
    """ "at least their seventh known encounter, and the first of Trump's second term": an ordinal whose
    noun is left out numbers the event noun its sentence named just before, within a period."""
    if n is None or text[max(0, m.start() - 4):m.start()].lower() != "the " \
            or not _ELIDED_AFTER.match(text, m.end("ord")):
        return None
    lo = max(0, m.start() - 150)
    starts = [x.end() for x in _SENTENCE_START.finditer(text, lo, m.start())]
    lo = starts[-1] if starts else lo
    lex = nouns()
    best = None
    for t in _TOKEN.finditer(text, lo, m.start()):
        noun = lex.get(_clean(t.group())[0].lower())
        if noun is not None and noun.event and noun.group and not noun.plural:
            best = noun
    if best is None:
        return None
    return Record("ordinal", m.start("ord"), m.end("ord"), {
        "n": n, "relative": None, "unit": best.type, "qualifies": "", "series_unit": best.type,
        "group": best.group})


def _from_after(m: re.Match, text: str) -> Record | None:
    n = numbers.parse_number(m.group("num").lower())
    if not n:
        return None
    noun = nouns()[m.group("unit").lower()]
    unit = noun.type
    group = noun.group if _near_meetings(text, m.start(), m.end()) else None
    return Record("ordinal", m.start(), m.end(), {
        "n": int(n), "relative": None, "unit": unit, "qualifies": m.group("unit").lower(),
        "series_unit": unit, "group": group})


def extract(doc: Document, found: dict) -> list[Record]:
    """Ordinal records of the body sentences, sorted, without overlaps."""
    text = doc.text
    body = BodyIndex(doc)
    pats = _patterns()
    out: list[Record] = []
    for c in pats["cand"].finditer(text):
        p = c.start()
        if (out and p < out[-1].end) or p not in body:
            continue
        r = None
        if c.group().lower() in event_lexicon()["number_after_units"]:
            m = pats["after"].match(text, p)
            r = _from_after(m, text) if m else None
        if r is None:
            m = pats["ordinal"].match(text, p)
            r = _from_ordinal(m, text) if m else None
        if r is not None:
            out.append(r)
    return out
