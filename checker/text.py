"""Sentence segmentation of the article body, keeping offsets.

Uses nltk's Punkt tokenizer parameterised in code (abbreviations from
``data/abbreviations.txt``), so no nltk_data download is ever needed.
Paragraph structure comes first: every line is a block (news pages put one
paragraph per line and headlines carry no final period), except that a line
that stops mid-sentence and is followed by a line starting in lower case is
joined to it (pages sometimes break a paragraph in two).

Punkt's boundary decision is re-run here over nltk's own compiled patterns
(``_Punkt``): nltk's ``span_tokenize`` builds a token object per word and runs
every match under a ReDoS timer, which made segmentation the slowest stage of
loading. With only abbreviations as parameters (no collocations, sentence
starters or orthographic statistics) its second pass reduces to the few rules
in ``_ends_sentence`` (checked against nltk's own tokenizer on fuzzed text).

Notes: the join rule and the glued-heading rule (two or more spaces between a
heading fragment and the body) come from copy-pasted news pages; the boundary
rules are Punkt's (Kiss and Strunk 2006) as implemented by nltk.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

from .model import Sentence

_LINE = re.compile(r"[^\r\n]+")
# a glued heading: two or more blanks after a letter, before a capital or an opening quote (the
# letter is checked in code: a look-behind at every character would make the scan slow)
# (the run is matched whole and the next character checked in code too: a look-ahead after an
# unbounded run would re-scan a long run of blanks from each of its positions)
_GLUED_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_GLUED_NEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ\"“‘")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TERMINAL = tuple(".!?:;\"”’'…)")
# the last string.whitespace character of a range (nltk's _get_last_whitespace_index)
_LAST_WS = re.compile(r"[ \t\n\r\x0b\x0c][^ \t\n\r\x0b\x0c]*\Z")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    text = resources.files("checker.data").joinpath("abbreviations.txt").read_text("utf-8")
    return frozenset(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    """nltk's own Punkt with the same parameters: the reference ``_Punkt`` must agree with."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of body blocks: non-blank lines, with broken paragraphs re-joined."""
    blocks: list[list[int]] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        if blocks:
            prev_end = blocks[-1][1]
            prev_last = text[prev_end - 1]
            if stripped[0].islower() and prev_last.isalnum():
                blocks[-1][1] = e
                continue
        blocks.append([s, e])
    return [(s, e) for s, e in blocks]


# nltk's Punkt patterns (nltk 3.x ``PunktLanguageVars`` and ``PunktToken``, default language vars),
# copied so that segmenting never imports nltk, whose package import pulls in scipy (~120 ms and
# more per process); tests/test_text_punkt.py checks they are still nltk's, character for character.
# They are compiled, as nltk compiles them, by the ``regex`` module (an nltk dependency), whose
# character classes differ from ``re``'s at the edges; the flags are its (VERSION0, UNICODE,
# VERBOSE, MULTILINE).
_V0, _U, _X, _M = 0x2000, 0x20, 0x40, 0x8
_PUNKT_PATTERNS = {
    'period': ('\n        [\\.\\?!]             # a potential sentence ending\n        (?=(?P<after_tok>\n            (?:[)\\";}\\]\\*:@\\\'\\({\\[\\u2018\\u2019\\u201c\\u201d\\xab\\xbb\\?!])              # either other punctuation\n            |\n            \\s+(?P<next_tok>\\S+)     # or whitespace and some other token\n        ))', _V0 | _U | _X),
    'word': ('(\n        (?:\\-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)\n        |\n        (?=[^\\(\\"\\`{\\[:;&\\#\\*@\\)}\\]\\-,])\\S+?  # Accept word characters until end is found\n        (?= # Sequences marking a word\'s end\n            \\s|                                 # White-space\n            $|                                  # End-of-string\n            (?:[)\\";}\\]\\*:@\\\'\\({\\[\\u2018\\u2019\\u201c\\u201d\\xab\\xbb\\?!])|(?:\\-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)|          # Punctuation\n            ,(?=$|\\s|(?:[)\\";}\\]\\*:@\\\'\\({\\[\\u2018\\u2019\\u201c\\u201d\\xab\\xbb\\?!])|(?:\\-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)) # Comma if at end of word\n        )\n        |\n        \\S\n    )', _V0 | _U | _X),
    'realign': ('["\\\')\\]}\\u2018\\u2019\\u201c\\u201d\\xab\\xbb]+?(?:\\s+|(?=--)|$)', _V0 | _U | _M),
    'ellipsis': ('\\.\\.+$', _V0 | _U),
    'numeric': ('^-?[\\.,]?\\d[\\d,\\.-]*\\.?$', _V0 | _U),
    'initial': ('[^\\W\\d]\\.$', _V0 | _U),
}


def _raw(pattern):
    """The engine pattern inside nltk's ReDoS wrapper (nltk's patterns are fixed and linear)."""
    return getattr(pattern, "_rx", pattern)


class _Punkt:
    """``PunktSentenceTokenizer.span_tokenize`` for abbreviation-only parameters.

    Same candidate contexts, same realignment, same decisions as nltk (its
    patterns are reused, so the regex engine and its character classes are the
    same); only the per-token objects and timers are gone, and decisions are
    memoised by context string.
    """

    _END_CHARS = (".", "?", "!")
    _PUNCTUATION = (";", ":", ",", ".", "!", "?")  # PunktSentenceTokenizer.PUNCTUATION

    def __init__(self, abbrevs: frozenset[str]):
        import regex
        pat = {name: regex.compile(p, flags) for name, (p, flags) in _PUNKT_PATTERNS.items()}
        self.abbrevs = abbrevs
        self.period_re = pat["period"]
        self.word_re = pat["word"]
        self.realign_re = pat["realign"]
        self.ellipsis_re = pat["ellipsis"]
        self.numeric_re = pat["numeric"]
        self.initial_re = pat["initial"]
        self.contains_break = lru_cache(maxsize=8192)(self._contains_break)

    def _ends_sentence(self, tok: str, nxt: str) -> bool:
        """Punkt's final decision for a token followed by ``nxt`` (both passes)."""
        if tok in self._END_CHARS:
            return True
        if self.ellipsis_re.match(tok) or not tok.endswith(".") or tok.endswith(".."):
            return False
        low = tok[:-1].lower()
        if low in self.abbrevs or low.split("-")[-1] in self.abbrevs:
            return False
        typ = self.numeric_re.sub("##number##", tok.lower())
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        initial = bool(self.initial_re.match(tok))
        if initial or typ == "##number##":
            if nxt in self._PUNCTUATION or nxt[0].islower():
                return False  # orthographic heuristic: the next word does not start a sentence
            if initial and nxt[0].isupper():
                return False  # an initial before a capitalised word ("J. Bach")
        return True

    def _contains_break(self, context: str) -> bool:
        toks: list[str] = []
        for line in context.split("\n"):
            if line.strip():
                toks.extend(self.word_re.findall(line))
        return any(self._ends_sentence(toks[i], toks[i + 1]) for i in range(len(toks) - 1))

    def spans(self, text: str) -> list[tuple[int, int]]:
        slices: list[tuple[int, int]] = []
        last = 0
        # candidate contexts as nltk's _match_potential_end_contexts: the word before each
        # candidate (after the last string.whitespace character), overlapping ones merged
        prev_start = prev_stop = 0
        prev = None
        last_ws = _LAST_WS.search
        for m in self.period_re.finditer(text):
            ms = m.start()
            w = last_ws(text, prev_stop, ms)
            idx = w.start() - prev_stop if w else 0
            idx = idx + prev_stop + 1 if idx else prev_start
            if prev is not None and prev_stop <= idx:
                if self.contains_break(text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")):
                    slices.append((last, prev.end()))
                    last = prev.start("next_tok") if prev.group("next_tok") else prev.end()
            prev, prev_start, prev_stop = m, idx, ms
        if prev is not None:
            if self.contains_break(text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")):
                slices.append((last, prev.end()))
                last = prev.start("next_tok") if prev.group("next_tok") else prev.end()
        slices.append((last, len(text.rstrip())))
        if len(slices) == 1:
            s, e = slices[0]
            return [(s, e)] if s < e else []
        out: list[tuple[int, int]] = []
        realign = 0
        for i, (s, e) in enumerate(slices):
            s += realign
            if i + 1 == len(slices):
                if s < e:
                    out.append((s, e))
                continue
            s2, e2 = slices[i + 1]
            m = self.realign_re.match(text[s2:e2])
            if m:
                out.append((s, s2 + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if s < e:
                    out.append((s, e))
        return out


@lru_cache(maxsize=1)
def _punkt() -> _Punkt:
    return _Punkt(abbreviations())


def segment(text: str) -> list[Sentence]:
    """Sentences of the (furniture-blanked) analysis text, with offsets into it."""
    spans = _punkt().spans
    out: list[Sentence] = []
    # glued headings never cross a line, so one scan of the text finds every block's
    glued = [(m.start(), m.end()) for m in _GLUED_SPACES.finditer(text)
             if m.start() > 0 and text[m.start() - 1] in _LETTERS and text[m.end():m.end() + 1] in _GLUED_NEXT]
    gi, ng = 0, len(glued)
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        pos = ps
        while gi < ng and glued[gi][0] < pe:
            gs, ge = glued[gi]
            gi += 1
            if gs >= ps:
                _add(out, spans, text, pos, gs, pi)
                pos = ge
        _add(out, spans, text, pos, pe, pi)
    return out


def _add(out: list[Sentence], spans, text: str, bs: int, be: int, pi: int) -> None:
    chunk = text[bs:be]
    for ss, se in _rejoin(chunk, spans(chunk)):
        out.append(Sentence(bs + ss, bs + se, chunk[ss:se], pi))


_LAST_WORD = re.compile(r"(\S+)\.\Z")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


def _rejoin(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo two of Punkt's breaks that cannot be sentence ends.

    nltk breaks "until Feb. 10.\" He left" after "Feb." when a quote mark
    follows the number (the two period contexts overlap); an abbreviation
    before a number never ends a sentence ("Feb. 10", "No. 3"). Nor does an
    initialism before a lower-case word ("told the S.E.C. that"); before a
    capital the break stays, as it may be real.
    """
    if len(spans) < 2:
        return spans
    abbrevs = abbreviations()
    out = [spans[0]]
    for s, e in spans[1:]:
        ps, pe = out[-1]
        m = _LAST_WORD.search(chunk, ps, pe)
        if m and ((chunk[s:s + 1].isdigit() and m.group(1).lower() in abbrevs)
                  or (chunk[s:s + 1].islower() and _INITIALISM.fullmatch(m.group(0)))):
            out[-1] = (ps, e)
        else:
            out.append((s, e))
    return out
