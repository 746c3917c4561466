"""Sources: read a file, decode it, find its metadata and its page furniture.

``load_document`` turns one file into a ``Document`` whose analysis text has
markup removed and furniture blanked (so sentences cover the article body
only) while every offset still maps back to the raw file. ``load_corpus``
loads files and directories (applying each directory's ``manifest.json``)
and collects per-file errors instead of stopping at the first.

Where metadata comes from, strongest first: command-line flags and the
manifest (``overrides``), then front matter / header lines / HTML meta tags
("header"), then the text itself (date lines, bylines, "SOURCE:" lines,
"Original url:" lines). The publication date is never guessed: when nothing
gives it unambiguously it stays None.

Notes: the order of trust (editor > page metadata > text) follows how
newsrooms verify a clipping: the desk's own record first, the publisher's
structured metadata next, what the page text says last.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from .. import settings
from ..errors import SourceError
from ..model import Document, Furniture, OffsetMap, SourceMeta
from .datelines import parse_date_value
from .decode import decode_bytes
from .furniture import R_HEADER, PageFacts, analyse
from .htmltext import extract_html
from .lexicon import canonical_agency, data
from .manifest import FIELDS, MANIFEST_NAME, load_manifest
from .markup import strip_markup
from .syndication import scan
from .textmap import TextBuilder, compose

__all__ = ["SUFFIXES", "load_corpus", "load_document", "load_manifest", "not_article_text", "not_regular",
           "source_id"]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_SNIFF = re.compile(r"\s{0,200}(?:<!doctype\s+html|<html[\s>])", re.I)
_ORIGINS = ("manifest", "flag")
_TITLE_SEP = re.compile(r"\s(?:\||-|–|—|::|«|»|·)\s")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def source_id(path: str | Path) -> str:
    """Stable id from the file name: its stem, lower-cased, ASCII, safe characters only.

    A name with no usable ASCII letters gets a short hash of the name, so two
    such files never share an id.
    """
    name = Path(path).name
    stem = Path(path).stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").lower()
    sid = re.sub(r"[^a-z0-9_.-]+", "-", ascii_stem).strip("-._")
    if not sid:
        sid = "source-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return sid


def check_size(p: Path, size: int) -> None:
    """SourceError when a file of ``size`` bytes is over ``SETTINGS.max_source_bytes`` (--max-bytes)."""
    limit = settings.SETTINGS.max_source_bytes
    if size > limit:
        raise SourceError(str(p), f"file is {size:,} bytes, over the {limit:,}-byte limit; "
                                  "raise it with --max-bytes")


_DOCUMENTS = {".pdf": "a PDF file", ".docx": "a Word document", ".doc": "a Word document",
              ".odt": "an OpenDocument file", ".rtf": "a rich-text file", ".pages": "a Pages document",
              ".epub": "an e-book"}


def not_article_text(p: str | Path, head: bytes = b"") -> str | None:
    """Why a file is a document format rather than article text, with what to do instead (None
    when it is not one). Known by its suffix or its first bytes (PDF, zip-based office files)."""
    kind = _DOCUMENTS.get(Path(p).suffix.lower())
    if kind is None and head.startswith(b"%PDF-"):
        kind = "a PDF file"
    elif kind is None and head.startswith(b"PK\x03\x04"):
        kind = "a zip or office document"
    if kind is None:
        return None
    return (f"{kind}, not article text: export or save it as plain text (.txt), or paste the article "
            "text into a .txt file, and use that")


def not_regular(p: str | Path, missing: str = "no such file") -> str | None:
    """Why ``p`` is not a regular file one can read (None when it is one): what it is instead.

    A FIFO or a device is never opened (reading it could block for ever); a
    symlink loop or a dangling symlink is named as such rather than "no such file".
    """
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        return "broken symlink (its target does not exist)" if os.path.islink(p) else missing
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symlink loop"
        if e.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        if e.errno == errno.ENOTDIR:
            return missing
        return f"cannot read ({e.strerror or e})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "not a regular file"


def _read(p: Path) -> bytes:
    """The file's bytes; its size is checked before reading so a huge file is refused cheaply."""
    problem = not_regular(p)
    if problem:
        raise SourceError(str(p), problem)
    try:
        check_size(p, p.stat().st_size)
        return p.read_bytes()
    except FileNotFoundError:
        raise SourceError(str(p), "no such file") from None
    except IsADirectoryError:
        raise SourceError(str(p), "is a directory, not a file") from None
    except PermissionError:
        raise SourceError(str(p), "permission denied") from None
    except OSError as e:
        raise SourceError(str(p), f"cannot read ({e.strerror or e})") from None


def load_document(path: str | Path, overrides: dict[str, Any] | None = None, *,
                  origin: str = "flag") -> Document:
    """Load one source file.

    ``overrides`` (keys: outlet, published, url, title, byline, wire) win over
    detection; ``origin`` ("manifest" or "flag") is recorded as
    ``published_from``. From a manifest an explicit None also overrides
    ("unknown"); from flags None means "not given".
    """
    if origin not in _ORIGINS:
        raise ValueError(f"origin must be one of {_ORIGINS}, not {origin!r}")
    p = Path(path)
    raw_bytes = _read(p)
    problem = not_article_text(p, raw_bytes[:8])
    if problem:
        raise SourceError(str(p), problem)
    suffix = p.suffix.lower()
    head = raw_bytes[:1024].decode("latin-1")
    is_html = suffix in (".html", ".htm") or bool(_HTML_SNIFF.match(head))
    dec = decode_bytes(raw_bytes, str(p), html=is_html)
    raw = dec.text
    meta = SourceMeta(id=source_id(p), path=str(p), encoding=dec.encoding,
                      encoding_note=dec.note, sha256=hashlib.sha256(raw_bytes).hexdigest())

    forced: list[tuple[int, int, str]] = []
    html_meta: dict[str, str] = {}
    h1: str | None = None
    if is_html:
        res = extract_html(raw)
        stage1, forced, html_meta, h1 = res.builder, res.forced, res.meta, res.h1
    else:
        stage1 = strip_markup(raw, markdown=suffix in (".md", ".markdown"))
    clean = stage1.text()
    inner = None if stage1.is_identity else stage1.segments
    inner_map = OffsetMap(inner, len(clean), len(raw)) if inner is not None else None

    def to_raw(s: int, e: int) -> tuple[int, int]:
        return inner_map.to_raw(s, e) if inner_map is not None else (s, e)

    facts = analyse(clean, forced, _line_numberer(raw, to_raw))
    text, stage2 = _blank(clean, facts.spans)
    if inner is None:
        offsets = None if stage2.is_identity else OffsetMap(stage2.segments, len(text), len(raw))
    else:
        offsets = compose(stage2.segments, inner, len(text), len(clean), len(raw))
    doc = Document(meta=meta, raw=raw, text=text, offsets=offsets)
    doc.furniture = sorted((Furniture(*to_raw(s, e), r) for s, e, r in facts.spans),
                           key=lambda f: (f.start, f.end, f.reason))
    _fill_meta(meta, facts, html_meta, h1, clean)
    _apply_overrides(meta, overrides or {}, origin)
    return doc  # its sentences are segmented when first asked for (``Document.sentences``)


def _line_numberer(raw: str, to_raw):
    """Clean-text offset -> 1-based raw line (line starts computed once, on first use)."""
    starts: list[int] = []

    def line(off: int) -> int:
        if not starts:
            starts.append(0)
            starts.extend(m.end() for m in _NEWLINE.finditer(raw))
        return bisect.bisect_right(starts, to_raw(off, off + 1)[0])
    return line


def _blank(clean: str, spans: list[tuple[int, int, str]]) -> tuple[str, TextBuilder]:
    """The analysis text: each furniture block becomes one line break, so paragraphs stay apart."""
    tb = TextBuilder(clean)
    pos = 0
    for s, e, _reason in spans:
        tb.copy(pos, s)
        tb.replace(s, e, "\n")
        pos = e
    tb.copy(pos, len(clean))
    return tb.text(), tb


def _fill_meta(meta: SourceMeta, facts: PageFacts, html_meta: dict[str, str], h1: str | None,
               clean: str) -> None:
    """Settle each field from its best-ranked candidate; collect the syndication markers."""
    for fld, val in sorted(html_meta.items()):
        if fld == "doc_title":  # <title>: "Headline | Site name"; below og:title and <h1>
            facts.offer("title", _strip_site_name(val), R_HEADER + 3)
        elif fld == "published":
            iso = parse_date_value(val)
            if iso and facts.offer("published", iso, R_HEADER + 1):
                facts.published_from = "header"
        elif fld == "byline":
            facts.offer("byline", re.sub(r"(?i)^by\s+", "", val), R_HEADER + 1)
        else:
            facts.offer(fld, val, R_HEADER + 1)
    if h1:
        facts.offer("title", h1, R_HEADER + 2)
    meta.title = facts.get("title")
    meta.byline = facts.get("byline")
    meta.url = facts.get("url")
    meta.outlet = facts.get("outlet") or _outlet_from_url(meta.url)
    meta.published = facts.get("published")
    meta.published_from = facts.published_from if meta.published else None
    spans = facts.spans
    starts = [s for s, _e, _r in spans]

    def in_body(off: int) -> bool:
        k = bisect.bisect_right(starts, off) - 1
        return not (k >= 0 and spans[k][0] <= off < spans[k][1])

    found = sorted(facts.wires + scan(clean, in_body), key=lambda x: (x[0], x[1]["kind"], x[1]["marker"]))
    seen: set[tuple[str, str]] = set()
    for _off, marker in found:
        key = (marker["marker"], marker["kind"])
        if key not in seen:
            seen.add(key)
            meta.syndication.append(marker)


def _strip_site_name(title: str) -> str:
    """'Headline | The Daily' -> 'Headline' (the last part is a site name when it is short)."""
    parts = _TITLE_SEP.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= 5 and len(parts[0].split()) >= 2:
        return " ".join(parts[:-1])
    return title


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    domains = data("outlets")["domains"]
    parts = host.split(".")
    for k in range(len(parts) - 1):
        cand = ".".join(parts[k:])
        if cand in domains:
            return domains[cand]
    return None


def _apply_overrides(meta: SourceMeta, overrides: dict[str, Any], origin: str) -> None:
    unknown = sorted(set(overrides) - set(FIELDS) - {"published_from"})
    if unknown:
        raise ValueError(f"unknown override field(s): {', '.join(unknown)}")
    for fld in FIELDS:
        if fld not in overrides:
            continue
        val = overrides[fld]
        if val is None and origin != "manifest":
            continue
        if fld == "wire":
            if val and not any(m["agency"] == (canonical_agency(val) or val) and m["kind"] == "wire"
                               for m in meta.syndication):
                meta.syndication.append({"marker": val, "agency": canonical_agency(val) or val, "kind": "wire"})
            continue
        setattr(meta, fld, val)
        if fld == "published":
            meta.published_from = (overrides.get("published_from") or origin) if val else None


def load_corpus(paths: list[str | Path], then: Callable[[Document, bool], Any] | None = None,
                jobs: int = 1, progress: Callable[[int, int, str], None] | None = None
                ) -> tuple[list[Any], list[SourceError]]:
    """Load files and directories (their .txt .md .html .htm files, sorted by name).

    Each directory's ``manifest.json`` applies to its files (a single file
    gets its directory's manifest too). Unreadable files become errors in the
    second list; loading goes on. A malformed manifest raises ManifestError.

    ``then(doc, sole)`` (a module-level function, so a worker process can run it) is applied to
    each loaded document and its results are returned instead of the documents; ``sole`` is
    False for a file that a clash with an earlier one may still drop (only with ``jobs`` > 1). With ``jobs`` > 1 and more
    than one file, loading and ``then`` run in that many worker processes (``checker.parallel``);
    the results and errors are the same, in the same order, as with one. ``progress(i, n, id)``
    is called as each file's turn comes.
    """
    plan = _plan_corpus(paths)
    tasks = [item for item in plan if not isinstance(item, SourceError)]
    done: Iterator[Any] | None = None
    if jobs > 1 and len(tasks) > 1:
        from ..parallel import pmap
        firsts = _first_occurrences(tasks)
        done = pmap(_load_then, [(f, entry, then, i in firsts) for i, (f, entry, _r, _s) in enumerate(tasks)], jobs)
    k = 0
    results: list[Any] = []
    errors: list[SourceError] = []
    by_id: dict[str, str] = {}
    loaded: set[Path] = set()
    for item in plan:
        if isinstance(item, SourceError):
            errors.append(item)
            continue
        f, entry, real, sid = item
        k += 1
        if progress:
            progress(k, len(tasks), sid)
        ready = next(done) if done is not None else None  # the workers' results stay in step
        if real in loaded:
            continue
        if sid in by_id:
            errors.append(SourceError(str(f), f"same source id {sid!r} as {by_id[sid]}; rename one"))
            continue
        out = ready if done is not None else _load_then((f, entry, then, True))
        if isinstance(out, SourceError):
            errors.append(out)
            continue
        loaded.add(real)
        by_id[sid] = str(f)
        results.append(out)
    return results, errors


def _first_occurrences(tasks: list[tuple[Path, Any, Path, str]]) -> set[int]:
    """Indexes of the planned files whose resolved path and source id no earlier file has: a
    worker may act on these alone (write their claims) as soon as they load, for they cannot be
    skipped or refused for a clash with an earlier one."""
    seen_real: set[Path] = set()
    seen_id: set[str] = set()
    firsts = set()
    for i, (_f, _entry, real, sid) in enumerate(tasks):
        if real not in seen_real and sid not in seen_id:
            firsts.add(i)
        seen_real.add(real)
        seen_id.add(sid)
    return firsts


def _load_then(task: tuple[Path, dict[str, Any] | None, Callable[..., Any] | None, bool]) -> Any:
    """Load one planned file (its SourceError returned, not raised) and apply ``then`` to it;
    ``then(doc, sole)`` is told whether the document is sure to be kept (``_first_occurrences``,
    always so when run in order)."""
    f, entry, then, sole = task
    try:
        doc = load_document(f, entry, origin="manifest") if entry is not None else load_document(f)
    except SourceError as e:
        return e
    return then(doc, sole) if then is not None else doc


def _plan_corpus(paths: list[str | Path]) -> list[SourceError | tuple[Path, dict[str, Any] | None, Path, str]]:
    """What ``load_corpus`` will do, in order: an error, or a file to load as
    (file, manifest entry, resolved path, source id). Nothing is decoded here."""
    plan: list[SourceError | tuple[Path, dict[str, Any] | None, Path, str]] = []
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def manifest_for(d: Path) -> dict[str, dict[str, Any]]:
        key = d.resolve()
        if key not in manifests:
            manifests[key] = load_manifest(d, id_of=source_id)
        return manifests[key]

    for path in paths:
        p = Path(path)
        if p.is_dir():
            man = manifest_for(p)
            files = sorted((f for f in p.iterdir() if f.suffix.lower() in SUFFIXES and f.name != MANIFEST_NAME
                            and not f.is_dir()), key=lambda f: f.name)  # a FIFO or a loop: one line each
            names = {f.name for f in files}
            for missing in sorted(set(man) - names):
                plan.append(SourceError(str(p / MANIFEST_NAME),
                                        f"the manifest names {missing!r}, which is not in {p}"))
        elif p.is_file():
            man = manifest_for(p.parent)
            files = [p]
        else:
            plan.append(SourceError(str(p), not_regular(p, "no such file or directory") or "not a file"))
            continue
        for f in files:
            try:
                real = f.resolve()
            except (OSError, RuntimeError):  # a symlink loop: load_document names it
                real = f.absolute()
            plan.append((f, man.get(f.name), real, source_id(f)))
    return plan
