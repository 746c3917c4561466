"""Cluster event mentions from all sources into canonical events.

Identity rests on all the evidence together, in three passes:

1. Mentions with a day (``2025-02-27``) or a month-day without year
   (``XXXX-02-27``) seed clusters: one per day and compatible place. Two
   day-clusters one day apart merge when place and series agree and their
   words overlap: one outlet gave a date a day off, which is a date conflict to
   flag, not a new event.
2. Each source gets a publication window: its publication date, or, when the
   text gives none, a floor (the latest day it reports in the past tense).
3. Every other mention (a week, "last week", a weekday without anchor, or no
   date at all) joins the best compatible cluster: its date window (from the
   date, or from tense against the publication window: a past-tense mention
   happened on or before publication, a future one after), place
   compatibility (gazetteer containment), event class, and the "again" rule
   (a mention that says "again"/"another" is not an event its own source
   already named). Ties are broken by ordinal, tense, participants and topic
   words. A mention that fits nowhere but carries a place, ordinal, duration
   or participants starts its own cluster; a bare "the talks" joins the
   source's main event, or is left out of the timeline.

Blocking: candidates are only the clusters, never all mention pairs, so the
cost grows with mentions x events, not mentions squared.

Notes: the date/place/participant evidence follows event-coreference practice
in ECB+ (Cybulska & Vossen 2014); the tense window is news-writing convention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import timex
from .places import compatible_places, place_slug

SERIES = {"meeting", "round", "session", "talks", "negotiations", "consultations", "gathering",
          "summit", "conference", "discussions", "contacts", "dialogue"}
CLASSES = {"call": "call", "phone call": "call", "visit": "visit", "trip": "visit"}
_AGAIN = re.compile(r"\b(?:again|another|new round|once more)\b", re.I)


def event_class(kind: str | None) -> str:
    """The series an event type belongs to: its noun's group in the event lexicon ("summit" and "round"
    are meetings; a press conference, a call or an earthquake is its own kind of event)."""
    k = (kind or "").lower()
    if k in CLASSES:
        return CLASSES[k]
    group = _groups().get(k)
    if group:
        return group
    if k in SERIES or not k:
        return "meeting"
    return k


@cache
def _groups() -> dict[str, str]:
    from ..extract.eventlex import nouns
    return {n.type: n.group for n in nouns().values() if n.group}


@dataclass
class Mention:
    source: str
    claim_id: str
    start: int
    line: int
    type: str
    cls: str
    span: timex.Span
    date_claim: str | None
    timex_value: str | None
    place: str | None
    participants: frozenset[str]
    ordinal: dict[str, Any] | None
    ordinal_claim: str | None
    duration: dict[str, Any] | None
    duration_claim: str | None
    tense: str  # past, present, future or conditional (future-in-the-past: no constraint)
    again: bool
    topic: frozenset[str]
    sentence: str
    sent_start: int = -1

    @property
    def informative(self) -> bool:
        # a duration alone ("after 2.5 hours of talks") says how long, not which talks: such a mention
        # joins its source's main event rather than starting one of its own
        return bool(self.place or self.ordinal or self.participants or self.span.known)


@dataclass
class Event:
    """A canonical event; aggregates over its mentions are kept up to date by ``add``."""

    id: str
    cls: str
    mentions: list[Mention] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    topics: set[frozenset[str]] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    ordinal_ns: set[int] = field(default_factory=set)
    _day_sources: dict[dt.date, set[str]] = field(default_factory=dict, repr=False)
    _place_counts: dict[str, int] = field(default_factory=dict, repr=False)
    _tense_counts: dict[str, int] = field(default_factory=dict, repr=False)
    _monthdays: set[tuple[int, int]] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        initial, self.mentions = self.mentions, []
        for m in initial:
            self.add(m)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.place:
            self.places.add(m.place)
            self._place_counts[m.place] = self._place_counts.get(m.place, 0) + 1
        if m.topic:
            self.topics.add(m.topic)
        self.participants |= m.participants
        if m.ordinal and m.ordinal.get("n"):
            self.ordinal_ns.add(m.ordinal["n"])
        if m.span.is_day:
            self._day_sources.setdefault(m.span.lo, set()).add(m.source)
        if m.span.monthday:
            self._monthdays.add(m.span.monthday)
        self._tense_counts[m.tense] = self._tense_counts.get(m.tense, 0) + 1

    @property
    def day(self) -> dt.date | None:
        """The day most sources give (ties: the earliest)."""
        c = self._day_sources
        return min(c, key=lambda d: (-len(c[d]), d)) if c else None

    @property
    def monthday(self) -> tuple[int, int] | None:
        d = self.day
        if d:
            return d.month, d.day
        return min(self._monthdays) if self._monthdays else None

    @property
    def place(self) -> str | None:
        """The place most mentions give (ties: alphabetical)."""
        c = self._place_counts
        return min(c, key=lambda p: (-c[p], p)) if c else None

    @property
    def tense(self) -> str | None:
        """The tense most of its mentions use."""
        c = self._tense_counts
        return min(c, key=lambda t: (-c[t], t)) if c else None

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.mentions})

    def future_for(self, source_window: tuple[dt.date | None, dt.date | None]) -> bool | None:
        """Is this event after the source's publication (None: cannot tell)?"""
        d = self.day
        pub, floor = source_window
        if d is None:
            return None
        if pub is not None:
            return d > pub
        if floor is not None and d <= floor:
            return False
        return None


def _iso(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def mentions_of(doc: dict[str, Any]) -> list[Mention]:
    """Event mentions of one claims document, with their linked values."""
    sid = doc["source"]["id"]
    claims = {c["id"]: c for c in doc["claims"]}
    out = []
    for c in doc["claims"]:
        if c["kind"] != "event":
            continue
        v = c["value"]
        refs = c.get("refs", {})
        date_claim = refs.get("date")
        tx = v.get("date")
        if date_claim and date_claim in claims:
            tx = claims[date_claim]["value"].get("timex", tx)
        sentence = (c.get("sentence") or {}).get("text", "")
        ordinal = v.get("ordinal") or None
        out.append(Mention(
            source=sid, claim_id=c["id"], start=c["evidence"]["start"], line=c["evidence"]["line"],
            type=v.get("type") or "meeting", cls=event_class(v.get("type")),
            span=timex.parse(tx) if tx and "XX-XX" not in tx and "WXX" not in tx else timex.UNKNOWN,
            date_claim=date_claim, timex_value=tx,
            place=v.get("place"), participants=frozenset(v.get("participants") or ()),
            ordinal=ordinal, ordinal_claim=refs.get("ordinal"),
            duration=(claims[refs["duration"]]["value"] if refs.get("duration") in claims
                      else v.get("duration") or None), duration_claim=refs.get("duration"),
            tense=v.get("tense") or "past",
            again=bool(_AGAIN.search(c["evidence"]["text"] + " " + _window(sentence, c))),
            topic=frozenset(v.get("topic_words") or ()), sentence=sentence,
            sent_start=((c.get("sentence") or {}).get("whole") or c.get("sentence") or {}).get("start", -1),
        ))
    return out


def _window(sentence: str, claim: dict) -> str:
    """The words right around the mention inside its sentence (for "met again")."""
    text = claim["evidence"]["text"]
    i = sentence.find(text)
    if i < 0:
        return ""
    return sentence[i: i + len(text) + 12]


def _place_ok(a: str | None, b: str | None) -> bool:
    return a is None or b is None or compatible_places(a, b)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def cluster(docs: list[dict[str, Any]]) -> list[Event]:
    """Canonical events across all sources, ordered by date then id."""
    all_mentions = [m for d in sorted(docs, key=lambda d: d["source"]["id"]) for m in mentions_of(d)]
    events: list[Event] = []

    # 1. seed clusters from day-dated mentions, then month-days without year
    _seed(events, [m for m in all_mentions if m.span.is_day], lambda m: m.span.lo, lambda e: e.day)
    _seed(events, [m for m in all_mentions if m.span.monthday], lambda m: m.span.monthday, lambda e: e.monthday)
    events = _merge_off_by_one(events)

    # 2. publication windows
    # the floor of a source: the latest day of an event it mentions other than in the future tense
    # (one pass over the mentions, not one per source)
    floors: dict[str, dt.date] = {}
    for e in events:
        if e.day:
            for m in e.mentions:
                if m.tense != "future" and not (m.source in floors and floors[m.source] >= e.day):
                    floors[m.source] = e.day
    windows: dict[str, tuple[dt.date | None, dt.date | None]] = {
        d["source"]["id"]: (_iso(d["source"].get("published")), floors.get(d["source"]["id"])) for d in docs}

    # 3. the rest
    rest = [m for m in all_mentions if not m.span.is_day and not m.span.monthday]
    # an ordinal in the sentence of one dated mention numbers that event ("met in Istanbul on
    # Thursday for the second round of talks", "met on Feb. 18 - the first high-level meeting")
    dated: dict[tuple[str, int, str], list[Event]] = {}
    for e in events:
        for x in e.mentions:
            if x.sent_start >= 0:
                dated.setdefault((x.source, x.sent_start, x.cls), []).append(e)
    placed = set()
    for m in rest:
        owners = {id(e): e for e in dated.get((m.source, m.sent_start, m.cls), [])}
        if m.ordinal and len(owners) == 1:
            e = next(iter(owners.values()))
            if _score(m, e, windows[m.source]) is not None:
                e.add(m)
                placed.add(id(m))
    rest = [m for m in rest if id(m) not in placed]
    orphans: list[Mention] = []
    # indexes over the events, kept up to date below, so a mention looks only at the events that
    # can take it (same class) or that its own source, or its own sentence, names; each list is in
    # the order of ``events``, so every choice (ties included) is the one a scan of all would make
    pos: dict[int, int] = {}
    by_cls: dict[str, list[Event]] = {}
    by_src: dict[str, dict[int, Event]] = {}
    by_sent: dict[tuple[str, int], dict[int, Event]] = {}

    def index(e: Event, new: bool, ms: list[Mention]) -> None:
        if new:
            pos[id(e)] = len(pos)
            by_cls.setdefault(e.cls, []).append(e)
        for x in ms:
            by_src.setdefault(x.source, {})[id(e)] = e
            by_sent.setdefault((x.source, x.sent_start), {})[id(e)] = e

    for e in events:
        index(e, True, e.mentions)
    for m in sorted(rest, key=lambda m: (m.source, m.start)):
        best, best_score = None, 0.0
        for e in by_cls.get(m.cls, ()):
            s = _score(m, e, windows[m.source])
            if s is not None and (best is None or s > best_score):
                best, best_score = e, s
        # a quake, a crash, an outage: a story mostly has one of each kind, so any fitting one is taken;
        # meetings come in series and need positive evidence
        need = 1.0 if m.cls == "meeting" else 0.0
        if best is not None and (best_score >= need or (not m.informative and best_score >= 0.0)):
            if not m.informative:
                # a bare "negotiations" is the event its own sentence already names ("met again in Saudi
                # Arabia, where, after 12 hours of negotiations, ..."), else its source's main event
                same = [e for e in (by_sent.get((m.source, m.sent_start), {}).values() if m.sent_start >= 0 else ())
                        if e.cls == m.cls]
                if len(same) == 1 and _score(m, same[0], windows[m.source]) is not None:
                    best = same[0]
                else:
                    own = sorted(by_src.get(m.source, {}).values(), key=lambda e: pos[id(e)])
                    best = _main_event(own, m, windows[m.source]) or best
            best.add(m)
            index(best, False, [m])
        elif m.informative:
            events.append(Event("", m.cls, [m]))
            index(events[-1], True, [m])
        elif m.cls != "meeting":
            orphans.append(m)
    # a bare "the press conference", "the quake" that fits no event: in one story there is mostly one
    # event of its kind, so such mentions share one undated event of their class (ties: most sources)
    for m in orphans:
        fits = [e for e in events if e.cls == m.cls and _score(m, e, windows[m.source]) is not None]
        if fits:
            max(fits, key=lambda e: (len(e.sources), -events.index(e))).add(m)
        else:
            events.append(Event("", m.cls, [m]))
    _name(events)
    return sorted(events, key=lambda e: (e.day or dt.date.max, e.id))


def _seed(events: list[Event], mentions: list[Mention], key, event_key) -> None:
    """Put each dated mention into the event of its class with the same date and a compatible place."""
    for m in sorted(mentions, key=lambda m: (key(m), m.source, m.start)):
        target = next((e for e in events if e.cls == m.cls and event_key(e) == key(m)
                       and _place_ok(e.place, m.place)), None)
        if target is None:
            target = Event("", m.cls)
            events.append(target)
        target.add(m)


def _score(m: Mention, e: Event, window: tuple[dt.date | None, dt.date | None]) -> float | None:
    """How well mention m fits event e; None when they cannot be the same event."""
    if m.cls != e.cls:
        return None
    if m.again and any(x.source == m.source and x.start < m.start for x in e.mentions):
        return None
    day = e.day
    pub, floor = window
    if m.span.known and day is not None and not m.span.contains_day(day):
        return None
    if day is not None:
        if m.tense == "future":
            if (pub and day < pub) or (floor and day <= floor):
                return None
        elif m.tense in ("past", "present") and pub and day > pub:
            return None  # "conditional" (would, was to) says nothing about publication time
    if m.place and not all(_place_ok(m.place, p) for p in sorted(e.places)):
        return None
    score = 0.0
    if m.place and e.place:
        score += 2.0 if m.place == e.place else 1.0
    if m.ordinal and m.ordinal.get("n") in e.ordinal_ns:
        score += 2.0
    if m.participants & e.participants:
        score += 1.0
    fut = e.future_for(window)
    if m.tense == "conditional":
        pass
    elif fut is not None:
        score += 1.0 if fut == (m.tense == "future") else -1.0
    elif e.tense:
        score += 0.5 if (e.tense == "future") == (m.tense == "future") else -0.5
    if m.span.known and day is not None:
        score += 1.0
    score += 2.0 * max((_jaccard(m.topic, t) for t in e.topics), default=0.0)
    return score


def _main_event(events: list[Event], m: Mention, window) -> Event | None:
    """The event its own source names most often (ties: the one named first)."""
    own = [(sum(x.source == m.source for x in e.mentions),
            -min((x.start for x in e.mentions if x.source == m.source), default=10**12), e)
           for e in events if _score(m, e, window) is not None]
    own = [t for t in own if t[0] > 0]
    if not own:
        return None
    return max(own, key=lambda t: (t[0], t[1]))[2]


def _merge_off_by_one(events: list[Event]) -> list[Event]:
    """Merge day-clusters one day apart that share place, class and wording."""
    out: list[Event] = []
    for e in sorted(events, key=lambda e: (e.day or dt.date.max)):
        prev = next((p for p in out if p.day and e.day and abs((p.day - e.day).days) == 1
                     and p.cls == e.cls and (p.place == e.place if p.place or e.place else p.cls != "meeting")
                     and (p.place or p.cls != "meeting")
                     and not set(p.sources) & set(e.sources)
                     and max((_jaccard(a, b) for a in p.topics for b in e.topics), default=0.0) >= 0.3),
                    None)
        if prev is not None:
            for m in e.mentions:
                prev.add(m)
        else:
            out.append(e)
    return out


def _name(events: list[Event]) -> None:
    """Stable, readable ids: date-place-class, e.g. ev-2025-02-27-istanbul."""
    used: set[str] = set()
    for e in sorted(events, key=lambda e: (e.day or dt.date.max, e.place or "", e.mentions[0].source,
                                           e.mentions[0].start)):
        if e.day:
            date = e.day.isoformat()
        elif e.monthday:
            date = f"xxxx-{e.monthday[0]:02d}-{e.monthday[1]:02d}"
        else:
            date = "undated"
        base = "-".join(p for p in ("ev", date, place_slug(e.place), e.cls if e.cls != "meeting" else "") if p)
        eid, n = base, 2
        while eid in used:
            eid, n = f"{base}-{n}", n + 1
        used.add(eid)
        e.id = eid
