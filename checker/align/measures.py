"""Align counts and durations across sources on their frames, and relate each pair.

Two measures are put side by side only when their frames say they measure the
same thing (``checker.extract.frames``):

- counts: the same quantity (dead, injured, cancelled ...; none on both sides
  only for a specific noun), the same noun class, compatible scope (no two
  different places or scope phrases), the same period when both give one, and
  no two different event anchors;
- durations: the same relation (how long an event lasted, the interval between
  two events ...) and no two different event anchors.
Only asserted claims take part; planned, hypothetical and negated figures never
corroborate or conflict.

Each pair of aligned measures is then related:

- ``same``: the same value;
- ``compatible``: overlapping intervals once the wording's precision is allowed
  for ("three hours" is rounded, so 2.5 to 3.5 hours; "about 2,000" is within
  10 %; "nearly 6,000" is 85 % to 100 % of it);
- ``update``: a running tally (a toll, cancellations) that differs between
  reports of different times, rising in publication order;
- ``conflict``: disjoint values that cannot both hold. For a tally that needs
  evidence that both figures hold at one time: the same clock time ("as of 5
  p.m."), the same closed period ("in five days"), the same snapshot (another
  figure in both sentences agrees), one day without clock times, or a figure
  that falls in later reports.
A conflict carries a confidence (0-1) from how firmly both frames are pinned
(explicit quantity, specific noun, event anchor, scope on both sides).

Blocking: measures are bucketed by their loose key (kind, quantity, noun,
relation), so pairs are only formed inside a bucket.

Notes: interval relations follow Allen's algebra; rounding tolerance follows
the usual reading of news figures (an unhedged round number is rounded to its
last digit); tally practice follows wire style (each write-through carries the
latest toll).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable

from ..extract.frames import is_generic, is_tally, partitive_words

_FAMILY = {"length": "span", "interval": "span", "elapsed": "span", "gap": "gap", "term": "term", "age": "age"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Measure:
    """One count or duration claim with its frame, ready to compare."""

    claim: dict[str, Any]
    source: str
    kind: str
    lo: float
    hi: float | None  # effective interval (wording's precision allowed for); None = open
    exact: tuple[float | None, float | None]  # the interval as written
    bucket: tuple
    quantity: str | None
    noun: str | None
    modifiers: tuple[str, ...]
    scope: frozenset[str]
    period: str | None
    event: str | None
    relation: str | None
    tally: bool
    day: dt.date | None  # the day the figure holds (clause date, else publication)
    day_known: bool  # day comes from the text or a publication date
    time: str | None  # clock time the figure holds at
    strength: float  # how firmly the frame is pinned, 0-1
    context: str = ""  # its sentence without the figure (evidence when no quantity pins the frame)
    vague: bool = False  # "a few minutes", "dozens of": a number the text never gives
    between: str | None = None  # an interval's other end (event type)
    names: frozenset[str] = frozenset()  # surnames of the people its sentence names (not its speaker)
    when: str | None = None  # the date its clause gives
    linked: bool = False  # the event extractor linked it to its event ("the talks lasted ...")
    increment: bool = False  # "another four", "five more": an addition, not a total
    snapshot: set[tuple] = field(default_factory=set)  # (bucket, exact value) of its sentence's other measures

    @property
    def id(self) -> str:
        return self.claim["id"]


def _iso(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s and _DAY.match(s) else None
    except ValueError:
        return None


def _counts_events(noun: str | None) -> bool:
    """A count of events (aftershocks, attacks, arrests) keeps rising like a toll."""
    from ..extract.eventlex import nouns
    n = nouns().get(noun or "")
    return bool(n and n.event)


@cache
def _unit_seconds() -> dict[str, int]:
    """Seconds of each duration unit, as the duration extractor reads them (temporal.json)."""
    from ..extract.dates import lexicon
    return {unit: info["seconds"] for unit, info in lexicon()["duration_units"].items()}


def effective(value: dict[str, Any], kind: str) -> tuple[float, float | None]:
    """The interval a figure allows once its wording's precision is read in."""
    lo, hi = value.get("min"), value.get("max")
    if kind == "duration":
        lo, hi = value.get("min_seconds"), value.get("max_seconds")
    mod = value.get("modifier") or "exact"
    amount = value.get("amount")
    approx = bool(value.get("approximate"))
    unit = _unit_seconds().get(value.get("unit") or "", 1) if kind == "duration" else 1
    if lo is None:
        return 0.0, None
    if mod == "exact" and hi is not None and lo == hi:
        if kind == "duration":
            n = amount if isinstance(amount, (int, float)) else lo / unit
            step = 0.5 if float(n).is_integer() else 0.05
            if float(n).is_integer() and n >= 10 and n % 5 == 0:
                step = 2.5  # "15 minutes", "40 hours": rounded to five
            return max(0.0, lo - step * unit), hi + step * unit
        return lo, hi
    if mod == "approximately" and hi is not None:
        if kind == "count" and lo == hi:
            return lo * 0.9, hi * 1.1
        if kind == "duration" and isinstance(amount, (int, float)):
            # Judged wider than the claim's own interval: "about three hours" and "about 2.5 hours"
            # may well describe one meeting. "About 2 hours and 45 minutes" is precise to minutes.
            mid = amount * unit
            return (mid * 0.94, mid * 1.06) if not float(amount).is_integer() else (mid * 0.85, mid * 1.15)
        return lo, hi
    if mod == "less_than" and hi is not None:
        return (hi * 0.85, hi) if approx else (0.0, hi)
    if mod == "more_than":
        return (lo, lo * 1.2) if approx else (lo, None)
    return lo, hi


def _overlap(a: tuple[float, float | None], b: tuple[float, float | None]) -> bool:
    a_hi = float("inf") if a[1] is None else a[1]
    b_hi = float("inf") if b[1] is None else b[1]
    return a[0] <= b_hi and b[0] <= a_hi


def measures(docs: list[dict[str, Any]], event_of: dict[str, str]) -> list[Measure]:
    """Every asserted count and duration with a frame, as a Measure; ``event_of`` maps an event claim id
    to its event cluster."""
    out: list[Measure] = []
    for d in docs:
        src = d["source"]
        pub = _iso(src.get("published"))
        # claims files without frames (older ones, hand-made ones): an event that links a duration
        # is still its anchor
        linked = {c["refs"]["duration"]: c["id"] for c in d["claims"]
                  if c["kind"] == "event" and (c.get("refs") or {}).get("duration")}
        people = _people(d)
        by_sentence: dict[int, list[Measure]] = {}
        for c in d["claims"]:
            if c["kind"] not in ("count", "duration"):
                continue
            f = c.get("frame") or {}
            if f.get("modality", "asserted") != "asserted":
                continue
            v = c["value"]
            kind = c["kind"]
            exact = (v.get("min"), v.get("max")) if kind == "count" else (v.get("min_seconds"), v.get("max_seconds"))
            if exact[0] is None:
                continue
            lo, hi = effective(v, kind)
            event = event_of.get(f.get("anchor") or linked.get(c["id"]) or "")
            linked_here = f.get("anchor_how") == "linked"
            if kind == "count":
                q, noun = f.get("quantity"), f.get("noun")
                if q is None and is_generic(noun):
                    strength = 0.2
                else:
                    strength = 0.5 + 0.25 * (q is not None) + 0.15 * (not is_generic(noun)) + 0.1 * bool(event)
                # "912 people were killed" and "912 dead" count one thing; "10 kilometres" never counts people
                bucket = ("count", q, "*" if q and noun in (None, "person", "other", "one") else noun,
                          "money" if v.get("unit") in ("dollar", "euro", "pound") else "")
                rel = None
            else:
                q, noun = None, None
                rel = f.get("relation") or "length"
                strength = 0.55 + 0.35 * bool(event) + 0.1 * linked_here
                bucket = ("duration", _FAMILY.get(rel, rel))
            day = _iso(f.get("as_of_day")) or pub
            m = Measure(c, src["id"], kind, lo, hi, exact, bucket, q, noun, tuple(f.get("modifiers") or ()),
                        frozenset(f.get("scope") or ()), f.get("period"), event, rel,
                        kind == "count" and (is_tally(q) or _counts_events(noun)),
                        day, day is not None, f.get("as_of"), min(1.0, strength),
                        vague=("X" in (v.get("timex") or "")) or (kind == "count" and v.get("amount") is None),
                        between=f.get("between"), context=_context(c), names=_named(c, people),
                        when=f.get("when"), increment=bool(f.get("increment")), linked=linked_here or c["id"] in linked)
            out.append(m)
            sent = c.get("sentence") or {}
            by_sentence.setdefault((sent.get("whole") or sent).get("start", -1), []).append(m)
        for ms in by_sentence.values():
            for m in ms:
                m.snapshot = {(x.bucket, x.exact[0]) for x in ms if x is not m}
    return out


def _distinctive(m: Measure) -> bool:
    """A figure unlikely to be given twice by chance: not a small round number ("94 hours", "8.5 million")."""
    amount = m.claim["value"].get("amount")
    if not isinstance(amount, (int, float)):
        return False
    return not float(amount).is_integer() or (amount > 12 and amount % 5 != 0) or amount >= 1000


def _people(doc: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(surname key, aliases) of the people a source names."""
    out = []
    for c in doc["claims"]:
        v = c["value"]
        if c["kind"] == "entity" and v.get("type") == "person" and len((v.get("name") or "").split()) > 1:
            aliases = sorted({a for a in [v["name"], *(v.get("aliases") or [])] if len(a) > 2})
            out.append((v["name"].split()[-1].lower(), aliases))
    return out


def _named(c: dict[str, Any], people: list[tuple[str, list[str]]]) -> frozenset[str]:
    """Surnames of the people named in a claim's sentence, leaving out who the claim is attributed to:
    "Blackmore is charged with marrying 20 women, while Oler ..." names whose figure it is."""
    sent = (c.get("sentence") or {}).get("text", "")
    speaker = ((c.get("attributed_to") or {}).get("speaker") or "").lower()
    out = set()
    for key, aliases in people:
        if speaker and speaker.split()[-1:] == [key]:
            continue
        if any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", sent) for a in aliases):
            out.add(key)
    return frozenset(out)


@cache
def _parse(timex: str):
    from .timex import parse
    return parse(timex)


def _when_apart(a: Measure, b: Measure) -> bool:
    """The two figures belong to different times: their clauses give dates that do not overlap, or one
    gives a year before the other's report ("170,000 killed in 2004" in a story of 2012)."""
    parse = _parse
    if a.when and b.when:
        return not parse(a.when).overlaps(parse(b.when))
    for x, y in ((a, b), (b, a)):
        span = parse(x.when) if x.when else None
        if span and span.hi and y.day and span.hi.year < y.day.year:
            return True
    return False


def _context(c: dict[str, Any]) -> str:
    sent = c.get("sentence") or c["evidence"]
    a, b = c["evidence"]["start"] - sent["start"], c["evidence"]["end"] - sent["start"]
    return sent["text"][:max(a, 0)] + " " + sent["text"][max(b, 0):]


def aligned(a: Measure, b: Measure, scopes: int = 1) -> bool:
    """Do the two frames measure the same thing (so the values can be compared at all)? ``scopes`` is
    how many different explicit scopes the claims of this kind give: with more than one ("151 on
    board", "12 on the ground"), a figure that names none could be either and is only matched on an
    equal value."""
    if a.bucket != b.bucket:
        return False
    if a.kind == "count" and set(a.modifiers) & partitive_words() != set(b.modifiers) & partitive_words():
        return False  # "eight cabin crew" is a part of the crew, whatever the number
    if a.exact == b.exact and _distinctive(a) and (a.kind == "duration" or a.quantity == b.quantity):
        return True  # the same distinctive figure in one story: one fact, whichever event it is hung on
    if a.event and b.event and a.event != b.event:
        return False
    if a.names and b.names and not a.names & b.names:
        return False  # figures about different people ("Blackmore ... 20 women", "Oler ... two women")
    if _when_apart(a, b):
        return False
    if a.kind == "duration" and a.exact != b.exact and (a.relation != b.relation or not (a.event and b.event)):
        return False  # "trapped for 94 hours" and "94 hours after the quake" agree; a duration of no
        # event, or of another relation, is compared with nothing else
    if a.kind == "count":
        if a.scope and b.scope and a.scope != b.scope:
            return False
        if scopes > 1 and (not a.scope) != (not b.scope) and a.exact != b.exact:
            return False
        if a.period and b.period and a.period != b.period:
            return False
        if (a.period is None) != (b.period is None) and a.tally:
            return False  # a total over a stated period is not the running figure
    return True


def candidate_pairs(group: list[Measure]) -> list[tuple[Measure, Measure]]:
    """The pairs of one bucket that ``aligned`` can accept, in all-pairs order (i < j, by i then j),
    without forming every pair. Necessary conditions used as blocking keys:

    - the partitive modifiers of counts are equal;
    - the same exact value (the distinctive-figure rule), or else no two different event anchors;
    - durations with different values need an anchor on both sides (so the same one);
    - counts with different values need no two different explicit scopes.
    Tested equal to the all-pairs filter (tests/test_align.py)."""
    n = len(group)
    if n < 64:  # small buckets: every pair is cheaper than the index
        return [(group[i], group[j]) for i in range(n) for j in range(i + 1, n)]
    parts = partitive_words()
    blocks: dict[frozenset, list[int]] = {}
    for i, m in enumerate(group):
        blocks.setdefault(frozenset(m.modifiers) & parts if m.kind == "count" else frozenset(), []).append(i)
    pairs: set[tuple[int, int]] = set()

    def within(ix: list[int]) -> None:
        pairs.update((ix[x], ix[y]) for x in range(len(ix)) for y in range(x + 1, len(ix)))

    def across(xs: list[int], ys: list[int]) -> None:
        pairs.update((x, y) if x < y else (y, x) for x in xs for y in ys)

    plan = []  # per block: the groups of equal values and the pairs of compatible cells
    for ix in blocks.values():
        by_exact: dict[tuple, list[int]] = {}
        for i in ix:
            by_exact.setdefault(group[i].exact, []).append(i)
        todo: list[tuple[list[int], list[int] | None]] = [(same, None) for same in by_exact.values()]
        # different values: no two different events, and (counts) no two different scopes
        cells: dict[tuple, list[int]] = {}
        for i in ix:
            m = group[i]
            if m.kind == "duration" and m.event is None:
                continue  # compared only on an equal value (above)
            cells.setdefault((m.event, m.scope if m.kind == "count" else frozenset()), []).append(i)
        keys = list(cells)
        order = {k: x for x, k in enumerate(keys)}
        by_event: dict[str | None, list[tuple]] = {}
        for k in keys:
            by_event.setdefault(k[0], []).append(k)
        for k in keys:
            ev, sc = k
            # partners: the same event or either without one; the same scope or either without one
            for e2 in ([ev, None] if ev is not None else list(by_event)):
                for k2 in by_event.get(e2, ()):
                    if order[k2] < order[k]:
                        continue  # each unordered pair of cells once
                    if sc and k2[1] and sc != k2[1]:
                        continue
                    todo.append((cells[k], None) if k2 == k else (cells[k], cells[k2]))
        plan.extend(todo)
    bound = sum(len(a) * (len(b) if b is not None else (len(a) - 1) / 2) for a, b in plan)
    if bound >= n * (n - 1) / 4:  # blocking would keep half the pairs or more: every pair is cheaper
        return [(group[i], group[j]) for i in range(n) for j in range(i + 1, n)]
    for a, b in plan:
        if b is None:
            within(a)
        else:
            across(a, b)
    return [(group[i], group[j]) for i, j in sorted(pairs)]


def relate(a: Measure, b: Measure, similar: Callable[[str, str], float] | None = None) -> tuple[str, float]:
    """(relation, confidence) of two aligned measures from different sources. ``similar`` scores two
    sentences (0-1): when no quantity pins a count ("two boats surrounded the vessel"), only counts in
    alike sentences are compared, and the likeness adds to the confidence."""
    if a.exact == b.exact:
        return "same", 1.0
    if _overlap((a.lo, a.hi), (b.lo, b.hi)):
        return "compatible", 1.0
    bonus = 0.0
    if a.kind == "count" and a.quantity is None:
        sim = similar(a.context, b.context) if similar else 0.0
        if sim < 0.5:
            return "unrelated", 0.0
        bonus = 0.2
    if a.vague or b.vague:
        return "unrelated", 0.0  # "a few minutes" pins no number
    if a.increment or b.increment:
        return "unrelated", 0.0  # "another four died" adds to a total, it is not one
    weak = a.strength < 0.5 or b.strength < 0.5
    if a.kind == "count" and (a.modifiers != b.modifiers or weak):
        return "unrelated", 0.0  # "8 cabin crew" is part of "10 crew"; a bare "people" pins nothing
    conf = min(a.strength, b.strength) + bonus
    if a.kind == "count" and (not a.scope) != (not b.scope):
        conf -= 0.15  # one side names where, the other does not
    elif a.kind == "count" and a.scope and a.scope == b.scope:
        conf += 0.1  # both name the same places
    if a.kind == "duration" and a.relation != b.relation:
        return "unrelated", 0.0
    if a.kind == "duration" and a.relation in ("interval", "elapsed") and not (a.between and a.between == b.between):
        return "unrelated", 0.0  # time from one event to what? only the same two ends compare
    if a.kind == "count" and a.quantity is None:
        conf = min(conf, 0.65)  # only the sentence's likeness says they count one thing: check
    if a.kind == "duration" and a.relation == "length" and not (a.linked and b.linked):
        conf = min(conf, 0.65)  # "for three weeks" in a clause that names the event: what lasted?
    if a.kind == "duration" and a.relation in ("term", "gap", "age") and not a.names & b.names:
        conf = min(conf, 0.65)  # whose sentence, whose age: only the same person pins it
    if a.kind == "count" and a.quantity == "cost":
        conf = min(conf, 0.65)  # what costs $4.99 and what costs $2,499? the price's object decides
    if a.names & b.names:
        conf += 0.1
    if not a.tally:
        return "conflict", conf
    # a running tally: do both figures hold at one time?
    if a.time and b.time and a.time == b.time and (a.day == b.day or not (a.day_known and b.day_known)):
        return "conflict", conf
    if a.period and a.period == b.period:
        return "conflict", conf
    if a.snapshot & b.snapshot:
        return "conflict", conf
    if a.time or b.time:
        return "update", 1.0
    if a.day and b.day and a.day_known and b.day_known:
        if a.day == b.day:
            if a.scope and a.scope == b.scope:
                return "conflict", conf  # "7 on the ground" against "at least 12 on the ground", one day
            return "conflict", min(conf, 0.65)  # one day, but a toll moves within a day: check
        first, last = (a, b) if a.day < b.day else (b, a)
        rising = (last.lo >= first.lo)
        return ("update", 1.0) if rising else ("conflict", conf - 0.1)
    return "update", 1.0
