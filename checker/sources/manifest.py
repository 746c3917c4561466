"""The corpus manifest: what an editor knows about each source better than the text does.

``manifest.json`` in a corpus directory::

    {"sources": {"<file name>": {"outlet": "...", "published": "YYYY-MM-DD" | null,
                                 "url": "...", "title": "...", "byline": "...", "wire": "AP"}}}

Every value overrides detection; an explicit ``null`` says "unknown" and also
overrides (a manifest that says a source is undated keeps it undated). The
file is validated strictly, because a typo ("pubished") would otherwise be
silently ignored and a wrong date would shift every relative date.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any, Callable

from ..errors import ManifestError

MANIFEST_NAME = "manifest.json"
FIELDS = ("outlet", "published", "url", "title", "byline", "wire")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _jpath(*parts: str) -> str:
    return "$" + "".join(f"[{json.dumps(p, ensure_ascii=False)}]" for p in parts)


class _Duplicated(dict):
    """A JSON object in which ``key`` appeared twice (json keeps the last value silently)."""
    key: str


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for k, v in pairs:
        if k in obj and not isinstance(obj, _Duplicated):
            obj = _Duplicated(obj)
            obj.key = k
        obj[k] = v
    return obj


def _first_duplicate(obj: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    if isinstance(obj, dict):
        if isinstance(obj, _Duplicated):
            return path + (obj.key,)
        children = obj.items()
    elif isinstance(obj, list):
        children = ((str(i), v) for i, v in enumerate(obj))
    else:
        return None
    for k, v in children:
        found = _first_duplicate(v, path + (k,))
        if found:
            return found
    return None


def read_manifest_document(directory: str | Path) -> dict[str, Any] | None:
    """The JSON document of ``directory/manifest.json`` as written (None when there is none).

    ManifestError for a file that is not UTF-8, not JSON, repeats a key
    (naming its JSON path) or is not an object.
    """
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file():
        return None
    where = str(path)
    try:
        doc = json.loads(path.read_text("utf-8-sig"), object_pairs_hook=_pairs)
    except UnicodeDecodeError:
        raise ManifestError(where, "not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise ManifestError(where, f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except OSError as e:
        raise ManifestError(where, f"cannot read ({e.strerror or e})") from None
    dup = _first_duplicate(doc)
    if dup:
        raise ManifestError(where, f"{_jpath(*dup)}: duplicate key (JSON would keep only the last value)")
    if not isinstance(doc, dict):
        raise ManifestError(where, "$: expected an object with a \"sources\" object")
    return doc


def load_manifest(directory: str | Path, id_of: Callable[[str], str] | None = None) -> dict[str, dict[str, Any]]:
    """Entries of ``directory/manifest.json`` by file name ({} when there is none).

    Raises ManifestError (naming the file and the JSON path) for invalid JSON, a
    repeated key, unknown fields, bad dates, wrong types or two entries with the
    same source id.
    """
    doc = read_manifest_document(directory)
    if doc is None:
        return {}
    return validate_manifest(doc, str(Path(directory) / MANIFEST_NAME), id_of)


def validate_manifest(doc: Any, where: str,
                      id_of: Callable[[str], str] | None = None) -> dict[str, dict[str, Any]]:
    """The clean entries of a manifest document; ManifestError naming ``where`` and the JSON path."""
    if not isinstance(doc, dict):
        raise ManifestError(where, "$: expected an object with a \"sources\" object")
    for key in doc:
        if key != "sources" and not key.startswith("_") and key not in ("about", "note", "notes"):
            raise ManifestError(where, f"{_jpath(key)}: unknown field (expected \"sources\")")
    sources = doc.get("sources")
    if not isinstance(sources, dict):
        raise ManifestError(where, "$[\"sources\"]: expected an object mapping file names to entries")
    out: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    for name, entry in sources.items():
        if not isinstance(entry, dict):
            raise ManifestError(where, f"{_jpath('sources', name)}: expected an object")
        if "/" in name or "\\" in name:
            raise ManifestError(where, f"{_jpath('sources', name)}: give the file name only, not a path")
        clean: dict[str, Any] = {}
        for fld, val in entry.items():
            jp = _jpath("sources", name, fld)
            if fld.startswith("_") or fld in ("note", "notes"):
                continue
            if fld not in FIELDS:
                raise ManifestError(where, f"{jp}: unknown field (expected one of {', '.join(FIELDS)})")
            if val is not None and not isinstance(val, str):
                raise ManifestError(where, f"{jp}: expected a string or null, got {json.dumps(val)}")
            if isinstance(val, str):
                val = val.strip()
                if not val:
                    raise ManifestError(where, f"{jp}: empty string (use null for unknown)")
            if fld == "published" and val is not None:
                if not _ISO.fullmatch(val):
                    raise ManifestError(where, f"{jp}: {json.dumps(val)} is not a YYYY-MM-DD date")
                try:
                    _dt.date.fromisoformat(val)
                except ValueError:
                    raise ManifestError(where, f"{jp}: {json.dumps(val)} is not a valid date") from None
            clean[fld] = val
        if id_of is not None:
            sid = id_of(name)
            if sid in ids:
                raise ManifestError(where, f"{_jpath('sources', name)}: gives the same source id "
                                           f"{sid!r} as {_jpath('sources', ids[sid])}")
            ids[sid] = name
        out[name] = clean
    return out
