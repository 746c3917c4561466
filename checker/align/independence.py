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
import math
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


def _candidates(sketches: dict[str, list[str]], threshold: float) -> set[tuple[str, str]]:
    """Pairs of sources whose sketches could reach ``threshold``: exactly those sharing a value in
    their prefix filters, never all pairs.

    An estimate of at least t needs at least ceil(t * max(|a|, |b|)) shared sketch values, so with
    the values of every sketch ordered rarest first, two such sketches must share one of their first
    |a| - ceil(t * |a|) + 1 values. Only those prefixes are indexed; values common to many sources
    (shared boilerplate) sort last and mostly stay out of the index.

    Notes: prefix filtering is the set-similarity-join technique of Chaudhuri et al. (2006) and
    PPJoin (Xiao et al. 2008); it returns a superset of the qualifying pairs, so the output equals
    the all-pairs comparison.
    """
    freq: dict[str, int] = {}
    for sk in sketches.values():
        for h in set(sk):
            freq[h] = freq.get(h, 0) + 1
    index: dict[str, list[str]] = {}
    out: set[tuple[str, str]] = set()
    for sid in sorted(sketches):
        values = sorted(set(sketches[sid]), key=lambda h: (freq[h], h))
        if not values:
            continue
        prefix = values[:len(values) - math.ceil(threshold * len(values)) + 1]
        seen: set[str] = set()
        for h in prefix:
            for other in index.get(h, ()):
                if other not in seen:
                    seen.add(other)
                    out.add((other, sid))
            index.setdefault(h, []).append(sid)
    return out


def groups(sources: list[dict[str, Any]]) -> dict[str, str]:
    """Map every source id to its independence group (the smallest member id).

    Sources sharing a wire agency are joined through the agency; near-duplicates are compared only
    as candidate pairs from a prefix-filter index, so the cost follows the number of similar pairs,
    not the square of the number of sources.
    """
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
    first_of_agency: dict[str, str] = {}
    for i in ids:
        for agency in sorted(wire_agencies(by_id[i])):
            union(first_of_agency.setdefault(agency, i), i)
    threshold = SETTINGS.duplicate_jaccard
    sketches = {i: by_id[i].get("sketch") or [] for i in ids}
    for a, b in sorted(_candidates(sketches, threshold)):
        if find(a) != find(b) and resemblance(sketches[a], sketches[b]) >= threshold:
            union(a, b)
    return {i: find(i) for i in ids}
