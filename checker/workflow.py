"""Editor workflows on a corpus: what changed since the last run, review notes, add and remove sources.

- **State.** Every report run keeps the findings it produced in
  ``reports/<corpus>.state.json`` (status and an evidence fingerprint per
  finding id). The next run compares against it: new conflicts, conflicts
  resolved, single-source claims that gained support, support lost, findings
  gone. Finding ids are stable across runs (they name kind, event and
  attribute), which is what makes the comparison and the reviews work.
- **Reviews.** ``<corpus>/reviews.json`` holds the editor's notes per finding
  id with the evidence fingerprint seen at review time. A note is never
  dropped; when the finding's evidence changes, the report shows it as
  needing review again.
- **Add / remove.** Copy an article into the corpus (recording its metadata
  in the manifest) or take one out (with its claims file), then re-verify;
  only the changed source is extracted again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claims import atomic_write, dumps
from .errors import CheckerError, WriteError
from .sources import SUFFIXES

STATE_VERSION = 1


class WorkflowError(CheckerError):
    """A corpus operation that cannot be done (unknown source, file exists, bad review file)."""


def evidence_fingerprint(finding: dict[str, Any], claims: dict[str, dict[str, Any]]) -> str:
    """Hash of the evidence a finding rests on: its status, values and each claim's cited text."""
    h = hashlib.sha256()
    h.update(json.dumps([finding["status"], finding["sides"], finding.get("values", [])], sort_keys=True).encode())
    for cid in sorted(finding["claims"]):
        ev = claims.get(cid, {}).get("evidence", {})
        h.update(f"{cid}\0{ev.get('text', '')}\0".encode())
    return h.hexdigest()[:16]


def state_of(report: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    claims = {c["id"]: c for d in docs for c in d["claims"]}
    return {"state_version": STATE_VERSION,
            "sources": sorted(s["id"] for s in report["sources"]),
            "findings": {f["id"]: {"status": f["status"], "title": f.get("title", f["id"]),
                                   "evidence": evidence_fingerprint(f, claims)}
                         for f in report["findings"]}}


def read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("state_version") == STATE_VERSION else None


@dataclass
class Changes:
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    new_conflicts: list[tuple[str, str]] = field(default_factory=list)  # (finding id, title)
    resolved_conflicts: list[tuple[str, str]] = field(default_factory=list)
    newly_supported: list[tuple[str, str]] = field(default_factory=list)
    lost_support: list[tuple[str, str]] = field(default_factory=list)
    updated_conflicts: list[tuple[str, str]] = field(default_factory=list)
    first_run: bool = False

    @property
    def empty(self) -> bool:
        return not (self.sources_added or self.sources_removed or self.new_conflicts or self.resolved_conflicts
                    or self.newly_supported or self.lost_support or self.updated_conflicts)

    def lines(self) -> list[str]:
        if self.first_run:
            return ["First run: no previous report to compare with."]
        if self.empty:
            return ["No changes since the previous run."]
        out = []
        out += [f"source added: {s}" for s in self.sources_added]
        out += [f"source removed: {s}" for s in self.sources_removed]
        out += [f"new conflict: {t} ({i})" for i, t in self.new_conflicts]
        out += [f"conflict changed (new evidence): {t} ({i})" for i, t in self.updated_conflicts]
        out += [f"conflict resolved: {t} ({i})" for i, t in self.resolved_conflicts]
        out += [f"newly corroborated: {t} ({i})" for i, t in self.newly_supported]
        out += [f"no longer corroborated: {t} ({i})" for i, t in self.lost_support]
        return out


_SUPPORTED = ("agree", "variant")


def changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> Changes:
    ch = Changes()
    if previous is None:
        ch.first_run = True
        return ch
    ps, cs = set(previous["sources"]), set(current["sources"])
    ch.sources_added = sorted(cs - ps)
    ch.sources_removed = sorted(ps - cs)
    pf, cf = previous["findings"], current["findings"]
    for fid in sorted(set(pf) | set(cf)):
        before = pf.get(fid, {}).get("status")
        after = cf.get(fid, {}).get("status")
        title = (cf.get(fid) or pf.get(fid))["title"]
        if after == "conflict" and before != "conflict":
            ch.new_conflicts.append((fid, title))
        elif before == "conflict" and after != "conflict":
            ch.resolved_conflicts.append((fid, title))
        elif after in _SUPPORTED and before not in _SUPPORTED:
            ch.newly_supported.append((fid, title))
        elif before in _SUPPORTED and after not in _SUPPORTED and after is not None:
            ch.lost_support.append((fid, title))
        elif before == after == "conflict" and pf[fid]["evidence"] != cf[fid]["evidence"]:
            ch.updated_conflicts.append((fid, title))
    return ch


# -- reviews -------------------------------------------------------------------

def reviews_path(corpus: Path) -> Path:
    return corpus / "reviews.json"


def load_reviews(corpus: Path) -> dict[str, dict[str, Any]]:
    path = reviews_path(corpus)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise WorkflowError(str(path), f"cannot read reviews: {e}") from None
    reviews = data.get("reviews") if isinstance(data, dict) else None
    if not isinstance(reviews, dict) or not all(isinstance(v, dict) and isinstance(v.get("note"), str)
                                                for v in reviews.values()):
        raise WorkflowError(str(path), 'expected {"reviews": {"<finding id>": {"note": "...", "evidence": "..."}}}')
    return reviews


DECISIONS = ("noted", "confirmed", "dismissed")


@dataclass(frozen=True)
class Review:
    """An editor's decision on a finding, and whether it still holds for the finding as it is now."""

    state: str     # reviewed | needs review again | finding gone
    note: str
    decision: str  # noted | confirmed (a real conflict) | dismissed (a false alarm)
    by: str | None

    @property
    def dismissed(self) -> bool:
        """Dismissed and still about the same evidence: the finding leaves the list to check."""
        return self.decision == "dismissed" and self.state == "reviewed"

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "note": self.note, "decision": self.decision, "by": self.by}


def add_review(corpus: Path, finding_id: str, note: str, state: dict[str, Any] | None,
               decision: str = "noted", by: str | None = None) -> dict[str, Any]:
    if decision not in DECISIONS:
        raise WorkflowError(finding_id, f"unknown decision {decision!r}")
    if state is None or finding_id not in state["findings"]:
        raise WorkflowError(finding_id, "no such finding in the last report (run checker report first)")
    reviews = load_reviews(corpus)
    entry = {"note": note, "evidence": state["findings"][finding_id]["evidence"],
             "status": state["findings"][finding_id]["status"], "decision": decision}
    if by:
        entry["by"] = by
    reviews[finding_id] = entry
    atomic_write(reviews_path(corpus), dumps({"reviews": dict(sorted(reviews.items()))}))
    return entry


def review_status(reviews: dict[str, dict[str, Any]], state: dict[str, Any]) -> dict[str, Review]:
    """finding id -> its Review; a review whose finding's evidence changed is reopened."""
    out = {}
    for fid, r in reviews.items():
        now = state["findings"].get(fid)
        if now is None:
            st = "finding gone"
        elif now["evidence"] != r.get("evidence"):
            st = "needs review again"
        else:
            st = "reviewed"
        decision = r.get("decision") if r.get("decision") in DECISIONS else "noted"
        out[fid] = Review(st, r["note"], decision, r.get("by") if isinstance(r.get("by"), str) else None)
    return out


# -- add / remove ----------------------------------------------------------------

def _manifest(corpus: Path) -> tuple[Path, dict[str, Any]]:
    """The corpus manifest as written, validated like every run validates it (ManifestError if not)."""
    from .sources import source_id
    from .sources.manifest import MANIFEST_NAME, read_manifest_document, validate_manifest
    path = corpus / MANIFEST_NAME
    doc = read_manifest_document(corpus)
    if doc is None:
        return path, {"sources": {}}
    validate_manifest(doc, str(path), id_of=source_id)
    doc.setdefault("sources", {})
    return path, doc


def require_corpus(corpus: Path) -> None:
    """WorkflowError unless ``corpus`` is an existing directory (remove and review never create one)."""
    if not corpus.is_dir():
        raise WorkflowError(str(corpus), "no such corpus directory" if not corpus.exists() else "not a directory")


def check_article(file: Path, meta: dict[str, Any] | None = None) -> None:
    """Refuse what every later run would refuse (missing, not a regular file, too big, empty, binary,
    undecodable), by loading the article as the pipeline does; nothing is written."""
    from .sources import load_document, not_article_text, not_regular
    from .sources.fetch import is_url
    problem = not_regular(file, "not found")
    if problem and is_url(str(file)):
        problem = "looks like a URL: give it with its scheme (https://...) so it is fetched, not read as a path"
    if problem:
        raise WorkflowError(str(file), problem)
    with open(file, "rb") as fh:
        problem = not_article_text(file, fh.read(8))
    if problem:
        raise WorkflowError(str(file), problem)
    if file.suffix.lower() not in SUFFIXES:
        raise WorkflowError(str(file), f"not an article file ({', '.join(SUFFIXES)})")
    load_document(file, {k: v for k, v in (meta or {}).items() if v is not None})


def add_source(corpus: Path, file: Path, meta: dict[str, Any], replace: bool = False, checked: bool = False) -> Path:
    """Copy an article into the corpus and record its metadata in the manifest.

    Everything is checked before anything is written: the article (unless
    ``checked``: the caller ran ``check_article``), a clash with another file of
    that name, and the manifest with the new entry in it.
    """
    if not checked:
        check_article(file, meta)
    target = corpus / file.name
    if target.exists() and not replace and target.read_bytes() != file.read_bytes():
        raise WorkflowError(str(target), "a different file of that name is in the corpus (use --replace)")
    entry = {k: v for k, v in meta.items() if v is not None}
    mpath, manifest = _manifest(corpus)
    if entry:
        from .sources import source_id
        from .sources.manifest import validate_manifest
        manifest["sources"][file.name] = {**manifest["sources"].get(file.name, {}), **entry}
        validate_manifest(manifest, str(mpath), id_of=source_id)
    corpus.mkdir(parents=True, exist_ok=True)
    if target.resolve() != file.resolve():
        tmp = target.with_name(f".{target.name}.tmp")
        try:  # like atomic_write: the corpus holds the old file or the whole new one
            shutil.copyfile(file, tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            tmp.replace(target)
        except BaseException as e:
            tmp.unlink(missing_ok=True)
            if isinstance(e, OSError):
                raise WriteError(str(target), f"cannot write: {e.strerror or e}") from None
            raise
    if entry:
        atomic_write(mpath, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return target


def remove_source(corpus: Path, name: str, claims_dir: Path) -> Path:
    """Take an article (file name or source id) out of the corpus, its manifest entry and claims file."""
    from .sources import source_id
    require_corpus(corpus)
    _manifest(corpus)  # a malformed manifest stops the removal before anything changes
    candidates = [p for p in sorted(corpus.iterdir())
                  if p.suffix.lower() in SUFFIXES and (p.name == name or source_id(p) == name)]
    if not candidates:
        raise WorkflowError(name, f"no such source in {corpus}")
    target = candidates[0]
    mpath, manifest = _manifest(corpus)
    if target.name in manifest["sources"]:
        del manifest["sources"][target.name]
        atomic_write(mpath, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    target.unlink()
    stale = claims_dir / f"{source_id(target)}.json"
    if stale.is_file():
        stale.unlink()
    return target
