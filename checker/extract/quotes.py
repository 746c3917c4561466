"""Quotes and reported speech with their speakers (kind "quote").

Who said what is the claim editors check first when sources disagree, so
every quotation is tied to a speaker that is comparable across outlets
("Lavrov said", "the Russian foreign minister" and "he" all become "Sergey
Lavrov"). Three layers:

1. Quote marks. Curly and straight marks are paired per paragraph. A
   paragraph that ends inside a quote continues into the next one only when
   that one opens with a mark (the news convention for multi-paragraph
   quotes); otherwise the page lost the closing mark and the quote ends at an
   in-quote attribution (", Putin said") or at the paragraph end. A closing
   mark with no opening one starts after the preceding speech cue.
2. Attribution. A quote's speaker is read right after it ("...," Peskov told
   reporters), from the last speech cue before it in its sentence (a
   participle or a conjunction hands the cue to the clause's subject), or
   from the previous quote of the paragraph / a quote-only paragraph's
   predecessor.
3. Reported speech without marks: "X said (that) ...", "..., X said",
   "The museum, X said, will ...", "according to X, ...", "X said: ..."
   (markless direct), "was reported by X", each with the same speaker
   reading. A reported clause that holds a direct quote of more than three
   words yields the quote only; shorter quoted terms stay inside the reported
   clause. Quoted terms of three words or fewer with no cue in the sentence
   are scare quotes and are dropped.
4. Wider attributions (``attributions`` only, never claims): the object of
   a cue of evaluation, intention or finding ("called for a moratorium",
   "the audit found serious flaws"; cues in ``data/attribution_cues.txt``),
   a paragraph opened by a speaker label ("HOLT: ..."), a full-sentence quote
   with no attribution in reach (the paragraph's last speaker, if any).
   Such a cue inside another attribution's content adds nothing (one
   attribution per stretch of text, as PolNeAR annotates).

Quote marks also come as two typewriter marks (``''...''``, NYT archive
text) and credit lines ("“...” ― Jane Doe"). A source that is no name, role
or institution ("a new poll", "the letter") is cited by its span only.

Speakers: entity mentions (``entities.analyse``), pronouns resolved to the
most recent compatible speaker (then person mention), roles resolved to the
entity holding that title in the source, institutions ("the ministry" → the
latest organisation with that head), and unnamed spokespeople to the body
they speak for. A statement repeated verbatim (a standfirst repeating the
body) is reported once, at its first occurrence.

Notes: cue verbs, speaker/cue/content roles and "according to" chains follow
the PolNeAR attribution annotation guidelines (source, cue, content); the
multi-paragraph rule follows AP style on quotations.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..model import Document, Sentence
from ..settings import SETTINGS
from ..text import abbreviations
from . import names
from .base import Record
from .entities import (Entity, EntityIndex, Mention, _is_place, _lower, _unposs, analyse, body_blocks,
                       title_gender)

_MARK = re.compile(r"[\"“”„«»‘’']")
_WORD = re.compile(r"[\w'’.-]+")
_POSS = re.compile(r"['’]s$")
_AFTER_QUOTE = re.compile(r"[ \t,]*")
_AFTER_CUE = re.compile(r"(?:\s+that\b)?\s*[,:]?\s*")
_BLANKS = re.compile(r"[ \t]+")
_GAP_STOP = re.compile(r"[!?;“”\"]|([\w-]*)\.(?=\s|$)")
# typewriter double quotes written as two marks (''...'' or ``...''), as in NYT archive text
_TWO_MARKS = re.compile(r"''|``")
# a credit line after a quote: “...” ― Jane Doe (the rest of the paragraph is the name)
_DASH_CREDIT = re.compile(r"[^\S\n]*([―—–])[^\S\n]*([A-Z][^\n―—–,;:!?“”\"()]{1,60}?)"
                          r"[^\S\n]*\.?[^\S\n]*\Z")
_ENDS_LOWER = re.compile(r"[a-z]$")
_COLON_INTRO = re.compile(r"(?:\s+(?:[\w'’-]+)){0,6}?\s*:\s+(?=[A-Z\d])")
# the rest of a sentence after an inserted attribution: ", Lavrov said (on Monday), <rest>"
_INSERT_TAIL = re.compile(r"([^,.;:!?“”\"]{0,40}),\s+(?=[\w“\"‘'])")
# a paragraph opened by a short capitalised label and a colon ("PENCE: ...", "Poll: ...")
_LABEL = re.compile(r"[\"“]?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}):[ \t]+(?=[\w“\"‘'])")
# the agent of a passive cue ("was reported by The Post") and where its subject clause opens
_BY_AGENT = re.compile(r"(?:[ \t]+\w+ly)?[ \t]+by[ \t]+")
_CLAUSE_OPEN = re.compile(r"[;:(—–]|,\s+(?=(?:and|but|while|which|who|as|after|because)\b)"
                          r"|\b(?:that|which|who)\s")
# auxiliaries and negation between a subject and its cue ("did not want", "could soon announce")
_AUX = frozenset(("not", "never", "did", "does", "do", "will", "would", "can", "could", "may", "might",
                  "must", "should", "shall", "to", "now", "still", "even", "just", "only", "first"))
# the object of a cue: after blanks (and "that"), up to ";", a dash, or a new clause
_OBJ_START = re.compile(r"[ \t\u00a0]+(?:that\s+)?")
_OBJ_STOP = re.compile(r";|\s[—–]\s|\s--\s|,\s+(?:and|but|while|which|who|whose|although|though|because|"
                       r"according|[a-z]+ing)\b|\s(?:but|while|because|although|whereas)\s")
_TAIL_CUT = re.compile(r"(?i),\s+(?:according\s+to|\w+ing)\b")
_THAT_AHEAD = re.compile(r"((?:\s+[^\s,.;:!?\"“”]+){0,11}?)\s+that\s+")
_TOLD_OBJECT = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|[a-z]+)")
_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")
_CONJ_END = re.compile(r"(?:,|\bbut|\band)\s+$")
_TO_COMMA = re.compile(r"[^,]{0,120},")
_WORDS = re.compile(r"\w+")
# up to punctuation; "U.S." stays whole; bounded: a speaker phrase is at most 14 words (_resolve_np)
_NP_AFTER_HEAD = r"(?:[^,.;:!?\n“”\"(]|(?<=\b[A-Z])\."
# words that separate a short quoted term from an earlier cue ("said when asked about the 'reset'")
_SHORT_BLOCK = re.compile(r"\b(?:when|while|after|before|because|asked|so-called|dubbed|known as|as)\b")
_OPEN_D, _CLOSE_D, _AMBIG_D, _OPEN_S, _CLOSE_S = range(5)
_SCARE_WORDS = 3
# how far (characters) a reported clause, or the search for a cue's neighbours, reaches within a
# sentence: far beyond any real news sentence, it keeps a run-on sentence of hundreds of cues
# ("A said that B said that ...") linear instead of quadratic
_REACH = SETTINGS.statement_reach
_MAX_CONT_PARAS = 8
# words that open an adverbial after a speech verb ("said on Tuesday", "said during a visit")
_ADVERBIAL_STARTS = ("during", "on", "in", "at", "after", "before", "to", "from", "via", "while", "when",
                     "last", "this", "earlier", "later", "late", "early", "yesterday", "today", "tonight",
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "again",
                     "also", "repeatedly", "publicly", "separately", "recently", "previously")
_BOUNDARY_WORDS = frozenset(("that", "which", "who", "whom", "and", "but", "while", "as", "when",
                             "because", "if", "although", "where", "so", "whereas", "after", "before"))
# words after a bare cue that do not open its content ("said as much", "said so", "said of")
_NOT_OBJECT = frozenset(("of", "for", "with", "by", "as", "so", "about", "into", "through", "over", "under",
                         "up", "out", "back", "and", "or", "but", "nothing", "little", "goodbye"))
_INITIAL = re.compile(r"[A-Z]\.")
_PARTICLES = frozenset(("in", "into", "on", "off", "at", "from", "away", "down"))
_QUANTIFIERS = frozenset(("most", "all", "both", "few", "more", "fewer", "such"))
_DEMONSTRATIVES = frozenset(("this", "these", "those", "my", "your", "our", "no", "any", "each", "every"))
_DETS = frozenset(("the", "a", "an", "one", "another", "two", "three", "some", "several", "many",
                   "its", "their", "his", "her", "other"))


@cache
def _np_after_re() -> re.Pattern:
    """A phrase up to punctuation; an initial ("U.S.") or a title abbreviation ("Ms.") keeps its period."""
    abbr = "".join(rf"|(?<=\b{re.escape(a[:1].upper() + a[1:])})\." for a in sorted(abbreviations())
                   if a.isalpha())
    return re.compile(_NP_AFTER_HEAD + abbr + "){0,240}")


@cache
def _cue_lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Cue form → class from ``speech_verbs.txt`` overlaid with ``attribution_cues.txt``, and the
    forms that take a hearer first, and the paragraph labels that name no speaker ("Update:").

    The wider list stays out of ``names.speech_verbs`` so that the entity and event passes,
    which read a speech verb as evidence of a person, keep the narrow one.
    """
    classes = dict(names.speech_verbs())
    objects = set(names.object_verbs())
    labels: set[str] = set()
    text = resources.files("checker.data").joinpath("attribution_cues.txt").read_text("utf-8")
    for line in text.splitlines():
        words = line.lower().split()
        if not words or line.startswith("#"):
            continue
        if words[-1] == "obj":
            words.pop()
            objects.add(" ".join(words[:-1]))
        if words[-1] == "label":
            labels.add(" ".join(words[:-1]))
            continue
        classes[" ".join(words[:-1])] = words[-1]
    return classes, frozenset(objects), frozenset(labels)


def _verbs() -> dict[str, str]:
    return _cue_lexicon()[0]


def _object_verbs() -> frozenset[str]:
    return _cue_lexicon()[1]


@cache
def _cue_re() -> re.Pattern:
    """Speech verbs in lower case or capitalised ("According to", headline "Says")."""
    forms: set[str] = set()
    for f in _verbs():
        forms.add(f)
        forms.add(f[:1].upper() + f[1:])
    return re.compile(rf"\b{names.trie_regex(sorted(forms))}(?![\w'’-])")


@cache
def _in_quote_attr_re() -> re.Pattern:
    """", Putin said" / ", said Putin" inside an unclosed quote: where the page lost its mark."""
    alt = names.trie_regex(sorted(f for f, c in _verbs().items() if c == "bare" and " " not in f))
    return re.compile(rf",\s+(?:(?:[^\s,.;:]+\s+){{1,5}}?(?:{alt})|(?:{alt})\s+[^\s,.;:]+)(?![\w'’-])")


@cache
def _proxy_before_re() -> re.Pattern:
    """"a spokesman for (the)" right before an institution's name."""
    roles = names.trie_regex(sorted(names.pronoun_data()["proxy_roles"]))
    return re.compile(rf"(?i)\b(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}?({roles})\s+"
                      r"(?:for|of|at|from|close\s+to)\s+(?:the\s+)?$")


@cache
def _words() -> dict:
    pd = names.pronoun_data()
    return {
        "pronouns": pd["pronouns"],
        "first": frozenset(pd["first_person"]),
        "skip": frozenset(w for w in pd["subject_skip"] if " " not in w),
        "passive": frozenset(pd["passive"]),
        "finite": frozenset(pd["finite"]),
        "clause": frozenset(pd["clause_start"]),
        "proxy": frozenset(pd["proxy_roles"]),
        "not_name": frozenset(pd["not_name"]),
        "role_mods": frozenset(pd["role_modifiers"]),
    }


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    type: str  # person | organisation | pronoun | role | unknown
    name: str | None = None
    role: str | None = None
    entity: Entity | None = None
    pronoun: str | None = None


@dataclass
class _Attr:
    start: int  # content span
    end: int
    direct: bool
    partial: bool
    speaker: Speaker | None
    cue: tuple[int, int] | None
    chain: list[str] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)
    form: str = "quoted"  # quoted | colon | that | bare | before | according


@dataclass
class _Quote:
    segments: list[tuple[int, int]]  # content pieces (one per paragraph)
    open: int  # opening mark offset, -1 when the page lost it
    close: int  # closing mark offset, -1 when the page lost it
    single: bool = False

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def _back_space(text: str, e: int, lo: int) -> int:
    while e > lo and text[e - 1].isspace():
        e -= 1
    return e


def _back_chars(text: str, e: int, lo: int, chars: str) -> int:
    while e > lo and (text[e - 1].isspace() or text[e - 1] in chars):
        e -= 1
    return e


@cache
def _boundary_re() -> re.Pattern:
    """Where a speaker phrase cannot extend past: punctuation, clause words, verbs."""
    w = _words()
    words = set(_BOUNDARY_WORDS) | set(_verbs()) | w["finite"] | w["passive"]
    words |= {x[:1].upper() + x[1:] for x in list(words)}
    return re.compile(r"[,;:()“”\"—–\n!?]|(?<=[a-z0-9])\.(?=\s)|"
                      rf"(?<![\w'’-]){names.trie_regex(sorted(words))}(?![\w'’-])")


def _after_last_boundary(text: str, w0: int, e: int) -> int:
    """Where a speaker phrase ending at ``e`` starts: after the last boundary in [w0, e), else ``w0``."""
    s = w0
    for b in _boundary_re().finditer(text, w0, e):
        s = b.end()
    return s


def _trim(text: str, s: int, e: int, final: bool = True) -> tuple[int, int]:
    """Span without surrounding spaces and trailing ", ; :" (which belong to the attribution).

    A ``final`` span also loses its closing period, so that a quote cut at
    "...," and the same quote ending a sentence compare equal.
    """
    tail = ",;:.–—-" if final else ",;:–—-"
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in tail):
        e -= 1
    return s, e


def _normalise_marks(text: str) -> str:
    """``''`` and ```` `` ```` as one double mark and a space: same length, so every offset holds.

    Opening and closing alike become ``" ``: after a blank the mark opens, after
    a word or punctuation it closes, and the space never touches the content.

    Notes: the two-apostrophe convention of typewriter-era and NYT archive text
    (PolNeAR's NYT articles use it throughout).
    """
    if "''" not in text and "``" not in text:
        return text
    return _TWO_MARKS.sub('" ', text)


def _gap_stops(gap: str) -> bool:
    """A sentence or quote boundary in the few words between a quote and its cue.

    A period ends a sentence only before a blank and after a word that is not an
    abbreviation or an initial ("Mr. Barrett said", "Elijah E. Cummings said").
    """
    for m in _GAP_STOP.finditer(gap):
        word = m.group(1)
        if word is None:
            return True
        if word and (word.lower() in abbreviations() or (len(word) == 1 and word.isupper())):
            continue
        return True
    return False


class _Extractor:
    def __init__(self, doc: Document, idx: EntityIndex):
        self.doc = doc
        self.text = _normalise_marks(doc.text)
        self.idx = idx
        self.blocks = body_blocks(doc)
        self.block_starts = [b[0] for b in self.blocks]
        self.sents: list[Sentence] = [s for b in self.blocks for s in b[2]]
        self.sent_starts = [s.start for s in self.sents]
        self.verbs = _verbs()
        self.w = _words()
        cre = _cue_re()
        self.cues: list[tuple[int, int, str]] = []
        for ps, pe, _ in self.blocks:
            for m in cre.finditer(self.text, ps, pe):
                if m.start() > 0 and self.text[m.start() - 1] in "'’-":
                    continue
                self.cues.append((m.start(), m.end(), names.clean(m.group()).lower()))
        self.cue_starts = [c[0] for c in self.cues]

    # -- lookup helpers ----------------------------------------------------
    def sent_at(self, pos: int) -> Sentence:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def block_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.block_starts, pos) - 1)

    def cues_between(self, s: int, e: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.cue_starts, s)
        out = []
        while i < len(self.cues) and self.cues[i][0] < e:
            if self.cues[i][1] <= e:
                out.append(self.cues[i])
            i += 1
        return out

    def any_cue_between(self, s: int, e: int) -> bool:
        """``bool(cues_between(s, e))`` without listing them (cues do not overlap: O(log n))."""
        i = bisect.bisect_left(self.cue_starts, s)
        while i < len(self.cues) and self.cues[i][0] < e:
            if self.cues[i][1] <= e:
                return True
            i += 1
        return False

    # -- quote marks -------------------------------------------------------
    def _classify(self, pos: int, ch: str, ps: int, pe: int) -> int | None:
        t = self.text
        prev = t[pos - 1] if pos > ps else " "
        nxt = t[pos + 1] if pos + 1 < pe else " "
        if ch in "“„«":
            return _OPEN_D
        if ch in "”»":
            return _CLOSE_D
        if ch == '"':
            if prev.isspace() or prev in "([{—–-/" or pos == ps:
                return _OPEN_D
            if nxt.isspace() or nxt in ".,;:!?)]}—–" or pos + 1 >= pe:
                return _CLOSE_D
            return _AMBIG_D
        if ch == "‘":
            return None if prev.isalnum() else _OPEN_S
        # ’ or '
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe
        if (prev.isspace() or prev in "([{—–-" or pos == ps) and nxt.isalnum():
            return _OPEN_S
        if (prev.isalnum() or prev in ".,!?") and not nxt.isalnum():
            return _CLOSE_S
        return None

    def find_quotes(self) -> list[_Quote]:
        text = self.text
        out: list[_Quote] = []
        carry: _Quote | None = None
        carry_n = 0
        nblocks = len(self.blocks)
        for bi, (ps, pe, _sents) in enumerate(self.blocks):
            marks = [(m.start(), m.group()) for m in _MARK.finditer(text, ps, pe)]
            doubles: list[tuple[int, int]] = []
            singles: list[tuple[int, int]] = []
            for pos, ch in marks:
                c = self._classify(pos, ch, ps, pe)
                if c is None:
                    continue
                (singles if c in (_OPEN_S, _CLOSE_S) else doubles).append((pos, c))
            open_pos: int | None = None
            seg_start = -1
            floor = ps
            if carry is not None and doubles and doubles[0][0] == ps and doubles[0][1] != _CLOSE_D:
                open_pos = carry.open
                seg_start = ps + 1
                doubles = doubles[1:]
            elif carry is not None:
                carry = None
            spans_here: list[tuple[int, int]] = []
            for pos, c in doubles:
                if open_pos is None and c in (_OPEN_D, _AMBIG_D):
                    open_pos, seg_start = pos, pos + 1
                    continue
                if open_pos is not None and c == _OPEN_D:
                    # a second opening mark: the page lost the closing one
                    end = self._unbalanced_end(seg_start, pos)
                    if end == pos:
                        # no attribution inside: the quote ends with the last sentence before the new mark
                        ends = [x.end for x in self.sents if seg_start < x.end <= pos]
                        end = ends[-1] if ends else pos
                    q = self._make(carry, open_pos, -1, seg_start, end)
                    carry = None
                    if q:
                        out.append(q)
                        spans_here.append((q.start, q.end))
                    open_pos, seg_start = pos, pos + 1
                    continue
                if open_pos is not None:
                    q = self._make(carry, open_pos, pos, seg_start, pos)
                    carry = None
                    if q:
                        out.append(q)
                        spans_here.append((q.start, q.end))
                    open_pos = None
                    floor = pos + 1
                    continue
                # closing mark with no opening one
                s = self._stray_start(floor, pos)
                q = self._make(None, -1, pos, s, pos)
                if q:
                    out.append(q)
                    spans_here.append((q.start, q.end))
                floor = pos + 1
            if open_pos is not None:
                nxt_open = False
                if bi + 1 < nblocks and carry_n < _MAX_CONT_PARAS:
                    nps = self.blocks[bi + 1][0]
                    nc = self._classify(nps, text[nps], nps, self.blocks[bi + 1][1]) \
                        if text[nps] in "\"“„«" else None
                    nxt_open = nc in (_OPEN_D, _AMBIG_D)
                if nxt_open:
                    piece = _trim(text, seg_start, pe, final=False)
                    if carry is None:
                        carry = _Quote([piece], open_pos, -1)
                    else:
                        carry.segments.append(piece)
                    carry_n += 1
                else:
                    end = self._unbalanced_end(seg_start, pe)
                    q = self._make(carry, open_pos, -1, seg_start, end)
                    carry = None
                    if q:
                        out.append(q)
                        spans_here.append((q.start, q.end))
            if open_pos is None:
                carry_n = 0
            out.extend(self._single_quotes(singles, spans_here))
        return out

    def _make(self, carry: _Quote | None, open_pos: int, close: int, s: int, e: int) -> _Quote | None:
        s, e = _trim(self.text, s, e)
        if carry is not None:
            segs = [x for x in carry.segments if x[1] > x[0]] + ([(s, e)] if e > s else [])
            return _Quote(segs, carry.open, close) if segs else None
        if e <= s:
            return None
        return _Quote([(s, e)], open_pos, close)

    def _single_quotes(self, singles: list[tuple[int, int]], doubles: list[tuple[int, int]]) -> list[_Quote]:
        out = []
        # inside a double quote: some span with a <= pos < b (prefix maxima of ends, so one bisect)
        spans = sorted(doubles)
        starts = [a for a, _ in spans]
        reach = list(itertools.accumulate((b for _, b in spans), max))
        i = 0
        while i < len(singles):
            pos, c = singles[i]
            k = bisect.bisect_right(starts, pos) - 1
            if c != _OPEN_S or (k >= 0 and reach[k] > pos):
                i += 1
                continue
            sent = self.sent_at(pos)
            j = i + 1
            while j < len(singles) and singles[j][0] < sent.end and singles[j][1] != _CLOSE_S:
                j += 1
            if j < len(singles) and singles[j][0] < sent.end:
                s, e = _trim(self.text, pos + 1, singles[j][0])
                if e > s:
                    out.append(_Quote([(s, e)], pos, singles[j][0], single=True))
                i = j + 1
            else:
                i += 1
        return out

    def _unbalanced_end(self, s: int, limit: int) -> int:
        """End of a quote whose closing mark was lost: an in-quote attribution, else ``limit``."""
        for m in _in_quote_attr_re().finditer(self.text, s, limit):
            np_end = m.end()
            # the attribution must name a speaker
            cue = self.cues_between(m.start(), np_end + 1)
            if not cue:
                continue
            cs, ce, _ = cue[-1]
            sp = self._np_before(cs, m.start() + 1) or self._np_after(ce, limit)
            if sp is not None:
                return m.start()
        return limit

    def _stray_start(self, floor: int, pos: int) -> int:
        """Start of a quote that lost its opening mark: after the last cue before it."""
        narrow = names.speech_verbs()  # the wide cue list has verbs of thought: only speech opens a quote
        cues = [c for c in self.cues_between(floor, pos) if narrow.get(c[2]) not in (None, "source")]
        if not cues:
            return floor
        _s, e, _ = cues[-1]
        m = _AFTER_CUE.match(self.text, e)
        return m.end() if m else e

    # -- speakers ------------------------------------------------------------
    def _resolve_np(self, s: int, e: int, before: int) -> Speaker | None:
        """The speaker denoted by text[s:e] (a pronoun, a name, a role, an institution)."""
        text = self.text
        s, e = _trim(text, s, e)
        if e <= s:
            return None
        raw = text[s:e]
        low = raw.lower()
        if low in self.w["pronouns"]:
            return Speaker(s, e, raw, "pronoun", pronoun=low)
        # a mention covering the phrase (title and article allowed before it)
        m = self.idx.mention_ending_at(e)
        if m is not None and m.full_start >= s - 1:
            head = text[s:m.full_start].strip()
            if not head or head.lower() in _DETS:
                return self._from_mention(m, s if head else m.full_start, e)

        words = [(x.start(), x.group()) for x in _WORD.finditer(text, s, e)]
        if not words or len(words) > 14:
            return None
        # lower-case descriptors before a name ("union leader Piet Bakker"): the name speaks
        n_cap = 0
        while n_cap < len(words) and words[-1 - n_cap][1][:1].isupper():
            n_cap += 1
        lead = words[:len(words) - n_cap]
        if 2 <= n_cap <= 4 and 1 <= len(lead) <= 3 and all(w.isalpha() and w.islower() for _, w in lead):
            tail = words[len(words) - n_cap:]
            sp = self._bare_name(tail, tail[0][0], e)
            if sp is not None:
                return Speaker(s, e, names.clean(raw), "person", sp.name,
                               names.clean(text[s:tail[0][0]]), sp.entity)
        lw = [_POSS.sub("", w).lower() for _, w in words]
        # the head stands before a complement ("a spokesman for the State Department")
        comp = len(lw)
        for i, w in enumerate(lw):
            if i > 0 and w in ("for", "of", "at", "in", "from", "with", "to", "close"):
                comp = i
                break
        head_words = lw[:comp]
        if not head_words:
            return None
        tt = names.title_tuples()
        k_title = 0
        for k in range(min(names.title_max_len(), len(head_words)), 0, -1):
            if tuple(head_words[-k:]) in tt:
                k_title = k
                break
        k_org = 0
        ot = names.org_tuples()
        for k in range(min(4, len(head_words)), 0, -1):
            if tuple(head_words[-k:]) in ot:
                k_org = k
                break
        first = 1 if head_words[0] in _DETS else 0
        if first >= len(head_words):
            return None
        mods = head_words[first:len(head_words) - max(k_title, k_org)]
        # modifiers must look like modifiers: capitalised words or "senior", "state-run", ...
        role_mods = self.w["role_mods"]
        for (_, w), lwd in zip(words[first:first + len(mods)], mods):
            if not (w[:1].isupper() or lwd in role_mods or lwd in names.NAME_PARTICLES):
                return None
        np_start = words[first][0]
        phrase = names.clean(text[np_start:e])
        inner = [mm for mm in self.idx.mentions_in(s, e)]
        org_inner = [mm for mm in inner if mm.type == "organisation"]
        if k_title:
            title = names.title_tuples()[tuple(head_words[-k_title:])]
            head_end = words[comp - 1][0] + len(words[comp - 1][1])
            role = names.clean(text[np_start:head_end] if comp == len(lw) else text[np_start:e])
            if title in self.w["proxy"] and org_inner:
                org = self.idx.entity(org_inner[-1])
                return Speaker(s, e, names.clean(raw), "organisation", org.name, title, org)
            persons = [mm for mm in inner if mm.type == "person"]
            if persons:
                return self._from_mention(persons[-1], s, e)
            holder = self.idx.holder_of(names.clean(text[np_start:head_end]), before)
            if holder is not None:
                return Speaker(s, e, names.clean(raw), "role", holder.name, role, holder)
            return Speaker(s, e, names.clean(raw), "role", role, role)
        if k_org:
            if org_inner:
                org = self.idx.entity(org_inner[-1])
                return Speaker(s, e, names.clean(raw), "organisation", org.name, None, org)
            head = " ".join(head_words[-k_org:])
            if not mods and head in names.org_heads():
                ent = self.idx.org_by_head(head, before) or self.idx.org_by_head(head, len(text) + 1)
                if ent is not None:
                    return Speaker(s, e, names.clean(raw), "organisation", ent.name, None, ent)
            return Speaker(s, e, names.clean(raw), "organisation", names.canonical_org(phrase), None)
        if len(inner) == 1 and inner[0].type == "organisation" and inner[0].end == e:
            return self._from_mention(inner[0], s, e)
        return self._bare_name(words, s, e)

    def _bare_name(self, words: list[tuple[int, str]], s: int, e: int) -> Speaker | None:
        """A capitalised name the entity pass did not keep ("Macron said"): a person as written."""
        toks = [w for _, w in words]
        if not 1 <= len(toks) <= 4 or words[0][0] != s:
            return None
        nn = self.w["not_name"]
        for i, t in enumerate(toks):
            if 0 < i < len(toks) - 1 and t in names.NAME_PARTICLES:
                continue  # "Anna de Vries"
            if 0 < i < len(toks) - 1 and _INITIAL.fullmatch(t):
                continue  # "Ronald R. Fieldstone"
            if not t[:1].isupper() or t.lower() in nn or (t.isupper() and len(t) > 1) or "." in t[1:-1]:
                return None
        if _is_place(toks) or any(_lower(t) in names.org_names() for t in toks):
            return None
        name = " ".join(_unposs(t) for t in toks)
        return Speaker(s, e, names.clean(self.text[s:e]), "person", name, None)

    def _from_mention(self, m: Mention, s: int, e: int) -> Speaker:
        ent = self.idx.entity(m)
        if m.type == "organisation":
            # "a spokesman for the US State Department": the spokesman speaks for the body
            pre = self.text[max(0, s - 60):s]
            pm = _proxy_before_re().search(pre)
            if pm:
                s2 = s - len(pre) + pm.start()
                return Speaker(s2, e, names.clean(self.text[s2:e]), "organisation", ent.name,
                               pm.group(1).lower(), ent)
            start = min(s, m.full_start)
            return Speaker(start, e, names.clean(self.text[start:e]), "organisation", ent.name, None, ent)
        return Speaker(m.full_start, m.end, names.clean(self.text[m.full_start:m.end]), "person",
                       ent.name, m.title, ent)

    def _np_before(self, pos: int, lo: int) -> Speaker | None | bool:
        """Speaker phrase ending just before a cue at ``pos``; False when the cue is passive."""
        text = self.text
        e = pos
        mw = _WORD.match(text, pos)
        progressive = bool(mw and mw.group().endswith("ing"))  # "is promoting": not a passive
        # drop adverbs/auxiliaries between the speaker and the verb ("has also said", "on Tuesday said")
        for _ in range(4):
            j = _back_space(text, e, lo)
            k = max(lo, text.rfind(" ", lo, j) + 1)
            lw = text[k:j].lower()
            if lw in self.w["passive"] and progressive and lw not in ("been", "being", "get", "got"):
                e = k
                continue
            if lw in self.w["passive"]:
                return False
            if lw in self.w["skip"]:
                e = k
                continue
            if lw in _WEEKDAYS:
                j2 = _back_space(text, k, lo)
                k2 = max(lo, text.rfind(" ", lo, j2) + 1)
                if text[k2:j2].lower() in ("on", "late", "early"):
                    e = k2
                    continue
            break
        e = _back_space(text, e, lo)
        if e <= lo:
            return None
        if text[e - 1] == ")":
            # "Rep. Jane Doe (D-Md.) said": the party and state tag stands between name and verb
            o = text.rfind("(", max(lo, e - 40), e)
            if o > lo:
                e = _back_space(text, o, lo)
        # a mention (with appositive) ending here
        m = self.idx.mention_ending_at(e)
        if m is not None and m.full_start >= lo:
            return self._from_mention(m, m.full_start, m.end)
        k = max(lo, text.rfind(" ", lo, e) + 1)
        if text[k:e].lower() in self.w["pronouns"]:
            return Speaker(k, e, text[k:e], "pronoun", pronoun=text[k:e].lower())
        if text[k:e].lower() in ("who", "which"):
            # "Trump, who said he ...": the relative pronoun is the mention, its antecedent the name
            j = _back_space(text, k, lo)
            ante = self._np_before(j - 1, lo) if j > lo and text[j - 1] == "," else None
            if isinstance(ante, Speaker):
                return Speaker(k, e, text[k:e], ante.type, ante.name, ante.role, ante.entity, ante.pronoun)
            return Speaker(k, e, text[k:e], "unknown")
        if text[e - 1] == ",":
            # "Putin, who spoke by phone with Trump, said": skip a comma-bracketed insertion
            c = text.rfind(",", max(lo, e - 200), e - 1)
            inner = text[c + 1:e - 1]
            if c > lo and len(inner.split()) <= 16 and not any(ch in inner for ch in "“”\"") \
                    and not self.cues_between(c, e):
                m = self.idx.mention_ending_at(_back_space(text, c, lo))
                if m is not None and m.full_start >= lo:
                    return self._from_mention(m, m.full_start, m.end)
                sp = self._np_before(c, lo) if inner.strip() else None
                if sp:
                    return sp
        # otherwise the phrase back to the last boundary
        w0 = max(lo, e - 160)
        s = _after_last_boundary(text, w0, e)
        if s == w0 and w0 > lo:
            return None
        if s >= e or len(text[s:e].split()) > 14:
            return None
        return self._resolve_np(s, e, pos)

    def _np_after(self, pos: int, limit: int) -> Speaker | None:
        """Speaker phrase right after a cue ("said Lavrov", "said the ministry")."""
        text = self.text
        m = _BLANKS.match(text, pos)
        if not m:
            return None
        s = m.end()
        e = _np_after_re().match(text, s, limit).end()
        sp = self._resolve_np(s, e, pos)
        if sp is None:
            # "says analyst John Doe of the Carnegie Endowment": the name that opens the phrase
            mm = self.idx.mention_starting_at(s)
            if mm is not None and mm.end <= e:
                return self._from_mention(mm, mm.full_start, mm.end)
            sp = self._name_in_phrase(s, e)
        return sp

    def _name_in_phrase(self, s: int, e: int) -> Speaker | None:
        """The name a short descriptor phrase holds: "MSNBC host Chris Matthews", "9/11 widow
        Terry Strada", "Cameron Easley for Morning Consult", "Rep. Jim Jordan (R-Ohio)"."""
        text = self.text
        words = [(x.start(), x.group()) for x in _WORD.finditer(text, s, e)]
        if not words or len(words) > 10 or words[0][1].lower() in _DETS:
            return None  # "the Daily Ledger" names a body, not a person
        # the first run of two to four capitalised words (initials allowed) after at most
        # three descriptors, stopping at the first lower-case word after it
        nn = self.w["not_name"]
        for i in range(min(4, len(words))):
            if words[i][1].endswith("."):
                continue  # a title ("Rep.", "Dr.") opens no name
            j = i
            while j < len(words) and words[j][1][:1].isupper() and words[j][1].lower() not in nn:
                j += 1
            for k in range(min(j, i + 4), i + 1, -1):  # longest first: "Jim Jordan R-Ohio", "Jim Jordan"
                sp = self._bare_name(words[i:k], words[i][0], words[k - 1][0] + len(words[k - 1][1]))
                if sp is not None:
                    return sp
        return None

    def _subject(self, cue: tuple[int, int, str], sent: Sentence, depth: int = 0) -> Speaker | None | bool:
        """Speaker of a cue: its subject, or the clause subject for participles and conjunctions."""
        cs, ce, form = cue
        if self.verbs.get(form) == "source":
            return self._np_after(ce, sent.end)
        sp = self._np_before(cs, sent.start)
        if sp is False or sp is not None:
            return sp
        prev_word = self.text[max(sent.start, cs - 12):cs].strip().lower()
        if not form.endswith("ing") and (prev_word.endswith(("”", '"', "’", "'")) or not prev_word):
            # “...,” said Peskov: the speaker follows the verb
            return self._np_after(ce, sent.end)
        if form.endswith("ing") or prev_word.endswith(("but", "and", ",")):
            narrow = names.speech_verbs()  # a verb of thought or intention in between is no speech cue
            earlier = [c for c in self.cues_between(max(sent.start, cs - _REACH), cs)
                       if narrow.get(c[2]) not in (None, "source") and not self._in_quote(c[0])]
            if earlier and depth < 4:
                return self._subject(earlier[-1], sent, depth + 1)
            return self._sentence_subject(sent, cs)
        return None

    def _sentence_subject(self, sent: Sentence, before: int) -> Speaker | None:
        text = self.text
        for m in self.idx.mentions_in(sent.start, before):
            pre = text[sent.start:m.full_start].rstrip()
            if not pre or pre.endswith(","):
                if pre and len(pre.split()) > 14:
                    continue
                return self._from_mention(m, m.full_start, m.end)
        mw = _WORD.match(text, sent.start)
        if mw and mw.group().lower() in self.w["pronouns"]:
            return Speaker(mw.start(), mw.end(), mw.group(), "pronoun", pronoun=mw.group().lower())
        return None

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        return i >= 0 and self.q_spans[i][0] <= pos < self.q_spans[i][1]

    # -- attribution of direct quotes ----------------------------------------
    def attribute(self, q: _Quote, prev: list[_Attr]) -> _Attr | None:
        text = self.text
        words = len(text[q.start:q.end].split()) if len(q.segments) == 1 else \
            sum(len(text[a:b].split()) for a, b in q.segments)
        lo = self.sent_at(q.start).start
        close_pos = q.close if q.close >= 0 else q.end
        speaker: Speaker | None = None
        cue: tuple[int, int, str] | None = None
        # (a) right after the quote: ”, Lavrov said / ” said Lavrov
        after = close_pos + 1 if q.close >= 0 else q.end
        m = _AFTER_QUOTE.match(text, after)
        a0 = m.end() if m else after
        block_end = self.blocks[self.block_at(a0)][1] if self.blocks else len(text)
        nxt = [c for c in self.cues_between(a0, min(block_end, a0 + 160))
               if self.verbs.get(c[2]) != "source"]
        ended = q.close >= 0 and text[_back_space(text, q.close, q.start) - 1] == "." and \
            text[a0:a0 + 1].isupper()  # “... .” He added: a new sentence, not this quote's attribution
        if q.close >= 0:
            nl = text.find("\n", close_pos + 1, block_end)
            md = _DASH_CREDIT.match(text[close_pos + 1:block_end if nl < 0 else nl])
            if md:
                base = close_pos + 1
                sp = self._resolve_np(base + md.start(2), base + md.end(2), base)
                if sp is not None and sp.type in ("person", "organisation"):
                    speaker, cue = sp, (base + md.start(1), base + md.end(1), md.group(1))
        if nxt and not ended and speaker is None:
            cs, ce, form = nxt[0]
            gap = text[a0:cs]
            if not _gap_stops(gap) and len(gap.split()) <= 12:
                if gap.strip():
                    sp = self._np_before(cs, a0)
                    lead = text[a0:sp.start].split() if sp else []
                    if sp and (sp.start <= a0 + 1 or (len(lead) <= 3 and all(w.isalpha() and w.islower()
                                                                            for w in lead))):
                        # lower-case descriptors may stand before a titled name ("union leader X")
                        speaker, cue = sp, nxt[0]
                    elif sp is None and len(gap.split()) <= 6:
                        # “...,” the letter reads: an unnamed source, cited by its span
                        sp = self._generic_np(cs, a0)
                        if sp is not None and sp.start <= a0 + 1:
                            speaker, cue = sp, nxt[0]
                else:
                    sp = self._np_after(ce, block_end)
                    if sp:
                        speaker, cue = sp, nxt[0]
        if speaker is None and not ended and q.close >= 0:
            # “...,” Jane Doe, the director of ... and a professor at ..., said: a long appositive
            far = [c for c in self.cues_between(a0, min(block_end, a0 + 400))
                   if self.verbs.get(c[2]) in ("bare", "that", "quote")]
            if far and not _gap_stops(text[a0:far[0][0]]) and "“" not in text[a0:far[0][0]] \
                    and '"' not in text[a0:far[0][0]]:
                comma = text.find(",", a0, far[0][0])
                sp = (self._resolve_np(a0, comma, a0) or self._name_in_phrase(a0, comma)) if comma > a0 else None
                if sp is not None and sp.type in ("person", "organisation", "role"):
                    speaker, cue = sp, far[0]
        # (b) the last cue before the quote in its sentence
        if speaker is None:
            qs = q.open if q.open >= 0 else q.start
            before = [c for c in self.cues_between(max(lo, qs - _REACH), qs)
                      if not self._in_other_quote(c[0], q)]
            if not before and q.open >= 0 and text[lo:q.open].strip() == "":
                bi = self.block_at(q.start)
                if bi > 0 and self.text[self.blocks[bi - 1][1] - 1] == ":":
                    pb = self.blocks[bi - 1]
                    before = self.cues_between(pb[2][-1].start, pb[1])
            if before and words <= _SCARE_WORDS:
                # a short quoted term belongs to the cue's own clause, not to a later one
                between = text[before[-1][1]:q.open if q.open >= 0 else q.start].lower()
                if _SHORT_BLOCK.search(between):
                    before = []
            # the nearest cue whose subject can speak ("saying Russia responded “...”" → the sayer)
            for c in reversed(before):
                sp = self._subject(c, self.sent_at(c[0]))
                if sp is False:
                    return None
                if cue is None:
                    cue = c
                if sp is not None:
                    cue, speaker = c, sp
                    break
            if speaker is None and cue is not None:
                # "the announcer said, “...”": an unnamed source, cited by its span
                speaker = self._generic_np(cue[0], self.sent_at(cue[0]).start)
        # (d) inherit: the previous quote of the paragraph, or of the previous paragraph
        if speaker is None and cue is None and prev:
            last = prev[-1]
            bi = self.block_at(q.start)
            lb = self.block_at(last.start)
            between = self.any_cue_between(max(last.end, last.cue[1] if last.cue else 0), q.start)
            if last.direct and last.speaker is not None and not between and \
                    (lb == bi or (lb == bi - 1 and q.open == self.blocks[bi][0])):
                speaker = last.speaker
        if speaker is None and cue is None:
            if words <= _SCARE_WORDS or q.close < 0 or self._partial(q, lo):
                return None  # a quoted phrase in the writer's sentence, not a statement
            # a quotation with no attribution in reach: still someone's words; the latest
            # speaker of the paragraph or the one before is the best guess
            near = None
            if prev and self.block_at(prev[-1].start) >= self.block_at(q.start) - 1:
                near = prev[-1].speaker
            return _Attr(q.start, q.end, True, self._partial(q, lo), near, None, segments=q.segments,
                         form="unattributed")
        partial = self._partial(q, lo)
        if words <= _SCARE_WORDS and (speaker is None or speaker.type == "unknown"):
            return None
        if words <= _SCARE_WORDS and cue is None and not self._full_sentence(q):
            return None
        return _Attr(q.start, q.end, True, partial, speaker, (cue[0], cue[1]) if cue else None,
                     segments=q.segments)

    def _full_sentence(self, q: _Quote) -> bool:
        """“We expect more.”: a whole sentence in marks, not a quoted term."""
        t = self.text
        if not t[q.start].isupper() or q.close < 0:
            return False
        return t[_back_space(t, q.close, q.start) - 1] in ".!?"

    def _in_other_quote(self, pos: int, q: _Quote) -> bool:
        return self._in_quote(pos) and not (q.start <= pos < q.end)

    def _partial(self, q: _Quote, lo: int) -> bool:
        t = self.text
        first = t[q.start]
        if first.islower():
            return True
        if q.open < 0:
            return False
        pre = t[lo:q.open].rstrip()
        if not pre or pre.endswith((":", ",", "—")):
            return False
        return bool(_ENDS_LOWER.search(pre))

    # -- reported speech -------------------------------------------------------
    def reported(self, cue: tuple[int, int, str]) -> _Attr | None:
        a = self._reported(cue)
        if a is None and self.verbs.get(cue[2]) == "that" and not self._in_quote(cue[0]) \
                and self.text[cue[0]].islower():  # "the United States spends": a name, not a cue
            # "noted the clot's existence", "mentioned remarks Trump had made": a plain object
            a = self._object_content(cue, self.sent_at(cue[0]), plain=True)
        return a

    def _reported(self, cue: tuple[int, int, str]) -> _Attr | None:
        text = self.text
        cs, ce, form = cue
        cls = self.verbs.get(form)
        if self._in_quote(cs):
            return None
        sent = self.sent_at(cs)
        if cls == "source":
            return self._according(cue, sent)
        if _BY_AGENT.match(text, ce, sent.end):
            passive = self._passive_by(cue, sent)
            if passive is not None:
                return passive
        if cls in ("quote", "object"):
            return self._object_content(cue, sent) if cls == "object" else None
        # cheap tests first: is there any content for this cue at all?
        mcol = _COLON_INTRO.match(text, ce)
        content = self._clause_after(ce, form, cls, sent)
        if mcol is None and content is None and "," not in text[sent.start:cs]:
            # "the report found serious flaws": a verb of thought or finding with a plain object
            return None
        sp = self._subject(cue, sent)
        if sp is False:
            return None
        after_np = None
        if sp is None:
            # "..., said the ministry."
            lead = text[sent.start:cs].rstrip()
            if lead.endswith(","):
                after_np = self._np_after(ce, sent.end)
            if after_np is None and not mcol and not lead.endswith(","):
                # "Earlier reports indicated that ...", "..., top lawmakers said": an unnamed
                # source, cited by its span
                sp = self._generic_np(cs, sent.start)
                if sp is None:
                    return None
            elif after_np is None:
                return None
            else:
                sp = after_np
        # markless direct speech after a colon: "a spokesman ... said: The United States ..."
        if mcol and after_np is None:
            s = mcol.end()
            bi = self.block_at(cs)
            e = self.blocks[bi][1]
            nq = _MARK.search(text, s, e)
            if nq and text[nq.start()] in "\"“":
                return None
            s, e = _trim(text, s, e)
            if e > s:
                return _Attr(s, e, True, False, sp, (cs, ce), form="colon")
        # content after the cue: "that" clause or bare clause
        if after_np is None:
            if content is not None:
                s, e = content
                form_ = "that" if re.search(r"\bthat\b", text[ce:s], re.I) else "bare"
                return _Attr(s, e, False, False, sp, (cs, ce), form=form_)
        # content before the attribution: "..., Lavrov said (on Tuesday)."
        np_start = sp.start if after_np is None else cs
        lead = text[sent.start:np_start].rstrip()
        if not lead.endswith(","):
            return None
        tail_from = ce if after_np is None else after_np.end
        if not self._adverbial_tail(tail_from, sent.end, form):
            return self._inserted(cue, sp, lead, tail_from, sent)
        s, e = _trim(text, sent.start, sent.start + len(lead))
        if len(text[s:e].split()) < 3:
            return None
        direct = self._first_person(s, e)
        return _Attr(s, e, direct, False, sp, (cs, ce), form="before")

    def _passive_by(self, cue: tuple[int, int, str], sent: Sentence) -> _Attr | None:
        """"The story was first reported by The Post": the subject is the content, the agent speaks."""
        text = self.text
        cs, ce, _ = cue
        m = _BY_AGENT.match(text, ce, sent.end)
        if not m:
            return None
        sp = self._np_after(m.end() - 1, sent.end)
        if sp is None:
            s0, e0 = _trim(text, m.end(), _np_after_re().match(text, m.end(), sent.end).end())
            if not 1 <= len(text[s0:e0].split()) <= 10:
                return None
            sp = Speaker(s0, e0, names.clean(text[s0:e0]), "unknown")
        # the subject: back from the auxiliary to the clause start
        k = cs
        for _ in range(4):
            j = _back_space(text, k, sent.start)
            k = max(sent.start, text.rfind(" ", sent.start, j) + 1)
            if text[k:j].lower() in self.w["passive"]:
                break
        else:
            return None
        for _ in range(3):  # "has been", "will not be"
            j = _back_space(text, k, sent.start)
            k2 = max(sent.start, text.rfind(" ", sent.start, j) + 1)
            if text[k2:j].lower() not in _AUX and text[k2:j].lower() not in self.w["skip"]:
                break
            k = k2
        lo = max(sent.start, k - 200)
        st = lo
        for b in _CLAUSE_OPEN.finditer(text, lo, k):
            st = b.end()
        s, e = _trim(text, st, k)
        if len(text[s:e].split()) < 2:
            return None
        return _Attr(s, e, False, False, sp, (cs, ce), form="object")

    def _inserted(self, cue: tuple[int, int, str], sp: Speaker, lead: str, tail_from: int,
                  sent: Sentence) -> _Attr | None:
        """"The museum, Mr. Bush said, celebrated ...": the sentence around an inserted attribution."""
        text = self.text
        m = _INSERT_TAIL.match(text, tail_from, sent.end)
        if not m or len(lead.split()) < 2 or not m.group(1).strip() == "" and \
                not m.group(1).strip().lower().startswith(_ADVERBIAL_STARTS):
            return None
        s1, e1 = _trim(text, sent.start, sent.start + len(lead))
        s2, e2 = _trim(text, m.end(), sent.end)
        e2 = _back_chars(text, e2, s2, ".!?")
        first = self.cues_between(s2, min(e2, s2 + 40))
        if e1 <= s1 or len(text[s2:e2].split()) < 2 or first and first[0][0] == s2 and \
                (first[0][2].endswith("ing") or first[0][2] in names.speech_verbs()):
            return None  # ", he said, adding that ...": a second attribution, not the sentence's rest
        direct = self._first_person(s1, e2)
        return _Attr(s1, e2, direct, False, sp, (cue[0], cue[1]), segments=[(s1, e1), (s2, e2)],
                     form="before")

    def _object_content(self, cue: tuple[int, int, str], sent: Sentence, plain: bool = False) -> _Attr | None:
        """"X called for a moratorium", "X criticized the plan": the object, up to a clause boundary.

        Notes: PolNeAR annotates the object of cues of evaluation and intention as the
        content of an attribution, not only clauses of speech.
        """
        text = self.text
        cs, ce, _form = cue
        m = _OBJ_START.match(text, ce, sent.end)
        if not m:
            return None
        k = max(sent.start, text.rfind(" ", sent.start, _back_space(text, cs, sent.start)) + 1)
        if text[k:cs].strip().lower() in _DETS | _DEMONSTRATIVES | _QUANTIFIERS | {"to"}:
            # "the proposed rules", "his planned visit": an adjective, not a cue; "met on
            # Thursday to discuss ...": a purpose, not a statement
            return None
        s = m.end()
        mw = _WORD.match(text, s)
        if mw and (mw.group().lower() in _PARTICLES or plain and mw.group().lower() in _NOT_OBJECT | {"to"}):
            # "called in to a show", "backed out": a phrasal verb, no content; a verb of thought
            # ("plain") takes a noun phrase, not "to a request for comment"
            return None
        end = min(sent.end, s + _REACH)
        st = _OBJ_STOP.search(text, s, end)
        s, e = _trim(text, s, st.start() if st else end)
        e = _back_chars(text, e, s, ".!?")
        if e <= s or not text[s].isalnum() and text[s] not in "\"“‘'$":
            return None
        sp = self._subject(cue, sent)
        if sp is False:
            return None
        if sp is None:
            sp = self._generic_np(cs, sent.start)
        if sp is None or sp.type == "pronoun" and sp.pronoun == "you":
            return None  # "would you vote for her?": the reader, asked, is no source
        return _Attr(s, e, False, False, sp, (cs, ce), form="object")

    def _generic_np(self, pos: int, lo: int) -> Speaker | None:
        """The phrase before a cue that no name, role or institution reading covers ("a new
        poll", "data from the survey"): an unnamed source, cited by its span only."""
        text = self.text
        e = _back_space(text, pos, lo)
        if text[max(lo, e - 3):e] in (" to", "\tto") or text[lo:e] == "to":
            return None  # "met on Thursday to discuss ...": a purpose clause has no subject of its own
        skipped = False
        for _ in range(4):
            k = max(lo, text.rfind(" ", lo, e) + 1)
            lw = text[k:e].lower()
            if lw in self.w["skip"] or lw in _AUX or lw.endswith(("ly", "n't", "n’t")):
                e = _back_space(text, k, lo)
                skipped = True
                continue
            break
        if e <= lo:
            return None
        if text[k:e].lower() in self.w["passive"]:
            return None
        if skipped:
            # "Lavrov did not want": the named reading past the auxiliaries
            sp = self._np_before(e, lo)
            if sp:
                return sp
        w0 = max(lo, e - 120)
        s = _after_last_boundary(text, w0, e)
        s, e = _trim(text, s, e)
        words = text[s:e].split()
        last = words[-1].lower() if words else ""
        if not 1 <= len(words) <= 8 or not last[:1].isalpha() or last in _DETS | _DEMONSTRATIVES:
            return None
        return Speaker(s, e, names.clean(text[s:e]), "unknown")

    def _adverbial_tail(self, s: int, e: int, form: str) -> bool:
        """Only adverbials (and an "according to" or participle cue) follow the verb."""
        tail = self.text[s:e].strip()
        tail = tail.rstrip(".!?\"”’").strip()
        if not tail:
            return True
        cut = _TAIL_CUT.search(tail)
        if cut:
            tail = tail[:cut.start()].strip()
        if not tail:
            return True
        lw = tail.lower()
        if "that" in lw.split():
            return False
        # "..., Peskov told reporters." - the hearer after a verb that takes one
        return lw.startswith(_ADVERBIAL_STARTS) or (form in _object_verbs() and len(lw.split()) <= 4)

    def _clause_after(self, ce: int, form: str, cls: str | None, sent: Sentence) -> tuple[int, int] | None:
        text = self.text
        end = min(sent.end, ce + _REACH)
        takes_object = form in _object_verbs()
        # "that" within a few words: adverbials or (after "told") an object between
        mt = _THAT_AHEAD.match(text, ce, end)
        start = None
        if mt:
            between = mt.group(1).split()
            if not between or between[0].lower() in _ADVERBIAL_STARTS or (takes_object and len(between) <= 4):
                start = mt.end()
        if start is None and cls == "bare":
            before_cue = text[max(sent.start, ce - len(form) - 3):ce - len(form)].rstrip()
            if before_cue.endswith(("”", '"', "’", "'")):
                return None  # “...,” said Name: the words after the verb are its speaker
            p = ce
            if takes_object:
                mo = _TOLD_OBJECT.match(text, p, end)
                if not mo:
                    return None
                p = mo.end()
            mw = _NEXT_WORD.match(text, p, end)
            if not mw:
                return None
            w0 = mw.group(1)
            if not self._bare_clause_start(w0):
                return None
            start = mw.start(1)
        if start is None:
            return None
        # the clause ends at the sentence end, a participle cue, "but/and <cue>", ";" or "according to"
        stop = end
        for c in self.cues_between(start, end):
            base = max(start, c[0] - 6)
            before = text[base:c[0]]
            comma = before.find(",")
            if comma >= 0 and (c[2].endswith("ing") or self.verbs.get(c[2]) == "source"):
                stop = base + comma
                break
            conj = _CONJ_END.search(before)
            if conj:
                stop = base + conj.start()
                break
        semi = text.find(";", start, stop)
        if semi >= 0:
            stop = semi
        s, e = _trim(text, start, stop)
        e = _back_chars(text, e, s, ".!?")
        if e - s < 3 or len(text[s:e].split()) < 2:
            return None
        return s, e

    def _bare_clause_start(self, w0: str) -> bool:
        """Whether the words after a bare cue are its reported clause ("said he began ...",
        "said the two raised ...") rather than an adverbial ("said on Tuesday")."""
        low = w0.lower()
        if low in self.w["finite"] or low.endswith("ed"):
            return False  # "which agencies said lasted ...": the clause's subject is the relative pronoun
        if low in self.w["pronouns"] and low != "it" or low == "there":
            return True  # "said he began": a subject pronoun opens a clause
        # any other object that is no adverbial ("has said the same thing"): PolNeAR takes the
        # object of a bare cue as its content, clause or not
        return low not in _ADVERBIAL_STARTS and low not in _NOT_OBJECT and w0[:1].isalnum()

    def _according(self, cue: tuple[int, int, str], sent: Sentence) -> _Attr | None:
        text = self.text
        cs, ce, _ = cue
        sp = self._np_after(ce, sent.end)
        if sp is None:
            # "according to a new poll", "according to exit polls": an unnamed source, by its span
            m = _BLANKS.match(text, ce)
            if not m:
                return None
            s0 = m.end()
            s0, e0 = _trim(text, s0, _np_after_re().match(text, s0, sent.end).end())
            if not 1 <= len(text[s0:e0].split()) <= 14 or not text[s0:s0 + 1].isalnum():
                return None
            sp = Speaker(s0, e0, names.clean(text[s0:e0]), "unknown")
        lead = text[sent.start:cs].strip()
        if not lead:
            # "According to Lavrov, these ..." → the rest of the sentence
            m = _TO_COMMA.match(text, ce)
            if not m:
                return None
            s, e = _trim(text, m.end(), sent.end)
        elif lead.endswith(","):
            # "..., according to X." with no other attribution in the sentence
            others = [c for c in self.cues_between(max(sent.start, cs - _REACH), cs)
                      if names.speech_verbs().get(c[2]) in ("bare", "that")]
            if others:
                return None
            s, e = _trim(text, sent.start, sent.start + len(text[sent.start:cs].rstrip()))
        else:
            return None
        e = _back_chars(text, e, s, ".!?")
        if len(text[s:e].split()) < 3:
            return None
        return _Attr(s, e, False, False, sp, (cs, ce), form="according")

    def _first_person(self, s: int, e: int) -> bool:
        first = self.w["first"]
        for w in self.text[s:e].split():
            w = w.strip(",.;:!?\"”’“()")
            if w.lower() in first and (w == "I" or not w.isupper()):
                return True
        return False

    def chain_for(self, a: _Attr) -> list[str]:
        """Outer sources: "..., she said, according to Russian news agencies"."""
        if a.cue is None:
            return []
        sent = self.sent_at(a.cue[0])
        out = []
        for c in self.cues_between(a.cue[1], min(sent.end, a.cue[1] + _REACH)):
            if self.verbs.get(c[2]) == "source" and not self._in_quote(c[0]):
                sp = self._np_after(c[1], sent.end)
                if sp is not None:
                    out.append(sp.name or sp.text)
        return out

    # -- the whole document --------------------------------------------------
    def run(self) -> list[_Attr]:
        quotes = self.find_quotes()
        quotes.sort(key=lambda q: q.start)
        self.q_spans = [(q.start, q.end) for q in quotes]
        self.q_starts = [s for s, _ in self.q_spans]
        direct: list[_Attr] = []
        for q in quotes:
            a = self.attribute(q, direct)
            if a is not None:
                direct.append(a)
        reported: list[_Attr] = []
        used_cues = {a.cue for a in direct if a.cue}
        for c in self.cues:
            a = self.reported(c)
            if a is None:
                continue
            if a.direct and a.cue in used_cues:
                continue
            reported.append(a)
        # a reported clause holding a long quote yields the quote; short quoted terms stay inside
        # (records only interact within a paragraph, so compare them block by block)
        loose = [r for r in reported if r.form == "object"]
        reported = [r for r in reported if r.form != "object"]
        rep_by_block: dict[int, list[_Attr]] = {}
        for r in reported:
            rep_by_block.setdefault(self.block_at(r.start), []).append(r)
        keep_direct = []
        long_by_block: dict[int, list[_Attr]] = {}
        for d in direct:
            short = len(self.text[d.start:d.end].split()) <= _SCARE_WORDS
            bi = self.block_at(d.start)
            if short and any(r.start <= d.start and d.end <= r.end + 1 for r in rep_by_block.get(bi, ())):
                continue
            keep_direct.append(d)
            if not short:
                for b in range(bi, self.block_at(d.end) + 1):
                    long_by_block.setdefault(b, []).append(d)
        keep_rep = [r for r in reported
                    if not any(r.start <= d.start < r.end or d.start <= r.start < d.end
                               for d in long_by_block.get(self.block_at(r.start), ()))]
        attrs = [a for a in keep_direct + keep_rep if a.end > a.start]
        attrs += self._loose_outside(loose + self._labelled(), attrs, keep_direct)
        for a in attrs:
            a.chain = self.chain_for(a)
        attrs.sort(key=lambda a: (a.start, a.end))
        self._resolve_pronouns(attrs)
        return _dedupe(self.text, attrs)

    def _labelled(self) -> list[_Attr]:
        """"PENCE: Well, look, ..." (a transcript) and "Poll: Clinton leads" (a headline): a
        paragraph opened by a short capitalised label and a colon is the label's statement."""
        text = self.text
        out = []
        for ps, pe, _ in self.blocks:
            m = _LABEL.match(text, ps, pe)
            if not m or m.group(1).lower() in _cue_lexicon()[2]:
                continue
            s, e = _trim(text, m.end(), pe)
            e = _back_chars(text, e, s, ".!?\"”")
            if len(text[s:e].split()) < 3:
                continue
            ls, le = m.span(1)
            sp = self._resolve_np(ls, le, ls) or Speaker(ls, le, names.clean(text[ls:le]), "unknown")
            out.append(_Attr(s, e, False, False, sp, (le, le + 1), form="label"))
        return out

    @staticmethod
    def _loose_outside(loose: list[_Attr], firm: list[_Attr], direct: list[_Attr]) -> list[_Attr]:
        """Object-cue attributions that neither sit inside a firmer one nor overlap a quote.

        "She added that Europe would keep supporting Kyiv" is one attribution, not two;
        "called the talks “very useful”" is the quote's. O(n log n): sorted spans with
        prefix maxima of their ends.

        Notes: PolNeAR's univocal annotation (a token has one role in one attribution).
        """
        def index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
            spans.sort()
            return [a for a, _ in spans], list(itertools.accumulate((b for _, b in spans), max))

        f_starts, f_reach = index([(a.start, a.end) for a in firm])
        d_starts, d_reach = index([(a.start, a.end) for a in direct])
        out = []
        for a in loose:
            cue = a.cue[0] if a.cue else a.start
            k = bisect.bisect_right(f_starts, cue) - 1
            if k >= 0 and f_reach[k] > cue:
                continue
            k = bisect.bisect_left(d_starts, a.end) - 1
            if k >= 0 and d_reach[k] > a.start:
                continue
            out.append(a)
        return out

    def _resolve_pronouns(self, attrs: list[_Attr]) -> None:
        """Give each pronoun speaker the most recent compatible speaker, else person mention."""
        genders: dict[tuple, str | None] = {("e", ent.id): ent.gender for ent in self.idx.entities}
        events: list[tuple[int, tuple, str, Entity | None, str]] = []
        pdata = self.w["pronouns"]
        for a in sorted(attrs, key=lambda a: a.speaker.start if a.speaker else a.start):
            sp = a.speaker
            if sp is None:
                continue
            if sp.type == "pronoun" and sp.name is None:
                info = pdata.get(sp.pronoun or "", {})
                want = info.get("gender")
                ref = self._antecedent(sp.start, want, info.get("person", True), info.get("org", False),
                                       events, genders)
                if ref is not None:
                    key, name, ent, _kind = ref
                    sp.entity, sp.name = ent, name
                    if want and genders.get(key) is None:
                        genders[key] = want
            if sp.name is not None and sp.type != "pronoun" or sp.entity is not None:
                ent = sp.entity
                kind = ent.type if ent is not None else ("organisation" if sp.type == "organisation"
                                                         else "person")
                key = ("e", ent.id) if ent is not None else ("n", sp.name)
                if key not in genders and sp.role:
                    genders[key] = title_gender(sp.role)
                events.append((sp.start, key, sp.name or "", ent, kind))

    def _antecedent(self, pos: int, gender, person: bool, org: bool, events, genders):
        def ok(key: tuple, kind: str) -> bool:
            if kind == "person" and not person or kind == "organisation" and not org:
                return False
            g = genders.get(key)
            return not gender or g is None or g == gender

        bi = self.block_at(pos)
        for p, key, name, ent, kind in reversed(events):
            if p >= pos:
                continue
            if self.block_at(p) < bi - 3:
                break  # events are in text order: every earlier one is further back still
            if ok(key, kind):
                return key, name, ent, kind
        # no earlier speaker: a person mention, one whose gender is known to match first
        near = None
        for i in range(bisect.bisect_left(self.idx.starts, pos) - 1, -1, -1):
            m = self.idx.mentions[i]
            ent = self.idx.entity(m)
            key = ("e", ent.id)
            if near is not None and self.block_at(m.start) < bi - 2:
                break
            if not ok(key, ent.type):
                continue
            if not gender or genders.get(key) == gender:
                return key, ent.name, ent, ent.type  # nearest, or nearest known to match the gender
            if near is None:
                near = (key, ent.name, ent, ent.type)
        return near


def _norm_words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


_END = ""  # marks, in a word trie, that a statement ends at this node (words are never empty)


def _dedupe(text: str, attrs: list[_Attr]) -> list[_Attr]:
    """Drop a statement repeated later with the same speaker (a standfirst repeating the body).

    A statement repeats an earlier one when either one's words are a prefix of the other's;
    the earlier statements of a speaker (per first five words) are kept as a word trie, so the
    test costs one walk, not one comparison per earlier statement.
    """
    out: list[_Attr] = []
    seen: dict[tuple, dict] = {}  # (speaker, first five words) → trie of the word lists seen
    spans = set()
    for a in attrs:
        if (a.start, a.end) in spans:
            continue
        name = a.speaker.name if a.speaker else None
        words = _norm_words(text[a.start:a.end])
        key = (name, tuple(words[:5]))
        trie = seen.get(key)
        if trie is not None and len(words) >= 5 and _prefix_related(trie, words):
            continue
        if trie is None:
            trie = seen[key] = {}
        for w in words:
            trie = trie.setdefault(w, {})
        trie[_END] = {}
        spans.add((a.start, a.end))
        out.append(a)
    return out


def _prefix_related(trie: dict, words: list[str]) -> bool:
    """True when a word list in ``trie`` is a prefix of ``words`` or ``words`` is a prefix of one."""
    node = trie
    for w in words:
        if _END in node:
            return True
        node = node.get(w)
        if node is None:
            return False
    return True


def _value(text: str, a: _Attr) -> dict:
    sp = a.speaker
    if len(a.segments) > 1:
        content = " ".join(names.clean(text[s:e]) for s, e in a.segments)
    else:
        content = names.clean(text[a.start:a.end])
    return {
        "speaker": sp.name if sp else None,
        "mention": sp.text if sp else None,
        "role": sp.role if sp else None,
        "direct": a.direct,
        "text": content,
        "speaker_type": sp.type if sp else "unknown",
        "cue": names.clean(text[a.cue[0]:a.cue[1]]) if a.cue else None,
        "partial": a.partial,
        "chain": a.chain,
        "form": a.form,
    }


def is_claim(value: dict) -> bool:
    """Whether an attribution is firm enough to stand as a claim in the claims file.

    Direct speech always is, unless no attribution was found for it. Indirect
    speech is paraphrase: only the unambiguous kind becomes a claim, a named
    person (not a pronoun, role or institution) with a finite speech verb and
    an explicit complement ("Lavrov stressed that ...", "according to Lavrov,
    ..."). Participial cues ("adding that ..."), clauses without "that" and
    the objects of other cues are left to ``attributions`` (benchmarks, the
    report's reading of a source).

    Notes: the split follows the gold convention for the seeds and PolNeAR's
    distinction between direct and indirect attribution.
    """
    if value["direct"]:
        return value.get("form") != "unattributed"
    cue = (value.get("cue") or "").lower()
    return (value.get("speaker_type") == "person" and value.get("form") in ("that", "according")
            and not cue.endswith("ing"))


def extract(doc: Document, found: dict[str, list[Record]]) -> list[Record]:
    """Quote and firm reported-speech records (see ``is_claim``); span = the content.

    Every attribution, firm or not, is kept in ``doc.notes["attributions"]`` for the
    attribution chain of other claims (``checker.extract.attribution``).
    """
    every = attributions(doc)
    doc.notes["attributions"] = every
    return [r for r in every if is_claim(r.value)]


def attributions(doc: Document) -> list[Record]:
    """Every attribution found, firm or not; span = the quoted/reported content."""
    idx = analyse(doc)
    ex = _Extractor(doc, idx)
    out = []
    for a in ex.run():
        spans: dict[str, tuple[int, int]] = {}
        if a.speaker is not None:
            spans["speaker"] = (a.speaker.start, a.speaker.end)
        if a.cue is not None:
            spans["cue"] = a.cue
        out.append(Record("quote", a.start, a.end, _value(doc.text, a), spans))
    out.sort(key=lambda r: (r.start, r.end))
    return out
