"""The pipeline, top to bottom: sources -> text -> extract -> claims files.

Each stage is a function of the previous one's output; the CLI only chooses
inputs and prints. A source that fails is reported and skipped; the others
still get processed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable

from .claims import (atomic_write, build_claims, dumps, is_current, read_claims, source_record,
                     validate, write_claims)
from . import workflow
from .errors import CheckerError
from .extract import extract_all
from .model import Document
from .sources import load_corpus, source_id
from .store import clean_stale_temps, evidence_mismatch


@dataclass
class ExtractResult:
    documents: list[Document] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # source id -> claims document
    written: list[Path] = field(default_factory=list)
    errors: list[CheckerError] = field(default_factory=list)


def extract_document(doc: Document) -> dict[str, Any]:
    """Claims document for one loaded source, validated against the schema."""
    data = build_claims(doc, extract_all(doc))
    validate(data, f"claims for {doc.meta.path}")
    return data


def _extract_one(doc: Document, sole: bool, overrides: dict | None = None,
                 out_dir: Path | None = None) -> tuple[Document, Any, Path | None]:
    """(doc, its claims document or the CheckerError that stopped it, the file written): one
    source, in a worker with --jobs. The claims are written here when the source is sure to be
    kept (``sole``), so a long run that is interrupted keeps what it finished."""
    for key, val in (overrides or {}).items():
        if val is not None:
            setattr(doc.meta, key, val)
            if key == "published":
                doc.meta.published_from = "flag"
    try:
        data = extract_document(doc)
    except CheckerError as e:
        return doc, e, None
    written = write_claims(data, out_dir, validated=True) if sole and out_dir is not None else None
    return doc, data, written


def extract_corpus(paths: list[Path], out_dir: Path | None, overrides: dict | None = None,
                   jobs: int = 1) -> ExtractResult:
    """Load every source under ``paths``, extract its claims and (if out_dir) write them.
    ``jobs`` > 1 loads and extracts in that many processes; the result is the same."""
    result = ExtractResult()
    if out_dir is not None:
        clean_stale_temps([out_dir])
    done, errors = load_corpus(paths, partial(_extract_one, overrides=overrides, out_dir=out_dir), jobs)
    result.errors.extend(errors)
    for doc, data, written in done:
        if isinstance(data, CheckerError):
            result.errors.append(data)
            continue
        result.documents.append(doc)
        result.claims[doc.id] = data
        if out_dir is not None:
            result.written.append(written or write_claims(data, out_dir, validated=True))
    return result


@dataclass
class ReportResult:
    report: dict[str, Any]
    docs: list[dict[str, Any]]
    markdown: str
    written: list[Path] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)
    errors: list[CheckerError] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def current_claims(doc: Document, claims_dir: Path, warnings: list[str] | None = None) -> dict[str, Any] | None:
    """The stored claims of a source if they are fresh (same file hash, same extractor, same
    metadata) and every text they cite is in the source at its offsets.

    The path the source was reached by is not part of the match: ``story/a.txt``,
    ``./story/a.txt`` and ``/home/me/story/a.txt`` are one file with one content hash. The
    claims are returned with the path as given this time, as a fresh extraction would record it.
    """
    path = claims_dir / f"{doc.id}.json"
    if not path.is_file():
        return None
    try:
        data = read_claims(path)
    except CheckerError as e:
        if warnings is not None:
            warnings.append(f"{e} (re-extracted now)")
        return None
    if not is_current(data, doc.meta.sha256):
        return None
    # same bytes, same code (is_current) and read the same way (same suffix): the stored sketch is
    # the one the text would give, so the source need not be segmented again
    same_reading = Path(data["source"].get("path") or "").suffix.lower() == Path(doc.meta.path).suffix.lower()
    stored = data["source"].get("sketch") if same_reading else None
    record = source_record(doc, stored if isinstance(stored, list) else None)
    if {**data["source"], "path": record["path"]} != record:  # manifest or flags changed the metadata
        return None
    problem = evidence_mismatch(data, doc.raw)
    if problem:  # edited by hand (it still passes the schema): the source is the truth
        if warnings is not None:
            warnings.append(f"{path}: {problem}; re-extracted now")
        return None
    if data["source"]["path"] != record["path"]:
        data["source"] = {**data["source"], "path": record["path"]}
    return data


def _current_or_extract(doc: Document, sole: bool, claims_dir: Path) -> tuple[Document, Any, bool, bool, list[str]]:
    """(doc, its claims or the CheckerError that stopped them, extracted now?, written?, warnings):
    the stored claims when they still stand, else a fresh extraction, written at once when the
    source is sure to be kept (``sole``; else by the caller)."""
    warnings: list[str] = []
    data = current_claims(doc, claims_dir, warnings)
    if data is not None:
        return doc, data, False, False, warnings
    try:
        data = extract_document(doc)
    except CheckerError as e:
        return doc, e, True, False, warnings
    if sole:
        write_claims(data, claims_dir, validated=True)
    return doc, data, True, sole, warnings


def _raw_sentences(d: Document) -> list[tuple[int, int, str]]:
    spans = []
    for s in d.sentences:
        a, b = d.raw_span(s.start, s.end)
        spans.append((a, b, d.raw[a:b]))
    return spans


class _SentenceSpans(Mapping):
    """Source id -> its sentences as raw (start, end, text), each source segmented only when asked
    for (the report asks only for sources with a claim that points back to the sentence before)."""

    def __init__(self, docs: list[Document]):
        self._docs = {d.id: d for d in docs}
        self._done: dict[str, list[tuple[int, int, str]]] = {}

    def __getitem__(self, sid: str) -> list[tuple[int, int, str]]:
        if sid not in self._done:
            self._done[sid] = _raw_sentences(self._docs[sid])
        return self._done[sid]

    def __iter__(self):
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)


def sentence_spans(docs: list[Document]) -> Mapping[str, list[tuple[int, int, str]]]:
    """Each source's sentences as raw (start, end, text), for evidence shown with its context."""
    return _SentenceSpans(docs)


def corpus_name(paths: list[Path]) -> str:
    try:
        p = paths[0].resolve() if paths else Path("corpus")
    except (OSError, RuntimeError):  # a symlink loop
        p = paths[0].absolute()
    return source_id(p.name if p.is_dir() else p.stem)


def report_corpus(paths: list[Path], claims_dir: Path, reports_dir: Path, formats: tuple[str, ...] = ("md",),
                  name: str | None = None, progress: Callable[[int, int, str], None] | None = None,
                  jobs: int = 1) -> ReportResult:
    """Extract what is missing or stale, align, judge and write reports/<corpus>.md (and .json).
    ``jobs`` > 1 loads sources and extracts the stale ones in that many processes."""
    from .analysis import analyse
    from .render.json import render as render_json
    from .render.markdown import markdown
    # what a killed run left in the directories this one writes (claims, reports, the corpus's
    # manifest and reviews)
    clean_stale_temps([claims_dir, reports_dir, *(Path(p) for p in paths if Path(p).is_dir())])
    done, errors = load_corpus(paths, partial(_current_or_extract, claims_dir=claims_dir), jobs, progress)
    docs = [doc for doc, *_rest in done]
    claims_docs = []
    reextracted = []
    warnings: list[str] = []
    for doc, data, fresh, written, warned in done:
        warnings.extend(warned)
        if isinstance(data, CheckerError):
            errors.append(data)
            continue
        if fresh:
            if not written:
                write_claims(data, claims_dir, validated=True)
            reextracted.append(doc.id)
        claims_docs.append(data)
    if not claims_docs:  # nothing to report on: say why, and write nothing
        from .story import nothing_read
        raise nothing_read(paths, errors, "no article files (.txt, .md, .html) found")
    # A --name becomes a file name under reports_dir: sanitised like a source id, so
    # "../../x", separators and NUL can never leave the directory.
    name = source_id(f"{name}.md") if name else corpus_name(paths)
    report = analyse(claims_docs, name)
    state = workflow.state_of(report, claims_docs)
    state_path = reports_dir / f"{name}.state.json"
    previous = workflow.read_state(state_path)
    state["changes"] = workflow.changes(previous, state).lines()
    corpus_dir = paths[0] if len(paths) == 1 and paths[0].is_dir() else None
    reviews = workflow.review_status(workflow.load_reviews(corpus_dir), state) if corpus_dir else {}
    for f in report["findings"]:  # the editor's decisions travel with the findings
        if f["id"] in reviews:
            f["review"] = reviews[f["id"]].as_dict()
    report_json = render_json(report, name)  # validated against the public contract
    md = markdown(report, claims_docs, changes=state["changes"], reviews=reviews, sentences=sentence_spans(docs))
    result = ReportResult(report, claims_docs, md, reextracted=reextracted, errors=errors,
                          changes=state["changes"], state=state, warnings=warnings)
    if "md" in formats:
        path = reports_dir / f"{name}.md"
        atomic_write(path, md)
        result.written.append(path)
    if "json" in formats:
        path = reports_dir / f"{name}.json"
        atomic_write(path, report_json)
        result.written.append(path)
    if "html" in formats:
        from .render.html import render as render_html
        page = render_html(report, claims_docs, {d.id: d.raw for d in docs},
                           {d.id: [(f.start, f.end) for f in d.furniture] for d in docs}, reviews)
        path = reports_dir / f"{name}.html"
        atomic_write(path, page)
        result.written.append(path)
    if formats:
        atomic_write(state_path, dumps(state))
    return result
