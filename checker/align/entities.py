"""One canonical entity for the same person or organisation across sources.

"Sergey Lavrov", "Sergei Lavrov", "Lavrov" and "Russian Foreign Minister
Sergey Lavrov" are one person: entity records of each source already carry a
transliteration-folded ``key``; across sources, keys that are equal merge,
and so do full names whose surnames fold alike and whose first names are
close (Jaro-Winkler from textdistance, threshold in settings). A bare surname
joins a full name only when exactly one person in the corpus has that
surname; two people who share a surname stay apart. An institution named
without its country ("the State Department") joins the one named with it
("the U.S. State Department") on the same condition.

Notes: the transliteration folds are those of ``checker.extract.names``;
Jaro-Winkler is the usual measure for short personal names (Winkler 1990).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..imports import textdistance as _textdistance

from ..extract.names import fold_word, org_key, places
from ..settings import SETTINGS

_JW = _textdistance().JaroWinkler()


@dataclass
class Entity:
    id: str
    name: str
    type: str
    keys: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    names: dict[str, int] = field(default_factory=dict)  # full names seen -> count


class EntityIndex:
    """Canonical entities of a corpus and a lookup from any mention or name."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_key: dict[str, Entity] = {}
        for e in entities:
            for k in e.keys:
                self._by_key.setdefault(k, e)
            for a in e.aliases | set(e.names):
                self._by_key.setdefault(name_key(a, e.type), e)

    def resolve(self, name: str | None) -> Entity | None:
        if not name:
            return None
        for typ in ("person", "organisation"):
            e = self._by_key.get(name_key(name, typ))
            if e:
                return e
        return None

    def canonical(self, name: str | None) -> str | None:
        e = self.resolve(name)
        return e.name if e else name


def name_key(name: str, typ: str) -> str:
    if typ == "organisation":
        return "org:" + org_key(name)
    return "per:" + " ".join(fold_word(w) for w in name.replace("-", " ").split() if len(w) > 1 or w.isalpha())


def _without_country(key: str) -> str | None:
    """An institution's name key without its leading country ("us state department" -> "state department")."""
    words = key.split()
    countries = _country_keys()
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[:n]) in countries:
            return " ".join(words[n:])
    return None


@cache
def _country_keys() -> frozenset[str]:
    return frozenset(places().values())


def _similar_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or fold_word(wa[-1]) != fold_word(wb[-1]):
        return False
    return _JW.normalized_similarity(fold_word(wa[0]), fold_word(wb[0])) >= SETTINGS.name_similarity


def build(docs: list[dict[str, Any]]) -> EntityIndex:
    records = []
    for d in sorted(docs, key=lambda d: d["source"]["id"]):
        for c in d["claims"]:
            if c["kind"] == "entity":
                records.append((d["source"]["id"], c["value"]))
    entities: list[Entity] = []
    for sid, v in records:
        typ = v.get("type", "person")
        name = v["name"]
        key = name_key(name, typ)
        target = None
        for e in entities:
            if e.type != typ:
                continue
            if key in e.keys or (typ == "person" and any(_similar_person(name, n) for n in e.names)):
                target = e
                break
        if target is None:
            target = Entity("", name, typ)
            entities.append(target)
        target.keys.add(key)
        if v.get("key"):
            target.keys.add(("per:" if typ == "person" else "org:") + v["key"])
        target.aliases.update(v.get("aliases", []))
        target.titles.update(v.get("titles", []))
        target.sources.add(sid)
        target.names[name] = target.names.get(name, 0) + 1
    # bare surnames join the one full name with that surname, if there is exactly one
    singles = [e for e in entities if e.type == "person" and len(e.name.split()) == 1]
    for s in singles:
        full = [e for e in entities if e is not s and e.type == "person" and len(e.name.split()) > 1
                and fold_word(e.name.split()[-1]) == fold_word(s.name)]
        if len(full) == 1:
            f = full[0]
            f.keys |= s.keys
            f.aliases |= s.aliases
            f.titles |= s.titles
            f.sources |= s.sources
            entities.remove(s)
    # an institution named without its country ("the State Department") is the one named with it
    # ("the U.S. State Department") when exactly one country's institution of that name is in the corpus
    with_country: dict[str, list[Entity]] = {}  # name key without the country -> institutions
    bare: list[tuple[str, Entity]] = []
    for e in entities:
        if e.type == "organisation":
            key = org_key(e.name)
            rest = _without_country(key)
            if rest is None:
                bare.append((key, e))
            else:
                with_country.setdefault(rest, []).append(e)
    for key, b in bare:
        if len(with_country.get(key, ())) == 1:
            w = with_country[key][0]
            w.keys |= b.keys
            w.aliases |= b.aliases | set(b.names)
            w.titles |= b.titles
            w.sources |= b.sources
            entities.remove(b)
    for e in entities:
        e.name = sorted(e.names, key=lambda n: (-len(n.split()), -e.names[n], n))[0]
    for i, e in enumerate(sorted(entities, key=lambda e: (e.type, e.name))):
        e.id = f"{'p' if e.type == 'person' else 'o'}{i + 1:03d}"
    return EntityIndex(sorted(entities, key=lambda e: e.id))
