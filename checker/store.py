"""The claims store's hygiene: stored claims are checked against their source before they are
trusted, and temp files left behind by a killed run are removed on the next one.

- **Trust.** A claims file is only a cache of what the extractor read in a source. One that still
  passes the schema can have been edited by hand (a "Thursday" turned into "Wednesday"), so
  every cited text -- each claim's evidence, its spans and its sentence -- is compared with the
  source at the claim's own offsets (one slice compare each) before the file is reused; on a
  mismatch the source is extracted again and a warning names the file.
- **Hygiene.** ``claims.atomic_write`` writes ``.<name>.<8 random chars>.tmp`` beside its target
  and ``workflow.add_source`` copies through ``.<name>.tmp``; a run killed mid-write leaves one
  behind. Only files of exactly that naming, for a file name this tool writes, and older than
  ``settings.stale_temp_seconds`` (no write lasts that long) are removed.

This module is deliberately outside the extractor fingerprint (``claims.fingerprint``): checking
a cache does not change what extraction produces.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Iterable

from . import settings

# .<target>.tmp (add_source) or .<target>.<mkstemp's 8 characters>.tmp (atomic_write), where the
# target is a file name this tool writes: claims and reports (.json, .md), manifest and reviews
# (.json), articles copied into a corpus.
_TEMP = re.compile(r"^\.[^/\\]+?\.(?:json|md|markdown|txt|html|htm)(?:\.[a-z0-9_]{8})?\.tmp$")


def is_own_temp(name: str) -> bool:
    """Is this file name one of this tool's temp files (``claims.atomic_write``, ``add_source``)?"""
    return bool(_TEMP.match(name))


def clean_stale_temps(dirs: Iterable[Path], now: float | None = None) -> list[Path]:
    """Remove this tool's temp files older than ``settings.stale_temp_seconds`` from ``dirs``
    (not recursively); the paths removed. Anything else, and a temp file a live run may still be
    writing, is left alone; a directory or file that cannot be read is skipped."""
    limit = settings.SETTINGS.stale_temp_seconds
    now = time.time() if now is None else now
    removed: list[Path] = []
    seen: set[Path] = set()
    for d in dirs:
        d = Path(d)
        try:
            key = d.resolve()
            if key in seen or not d.is_dir():
                continue
            seen.add(key)
            entries = sorted(d.iterdir())
        except OSError:
            continue
        for p in entries:
            if not is_own_temp(p.name):
                continue
            try:
                st = p.lstat()
                if not p.is_file() or p.is_symlink() or now - st.st_mtime < limit:
                    continue
                p.unlink()
            except OSError:
                continue
            removed.append(p)
    return removed


def _cited(raw: str, ev: Any, what: str) -> str | None:
    """None when ``ev`` cites ``raw`` faithfully, else what is wrong (one slice compare)."""
    if not isinstance(ev, dict) or "text" not in ev:
        return None  # nothing cited
    start, end, text = ev.get("start"), ev.get("end"), ev.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(raw)):
        return f"{what} offsets {start}-{end} are outside the source ({len(raw)} characters)"
    actual = raw[start:end]
    if text != actual:
        return f"{what} cites {_short(text)} at {start}-{end} where the source has {_short(actual)}"
    return None


def _short(text: Any, limit: int = 40) -> str:
    s = str(text)
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")


def evidence_mismatch(data: dict[str, Any], raw: str) -> str | None:
    """The first cited text of a claims document that the source ``raw`` does not have at its
    offsets (evidence, spans, and the sentence when it is cited whole), or None when all match."""
    for c in data.get("claims", []):
        cid = c.get("id", "?")
        problem = _cited(raw, c.get("evidence"), f"claim {cid}: evidence")
        for name, span in sorted((c.get("spans") or {}).items()):
            if problem:
                break
            problem = _cited(raw, span, f"claim {cid}: span {name!r}")
        sent = c.get("sentence")
        if not problem and isinstance(sent, dict) and isinstance(sent.get("text"), str) \
                and isinstance(sent.get("start"), int) and isinstance(sent.get("end"), int) \
                and len(sent["text"]) == sent["end"] - sent["start"]:
            problem = _cited(raw, sent, f"claim {cid}: sentence")  # a shortened sentence is not checked
        if problem:
            return problem
    return None


def raw_text(path: Path, raw_bytes: bytes) -> str:
    """A source file's text as ``sources.load_document`` decodes it (what claim offsets index)."""
    from .sources import _HTML_SNIFF
    from .sources.decode import decode_bytes
    suffix = path.suffix.lower()
    is_html = suffix in (".html", ".htm") or bool(_HTML_SNIFF.match(raw_bytes[:1024].decode("latin-1")))
    return decode_bytes(raw_bytes, str(path), html=is_html).text
