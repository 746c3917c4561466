"""Lexicons and scanning helpers shared by the count, ordinal and event extractors.

Keeping the loading in one place means the three extractors agree on what an
event noun, a unit and a function word are; the helpers let each of them scan
the whole text once and keep only what lies in the article body.

Notes: contents and their sources are described in ``checker/data/event_nouns.json``
and ``checker/data/topic_stopwords.txt``.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Document
from .trie import trie_pattern


@dataclass(frozen=True, slots=True)
class Noun:
    lemma: str  # key in event_nouns.json ("meeting", "call")
    type: str  # normalised event noun
    group: str | None  # series the noun counts in ("meeting" for round/session/talks ...)
    countable: bool
    event: bool  # False for units that are not events (term, anniversary)
    plural: bool  # this surface form is a plural of a countable noun


def _read(name: str) -> str:
    return resources.files("checker.data").joinpath(name).read_text("utf-8")


@cache
def event_lexicon() -> dict:
    """Meetings and their series (``event_nouns.json``) plus events of every other kind
    (``event_occurrences.json``: quakes, crashes, outages, verdicts ..., mined from ECB+ and TimeML)."""
    lx = json.loads(_read("event_nouns.json"))
    occ = json.loads(_read("event_occurrences.json"))
    for key in ("nouns", "compounds", "verbs"):
        lx[key] = {**occ.get(key, {}), **lx[key]}
    return lx


@cache
def count_lexicon() -> dict:
    return json.loads(_read("count_units.json"))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(l.strip() for l in _read("topic_stopwords.txt").splitlines()
                     if l.strip() and not l.startswith("#"))


@cache
def nouns() -> dict[str, Noun]:
    """Surface form (lower case, one or two words) -> Noun."""
    lx = event_lexicon()
    out: dict[str, Noun] = {}
    for lemma, e in lx["nouns"].items():
        for i, form in enumerate(e["forms"]):
            plural = e["countable"] and form.endswith("s") and form != e["forms"][0] and lemma != "talks"
            out[form] = Noun(lemma, e["type"], e["group"], e["countable"], e["event"], plural)
    for form, lemma in lx["compounds"].items():
        base = out[lemma]
        out[form] = Noun(base.lemma, base.type, base.group, base.countable, base.event,
                         base.countable and form.endswith("s") and lemma != "talks" and base.lemma != "talks")
    return out


@cache
def calendar_words() -> frozenset[str]:
    return frozenset(count_lexicon()["calendar_words"])




class BodyIndex:
    """Fast membership test: is an offset inside a body sentence?"""

    def __init__(self, doc: Document):
        self.starts = [s.start for s in doc.sentences]
        self.ends = [s.end for s in doc.sentences]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
