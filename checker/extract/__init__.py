"""Claim extractors, one module per claim kind, run in dependency order.

``ORDER`` lists (kind, module name); each module's ``extract(doc, found)``
sees the records of the kinds before it. A last pass (``frames.assign``) gives
every date, duration, count and ordinal its frame: what it measures.
"""

from __future__ import annotations

from importlib import import_module

from ..model import Document
from .base import Record

ORDER: tuple[tuple[str, str], ...] = (
    ("entity", "entities"),
    ("date", "dates"),
    ("time", "times"),
    ("duration", "durations"),
    ("count", "counts"),
    ("ordinal", "ordinals"),
    ("quote", "quotes"),
    ("event", "events"),
)
KINDS = tuple(k for k, _ in ORDER)


def extract_all(doc: Document, kinds: tuple[str, ...] = KINDS) -> dict[str, list[Record]]:
    """Run the extractors for ``kinds`` (and what they depend on) over one document."""
    found: dict[str, list[Record]] = {}
    wanted = set(kinds)
    last = max(KINDS.index(k) for k in wanted)
    for kind, mod in ORDER[: last + 1]:
        module = import_module(f".{mod}", __name__)
        found[kind] = sorted(module.extract(doc, found), key=lambda r: (r.start, r.end))
    if "event" in found:  # frames need the event anchors: only a full run has them
        from .frames import assign
        found = assign(doc, found)
    return {k: v for k, v in found.items() if k in wanted}
