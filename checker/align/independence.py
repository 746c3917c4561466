"""Which sources are independent: wire copies corroborate once.

Two sources belong to one *independence group* when they carry the same wire
agency as a wire or syndicated-feed marker (or the manifest says so), or when
their body texts are near-duplicates (bottom-k MinHash sketches of word
5-gram shingles, estimated Jaccard >= ``SETTINGS.duplicate_jaccard``).
Contributed reporting ("AFP contributed reporting") and attributions
("according to TASS") do not make a source a copy.

Notes: shingling and bottom-k sketches follow Broder (1997), "On the
resemblance and containment of documents".
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable

from ..settings import SETTINGS

_WORD = re.compile(r"\w+", re.UNICODE)
SKETCH_SIZE = 128
COPY_KINDS = ("wire", "syndicated-feed")


def sketch(sentences: Iterable[str], k: int = SKETCH_SIZE) -> list[str]:
    """Bottom-k sketch (hex digests) of the word 5-gram shingles of a text."""
    words = [w.lower() for s in sentences for w in _WORD.findall(s)]
    hashes = {hashlib.blake2b(" ".join(words[i:i + 5]).encode(), digest_size=8).hexdigest()
              for i in range(max(len(words) - 4, 0))}
    return sorted(hashes)[:k]


def resemblance(a: list[str], b: list[str], k: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of two texts from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:k]
    sa, sb = set(a), set(b)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def wire_agencies(source: dict[str, Any]) -> set[str]:
    """Agencies whose copy this source carries (not mere contributions or attributions)."""
    out = {m["agency"] for m in source.get("syndication", [])
           if m.get("kind") in COPY_KINDS and m.get("agency")}
    if source.get("wire"):
        out.add(source["wire"])
    return out


def groups(sources: list[dict[str, Any]]) -> dict[str, str]:
    """Map every source id to its independence group (the smallest member id)."""
    ids = sorted(s["id"] for s in sources)
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_id = {s["id"]: s for s in sources}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = by_id[a], by_id[b]
            shared_wire = wire_agencies(sa) & wire_agencies(sb)
            near_dup = resemblance(sa.get("sketch", []), sb.get("sketch", [])) >= SETTINGS.duplicate_jaccard
            if shared_wire or near_dup:
                union(a, b)
    return {i: find(i) for i in ids}
