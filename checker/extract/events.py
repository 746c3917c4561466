"""Event mentions: meetings, talks, rounds, calls, visits, summits, with what is said about them.

Aligning sources means deciding which of their claims are about the same
real-world event: "the talks on February 18" in one outlet and "the meeting in
Riyadh" in another. Each mention of an event noun ("meeting", "round of
talks", "phone call", "visit") or verb ("met", "meet", "spoke by phone") in the
body becomes one record carrying the date, place, participants, ordinal and
duration found with it, so the alignment stage can join them.

Attachment is local and syntactic-by-position, in one sentence:
- a date or place goes to the nearest event trigger before it ("talks in
  Istanbul on Thursday"), else to the next one when it opens the clause ("On
  February 27, delegations met"), or to the trigger it directly modifies
  ("Thursday's meeting", "the Istanbul talks"); a date right after a speech
  verb ("the Kremlin said Tuesday") dates the statement, not the event;
- a duration needs a link word: "12 hours of negotiations", "a six-hour
  meeting", "talks ... lasted for over six hours";
- an ordinal attaches to the trigger it covers ("second round of talks");
- participants are named entities, countries, demonyms and capitals (as their
  country) in the subject of a meeting verb ("Lavrov and Rubio met", also
  "Russia and the US held talks"), in the noun's premodifiers ("US-Russia
  talks", "Trump's call") or after "between"/"with".
Tense comes from the attached date compared with the publication date when both
are known, else from the tense cue nearest the trigger (``event_nouns.json``).

Value: ``{"type", "group", "trigger", "generic", "date", "place", "place_type",
"participants", "ordinal", "duration", "tense", "topic_words"}``; ``spans`` names
the linked date/ordinal/duration/place spans. ``generic`` marks bare plurals of
countable nouns ("phone calls and video conferences"): talk about a kind of
event, not one event.

Notes: what counts as an event mention follows the ECB+ event-action guidelines
(Cybulska and Vossen 2014); nearest-trigger attachment and the speech-verb rule
follow TimeML TLINK practice for event-time anchoring in news (the time of a
reporting event is not the time of the reported event).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .. import settings
from ..model import Document
from .base import Record
from .eventlex import event_lexicon, nouns, stopwords, trie_pattern
from .numbers import parse_number, vague_interval
from .places import Place, PlaceIndex, PlaceMention, compatible, contains, country_of

_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|[\"“”]")
_NP_BOUNDARY = re.compile(r"(?i)[,;:(\"“]|\b(?:the|a|an|this|that|these|those|their|its|his|her|our|during|"
                          r"after|before|following|since|in|at|of|on|for|to|with|about|over|said|says)\b")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_PREP_BEFORE = re.compile(r"(?:\b(in|at|near|outside|inside|to)\s+(?:the\s+)?)$", re.I)
_MERGE_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,3}")  # "round of (U.S.-Russia) talks"
_MERGE_FOR = re.compile(r"\s+(?:[\w.’'-]+\s+){0,3}?for\s+(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,3}")
# "12 hours of talks", "a six-hour meeting"
_DURATION_BEFORE = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}|(?:-long)?\s+(?:[\w-]+\s+){0,1}")
_WINDOW_STOP = re.compile(r"(?i)[,;:—–.\"“”]|\b(?:on|in|at|to|for|over|about|regarding|since|after|"
                          r"before|which|who|that|where|when|while|during|as)\b")
# "in Kennebunkport, Maine": a place the gazetteer lacks, then the one containing it
_PREP_UNKNOWN_BEFORE = re.compile(r"\b(in|at|near)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2},\s+$")
# an adverbial clause between a trigger and a date or place introduces another event:
# "the first meeting ... since Russia invaded Ukraine in 2022"
_SUBORDINATE = re.compile(r"(?i)\b(?:since|after|before|because|when|while|until|although|though|if|once|"
                          r"unless|whereas)\b")
_DATE_MODIFIES = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}")  # "Thursday's meeting", "the Feb. 18 talks"
_APPOSITIVE = re.compile(r"\s*[—–,]\s*(?:the|a|an|its|their)\s+(?:[\w’'.-]+\s+){0,4}")
_PLACE_MODIFIES = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,1}")  # "the Istanbul talks", "Riyadh peace summit"
_SPACES = re.compile(r"\s+")
_parse_number = lru_cache(maxsize=4096)(parse_number)


@cache
def _speech_verbs() -> frozenset[str]:
    try:
        text = resources.files("checker.data").joinpath("speech_verbs.txt").read_text("utf-8")
    except FileNotFoundError:
        text = ""
    words = {l.split()[0] for l in text.splitlines() if l.strip() and not l.startswith("#")}
    return frozenset(words | {"said", "says", "told", "announced", "confirmed", "stated", "reported"})


@cache
def _trigger_re() -> re.Pattern:
    """Event nouns and verbs in lower, capitalised, title and upper case, as one trie: a single
    fast case-sensitive scan of the whole text."""
    lx = event_lexicon()
    forms = [*nouns(), *lx["verbs"]]
    cased = {f2 for f in forms for f2 in (f, f[0].upper() + f[1:], f.title(), f.upper())}
    return re.compile(rf"(?<![\w-]){trie_pattern(sorted(cased))}(?![\w-])")


@cache
def _duration_cue() -> re.Pattern:
    """Words that link a trigger to a later duration: "talks ... lasted for over six hours"."""
    words = sorted(event_lexicon()["duration_cues"], key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?i)\b(?:{alt})\b")


@cache
def _cues() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every tense cue, and cue (lower case, single spaces) -> tense."""
    tenses: dict[str, str] = {}
    for tense, words in event_lexicon()["tense_cues"].items():
        for w in words:
            tenses.setdefault(w.lower(), tense)
    words = sorted(tenses, key=len, reverse=True)
    if all(w.isascii() and w == " ".join(w.split()) for w in words):
        # a trie finds what the longest-first alternation finds (the matching cues at one place
        # are prefixes of each other, and both take the longest that ends at a word end), faster
        alt = _spaced_trie(words)
    else:
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?i)(?<![\w'])(?:{alt})(?![\w])"), tenses


def _spaced_trie(words: list[str]) -> str:
    return trie_pattern(words, spaces=True)


@dataclass
class _Mention:
    start: int  # trigger span
    end: int
    type: str
    group: str | None
    verb: bool
    generic: bool
    left: int  # leftmost offset of the mention (a merged verb: "meet ... for the next round")
    tense: str | None = None
    subject: bool = False  # its participants are the subject of a verb ("X and Y met", "X held talks")
    links: dict = field(default_factory=dict)


def _find_triggers(text: str, s0: int, s1: int, ordinals: list[Record],
                   hits: list[re.Match] | None = None) -> list[_Mention]:
    lx = event_lexicon()
    lex = nouns()
    verbs = lx["verbs"]
    call_needs = lx["call_needs"]
    out: list[_Mention] = []
    for m in (hits if hits is not None else _trigger_re().finditer(text, s0, s1)):
        form = _SPACES.sub(" ", m.group().lower())
        st, en = m.start(), m.end()
        if form in verbs:
            v = verbs[form]
            base = lex.get(v["type"])
            out.append(_Mention(st, en, v["type"], base.group if base else None, True, False, st, v["tense"]))
            continue
        noun = lex[form]
        if not noun.event:
            continue
        after = text[en:en + 30].split()
        nxt = after[0].lower().strip(",.") if after else ""
        before = text[max(s0, st - 30):st].split()
        prv = before[-1].lower() if before else ""
        # an ordinal of another series ("a new round of sanctions") does not make an event
        covered = any(o.start <= st and en <= o.end and o.value.get("group") for o in ordinals)
        if noun.lemma == "round" and not covered and not _has_event_complement(text, en, s1):
            continue
        if noun.lemma == "call" and " " not in form:
            if nxt in call_needs["never_after"]:
                continue
            if nxt not in call_needs["after"] and not prv.endswith(("'s", "’s")):
                continue
        if noun.group != "meeting" and (_topic_of_another(text, s0, st) or _modifies_meeting(text, en, s1)):
            continue  # "talks on a ceasefire", "negotiations over a prisoner swap": what is discussed
        generic = noun.plural and not covered and not _counted(before)
        out.append(_Mention(st, en, noun.type, noun.group, False, generic, st))
    return _merge(text, out)


_TOPIC_PREP = re.compile(r"(?i)\b(?P<head>[a-z-]+)\s+(?:on|over|about|regarding|toward|towards|for)\s+"
                         r"(?:a|an|the|possible|new|lasting|permanent|full)?\s*(?:[a-z-]+\s+)?$")
_TOPIC_HEADS = frozenset(("deal", "agreement", "plan", "proposal", "push", "hopes", "hope", "demand", "demands",
                          "bid", "efforts", "effort", "framework", "terms", "vote", "decision", "draft"))


def _modifies_meeting(text: str, end: int, s1: int) -> bool:
    """ "ceasefire talks", "peace negotiations": an event noun before a meeting noun is its topic."""
    m = re.match(r"[ \t]+([A-Za-z-]+)", text[end:min(s1, end + 30)])
    noun = nouns().get(m.group(1).lower()) if m else None
    return noun is not None and noun.group == "meeting"


def _topic_of_another(text: str, s0: int, start: int) -> bool:
    """An event noun that is the topic of another event noun or plan before it ("talks on a ceasefire",
    "a deal for a prisoner exchange") names what is discussed, not an event that happened."""
    m = _TOPIC_PREP.search(text, max(s0, start - 45), start)
    if not m:
        return False
    head = m.group("head").lower()
    noun = nouns().get(head)
    return head in _TOPIC_HEADS or (noun is not None and noun.event)


def _has_event_complement(text: str, pos: int, limit: int) -> bool:
    """ "round(s) of (the) (up to three modifiers) talks": a round of meetings, not of sanctions."""
    m = _OF.match(text, pos, limit)
    if not m:
        return False
    heads = event_lexicon()["round_complements"]
    for w in text[m.end():min(limit, m.end() + 60)].split()[:4]:
        w = w.strip(",.;:").lower()
        if w in heads:
            return True
        if w in stopwords():
            return False
    return False


def _counted(before: list[str]) -> bool:
    """A number, quantifier or article before a plural ("two meetings", "several rounds", "the
    talks") makes specific events, not a kind of event."""
    if not before:
        return False
    w = before[-1].lower()
    return w in ("the", "these", "those", "both") or _parse_number(w) is not None \
        or vague_interval(w) is not None


def _merge(text: str, ms: list[_Mention]) -> list[_Mention]:
    """One mention for "round of talks" and for "meet ... for the next round of talks"."""
    out: list[_Mention] = []
    for m in ms:
        if out:
            p = out[-1]
            gap = text[p.end:m.start]
            if p.type in event_lexicon()["of_complement_units"] and not p.verb and _MERGE_OF.fullmatch(gap):
                p.end = m.end
                continue
            if p.verb and _MERGE_FOR.fullmatch(gap):
                m.left, m.verb, m.subject, m.tense = p.left, False, True, p.tense
                out[-1] = m
                continue
        out.append(m)
    return out


_TOKEN = re.compile(r"\S+")


def _rsplit_tail(t: str, lo: int, hi: int, k: int) -> list[str]:
    """``t[lo:hi].rsplit(None, k)`` as far as its last ``k`` words go (the first item, the rest of
    the text, may be cut short): read from a bounded window unless blanks fill it, so a clause of a
    run-on sentence is not copied for each of its triggers."""
    a = max(lo, hi - 400)
    w = t[a:hi].rsplit(None, k)
    if len(w) > k or a == lo:
        return w
    return t[lo:hi].rsplit(None, k)
# the most blank-separated words a gap between an expression and the trigger it modifies may
# hold (_DATE_MODIFIES: "'s" and two words; _DURATION_BEFORE: "of" and two; _PLACE_MODIFIES: one)
_MODIFIER_GAP_WORDS = 3


class _Ordered:
    """One sentence's mentions in text order with their lefts and ends for bisection: mentions never
    overlap (``_merge`` replaces the ones it joins), so both ascend. An expression looks only at
    the mentions near it, not at every mention of a run-on sentence."""

    def __init__(self, ms: list[_Mention]):
        self.ms = ms
        self.lefts = [m.left for m in ms]
        self.ends = [m.end for m in ms]
        self.merged = [m for m in ms if m.left < m.start]
        self.merged_lefts = [m.left for m in self.merged]

    def containing(self, pos: int, end: int) -> _Mention | None:
        """The merged mention whose gap holds [pos, end) ("meet in Istanbul for ... talks")."""
        k = bisect.bisect_right(self.merged_lefts, pos) - 1
        if k >= 0 and end <= self.merged[k].start:
            return self.merged[k]
        return None

    def followers(self, text: str, end: int, s1: int):
        """The mentions from ``end`` on (text order) whose gap from ``end`` holds at most
        _MODIFIER_GAP_WORDS words: no modifier pattern matches a longer gap."""
        limit = s1
        for k, w in enumerate(_TOKEN.finditer(text, end, s1)):
            if k == _MODIFIER_GAP_WORDS:
                limit = w.start()
                break
        for i in range(bisect.bisect_left(self.lefts, end), len(self.ms)):
            if self.lefts[i] > limit:
                break
            yield self.ms[i]

    def last_before(self, pos: int) -> int:
        """Index of the last mention ending by ``pos`` (-1 when none)."""
        return bisect.bisect_right(self.ends, pos) - 1


class _Attacher:
    """Attachment of dates, places, durations and participants within one sentence."""

    def __init__(self, doc: Document, found: dict[str, list[Record]]):
        self.doc = doc
        self.text = doc.text
        self.dates = sorted(found.get("date", []), key=lambda r: r.start)
        self.durations = sorted(found.get("duration", []), key=lambda r: r.start)
        self.ordinals = sorted(found.get("ordinal", []), key=lambda r: r.start)
        self.names = self._name_pattern(found.get("entity", []))
        self.places = PlaceIndex(self.text)
        self._starts: dict[int, list[int]] = {}
        self._sentence: tuple[int, int] | None = None  # the sentence the caches below describe
        self._words: list[tuple[int, int, str]] = []
        self._word_starts: list[int] = []
        self._alias_sentence: tuple[int, int] | None = None
        self._sentence_end = {s.start: s.end for s in doc.sentences}
        self._break_ends: dict[int, list[int]] = {}
        self._alias_hits: list[tuple[str, str, list[int]]] = []
        self._cues: list[tuple[int, int, str]] = []

    @staticmethod
    def _name_pattern(entities: list[Record]) -> dict[str, str]:
        """Alias -> canonical name for every entity; a surname alone when only one person has it."""
        alias_to: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for r in entities:
            v = r.value
            name = v.get("name")
            if not name:
                continue
            for a in {name, *v.get("aliases", [])}:
                alias_to.setdefault(a, name)
            if v.get("type") == "person" and len(name.split()) > 1:
                surnames.setdefault(name.split()[-1], set()).add(name)
        for sur, owners in surnames.items():
            if len(owners) == 1:
                alias_to.setdefault(sur, next(iter(owners)))
        return dict(sorted(alias_to.items(), key=lambda kv: -len(kv[0])))

    def _aliases_in(self, s0: int, s1: int) -> list[tuple[str, str, list[int]]]:
        """(alias, name, every start of the alias) for the aliases written in a sentence, in the
        order of ``self.names``; found once per sentence for all its windows."""
        if self._alias_sentence != (s0, s1):
            t = self.text
            found = []
            for alias, name in self.names.items():
                i = t.find(alias, s0, s1)
                if i < 0:
                    continue
                starts = []
                while i >= 0:
                    starts.append(i)
                    i = t.find(alias, i + 1, s1)
                found.append((alias, name, starts))
            self._alias_sentence, self._alias_hits = (s0, s1), found
        return self._alias_hits

    def _names_in(self, a: int, b: int, s0: int, s1: int) -> list[str]:
        """Canonical names of the entity aliases written in text[a:b] (inside the sentence
        [s0, s1)), longest alias first."""
        t = self.text
        # the spans taken so far, disjoint and sorted: starts and ends both ascend, so the one
        # span that can overlap [i, j) is the last starting before j (one bisect, not a scan)
        taken_s: list[int] = []
        taken_e: list[int] = []
        out = []
        for alias, name, starts in self._aliases_in(s0, s1):
            n = len(alias)
            nxt = a  # where a left-to-right search for the alias would go on
            for k in range(bisect.bisect_left(starts, a), len(starts)):  # no copy of a long list
                i = starts[k]
                j = i + n
                if j > b:
                    break
                if i < nxt:
                    continue
                nxt = j
                q = bisect.bisect_left(taken_s, j)
                free = q == 0 or taken_e[q - 1] <= i
                bounded = (i == 0 or not (t[i - 1].isalnum() or t[i - 1] == "-")) and \
                    (j >= len(t) or not (t[j].isalnum() or t[j] == "-"))
                if free and bounded:
                    taken_s.insert(q, i)
                    taken_e.insert(q, j)
                    out.append((i, name))
        return [n for _i, n in sorted(out)]

    def _in(self, recs: list[Record], s0: int, s1: int) -> list[Record]:
        """The records (sorted by start) that start in [s0, s1)."""
        starts = self._starts.get(id(recs))
        if starts is None:
            starts = self._starts[id(recs)] = [r.start for r in recs]
        return recs[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]

    def _clause_broken(self, a: int, b: int) -> bool:
        return bool(_CLAUSE_BREAK.search(self.text, a, b)) if a < b else False

    def _clause_left(self, pos: int, s0: int) -> int:
        """Start of the clause holding ``pos``: the sentence start or the last ; : or dash."""
        s1 = self._sentence_end.get(s0)
        if s1 is None or pos > s1:
            m = None
            for m in _CLAUSE_BREAK.finditer(self.text, s0, pos):
                pass
            return m.end() if m else s0
        # the breaks of the whole sentence, found once: those ending by ``pos`` are the ones a
        # scan of [s0, pos) finds (a break is one character or a fixed " - ")
        ends = self._break_ends.get(s0)
        if ends is None:
            ends = self._break_ends[s0] = [m.end() for m in _CLAUSE_BREAK.finditer(self.text, s0, s1)]
        k = bisect.bisect_right(ends, pos) - 1
        return ends[k] if k >= 0 else s0

    def _owner(self, pos: int, end: int, ix: _Ordered, s0: int, s1: int,
               modifies: re.Pattern | None = None) -> _Mention | None:
        """The mention an expression at [pos, end) belongs to: the one it modifies, the nearest
        before it in its clause, or the next one when the expression opens the clause."""
        t = self.text
        m = ix.containing(pos, end)  # inside a merged mention: "meet in Istanbul for the second round of talks"
        if m is not None:
            return m
        if modifies is not None:
            for m in ix.followers(t, end, s1):
                if modifies.fullmatch(t, end, m.left) \
                        and not any(w.lower() in stopwords() for w in t[end:m.left].split()):
                    return m
        k = ix.last_before(pos)
        if k >= 0:  # only the nearest: an expression never skips a trigger to reach an earlier one
            m = ix.ms[k]
            if not self._clause_broken(m.end, pos) and not _SUBORDINATE.search(t, m.end, pos) \
                    and pos - m.end <= (200 if self._opens_clause(m, s0) else 90):
                return m
            return None
        cl = self._clause_left(pos, s0)
        if len(_rsplit_tail(t, cl, pos, 2)) > 2:  # more than two words before it in its clause
            return None
        after = []
        for i in range(bisect.bisect_left(ix.lefts, end), len(ix.ms)):
            m = ix.ms[i]
            if m.left - end > 100:
                break
            if not self._clause_broken(end, m.left):
                after.append(m)
                break
        if not after:
            return None
        # "Later on Tuesday, the ministry confirmed the talks": the date is the statement's
        between = {w.lower().strip(",") for w in t[end:after[0].left].split()}
        if between & _speech_verbs() or "that" in between:
            return None
        return after[0]

    def _opens_clause(self, m: _Mention, s0: int) -> bool:
        """The trigger is (in) the subject of its clause, also of a reported clause: "The second
        round of talks will take place ...", "Lavrov says Istanbul talks ... are being prepared"."""
        left = self._clause_left(m.left, s0)
        # at most two words after the last speech verb or "that": only the last three words
        # matter, so split from the right (a whole-clause split per trigger is quadratic)
        words = _rsplit_tail(self.text, left, m.left, 3)
        if len(words) <= 2:
            return True
        sv = _speech_verbs()
        return any(w.lower().strip(",") in sv or w.lower().strip(",") == "that" for w in words[-3:])

    def dates_for(self, ms: list[_Mention], s0: int, s1: int) -> None:
        t = self.text
        sv = _speech_verbs()
        ix = _Ordered(ms)
        for d in self._in(self.dates, s0, s1):
            prev = t[max(s0, d.start - 25):d.start].split()
            prev = [w.lower().strip(",") for w in prev]
            if prev and (prev[-1] in sv or (len(prev) > 1 and prev[-1] in ("on", "late", "early", "last")
                                            and prev[-2] in sv)):
                continue  # "the Kremlin said Tuesday": the statement's date
            owner = self._owner(d.start, d.end, ix, s0, s1, _DATE_MODIFIES)
            if owner is not None:
                cur = owner.links.get("date")
                if cur is None or abs(d.start - owner.end) < abs(cur.start - owner.end):
                    owner.links["date"] = d

    def places_for(self, ms: list[_Mention], s0: int, s1: int) -> None:
        t = self.text
        ix = _Ordered(ms)
        visits = None
        for pm in self.places.find(s0, s1, s0, s1):
            if pm.form != "name" or pm.in_name:
                continue
            prep = _PREP_BEFORE.search(t, max(s0, pm.start - 16), pm.start) \
                or _PREP_UNKNOWN_BEFORE.search(t, max(s0, pm.start - 50), pm.start)
            direct = self._modifies(pm, ix, s1)
            if direct is not None:
                self._set_place(direct, pm)
                continue
            if not prep:
                continue
            if prep.group(1).lower() == "to":
                if visits is None:
                    visits = _Ordered([m for m in ms if m.type == "visit"])
                owner = self._owner(pm.start, pm.end, visits, s0, s1)
            else:
                owner = self._owner(pm.start, pm.end, ix, s0, s1)
            if owner is not None:
                self._set_place(owner, pm)

    def _modifies(self, pm: PlaceMention, ix: _Ordered, s1: int) -> _Mention | None:
        """The trigger a city, venue or sub-national region directly modifies ("the Istanbul talks");
        a country there names a participant ("US-Russia talks"), not a place."""
        if pm.place.type == "country" or (pm.place.type == "region" and pm.place.parent is None):
            return None
        if self.text[pm.end:pm.end + 1] == "-" or self.text[pm.start - 1:pm.start] == "-":
            return None
        for m in ix.followers(self.text, pm.end, s1):
            if _PLACE_MODIFIES.fullmatch(self.text, pm.end, m.left) \
                    and not any(w.lower() in stopwords() for w in self.text[pm.end:m.left].split()):
                return m
        return None

    @staticmethod
    def _set_place(m: _Mention, pm: PlaceMention) -> None:
        """Keep the more specific of two compatible places, else the nearer one."""
        cur: PlaceMention | None = m.links.get("place")
        if cur is None or _deeper(pm.place, cur.place):
            m.links["place"] = pm
        elif not compatible(pm.place, cur.place) \
                and _dist(m, pm.start, pm.end) < _dist(m, cur.start, cur.end):
            m.links["place"] = pm

    def durations_for(self, ms: list[_Mention], s0: int, s1: int) -> None:
        t = self.text
        ix = _Ordered(ms)
        for d in self._in(self.durations, s0, s1):
            owner = None
            for m in ix.followers(t, d.end, s1):
                if _DURATION_BEFORE.fullmatch(t[d.end:m.left]):
                    owner = m
                    break
            if owner is None:  # the nearest before it within 90 characters with a cue between
                k = ix.last_before(d.start)
                while k >= 0 and d.start - ix.ends[k] <= 90:
                    if _duration_cue().search(t, ix.ends[k], d.start):
                        owner = ix.ms[k]
                        break
                    k -= 1
            if owner is not None and "duration" not in owner.links:
                owner.links["duration"] = d

    def appositives(self, ms: list[_Mention]) -> None:
        """"X and Y met in Riyadh on Feb. 18 — the first high-level meeting": the appositive noun
        names the same event, so it shares the date and place found for the trigger before it."""
        for prev, m in zip(ms, ms[1:]):
            if prev.group != m.group or m.verb:
                continue
            ends = [prev.end] + [x.end for k, x in prev.links.items() if k in ("date", "place", "duration")]
            gap_start = max(ends)
            if gap_start <= m.left and _APPOSITIVE.fullmatch(self.text, gap_start, m.left):
                for k in ("date", "place"):
                    if k in prev.links and k not in m.links:
                        m.links[k] = prev.links[k]

    def ordinals_for(self, ms: list[_Mention]) -> None:
        for m in ms:
            for o in self._in(self.ordinals, m.left - 80, m.end):
                if o.start < m.end and m.start < o.end:
                    m.links["ordinal"] = o

    def participants(self, m: _Mention, s0: int, s1: int) -> list[str]:
        """Names, countries and capitals (as their country) in the subject of a meeting verb or
        support verb ("X and Y met", "X held talks"), else in the noun's premodifiers, and after
        "between", "with" or "of"."""
        t = self.text
        windows: list[tuple[int, int]] = []
        lx = event_lexicon()
        before_words = t[max(s0, m.left - 40):m.left].split()
        held = any(w.lower() in lx["support_verbs"] for w in before_words[-3:])
        if m.verb or m.subject or held:
            # a subject never reaches further back than the statement reach: run-on text stays linear
            reach = max(s0, m.left - settings.SETTINGS.statement_reach)
            windows.append((self._clause_start(m.left, s0, reach), m.left))
        else:
            windows.append((self._np_start(m.start, s0), m.start))
        end = m.end
        follow = t[end:min(s1, end + 12)].lstrip().lower()
        if m.verb or follow.startswith(("between", "with", "of ")):
            # a stop word is at most 9 characters: searching a little past the 90 finds any stop
            # that starts within them, without scanning the rest of a run-on sentence
            limit = min(s1, end + 100)
            stop = _WINDOW_STOP.search(t, end, limit)
            w_end = stop.start() if stop else limit
            windows.append((end, min(w_end, end + 90)))
        names: dict[str, None] = {}
        for a, b in windows:
            if b <= a:
                continue
            for name in self._names_in(a, b, s0, s1):
                names.setdefault(name, None)
            for pm in self.places.find(a, b, s0, s1):
                p = pm.place
                if pm.form == "demonym" or p.type == "country":
                    c = p
                elif p.type == "city" and p.capital and not pm.in_name:
                    c = country_of(p)  # "Moscow and Washington agreed": capitals stand for countries
                else:
                    c = None
                if c is not None:
                    names.setdefault(c.name, None)
        return sorted(names)

    def _clause_start(self, pos: int, s0: int, floor: int) -> int:
        """Start of a verb's subject: after the last clause break or comma, but a comma inside a
        list of names stays in ("Russian, US diplomats meet", "Lavrov, Rubio and Witkoff met");
        never before ``floor``."""
        t = self.text
        left = max(floor, self._clause_left(pos, s0))
        cut = t.rfind(",", left, pos)
        while cut >= 0:
            prev = t.rfind(",", left, cut)
            chunk = t[prev + 1 if prev >= 0 else left:cut].split()
            if not chunk or len(chunk) > 3 or not all(w[:1].isupper() for w in chunk):
                return cut + 1
            if prev < 0:
                return left
            cut = prev
        return left

    def _np_start(self, pos: int, s0: int) -> int:
        t = self.text
        seg = t[max(s0, pos - 60):pos]
        last = 0
        for m in _NP_BOUNDARY.finditer(seg):
            last = m.end()
        return max(s0, pos - 60) + last

    def _load_sentence(self, s0: int, s1: int) -> None:
        """Words (topic candidates) and tense cues of one sentence, found once for all its triggers."""
        if self._sentence == (s0, s1):
            return
        self._sentence = (s0, s1)
        t = self.text
        words = []
        for w in _WORD.finditer(t, s0, s1):
            low = _topic_form(w.group())
            if low is not None:
                words.append((w.start(), w.end(), low))
        self._words = words
        self._word_starts = [w[0] for w in words]
        rx, tenses = _cues()
        self._cues = [(c.start(), c.end(), tenses[_SPACES.sub(" ", c.group().lower())])
                      for c in rx.finditer(t, s0, s1)]
        self._cue_ends = [c[1] for c in self._cues]  # finditer matches do not overlap: sorted

    def tense(self, m: _Mention, s0: int, s1: int) -> str:
        d = m.links.get("date")
        pub = self.doc.meta.published
        iv = d.value.get("interval") if d is not None else None
        if pub and d is not None and d.value.get("resolved") and iv and len(iv) == 2 and iv[0] and iv[1]:
            if str(iv[1]) < pub:  # ISO day strings compare in time order
                return "past"
            if str(iv[0]) > pub:
                return "future"
        self._load_sentence(s0, s1)
        best: tuple[int, str] | None = None
        left, right = m.left, m.end
        # a cue farther than the largest reach below never counts: look only within it
        for k in range(bisect.bisect_left(self._cue_ends, left - _CUE_REACH), len(self._cues)):
            cs, ce, tense = self._cues[k]
            if cs > right + _CUE_REACH:
                break
            if cs < right and ce > left:
                continue
            dist = max(0, cs - right if cs >= right else left - ce)
            if best is None or dist < best[0] or (dist == best[0] and tense == "future"):
                best = (dist, tense)
        if best is not None and best[0] > (_CUE_REACH if self._opens_clause(m, s0) else 50):
            best = None  # a far cue belongs to another verb
        if m.tense and (best is None or best[0] > 20):
            return m.tense
        return best[1] if best else (m.tense or "past")

    def topic_words(self, m: _Mention, s0: int, s1: int) -> list[str]:
        """The eight content words nearest the trigger (ties: alphabetical), in alphabetical order."""
        self._load_sentence(s0, s1)
        left, right = m.left, m.end
        words = self._words
        # walk outwards from the trigger: distances grow on each side, so merging the two sides
        # visits the words in (distance, word) order
        i = bisect.bisect_left(self._word_starts, left) - 1  # nearest word starting before it
        j = bisect.bisect_left(self._word_starts, right)  # nearest word starting after it
        chosen: list[str] = []
        # bounded walk: in a run-on sentence of few distinct words the eight are never found
        steps = 0
        while len(chosen) < 8 and (i >= 0 or j < len(words)) and steps < _TOPIC_REACH:
            steps += 1
            li = (left - words[i][1], words[i][2]) if i >= 0 else None
            rj = (words[j][0] - right, words[j][2]) if j < len(words) else None
            if rj is None or (li is not None and li < rj):
                w = li[1]
                i -= 1
            else:
                w = rj[1]
                j += 1
            if w not in chosen:
                chosen.append(w)
        return sorted(chosen)


_CUE_REACH = 90  # characters: a tense cue farther from its trigger belongs to another verb
_TOPIC_REACH = 200  # words visited at most around a trigger when collecting its topic words


@lru_cache(maxsize=65536)
def _topic_form(word: str) -> str | None:
    """The lower-case form of a word that can be a topic word, else None."""
    low = word.lower().strip("’'-")
    if len(low) < 3 or low in stopwords() or low.endswith(("'s", "’s")):
        return None
    noun = nouns().get(low)
    if noun is not None and noun.group in _SERIES_GROUPS:
        return None  # "talks", "meeting": every mention has one; "ceasefire", "quake" say what it is about
    return low


_SERIES_GROUPS = frozenset(("meeting", "call", "visit", "conference", "briefing", None))


def _deeper(a: Place, b: Place) -> bool:
    """True when ``a`` is a more specific place than ``b`` (Istanbul over Türkiye)."""
    return contains(b, a) and a.name != b.name


def _dist(m: _Mention, s: int, e: int) -> int:
    return s - m.end if s >= m.end else max(0, m.left - e)


def extract(doc: Document, found: dict[str, list[Record]]) -> list[Record]:
    """One event record per event mention in the body sentences."""
    text = doc.text
    att = _Attacher(doc, found)
    out: list[Record] = []
    starts = [s.start for s in doc.sentences]
    by_sentence: dict[int, list[re.Match]] = {}
    for h in _trigger_re().finditer(text):
        i = bisect.bisect_right(starts, h.start()) - 1
        if i >= 0 and h.end() <= doc.sentences[i].end:
            by_sentence.setdefault(i, []).append(h)
    for i in sorted(by_sentence):
        s0, s1 = doc.sentences[i].start, doc.sentences[i].end
        ords = att._in(att.ordinals, s0, s1)
        ms = _find_triggers(text, s0, s1, ords, by_sentence[i])
        if not ms:
            continue
        att.ordinals_for(ms)
        att.dates_for(ms, s0, s1)
        att.places_for(ms, s0, s1)
        att.durations_for(ms, s0, s1)
        att.appositives(ms)
        for m in ms:
            out.append(_record(att, m, s0, s1, ms))
    return out


def _record(att: _Attacher, m: _Mention, s0: int, s1: int, ms: list[_Mention]) -> Record:
    text = att.text
    spans: dict[str, tuple[int, int]] = {}
    date = place = place_type = ordinal = duration = None
    if (d := m.links.get("date")) is not None:
        date = d.value.get("timex")
        spans["date"] = (d.start, d.end)
    if (pm := m.links.get("place")) is not None:
        place, place_type = pm.place.name, pm.place.type
        spans["place"] = (pm.start, pm.end)
    if (o := m.links.get("ordinal")) is not None:
        ordinal = {"n": o.value.get("n"), "relative": o.value.get("relative"), "unit": o.value.get("unit")}
        spans["ordinal"] = (o.start, o.end)
    if (u := m.links.get("duration")) is not None:
        duration = {"min_seconds": u.value.get("min_seconds"), "max_seconds": u.value.get("max_seconds")}
        spans["duration"] = (u.start, u.end)
    value = {
        "type": m.type,
        "group": m.group,
        "trigger": _SPACES.sub(" ", text[m.start:m.end]),
        "generic": m.generic,
        "date": date,
        "place": place,
        "place_type": place_type,
        "participants": att.participants(m, s0, s1),
        "ordinal": ordinal,
        "duration": duration,
        "tense": att.tense(m, s0, s1),
        "topic_words": att.topic_words(m, s0, s1),
    }
    return Record("event", m.start, m.end, value, spans)
