"""Claims files: turn extractor records into the public JSON contract, validate, write.

One file per source, ``claims/<source-id>.json``, validated against
``schemas/claims.schema.json`` before anything is written, and written
atomically (temp file in the same directory, fsync, rename) so a reader never
sees half a file. Output is byte-identical for identical input: keys are
sorted, claims are ordered by offset, ids derive from kind and offsets.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import __version__, settings
from .errors import ClaimsFileError, SchemaViolation, WriteError
from .align.independence import sketch
from .extract.attribution import attribute
from .extract.base import Record
from .model import Document, Sentence

SCHEMA_VERSION = 1
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@cache
def fingerprint() -> str:
    """Hash of the code and data that decide extraction: a change means claims are stale."""
    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256()
    files = [pkg / "claims.py", pkg / "text.py", pkg / "model.py"]
    for sub in ("extract", "sources", "data"):
        files += sorted(p for p in (pkg / sub).rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".txt"))
    files.append(SCHEMA_DIR / "claims.schema.json")
    for f in files:
        h.update(f.relative_to(pkg).as_posix().encode())
        h.update(f.read_bytes())
    # the source's sketch is stored with its claims and reused as stored (``current_claims``)
    import inspect
    from .align import independence
    h.update(f"{inspect.getsource(sketch)}{independence.SKETCH_SIZE}{independence._WORD.pattern}".encode())
    return h.hexdigest()[:16]


def is_current(data: dict[str, Any], sha256: str) -> bool:
    """Stored claims still stand for a file: same file bytes, same extraction code."""
    return data["source"].get("sha256") == sha256 and data.get("extractor") == fingerprint()


@cache
def schema(name: str = "claims") -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


@cache
def _validator(name: str = "claims") -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


def _excerpt(text: str, limit: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def source_record(doc: Document, stored_sketch: list[str] | None = None) -> dict[str, Any]:
    """The ``source`` object of a claims document. ``stored_sketch``: the sketch stored for the
    same bytes by the same code (``is_current``), taken as it is instead of segmenting again."""
    m = doc.meta
    furniture = []
    for f in doc.furniture:
        line, col = doc.line_col(f.start)
        furniture.append({"start": f.start, "end": f.end, "line": line, "column": col,
                          "reason": f.reason, "excerpt": _excerpt(doc.raw[f.start:f.end])})
    return {
        "id": m.id, "path": m.path, "outlet": m.outlet, "title": m.title,
        "published": m.published, "published_from": m.published_from if m.published else None,
        "url": m.url, "byline": m.byline, "syndication": list(m.syndication),
        "encoding": m.encoding, "encoding_note": m.encoding_note, "sha256": m.sha256,
        "furniture": furniture,
        "wire": getattr(m, "wire", None),
        "sketch": stored_sketch if stored_sketch is not None else sketch(s.text for s in doc.sentences),
    }


def _window(text: str, s0: int, s1: int, a: int, b: int, width: int) -> tuple[int, int]:
    """A span of at most ``width`` characters of text[s0:s1] holding text[a:b] (whole when it is
    longer), centred on it and cut at word boundaries; scans only the window, never the sentence."""
    room = max(width - (b - a), 0)
    lo = max(s0, a - room // 2)
    hi = min(s1, b + room - (a - lo))
    lo = max(s0, lo - (room - (a - lo) - (hi - b)))  # what the end could not take goes to the start
    if lo > s0 and not text[lo - 1].isspace():  # cut inside a word: start at the next word
        while lo < a and not text[lo].isspace():
            lo += 1
    while lo < a and text[lo].isspace():
        lo += 1
    if hi < s1 and not text[hi].isspace():
        while hi > b and not text[hi - 1].isspace():
            hi -= 1
    while hi > b and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_context(doc: Document, sent: Sentence, start: int, end: int) -> dict[str, Any]:
    """The sentence a claim at text[start:end] sits in, as evidence: whole up to
    ``settings.sentence_context`` characters of the source, else a window of ``sentence_window``
    around the claim (text still equals the source at its offsets), with ``whole`` giving where the
    entire sentence stands. Copying a run-on sentence whole into each of its claims made the claims
    file grow with the square of the sentence."""
    rs, re_ = doc.raw_span(sent.start, sent.end)
    cfg = settings.SETTINGS
    if re_ - rs <= cfg.sentence_context:
        return doc.evidence(sent.start, sent.end).as_dict()
    a, b = min(max(start, sent.start), sent.end), min(max(end, start, sent.start), sent.end)
    ea, eb = doc.raw_span(a, b)
    width = cfg.sentence_window
    while True:  # markup between the words can make the source's window longer than the text's
        lo, hi = _window(doc.text, sent.start, sent.end, a, b, width)
        wa, wb = doc.raw_span(lo, hi)
        if wb - wa <= max(cfg.sentence_window, eb - ea) or (lo, hi) == (a, b):
            break
        width //= 2
    out = doc.evidence(lo, hi).as_dict()
    line, col = doc.line_col(rs)
    out["whole"] = {"start": rs, "end": re_, "line": line, "column": col}
    return out


def build_claims(doc: Document, records: dict[str, list[Record]]) -> dict[str, Any]:
    """The claims document for one source (not yet validated)."""
    flat = sorted((r for rs in records.values() for r in rs), key=lambda r: (r.start, r.end, r.kind))
    attributed = attribute(doc, records, doc.notes.get("attributions", []))
    claims: list[dict[str, Any]] = []
    by_span: dict[tuple[str, int, int], str] = {}
    used: set[str] = set()
    for r in flat:
        ev = doc.evidence(r.start, r.end)
        cid = f"{doc.id}:{r.kind}:{ev.start}-{ev.end}"
        n = 2
        while cid in used:
            cid = f"{doc.id}:{r.kind}:{ev.start}-{ev.end}.{n}"
            n += 1
        used.add(cid)
        by_span.setdefault((r.kind, r.start, r.end), cid)
        sent = doc.sentence_at(r.start)
        claim: dict[str, Any] = {
            "id": cid, "kind": r.kind, "source": doc.id, "evidence": ev.as_dict(),
            "sentence": sentence_context(doc, sent, r.start, r.end) if sent else None,
            "value": r.value,
        }
        if r.spans:
            claim["spans"] = {k: doc.evidence(s, e).as_dict() for k, (s, e) in sorted(r.spans.items())}
        if (r.kind, r.start, r.end) in attributed:
            claim["attributed_to"] = attributed[(r.kind, r.start, r.end)]
        claims.append((r, claim))
    out = []
    for r, claim in claims:
        refs = {}
        for name, (s, e) in sorted(r.spans.items()):
            for kind in ("date", "time", "duration", "count", "ordinal", "quote", "event", "entity"):
                target = by_span.get((kind, s, e))
                if target and target != claim["id"] and kind == name.split("_")[0]:
                    refs[name] = target
        if refs:
            claim["refs"] = refs
        if r.frame is not None:
            claim["frame"] = {**r.frame, "anchor": refs.get("event_anchor")}
        out.append(claim)
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"checker {__version__}",
        "extractor": fingerprint(),
        "source": source_record(doc),
        "claims": out,
    }


@cache
def _claim_schemas() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The claims schema split for speed: the document without its claims, and one schema per
    claim kind (the kind picks the value's shape directly instead of trying every if/then)."""
    full = schema("claims")
    defs = full["$defs"]

    def inline(node: Any) -> Any:  # the schema has no recursion: resolving $refs once saves a lookup per use
        if isinstance(node, dict):
            if str(node.get("$ref", "")).startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k not in ("$ref", "description")}
                return {**inline(defs[node["$ref"][len("#/$defs/"):]]), **inline(rest)}
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    outer = inline({k: v for k, v in full.items() if k != "$defs"})
    outer["properties"]["claims"] = {"type": "array", "items": {"type": "object"}}
    claim_def = inline({k: v for k, v in defs["claim"].items() if k != "allOf"})
    per_kind = {}
    for kind in claim_def["properties"]["kind"]["enum"]:
        one = json.loads(json.dumps(claim_def))
        one["properties"]["value"] = inline(defs[kind])
        per_kind[kind] = one
    return outer, per_kind


@cache
def _claim_validators() -> tuple[jsonschema.Draft202012Validator, dict[str, jsonschema.Draft202012Validator]]:
    """jsonschema validators of the split schema: the reference, and the source of error messages."""
    outer, per_kind = _claim_schemas()
    return (jsonschema.Draft202012Validator(outer),
            {k: jsonschema.Draft202012Validator(v) for k, v in per_kind.items()})


@cache
def _fast_validators() -> tuple[Any, dict[str, Any]] | None:
    """The same split schema compiled to Python by fastjsonschema (about ten times faster): a
    document it accepts is valid; on any rejection the jsonschema validators find and word the
    first error. None when fastjsonschema is not installed.

    Notes: the schema uses no keyword newer than draft 7 (checked by a test), so fastjsonschema's
    draft-7 compiler reads it as written; jsonschema stays the reference in tests.
    """
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a declared dependency
        return None

    def compile_(node: dict[str, Any]) -> Any:
        node = {k: v for k, v in json.loads(json.dumps(node)).items() if k not in ("$schema", "$id")}
        return fastjsonschema.compile({"$schema": "http://json-schema.org/draft-07/schema#", **node})

    outer, per_kind = _claim_schemas()
    return compile_(outer), {k: compile_(v) for k, v in per_kind.items()}


@cache
def _fast_schema(name: str) -> Any:
    """A whole schema (the report's) compiled by fastjsonschema; None when it is not installed."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    node = {k: v for k, v in json.loads(json.dumps(schema(name))).items() if k not in ("$schema", "$id")}
    return fastjsonschema.compile({"$schema": "http://json-schema.org/draft-07/schema#", **node})


def _fast_valid(data: Any) -> bool:
    fast = _fast_validators()
    if fast is None:
        return False
    import fastjsonschema
    outer, per_kind = fast
    try:
        outer(data)
        for claim in data["claims"]:
            check = per_kind.get(claim.get("kind")) if isinstance(claim, dict) else None
            if check is None:
                return False
            check(claim)
    except (fastjsonschema.JsonSchemaException, TypeError, KeyError, AttributeError):
        return False
    return True


def _first_error(validator: jsonschema.Draft202012Validator, data: Any, prefix: list) -> tuple[list, str] | None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return (prefix + list(errors[0].absolute_path), errors[0].message) if errors else None


def validate(data: dict[str, Any], path: str | None = None, name: str = "claims") -> None:
    """Raise SchemaViolation naming the JSON path of the first error."""
    if name == "claims":
        if _fast_valid(data):
            return
        outer, per_kind = _claim_validators()
        err = _first_error(outer, data, [])
        if err is None:
            for i, claim in enumerate(data.get("claims", [])):
                v = per_kind.get(claim.get("kind")) if isinstance(claim, dict) else None
                err = _first_error(v or _validator("claims"), claim if v else data, ["claims", i] if v else [])
                if err:
                    break
    else:
        fast = _fast_schema(name)
        if fast is not None:
            import fastjsonschema
            try:
                fast(data)
                return
            except fastjsonschema.JsonSchemaException:
                pass  # jsonschema finds and words the first error below
        err = _first_error(_validator(name), data, [])
    if err:
        where = "$" + "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in err[0])
        raise SchemaViolation(path, f"fails {name} schema at {where}: {err[1]}")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write text to path via a temp file in the same directory, fsync and rename.

    WriteError (naming ``path``) when the disk is full or the file too large; the old file is intact.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise WriteError(str(path), f"cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):  # disk full (ENOSPC), file size limit (EFBIG), ...: one line
            raise WriteError(str(path), f"cannot write: {e.strerror or e}") from None
        raise


def write_claims(data: dict[str, Any], out_dir: Path, validated: bool = False) -> Path:
    """Validate (unless the caller just did: ``pipeline.extract_document`` validates what it builds)
    then atomically write ``<out_dir>/<source id>.json``."""
    sid = data["source"]["id"]
    path = out_dir / f"{sid}.json"
    if not validated:
        validate(data, str(path))
    atomic_write(path, dumps(data))
    return path


def read_claims(path: Path) -> dict[str, Any]:
    """Read and validate a claims file; a clear ClaimsFileError when it is not usable."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as e:
        raise ClaimsFileError(str(path), f"cannot read: {e.strerror or e}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ClaimsFileError(str(path), f"corrupt JSON ({e}); re-extract it with checker extract or checker report") from None
    if not isinstance(data, dict):
        raise ClaimsFileError(str(path), "not a claims object; re-extract it with checker extract or checker report")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ClaimsFileError(str(path), f"schema version {version!r}, expected {SCHEMA_VERSION}; "
                                         "re-extract it with checker extract or checker report")
    try:
        validate(data, str(path))
    except SchemaViolation as e:
        raise ClaimsFileError(str(path), e.reason + "; re-extract it with checker extract or checker report") from None
    return data
