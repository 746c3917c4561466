"""The HTML view: one self-contained page an editor opens in a browser, offline.

The summary comes first, then each finding with its sides; each citation links to the claim in
the source's own text below, where every claim is highlighted, and each highlighted claim links
back to the findings that cite it. The page carries no script at all and forbids any by its
Content-Security-Policy, so a hostile article (``<script>``, event handlers, ``javascript:``
URLs) can only ever appear as text: everything from a source goes through ``html.escape`` and
the only URLs written are fragment links the renderer makes itself and http(s) source URLs.

Notes: highlighting by nested ``<span>`` elements and jumping with fragment links and the CSS
``:target`` pseudo-class is the plain-HTML pattern of annotated-text viewers such as brat's
static export and Hypothesis' fallback; it needs no JavaScript.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Any

from ..compare import STATUSES
from .markdown import _CONTROL

_TITLES = {"conflict": "Conflicts", "possible-conflict": "Possible conflicts", "variant": "Variants",
           "agree": "Agreements", "single-source": "Single-source claims", "unresolved": "Unresolved"}
_NL = re.compile(r"\r\n|\r|\n")  # the line ends claims' line numbers count
_SAFE_URL = re.compile(r"https?://[^\s\"'<>`]+\Z", re.I)

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60em;padding:1em 2em;color:#222}
h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1.05em;margin-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
.finding{border-left:4px solid #ccc;padding:.2em 0 .2em 1em;margin:1em 0}
.finding.conflict{border-color:#c0392b}.finding.possible-conflict{border-color:#e67e22}
.finding.variant{border-color:#f1c40f}.finding.agree{border-color:#27ae60}
.status{font-size:.8em;text-transform:uppercase;letter-spacing:.05em;color:#555}
.finding:target{background:#fff6d6}
ul.cites{padding-left:1.2em}ul.cites li{margin:.2em 0}
.source-text{font:13px/1.6 ui-monospace,monospace;white-space:pre-wrap;word-wrap:break-word;
  border:1px solid #ddd;padding:.5em 1em;background:#fafafa}
.ln{color:#999;user-select:none;display:inline-block;min-width:3em}
.claim{background:#e3ecfb;border-bottom:1px solid #7aa0e0}
.claim:target{background:#ffe066;outline:2px solid #d4a000}
.furniture{color:#aaa}
.back{font-size:.75em;text-decoration:none;vertical-align:super}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'"


def _e(text: Any) -> str:
    """Source text made inert: control and bidi characters dropped, HTML escaped (quotes too)."""
    return html.escape(_CONTROL.sub("", "" if text is None else str(text)), quote=True)


def _element_id(prefix: str, value: str) -> str:
    """An element id: a prefix per thing (c- claim, s- source, f- finding), safe characters only."""
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "_", value)


def anchor(claim_id: str) -> str:
    """The element id of a claim in the source text."""
    return _element_id("c-", claim_id)


def _sid(source_id: str) -> str:
    return _element_id("s-", source_id)


def _fid(finding_id: str) -> str:
    return _element_id("f-", finding_id)


def _nest(claims: list[dict[str, Any]], size: int) -> list[tuple[int, int, dict[str, Any]]]:
    """Claim spans that nest properly: sorted by start (longest first), a span crossing the end of
    the one that contains its start is clipped there; empty or out-of-range spans are dropped."""
    spans = []
    for c in sorted(claims, key=lambda c: (c["evidence"]["start"], -c["evidence"]["end"], c["id"])):
        s, e = c["evidence"]["start"], min(c["evidence"]["end"], size)
        if 0 <= s < e:
            spans.append((s, e, c))
    out: list[tuple[int, int, dict[str, Any]]] = []
    stack: list[int] = []  # ends of open spans
    for s, e, c in spans:
        while stack and stack[-1] <= s:
            stack.pop()
        if stack:
            e = min(e, stack[-1])
        out.append((s, e, c))
        stack.append(e)
    return out


def _source_text(raw: str, claims: list[dict[str, Any]], cited_by: dict[str, list[str]],
                 furniture: list[tuple[int, int]]) -> str:
    """The source with line numbers, every claim in a span with an id, furniture greyed."""
    events: dict[int, list[tuple[int, str]]] = {}  # offset -> (order, markup); closes before opens
    for s, e, c in _nest(claims, len(raw)):
        title = f"{c['kind']} (line {c['evidence']['line']}, col {c['evidence']['column']})"
        events.setdefault(s, []).append((1, f'<span class="claim" id="{anchor(c["id"])}" title="{_e(title)}">'))
        back = "".join(f'<a class="back" href="#{_fid(f)}">&#8617;</a>' for f in cited_by.get(c["id"], [])[:3])
        events.setdefault(e, []).append((0, "</span>" + back))
    fur = sorted((s, e) for s, e in furniture if s < e)
    fur_starts = [s for s, _e in fur]

    def in_furniture(i: int) -> bool:
        k = bisect.bisect_right(fur_starts, i) - 1
        return k >= 0 and fur[k][1] > i

    out: list[str] = ['<span class="ln">1</span>']
    line_no = 1
    pos = 0
    breaks = {m.start(): m.end() for m in _NL.finditer(raw)}
    cuts = set(events) | set(breaks) | {x for span in fur for x in span}
    for cut in sorted(c for c in cuts if 0 <= c <= len(raw)) + [len(raw)]:
        if cut > pos:
            chunk = _e(raw[pos:cut])
            out.append(f'<span class="furniture">{chunk}</span>' if in_furniture(pos) else chunk)
            pos = cut
        for _order, markup in sorted(events.pop(cut, []), key=lambda t: t[0]):  # closes before opens
            out.append(markup)
        if cut in breaks and pos == cut:
            line_no += 1
            out.append(f'\n<span class="ln">{line_no}</span>')
            pos = breaks[cut]
    return "".join(out)


def render(report: dict[str, Any], docs: list[dict[str, Any]], texts: dict[str, str],
           furniture: dict[str, list[tuple[int, int]]] | None = None,
           reviews: dict[str, Any] | None = None) -> str:
    """The HTML page. ``texts`` maps source id to its original text (the offsets claims cite),
    ``furniture`` source id to the raw spans set aside as page furniture."""
    reviews = reviews or {}
    furniture = furniture or {}
    dismissed = {fid for fid, r in reviews.items() if r.dismissed}
    claims = {c["id"]: c for d in docs for c in d["claims"]}
    outlets = {s["id"]: s.get("outlet") or s["id"] for s in report["sources"]}
    cited_by: dict[str, list[str]] = {}
    by_status: dict[str, list[dict]] = {s: [] for s in STATUSES}
    reviewed: list[dict] = []  # dismissed as false alarms: shown apart, after the findings
    for f in report["findings"]:
        (reviewed if f["id"] in dismissed else by_status[f["status"]]).append(f)
        for cid in f["claims"]:
            cited_by.setdefault(cid, []).append(f["id"])

    h: list[str] = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                    f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>Consistency report: {_e(report['corpus'])}</title>",
                    f"<style>{_CSS}</style></head><body>",
                    f"<h1>Consistency report: {_e(report['corpus'])}</h1>"]
    n_ind = len({s["group"] for s in report["sources"]})
    h.append(f"<p>{len(report['sources'])} sources, {n_ind} independent. Generated by "
             f"{_e(report['generator'])}. Each citation links to the claim in its source below.</p>")

    h.append('<h2 id="summary">Check before publishing</h2>')
    top = [f for f in by_status["conflict"] + by_status["possible-conflict"] if f["id"] not in dismissed]
    if top:
        h.append("<ol>")
        for f in top:
            sides = " vs ".join(", ".join(_e(outlets.get(s, s)) for s in side) for side in f["sides"])
            label = "conflict" if f["status"] == "conflict" else "possible conflict"
            h.append(f'<li><a href="#{_fid(f["id"])}">{_e(f["title"])}</a> ({label}): {sides}</li>')
        h.append("</ol>")
    else:
        h.append("<p>No conflicts found.</p>")
    h.append("<table><tr><th>status</th><th>findings</th></tr>" + "".join(
        f'<tr><td><a href="#{s}">{_e(s)}</a></td><td>{len(by_status[s])}</td></tr>' for s in STATUSES) + "</table>")

    h.append('<h2 id="sources">Sources</h2><table><tr><th>outlet</th><th>source</th><th>published</th>'
             "<th>wire</th><th>copy of</th><th>claims</th></tr>")
    for s in report["sources"]:
        url = s.get("url")
        outlet = _e(s.get("outlet") or "?")
        if url and _SAFE_URL.match(url):
            outlet = f'<a href="{_e(url)}" rel="noreferrer noopener">{outlet}</a>'
        h.append(f'<tr><td>{outlet}</td><td><a href="#{_sid(s["id"])}"><code>{_e(s["id"])}</code></a></td>'
                 f'<td>{_e(s.get("published") or "unknown")}</td><td>{_e(", ".join(s.get("wire") or [])) or "-"}</td>'
                 f'<td>{_e(s["group"]) if s["group"] != s["id"] else "-"}</td><td>{s.get("claims", 0)}</td></tr>')
    h.append("</table>")

    sections = [(status, _TITLES[status], by_status[status]) for status in STATUSES]
    if reviewed:
        sections.append(("reviewed", "Dismissed by review as false alarms", reviewed))
    for status, title, found in sections:
        h.append(f'<h2 id="{status}">{title} ({len(found)})</h2>')
        if not found:
            h.append("<p>None.</p>")
        for f in found:
            h.append(f'<div class="finding {_e(f["status"])}" id="{_fid(f["id"])}">')
            h.append(f'<div class="status">{_e(f["status"])}</div><h3>{_e(f["title"])}</h3><p>{_e(f["explanation"])}</p>')
            if f["id"] in reviews:
                r = reviews[f["id"]]
                who = f" by {_e(r.by)}" if r.by else ""
                h.append(f"<p><strong>{_e(r.decision)}{who}</strong> ({_e(r.state)}): {_e(r.note)}</p>")
            if len(f["sides"]) > 1:
                h.append("<table><tr><th>side</th><th>value</th><th>outlets</th></tr>")
                for i, (side, v) in enumerate(zip(f["sides"], f["values"] or [""] * len(f["sides"]))):
                    h.append(f"<tr><td>{i + 1}</td><td>{_e(v)}</td><td>"
                             f"{_e(', '.join(outlets.get(s, s) for s in side))}</td></tr>")
                h.append("</table>")
            h.append('<ul class="cites">')
            for cid in f["claims"]:
                c = claims.get(cid)
                if not c:
                    continue
                ev = c["evidence"]
                h.append(f'<li>{_e(outlets.get(c["source"], c["source"]))}, '
                         f'<a href="#{anchor(cid)}">line {ev["line"]}, col {ev["column"]}</a>: '
                         f'&ldquo;{_e(ev["text"])}&rdquo;</li>')
            h.append("</ul></div>")

    h.append('<h2 id="texts">Source texts</h2>')
    for s in report["sources"]:
        doc_claims = [c for d in docs if d["source"]["id"] == s["id"] for c in d["claims"]]
        raw = texts.get(s["id"])
        h.append(f'<h3 id="{_sid(s["id"])}">{_e(s.get("outlet") or s["id"])} '
                 f'<code>{_e(s["id"])}</code></h3>')
        if raw is None:
            h.append("<p>The source text is not available.</p>")
            continue
        h.append(f'<div class="source-text">{_source_text(raw, doc_claims, cited_by, furniture.get(s["id"], []))}</div>')
    h.append("</body></html>")
    return "\n".join(h) + "\n"
