"""Judge every aligned event attribute, figure and statement: agree, conflict,
possible conflict, variant, single-source or unresolved.

Rules (each a small function below, each table-tested):
- dates of one event: the same day (or the same month-day where a source
  gives no year, or an undated source's weekday that is the event's own)
  agrees; a coarser value that contains the day ("last week") is a variant;
  different days conflict.
- places: the same place agrees; one inside the other (Riyadh / Saudi Arabia)
  is a variant; places apart conflict.
- counts and durations are compared on their frames (``checker.align.measures``:
  same quantity, noun, scope, period, anchor event; same duration relation):
  the same value agrees, compatible values (read with their wording's
  precision) or a rising running tally are a variant, disjoint values of one
  frame conflict; a conflict whose frames match only weakly is a possible
  conflict, shown apart; beside a conflict the consistent majority is reported
  as corroborated.
- ordinals: "meeting", "round", "session" and "talks" count one series. One
  event given different numbers, or one number given to different events, is a
  numbering conflict, and the explanation names the likely cause (a different
  starting point: the outlet that numbers the earlier event counts one more
  event before it). An ordinal restricted to a period ("the first of his
  second term") is compared only with the same restriction.
- statements: verbatim or trimmed wordings agree, reworded ones are
  variants, one statement given to two speakers conflicts (unless one is a
  person speaking for the other, an organisation named in their title).
Independence: sources in one independence group (wire copies) count once;
explanations say "3 outlets, 2 independent sources". Wording (units, values,
event labels) comes from ``checker.render.wording``.

Notes: interval comparison follows Allen's interval algebra (overlap vs
disjoint); the numbering cause is the editorial reading of series counts;
rising tallies follow wire practice (each new write-through carries the latest
toll).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .align import timex
from .align.entities import EntityIndex
from .align.events import Event, Mention
from .align.places import compatible_places
from .align import measures as measure_align
from .align import quotes as quote_align
from .align.quotes import StatementGroup, relation
from .render.wording import (event_label, fmt_count, fmt_duration, human_period, ordinal_word,
                             plural)
from .settings import SETTINGS

STATUSES = ("conflict", "possible-conflict", "variant", "agree", "single-source", "unresolved")
SERIES_UNITS = {"meeting", "round", "session", "talks", "negotiations", "consultations"}


@dataclass
class Finding:
    id: str
    status: str
    kind: str
    event: str | None
    sides: list[list[str]]
    claims: list[str]
    explanation: str
    values: list[str] = field(default_factory=list)  # one display value per side
    title: str = ""  # a heading for the report
    confidence: float = 1.0  # how sure the finding is that its claims measure one thing (0-1)
    frame: dict[str, Any] = field(default_factory=dict)  # what the compared claims measure

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "kind": self.kind, "event": self.event,
                "title": self.title, "sides": self.sides, "values": self.values, "claims": self.claims,
                "explanation": self.explanation, "confidence": round(self.confidence, 2), "frame": self.frame}


class Corpus:
    """Claims documents plus what alignment found, with lookups the rules need."""

    def __init__(self, docs: list[dict[str, Any]], groups: dict[str, str]):
        self.docs = {d["source"]["id"]: d for d in docs}
        self.groups = groups
        self.claims = {c["id"]: c for d in docs for c in d["claims"]}

    @cached_property
    def titles(self) -> dict[str, set[str]]:
        """Entity name -> every title a source gives it ("Microsoft's Vice President of ...")."""
        out: dict[str, set[str]] = {}
        for c in self.claims.values():
            if c["kind"] == "entity":
                out.setdefault(c["value"].get("name", ""), set()).update(c["value"].get("titles") or ())
        return out

    def outlet(self, sid: str) -> str:
        return self.docs[sid]["source"].get("outlet") or sid

    def independent(self, sources: list[str]) -> int:
        return len({self.groups.get(s, s) for s in sources})

    def count_phrase(self, sources: list[str]) -> str:
        n, k = len(sources), self.independent(sources)
        outlets = f"{n} outlet{'s' * (n != 1)}"
        return outlets if n == k else f"{outlets}, {k} independent source{'s' * (k != 1)}"

    def names(self, sources: list[str]) -> str:
        return ", ".join(self.outlet(s) for s in sources)

    def only(self, sources: list[str]) -> str:
        """Subject of a single-source sentence: "Only X" or "Only one independent source (X, Y: 2 outlets)"."""
        if len(sources) == 1:
            return f"Only {self.outlet(sources[0])}"
        return f"Only one independent source ({self.names(sources)}: {len(sources)} outlets)"


def _side_value(values: dict[str, str]) -> tuple[list[list[str]], list[str]]:
    """Group sources by the value they give: sides (sorted) and the value of each side."""
    by_value: dict[str, list[str]] = {}
    for sid, v in sorted(values.items()):
        by_value.setdefault(v, []).append(sid)
    order = sorted(by_value, key=lambda v: (-len(by_value[v]), v))
    return [by_value[v] for v in order], order


# -- dates -------------------------------------------------------------------

def _date_key(span: timex.Span, day: dt.date | None) -> str | None:
    """Exact-day key of a date value: "02-27" for 2025-02-27 and for XXXX-02-27."""
    if span.is_day:
        return f"{span.lo.month:02d}-{span.lo.day:02d}" if day is None or span.lo.year == day.year else span.lo.isoformat()
    if span.monthday:
        return f"{span.monthday[0]:02d}-{span.monthday[1]:02d}"
    return None


def _weekday_key(claim: dict | None, day: dt.date | None) -> str | None:
    """An undated source's bare weekday ("on Friday") that is the event's own weekday: the same day.
    Another weekday is left alone: without a publication date it cannot be placed."""
    if not claim or day is None:
        return None
    v = claim["value"]
    if v.get("form") != "weekday" or v.get("resolved", True):
        return None
    names = {w.lower().strip(".,’'s") for w in claim["evidence"]["text"].split()}
    return _day_key(day) if day.strftime("%A").lower() in names else None


def _day_key(day: dt.date) -> str | None:
    """The exact-day key of an event's own day."""
    return _date_key(timex.parse(day.isoformat()), day)


def judge_dates(event: Event, corpus: Corpus) -> list[Finding]:
    exact: dict[str, str] = {}
    shown: dict[str, str] = {}
    claims: dict[str, list[str]] = {}
    coarse: list[Mention] = []
    day = event.day
    for m in sorted(event.mentions, key=lambda m: (m.source, m.start)):
        if not m.date_claim:
            continue
        frame = (corpus.claims.get(m.date_claim) or {}).get("frame") or {}
        if frame.get("modality", "asserted") in ("proposed", "hypothetical", "negated"):
            continue  # "proposed holding the next round in the week of 9 March" dates no round
        key = _date_key(m.span, day) or _weekday_key(corpus.claims.get(m.date_claim), day)
        if key is None:
            if m.span.lo is not None:
                coarse.append(m)
            continue
        if m.source in exact and exact[m.source] != key:
            continue  # a source contradicting itself is left to the editor's reading of its copy
        exact.setdefault(m.source, key)
        if key not in shown or m.span.is_day:  # show a full date rather than one without year
            shown[key] = timex.human(m.timex_value)
        claims.setdefault(m.source, []).append(m.date_claim)
    # dates whose frame anchors them on a mention of this event ("today on Monday, the quake ..."), and
    # weekdays of undated sources that name the event's own weekday ("struck on Monday")
    mention_ids = {m.claim_id for m in event.mentions}
    linked = {m.date_claim for m in event.mentions if m.date_claim}
    for sid in sorted({m.source for m in event.mentions}):
        for c in corpus.docs[sid]["claims"]:
            f = c.get("frame") or {}
            if c["kind"] != "date" or c["id"] in linked or f.get("anchor") not in mention_ids \
                    or f.get("modality", "asserted") != "asserted" or sid in exact:
                continue
            v = c["value"]
            span = timex.parse(v.get("timex"))
            key = _date_key(span, day) if span.known else None
            key = key or _weekday_key(c, day)
            if key is None or day is None or key != _day_key(day):
                continue  # a clause-anchored date only corroborates: its own clause may date something else
            exact[sid] = key
            shown.setdefault(key, timex.human(day.isoformat()))
            claims.setdefault(sid, []).append(c["id"])
    # coarser dates (a month, a week) of sources that give no day: one per source, first mention
    coarser: dict[str, Mention] = {}
    for m in coarse:
        if exact and m.source not in exact:
            coarser.setdefault(m.source, m)
    rest = sorted(coarser)
    rest_values = [timex.human(coarser[s].timex_value) for s in rest]
    rest_claims = [coarser[s].date_claim for s in rest]
    out: list[Finding] = []
    if exact:
        sides, keys = _side_value(exact)
        cids = sorted({c for s in exact for c in claims[s]})
        values = [shown[k] for k in keys]
        if len(sides) > 1:
            out.append(Finding(f"date:{event.id}", "conflict", "date", event.id, sides, cids,
                               "Sources give different days for the same event: "
                               + "; ".join(f"{corpus.names(s)} {'say' if len(s) > 1 else 'says'} {v}"
                                           for s, v in zip(sides, values)) + ".",
                               values))
            if rest:
                out.append(Finding(f"date:{event.id}:coarser", "variant", "date", event.id, [[s] for s in rest],
                                   sorted(rest_claims),
                                   "; ".join(f"{corpus.outlet(s)} dates it only as {v}" for s, v in zip(rest, rest_values))
                                   + ", without the day the others dispute.", rest_values))
        elif rest:
            # the day and the coarser dates that contain it are one finding, never an agreement
            # listed again beside a variant for each coarser source
            srcs = sides[0]
            said = (f"{corpus.count_phrase(srcs)} give {values[0]}" if corpus.independent(srcs) > 1
                    else f"{corpus.only(srcs)} gives {values[0]}")
            only = ", ".join(f"{v} ({corpus.outlet(s)})" for s, v in zip(rest, rest_values))
            out.append(Finding(f"date:{event.id}", "variant", "date", event.id, [srcs] + [[s] for s in rest],
                               sorted(set(cids) | set(rest_claims)),
                               f"{said}; coarser but consistent: {only}.", values + rest_values))
        else:
            srcs = sides[0]
            status = "agree" if corpus.independent(srcs) > 1 else "single-source"
            text = (f"{corpus.count_phrase(srcs)} give {values[0]}." if status == "agree"
                    else f"{corpus.only(srcs)} gives the date ({values[0]}).")
            out.append(Finding(f"date:{event.id}", status, "date", event.id, sides, cids, text, values))
    return out


# -- places ------------------------------------------------------------------

def judge_places(event: Event, corpus: Corpus) -> list[Finding]:
    by_source: dict[str, Mention] = {}
    for m in sorted(event.mentions, key=lambda m: (m.source, m.start)):
        if m.place and m.source not in by_source:
            by_source[m.source] = m
    if corpus.independent(list(by_source)) < 2:
        return []
    values = {s: m.place for s, m in by_source.items()}
    sides, vals = _side_value(values)
    cids = sorted(m.claim_id for m in by_source.values())
    if len(sides) == 1:
        return [Finding(f"place:{event.id}", "agree", "place", event.id, sides, cids,
                        f"{corpus.count_phrase(sides[0])} place it in {vals[0]}.", vals)]
    if all(compatible_places(a, b) for a in vals for b in vals):
        return [Finding(f"place:{event.id}", "variant", "place", event.id, sides, cids,
                        "Same place at different granularity: " + " / ".join(vals) + ".", vals)]
    return [Finding(f"place:{event.id}", "conflict", "place", event.id, sides, cids,
                    "Sources place the event in different places: " + " / ".join(vals) + ".", vals)]


# -- durations ---------------------------------------------------------------

def interval_relation(a: tuple[float, float | None], b: tuple[float, float | None]) -> str:
    """same | overlap | disjoint for two [min, max] intervals (max None = open)."""
    if a == b:
        return "same"
    a_hi = a[1] if a[1] is not None else float("inf")
    b_hi = b[1] if b[1] is not None else float("inf")
    return "overlap" if a[0] <= b_hi and b[0] <= a_hi else "disjoint"


# -- ordinals ----------------------------------------------------------------

def _ordinal_frame(m: Mention, corpus: Corpus | None) -> dict[str, Any]:
    """The frame of the ordinal claim a mention carries ({} when none)."""
    claim = corpus.claims.get(m.ordinal_claim or "") if corpus is not None else None
    return (claim or {}).get("frame") or {}


def _qualifier(m: Mention, corpus: Corpus | None) -> str | None:
    """The restriction of an ordinal's series ("of Trump's second term" -> "term", "since 2019"); None
    for an unrestricted count ("the sixth meeting", "at least their seventh known")."""
    return _qualifier_key(_ordinal_frame(m, corpus).get("qualifier"))


def _qualifier_key(q: str | None) -> str | None:
    """One key per kind of restriction: "of Trump's second term" and "during his second administration"
    are both "term"; "known" restricts nothing."""
    if not q or q == "known":
        return None
    words = set(q.split())
    if words & {"term", "administration", "presidency", "tenure", "mandate"}:
        return "term"
    return q


def _firm(m: Mention, corpus: Corpus | None) -> bool:
    """An ordinal that numbers a real or scheduled event, not a possible one ("ahead of a possible
    fourth round", "proposed a third meeting")."""
    return _ordinal_frame(m, corpus).get("modality", "asserted") not in ("proposed", "hypothetical", "negated")


def _series_ordinals(event: Event, corpus: Corpus | None = None,
                     qualifier: str | None = None) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for m in sorted(event.mentions, key=lambda m: (m.source, m.start)):
        o = m.ordinal or {}
        unit = (o.get("series_unit") or o.get("unit") or "").lower()
        if isinstance(o.get("n"), int) and unit in SERIES_UNITS and m.source not in out \
                and _qualifier(m, corpus) == qualifier and _firm(m, corpus):
            out[m.source] = (o["n"], m.ordinal_claim or m.claim_id)
    return out


def _ordinal_sides(ords: dict[str, tuple[int, str]]) -> tuple[list[list[str]], list[str], list[str], list[str]]:
    """Sides (sources by the number they give), the number of each side, claim ids and sources."""
    sides, shown = _side_value({s: ordinal_word(n) for s, (n, _) in ords.items()})
    return sides, shown, sorted(c for _, c in ords.values()), sorted(ords)


def _anchored_ordinals(e: Event, corpus: Corpus) -> list[tuple[str, str, int, str]]:
    """(qualifier, source, n, claim id) of restricted ordinals that no trigger carries but whose frame
    anchors them on a mention of this event."""
    ids = {m.claim_id for m in e.mentions}
    carried = {m.ordinal_claim for m in e.mentions if m.ordinal_claim}
    out = []
    for sid in sorted({m.source for m in e.mentions}):
        for c in corpus.docs[sid]["claims"]:
            f = c.get("frame") or {}
            v = c["value"]
            if c["kind"] != "ordinal" or c["id"] in carried or f.get("anchor") not in ids \
                    or not isinstance(v.get("n"), int) or (v.get("series_unit") or v.get("unit")) not in SERIES_UNITS:
                continue
            q = _qualifier_key(f.get("qualifier"))
            if q:
                out.append((q, sid, v["n"], c["id"]))
    return out


def judge_qualified_ordinals(events: list[Event], corpus: Corpus) -> list[Finding]:
    """Ordinals within a restricted series ("the first meeting of Trump's second term"): compared only
    with ordinals of the same restriction, never with the unrestricted count ("the sixth meeting")."""
    out: list[Finding] = []
    for e in events:
        quals = sorted({q for m in e.mentions if m.ordinal and (q := _qualifier(m, corpus))})
        anchored = _anchored_ordinals(e, corpus)
        quals = sorted(set(quals) | {q for q, _s, _n, _c in anchored})
        for q in quals:
            ords = _series_ordinals(e, corpus, q)
            for aq, sid, n, cid in anchored:  # "and the first of Trump's second term": no trigger of its own
                if aq == q and sid not in ords:
                    ords[sid] = (n, cid)
            if not ords:
                continue
            sides, shown, cids, srcs = _ordinal_sides(ords)
            fid = f"ordinal:{e.id}:{q}"
            title = f"Ordinal of the {event_label(e)} ({q})"
            if len(sides) > 1:
                f = Finding(fid, "conflict", "ordinal", e.id, sides, cids,
                            f"Sources number the {event_label(e)} differently within '{q}': " + " vs ".join(shown) + ".",
                            shown, title)
            elif corpus.independent(srcs) > 1:
                f = Finding(fid, "agree", "ordinal", e.id, sides, cids,
                            f"{corpus.count_phrase(srcs)} call the {event_label(e)} the {shown[0]} ({q}).", shown, title)
            else:
                f = Finding(fid, "single-source", "ordinal", e.id, sides, cids,
                            f"{corpus.only(srcs)} numbers the {event_label(e)} ({shown[0]}, {q}).", shown, title)
            out.append(f)
    return out


def judge_ordinals(events: list[Event], corpus: Corpus) -> list[Finding]:
    out: list[Finding] = []
    per_event = {e.id: _series_ordinals(e, corpus) for e in events}
    by_id = {e.id: e for e in events}
    in_numbering_conflict: set[tuple[str, str]] = set()
    # one number given to different events
    by_n: dict[int, dict[str, list[str]]] = {}
    for eid, ords in per_event.items():
        for sid, (n, _) in ords.items():
            by_n.setdefault(n, {}).setdefault(eid, []).append(sid)
    order = [e.id for e in events]
    for n, evs in sorted(by_n.items()):
        if len(evs) < 2:
            continue
        eids = sorted(evs, key=order.index)
        sides = [sorted(evs[e]) for e in eids]
        cids = sorted(per_event[e][s][1] for e in eids for s in evs[e])
        labels = [f"{ordinal_word(n)} = {event_label(by_id[e])}" for e in eids]
        earlier = eids[0]
        before = _previous_event(events, by_id[earlier])

        def who(srcs: list[str]) -> str:
            names = [corpus.outlet(x) for x in sorted(srcs)]
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

        calls = "; ".join(f"{who(evs[e])} call{'s' if len(evs[e]) == 1 else ''} the {event_label(by_id[e])} "
                          f"the {ordinal_word(n)}" for e in eids)
        early = who(evs[earlier])
        cause = (f"{early} probably count{'s' if len(evs[earlier]) == 1 else ''} "
                 + (f"the {event_label(before)} as the first" if before is not None and n == 2
                    else "an earlier meeting as the first"))
        out.append(Finding(f"numbering:{n}", "conflict", "ordinal", None, sides, cids,
                           f"Numbering conflict: {calls}. Likely cause: a different starting point; {cause}.",
                           labels))
        for e in eids:
            for s in evs[e]:
                in_numbering_conflict.add((e, s))
    # per event: one event, different numbers; agreement; single source
    for e in events:
        ords = per_event[e.id]
        if not ords:
            continue
        sides, shown, cids, srcs = _ordinal_sides(ords)
        fid = f"ordinal:{e.id}"
        if len(sides) > 1:
            out.append(Finding(fid, "conflict", "ordinal", e.id, sides, cids,
                               f"Sources number the {event_label(e)} differently ("
                               + " vs ".join(shown) + "): they count the series from different starts.",
                               shown))
        elif corpus.independent(srcs) > 1:
            out.append(Finding(fid, "agree", "ordinal", e.id, sides, cids,
                               f"{corpus.count_phrase(srcs)} call the {event_label(e)} the {shown[0]} "
                               f"meeting/round of the series.", shown))
        elif not any((e.id, s) in in_numbering_conflict for s in srcs):
            out.append(Finding(fid, "single-source", "ordinal", e.id, sides, cids,
                               f"{corpus.only(srcs)} numbers the {event_label(e)} ({shown[0]}).", shown))
    return out


def _previous_event(events: list[Event], e: Event) -> Event | None:
    if not e.day:
        return None
    earlier = [x for x in events if x.day and x.day < e.day and x.cls == e.cls]
    return max(earlier, key=lambda x: x.day) if earlier else None


# -- statements --------------------------------------------------------------

def _voice_of(speaker: str, voices: dict[str, list[str]]) -> str | None:
    """The voice (key of ``_voices``) a speaker name was merged into."""
    if speaker in voices:
        return speaker
    return next((v for v in voices if _surname(v).lower() == _surname(speaker).lower()), None)


def _named_speaker(m: quote_align.Statement) -> bool:
    """The speaker is named where the words stand: a name of two or more words, or a mention that
    carries the speaker's surname (not "he", "the ministry", "Authorities")."""
    mention = (m.mention or "").strip()
    if not mention or not m.speaker:
        return False
    if len(m.speaker.split()) < 2:
        return False
    return _surname(m.speaker).lower() in mention.lower()


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _voices(g: StatementGroup, corpus: Corpus) -> dict[str, list[str]]:
    """Speaker -> sources, with an unknown speaker left out (a source that did not say who spoke
    does not contradict one that did), the forms of one name merged ("Ed Stefanski", "Manager Ed
    Stefanski", "Stefanski": one surname) and a spokesperson merged with the organisation they
    speak for."""
    names = sorted({m.speaker for m in g.members if m.speaker and m.speaker.lower() != "unknown"},
                   key=lambda n: (-len(n.split()), n))
    canon: dict[str, str] = {}
    for n in names:
        twin = next((c for c in dict.fromkeys(canon.values()) if _surname(c).lower() == _surname(n).lower()
                     or _one_voice([c, n], corpus)), None)
        canon[n] = twin or n
    out: dict[str, list[str]] = {}
    for m in sorted(g.members, key=lambda m: m.source):
        if m.speaker in canon:
            srcs = out.setdefault(canon[m.speaker], [])
            if m.source not in srcs:
                srcs.append(m.source)
    return out


def _one_voice(speakers: list[str], corpus: Corpus) -> bool:
    """Two speakers who are one voice: a person whose title names the organisation they speak for
    ("David Weston, Microsoft's Vice President ..." and "Microsoft")."""
    if len(speakers) != 2:
        return False
    titles = corpus.titles
    a, b = speakers
    for person, org in ((a, b), (b, a)):
        for t in titles.get(person, ()):
            if re.search(rf"(?<!\w){re.escape(org)}(?!\w)", t):
                return True
    return False


def judge_statements(groups: list[StatementGroup], corpus: Corpus) -> list[Finding]:
    out: list[Finding] = []
    for g in groups:
        first = min(g.members, key=lambda m: (m.source, m.line))
        fid = f"quote:{first.claim_id}"
        srcs = g.sources
        cids = sorted(m.claim_id for m in g.members)
        voices = _voices(g, corpus)
        if len(voices) > 1 and corpus.independent([x for v in voices.values() for x in v]) > 1:
            spk = sorted(voices)
            # speakers named together in one source ("Mark and Condon said in a joint statement") may
            # simply share the words: the misattribution is then only possible
            joint = any(all(_surname(x) in m.sentence for x in spk) for m in g.members if m.sentence)
            # a speaker found through a pronoun or a collective ("he said", "Authorities said") or a
            # one-word name may be a resolution slip: the misattribution is then only possible
            named = all(_named_speaker(m) for m in g.members if m.speaker and m.speaker.lower() != "unknown")
            # the same fact reported by two people ("X reported that ...", "according to Y ...") is no
            # misattribution: only the same quoted words in two mouths are
            quoted = all(any(m.direct for m in g.members if m.speaker and _voice_of(m.speaker, voices) == v)
                         for v in spk)
            confidence = 0.6 if joint or not named or not quoted else 1.0
            status = "conflict" if confidence >= SETTINGS.conflict_confidence else "possible-conflict"
            out.append(Finding(fid, status, "quote", None, [sorted(voices[s]) for s in spk], cids,
                               "One statement attributed to different speakers: " + " vs ".join(spk) + ".", spk,
                               confidence=confidence))
            continue
        if corpus.independent(srcs) < 2:
            out.append(Finding(fid, "single-source", "quote", None, [srcs], cids,
                               f"{corpus.only(srcs)} reports this statement by {first.speaker or 'an unknown speaker'}.",
                               [first.speaker or "unknown"]))
            continue
        rels = {relation(a, b)[0] for a in g.members for b in g.members if a.source < b.source}
        status = "agree" if rels <= {"verbatim", "trimmed"} else "variant"
        how = "verbatim" if rels == {"verbatim"} else ("trimmed" if status == "agree" else "reworded")
        out.append(Finding(fid, status, "quote", None, [srcs], cids,
                           f"{corpus.count_phrase(srcs)} report this statement by {first.speaker or 'an unknown speaker'} ({how}).",
                           [first.speaker or "unknown"]))
    return out


# -- counts and durations, on their frames ------------------------------------

def _frame_label(m: measure_align.Measure, events: dict[str, Event]) -> str:
    """What a measure measures, for a heading: "people dead (Türkiye)", "duration of the talks of 15 Aug"."""
    if m.kind == "count":
        unit = m.claim["value"].get("unit") or "?"
        noun = plural(unit, 2)
        own = (m.claim.get("frame") or {}).get("quantity_how") == "noun"  # "deaths", "cancellations"
        what = f"{noun} {m.quantity}" if m.quantity and m.quantity not in ("cost", "on board") and not own else noun
        if m.quantity == "on board":
            what = f"{noun} on board"
        if m.modifiers:
            what = " ".join(m.modifiers) + " " + what
        where = f" ({', '.join(sorted(m.scope))})" if m.scope else ""
        period = f" over {human_period(m.period)}" if m.period else ""
        return f"{what}{period}{where}"
    label = {"length": "Duration", "interval": "Time between events", "elapsed": "Time elapsed",
             "gap": "Time since the previous one", "term": "Term", "age": "Age"}.get(m.relation or "length")
    ev = events.get(m.event or "")
    return f"{label} of the {event_label(ev)}" if ev else f"{label} ({m.claim['evidence']['text']})"


def _fmt_measure(m: measure_align.Measure) -> str:
    return fmt_count(m.claim["value"]) if m.kind == "count" else fmt_duration(m.claim["value"])


def judge_measures(docs: list[dict[str, Any]], events: list[Event], corpus: Corpus) -> list[Finding]:
    """Counts and durations aligned on their frames (``checker.align.measures``) and judged per group:
    all the same agrees, overlapping or a rising tally is a variant, disjoint values of one frame
    conflict (a possible conflict when the frames are pinned only weakly)."""
    event_of = {m.claim_id: e.id for e in events for m in e.mentions}
    by_id = {e.id: e for e in events}
    ms = measure_align.measures(docs, event_of)
    buckets: dict[tuple, list[measure_align.Measure]] = {}
    for m in ms:
        buckets.setdefault(m.bucket, []).append(m)
    parent = {m.id: m.id for m in ms}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    idf = quote_align.idf_weights([m.context for m in ms if m.kind == "count"])

    def similar(x: str, y: str) -> float:
        return quote_align.similarity(x, y, idf)

    edges: dict[tuple[str, str], tuple[str, float]] = {}
    for key in sorted(buckets, key=repr):
        group = buckets[key]
        scopes = len({m.scope for m in group if m.scope})
        for a, b in measure_align.candidate_pairs(group):  # blocked: never every pair
            if not measure_align.aligned(a, b, scopes):
                continue
            if a.source == b.source:
                if a.exact == b.exact:
                    parent[find(a.id)] = find(b.id)
                continue
            rel, conf = measure_align.relate(a, b, similar)
            if rel == "unrelated":
                continue
            edges[(a.id, b.id)] = (rel, conf)
            parent[find(a.id)] = find(b.id)
    comps: dict[str, list[measure_align.Measure]] = {}
    for m in ms:
        comps.setdefault(find(m.id), []).append(m)
    comp_edges: dict[str, list[tuple[str, str, str, float]]] = {}
    for (a, b), (r, c) in edges.items():
        comp_edges.setdefault(find(a), []).append((a, b, r, c))
    threshold = SETTINGS.conflict_confidence
    out: list[Finding] = []
    used_ids: set[str] = set()
    for root, members in sorted(comps.items(), key=lambda kv: min(m.id for m in kv[1])):
        members.sort(key=lambda m: (m.source, m.claim["evidence"]["start"]))
        first = members[0]
        by_source: dict[str, measure_align.Measure] = {}
        for m in members:
            by_source.setdefault(m.source, m)
        srcs = sorted(by_source)
        rels = comp_edges.get(root, [])
        cids = sorted(m.id for m in members)
        heading = _frame_label(first, by_id)
        title = f"Count of {heading}" if first.kind == "count" else heading
        label = heading[:1].lower() + heading[1:]  # inside a sentence
        fid = f"{first.kind}:{first.id}"
        if first.kind == "duration" and first.event:  # stable and readable: the event and what is measured
            fid = f"duration:{first.event}" + ("" if first.relation == "length" else f":{first.relation}")
            n = 2
            while fid in used_ids:
                fid, n = f"duration:{first.event}:{first.relation}-{n}", n + 1
        used_ids.add(fid)
        frame = {"kind": first.kind, "quantity": first.quantity, "noun": first.noun,
                 "scope": sorted(set().union(*(m.scope for m in members))), "relation": first.relation,
                 "event": first.event}
        conflicts = [(a, b, c) for a, b, r, c in rels if r == "conflict"]
        if conflicts:
            confidence = max(c for _a, _b, c in conflicts)
            mids = {m.id: m for m in members}
            dissent = _dissenters(conflicts, mids)
            involved = {x for a, b, _c in conflicts for x in (a, b)}
            values_in = {mids[x].exact for x in involved}
            # the conflict shows the figures that clash (and the same figures from other outlets), not
            # every compatible figure of the group: those are the corroborated majority below
            clash = [m for m in members if m.id in involved or m.exact in values_in]
            main = [m for m in members if m.id not in dissent]
            sides: list[list[str]] = [sorted({m.source for m in clash if m.id not in dissent})]
            values = [" / ".join(dict.fromkeys(_fmt_measure(m) for m in clash if m.id not in dissent))]
            rest: dict[str, list[str]] = {}
            for m in clash:
                if m.id in dissent:
                    shown_by = rest.setdefault(_fmt_measure(m), [])
                    if m.source not in shown_by:
                        shown_by.append(m.source)
            for v, ss in sorted(rest.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                ss = sorted(s for s in ss if s not in sides[0]) or sorted(ss)
                sides.append(ss)
                values.append(v)
            order = sorted(range(len(sides)), key=lambda i: (-len(sides[i]), values[i]))
            sides, values = [sides[i] for i in order if sides[i]], [values[i] for i in order if sides[i]]
            cids = sorted(m.id for m in clash)
            status = "conflict" if confidence >= threshold else "possible-conflict"
            lead = "cannot both be true" if status == "conflict" else "may disagree (check that they measure the same thing)"
            expl = (f"Figures for {label} {lead}: " + " vs ".join(
                f"{v} ({corpus.names(s)})" for s, v in zip(sides, values)) + ".")
            out.append(Finding(fid, status, first.kind, first.event, sides, cids, expl, values,
                               confidence=confidence, frame=frame, title=title))
            main_srcs = sorted({m.source for m in main})
            main_vals = " / ".join(dict.fromkeys(_fmt_measure(m) for m in main))
            if corpus.independent(main_srcs) > 1:  # the consistent majority is corroborated all the same
                kept = sorted(m.id for m in main)
                same = len({m.exact for m in main}) == 1
                out.append(Finding(f"{fid}:main", "agree" if same else "variant", first.kind, first.event,
                                   [main_srcs], kept,
                                   f"{corpus.count_phrase(main_srcs)} give compatible figures for {label} "
                                   f"({main_vals}); see the conflict `{fid}` for the others.", [main_vals],
                                   frame=frame, title=title))
            continue
        shown = list(dict.fromkeys(_fmt_measure(by_source[s]) for s in srcs))
        if corpus.independent(srcs) < 2:
            out.append(Finding(fid, "single-source", first.kind, first.event, [srcs], cids,
                               f"{corpus.only(srcs)} gives {label}: {shown[0]}.", shown[:1], frame=frame, title=title))
            continue
        kinds = {r for _a, _b, r, _c in rels}
        if kinds <= {"same"} and len(shown) == 1:
            out.append(Finding(fid, "agree", first.kind, first.event, [srcs], cids,
                               f"{corpus.count_phrase(srcs)} give {shown[0]} for {label}.", shown, frame=frame, title=title))
        elif "update" in kinds:
            steps = " → ".join(f"{_fmt_measure(by_source[s])} ({corpus.outlet(s)}, "
                               f"{corpus.docs[s]['source'].get('published') or 'undated'})"
                               for s in sorted(srcs, key=lambda s: (corpus.docs[s]['source'].get('published') or '9', s)))
            out.append(Finding(fid, "variant", first.kind, first.event, [srcs], cids,
                               f"A running tally of {label} reported at different times: {steps}.",
                               [" / ".join(shown)], frame=frame, title=title))
        else:
            out.append(Finding(fid, "variant", first.kind, first.event, [srcs], cids,
                               f"Compatible figures for {label}, worded differently: " + " / ".join(shown) + ".",
                               [" / ".join(shown)], frame=frame, title=title))
    return out


def _dissenters(conflicts: list[tuple[str, str, float]], by_id: dict[str, measure_align.Measure]) -> set[str]:
    """Claims to set apart until no conflict is left: the one in most conflicts first (ties: the value
    fewer sources give), so the rest is one consistent side."""
    left = list(conflicts)
    out: set[str] = set()
    support: dict[tuple, int] = {}
    for m in by_id.values():
        support[m.exact] = support.get(m.exact, 0) + 1
    while left:
        deg: dict[str, int] = {}
        for a, b, _c in left:
            deg[a] = deg.get(a, 0) + 1
            deg[b] = deg.get(b, 0) + 1
        pick = min(deg, key=lambda x: (-deg[x], support[by_id[x].exact], by_id[x].source, x))
        same = {x for x in by_id if by_id[x].exact == by_id[pick].exact}
        out |= same
        left = [(a, b, c) for a, b, c in left if a not in out and b not in out]
    return out

# -- unresolved --------------------------------------------------------------

# -- times of day ---------------------------------------------------------------

def _time_readings(corpus: Corpus, event_of: dict[str, str]) -> dict[str, dict[str, list[tuple[dict, dict | None]]]]:
    """event id -> source -> [(time claim, the conversion in parentheses after it, or None)] for the
    asserted times anchored on a mention of the event."""
    out: dict[str, dict[str, list[tuple[dict, dict | None]]]] = {}
    for sid, d in sorted(corpus.docs.items()):
        times = [c for c in d["claims"] if c["kind"] == "time"]
        for i, c in enumerate(times):
            f = c.get("frame") or {}
            ev = event_of.get(f.get("anchor") or "")
            if c["value"].get("converts") or ev is None or f.get("modality", "asserted") != "asserted":
                continue
            nxt = times[i + 1] if i + 1 < len(times) and times[i + 1]["value"].get("converts") else None
            out.setdefault(ev, {}).setdefault(sid, []).append((c, nxt))
    return out


def _utc(c: dict | None) -> str | None:
    u = (c or {}).get("value", {}).get("utc")
    return u.split("T")[-1] if u else None


def judge_times(events: list[Event], corpus: Corpus) -> list[Finding]:
    """Times of day per event: the same clock reading in several sources agrees (or stands on one
    source); the same reading converted to different UTC times conflicts ("1:24 p.m. (1024GMT)" against "1:24 p.m. (2100GMT)").
    Different readings are not compared: the start and the end of one event both have a time."""
    event_of = {m.claim_id: e.id for e in events for m in e.mentions}
    out: list[Finding] = []
    for ev, by_src in sorted(_time_readings(corpus, event_of).items()):
        by_clock: dict[str, dict[str, tuple[dict, dict | None]]] = {}
        for sid, pairs in by_src.items():
            for c, conv in pairs:
                by_clock.setdefault(c["value"]["clock"][:5], {}).setdefault(sid, (c, conv))
        for clock, srcs in sorted(by_clock.items()):
            cids = sorted({x["id"] for c, conv in srcs.values() for x in (c, conv) if x})
            conv_utc = {sid: _utc(conv) for sid, (c, conv) in srcs.items() if _utc(conv)}
            fid = f"time:{ev}:{clock}"
            srcs_sorted = sorted(srcs)
            status = "agree" if corpus.independent(srcs_sorted) > 1 else "single-source"
            text = (f"{corpus.count_phrase(srcs_sorted)} give {clock}." if status == "agree"
                    else f"{corpus.only(srcs_sorted)} gives the time ({clock}).")
            out.append(Finding(fid, status, "time", ev, [srcs_sorted],
                               sorted(c["id"] for c, _conv in srcs.values()), text, [clock]))
            if len(set(conv_utc.values())) > 1:
                by_utc: dict[str, list[str]] = {}
                for sid, u in sorted(conv_utc.items()):
                    by_utc.setdefault(u, []).append(sid)
                keys = sorted(by_utc, key=lambda k: (-len(by_utc[k]), k))
                sides = [by_utc[k] for k in keys]
                out.append(Finding(f"{fid}:utc", "conflict", "time", ev, sides, cids,
                                   f"The same time, {clock}, is converted differently: " + "; ".join(
                                       f"{corpus.names(sd)} {'give' if len(sd) > 1 else 'gives'} {k[:5]} UTC"
                                       for sd, k in zip(sides, keys)) + ". At most one conversion is right.",
                                   [f"{clock} = {k[:5]} UTC" for k in keys]))
    return out


def judge_unresolved(corpus: Corpus, attached: set[str]) -> list[Finding]:
    out = []
    for sid, d in sorted(corpus.docs.items()):
        for c in d["claims"]:
            if c["kind"] == "date" and not c["value"].get("resolved", True) and c["id"] not in attached:
                why = ("the source gives no publication date" if not d["source"].get("published")
                       else "the expression cannot be anchored")
                out.append(Finding(f"unresolved:{c['id']}", "unresolved", "date", None, [[sid]], [c["id"]],
                                   f"'{c['evidence']['text']}' cannot be dated: {why}.", [c["value"]["timex"]]))
    return out


def _title(f: Finding, events: dict[str, Event], corpus: Corpus) -> str:
    if f.id.startswith("numbering:"):
        return f"Numbering of the series: which meeting is the {ordinal_word(int(f.id.split(':')[1]))}"
    if f.kind == "count":
        return f"Count of {plural(corpus.claims[f.claims[0]]['value'].get('unit', '?'), 2)}" if f.claims else "Count"
    if f.kind == "quote":
        if f.status == "conflict":
            return "Statement attributed to " + " and ".join(f.values)
        return f"Statement by {f.values[0] if f.values else 'unknown speaker'}"
    if f.status == "unresolved":
        claim = corpus.claims.get(f.claims[0], {})
        return f"Date “{claim.get('evidence', {}).get('text', '?')}” in {corpus.outlet(f.sides[0][0])}"
    if f.event in events:
        return f"{f.kind.capitalize()} of the {event_label(events[f.event])}"
    return f.kind.capitalize()


def judge(events: list[Event], statements: list[StatementGroup], corpus: Corpus,
          entities: EntityIndex | None = None) -> list[Finding]:
    """All findings, conflicts first, then by kind and id (deterministic)."""
    findings: list[Finding] = []
    attached: set[str] = set()
    for e in events:
        findings += judge_dates(e, corpus)
        findings += judge_places(e, corpus)
        attached |= {m.date_claim for m in e.mentions if m.date_claim}
    findings += judge_ordinals(events, corpus)
    findings += judge_qualified_ordinals(events, corpus)
    findings += judge_statements(statements, corpus)
    findings += judge_measures(list(corpus.docs.values()), events, corpus)
    findings += judge_times(events, corpus)
    findings += judge_unresolved(corpus, attached)
    by_id = {e.id: e for e in events}
    for f in findings:
        f.title = f.title or _title(f, by_id, corpus)
    rank = {s: i for i, s in enumerate(STATUSES)}
    return sorted(findings, key=lambda f: (rank[f.status], f.kind, f.id))
