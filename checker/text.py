"""Sentence segmentation of the article body, keeping offsets.

Uses nltk's Punkt tokenizer parameterised in code (abbreviations from
``data/abbreviations.txt``), so no nltk_data download is ever needed.
Paragraph structure comes first: every line is a block (news pages put one
paragraph per line and headlines carry no final period), except that a line
that stops mid-sentence and is followed by a line starting in lower case is
joined to it (pages sometimes break a paragraph in two).

Notes: the join rule and the glued-heading rule (two or more spaces between a
heading fragment and the body) come from copy-pasted news pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .model import Sentence

_LINE = re.compile(r"[^\r\n]+")
_GLUED_HEADING = re.compile(r"(?<=[A-Za-z])[ \t\u00a0]{2,}(?=[A-Z\"“‘])")
_TERMINAL = tuple(".!?:;\"”’'…)")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    text = resources.files("checker.data").joinpath("abbreviations.txt").read_text("utf-8")
    return frozenset(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
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


def _split_block(text: str, s: int, e: int):
    """Sub-blocks of a block split at glued headings."""
    pos = s
    for m in _GLUED_HEADING.finditer(text, s, e):
        yield pos, m.start()
        pos = m.end()
    yield pos, e


def segment(text: str) -> list[Sentence]:
    """Sentences of the (furniture-blanked) analysis text, with offsets into it."""
    tok = _tokenizer()
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        for bs, be in _split_block(text, ps, pe):
            chunk = text[bs:be]
            for ss, se in tok.span_tokenize(chunk):
                out.append(Sentence(bs + ss, bs + se, chunk[ss:se], pi))
    return out
