"""Counts: "three topics", "more than 200 people", "dozens of diplomats", "$5 billion", "25%".

A count is a number with the noun it counts. Without a part-of-speech tagger
the counted noun is found by shape: the first plural-looking word within four
words of the number, with only content words (no function words, at most one
capitalised word in a row) before it. That shape rejects most numbers that are
not counts: years, dates ("February 27"), times ("9:19 AM"), durations ("six
hours": a time unit is never a count), ages, list numbers and numbers inside
names ("Article 5", "Boeing 737", "COVID-19").

Deliberately not emitted:
- "one X" / singular nouns: a count of one is mostly "one of the", a pronoun, or noise;
- "the two countries", "both sides", "their three children": a definite article or
  possessive before a number up to three refers back to known participants;
- vague quantities without a number ("several rounds", "many", "a few"): nothing
  to check; only "dozens/hundreds/thousands of" are emitted, as open intervals.
Percentages (unit "percent") and money (unit "dollar", "euro" ...) are counts:
editors compare them across sources like any other number.

Value: ``{"min", "max", "unit", "approximate", "modifier", "amount"}``; min/max
bound the count (max None = open), ``amount`` is the number as written (None
for vague quantities); modifier is exact, approximately, more_than, less_than,
at_least, up_to or range ("between 30 and 40").

Speed: one case-sensitive scan (a character trie of number words, digits and
currency signs) finds where a count may start; the full patterns are only tried,
anchored, at those places.

Notes: modifier semantics follow the TimeML/TIMEX3 ``mod`` convention used for
durations ("over six hours" -> min 6, no max); the plural-shape heuristic and
the definite-reference rule come from news-writing usage.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..model import Document
from . import numbers
from .base import Record
from .eventlex import BodyIndex, count_lexicon, stopwords, trie_pattern
from .places import demonym, lookup
from .trie import alternation


@cache
def _patterns() -> dict[str, re.Pattern]:
    """``cand`` finds where a count may start (a digit, a currency sign, a number word) in one
    fast case-sensitive scan; the other patterns are only tried, anchored, at those places."""
    lx = count_lexicon()
    nlx = numbers.lexicon()
    words = [k for k in nlx["cardinals"] if " " not in k and k not in ("a", "an", "both", "single")]
    words += [*lx["vague"], "dozen", "lone", "sole"]
    forms = sorted({f for w in words for f in (w, w.capitalize(), w.upper())})
    cur = alternation(lx["currency_symbols"])
    big = alternation(nlx["multipliers"])
    fraction = rf"(?:[Aa]n?\s+half\s+an?|[Hh]alf\s+an?|[Aa]n?)\s+(?:{big})\b"  # "a million", "half a billion"
    cand = re.compile(rf"(?<![\w.,:;$€£¥₽₹₺₴#/+-])(?:{cur}|\d|{fraction}|{trie_pattern(forms)}\b)")
    mod_before = re.compile(rf"(?i)(?<![\w-])(?P<mod>{alternation([*lx['modifiers'], 'between', 'from'])})\s+$")
    num = numbers.count_number_pattern()
    pct = alternation(w for w in lx["percent"] if w != "%")
    # the words after the number are looked at, not consumed: the next match may start there
    tail = r"(?=(?P<tail>(?:[ \t\u00a0]+[\w’'.&-]+){0,5}))"
    main = re.compile(
        rf"(?i)(?P<num>(?:{num})(?:\s+dozen)?)"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{num}))?(?![\w-]|[.,]\d)"
        rf"(?P<pct>\s?%|\s+(?:{pct})\b)?{tail}")
    dozen = re.compile(rf"(?i)(?P<num>dozen)(?![\w-]){tail}")
    vague = re.compile(
        rf"(?i)(?P<v>{alternation(lx['vague'])})(?:\s+of\s+(?P<v2>thousands|millions|billions))?\s+of{tail}")
    money = re.compile(
        rf"(?i)(?P<cur>{cur})\s?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,12}}(?:\.\d{{1,6}})?)(?!\d|,\d)"
        rf"(?:\s?(?P<mult>million|billion|trillion|thousand|{alternation(lx['money_multipliers'])})\b)?")
    # "a 9-member delegation", "a 500-for-500 exchange", "three-on-three talks"
    compound = re.compile(
        rf"(?i)(?P<num>{numbers.number_pattern()})-(?:(?P<unit>{alternation(lx['compound_units'])})"
        rf"|(?:for|on)-(?P<num2>{numbers.number_pattern()}))(?![\w-]){tail}")
    return {"cand": cand, "mod": mod_before, "main": main, "dozen": dozen, "vague": vague, "money": money,
            "compound": compound}


_TOKEN = re.compile(r"[\w’'.&-]*[\w.]")
_YEAR = re.compile(r"1\d{3}|20\d{2}|21\d{2}")
_SPACES = re.compile(r"\s+")
_AND = re.compile(r"\band\b")
_A_BEFORE = re.compile(r"(?i)(?<![\w-])(half\s+a|a)\s+$")
_parse_number = lru_cache(maxsize=4096)(numbers.parse_number)


@cache
def _sets() -> dict[str, frozenset[str]]:
    lx = count_lexicon()
    return {k: frozenset(lx[k]) for k in ("time_units", "not_plural", "no_number_before", "calendar_words",
                                          "determiners", "approximate", "vague", "tally_subjects",
                                          "elided_adjectives", "toll_nouns", "one_nouns", "conversion_units")}


def singular(word: str) -> str:
    """Lemma-ish singular, lower case: "countries" -> "country", "people" -> "person"."""
    w = word.lower().rstrip("'’")
    irr = count_lexicon()["irregular_plurals"]
    if w in irr:
        return irr[w]
    compound = _compound_irregular(w)
    if compound:
        return compound
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_COMPOUND_IRREGULAR = re.compile(r"([a-z]{3,}?)(children|women|people|men)")


def _compound_irregular(w: str) -> str | None:
    """Singular of a compound of an irregular plural: "grandchildren", "policemen", "townspeople";
    "specimen", "abdomen" (a vowel other than e before "men") are no compounds."""
    m = _COMPOUND_IRREGULAR.fullmatch(w)
    if m is None or (m.group(2) == "men" and m.group(1)[-1] in "aiouy"):
        return None
    return m.group(1) + count_lexicon()["irregular_plurals"][m.group(2)]


def is_plural(word: str) -> bool:
    """Shape test for a plural noun ("topics", "MPs", "people"); verbs in -s are excluded by list."""
    w = word.rstrip("'’")
    lw = w.lower()
    if lw in count_lexicon()["irregular_plurals"]:
        return lw not in ("series", "species", "news", "talks")
    if _compound_irregular(lw):
        return True
    if lw in _sets()["not_plural"] or not w.endswith("s"):
        return False
    if len(w) >= 3 and w[:-1].isupper():  # MPs, NGOs
        return True
    if len(w) < 4 or lw.endswith(("ss", "us", "is", "ous", "'s", "’s")):
        return False
    return w[:-1].isalpha() or "-" in w


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _proper_plural(word: str) -> bool:
    """A capitalised plural that counts people or things: "Palestinians", "MPs", "People"."""
    w = word.rstrip("'’")
    if w.lower() in count_lexicon()["irregular_plurals"] or w[:-1].isupper():
        return True
    return bool(demonym(w[:-1]) or demonym(w))


def _head(tokens: list[str], title: bool = False) -> int | None:
    """Index of the counted noun in the words after a number, or None when there is none. In a
    title-case line ``title``) every word is capitalised: the last of a run of plurals is the noun
    ("8.5 Million Windows Devices")."""
    sw = stopwords()
    sets = _sets()
    vague_words = sets["vague"]
    caps_run = 0
    for k, tok in enumerate(tokens[:4]):
        w = tok.rstrip(".") if not _ABBREV.fullmatch(tok) else tok
        lw = w.lower()
        if not w or lw in sets["time_units"]:
            return None
        if lw in vague_words:
            return None
        if title and _is_cap(w) and is_plural(w) and lw not in sw:
            while k + 1 < min(len(tokens), 4) and is_plural(tokens[k + 1].rstrip(".,")) \
                    and not tokens[k].endswith((".", ",")):
                k += 1
            return k
        if is_plural(w) and (not _is_cap(w) or _proper_plural(w)):
            if "-" in w and not tok.endswith((".", ",")):
                later = _head(tokens[k + 1:4])  # "four plain-clothes NYPD officers": the compound is a modifier
                if later is not None:
                    return k + 1 + later
            return k
        if lw in sw or lw in sets["calendar_words"] or any(c.isdigit() for c in w) \
                or _parse_number(lw):
            return None
        if tok.endswith((".", ",")):
            return None
        if _is_cap(w) and not (demonym(w) or lookup(w) or w.isupper()):
            caps_run += 1
            if caps_run > 1:
                return None
        else:
            caps_run = 0
    return None


def _prev_word(text: str, pos: int) -> str:
    """The word before the blanks that end right before ``pos``, looked for within 40 characters
    (cut at the window's start); "" when no blank or no word is there."""
    lo = max(0, pos - 40)
    j = pos
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == pos or j == lo:
        return ""
    k = j
    while k > lo and not text[k - 1].isspace():
        k -= 1
    return text[k:j]


def _blocked_before(text: str, pos: int, value: float, has_mod: bool, title: bool = False) -> bool:
    """Context before the number that makes it a date, a name or a reference to participants.
    A word closed by punctuation ("the channel, at least 386") is no part of a name, and a calendar
    word before a modifier ("on Monday more than 200") is no date."""
    sets = _sets()
    prev = _prev_word(text, pos)
    lp = prev.lower().rstrip(".,")
    if not prev or prev[-1] in _CLOSING:
        return False
    if (lp in sets["calendar_words"] and not has_mod) or lp in sets["no_number_before"] \
            or prev.lower() in sets["no_number_before"]:
        return True
    if not has_mod and lp in sets["determiners"] and value <= 3:
        return True
    if title and lp in _headline_verbs():
        return False  # "Crash Leaves 151 Dead": a verb in a title-case headline
    if not has_mod and _is_cap(prev) and prev[-1] not in ".!?:;,\"“”'’)" \
            and not prev.endswith(("'s", "’s")) \
            and lp not in stopwords() and not demonym(prev) and not lookup(prev):
        return True  # inside a name: "Article 5", "Phone 3", "Boeing 737"
    return False


@cache
def _headline_verbs() -> frozenset[str]:
    lx = count_lexicon()
    return frozenset((*lx["headline_verbs"], *lx["change_verbs"], *lx["tally_words"]))


_CLOSING = frozenset(",;:!?)\"”")


def _modifier(mod: str | None) -> tuple[str, bool]:
    if not mod:
        return "exact", False
    key = _SPACES.sub(" ", mod.lower())
    lx = count_lexicon()
    return lx["modifiers"].get(key, "exact"), key in _sets()["approximate"]


def _interval(modifier: str, amount: float, approximate: bool) -> tuple[float, float | None]:
    if modifier in ("more_than", "at_least"):
        return amount, None
    if modifier in ("less_than", "up_to"):
        return 0, amount
    return amount, amount


def _value(amount, modifier, approximate, unit, amount2=None) -> dict:
    if amount2 is not None:
        return {"min": min(amount, amount2), "max": max(amount, amount2), "unit": unit,
                "approximate": approximate, "modifier": "range", "amount": amount}
    lo, hi = _interval(modifier, amount, approximate)
    return {"min": lo, "max": hi, "unit": unit, "approximate": approximate, "modifier": modifier,
            "amount": amount}


def _tail_tokens(m: re.Match) -> list[tuple[int, int, str]]:
    return [(t.start(), t.end(), t.group())
            for t in _TOKEN.finditer(m.string, m.start("tail"), m.end("tail"))]


def _head_token(m: re.Match, title: bool = False) -> tuple[int, str] | None:
    """Start and text of the counted noun after a number match."""
    toks = _tail_tokens(m)
    k = _head([t for _s, _e, t in toks], title)
    if k is None:
        return None
    ts, _te, tok = toks[k]
    return ts, (tok.rstrip(".") if not _ABBREV.fullmatch(tok) else tok)


_ABBREV = re.compile(r"(?:[A-Za-z]\.){2,}")


class _Mod:
    """The modifier before a number ("more than", "about"), or none."""

    def __init__(self, m: re.Match | None):
        self.text = _SPACES.sub(" ", m.group("mod").lower()) if m else None
        self.start = m.start("mod") if m else -1

    def drop_range_words(self, has_range: bool) -> None:
        if self.text in ("between", "from") and not has_range:
            self.text, self.start = None, -1


def _changed_before(text: str, pos: int) -> bool:
    """Whether a change verb ("rose", "cut") sits within three words before ``pos``."""
    words = re.findall(r"[A-Za-z]+", text[max(0, pos - 40):pos])[-3:]
    return any(w.lower() in _change_verbs() for w in words)


@cache
def _change_verbs() -> frozenset[str]:
    return frozenset(count_lexicon()["change_verbs"])


def _from_main(m: re.Match, mod: _Mod, text: str, prev: Record | None = None, title: bool = False) -> Record | None:
    numtxt = m.group("num")
    low = _SPACES.sub(" ", numtxt.lower())
    base = _parse_number(low[:-6]) if low.endswith(" dozen") else None
    amount = base * 12 if base else _parse_number(low)
    if amount is None:
        return None
    num2 = m.group("num2")
    mod.drop_range_words(bool(num2))
    start = mod.start if mod.text else m.start("num")
    if _blocked_before(text, start, amount, bool(mod.text), title):
        return None
    amount2 = _parse_number(num2) if num2 else None
    if num2 and (amount2 is None or (_AND.search(text[m.end("num"):m.start("num2")])
                                     and mod.text != "between")):
        return None
    if mod.text == "from" and amount2 is not None and _changed_before(text, start):
        # "the toll rose from 50 to 60": a change, and the count is now 60
        amount, amount2, mod.text, start = amount2, None, None, m.start("num2")
    if _YEAR.fullmatch(numtxt) and not mod.text and (text[max(0, start - 3):start].lower() in ("of ", "in ") or not (
            _TOLL_BEFORE.search(text, max(0, start - 150), start)
            or _NUMBER_OF.search(text, max(0, start - 150), start)
            or _TALLY_VERB_BEFORE.search(text, max(0, start - 30), start))):
        return None  # "in 1998" is a year; "the toll has risen to 1400", "killing 1300" are not
    modifier, approx = _modifier(mod.text)
    if m.group("pct"):
        unit = "percentage point" if "point" in m.group("pct").lower() else "percent"
        return Record("count", start, m.end("pct"), _value(amount, modifier, approx, unit, amount2))
    if amount == 1 and amount2 is None:
        return _one(m, text, start, modifier, approx)
    if title and not float(amount).is_integer():
        title = False  # "5.09 Delta Air Lines": a decimal in a title-case table row counts no names
    head = _head_token(m, title)
    if head is None:
        return _without_noun(m, text, start, amount, modifier, approx, amount2, prev, title)
    ts, tok = head
    if _MAGNITUDE.search(text, m.end("num"), ts) or _MAGNITUDE_BEFORE.search(text, max(0, start - 20), start):
        return None  # "a 7.6 earthquake", "magnitude 7.8 quakes": a magnitude, not a count
    if tok.lower() in _sets()["conversion_units"] and _conversion_before().search(text, max(0, start - 40), start):
        return None  # "seven kilometers (4.3 miles)": the same distance converted, not a second count
    return Record("count", start, ts + len(tok), _value(amount, modifier, approx, singular(tok), amount2))


_NO_ONE_BEFORE = frozenset(("no", "any", "every", "each", "which", "the", "this", "that", "someone", "anyone",
                            "everyone", "no-one", "some"))
_NO_HYPHEN_ONE = re.compile(r"(?i)\b(?:no|any|every|some)\s*[-–]\s*$")  # "no - one was hurt"
_ONE_TOLL_AFTER = re.compile(r"(?i)[ \t]+(?:(?:was|is|were|has\s+been|had\s+been|reportedly|also|later|still)\s+){0,2}"
                             r"(?:killed|dead|died|dies|injured|wounded|hurt|missing|rescued|arrested|detained|"
                             r"hospitali[sz]ed|survived|survives|freed|released|kidnapped|abducted)\b")


def _one(m: re.Match, text: str, start: int, modifier: str, approx: bool) -> Record | None:
    """A count of one, which editors check like any count: "one passenger survived", "one Belgian
    national", "one was killed". "one of the", "one day", "no one", "one another", "one said" are no counts.

    Notes: a count of one is kept only with a toll noun, a toll verb or a nationality, the shapes of
    casualty and hostage reports; 'one' before other nouns is mostly an idiom or a pronoun."""
    if _prev_word(text, start).lower().rstrip(".,") in _NO_ONE_BEFORE or _NO_HYPHEN_ONE.search(text, max(0, start - 12), start):
        return None
    end = m.end("num")
    if _ONE_TOLL_AFTER.match(text, end):  # "one was killed", "one dead"
        return Record("count", start, end, _value(1, modifier, approx, "person"))
    sets = _sets()
    toks = _tail_tokens(m)[:3]
    national = False
    for ts, te, tok in toks:
        w = tok.rstrip(".,")
        lw = singular(w) if is_plural(w) else w.lower()
        if lw in sets["toll_nouns"] or (lw in sets["one_nouns"] and (national or _ONE_TOLL_AFTER.match(text, ts + len(w)))):
            return Record("count", start, ts + len(w), _value(1, modifier, approx, lw))
        if demonym(w):
            national = True
            if w != tok or _ONE_TOLL_AFTER.match(text, te):  # "one American was killed"
                return Record("count", start, ts + len(w), _value(1, modifier, approx, w.lower()))
            continue
        if w != tok or lw in stopwords() or _is_cap(w) or not w.isalpha():
            return None
    return None


def _from_lone(text: str, p: int) -> Record | None:
    """ "the lone survivor", "the sole victim": a count of one."""
    m = _LONE.match(text, p)
    if m is None or singular(m.group(2)) not in _sets()["toll_nouns"] or m.group(2).lower() != singular(m.group(2)):
        return None
    return Record("count", p, m.end(), _value(1, "exact", False, singular(m.group(2))))


_LONE = re.compile(r"(?i)(lone|sole)\s+([a-z]+)\b")
@cache
def _conversion_before() -> re.Pattern:
    """A measure and an opening bracket right before a number: "seven kilometers (", "17.9km ("."""
    units = alternation(count_lexicon()["conversion_units"])
    return re.compile(rf"(?i)(?:\d|\b[a-z]+)[ \t-]*(?:{units})\.?[ \t]*[(\[][ \t]*"
                      rf"(?:about[ \t]+|some[ \t]+|around[ \t]+|roughly[ \t]+|nearly[ \t]+)?$")


_MAGNITUDE = re.compile(r"(?i)\b(?:magnitude|richter|earthquakes?|quakes?|tremors?|temblors?|aftershocks?)\b(?!-)")
_MAGNITUDE_BEFORE = re.compile(r"(?i)(?:\bmagnitude(?:\s+of)?|\bM)\s*$")
_PEOPLE_AFTER = re.compile(r"(?i)\s+(?P<who>others?|more|people|persons)?\s*(?:(?:were|was|are|have been|had been|"
                           r"have|had|are feared|were feared|were confirmed|are confirmed|reportedly)\s+)?"
                           r"(?:killed|dead|died|injured|wounded|hurt|missing|rescued|arrested|detained|evacuated|"
                           r"displaced|hospitali[sz]ed|on board|aboard|on the ground|survived)\b")
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")
_UNIT_AFTER = re.compile(r"[ \t]*([A-Za-z][A-Za-z.']*)")
# words that may follow a bare count after "killing": "killing 151 and injuring 200", "killing 12 in Kabul"
_AFTER_BARE_COUNT = frozenset(("and", "or", "in", "on", "at", "when", "after", "during", "including", "while",
                               "as", "across", "near", "since", "so", "but", "of", "with", "before", "people"))
_CHANGED_TO = re.compile(r"(?i)[a-z]+\s+to\s+$")
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
_NOT_INHERITED = frozenset(("percent", "percentage point", "dollar", "euro", "pound", "yen", "rouble", "rupee", "lira"))
_SAME_THINGS_AFTER = re.compile(r"(?i)\s+(?:of\s+them\b|(?:were|was|had\s+been|have\s+been|are)\s+(?!\w+ing\b)[a-z]+ed\b)")
_SAME_THINGS_BEFORE = re.compile(r"(?i)\b(?:including|of\s+which|among\s+them)\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+)?$")
_TALLY_VERB_BEFORE = re.compile(r"(?i)\b(?:killed|killing|kills|injured|injuring|wounding|wounded|left|leaving)\s+$")
_OUT_OF = re.compile(r"(?i)\s+(?:out\s+)?of\s+(?:the\s+|some\s+|about\s+)?[\d][\d,.]*(?:\s+(?:million|thousand))?"
                     r"(?P<words>(?:\s+[a-z-]+){1,3})")
_TOLL_BEFORE = re.compile(r"(?i)\b(?:toll|tally)\b[^.;:\d]{0,120}?\b(?:rose|risen|rises|climbed|climbs|jumped|surged|reached|"
                r"hit|stood at|stands at|increased|passed|topped|exceeded|exceeding|surpassed|to|at|of)\s+"
                r"(?:at least |more than |nearly |about |over |some )?$")


@cache
def _toll_subject_before() -> re.Pattern:
    """A toll noun and a verb of change right before a bare number: "deaths climbed to", "casualties
    reached", or "estimates of"."""
    subjects = alternation(count_lexicon()["tally_subjects"])
    return re.compile(rf"(?i)(?:\b(?:{subjects})\b[^.;:\d]{{0,80}}?\b(?:rose|risen|rises|climbed|climbs|jumped|surged|"
                      rf"reached|hit|stood\s+at|stands\s+at|increased|passed|topped|exceeded|surpassed)(?:\s+to)?"
                      rf"|\bestimates?\s+of)\s+(?:at least |more than |nearly |about |over |some )?$")


_NUMBER_OF = re.compile(r"(?i)\bnumber\s+of\s+(?P<phrase>(?:[a-z-]+\s+){0,3}[a-z-]+)\b[^.;:\d]{0,80}?\b(?:rose|risen|rises|climbed|"
                        r"surged|jumped|reached|hit|stood at|stands at|increased|dropped|fell|declined|exceeding|"
                        r"exceeded|topping|topped|passing|passed|surpassing|surpassed|is|was|to|at)\s+"
                        r"(?:[a-z]+\s+){0,2}$")


def _without_noun(m: re.Match, text: str, start: int, amount: float, modifier: str, approx: bool,
                  amount2: float | None, prev: Record | None = None, title: bool = False) -> Record | None:
    """A number with no noun after it that still counts something: people in a state ("5,385 others
    injured", "151 were killed"), the noun of a "number of" phrase ("the number of canceled flights
    had surged to 2,624"), of a partitive ("8,000 of our citizens"), of a predicate ("112 are French
    nationals"), of a coordinated number ("24,000 domestic and 3,000 international flights") or of
    an earlier mention ("their sixth meeting ... the previous five")."""
    end = m.end("num2") if m.group("num2") else m.end("num")
    nxt = _NEXT_WORD.match(text, end)
    unit_after = _UNIT_AFTER.match(text, end)
    if unit_after is not None and unit_after.group(1).lower() in _sets()["time_units"]:
        return None  # "at 3 p.m.", "in 10 days": a time
    if _TOLL_BEFORE.search(text, max(0, start - 150), start) or _toll_subject_before().search(text, max(0, start - 100), start):
        return Record("count", start, end, _value(amount, modifier, approx, "person", amount2))  # "the toll rose to 1400"
    before = _NUMBER_OF.search(text, max(0, start - 150), start)
    noun = next((w for w in re.findall(r"[a-z-]+", before.group("phrase")) if is_plural(w)), None) if before else None
    if noun:  # "the number of people rescued from the rubble has reached 2,470"
        return Record("count", before.start(), end, _value(amount, modifier, approx, singular(noun), amount2))
    if _TALLY_VERB_BEFORE.search(text, max(0, start - 30), start) and (
            nxt is None or nxt.group(1).lower() in _AFTER_BARE_COUNT):
        return Record("count", start, end, _value(amount, modifier, approx, "person", amount2))  # "killing 151"
    if _YEAR.fullmatch(m.group("num")):
        return None  # a bare year-shaped number is a year unless a toll or a "number of" says so
    unit = _elided_unit(text, start, end, prev)
    if unit:  # "their sixth face-to-face meeting. The previous five happened ..."
        return Record("count", start, end, _value(amount, modifier, approx, unit, amount2))
    if amount2 is None and prev is not None and prev.end <= start and start - prev.end <= 300 \
            and "\n" not in text[prev.end:start] \
            and prev.value.get("unit") not in _NOT_INHERITED and _CHANGED_TO.search(text, max(0, start - 40), start) \
            and _changed_before(text, start):
        # "At least 150 people died on Monday. By Tuesday the figure had climbed to 160": the count
        # before it, changed
        return Record("count", start, end, _value(amount, modifier, approx, prev.value["unit"], amount2))
    if prev is not None and prev.end <= start and start - prev.end <= 120 \
            and not _SENTENCE_BREAK.search(text, prev.end, start) and prev.value.get("unit") not in _NOT_INHERITED \
            and (_SAME_THINGS_AFTER.match(text, end) or _SAME_THINGS_BEFORE.search(text, max(prev.end, start - 25), start)):
        # "27,000 flights were delayed, with more than 2,700 of them in the U.S.", "2200 flights had been
        # canceled and more than 7,000 were delayed": the number counts what the count before it counts
        return Record("count", start, end, _value(amount, modifier, approx, prev.value["unit"], amount2))
    part = _OUT_OF.match(text, end)
    noun = next((w for w in (part.group("words").split() if part else []) if is_plural(w)), None)
    if noun:  # "2,691 out of 110,000 commercial flights": 2,691 flights
        return Record("count", start, end, _value(amount, modifier, approx, singular(noun), amount2))
    after = _PEOPLE_AFTER.match(text, end)
    if after:
        stop = after.end("who") if after.group("who") else end
        return Record("count", start, stop, _value(amount, modifier, approx, "person", amount2))
    noun = _noun_after(text, _PARTITIVE.match(text, end), title) or _noun_after(text, _COPULA.match(text, end), title)
    if noun:  # "over 8,000 of our citizens", "112 are French nationals"
        return Record("count", start, noun[0], _value(amount, modifier, approx, noun[1], amount2))
    co = _COORDINATED.match(text, end)
    m2 = _patterns()["main"].match(text, co.end()) if co else None
    if m2 is not None and not m2.group("pct") and not any(w.lower() in stopwords() or w.endswith("s")
                                                          for w in co.group("adj").split()):
        head = _head_token(m2, title)  # "about 24,000 domestic and 3,000 international flights"
        toks = _tail_tokens(m2)
        if head is not None and toks and head[0] != toks[0][0]:  # the second number has a modifier too
            return Record("count", start, end, _value(amount, modifier, approx, singular(head[1]), amount2))
    return None


_PARTITIVE = re.compile(r"(?i)[ \t]+of[ \t]+(?:all[ \t]+)?(?:the|our|their|its|these|those|his|her|your|my)(?=[ \t])")
_COPULA = re.compile(r"(?i)[ \t]+(?:are|were)(?=[ \t])")
_COORDINATED = re.compile(r"(?P<adj>(?:[ \t]+[a-z][a-z-]+){1,2})[ \t]*\(?[ \t]*(?:and|or)[ \t]+(?=\d)")
_WORDS_AFTER = re.compile(r"(?:[ \t]+[\w’'.&-]+){1,4}")


def _noun_after(text: str, lead: re.Match | None, title: bool) -> tuple[int, str] | None:
    """End and singular of the counted noun in the words after ``lead`` ("of our citizens"), or None."""
    if lead is None:
        return None
    words = _WORDS_AFTER.match(text, lead.end())
    if words is None:
        return None
    toks = [(t.start(), t.group()) for t in _TOKEN.finditer(text, words.start(), words.end())]
    k = _head([t for _s, t in toks], title)
    if k is None:
        return None
    ts, tok = toks[k]
    tok = tok.rstrip(".,")
    return ts + len(tok), singular(tok)


_ELIDED_AFTER = re.compile(r"[ \t]*(?:[.,;:)]|(?:are|were|was|is|have|had|has|will|would|could|may|might|did|"
                           r"remain|remained|took|came|went|met|held|[a-z]+ed)\b)")
_ORDINAL_NOUN = re.compile(r"(?i)\b(?:\d+(?:st|nd|rd|th)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                           r"tenth|eleventh|twelfth|[a-z]+tieth))(?P<words>(?:[ \t]+[a-z][a-z-]*){1,3})")


@cache
def _elided_before() -> re.Pattern:
    adj = alternation(count_lexicon()["elided_adjectives"])
    return re.compile(rf"(?i)\b(?:the|these|those|its|their|our|his|her|all)\s+(?:{adj})\s+$")


def _elided_unit(text: str, start: int, end: int, prev: Record | None) -> str | None:
    """The noun an elided count takes from an earlier mention: "the other 12 were released" after a
    count, "the previous five happened" after "their sixth face-to-face meeting".

    Notes: ellipsis after a determiner and a sequence adjective is resolved to the nearest earlier
    count or ordinal noun within 300 characters, the usual reach of such a back-reference in news copy."""
    if not _elided_before().search(text, max(0, start - 30), start) or not _ELIDED_AFTER.match(text, end):
        return None
    lo = max(0, start - 300)
    before = _elided_before().search(text, max(0, start - 30), start)
    stop = before.start()
    if prev is not None and lo <= prev.end <= stop and prev.value.get("unit") not in _NOT_INHERITED:
        return prev.value["unit"]
    last = None
    for last in _ORDINAL_NOUN.finditer(text, lo, stop):
        pass
    if last is None:
        return None
    words = []
    for w in last.group("words").split():
        if w.lower() in stopwords():
            break
        words.append(w)
    return singular(words[-1]) if words else None


def _from_dozen(m: re.Match, text: str) -> Record | None:
    """ "a dozen countries", "half a dozen envoys" (a number before "dozen" is read by _from_main)."""
    before = _A_BEFORE.search(text[max(0, m.start() - 10):m.start()])
    if before is None:
        return None
    head = _head_token(m)
    if head is None:
        return None
    ts, tok = head
    amount = 6 if before.group(1).lower().startswith("half") else 12
    return Record("count", m.start() - len(before.group()), ts + len(tok),
                  _value(amount, "approximately", True, singular(tok)))


def _from_vague(m: re.Match, mod: _Mod) -> Record | None:
    toks = _tail_tokens(m)
    if not toks or toks[0][2].lower() in ("the", "these", "those", "them", "us", "which", "whom"):
        return None
    head = _head_token(m)
    if head is None:
        return None
    word = m.group("v").lower()
    mults = numbers.lexicon()["multipliers"]
    if m.group("v2"):
        compound = numbers.vague_interval(f"{word} of {m.group('v2').lower()} of")
        lo = compound[0] if compound else 2 * mults.get(word[:-1], 10) * mults[m.group("v2").lower()[:-1]]
    else:
        iv = numbers.vague_interval(f"{word} of")
        lo = iv[0] if iv else 2 * mults.get(word[:-1], 10)
    ts, tok = head
    mod.drop_range_words(False)
    start = mod.start if mod.text else m.start("v")
    return Record("count", start, ts + len(tok), {
        "min": lo, "max": None, "unit": singular(tok), "approximate": True, "modifier": "at_least",
        "amount": None})


def _from_money(m: re.Match, mod: _Mod) -> Record:
    lx = count_lexicon()
    cur = m.group("cur")
    unit = lx["currency_symbols"].get(cur, lx["currency_symbols"].get(cur.upper(), "money"))
    amount: float = float(m.group("num").replace(",", ""))
    mult = m.group("mult")
    if mult:
        ml = mult.lower()
        amount *= numbers.lexicon()["multipliers"].get(ml) or lx["money_multipliers"].get(ml, 1)
    if amount.is_integer():
        amount = int(amount)
    mod.drop_range_words(False)
    modifier, approx = _modifier(mod.text)
    start = mod.start if mod.text else m.start("cur")
    return Record("count", start, m.end(), _value(amount, modifier, approx, unit))


def _mod_before(text: str, p: int) -> _Mod:
    # the modifier ends in blanks right before the number: without a blank there is none
    if p == 0 or not text[p - 1].isspace():
        return _Mod(None)
    return _Mod(_patterns()["mod"].search(text, max(0, p - 30), p))


class _Lines:
    """Whether the line holding an offset is set in title case ("Outage For 8.5 Million Windows
    Devices"), worked out once per line.

    Notes: a headline in title case capitalises every content word, so the capitalised-name rules
    of body text do not apply to it; three content words, nearly all capitalised, make a title."""

    def __init__(self, text: str):
        self.text = text
        self.memo: dict[int, bool] = {}

    def title(self, pos: int) -> bool:
        text = self.text
        lo = text.rfind("\n", 0, pos) + 1
        if lo not in self.memo:
            hi = text.find("\n", pos)
            hi = len(text) if hi < 0 else hi
            words = [w for w in _TITLE_WORD.findall(text, lo, min(hi, lo + 300)) if w.lower() not in stopwords()]
            caps = sum(1 for w in words if w[0].isupper())
            self.memo[lo] = hi - lo <= 250 and len(words) >= 3 and caps >= 0.85 * len(words)
        return self.memo[lo]


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _from_compound(m: re.Match, text: str, mod: _Mod) -> Record | None:
    """ "a 9-member delegation" (9 members), "a 500-for-500 exchange", "three-on-three talks".

    Notes: hyphenated group sizes are counts of members only with nouns that name members
    ('compound_units'); "N-for-N" and "N-on-N" with N on both sides give the size of each side ("one-on-one" is an idiom, "10-for-1" a ratio)."""
    amount = _parse_number(_SPACES.sub(" ", m.group("num").lower()))
    if amount is None:
        return None
    mod.drop_range_words(False)
    modifier, approx = _modifier(mod.text)
    start = mod.start if mod.text else m.start()
    if m.group("unit"):
        return Record("count", start, m.end("unit"), _value(amount, modifier, approx, m.group("unit").lower()))
    if amount == 1 or _parse_number(_SPACES.sub(" ", m.group("num2").lower())) != amount:
        return None  # "one-on-one" is an idiom, "a 2-for-1 deal" a ratio
    head = _head_token(m)
    unit = singular(head[1]) if head else "participant"
    return Record("count", start, m.end("num2"), _value(amount, modifier, approx, unit))


def extract(doc: Document, found: dict) -> list[Record]:
    """Count records of the body sentences, sorted, without overlaps (the first, longest wins)."""
    text = doc.text
    body = BodyIndex(doc)
    pats = _patterns()
    vague = _sets()["vague"]
    out: list[Record] = []
    last_end = 0
    lines = _Lines(text)
    for c in pats["cand"].finditer(text):
        p = c.start()
        if p < last_end or p not in body:
            continue
        word = c.group().lower()
        rec: Record | None = None
        if not word[0].isalnum():
            mm = pats["money"].match(text, p)
            rec = _from_money(mm, _mod_before(text, p)) if mm else None
        elif word in vague:
            mm = pats["vague"].match(text, p)
            rec = _from_vague(mm, _mod_before(text, p)) if mm else None
        elif word == "dozen":
            mm = pats["dozen"].match(text, p)
            rec = _from_dozen(mm, text) if mm else None
        elif word in ("lone", "sole"):
            rec = _from_lone(text, p)
        else:
            mm = pats["main"].match(text, p)
            if mm:
                rec = _from_main(mm, _mod_before(text, p), text, out[-1] if out else None, lines.title(p))
            else:
                mm = pats["compound"].match(text, p)
                rec = _from_compound(mm, text, _mod_before(text, p)) if mm else None
        if rec is not None and (not out or rec.start >= out[-1].end):
            out.append(rec)
            last_end = rec.end
    return out
