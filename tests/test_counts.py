"""Count helpers that the table cases do not show directly: plural shape and singular units."""

from __future__ import annotations

import pytest

from checker.extract.counts import is_plural, singular


@pytest.mark.parametrize("plural,single", [
    ("topics", "topic"), ("countries", "country"), ("people", "person"), ("women", "woman"),
    ("churches", "church"), ("heroes", "hero"), ("buses", "bus"), ("lives", "life"), ("cases", "case"),
    ("MPs", "mp"), ("diplomats'", "diplomat"), ("personnel", "personnel"), ("aliases", "alias"),
    ("houses", "house"), ("processes", "process"),
])
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


@pytest.mark.parametrize("word", ["topics", "people", "MPs", "NGOs", "children", "agencies", "Palestinians"])
def test_plural_shapes(word: str) -> None:
    assert is_plural(word)


@pytest.mark.parametrize("word", ["news", "says", "bus", "status", "crisis", "various", "US", "this",
                                  "business", "overseas", "series"])
def test_not_plural_shapes(word: str) -> None:
    assert not is_plural(word)
