"""Sources: read a file, decode it, find its metadata and its page furniture.

``load_document`` is the single entry point; it returns a ``Document`` whose
analysis text has markup removed and furniture blanked, and whose sentences
cover the article body only.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..model import Document, SourceMeta
from ..text import segment
from .textmap import TextBuilder

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def source_id(path: str | Path) -> str:
    """Stable id from the file name: its stem, lower-cased, safe characters only."""
    stem = Path(path).stem.lower()
    sid = re.sub(r"[^a-z0-9_.-]+", "-", stem).strip("-.")
    return sid or "source"


def load_document(path: str | Path, overrides: dict | None = None) -> Document:
    p = Path(path)
    data = p.read_bytes()
    raw = data.decode("utf-8-sig")
    meta = SourceMeta(id=source_id(p), path=str(p), sha256=hashlib.sha256(data).hexdigest())
    for k, v in (overrides or {}).items():
        if v is not None:
            setattr(meta, k, v)
    tb = TextBuilder(raw)
    pos = 0
    for m in _TAG.finditer(raw):
        tb.copy(pos, m.start())
        tb.replace(m.start(), m.end(), "")
        pos = m.end()
    tb.copy(pos, len(raw))
    text, offsets = tb.build()
    doc = Document(meta=meta, raw=raw, text=text, offsets=offsets)
    doc.sentences = segment(text)
    return doc
