"""Finding quotations by their marks (layer 1 of ``quotes``).

Pairing curly, straight, single and typewriter marks per paragraph, carrying a
quote over into the next paragraph, and ending a quote whose page lost one of
its marks is a problem of its own, apart from who said the words: it lives
here, mixed into ``quotes._Extractor``, and hands ``_Quote`` spans to the
attribution rules.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .. import settings
from ..model import Sentence
from . import names
from .quote_cues import _in_quote_attr_re
from .quote_spans import _MARK, _Quote, _trim

_AFTER_CUE = re.compile(r"(?:\s+that\b)?\s*[,:]?\s*")
# typewriter double quotes written as two marks (''...'' or ``...''), as in NYT archive text
_TWO_MARKS = re.compile(r"''|``")
_OPEN_D, _CLOSE_D, _AMBIG_D, _OPEN_S, _CLOSE_S = range(5)
_MAX_CONT_PARAS = 8


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


class _QuoteMarks:
    """Quote finding; ``quotes._Extractor`` provides the state and the lookups (``sent_at``,
    ``cues_between``) and ``quote_speakers`` the speaker reading an in-quote attribution needs."""

    text: str
    blocks: list[tuple[int, int, list[Sentence]]]
    sents: list[Sentence]

    def _classify(self, pos: int, ch: str, ps: int, pe: int) -> int | None:
        t = self.text
        prev = t[pos - 1] if pos > ps else " "
        nxt = t[pos + 1] if pos + 1 < pe else " "
        if ch == "“" and (prev.isalnum() or prev in ".,!?") and (nxt.isspace() or nxt in ".,;:!?)" or pos + 1 >= pe):
            return _CLOSE_D  # “...,“ said X: a page that typed the opening mark for the closing one
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
                    if carry is None and text[_trim(text, seg_start, pe)[0]:][:1].islower():
                        # a partial quote opened inside a sentence ('said it “is monitoring ...')
                        # lost its closing mark: only a full paragraph of quotation runs on
                        nxt_open = False
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
        # the first closing mark at or after each index, found once: an opening mark looks it up
        # instead of walking every unmatched mark after it (quadratic on "'s 's 's ...")
        n = len(singles)
        next_close = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            next_close[k] = k if singles[k][1] == _CLOSE_S else next_close[k + 1]
        limit = settings.SETTINGS.single_quote_reach
        i = 0
        while i < n:
            pos, c = singles[i]
            k = bisect.bisect_right(starts, pos) - 1
            if c != _OPEN_S or (k >= 0 and reach[k] > pos):
                i += 1
                continue
            sent = self.sent_at(pos)
            j = next_close[i + 1]
            if j < n and singles[j][0] < sent.end and singles[j][0] - pos <= limit:
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
