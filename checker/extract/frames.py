"""Frames: what each date, duration, count and ordinal measures.

Two numbers can only agree or conflict when they measure the same thing. A
frame records, for every measure claim, the three things that decide it:

- ``anchor``: the event mention the claim is about: the trigger the event
  extractor linked it to ("talks ... lasted for over six hours"), else the
  event trigger of its own clause, else none. Alignment turns the anchor into
  an event cluster;
- the measured ``role``: for a count, its ``quantity`` (the state or change the
  counted things are in: dead, injured, cancelled ..., read from the verb or
  noun around the number: "912 people were killed", "killing 151", "151
  dead", "600 flight cancellations"), its ``noun`` class ("devices" and
  "computers" are one class), the restrictive ``modifiers`` before the noun
  ("cabin crew" is part of "crew"), the ``scope`` (places and phrases such as
  "on board", "on the ground", "worldwide" in its clause), the ``period`` it
  covers ("in five days") and the time it holds ``as_of`` ("as of 5 p.m.");
  for a duration, its ``relation`` (length of the event, interval between two
  events, gap since an earlier one, time elapsed before an outcome, a term, an
  age); for an ordinal, the ``qualifier`` that restricts its series ("the first
  of Trump's second term", "the first since 2019");
- its ``modality``: reported fact (``asserted``), ``planned``/proposed,
  ``hypothetical`` or ``negated``. Only asserted claims corroborate or conflict.

Frames are read from the clause around the claim (split at ; : dashes and at
", while", ", but", ", with", ", whereas"), never from position alone across
clauses. Cue words are data (``checker/data/frames.json``).

Notes: the anchor rule follows TimeML TLINK practice (a measure is linked to
the event its clause predicates it of); quantity classes follow the casualty
and impact roles of ECB+ and wire style (AP: toll, dead, injured, missing);
duration relations follow TimeML's distinction between an event's duration
and the interval between two anchors.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import replace
from functools import cache
from importlib import resources

from ..model import Document
from .base import Record
from .numbers import parse_number
from .places import country_of, find_places

_CLAUSE = re.compile(r"[;—–()\[\]]|:(?!\d)|\s-\s|\sand\s+(?=(?:at least |more than |about |some |nearly |over |another )?\d)|,\s+(?:while|but|whereas|with|and\s+(?=\d)|although|though|as|after|"
                     r"which|who|where|when|including|compared)\b|\bwhile\b|\bwhereas\b|\bcompared\s+(?:with|to)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_CLOCK = re.compile(r"(?i)\b(?P<cue>as of|by|at|until|at about|at around|around)\s+(?P<t>\d{1,2}(?:[:.]\d{2})?\s*"
                    r"(?:a\.?\s?m\.?|p\.?\s?m\.?)|\d{1,2}:\d{2}|noon|midnight)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_REACH = 240  # characters either side of a claim that its clause is read from (run-on text stays linear)


@cache
def lexicon() -> dict:
    return json.loads(resources.files("checker.data").joinpath("frames.json").read_text("utf-8"))


@cache
def _quantity_words() -> tuple[dict[str, str], int]:
    """cue (lower case, single spaces) -> quantity; and the longest cue in words."""
    out: dict[str, str] = {}
    for q, words in lexicon()["quantities"].items():
        for w in words:
            out.setdefault(w, q)
    return out, max(len(w.split()) for w in out)


@cache
def _noun_class() -> dict[str, str]:
    out: dict[str, str] = {}
    for cls, words in lexicon()["noun_classes"].items():
        for w in words:
            out.setdefault(w, cls)
    return out


@cache
def _sets() -> dict[str, frozenset[str]]:
    lx = lexicon()
    return {"skip": frozenset(lx["skip_after"]), "change": frozenset(lx["change_words"]),
            "tallies": frozenset(lx["tallies"]), "generic": frozenset(lx["generic_nouns"]),
            "planned": frozenset(lx["modality"]["planned"]), "hypo": frozenset(lx["modality"]["hypothetical"]),
            "proposed": frozenset(lx["modality"]["proposed"]),
            "neg": frozenset(lx["modality"]["negated"]), "hedge": frozenset(lx["ordinal_qualifiers"]["hedge"]),
            "qual": frozenset(lx["ordinal_qualifiers"]["period"])}


def noun_class(unit: str | None) -> str | None:
    """The class of a counted noun (singular lower case): "computer" -> "device"."""
    if not unit:
        return None
    u = unit.lower()
    return _noun_class().get(u, u)


def is_tally(quantity: str | None) -> bool:
    return quantity in _sets()["tallies"]


def is_generic(noun: str | None) -> bool:
    return noun is None or noun in _sets()["generic"]


def clause(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding text[start:end] inside the sentence [s0, s1)."""
    lo, hi = max(s0, start - _REACH), min(s1, end + _REACH)
    left = lo
    for m in _CLAUSE.finditer(text, lo, start):
        left = m.end()
    m = _CLAUSE.search(text, end, hi)
    return left, (m.start() if m else hi)


def _words(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower().strip("'’")) for m in _WORD.finditer(text, a, b)]


def _match_cue(words: list[str], i: int, table: dict[str, str], longest: int) -> tuple[str, int] | None:
    """The longest cue of ``table`` starting at words[i]: (quantity, number of words)."""
    for n in range(min(longest, len(words) - i), 0, -1):
        q = table.get(" ".join(words[i:i + n]))
        if q:
            return q, n
    return None


def _quantity(text: str, rec: Record, c0: int, c1: int) -> tuple[str | None, str]:
    """(quantity, how found): after the count, in its own noun, or just before it."""
    table, longest = _quantity_words()
    sets = _sets()
    unit = (rec.value.get("unit") or "").lower()
    if _WHOLE_BEFORE.search(text, max(c0, rec.start - 30), rec.start):
        return None, ""  # "151 of 160 passengers survived": the 160 is the whole, not the survivors
    after = _words(text, rec.end, c1)[:12]
    words = [w for _s, _e, w in after]
    skip = 2 if words[:2] == ["out", "of"] else 1 if words[:1] == ["of"] and len(words) > 1 and \
        words[1][:1].isdigit() else 0
    if skip:  # "2,691 out of 110,000 flights scheduled on Friday were canceled"
        for i in range(skip, len(words)):
            hit = _match_cue(words, i, table, longest)
            if hit and hit[0] != "on board":
                return hit[0], "verb after"
    i = 0
    while i < min(len(words), 8):
        hit = _match_cue(words, i, table, longest)
        if hit and hit[0] != "on board":
            return hit[0], "verb after"
        scope = _scope_at(words, i)
        if scope:  # "151 on board were killed", "12 on the ground died"
            i += scope
            continue
        if words[i] not in sets["skip"]:
            break
        i += 1
    own = table.get(unit) or table.get(unit + "s")
    if own and own != "on board":
        return own, "noun"
    evw = _words(text, rec.start, rec.end)
    for i in range(len(evw)):
        hit = _match_cue([w for _s, _e, w in evw], i, table, longest)
        if hit and hit[0] not in ("on board", "cost"):
            return hit[0], "noun"
    before = _words(text, c0, rec.start)[-7:]
    bw = [w for _s, _e, w in before]
    before_table = lexicon()["quantity_before"]
    longest_b = max(len(k.split()) for k in before_table)
    # walk leftwards over change words ("the death toll rose to", "killing at least"); a preposition
    # before the number makes it another phrase's object ("injured in 10 provinces")
    for i in range(len(bw) - 1, -1, -1):
        if bw[i] in _PREPOSITIONS:
            break
        for n in range(min(longest_b, len(bw) - i), 0, -1):
            q = before_table.get(" ".join(bw[i:i + n]))
            if q:
                return q, "before"
        if bw[i] not in sets["change"] and bw[i] not in sets["skip"] and not _is_mod_word(bw[i]):
            break
    toll = _TOLL.search(text, max(c0, rec.start - 80), rec.start)
    if toll:  # "the toll in that quake has already climbed above 1,600"
        return ("injured" if (toll.group(1) or "").lower().startswith(("injur", "wound")) else "dead"), "before"
    return None, ""


_COORDINATED = re.compile(r"\s+(?:and|&|or)\s+(?!\d)(?!(?:at|more|some|about|nearly|over|another|the|a|an)\b)"
                          r"([a-z]+)(?=[\s.,;:]|$)(?!\s+(?:\d|were|was|are|is|have|had|died|killed))")
_INCREMENT = re.compile(r"(?i)\b(?:another|additional|further|extra|an additional)\s+(?:\w+\s+){0,2}$")
_MORE_AFTER = re.compile(r"(?i)\S+(?:\s+(?:million|thousand|hundred))?\s+more\b")
_WHOLE_BEFORE = re.compile(r"\d[\d,.]*\s+(?:out\s+)?of\s+(?:the\s+)?$")
_INCLUDING = re.compile(r"(?i)\b(?:including|of\s+which|among\s+them)\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+)?$")
_OF_THEM = re.compile(r"(?i)\s+of\s+them\b")
_OF_THEM_HOW = re.compile(r"(?i)\s+of\s+them\s+(?:were\s+|are\s+)?([a-z-]+)")


@cache
def partitive_words() -> frozenset[str]:
    """Words that make a count a part of what the bare noun counts ("cabin" crew, "critically" injured)."""
    return frozenset(lexicon().get("partitive_modifiers", ()))


_PREPOSITIONS = frozenset(("in", "across", "from", "at", "on", "into", "within", "among", "for", "with", "by",
                           "near", "throughout", "inside", "outside", "per"))
_TOLL = re.compile(r"(?i)\b(?:(death|injury|casualty|injured|wounded)\s+)?toll\b[^.;:]{0,60}?\b(?:rose|risen|rises|climbed|"
                   r"climbs|jumped|surged|reached|reaches|hit|stood|stands|stands at|increased|passed|topped|exceeded|"
                   r"was|is|of|at|to|above|past)\b[^.;:]{0,20}$")


def _scope_at(words: list[str], i: int) -> int:
    """Number of words of the scope phrase ("on board", "on the ground") starting at words[i], else 0."""
    for phrase in lexicon()["scope_words"]:
        parts = phrase.split()
        if words[i:i + len(parts)] == parts:
            return len(parts)
    return 0


def _is_mod_word(w: str) -> bool:
    return w in ("least", "more", "than", "over", "about", "around", "nearly", "almost", "some", "roughly",
                 "above", "below", "under", "beyond", "past", "close", "to", "at", "just", "little", "fewer", "less",
                 "approximately", "an", "a", "estimated", "up", "as", "many", "another", "additional", "the",
                 "number", "total", "further", "of")


def _modifiers(text: str, rec: Record) -> list[str]:
    """Restrictive words between the number and its noun ("cabin crew", "domestic flights")."""
    words = [w for _s, _e, w in _words(text, rec.start, rec.end)]
    unit = (rec.value.get("unit") or "").lower()
    spans = _words(text, rec.start, rec.end)
    first_num = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w) or parse_number(w) is not None), 0)
    own = noun_class(unit)
    cues, _n = _quantity_words()
    out = []
    for (ws, _we, _w), w in zip(spans[first_num + 1:-1], words[first_num + 1:-1]):
        if text[ws:ws + 1].isupper() or noun_class(w.rstrip("s")) == own or noun_class(w) == own or w in cues:
            continue  # a name ("Windows devices"), the noun's own class ("flight cancellations"), a state
        if any(c.isdigit() for c in w) or _is_mod_word(w) or parse_number(w) is not None or w in (
                "million", "billion", "thousand", "hundred", "dozen", "dozens", "hundreds", "thousands"):
            continue
        if w == unit:
            continue
        out.append(w)
    return sorted(set(out))


def _scope(text: str, rec: Record, c0: int, c1: int, s1: int) -> list[str]:
    """Places and scope phrases of the count: the phrase right after it when there is one ("151 on
    board ... and 12 on the ground", "247 people in Kenya and 10 in Tanzania"), else those of its
    clause, read on across a coordinated count ("1,400 cancellations, and 350 delays in the US")."""
    lx = lexicon()["scope_words"]
    c1 = max(c1, _coordinated_end(text, rec.end, s1))
    after = [w for _s, _e, w in _words(text, rec.end, min(c1, rec.end + 40))][:4]
    near = [lx[" ".join(after[i:i + n])] for i in range(len(after)) for n in (1, 2, 3)
            if " ".join(after[i:i + n]) in lx]
    seg = text[c0:c1].lower()
    found = sorted(set(near[:1])) or sorted({v for k, v in lx.items()
                                            if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", seg)})
    mentions = [pm for pm in find_places(text[c0:c1]) if not pm.in_name  # "US Geological Survey" is no place
                and (pm.place.type in ("city", "region", "country", "venue") or country_of(pm.place))]
    first = next((pm for pm in mentions if c0 + pm.start >= rec.end and c0 + pm.start - rec.end <= 50
                  and _PLACE_PREP.search(text, max(rec.end, c0 + pm.start - 12), c0 + pm.start)), None)
    if first is not None:
        mentions = [first]
    places = sorted({(country_of(pm.place) or pm.place).name for pm in mentions})
    return places + found


_PERIOD_BEFORE = re.compile(r"(?i)\b(?:in|over|during|within|lasting|for|across)\s+(?:just\s+|only\s+|the\s+(?:past|last|first)\s+)?$")
_PLACE_PREP = re.compile(r"(?i)\b(?:in|across|at|near|from|inside|within|throughout|outside)\s+(?:the\s+)?$")
_CLAUSE_NO_AND = re.compile(r"[;—–()\[\]]|:(?!\d)|\s-\s|,\s+(?:while|but|whereas|with|although|though|as|after|"
                            r"which|who|where|when|including|compared)\b|\bwhile\b|\bwhereas\b")


def _coordinated_end(text: str, end: int, s1: int) -> int:
    """Where the clause would end (inside its sentence, ending at ``s1``) if a coordinated count ("and
    350 delays") did not start a new one."""
    hi = min(s1, end + _REACH)
    m = _CLAUSE_NO_AND.search(text, end, hi)
    return m.start() if m else hi


def _modality(text: str, a: int, b: int) -> str:
    """asserted, planned, proposed, hypothetical or negated, from the cues in text[a:b]."""
    sets = _sets()
    words = [w for _s, _e, w in _words(text, a, b)]
    joined = " " + " ".join(words) + " "
    if any(w in sets["neg"] for w in words):
        return "negated"
    if any(w in sets["proposed"] for w in words) or " called for " in joined:
        return "proposed"
    if any(w in sets["hypo"] for w in words) or " up to " in joined:
        return "hypothetical"
    if any(w in sets["planned"] for w in words) or " set to " in joined or " to be held " in joined:
        return "planned"
    return "asserted"


def _clock(text: str, c0: int, c1: int) -> str | None:
    m = _CLOCK.search(text, c0, c1)
    if not m:
        return None
    t = m.group("t").lower().replace(" ", "").replace(".", ":" if re.fullmatch(r"\d{1,2}\.\d{2}", m.group("t"))
                                                        else "")
    mm = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", t.replace(":", ":", 1))
    if t in ("noon",):
        return "T12:00"
    if t in ("midnight",):
        return "T00:00"
    if not mm:
        return None
    h, mi, ap = int(mm.group(1)), int(mm.group(2) or 0), mm.group(3)
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    return f"T{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


class _Index:
    """Records of one kind sorted by start, for "which records lie in [a, b)"."""

    def __init__(self, recs: list[Record]):
        self.recs = sorted(recs, key=lambda r: r.start)
        self.starts = [r.start for r in self.recs]

    def within(self, a: int, b: int) -> list[Record]:
        return self.recs[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]


def _event_links(events: list[Record]) -> dict[tuple[str, int, int], Record]:
    """(kind, start, end) of a linked date/duration/ordinal span -> the event record linking it."""
    out: dict[tuple[str, int, int], Record] = {}
    for e in events:
        for k, (s, t) in e.spans.items():
            if k in ("date", "duration", "ordinal"):
                out.setdefault((k, s, t), e)
    return out


_RELATIVE = re.compile(r",\s*(?:which|that|who)\b")


def _nearest_event(evs: list[Record], rec: Record, c0: int, c1: int) -> Record | None:
    """The event trigger of the claim's clause nearest to it (one before it preferred on ties)."""
    inside = [e for e in evs if c0 <= e.start and e.end <= c1 and not e.value.get("generic")]
    if not inside:
        return None
    return min(inside, key=lambda e: (abs(e.start - rec.start) if e.start >= rec.end else abs(rec.start - e.end),
                                      e.start > rec.start))


def _duration_relation(text: str, rec: Record, c0: int, c1: int, linked: bool) -> str:
    rel = lexicon()["duration_relations"]
    before = " " + " ".join(w for _s, _e, w in _words(text, max(c0, rec.start - 40), rec.start)[-4:]) + " "
    after_words = [w for _s, _e, w in _words(text, rec.end, min(c1, rec.end + 40))[:3]]
    after = " " + " ".join(after_words) + " "
    ev = text[rec.start:rec.end].lower()
    clause_words = {w for _s, _e, w in _words(text, c0, c1)}
    if any(after.startswith(" " + a + " ") for a in rel["age"]["after"]) or ev.endswith("-old"):
        return "age"
    if any(before.endswith(" " + b + " ") for b in rel["term"]["before"]):
        return "term"
    if any(after.startswith(" " + a + " ") for a in rel["interval"]["after"]) and not linked:
        return "interval"
    if before.endswith(" in ") and not linked and clause_words & {"another", "second", "fresh", "new", "again",
                                                                  "later", "next"}:
        return "interval"
    if any(before.endswith(" " + b + " ") for b in rel["gap"]["before"]) and \
            (clause_words & set(rel["gap"]["cue"])):
        return "gap"
    if any(before.endswith(" " + b + " ") for b in rel["elapsed"]["before"]) and not linked:
        ending = before.split()[-2:-1]
        if ending and ending[0] in rel["length"]["ended"]:
            return "length"  # "the talks concluded after more than two hours"
        return "elapsed"
    if any(after.startswith(" " + a + " ") for a in rel["elapsed"]["after"]) and not linked:
        return "elapsed"
    return "length"


def _other_end(text: str, evs: list[Record], anchor: Record | None, c0: int, c1: int) -> str | None:
    """The type of the event an interval ends at: another event of the sentence ("the second quake
    hit nine hours after the first"), or the anchor's own type when its clause says it is another one
    of its kind ("another quake struck in less than six hours"); None when the text does not say."""
    others = [e for e in evs if anchor is None or e.start != anchor.start]
    if others:
        return min(others, key=lambda e: abs(e.start - (anchor.start if anchor else c0))).value.get("type")
    if anchor is not None and re.search(r"(?i)\b(?:another|second|fresh|new|later|next)\b", text[c0:c1]):
        return anchor.value.get("type")
    return None


def _ordinal_qualifier(text: str, rec: Record, s1: int) -> str | None:
    """Words after an ordinal's noun that restrict its series: "of Trump's second term", "since 2019",
    "known"; None for an unrestricted ordinal."""
    sets = _sets()
    own = [w for _s, _e, w in _words(text, rec.start, rec.end)]
    if any(w in sets["hedge"] for w in own):
        return "known"
    after = _words(text, rec.end, min(s1, rec.end + 80))
    # skip the rest of the noun phrase ("face-to-face encounter", "in-person meeting between the leaders")
    for i, (_s, _e, w) in enumerate(after[:8]):
        if w in ("since",):
            nxt = " ".join(x for _a, _b, x in after[i + 1:i + 3])
            return f"since {nxt}".strip().rstrip(".,;:")
        if w in ("of", "during", "under", "this") and i + 1 < len(after):
            rest = [x for _a, _b, x in after[i + 1:i + 6]]
            if any(x in ("term", "administration", "presidency", "year", "tenure", "season", "month", "week",
                         "century", "decade", "mandate") for x in rest):
                return " ".join([w] + rest[:rest.index(next(x for x in rest if x in (
                    "term", "administration", "presidency", "year", "tenure", "season", "month", "week",
                    "century", "decade", "mandate"))) + 1])
        if w in ("in",) and i + 1 < len(after) and after[i + 1][2].isdigit() and len(after[i + 1][2]) == 4:
            return f"in {after[i + 1][2]}"
    return None


def assign(doc: Document, found: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """The records of ``found`` with a frame on every date, time, duration, count and ordinal."""
    text = doc.text
    events = found.get("event", [])
    ev_index = _Index(events)
    date_index = _Index(found.get("date", []))
    dur_index = _Index(found.get("duration", []))
    links = _event_links(events)
    starts = [s.start for s in doc.sentences]
    out = dict(found)
    for kind in ("date", "time", "duration", "count", "ordinal"):
        recs = []
        prev_count: tuple[int, str | None] | None = None
        for r in found.get(kind, []):
            i = bisect.bisect_right(starts, r.start) - 1
            if i < 0 or r.start >= doc.sentences[i].end:
                recs.append(r)
                continue
            s0, s1 = doc.sentences[i].start, doc.sentences[i].end
            c0, c1 = clause(text, s0, s1, r.start, r.end)
            linked = links.get((kind, r.start, r.end))
            anchor = linked or _nearest_event(ev_index.within(c0, c1), r, c0, c1)
            rel = _RELATIVE.search(text, max(s0, c0 - 12), r.start) if anchor is None and kind == "time" else None
            if rel:
                # "The quake, which struck at 1.24 p.m., ...": the time of the relative clause's antecedent
                anchor = _nearest_event(ev_index.within(s0, rel.start()), r, s0, rel.start())
            frame: dict = {"modality": _modality(text, max(c0, r.start - 60), r.start)
                           if kind != "count" else _modality(text, max(c0, r.start - 40), r.start),
                           "anchor_how": "linked" if linked else ("clause" if anchor else None)}
            if kind in ("count", "duration"):
                # the date its clause gives ("killed 31,000 people in December 2003"): a figure of another time
                whens = [d.value.get("timex") for d in date_index.within(c0, c1)
                         if d.value.get("resolved") and not (d.start < r.end and r.start < d.end)]
                frame["when"] = whens[0] if whens else None
            if kind == "count":
                partitive = None
                q, how = _quantity(text, r, c0, c1)
                if q is None and prev_count is not None and prev_count[0] >= s0 and (
                        _OF_THEM.match(text, r.end) or _INCLUDING.search(text, max(s0, r.start - 25), r.start)):
                    q, how = prev_count[1], "of the count before"  # "27,000 flights were delayed, 2,700 of them in the U.S."
                part = _OF_THEM_HOW.match(text, r.end)
                if part and part.group(1).lower() in partitive_words():
                    partitive = part.group(1).lower()  # "55 injured, five of them critically": a part
                frame["increment"] = bool(_INCREMENT.search(text, max(c0, r.start - 25), r.start)
                                          or _MORE_AFTER.match(text, r.start)
                                          or re.match(r"(?i)(?:another|additional|further|extra)\b",
                                                      text[r.start:r.end]))
                noun = noun_class(r.value.get("unit"))
                both = _COORDINATED.match(text, r.end)
                if both and noun:  # "151 passengers and crew": one count of both
                    noun = f"{noun} and {noun_class(both.group(1).lower().rstrip('s')) or both.group(1).lower()}"
                frame.update({"quantity": q, "quantity_how": how or None,
                              "noun": noun, "modifiers": sorted(set(_modifiers(text, r)) | ({partitive} if partitive else set())),
                              "scope": _scope(text, r, c0, c1, s1), "as_of": _clock(text, c0, c1)})
                # the span it covers: "in just five days", "over five days", "lasting five days"
                periods = [d for d in dur_index.within(c0, c1) if not (d.start < r.end and r.start < d.end)
                           and _PERIOD_BEFORE.search(text, max(c0, d.start - 20), d.start)]
                frame["period"] = periods[0].value.get("timex") if periods else None
                # the day the figure holds: a date of its clause that does not modify a noun ("Tuesday's
                # crash" dates the crash, "rose to 166 on Thursday" the figure), the one after it first
                days = [d for d in date_index.within(c0, c1) if _DAY.fullmatch(d.value.get("timex") or "")
                        and not re.match(r"['’]s\b", text[d.end:d.end + 3])]
                days.sort(key=lambda d: (d.start < r.start, abs(d.start - r.end)))
                frame["as_of_day"] = days[0].value["timex"] if days else None
            elif kind == "duration":
                frame["relation"] = _duration_relation(text, r, c0, c1, linked is not None)
                if frame["relation"] in ("interval", "elapsed"):
                    frame["between"] = _other_end(text, ev_index.within(s0, s1), anchor, c0, c1)
            elif kind == "ordinal":
                frame["qualifier"] = _ordinal_qualifier(text, r, s1)
            if kind == "count":
                prev_count = (r.start, frame.get("quantity"))
            spans = dict(r.spans)
            if anchor is not None:
                spans["event_anchor"] = (anchor.start, anchor.end)
            recs.append(replace(r, spans=spans, frame=frame))
        out[kind] = recs
    return out
