"""Typed records returned by the extractors, and the contract they follow.

Every extractor module exposes ``extract(doc, found) -> list[Record]`` where
``doc`` is a ``checker.model.Document`` and ``found`` maps the kinds already
extracted (in ``checker.extract.ORDER``) to their records, so later extractors
(quotes, events) can build on earlier ones.

A record's ``start``/``end`` index ``doc.text`` (the analysis text), never the
raw file: ``checker.claims`` maps them to citable evidence. ``value`` is the
normalised value that goes to the claims file unchanged (it must follow
``schemas/claims.schema.json``); ``spans`` names extra analysis-text spans
(e.g. the speaker mention of a quote) that are cited as evidence too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Document, SourceMeta
from ..text import segment


@dataclass(frozen=True, slots=True)
class Record:
    kind: str  # date, time, duration, count, ordinal, quote, event, entity
    start: int
    end: int
    value: dict[str, Any]
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    frame: dict[str, Any] | None = None  # what a measure claim measures (checker.extract.frames)


class Extractor(Protocol):
    def __call__(self, doc: Document, found: dict[str, list[Record]]) -> list[Record]: ...


def make_doc(text: str, published: str | None = None, source_id: str = "test") -> Document:
    """A Document straight from a string (tests, drafts): no furniture, identity offsets."""
    meta = SourceMeta(id=source_id, path=f"<{source_id}>", published=published)
    doc = Document(meta=meta, raw=text, text=text)
    doc.sentences = segment(text)
    return doc
