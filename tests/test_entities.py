"""Entity extraction and name normalisation beyond the table cases in tests/cases/entities.json."""

from __future__ import annotations

import time

import pytest

from checker.extract import entities
from checker.extract.base import make_doc
from checker.extract.names import canonical_org, fold_word, org_key, person_key

VALUE_KEYS = {"name", "type", "aliases", "titles", "mentions", "key"}


@pytest.mark.parametrize("a,b", [
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Dmitriy Peskov", "Dmitry Peskov"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelensky"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Aleksandr Darchiev", "Alexander Darchiyev"),
    ("Valentina Matviyenko", "Valentina Matvienko"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Andrei Belousov", "Andrey Belousov"),
    ("Yuri Ushakov", "Yury Ushakov"),
])
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert person_key(a.split()) == person_key(b.split())


@pytest.mark.parametrize("a,b", [("John Smith", "Paul Smith"), ("Maria Zakharova", "Mario Zakharova")])
def test_different_first_names_keep_different_keys(a: str, b: str) -> None:
    assert person_key(a.split()) != person_key(b.split())


def test_middle_initial_ignored_in_key() -> None:
    assert person_key(["Donald", "J.", "Trump"]) == person_key(["Donald", "Trump"])


def test_org_key_folds_country_modifiers() -> None:
    assert org_key("the U.S. State Department") == "us state department"
    assert org_key("US State Department") == org_key("U.S. State Department")
    assert org_key("Russia's Foreign Ministry") == org_key("Russian Foreign Ministry")
    assert canonical_org("the U.S. State Department") == "US State Department"


def test_fold_word_is_lower_ascii() -> None:
    assert fold_word("Erdoğan") == fold_word("erdogan")
    assert fold_word("U.S.") == "us"


def _records(text: str):
    return entities.extract(make_doc(text), {})


def test_value_has_exact_keys_and_first_mention_span() -> None:
    text = "Kremlin spokesman Dmitry Peskov spoke. Peskov said the talks were useful."
    recs = _records(text)
    person = [r for r in recs if r.value["type"] == "person"]
    assert len(person) == 1
    r = person[0]
    assert set(r.value) == VALUE_KEYS
    assert text[r.start:r.end] == "Dmitry Peskov"
    assert r.value["key"] == "dmitri peskov"


def test_same_key_across_sources() -> None:
    a = _records("Russian Foreign Minister Sergey Lavrov spoke.")
    b = _records("Foreign Minister Sergei Lavrov spoke.")
    assert a[0].value["key"] == b[0].value["key"]
    assert a[0].value["name"] == "Sergey Lavrov" and b[0].value["name"] == "Sergei Lavrov"


def test_bare_surname_links_to_most_recent_full_name() -> None:
    doc = make_doc("John Smith, a senator, spoke first. Paul Smith, an activist, spoke next. Smith said no.")
    idx = entities.analyse(doc)
    smith = [m for m in idx.mentions if m.text == "Smith"]
    assert len(smith) == 1
    assert idx.entity(smith[0]).name == "Paul Smith"


def test_canonical_person_name_is_fullest() -> None:
    recs = _records("President Putin spoke. Russian President Vladimir Putin later left.")
    assert [r.value["name"] for r in recs] == ["Vladimir Putin"]
    assert recs[0].value["mentions"] == 2


def test_analyse_is_cached_per_document() -> None:
    doc = make_doc("Kremlin spokesman Dmitry Peskov spoke.")
    assert entities.analyse(doc) is entities.analyse(doc)
    other = make_doc("Kremlin spokesman Dmitry Peskov spoke.")
    assert entities.analyse(other) is not entities.analyse(doc)


def test_output_is_deterministic_and_sorted() -> None:
    text = ("Presidents Vladimir Putin and Donald Trump spoke. The U.S. State Department and the Kremlin "
            "confirmed it. Trump said Putin was ready.")
    a = [(r.start, r.end, r.value) for r in _records(text)]
    b = [(r.start, r.end, r.value) for r in _records(text)]
    assert a == b
    assert a == sorted(a, key=lambda x: (x[0], x[1], x[2]["name"]))


def test_hostile_input_is_fast() -> None:
    text = ("Aa Bb Cc Dd Ee Ff Gg Hh of the Ii and Jj, " * 400 + "\n") * 5
    t = time.perf_counter()
    entities.extract(make_doc(text), {})
    assert time.perf_counter() - t < 5
