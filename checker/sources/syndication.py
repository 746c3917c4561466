"""Syndication markers: signs that a text (or part of it) comes from a news agency.

Four kinds, as an editor would weigh them when judging whether two sources
are independent: ``wire`` (an agency dateline such as "ISTANBUL (AP) —" or a
line "AP Istanbul", or a byline naming an agency; found by the furniture
rules), ``contributed`` ("AFP contributed reporting", "Additional reporting
by Reuters"), ``syndicated-feed`` (publisher disclaimers such as
"auto-generated from a syndicated feed") and ``attributed`` (the article cites
an agency or the media of a country: "according to the state-run TASS news
agency", "TASS reported", "reports per Russian media").

The scan is anchored: agency names are found first (one fast regex) and their
context is checked with small anchored patterns; the agency-less markers are
found from rare literal words with ``str.find``. A single big alternation over
the whole text would be several times slower on long inputs.

Notes: agency names and marker wording are data (data/agencies.json); the
kinds follow the distinction news organisations draw between wire copy,
contributed reporting and attribution.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable, Iterator

from .lexicon import agency_aliases, agency_regex, canonical_agency, data, phrase_regex


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(phrase_regex(w) for w in sorted(words, key=lambda s: (-len(s), s))) + ")"


@cache
def _pats() -> dict[str, re.Pattern[str]]:
    ph = data("agencies")["phrases"]
    ag = agency_regex()
    first = "".join(sorted({n[0] for n in agency_aliases()}))
    adj = rf"(?:the\s)?(?:{_alt(ph['state_adjectives'])}\s)?"
    place = r"(?:[A-Z][a-z]{1,20}\s){0,2}"
    return {
        "agency": re.compile(rf"(?=[{re.escape(first)}]){ag}"),
        "before_contrib": re.compile(rf"(?<![\w-])(?i:{_alt(ph['contributed_before'])})\s(?i:the\s)?$"),
        "before_attr": re.compile(
            rf"(?<![\w-])(?i:according\sto|citing|cited\sby|quoted\sby|as\sreported\sby|reported\sby|told)\s"
            rf"(?i:{adj})(?:(?i:news\sagency)\s)?$"),
        "before_adj": re.compile(rf"(?<![\w-])(?i:{adj})$"),
        "and_agency": re.compile(rf"\s(?:and|&)\s{ag}"),
        "after_contrib": re.compile(
            rf"(?:\s(?:and|&)\s{ag})?(?:\s(?i:writers?|reporters?|correspondents?|staff|journalists?)"
            rf"(?:\s[A-Z][\w'’.-]{{0,30}}){{0,4}})?\s(?i:{_alt(ph['contributed'])})\b"),
        "after_noun": re.compile(rf"\s(?i:{_alt(ph['agency_nouns'])})\b"),
        "after_verb": re.compile(rf"\s(?i:{_alt(ph['attribution_verbs'])})\b"),
        "feed": re.compile(rf"(?i:{_alt(ph['syndicated_feed'])})"),
        "media": re.compile(
            rf"(?<![\w-])(?i:reports?\sper|according\sto|citing|per)\s(?i:the\s)?{place}"
            rf"(?i:(?:state\s)?{_alt(ph['media_nouns'])})\b"),
    }


def first_agency(text: str) -> str | None:
    """Canonical name of the first agency named in ``text``."""
    m = _pats()["agency"].search(text)
    return canonical_agency(m.group()) if m else None


def _agency_markers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of markers built around an agency name."""
    p = _pats()
    consumed = 0
    for m in p["agency"].finditer(text):
        a, b = m.span()
        if a < consumed:
            continue
        lo = max(0, a - 80)
        pre = p["before_contrib"].search(text, lo, a)
        if pre:
            more = p["and_agency"].match(text, b)
            end = more.end() if more else b
            consumed = end
            yield pre.start(), end, "contributed"
            continue
        post = p["after_contrib"].match(text, b)
        if post:
            consumed = post.end()
            yield a, post.end(), "contributed"
            continue
        noun = p["after_noun"].match(text, b)
        pre = p["before_attr"].search(text, lo, a)
        if pre:
            end = noun.end() if noun else b
            consumed = end
            yield pre.start(), end, "attributed"
            continue
        if noun:
            adj = p["before_adj"].search(text, lo, a)
            start = adj.start() if adj and adj.start() < a else a
            consumed = noun.end()
            yield start, noun.end(), "attributed"
            continue
        verb = p["after_verb"].match(text, b)
        if verb:
            consumed = verb.end()
            yield a, verb.end(), "attributed"


def _literal_hits(text: str, literals: tuple[str, ...], pat: re.Pattern[str], before: int,
                  after: int) -> Iterator[tuple[int, int]]:
    """Matches of ``pat`` in windows around occurrences of rare literal words."""
    anchors: list[int] = []
    for lit in literals:
        i = text.find(lit)
        while i >= 0:
            anchors.append(i)
            i = text.find(lit, i + 1)
    last = -1
    for i in sorted(anchors):
        if i < last:
            continue
        for m in pat.finditer(text, max(0, i - before, last), min(len(text), i + after)):
            if m.start() <= i < m.end() + 1:
                last = m.end()
                yield m.start(), m.end()
                break


def scan(text: str, in_body: Callable[[int], bool]) -> list[tuple[int, dict]]:
    """Markers in ``text`` with their offsets; ``in_body(offset)`` filters attributions.

    Contributed and feed markers count wherever they stand (they are usually
    in the furniture); attributions only in the article body.
    """
    p = _pats()
    found: list[tuple[int, int, str]] = list(_agency_markers(text))
    found += [(s, e, "syndicated-feed") for s, e in
              _literal_hits(text, ("syndicated", "Syndicated", "agency feed"), p["feed"], 60, 60)]
    found += [(s, e, "media") for s, e in
              _literal_hits(text, (" media", " news agencies", " news outlets", " press", " news reports"),
                            p["media"], 70, 30)]
    out: list[tuple[int, dict]] = []
    for s, e, kind in sorted(found):
        marker = " ".join(text[s:e].split())
        if kind == "contributed":
            out.append((s, {"marker": marker, "agency": first_agency(marker), "kind": "contributed"}))
        elif kind == "syndicated-feed":
            out.append((s, {"marker": marker, "agency": None, "kind": "syndicated-feed"}))
        elif in_body(s):
            agency = first_agency(marker) if kind == "attributed" else None
            out.append((s, {"marker": marker, "agency": agency, "kind": "attributed"}))
    return out
