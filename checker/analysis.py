"""Analysis: align the claims of a corpus and judge them; the JSON report.

``analyse`` is the middle of the pipeline: claims documents in (from
``claims/`` or fresh), the report out: ``{"report_version", "sources",
"events", "findings", "statements"}`` (``schemas/report.schema.json``).
Alignment (independence groups, entities, events, statements, and the
frame-based alignment of figures inside the judgement) lives in
``checker/align``; judgement in ``checker.compare``; wording and rendering
in ``checker/render``. ``checker report``, ``checker check`` and
``checker add`` all call this one function, so they judge alike.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .align import entities as entity_align
from .align import events as event_align
from .align import independence
from .align import quotes as quote_align
from .compare import Corpus, judge

REPORT_VERSION = 2  # 2: findings carry confidence and frame; status possible-conflict


def analyse(docs: list[dict[str, Any]], name: str = "corpus") -> dict[str, Any]:
    """Align and judge a corpus of claims documents; the JSON report (deterministic)."""
    docs = sorted(docs, key=lambda d: d["source"]["id"])
    sources = [d["source"] for d in docs]
    groups = independence.groups(sources)
    corpus = Corpus(docs, groups)
    entities = entity_align.build(docs)
    events = event_align.cluster(docs)
    statements = quote_align.group(quote_align.statements(docs, entities))
    findings = judge(events, statements, corpus, entities)
    counts = {d["source"]["id"]: len(d["claims"]) for d in docs}
    return {
        "report_version": REPORT_VERSION,
        "generator": f"checker {__version__}",
        "corpus": name,
        "sources": [{
            "id": s["id"], "path": s.get("path"), "url": s.get("url"), "outlet": s.get("outlet"), "published": s.get("published"),
            "wire": sorted(independence.wire_agencies(s)), "group": groups[s["id"]],
            "claims": counts[s["id"]], "furniture": len(s.get("furniture", [])),
        } for s in sources],
        "events": [{
            "id": e.id, "type": e.cls,
            "date": e.day.isoformat() if e.day else (f"XXXX-{e.monthday[0]:02d}-{e.monthday[1]:02d}" if e.monthday else None),
            "place": e.place, "sources": e.sources,
            "mentions": [{"source": m.source, "claim": m.claim_id, "line": m.line,
                          "ordinal": _ordinal_text(m)} for m in sorted(e.mentions, key=lambda m: (m.source, m.start))],
        } for e in events],
        "findings": [f.as_dict() for f in findings],
        "statements": [{
            "id": g.id, "speakers": g.speakers, "sources": g.sources,
            "members": [{"source": m.source, "claim": m.claim_id, "direct": m.direct, "text": m.text}
                        for m in g.members],
        } for g in statements if len(g.sources) > 1],
    }


def _ordinal_text(m: event_align.Mention) -> str | None:
    o = m.ordinal or {}
    if isinstance(o.get("n"), int):
        return f"{o['n']} ({o.get('unit') or '?'})"
    return o.get("relative")
