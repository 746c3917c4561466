"""Core types shared by every stage of the pipeline.

A source file is decoded once into ``Document.raw``. Extractors never look at
``raw``: they read ``Document.text``, the *analysis text*, in which markup is
removed, entities are decoded and page furniture is blanked out. ``OffsetMap``
maps every analysis-text offset back to ``raw`` so that evidence always cites
the original file (``raw[start:end] == evidence.text``).

Extractors return typed records carrying analysis-text offsets; only
``Document.evidence`` turns them into citable evidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim stands in the original file: offsets, 1-based line/column, exact text."""

    text: str
    start: int
    end: int
    line: int
    column: int

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "line": self.line, "column": self.column}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article body; ``start``/``end`` index ``Document.text``."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the body paragraph the sentence belongs to


@dataclass(frozen=True, slots=True)
class Furniture:
    """A region of the page that is not the article (teaser, footer, widget ...)."""

    start: int  # raw offsets
    end: int
    reason: str


@dataclass
class SourceMeta:
    """What is known about a source; ``*_from`` fields say where each value came from."""

    id: str
    path: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    published_from: str | None = None  # "text", "header", "manifest", "flag"
    url: str | None = None
    byline: str | None = None
    syndication: list[dict] = field(default_factory=list)  # [{"marker", "agency", "kind"}]
    encoding: str = "utf-8"
    encoding_note: str | None = None  # set when the encoding was guessed
    sha256: str = ""


class OffsetMap:
    """Piecewise map from analysis-text offsets to raw offsets.

    Built from segments ``(text_start, raw_start, length, copied)``: a copied
    segment maps character by character; a replaced segment (an entity, a
    removed tag) maps every offset inside it to its raw start, and its end to
    its raw end.
    """

    __slots__ = ("_tstarts", "_segs", "_text_len", "_raw_len")

    def __init__(self, segments: list[tuple[int, int, int, int, bool]], text_len: int, raw_len: int):
        # segments: (text_start, text_len, raw_start, raw_len, copied)
        self._segs = segments
        self._tstarts = [s[0] for s in segments]
        self._text_len = text_len
        self._raw_len = raw_len

    def __call__(self, offset: int) -> int:
        if not self._segs:
            return offset
        if offset >= self._text_len:
            return self._raw_len
        i = bisect.bisect_right(self._tstarts, offset) - 1
        if i < 0:
            return 0
        t0, _tl, r0, _rl, copied = self._segs[i]
        return r0 + (offset - t0) if copied else r0

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self(start)
            return s, s
        s = self(start)
        # the end of a span is the end of its last character
        e_last = end - 1
        i = bisect.bisect_right(self._tstarts, e_last) - 1
        if i < 0 or not self._segs:
            return s, end
        t0, _tl, r0, rl, copied = self._segs[i]
        e = r0 + (e_last - t0) + 1 if copied else r0 + rl
        return s, e


@dataclass
class Document:
    """One decoded source: the original text, the analysis text and the body's sentences."""

    meta: SourceMeta
    raw: str
    text: str
    offsets: OffsetMap | None = None  # None: text and raw share offsets
    _sentences: list[Sentence] | None = field(default=None, repr=False)  # see ``sentences``
    furniture: list[Furniture] = field(default_factory=list)
    notes: dict = field(default_factory=dict, repr=False)  # results one stage leaves for a later one
    _line_starts: list[int] | None = field(default=None, repr=False)
    _sentence_starts: list[int] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def sentences(self) -> list[Sentence]:
        """The body's sentences (of ``text``), segmented on first use: a run that reuses a
        source's stored claims never pays for them."""
        if self._sentences is None:
            from .text import segment
            self._sentences = segment(self.text)
        return self._sentences

    @sentences.setter
    def sentences(self, value: list[Sentence]) -> None:
        self._sentences = value

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of an analysis-text span."""
        if self.offsets is None:
            return start, end
        return self.offsets.to_raw(start, end)

    def line_col(self, raw_offset: int) -> tuple[int, int]:
        """1-based line and column of a raw offset (lines end at \n, \r\n or \r)."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.raw)]
        line = bisect.bisect_right(self._line_starts, raw_offset)
        return line, raw_offset - self._line_starts[line - 1] + 1

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for an analysis-text span, citing the original file."""
        rs, re_ = self.raw_span(start, end)
        line, col = self.line_col(rs)
        return Evidence(self.raw[rs:re_], rs, re_, line, col)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The body sentence containing an analysis-text offset."""
        if self._sentence_starts is None or len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None
