"""The consistency report: a JSON document (public contract) and its Markdown rendering.

``build`` aligns and judges a corpus of claims documents and returns the JSON
report ``{"sources", "events", "findings", "statements"}``; ``markdown``
renders it for an editor who reads top to bottom and checks any line against
the sources in seconds: sources, summary, conflicts, variants, agreements,
single-source claims, unresolved ones, timeline, quotes. Everything taken from
a source is escaped, so a quote with ``|``, ``*``, backticks, HTML or terminal
escapes cannot break the Markdown. Output is deterministic.
"""

from __future__ import annotations

import re
from typing import Any

from tabulate import tabulate

from . import __version__
from .align import entities as entity_align
from .align import events as event_align
from .align import independence
from .align import quotes as quote_align
from .align import timex
from .compare import STATUSES, Corpus, judge

REPORT_VERSION = 2
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str | None, limit: int | None = None) -> str:
    """Source text made inert for Markdown tables and terminals: one line, specials escaped."""
    if text is None:
        return ""
    t = _CONTROL.sub("", str(text))
    t = " ".join(t.split())
    if limit and len(t) > limit:
        t = t[: limit - 1] + "…"
    t = t.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", t)


def build(docs: list[dict[str, Any]], name: str = "corpus") -> dict[str, Any]:
    """Align and judge a corpus of claims documents; the JSON report."""
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
            "id": s["id"], "path": s.get("path"), "outlet": s.get("outlet"), "published": s.get("published"),
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


# -- Markdown ---------------------------------------------------------------

# statuses listed one row per finding: there are many and each stands on one citation
COMPACT = ("single-source", "unresolved")


def _compact(findings: list[dict[str, Any]], claims: dict[str, dict], outlets: dict[str, str]) -> list[str]:
    rows = []
    for f in findings:
        c = claims.get(f["claims"][0]) if f["claims"] else None
        ev = c["evidence"] if c else {"line": "?", "column": "?", "text": ""}
        where = ", ".join(outlets[s] for side in f["sides"] for s in side)
        rows.append([escape(f["title"]), escape(", ".join(f["values"])), escape(where),
                     f"`{c['source']}` {ev['line']}:{ev['column']}" if c else "-", escape(ev["text"], 160),
                     f"`{f['id']}`"])
    return [tabulate(rows, headers=["claim", "value", "outlets", "where", "evidence", "finding"],
                     tablefmt="github"), ""]


def _cite(claim: dict[str, Any], outlet: str) -> str:
    ev = claim["evidence"]
    sent = (claim.get("sentence") or {}).get("text") or ev["text"]
    where = f"{escape(outlet)}, `{claim['source']}` line {ev['line']}, col {ev['column']}"
    if claim.get("attributed_to"):
        where += f" (attributed to {escape(claim['attributed_to']['speaker'])})"
    if sent.strip() != ev["text"].strip():
        return f"{where}: “{escape(ev['text'], 120)}” in “{escape(sent, 240)}”"
    return f"{where}: “{escape(ev['text'], 240)}”"


def markdown(report: dict[str, Any], docs: list[dict[str, Any]], changes: list[str] | None = None,
             reviews: dict[str, tuple[str, str]] | None = None) -> str:
    """The report for an editor; ``changes`` (since the previous run) and ``reviews`` (finding id ->
    (review state, note)) come from ``checker.workflow``."""
    reviews = reviews or {}
    claims = {c["id"]: c for d in docs for c in d["claims"]}
    outlets = {s["id"]: s.get("outlet") or s["id"] for s in report["sources"]}
    lines: list[str] = [f"# Consistency report: {escape(report['corpus'])}", ""]
    n_src = len(report["sources"])
    n_ind = len({s["group"] for s in report["sources"]})
    lines += [f"{n_src} sources, {n_ind} independent. Generated by {report['generator']}. "
              "Every line cites source, line and column in the original file.", ""]

    lines += ["## Sources", ""]
    rows = [[escape(s["outlet"] or "?"), f"`{s['id']}`", s["published"] or "unknown",
             ", ".join(s["wire"]) or "-", f"`{s['group']}`" if s["group"] != s["id"] else "-",
             s["claims"], s["furniture"]] for s in report["sources"]]
    lines += [tabulate(rows, headers=["outlet", "source", "published", "wire", "copy of", "claims",
                                      "furniture set aside"], tablefmt="github"), ""]

    by_status: dict[str, list[dict]] = {s: [] for s in STATUSES}
    for f in report["findings"]:
        by_status[f["status"]].append(f)
    lines += ["## Summary", ""]
    lines += [tabulate([[s, len(by_status[s])] for s in STATUSES], headers=["status", "findings"],
                       tablefmt="github"), ""]

    if changes is not None:
        lines += ["## Changes since the previous run", ""]
        lines += [f"- {escape(c)}" for c in changes] + [""]

    titles = {"conflict": "Conflicts", "possible-conflict": "Possible conflicts (check: the figures may measure different things)",
              "variant": "Variants", "agree": "Agreements",
              "single-source": "Single-source claims", "unresolved": "Unresolved"}
    for status in STATUSES:
        lines += [f"## {titles[status]}", ""]
        if not by_status[status]:
            lines += ["None.", ""]
            continue
        if status in COMPACT:
            lines += _compact(by_status[status], claims, outlets)
            continue
        for f in by_status[status]:
            lines += [f"### {escape(f['title'])} (`{f['id']}`)", "",
                      escape(f["explanation"]), ""]
            if f["id"] in reviews:
                state, note = reviews[f["id"]]
                mark = "Reviewed" if state == "reviewed" else "**Needs review again** (its evidence changed)"
                lines += [f"{mark}: {escape(note)}", ""]
            if status in ("conflict", "possible-conflict") and f.get("confidence", 1.0) < 1.0:
                lines += [f"Confidence that these figures measure the same thing: {f['confidence']:.2f}.", ""]
            if len(f["sides"]) > 1 or status in ("conflict", "possible-conflict", "variant"):
                rows = [[i + 1, escape(v), escape(", ".join(outlets[s] for s in side))]
                        for i, (side, v) in enumerate(zip(f["sides"], f["values"] or [""] * len(f["sides"])))]
                lines += [tabulate(rows, headers=["side", "value", "outlets"], tablefmt="github"), ""]
            for cid in f["claims"]:
                c = claims.get(cid)
                if c:
                    lines.append(f"- {_cite(c, outlets.get(c['source'], c['source']))}")
            lines.append("")

    if reviews:
        lines += ["## Reviews", ""]
        rows = [[f"`{fid}`", state, escape(note, 200)] for fid, (state, note) in sorted(reviews.items())]
        lines += [tabulate(rows, headers=["finding", "state", "note"], tablefmt="github"), ""]

    lines += ["## Timeline", ""]
    rows = []
    for e in report["events"]:
        ords = sorted({f"{outlets[m['source']]}: {m['ordinal']}" for m in e["mentions"] if m["ordinal"]})
        rows.append([timex.human(e["date"]) if e["date"] else "undated", f"`{e['id']}`", escape(e["place"] or "-"),
                     escape(", ".join(outlets[s] for s in e["sources"])), escape("; ".join(ords)) or "-"])
    lines += [tabulate(rows, headers=["date", "event", "place", "outlets", "ordinals as given"],
                       tablefmt="github") if rows else "No events.", ""]

    lines += ["## Quotes", ""]
    if not report["statements"]:
        lines += ["No statement is reported by more than one source.", ""]
    for g in report["statements"]:
        lines += [f"### {escape(', '.join(g['speakers']))} (`{g['id']}`)", ""]
        rows = []
        for m in g["members"]:
            c = claims.get(m["claim"], {})
            line = c.get("evidence", {}).get("line", "?")
            rows.append([escape(outlets[m["source"]]), line, "direct" if m["direct"] else "indirect",
                         escape(m["text"], 400)])
        lines += [tabulate(rows, headers=["outlet", "line", "form", "wording"], tablefmt="github"), ""]
    return "\n".join(lines).rstrip() + "\n"
