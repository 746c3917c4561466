"""Pre-publication check: every claim of an editor's draft against the corpus.

The draft is extracted like any source (never written to claims/), aligned
with the corpus's stored claims, and each of its checkable claims gets a
verdict: **contradicted** (a conflict finding puts the draft alone on its side),
**disputed** (the draft sides with some sources while others say otherwise),
**check** (a possible conflict: the figures may measure different things),
**supported** (an agreement or variant shares the draft's value with other
sources, counted by independence), or **unsupported** (no other source says
it). The corpus is read from claims/ when its files are current (same file
hash, same extractor), so a check after start-up costs one extraction and one
alignment.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claims import is_current, read_claims, write_claims
from .compare import Corpus
from .errors import CheckerError
from .pipeline import extract_document
from .analysis import analyse
from .render.markdown import markdown
from .sources import SUFFIXES, load_corpus, load_document

CHECKED_KINDS = ("date", "duration", "count", "ordinal", "quote")


@dataclass
class Verdict:
    claim: dict[str, Any]
    status: str  # contradicted | disputed | check (a possible conflict) | supported | unsupported
    message: str
    finding: str | None = None
    wording: list[str] = field(default_factory=list)  # what the other sources say, with their lines


@dataclass
class DraftCheck:
    path: str
    verdicts: list[Verdict]
    report: dict[str, Any]
    markdown: str
    errors: list[CheckerError]
    warnings: list[str] = field(default_factory=list)


def _fresh_claims(path: Path, claims_dir: Path, warnings: list[str] | None = None) -> dict[str, Any] | None:
    """Stored claims of a source file when current (same file hash, same extractor) and every text
    they cite is in the file at its offsets (``store.evidence_mismatch``); without extracting."""
    from .sources import source_id
    from .store import evidence_mismatch, raw_text
    stored = claims_dir / f"{source_id(path)}.json"
    if not stored.is_file():
        return None
    try:
        data = read_claims(stored)
    except CheckerError:
        return None
    raw_bytes = path.read_bytes()
    if not is_current(data, hashlib.sha256(raw_bytes).hexdigest()):
        return None
    try:
        problem = evidence_mismatch(data, raw_text(path, raw_bytes))
    except CheckerError as e:
        problem = str(e)
    if problem:  # edited by hand (it still passes the schema): the source is the truth
        if warnings is not None:
            warnings.append(f"{stored}: {problem}; re-extracted now")
        return None
    if data["source"].get("path") != str(path):  # the same file reached by another path spelling
        data["source"] = {**data["source"], "path": str(path)}
    return data


def corpus_claims(paths: list[Path], claims_dir: Path, warnings: list[str] | None = None
                  ) -> tuple[list[dict[str, Any]], list[CheckerError]]:
    """Claims of every corpus source: from claims/ when current, else extracted and stored."""
    from .store import clean_stale_temps
    clean_stale_temps([claims_dir])
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            files.append(p)
    docs, stale = [], []
    for f in files:
        data = _fresh_claims(f, claims_dir, warnings) if f.is_file() else None
        if data is None:
            stale.append(f)
        else:
            docs.append(data)
    errors: list[CheckerError] = []
    if stale:
        loaded, errors = load_corpus(paths)  # the manifest applies; only stale files are extracted
        wanted = {str(f) for f in stale}
        for doc in loaded:
            if doc.meta.path in wanted or str(Path(doc.meta.path)) in wanted:
                data = extract_document(doc)
                write_claims(data, claims_dir, validated=True)
                docs.append(data)
    return sorted(docs, key=lambda d: d["source"]["id"]), errors


def check(draft: Path, against: list[Path], claims_dir: Path, published: str | None = None) -> DraftCheck:
    warnings: list[str] = []
    corpus, errors = corpus_claims(against, claims_dir, warnings)
    if not corpus:  # a draft checked against nothing would pass unchecked: never exit 0 for it
        from .story import nothing_read
        raise nothing_read(against, errors, "no article files (.txt, .md, .html) to check against")
    doc = load_document(draft, {"published": published} if published else None)
    doc.meta.id = "draft-" + doc.meta.id if not doc.meta.id.startswith("draft") else doc.meta.id
    mine = extract_document(doc)
    docs = corpus + [mine]
    report = analyse(docs, "check")
    sid = mine["source"]["id"]
    groups = {s["id"]: s["group"] for s in report["sources"]}
    outlets = {s["id"]: s["outlet"] or s["id"] for s in report["sources"]}
    lines = {c["id"]: c for d in docs for c in d["claims"]}
    corpus_obj = Corpus(docs, groups)
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        for cid in f["claims"]:
            by_claim.setdefault(cid, []).append(f)
    verdicts = []
    for c in mine["claims"]:
        if c["kind"] not in CHECKED_KINDS:
            continue
        fs = by_claim.get(c["id"], [])
        conflict = next((f for f in fs if f["status"] == "conflict"), None)
        if conflict:
            mine_side = next(i for i, side in enumerate(conflict["sides"]) if sid in side)
            others = [(side, conflict["values"][i] if i < len(conflict["values"]) else "?")
                      for i, side in enumerate(conflict["sides"]) if i != mine_side]
            said = "; ".join(f"{len(side)} source{'s say' if len(side) != 1 else ' says'} {v} "
                             f"({_cite_sources(side, conflict, lines, outlets)})" for side, v in others)
            value = conflict["values"][mine_side] if mine_side < len(conflict["values"]) else "?"
            title = conflict["title"][:1].lower() + conflict["title"][1:]
            allies = [x for x in conflict["sides"][mine_side] if x != sid]
            wording = [w for side, _v in others for w in _wording(side, conflict, lines, outlets)]
            if allies:  # the draft sides with some sources against others: the corpus itself disagrees
                verdicts.append(Verdict(c, "disputed",
                                        f"disputed: {title}: draft says {value} with "
                                        f"{corpus_obj.count_phrase(allies)} ({', '.join(outlets[x] for x in allies)}), "
                                        f"but {said}", conflict["id"], wording))
            else:
                verdicts.append(Verdict(c, "contradicted", f"conflict: {title}: draft says {value}, {said}",
                                        conflict["id"], wording))
            continue
        possible = next((f for f in fs if f["status"] == "possible-conflict"), None)
        if possible:
            others = sorted({x for side in possible["sides"] for x in side if x != sid})
            verdicts.append(Verdict(c, "check", f"possible conflict: {possible['title'][:1].lower() + possible['title'][1:]}: "
                                                f"{possible['explanation']} Check that the figures measure the same thing "
                                                f"({', '.join(outlets[x] for x in others)}).", possible["id"]))
            continue
        support = next((f for f in fs if f["status"] in ("agree", "variant")), None)
        if support:
            srcs = sorted({s for side in support["sides"] for s in side if s != sid})
            if srcs:
                verdicts.append(Verdict(c, "supported",
                                        f"supported: {support['title'][:1].lower() + support['title'][1:]}: "
                                        f"{corpus_obj.count_phrase(srcs)} ({', '.join(outlets[s] for s in srcs)})",
                                        support["id"]))
                continue
        verdicts.append(Verdict(c, "unsupported", f"unsupported: {c['kind']} “{c['evidence']['text']}” is in no "
                                                  "other source"))
    verdicts.sort(key=lambda v: (v.claim["evidence"]["start"], v.claim["id"]))
    md = _markdown(str(draft), verdicts) + "\n" + markdown(report, docs)
    return DraftCheck(str(draft), verdicts, report, md, errors, warnings)


def _cite_sources(side: list[str], finding: dict, lines: dict, outlets: dict) -> str:
    out = []
    for s in side:
        own = [lines[c]["evidence"]["line"] for c in finding["claims"] if lines.get(c, {}).get("source") == s]
        line = min(own) if own else "?"
        out.append(f"{outlets[s]} l.{line}")
    return ", ".join(out)


def _wording(side: list[str], finding: dict, lines: dict, outlets: dict, limit: int = 200) -> list[str]:
    """Each source's own words for the disputed value, with line and column, so the editor can fix the
    draft without opening the report: the evidence and the sentence around it (clipped)."""
    out = []
    for s in side:
        own = sorted((lines[c] for c in finding["claims"] if lines.get(c, {}).get("source") == s),
                     key=lambda c: (c["evidence"]["line"], c["evidence"]["column"]))
        if not own:
            continue
        c = own[0]
        ev = c["evidence"]
        sent = " ".join(((c.get("sentence") or {}).get("text") or ev["text"]).split())
        if len(sent) > limit:
            sent = sent[:limit - 1] + "…"
        out.append(f"{outlets[s]}, line {ev['line']}, col {ev['column']}: “{ev['text']}” in “{sent}”")
    return out


def _markdown(path: str, verdicts: list[Verdict]) -> str:
    from .render.markdown import escape
    counts = {s: sum(v.status == s for v in verdicts)
              for s in ("contradicted", "disputed", "check", "supported", "unsupported")}
    lines = [f"# Draft check: {escape(path)}", "",
             f"{counts['contradicted']} contradicted, {counts['disputed']} disputed, {counts['check']} to check, "
             f"{counts['supported']} supported, {counts['unsupported']} unsupported.", ""]
    for v in verdicts:
        ev = v.claim["evidence"]
        lines.append(f"- line {ev['line']}, col {ev['column']}: **{v.status}**: {escape(v.message)}")
        lines += [f"  - {escape(w)}" for w in v.wording]
    return "\n".join(lines) + "\n"
