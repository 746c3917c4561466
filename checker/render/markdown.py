"""The Markdown report, for an editor who reads top to bottom and checks any
line against the sources in seconds: sources, summary, changes, conflicts,
possible conflicts, variants, agreements, single-source claims, unresolved
ones, reviews, timeline, quotes.

Everything taken from a source is escaped, so a quote with ``|``, ``*``,
backticks, HTML or terminal escapes cannot break the Markdown. Output is
deterministic.
"""

from __future__ import annotations

import bisect
import re
import textwrap
from functools import cache
from importlib import resources
from typing import Any

from tabulate import tabulate

from ..align import timex
from ..compare import STATUSES
from ..sources.markup import strip_markup

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str | None, limit: int | None = None) -> str:
    """Source text made inert for Markdown tables and terminals: one line, specials escaped."""
    if text is None:
        return ""
    t = _CONTROL.sub("", str(text))
    t = " ".join(t.split())
    if limit and len(t) > limit:
        t = t[: limit - 1] + "…"
    t = _ENTITY_START.sub("&amp;", t)  # only an '&' that would start an entity: "Tom & Co" reads as is
    return _MD_SPECIAL.sub(r"\\\1", t)


def shown(text: str | None, limit: int | None = None) -> str:
    """Text quoted from a source as a reader sees it: inline markup (``<u>said</u>``) and entities
    removed, then escaped."""
    return escape(strip_markup(text).text() if text and ("<" in text or "&" in text) else text, limit)


_BLOCK_START = re.compile(r"^(?:(?P<mark>[-+*#=](?=\s|$)|>)|(?P<num>\d+)(?P<dot>[.)])(?=\s|$))")
WIDTH = 100  # Markdown lines wrap here: evidence is read in a terminal or a diff as often as rendered


def wrap(line: str, indent: str = "  ") -> list[str]:
    """A long list item as several lines (Markdown joins them); code spans are never split."""
    if len(line) <= WIDTH:
        return [line]
    out = textwrap.wrap(line, WIDTH, subsequent_indent=indent, break_long_words=False,
                        break_on_hyphens=False)
    # a continuation line must not start a block of its own ('- x', '1. x', '# x', '> x')
    return out[:1] + [indent + _BLOCK_START.sub(_unblock, o[len(indent):]) for o in out[1:]]


def _unblock(m: re.Match) -> str:
    return "\\" + m["mark"] if m["mark"] else m["num"] + "\\" + m["dot"]


# Which conflicts an editor checks first: certain before possible, then by what is at stake —
# numbers and dates are printed facts, wording is judgement.
_KIND_RANK = {"count": 0, "date": 1, "time": 2, "duration": 3, "ordinal": 4, "numbering": 4,
              "place": 5, "quote": 6}


def _priority(f: dict[str, Any]) -> tuple:
    return (f["status"] != "conflict", -f.get("confidence", 1.0), _KIND_RANK.get(f["kind"], 7), f["id"])


def _review_line(r: Any) -> str:
    """How a review reads beside its finding: the decision, who took it, the note; reopened when
    the finding's evidence changed since."""
    who = f" by {escape(r.by)}" if r.by else ""
    word = {"confirmed": "Confirmed", "dismissed": "Dismissed as a false alarm", "noted": "Reviewed"}[r.decision]
    if r.state == "needs review again":
        return f"**Needs review again** (its evidence changed since it was {word.lower()}{who}): {escape(r.note)}"
    if r.state == "finding gone":
        return f"{word}{who}, finding no longer reported: {escape(r.note)}"
    return f"**{word}**{who}: {escape(r.note)}"


def _to_check(findings: list[dict[str, Any]], outlets: dict[str, str], reviews: dict[str, Any] | None = None) -> list[str]:
    """One line per conflict: what, the value on each side with its outlets, and the finding id."""
    top = sorted((f for f in findings if f["status"] in ("conflict", "possible-conflict")), key=_priority)
    if not top:
        return ["Nothing to check: no two sources contradict each other on what the checker reads "
                "(dates, times, durations, figures, ordinals, places, quotes).", ""]
    lines = []
    for i, f in enumerate(top, 1):
        values = f["values"] or [""] * len(f["sides"])
        sides = " vs ".join(f"{escape(v)} ({escape(', '.join(outlets.get(s, s) for s in side))})"
                            for side, v in zip(f["sides"], values))
        label = "" if f["status"] == "conflict" else " (possible: the figures may measure different things)"
        r = (reviews or {}).get(f["id"])
        if r and r.state == "reviewed" and r.decision == "confirmed":
            label += " (confirmed by review)"
        elif r and r.state == "needs review again":
            label += " (needs review again)"
        lines += wrap(f"{i}. **{escape(f['title'])}**{label}: {sides}. See `{f['id']}`.", "   ")
    return lines + [""]


# -- Markdown ---------------------------------------------------------------

# statuses listed one row per finding: there are many and each stands on one citation
COMPACT = ("single-source", "unresolved")


def _compact(findings: list[dict[str, Any]], claims: dict[str, dict], outlets: dict[str, str]) -> list[str]:
    """One list item per finding: these are many and each stands on one citation."""
    lines = []
    for f in findings:
        c = claims.get(f["claims"][0]) if f["claims"] else None
        where = ", ".join(outlets[s] for side in f["sides"] for s in side)
        item = f"- **{escape(f['title'])}**: {escape(', '.join(f['values']))} ({escape(where)})"
        if c:
            ev = c["evidence"]
            item += f", `{c['source']}` line {ev['line']}, col {ev['column']}: “{shown(ev['text'], 160)}”"
        lines += wrap(item + f" `{f['id']}`")
    return lines + [""]


@cache
def _anaphora() -> frozenset[str]:
    text = resources.files("checker.data").joinpath("anaphora.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def previous_sentence(claim: dict[str, Any], sentences: dict[str, list[tuple[int, int, str]]] | None) -> str | None:
    """The sentence before a claim's own when that one opens by pointing back to it ("It lasted six
    hours."): ``sentences`` maps a source id to its sentences' raw (start, end, text), in order."""
    sent = claim.get("sentence") or {}
    whole = sent.get("whole") or sent
    if whole.get("start") is None:
        return None
    first = re.match(r"\s*(\w+)\b", sent.get("text") or "")  # a quote opening the sentence is its own
    if not first or first.group(1).lower() not in _anaphora() or sent.get("start") != whole.get("start"):
        return None
    spans = (sentences or {}).get(claim.get("source", ""))  # asked for only here: it may segment
    if not spans:
        return None
    k = bisect.bisect_left([s for s, _e, _t in spans], whole["start"]) - 1
    return spans[k][2] if k >= 0 else None


def _cite(claim: dict[str, Any], outlet: str, sentences: dict | None = None) -> str:
    ev = claim["evidence"]
    sent = (claim.get("sentence") or {}).get("text") or ev["text"]
    whole = (claim.get("sentence") or {}).get("whole")
    if whole:  # a window of a run-on sentence: say the sentence goes on
        s = claim["sentence"]
        sent = ("… " if whole["start"] < s["start"] else "") + sent + (" …" if s["end"] < whole["end"] else "")
    where = f"{escape(outlet)}, `{claim['source']}` line {ev['line']}, col {ev['column']}"
    if claim.get("attributed_to"):
        where += f" (attributed to {escape(claim['attributed_to']['speaker'])})"
    before = previous_sentence(claim, sentences)
    if before:
        sent = f"{before} {sent}"
    if sent.strip() != ev["text"].strip():
        return f"{where}: “{shown(ev['text'], 120)}” in “{shown(sent, 360 if before else 240)}”"
    return f"{where}: “{shown(ev['text'], 240)}”"


def _citations(f: dict[str, Any], claims: dict[str, dict], outlets: dict[str, str], groups: dict[str, str],
               sentences: dict | None) -> list[str]:
    """A finding's evidence, one item per citation; copies of one wire story citing the same words
    are one item ("and its copies in …") rather than the same sentence listed again."""
    items: list[tuple[dict, list[dict]]] = []
    seen: dict[tuple, int] = {}
    for cid in f["claims"]:
        c = claims.get(cid)
        if not c:
            continue
        sent = (c.get("sentence") or {}).get("text")
        key = (groups.get(c["source"], c["source"]), c["evidence"]["text"], sent)
        first = items[seen[key]] if key in seen else None
        if first and first[0]["source"] != c["source"] and c["source"] not in {x["source"] for x in first[1]}:
            first[1].append(c)
            continue
        seen.setdefault(key, len(items))
        items.append((c, []))
    out = []
    for c, copies in items:
        line = f"- {_cite(c, outlets.get(c['source'], c['source']), sentences)}"
        if copies:
            line += " Word for word the same in " + ", ".join(
                f"{escape(outlets.get(x['source'], x['source']))} (`{x['source']}` line {x['evidence']['line']}, "
                f"col {x['evidence']['column']})" for x in copies) + ": copies of one story."
        out += wrap(line)
    return out


def markdown(report: dict[str, Any], docs: list[dict[str, Any]], changes: list[str] | None = None,
             reviews: dict[str, Any] | None = None,
             sentences: dict[str, list[tuple[int, int, str]]] | None = None) -> str:
    """The report for an editor; ``changes`` (since the previous run) and ``reviews`` (finding id ->
    ``workflow.Review``) come from ``checker.workflow``. A finding dismissed as a false alarm (and
    whose evidence has not changed since) leaves its section for the reviewed list."""
    reviews = reviews or {}
    dismissed = [f for f in report["findings"] if f["id"] in reviews and reviews[f["id"]].dismissed]
    claims = {c["id"]: c for d in docs for c in d["claims"]}
    outlets = {s["id"]: s.get("outlet") or s["id"] for s in report["sources"]}
    groups = {s["id"]: s["group"] for s in report["sources"]}
    lines: list[str] = [f"# Consistency report: {escape(report['corpus'])}", ""]
    n_src = len(report["sources"])
    n_ind = len({s["group"] for s in report["sources"]})
    by_status: dict[str, list[dict]] = {s: [] for s in STATUSES}
    for f in report["findings"]:
        if f not in dismissed:
            by_status[f["status"]].append(f)
    counts = ", ".join(f"{len(by_status[s])} {s}" for s in STATUSES)
    lines += wrap(f"{n_src} sources, {n_ind} independent; {counts}. Generated by {report['generator']}. "
                  "Every line cites source, line and column in the original file.", "") + [""]

    lines += ["## Check before publishing", ""]
    lines += _to_check([f for f in report["findings"] if f not in dismissed], outlets, reviews)
    if dismissed:
        lines += [f"{len(dismissed)} dismissed as false alarms by review (listed under Reviews).", ""]

    if changes is not None:
        lines += ["## Changes since the previous run", ""]
        lines += [x for c in changes for x in wrap(f"- {escape(c)}")] + [""]

    lines += ["## Sources", ""]
    rows = [[escape(s["outlet"] or "?"), f"`{s['id']}`", s["published"] or "unknown",
             ", ".join(s["wire"]) or "-", f"`{s['group']}`" if s["group"] != s["id"] else "-",
             s["claims"], s["furniture"]] for s in report["sources"]]
    lines += [tabulate(rows, headers=["outlet", "source", "published", "wire", "copy of", "claims",
                                      "furniture set aside"], tablefmt="github"), ""]
    urls = [(s, s["url"]) for s in report["sources"] if s.get("url")]
    if urls:
        lines += [x for s, u in urls for x in wrap(f"- {escape(s['outlet'] or s['id'])}: <{escape(u)}>")] + [""]

    lines += ["## Summary", ""]
    lines += [tabulate([[s, len(by_status[s])] for s in STATUSES], headers=["status", "findings"],
                       tablefmt="github"), ""]

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
            lines += [f"### {escape(f['title'])} (`{f['id']}`)", ""]
            lines += wrap(escape(f["explanation"]), "") + [""]
            if f["id"] in reviews:
                lines += wrap(_review_line(reviews[f["id"]]), "") + [""]
            if status in ("conflict", "possible-conflict") and f.get("confidence", 1.0) < 1.0:
                lines += [f"Confidence that these figures measure the same thing: {f['confidence']:.2f}.", ""]
            if len(f["sides"]) > 1 or status in ("conflict", "possible-conflict", "variant"):
                rows = [[i + 1, escape(v), escape(", ".join(outlets[s] for s in side))]
                        for i, (side, v) in enumerate(zip(f["sides"], f["values"] or [""] * len(f["sides"])))]
                lines += [tabulate(rows, headers=["side", "value", "outlets"], tablefmt="github"), ""]
            lines += _citations(f, claims, outlets, groups, sentences)
            lines.append("")

    if reviews:
        lines += ["## Reviews", ""]
        titles_of = {f["id"]: f["title"] for f in report["findings"]}
        for fid, r in sorted(reviews.items()):
            what = escape(titles_of.get(fid, "finding no longer reported"))
            lines += wrap(f"- `{fid}` ({what}): {_review_line(r)}")
        lines.append("")

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
        for m in g["members"]:
            c = claims.get(m["claim"], {})
            line = c.get("evidence", {}).get("line", "?")
            form = "direct" if m["direct"] else "indirect"
            lines += wrap(f"- {escape(outlets[m['source']])}, line {line} ({form}): “{shown(m['text'], 400)}”")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
