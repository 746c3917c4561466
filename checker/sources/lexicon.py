"""Load the sources' data files once: furniture markers, agencies, outlets, metadata words, HTML.

The lexicons live in ``checker/data/*.json`` so that an editor can extend them
without touching code; each file explains itself in its ``_about`` key.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def data(name: str) -> dict[str, Any]:
    """A JSON data file of ``checker.data`` by stem (``furniture``, ``agencies`` ...)."""
    text = resources.files("checker.data").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex that accepts any run of spaces between its words."""
    return r"\s{1,3}".join(re.escape(w) for w in phrase.split())


@cache
def agency_aliases() -> dict[str, str]:
    """Every name of a news agency -> its canonical short name."""
    out: dict[str, str] = {}
    for canon, names in data("agencies")["agencies"].items():
        for n in names:
            out[n] = canon
    return out


@cache
def _folded_aliases() -> dict[str, str]:
    """Agency names longer than an acronym, casefolded ('associated press' -> 'AP')."""
    return {k.casefold(): v for k, v in agency_aliases().items() if len(k) > 3}


def canonical_agency(name: str | None) -> str | None:
    """The canonical agency for a name, or None when it names no known agency."""
    if not name:
        return None
    name = " ".join(name.split())
    aliases = agency_aliases()
    if name in aliases:
        return aliases[name]
    return _folded_aliases().get(name.casefold())


@cache
def agency_regex() -> str:
    """Alternation of all agency names (case-sensitive, whole words)."""
    names = sorted(agency_aliases(), key=lambda s: (-len(s), s))
    return r"(?<![\w-])(?:" + "|".join(phrase_regex(n) for n in names) + r")(?![\w-])"
