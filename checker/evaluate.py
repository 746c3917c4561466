"""Score extracted claims against a hand-made gold file (format: shared/gold/README.md).

A predicted claim matches a gold item when it is of the same kind, from the
same source file, its evidence span overlaps the first occurrence of the gold
trigger in the file, and its value agrees. Recall is counted over gold items
(required and bonus apart); precision over every predicted claim of the kind:
a claim that matches no gold item, overlaps a trigger with a wrong value, or
cites boilerplate is a false positive; one overlapping ``optional_extra`` is
neutral.

Notes: the matching rules follow the gold README; speaker identity uses the
gold's ``same_person`` lists plus the same name key as entity alignment.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError

GOLD_KINDS = {"dates": "date", "times": "time", "durations": "duration", "counts": "count",
              "ordinals": "ordinal", "quotes": "quote", "statements": "quote"}
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


@dataclass
class GoldItem:
    section: str
    kind: str
    source: str
    file: str
    trigger: str
    span: tuple[int, int] | None
    required: bool
    item: dict[str, Any]


@dataclass
class KindScore:
    kind: str
    required: int = 0
    required_hit: int = 0
    bonus: int = 0
    bonus_hit: int = 0
    predicted: int = 0
    correct: int = 0
    neutral: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    speaker_pairs: int = 0
    speaker_right: int = 0

    @property
    def recall(self) -> float | None:
        return self.required_hit / self.required if self.required else None

    @property
    def bonus_recall(self) -> float | None:
        return self.bonus_hit / self.bonus if self.bonus else None

    @property
    def precision(self) -> float | None:
        scored = self.predicted - self.neutral
        return self.correct / scored if scored else None


@dataclass
class EvalReport:
    kinds: dict[str, KindScore]
    furniture_citations: list[str]
    warnings: list[str]
    findings: dict[str, Any] | None = None


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text("utf-8"))
    except OSError as e:
        raise GoldError(str(path), f"cannot read: {e.strerror or e}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GoldError(str(path), f"not valid JSON: {e}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("sources"), dict):
        raise GoldError(str(path), "no 'sources' object")
    for key, src in gold["sources"].items():
        if not isinstance(src, dict) or not isinstance(src.get("file"), str):
            raise GoldError(str(path), f"sources.{key} has no 'file'")
    for section in GOLD_KINDS:
        items = gold.get(section, [])
        if not isinstance(items, list):
            raise GoldError(str(path), f"'{section}' is not a list")
        for i, it in enumerate(items):
            if not isinstance(it, dict) or "trigger" not in it or "source" not in it:
                raise GoldError(str(path), f"{section}[{i}] needs 'source' and 'trigger'")
            if it["source"] not in gold["sources"]:
                raise GoldError(str(path), f"{section}[{i}] names unknown source {it['source']!r}")
    return gold


def locate(raw: str, trigger: str, alt: str | None = None) -> tuple[int, int] | None:
    """First occurrence of a trigger in the file (tags left in place), else in tag-free text."""
    for t in (trigger, alt):
        if t:
            i = raw.find(t)
            if i >= 0:
                return i, i + len(t)
    # search the text with tags removed, then map each clean offset back to the file
    clean: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _TAG.finditer(raw):
        clean.append(raw[pos:m.start()])
        back.extend(range(pos, m.start()))
        pos = m.end()
    clean.append(raw[pos:])
    back.extend(range(pos, len(raw)))
    text = "".join(clean)
    for t in (trigger, alt):
        if t:
            i = text.find(t)
            if i >= 0:
                return back[i], back[i + len(t) - 1] + 1
    return None


def name_key(name: str | None) -> str:
    """Case-, punctuation-, diacritic- and transliteration-folded key of a name."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("u.s.", "us").replace("u.k.", "uk")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    words = [w for w in s.split() if w not in ("the",)]
    s = " ".join(words)
    s = re.sub(r"\bunited states\b", "us", s)
    # common transliteration variants: Sergei/Sergey, Dmitriy/Dmitry, Aleksandr/Alexander
    s = re.sub(r"(?<=[a-z])(ei|iy|yi)\b", "ey", s)
    s = s.replace("ks", "x")
    return s


class SpeakerMatcher:
    """Same person? gold same_person groups, then equal keys, then surname containment."""

    def __init__(self, groups: list[list[str]]):
        self.group_of: dict[str, int] = {}
        for gi, names in enumerate(groups):
            for n in names:
                self.group_of[name_key(n)] = gi

    def same(self, gold: str, predicted: str | None) -> bool:
        g, p = name_key(gold), name_key(predicted)
        if not p:
            return False
        if g == p:
            return True
        gg, pg = self.group_of.get(g), self.group_of.get(p)
        if gg is not None and gg == pg:
            return True
        return False


def _date_ok(item: dict, value: dict) -> bool:
    want = item["value"] if isinstance(item["value"], list) else [item["value"]]
    return value.get("timex") in want


def _time_ok(item: dict, value: dict) -> bool:
    """A gold time ("2023-02-06T13:24", "T13:24", "13:24", with "Z" for UTC) against the clock
    reading, its dated TIMEX3 value or its UTC reading."""
    want = item["value"] if isinstance(item["value"], list) else [item["value"]]
    have = {value.get("timex"), value.get("utc")}
    for w in want:
        w = str(w)
        if w in have:
            return True
        bare = w.split("T")[-1]
        if bare.endswith("Z"):
            if value.get("utc") and value["utc"].split("T")[-1] == bare:
                return True
        elif bare == value.get("clock") or bare == (value.get("clock") or "")[:5]:
            return True
    return False


def _duration_ok(item: dict, value: dict, tol: float) -> bool:
    lo = item.get("min_hours")
    hi = item.get("max_hours")
    vmin, vmax = value.get("min_seconds"), value.get("max_seconds")
    if lo is None or vmin is None or abs(vmin - lo * 3600) > tol:
        return False
    if hi is None:
        return vmax is None
    return vmax is not None and abs(vmax - hi * 3600) <= tol


def _count_ok(item: dict, value: dict) -> bool:
    want = item.get("value")
    return value.get("min") == want or value.get("amount") == want


def _ordinal_ok(item: dict, value: dict) -> bool:
    n = item.get("n")
    if isinstance(n, str):
        return value.get("relative") == n or value.get("n") == n
    return value.get("n") == n


def evaluate(gold: dict[str, Any], claims_by_source: dict[str, dict[str, Any]],
             raw_by_file: dict[str, str], tolerance: float = 1.0) -> EvalReport:
    """Score claims documents (keyed by the gold's source keys) against the gold."""
    warnings: list[str] = []
    speakers = SpeakerMatcher(gold.get("same_person", []))
    items: list[GoldItem] = []
    for section, kind in GOLD_KINDS.items():
        for it in gold.get(section, []):
            src = it["source"]
            file = gold["sources"][src]["file"]
            raw = raw_by_file.get(file)
            span = locate(raw, it["trigger"], it.get("alt_trigger")) if raw is not None else None
            if raw is not None and span is None:
                warnings.append(f"{file}: trigger not found: {it['trigger']!r}")
            items.append(GoldItem(section, kind, src, file, it["trigger"], span,
                                  it.get("required", True) is not False, it))
    neutral: dict[str, list[tuple[int, int]]] = {}
    for it in gold.get("optional_extra", []):
        file = gold["sources"].get(it.get("source"), {}).get("file")
        if file in raw_by_file:
            span = locate(raw_by_file[file], it["trigger"])
            if span:
                neutral.setdefault(it["source"], []).append(span)
    boiler: dict[str, list[tuple[int, int, str]]] = {}
    for it in gold.get("boilerplate", []):
        file = gold["sources"].get(it.get("source"), {}).get("file")
        if file in raw_by_file:
            raw = raw_by_file[file]
            span = locate(raw, it["text"])
            if span:  # the furniture is the whole line the text stands in (blank lines around it are not)
                t = raw[span[0]:span[1]]
                span = (span[0] + len(t) - len(t.lstrip()), span[1] - (len(t) - len(t.rstrip())))
                s = max(raw.rfind("\n", 0, span[0]), raw.rfind("\r", 0, span[0])) + 1
                e = min((i for i in (raw.find("\n", span[1]), raw.find("\r", span[1]), len(raw)) if i >= 0))
                boiler.setdefault(it["source"], []).append((s, e, it["text"]))

    def agrees(gi: GoldItem, claim: dict) -> bool:
        v = claim["value"]
        if gi.kind == "date":
            return _date_ok(gi.item, v)
        if gi.kind == "time":
            return _time_ok(gi.item, v)
        if gi.kind == "duration":
            return _duration_ok(gi.item, v, tolerance)
        if gi.kind == "count":
            return _count_ok(gi.item, v)
        if gi.kind == "ordinal":
            return _ordinal_ok(gi.item, v)
        return speakers.same(gi.item.get("speaker", ""), v.get("speaker"))

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    scores = {k: KindScore(k) for k in ("date", "time", "duration", "count", "ordinal", "quote")}
    furniture_citations: list[str] = []
    hit: set[int] = set()
    for src, doc in sorted(claims_by_source.items()):
        for claim in doc["claims"]:
            kind = claim["kind"]
            ev = claim["evidence"]
            span = (ev["start"], ev["end"])
            where = f"{src} l.{ev['line']}:{ev['column']} {kind} {ev['text']!r}"
            cited = [t for s, e, t in boiler.get(src, []) if overlaps(span, (s, e))]
            if cited:
                furniture_citations.append(f"{where} cites boilerplate {cited[0]!r}")
            if kind not in scores:
                continue
            sc = scores[kind]
            sc.predicted += 1
            if cited:
                sc.false_positives.append(where + " (boilerplate)")
                continue
            ok = False
            touched = False
            for idx, gi in enumerate(items):
                if gi.kind != kind or gi.source != src or gi.span is None or not overlaps(span, gi.span):
                    continue
                touched = True
                if kind == "quote":
                    sc.speaker_pairs += 1
                if agrees(gi, claim):
                    ok = True
                    hit.add(idx)
                    if kind == "quote":
                        sc.speaker_right += 1
            if ok:
                sc.correct += 1
            elif not touched and any(overlaps(span, n) for n in neutral.get(src, [])):
                sc.neutral += 1
            else:
                sc.false_positives.append(where + (" (wrong value: " + _short(claim["value"]) + ")"
                                                   if touched else ""))
    for idx, gi in enumerate(items):
        sc = scores[gi.kind]
        if gi.required:
            sc.required += 1
            sc.required_hit += idx in hit
        else:
            sc.bonus += 1
            sc.bonus_hit += idx in hit
        if idx not in hit:
            want = {k: v for k, v in gi.item.items() if k not in ("source", "trigger", "note", "required")}
            sc.misses.append(f"{gi.source} {gi.section} {'required' if gi.required else 'bonus'}: "
                             f"{gi.trigger!r} {json.dumps(want, ensure_ascii=False)}")
    return EvalReport(scores, furniture_citations, warnings)


def _short(value: dict) -> str:
    keys = ("timex", "n", "relative", "min", "min_seconds", "max_seconds", "speaker")
    return ", ".join(f"{k}={value[k]}" for k in keys if k in value)


@dataclass
class FindingScore:
    """How the report's findings meet the gold's expected findings."""

    conflicts: list[tuple[str, bool, bool]] = field(default_factory=list)  # (id, required, found)
    agreements: list[tuple[str, bool, bool]] = field(default_factory=list)
    not_conflicts: list[tuple[str, bool]] = field(default_factory=list)  # (id, wrongly flagged)
    single_source: list[tuple[str, bool]] = field(default_factory=list)  # (id, found)
    raised: list[tuple[str, str | None]] = field(default_factory=list)  # (finding id, gold conflict it is, or None)

    @staticmethod
    def _rate(items, required_only=True) -> tuple[int, int]:
        rel = [i for i in items if i[1] or not required_only]
        return sum(1 for i in rel if i[2]), len(rel)


_KIND_ALIASES = {"topic": {"topic", "quote"}, "place": {"place"}, "date": {"date"}, "time": {"time"},
                 "ordinal": {"ordinal"}, "duration": {"duration"}, "quote": {"quote"}, "count": {"count"}}


def evaluate_findings(gold: dict[str, Any], report: dict[str, Any], sid_of: dict[str, str]) -> FindingScore:
    """Score report findings: conflicts with the named sources on opposite sides, agreements with
    the named sources on one agreeing side, no conflict for not_conflicts, single-source items."""
    fs = FindingScore()
    expected = gold.get("findings") or {}
    findings = report.get("findings", [])

    def kinds(k: str) -> set[str]:
        return _KIND_ALIASES.get(k, {k})

    def sides_of(f: dict) -> list[set[str]]:
        return [set(s) for s in f["sides"]]

    for c in expected.get("conflicts", []):
        want = [sid_of.get(s, s) for s in c.get("sources", [])]
        found = any(f["status"] == "conflict" and f["kind"] in kinds(c.get("kind", ""))
                    and _opposite(sides_of(f), want) for f in findings)
        fs.conflicts.append((c.get("id", "?"), c.get("required", True) is not False, found))
    for a in expected.get("agreements", []):
        want = {sid_of.get(s, s) for s in a.get("sources", [])}
        found = any(f["status"] in ("agree", "variant") and f["kind"] in kinds(a.get("kind", ""))
                    and any(want <= side for side in sides_of(f)) for f in findings)
        fs.agreements.append((a.get("id", "?"), a.get("required", True) is not False, found))
    for n in expected.get("not_conflicts", []):
        want = [sid_of.get(s, s) for s in n.get("sources", [])]
        flagged = any(f["status"] == "conflict" and f["kind"] in kinds(n.get("kind", ""))
                      and _opposite(sides_of(f), want) for f in findings)
        fs.not_conflicts.append((n.get("id", "?"), flagged))
    for s in expected.get("single_source", []):
        sid = sid_of.get(s.get("source"), s.get("source"))
        found = any(f["status"] == "single-source" and f["kind"] in kinds(s.get("kind", ""))
                    and {x for side in f["sides"] for x in side} == {sid} for f in findings)
        fs.single_source.append((s.get("id", "?"), found))
    # every conflict the report raises is real when it is one of the gold's conflicts (required or bonus)
    gold_conflicts = [(c.get("id", "?"), c.get("kind", ""), [sid_of.get(s, s) for s in c.get("sources", [])])
                      for c in expected.get("conflicts", [])]
    for f in findings:
        if f["status"] != "conflict":
            continue
        real = next((gid for gid, kind, want in gold_conflicts
                     if f["kind"] in kinds(kind) and _opposite(sides_of(f), want)), None)
        fs.raised.append((f["id"], real))
    return fs


def _opposite(sides: list[set[str]], want: list[str]) -> bool:
    """Every pair of the named sources stands on different sides of the finding."""
    where = []
    for s in want:
        idx = [i for i, side in enumerate(sides) if s in side]
        if not idx:
            return False
        where.append(idx[0])
    return len(set(where)) == len(where) if len(want) <= len(sides) else len(set(where)) > 1
