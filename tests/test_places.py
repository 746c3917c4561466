"""Gazetteer integrity and the containment queries the alignment stage relies on."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from checker.extract import places
from checker.extract.places import compatible, contains, country_of, find_places, lookup, norm_key


def _entries() -> list[dict]:
    return json.loads(resources.files("checker.data").joinpath("places.json").read_text("utf-8"))["places"]


def test_every_parent_exists_and_types_are_known() -> None:
    names = {e["name"] for e in _entries()}
    for e in _entries():
        assert e["type"] in ("city", "country", "region", "venue"), e
        assert e["in"] is None or e["in"] in names, e


def test_names_unique_and_no_cycles() -> None:
    entries = _entries()
    assert len({e["name"] for e in entries}) == len(entries)
    parent = {e["name"]: e["in"] for e in entries}
    for name in parent:
        seen = {name}
        p = parent[name]
        while p is not None:
            assert p not in seen, f"cycle through {name}"
            seen.add(p)
            p = parent[p]


def test_aliases_unique_across_entries() -> None:
    owner: dict[str, str] = {}
    for e in _entries():
        for a in (e["name"], *e["aliases"]):
            k = norm_key(a)
            assert owner.setdefault(k, e["name"]) == e["name"], f"{a!r}: {owner[k]} and {e['name']}"


def test_size_and_g20_capitals() -> None:
    entries = _entries()
    assert sum(e["type"] == "city" for e in entries) >= 150
    assert sum(e["type"] == "country" for e in entries) >= 190
    g20 = [("Buenos Aires", "Argentina"), ("Canberra", "Australia"), ("Brasília", "Brazil"),
           ("Ottawa", "Canada"), ("Beijing", "China"), ("Paris", "France"), ("Berlin", "Germany"),
           ("New Delhi", "India"), ("Jakarta", "Indonesia"), ("Rome", "Italy"), ("Tokyo", "Japan"),
           ("Mexico City", "Mexico"), ("Moscow", "Russia"), ("Riyadh", "Saudi Arabia"),
           ("Pretoria", "South Africa"), ("Seoul", "South Korea"), ("Ankara", "Turkey"),
           ("London", "United Kingdom"), ("Washington", "United States")]
    for city, country in g20:
        p = lookup(city)
        assert p is not None and p.type == "city" and p.capital, city
        assert contains(country, city), (country, city)


@pytest.mark.parametrize("outer,inner", [
    ("Saudi Arabia", "Riyadh"), ("Türkiye", "Istanbul"), ("Turkey", "Istanbul"), ("Turkiye", "İstanbul"),
    ("United States", "New York"), ("US", "Washington"), ("the U.S.", "White House"), ("Russia", "Kremlin"),
    ("Ukraine", "Sevastopol"), ("United Kingdom", "Edinburgh"), ("Russia", "Russia"),
])
def test_contains(outer: str, inner: str) -> None:
    assert contains(outer, inner)
    assert compatible(outer, inner) and compatible(inner, outer)


@pytest.mark.parametrize("a,b", [("Riyadh", "Istanbul"), ("Moscow", "Washington"),
                                 ("Saudi Arabia", "Istanbul"), ("Georgia", "Atlanta"), ("Niger", "Nigeria")])
def test_not_compatible(a: str, b: str) -> None:
    assert not compatible(a, b)
    assert not contains(a, b)


def test_washington_is_the_city_not_the_country() -> None:
    w = lookup("Washington")
    assert w is not None and w.type == "city" and w.parent == "United States"
    assert lookup("Washington, D.C.") == w
    assert country_of("Washington").name == "United States"


def test_lookup_aliases_and_case() -> None:
    assert lookup("Turkey").name == "Türkiye"
    assert lookup("TÜRKİYE").name == "Türkiye"
    assert lookup("Kiev").name == "Kyiv"
    assert lookup("the Netherlands").name == "Netherlands"
    assert lookup("Atlantis") is None
    assert places.demonym("Russian").name == "Russia"
    assert places.demonym("American").name == "United States"


def test_unknown_names_compare_by_spelling() -> None:
    assert compatible("Springfield", "springfield")
    assert not compatible("Springfield", "Shelbyville")


def _found(text: str) -> list[tuple[str, str, str, bool]]:
    return [(text[m.start:m.end], m.place.name, m.form, m.in_name) for m in find_places(text)]


def test_find_places_in_text() -> None:
    t = "Russian and US delegations met at the residence of the US Consulate General in Istanbul."
    assert _found(t) == [("Russian", "Russia", "demonym", False), ("US", "United States", "name", False),
                         ("US", "United States", "name", True), ("Istanbul", "Istanbul", "name", False)]


def test_find_places_hyphen_possessive_and_abbreviations() -> None:
    t = ("U.S.-Russia talks in St. Petersburg and Russia's Foreign Ministry, "
         "then in the Democratic Republic of the Congo.")
    assert [(a, b) for a, b, _f, _n in _found(t)] == [
        ("U.S.", "United States"), ("Russia", "Russia"), ("St. Petersburg", "St Petersburg"),
        ("Russia", "Russia"), ("Democratic Republic of the Congo", "Democratic Republic of the Congo")]


def test_find_places_rejects_lower_case_and_names() -> None:
    assert _found("let us talk about it") == []
    t = "The Moscow Times reported from The Hague."
    assert _found(t) == [("Moscow", "Moscow", "name", True), ("The Hague", "The Hague", "name", False)]
