"""Count helpers that the table cases do not show directly: plural shape and singular units."""

from __future__ import annotations

import re

import pytest

from checker.extract.counts import is_plural, singular


@pytest.mark.parametrize("plural,single", [
    ("topics", "topic"), ("countries", "country"), ("people", "person"), ("women", "woman"),
    ("churches", "church"), ("heroes", "hero"), ("buses", "bus"), ("lives", "life"), ("cases", "case"),
    ("MPs", "mp"), ("diplomats'", "diplomat"), ("personnel", "personnel"), ("aliases", "alias"),
    ("houses", "house"), ("processes", "process"), ("grandchildren", "grandchild"), ("policemen", "policeman"),
    ("townspeople", "townsperson"),
])
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


@pytest.mark.parametrize("word", ["topics", "people", "MPs", "NGOs", "children", "agencies", "Palestinians"])
def test_plural_shapes(word: str) -> None:
    assert is_plural(word)


@pytest.mark.parametrize("word", ["news", "says", "bus", "status", "crisis", "various", "US", "this",
                                  "business", "overseas", "series", "specimen", "abdomen", "regimen"])
def test_not_plural_shapes(word: str) -> None:
    assert not is_plural(word)


@pytest.mark.parametrize("text,numbers", [
    ("The toll reached 1,500,000, the ministry said.", ["1,500,000"]),
    ("Attendance was 12,000, organisers said.", ["12,000"]),
    ("It had 3.5 million people, and 1,2345 is no grouping.", ["3.5 million", "1", "2345"]),
])
def test_grouped_numbers_end_before_a_comma(text: str, numbers: list[str]) -> None:
    from checker.extract.numbers import number_pattern
    assert [m.group(0) for m in re.finditer(rf"(?i)\b{number_pattern()}\b", text)] == numbers


@pytest.mark.parametrize("text,value", [
    ("5 thousand 383", 5383), ("half a billion", 500_000_000), ("a half a billion", 500_000_000),
    ("a million", 1_000_000), ("2.5 million", 2_500_000), ("twenty-five", 25), ("a thousand", 1000),
])
def test_count_number_forms(text: str, value: int) -> None:
    from checker.extract.numbers import count_number_pattern, parse_number
    assert re.fullmatch(rf"(?i){count_number_pattern()}", text)
    assert parse_number(text) == value
