"""Gazetteer of places: lookup, containment and place mentions in text.

Sources name one place at different granularity ("Riyadh" vs "Saudi Arabia",
"the residence of the US Consul General in Istanbul" vs "Istanbul"), and the
alignment stage must not report that as a conflict. The gazetteer
(``checker/data/places.json``) keeps cities, regions, countries and venues as
separate entries linked by ``in`` (containment), so that ``compatible`` can say
"same place, or one inside the other". ``Washington`` is the city (seat of
government), never the country: metonymy is left to the callers.

Mentions are found by a regex over runs of capitalised words followed by
dictionary lookups of their longest sub-sequences, which is much faster than
one alternation of every alias.

Notes: names, aliases and demonyms follow common English news usage (AP and
Reuters style names plus frequent variants); disputed places follow the
UN-recognised country.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    type: str  # "city" | "country" | "region" | "venue"
    parent: str | None  # name of the containing entry
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: bool = False


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    place: Place
    form: str  # "name" or "demonym" ("Russian" -> Russia)
    in_name: bool  # directly followed by another capitalised word ("Moscow Times", "US Embassy")


def norm_key(name: str, strip_the: bool = True) -> str:
    """Case-, accent- and dot-insensitive key: "the U.S." -> "us", "TÜRKİYE" -> "turkiye"."""
    t = name
    if not t.isascii():  # NFKD and combining marks are no-ops on ASCII
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.casefold().replace("’", "'").replace(".", "")
    t = " ".join(t.split())
    if strip_the and t.startswith("the ") and t != "the hague":
        t = t[4:]
    return t


def _is_acronym(alias: str) -> bool:
    a = alias.replace(".", "")
    return len(a) <= 5 and sum(c.isupper() for c in a) >= 2


@cache
def _index() -> tuple[dict[str, Place], dict[str, Place], dict[str, frozenset[str]], int]:
    """(key -> place, demonym -> place, key -> exact acronym forms, longest alias in tokens)."""
    raw = json.loads(resources.files("checker.data").joinpath("places.json").read_text("utf-8"))
    by_key: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    strict: dict[str, set[str]] = {}
    longest = 1
    for e in raw["places"]:
        p = Place(e["name"], e["type"], e.get("in"), tuple(e.get("aliases", ())),
                  tuple(e.get("demonyms", ())), bool(e.get("capital", False)))
        for alias in (p.name, *p.aliases):
            k = norm_key(alias)
            by_key.setdefault(k, p)
            longest = max(longest, len(alias.split()))
            if _is_acronym(alias):
                strict.setdefault(k, set()).add(alias.replace(".", ""))
        for d in p.demonyms:
            demonyms.setdefault(d, p)
    return by_key, demonyms, {k: frozenset(v) for k, v in strict.items()}, longest


def places() -> list[Place]:
    """Every gazetteer entry, in file order of first appearance."""
    seen: dict[str, Place] = {}
    for p in _index()[0].values():
        seen.setdefault(p.name, p)
    return list(seen.values())


def lookup(name: str) -> Place | None:
    """The place a name or alias denotes ("Turkey" -> Türkiye), or None."""
    return _index()[0].get(norm_key(name))


def demonym(word: str) -> Place | None:
    """The country of a demonym ("Russian" -> Russia); case-sensitive."""
    return _index()[1].get(word)


def _as_place(p: Place | str | None) -> Place | None:
    if p is None or isinstance(p, Place):
        return p
    return lookup(p)


def ancestors(place: Place | str) -> list[Place]:
    """The chain of containing places, innermost first (Istanbul -> [Türkiye])."""
    p = _as_place(place)
    out: list[Place] = []
    seen: set[str] = set()
    while p is not None and p.parent and p.parent not in seen:
        seen.add(p.parent)
        p = lookup(p.parent)
        if p is not None:
            out.append(p)
    return out


def country_of(place: Place | str) -> Place | None:
    """The country a place lies in (the place itself for a country)."""
    p = _as_place(place)
    if p is None:
        return None
    if p.type == "country":
        return p
    return next((a for a in ancestors(p) if a.type == "country"), None)


def contains(outer: Place | str, inner: Place | str) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it (Riyadh in Saudi Arabia)."""
    o, i = _as_place(outer), _as_place(inner)
    if o is None or i is None:
        return False
    return o.name == i.name or any(a.name == o.name for a in ancestors(i))


def compatible(a: Place | str, b: Place | str) -> bool:
    """Same place, or one contains the other. Unknown names compare by normalised spelling."""
    pa, pb = _as_place(a), _as_place(b)
    if pa is None or pb is None:
        if isinstance(a, str) and isinstance(b, str):
            return norm_key(a) == norm_key(b)
        return False
    return contains(pa, pb) or contains(pb, pa)


_CAP = r"[A-ZÀ-ÖØ-Þİ][\w'’.]*(?:-[\w'’.]+){0,3}"
_RUN = re.compile(rf"(?<![\w-]){_CAP}(?:[ \t]+(?:of|the|and|de|la|el|al|du|es|del|di|dos|das|van|von|upon|sur|les|d'\w+|{_CAP})){{0,8}}")
# _RUN without its look-behind (checked in code), so that re skips to capitals fast
_RUN_BODY = re.compile(_RUN.pattern.removeprefix(r"(?<![\w-])"))
_TOKEN = re.compile(rf"{_CAP}|\S+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _token_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim a possessive and a sentence-final dot (kept after abbreviations like "U.S.")."""
    piece = text[s:e]
    m = _POSSESSIVE.search(piece)
    if m and len(piece) - len(m.group()) > 1:
        e -= len(m.group())
        piece = text[s:e]
    if piece.endswith(".") and "." not in piece[:-1]:
        e -= 1
    return s, e


def _match(text: str, s: int, e: int) -> Place | None:
    return _match_surface(text[s:e])


@lru_cache(maxsize=65536)
def _match_surface(surface: str) -> Place | None:
    by_key, _dem, strict, _ = _index()
    k = norm_key(surface, strip_the=False)
    p = by_key.get(k)
    if p is None:
        return None
    forms = strict.get(k)
    if forms and surface.replace(".", "") not in forms:  # "Us" is not "US"
        return None
    return p


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Place names and demonyms in ``text[start:end]``, longest match first, left to right."""
    end = len(text) if end is None else end
    out: list[PlaceMention] = []
    for rs, run in _runs(text, start, end):
        found = _run_places(run)
        if found:
            out.extend(PlaceMention(rs + a, rs + b, p, form, in_name) for a, b, p, form, in_name in found)
    return out


def _runs(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(start, text) of the ``_RUN`` matches in ``text[start:end]``, as ``_RUN.finditer`` finds them."""
    out = []
    search = _RUN_BODY.search
    pos = start
    while True:
        m = search(text, pos, end)
        if m is None:
            return out
        q = m.start()
        if q > 0 and (text[q - 1].isalnum() or text[q - 1] in "_-"):  # the look-behind fails
            pos = q + 1
            continue
        out.append((q, m.group()))
        pos = m.end()


class PlaceIndex:
    """``find_places`` for many windows of one range of a text (a sentence and its clauses): the
    runs of capitalised words of the range are found once.

    A window's runs are the range's runs that lie inside it, unless a run crosses one of its
    edges (the window would see a shorter run there); such windows are scanned on their own.
    """

    def __init__(self, text: str):
        self.text = text
        self._range: tuple[int, int] | None = None
        self._runs: list[tuple[int, str]] = []
        self._starts: list[int] = []
        self._mentions: dict[int, list[PlaceMention]] = {}

    def _at(self, k: int) -> list[PlaceMention]:
        rs, run = self._runs[k]
        got = self._mentions.get(rs)
        if got is None:
            got = self._mentions[rs] = [PlaceMention(rs + a, rs + b, p, form, in_name)
                                        for a, b, p, form, in_name in _run_places(run)]
        return got

    def find(self, start: int, end: int, lo: int, hi: int) -> list[PlaceMention]:
        """Places in ``text[start:end]``, a window of the range [lo, hi) (scanned once)."""
        if self._range != (lo, hi):
            self._range = (lo, hi)
            self._runs = _runs(self.text, lo, hi)
            self._starts = [r[0] for r in self._runs]
            self._mentions = {}
        if start < lo or end > hi:
            return find_places(self.text, start, end)
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        runs = self._runs
        if (i > 0 and runs[i - 1][0] + len(runs[i - 1][1]) > start) or \
                (j > i and runs[j - 1][0] + len(runs[j - 1][1]) > end):
            return find_places(self.text, start, end)
        out: list[PlaceMention] = []
        for k in range(i, j):
            out.extend(self._at(k))
        return out


@lru_cache(maxsize=16384)
def _run_places(text: str) -> tuple[tuple[int, int, Place, str, bool], ...]:
    """Places in one run of capitalised words (offsets into the run): a run's places depend on
    nothing outside it, so runs met again ("Russia", "the United States") are looked up once."""
    _by_key, dem, _strict, longest = _index()
    out: list[tuple[int, int, Place, str, bool]] = []
    toks = [_token_span(text, m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(toks)
    i = 0
    while i < n:
        s0 = toks[i][0]
        if not text[s0].isupper():
            i += 1
            continue
        hit = None
        for j in range(min(n, i + longest), i, -1):
            p = _match_surface(text[s0:toks[j - 1][1]])
            if p is not None:
                hit = (j, p, "name")
                break
        if hit is None:
            word = text[s0:toks[i][1]]
            p = dem.get(word)
            if p is not None:
                hit = (i + 1, p, "demonym")
        if hit is None and "-" in text[s0:toks[i][1]]:
            out.extend((pm.start, pm.end, pm.place, pm.form, pm.in_name)
                       for pm in _hyphen_parts(text, s0, toks[i][1]))
            i += 1
            continue
        if hit is None:
            i += 1
            continue
        j, p, form = hit
        e0 = toks[j - 1][1]
        # a possessive or a full stop ends the name: "Russia's Foreign Ministry"
        in_name = j < n and text[toks[j][0]].isupper() and text[e0:e0 + 1] not in ("'", "’", ".")
        out.append((s0, e0, p, form, in_name))
        i = j
    return tuple(out)


def _hyphen_parts(text: str, s: int, e: int) -> list[PlaceMention]:
    """Places inside a hyphenated compound: "US-Russia" -> US, Russia."""
    out = []
    pos = s
    for part in text[s:e].split("-"):
        ps, pe = _token_span(text, pos, pos + len(part))
        pos += len(part) + 1
        if ps >= pe or not text[ps].isupper():
            continue
        p = _match(text, ps, pe)
        form = "name"
        if p is None:
            p = _index()[1].get(text[ps:pe])
            form = "demonym"
        if p is not None:
            out.append(PlaceMention(ps, pe, p, form, False))
    return out
