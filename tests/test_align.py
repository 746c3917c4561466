"""Alignment across sources: independence, entities, events, statements, on hand-made claims."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.align import entities, events, independence, quotes, timex


def _src(sid: str, published: str | None = None, **kw) -> dict:
    return {"id": sid, "path": f"{sid}.txt", "outlet": sid.upper(), "published": published,
            "syndication": kw.get("syndication", []), "sketch": kw.get("sketch", []), "furniture": []}


def _claim(sid: str, kind: str, n: int, value: dict, text: str = "x", refs: dict | None = None,
           sentence: str = "") -> dict:
    c = {"id": f"{sid}:{kind}:{n}", "kind": kind, "source": sid,
         "evidence": {"text": text, "start": n, "end": n + len(text), "line": 1, "column": n + 1},
         "sentence": {"text": sentence or text, "start": 0, "end": 500, "line": 1, "column": 1}, "value": value}
    if refs:
        c["refs"] = refs
    return c


def _event(sid, n, *, date=None, place=None, tense="past", ordinal=None, topic=(), text="met", participants=()):
    claims = []
    refs = {}
    if date:
        claims.append(_claim(sid, "date", n + 1000, {"timex": date, "resolved": "X" not in date}))
        refs["date"] = f"{sid}:date:{n + 1000}"
    v = {"type": "meeting", "date": date, "place": place, "tense": tense, "ordinal": ordinal,
         "participants": list(participants), "topic_words": list(topic), "duration": None}
    claims.append(_claim(sid, "event", n, v, text=text, refs=refs))
    return claims


def _doc(sid, published, claims):
    return {"source": _src(sid, published), "claims": claims}


# -- timex --------------------------------------------------------------------

@pytest.mark.parametrize("value,lo,hi", [
    ("2025-02-27", "2025-02-27", "2025-02-27"),
    ("2025-W08", "2025-02-17", "2025-02-23"),
    ("2025-02", "2025-02-01", "2025-02-28"),
    ("2024-Q4", "2024-10-01", "2024-12-31"),
    ("2016", "2016-01-01", "2016-12-31"),
    ("2009/2017", "2009-01-01", "2017-12-31"),
])
def test_timex_intervals(value: str, lo: str, hi: str) -> None:
    s = timex.parse(value)
    assert (s.lo.isoformat(), s.hi.isoformat()) == (lo, hi)


def test_monthday_without_year_matches_any_year() -> None:
    md = timex.parse("XXXX-02-27")
    assert md.monthday == (2, 27) and md.contains_day(dt.date(2025, 2, 27))
    assert not md.contains_day(dt.date(2025, 2, 28))
    assert timex.parse("XXXX-XX-XX") == timex.UNKNOWN


# -- independence -------------------------------------------------------------

def test_near_duplicate_texts_are_one_source() -> None:
    text = ["Port negotiators held their third round of talks on dock wages in Rotterdam on March 3.",
            "The session lasted more than four hours, a spokesman said."]
    other = ["The harbour authority announced new fees for container ships calling at the port next year."]
    a = _src("a", sketch=independence.sketch(text))
    b = _src("b", sketch=independence.sketch(text + ["Coastal Daily contributed."]))
    c = _src("c", sketch=independence.sketch(other))
    g = independence.groups([a, b, c])
    assert g["a"] == g["b"] != g["c"]


def test_same_wire_marker_is_one_source_but_contribution_is_not() -> None:
    ap = [{"marker": "AP Istanbul", "agency": "AP", "kind": "wire"}]
    afp = [{"marker": "AFP contributed reporting", "agency": "AFP", "kind": "contributed"}]
    g = independence.groups([_src("a", syndication=ap), _src("b", syndication=ap),
                             _src("c", syndication=afp), _src("d", syndication=afp)])
    assert g["a"] == g["b"]
    assert len({g["a"], g["c"], g["d"]}) == 3


def _all_pairs_groups(sources: list[dict]) -> dict[str, str]:
    """The reference: every pair compared (what independence.groups did before its index)."""
    ids = sorted(s["id"] for s in sources)
    by = {s["id"]: s for s in sources}
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = by[a], by[b]
            if independence.wire_agencies(sa) & independence.wire_agencies(sb) or \
                    independence.resemblance(sa["sketch"], sb["sketch"]) >= 0.5:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


@pytest.mark.parametrize("seed", range(8))
def test_indexed_grouping_equals_all_pairs(seed: int) -> None:
    """Candidate pairs from the prefix-filter index give exactly the all-pairs groups: random
    sketches with shared cores at resemblances around the threshold, common boilerplate values
    shared by everyone, sketches of every size, and wire agencies."""
    import random

    rng = random.Random(seed)
    pool = [f"{rng.getrandbits(64):016x}" for _ in range(4000)]
    common = pool[:6]  # in every sketch, like a boilerplate shingle
    cores = [rng.sample(pool[6:], 128) for _ in range(12)]
    sources = []
    for i in range(150):
        core = cores[rng.randrange(len(cores))]
        keep = rng.choice([0.3, 0.45, 0.5, 0.55, 0.7, 1.0])
        size = rng.choice([5, 40, 128])
        own = [h for h in core if rng.random() < keep] + rng.sample(pool[6:], rng.randrange(0, 60)) + common
        sk = sorted(set(own))[:size]
        wire = rng.choice([None, None, None, "AP", "AFP"])
        src = _src(f"s{i:03d}", sketch=sk)
        src["wire"] = wire
        sources.append(src)
    expected = _all_pairs_groups(sources)
    assert 5 < len(set(expected.values())) < 140  # some merge, some stay apart: the case is not trivial
    assert independence.groups(sources) == expected


def test_indexed_grouping_finds_a_pair_at_the_threshold_through_common_values() -> None:
    """Two 3-value sketches sharing 2 values (resemblance exactly 0.5) whose shared values are the
    most common ones: the pair must still be a candidate."""
    a = _src("a", sketch=["a1", "s1", "s2"])
    b = _src("b", sketch=["b1", "s1", "s2"])
    noise = [_src(f"n{i}", sketch=["s1", "s2"] + [f"n{i}-{j:02d}" for j in range(40)]) for i in range(3)]
    g = independence.groups([a, b] + noise)
    assert g["a"] == g["b"] and len(set(g.values())) == 4


# -- entities -----------------------------------------------------------------

def _entity(sid, n, name, typ="person", aliases=()):
    return _claim(sid, "entity", n, {"name": name, "type": typ, "aliases": list(aliases) or [name],
                                     "titles": [], "mentions": 1})


def test_transliterations_and_surnames_merge_but_namesakes_do_not() -> None:
    docs = [_doc("a", None, [_entity("a", 1, "Sergey Lavrov"), _entity("a", 2, "Sergey Ryabkov")]),
            _doc("b", None, [_entity("b", 1, "Sergei Lavrov")]),
            _doc("c", None, [_entity("c", 1, "Lavrov")]),
            _doc("d", None, [_entity("d", 1, "Anna Berg"), _entity("d", 2, "Erik Berg")])]
    idx = entities.build(docs)
    assert idx.canonical("Sergei Lavrov") == idx.canonical("Lavrov") == idx.canonical("Sergey Lavrov")
    assert idx.canonical("Sergey Ryabkov") != idx.canonical("Sergey Lavrov")
    assert idx.resolve("Anna Berg") is not idx.resolve("Erik Berg")
    assert idx.resolve("Berg") is None  # two people named Berg: a bare surname stays unresolved


# -- events -------------------------------------------------------------------

def test_same_day_same_place_is_one_event_across_outlets() -> None:
    docs = [_doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul")),
            _doc("b", "2025-04-08", _event("b", 1, date="XXXX-02-27", place="Istanbul"))]
    evs = events.cluster(docs)
    assert len(evs) == 1 and evs[0].sources == ["a", "b"]
    assert evs[0].id == "ev-2025-02-27-istanbul"


def test_two_meetings_in_one_city_weeks_apart_are_two_events() -> None:
    docs = [_doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul")),
            _doc("b", "2025-04-08", _event("b", 1, date="2025-04-10", place="Istanbul", tense="future"))]
    assert [e.day.isoformat() for e in events.cluster(docs)] == ["2025-02-27", "2025-04-10"]


def test_undated_mention_joins_by_tense_against_publication() -> None:
    docs = [_doc("a", "2025-02-28", _event("a", 1, date="2025-02-27", place="Istanbul")),
            _doc("b", "2025-04-08", _event("b", 1, date="2025-04-10", place="Istanbul", tense="future")),
            # published 1 April, future tense, no date: cannot be the February meeting
            _doc("c", "2025-04-01", _event("c", 1, place="Istanbul", tense="future",
                                          ordinal={"n": 2, "unit": "meeting"})),
            # published 28 February, past tense: cannot be the April meeting
            _doc("d", "2025-02-28", _event("d", 1, place="Istanbul", tense="past"))]
    by_day = {e.day.isoformat(): e.sources for e in events.cluster(docs)}
    assert by_day == {"2025-02-27": ["a", "d"], "2025-04-10": ["b", "c"]}


def test_region_and_city_are_compatible_places() -> None:
    docs = [_doc("a", None, _event("a", 1, date="XXXX-02-18", place="Riyadh")),
            _doc("b", "2025-04-08", _event("b", 1, date="2025-02-18", place="Saudi Arabia"))]
    assert len(events.cluster(docs)) == 1


def test_met_again_is_not_the_event_its_source_already_named() -> None:
    docs = [_doc("a", None, _event("a", 1, date="XXXX-02-18", place="Riyadh")
                 + _event("a", 50, place="Saudi Arabia", text="met again"))]
    evs = events.cluster(docs)
    assert len(evs) == 2


def test_day_off_by_one_with_same_place_and_words_is_one_event() -> None:
    words = ("dock", "rotterdam", "round", "talks", "wages")
    docs = [_doc("a", "2025-03-04", _event("a", 1, date="2025-03-03", place="Rotterdam", topic=words)),
            _doc("b", "2025-03-05", _event("b", 1, date="2025-03-02", place="Rotterdam", topic=words))]
    evs = events.cluster(docs)
    assert len(evs) == 1 and evs[0].sources == ["a", "b"]


# -- statements ---------------------------------------------------------------

def test_translations_of_one_statement_group_and_unrelated_ones_do_not() -> None:
    a = quotes.Statement("a", "a:q:1", "Sergey Lavrov",
                         "noticeable progress has been achieved, reflecting the determination of our American "
                         "partners to eliminate these wholly unacceptable impediments", True, 1)
    b = quotes.Statement("b", "b:q:1", "Sergey Lavrov",
                         "some progress and a willingness on the part of our American partners to lift these "
                         "completely unacceptable obstacles", True, 1)
    c = quotes.Statement("c", "c:q:1", "Sergey Lavrov", "The grain deal must include guarantees for shipping",
                         True, 1)
    groups = quotes.group([a, b, c])
    assert [sorted(m.source for m in g.members) for g in groups] == [["a", "b"], ["c"]]


def test_same_words_different_speakers_group_for_a_misattribution_check() -> None:
    a = quotes.Statement("a", "a:q:1", "Anna Berg", "We will not accept any deal that cuts wages", True, 1)
    b = quotes.Statement("b", "b:q:1", "Piet Bakker", "We will not accept any deal that cuts wages", True, 1)
    (g,) = quotes.group([a, b])
    assert g.speakers == ["Anna Berg", "Piet Bakker"]


def test_a_short_phrase_in_two_speakers_mouths_is_common_wording_not_one_statement() -> None:
    a = quotes.Statement("a", "a:q:1", "Security Council", "terrorist bomb attacks", True, 1)
    b = quotes.Statement("b", "b:q:1", "Bill Clinton", "the terrorist facilities we raided had played key roles "
                         "in the terrorist bomb attacks", True, 1)
    assert len(quotes.group([a, b])) == 2
    c = quotes.Statement("c", "c:q:1", "Security Council", "terrorist bomb attacks", True, 1)
    assert len(quotes.group([a, c])) == 1  # one speaker: the same words, trimmed or not


def test_one_speakers_statements_sharing_only_topic_words_stay_apart() -> None:
    a = quotes.Statement("a", "a:q:1", "Fidel Castro", "And our struggle will not end with the return of Elian", True, 1)
    b = quotes.Statement("b", "b:q:1", "Fidel Castro", "if those who oppose returning Elian to Cuba are worried about "
                         "turning the child over to Cuban territory", False, 1)
    assert len(quotes.group([a, b])) == 2


def test_an_institution_without_its_country_is_the_one_with_it() -> None:
    def doc(sid, name):
        return {"source": {"id": sid}, "claims": [{"kind": "entity", "value": {"name": name, "type": "organisation",
                                                                                "aliases": [name]}}]}
    idx = entities.build([doc("a", "State Department"), doc("b", "U.S. State Department")])
    assert idx.canonical("State Department") == idx.canonical("U.S. State Department") == "U.S. State Department"
    idx = entities.build([doc("a", "Foreign Ministry"), doc("b", "Russian Foreign Ministry"),
                          doc("c", "Ukrainian Foreign Ministry")])
    assert idx.canonical("Foreign Ministry") == "Foreign Ministry"  # two countries' ministries: ambiguous


def test_statements_said_on_different_days_are_different() -> None:
    a = quotes.Statement("a", "a:q:1", "State Department", "stabilize bilateral mission operations", True, 1,
                         said_on="2025-02-27")
    b = quotes.Statement("b", "b:q:1", "State Department", "stabilizing the operations of our bilateral missions",
                         True, 1, said_on="2025-04-08")
    assert len(quotes.group([a, b])) == 2


@pytest.mark.parametrize("x,y,rel", [
    ("We have narrowed the gap", "We have narrowed the gap", "verbatim"),
    ("We have narrowed the gap", "We have narrowed the gap on pay", "trimmed"),
    ("We have narrowed the gap", "We have closed the gap", "reworded"),
])
def test_relation_of_two_wordings(x: str, y: str, rel: str) -> None:
    a = quotes.Statement("a", "a:1", "Anna Berg", x, True, 1)
    b = quotes.Statement("b", "b:1", "Anna Berg", y, True, 1)
    assert quotes.relation(a, b)[0] == rel


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_blocked_measure_pairs_equal_all_pairs(seed: int) -> None:
    """Count and duration judgement forms only candidate pairs (blocked on partitive modifiers,
    exact value, event and scope): the aligned pairs it finds are exactly those of every pair,
    in the same order, on measures of every combination of those keys."""
    import random

    from checker.align import measures as M

    rng = random.Random(seed)
    groups = []
    for kind in ("count", "duration"):
        group = []
        for i in range(300):
            lo = float(rng.choice([5, 12, 94, 151, 912, 1000, 2500]))
            c = {"id": f"c{i}", "kind": kind, "value": {"amount": lo}, "evidence": {"start": i}}
            bucket = ("count", "dead", "*", "") if kind == "count" else ("duration", "span")
            group.append(M.Measure(
                c, f"s{rng.randrange(40)}", kind, lo, lo, (lo, lo), bucket, "dead" if kind == "count" else None,
                None, tuple(rng.choice([(), (), ("cabin",), ("crew",)])),
                frozenset(rng.choice([(), (), ("Syria",), ("Turkey",), ("Syria", "Turkey")])),
                rng.choice([None, None, "P5D"]), rng.choice([None, None, "e1", "e2", "e3"]),
                "length" if kind == "duration" else None, rng.random() < 0.5, None, False, None, 0.9,
                names=frozenset(rng.choice([(), (), ("smith",), ("jones",)])),
                when=rng.choice([None, None, "2023-02-06", "2023-02"])))
        groups.append(group)
    for group in groups:
        scopes = len({m.scope for m in group if m.scope})
        every = [(a.id, b.id) for i, a in enumerate(group) for b in group[i + 1:] if M.aligned(a, b, scopes)]
        pairs = M.candidate_pairs(group)
        assert len(pairs) < len(group) * (len(group) - 1) // 2  # really blocked
        assert [(a.id, b.id) for a, b in pairs if M.aligned(a, b, scopes)] == every
        assert 100 < len(every)  # the case is not trivial
