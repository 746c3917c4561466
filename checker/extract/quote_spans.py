"""Records and span arithmetic shared by the quote-extraction modules.

A quote (``_Quote``), an attribution (``_Attr``) and its ``Speaker`` are built
by every rule module and read by ``quotes``, which mixes the rules together;
keeping them, the trimming of spans and the token patterns below the rule
modules lets those import them without importing ``quotes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..settings import SETTINGS
from .entities import Entity

_MARK = re.compile(r"[\"“”„«»‘’']")
_WORD = re.compile(r"[\w'’.-]+")
_BLANKS = re.compile(r"[ \t]+")
# how far (characters) a reported clause, or the search for a cue's neighbours, reaches within a
# sentence: far beyond any real news sentence, it keeps a run-on sentence of hundreds of cues
# ("A said that B said that ...") linear instead of quadratic
_REACH = SETTINGS.statement_reach


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


def _back_space(text: str, e: int, lo: int) -> int:
    while e > lo and text[e - 1].isspace():
        e -= 1
    return e


def _back_chars(text: str, e: int, lo: int, chars: str) -> int:
    while e > lo and (text[e - 1].isspace() or text[e - 1] in chars):
        e -= 1
    return e


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
