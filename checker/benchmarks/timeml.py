"""TempEval-3 Task A scoring of the date and duration extractors on TimeML gold.

The checker's dates and durations are normalised TIMEX3-style, so a public
TIMEX3 corpus (TempEval-3: TBAQ-cleaned, TE3-Platinum) measures them against
independent annotators instead of our own seed gold. This module reads TimeML,
runs the extractors with the document creation time (DCT) as publication date,
scores span and value agreement the way TempEval-3 Task A does, and can write
the system output back as TimeML for the organisers' scorer.

Matching: gold and system timexes are paired one-to-one, type-agnostic, by
largest character overlap (ties: earliest gold, then earliest system). Because
pairs are one-to-one, value F1 computed as P = correct values / system timexes,
R = correct values / gold timexes equals the TE3 convention "relaxed F1 x value
accuracy over matched pairs" (both are 2c / (system + gold)). The official
scorer lets one system timex overlapping two gold timexes count for both; the
one-to-one pairing is therefore slightly stricter. Strict span counts system
and gold timexes with identical offsets. A type group (DATE+DURATION, TIME,
SET) counts its gold timexes for recall and its system timexes for precision,
whatever type the paired timex has: span matching in TE3 ignores type.

Notes: TimeML 1.2.1 TIMEX3 attributes; the Task A measures follow UzZaman et
al. 2013, "SemEval-2013 Task 1: TempEval-3", Section 4 and Table 3.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from tabulate import tabulate

from ..extract import timex
from ..extract.base import make_doc

TYPES = ("DATE", "TIME", "DURATION", "SET")
# TempEval-3 Task A results on the TE3-Platinum test set, UzZaman et al. 2013, Table 3:
# (system, strict span F1, value F1); None where the paper gives no figure for that system.
PUBLISHED: tuple[tuple[str, float | None, float | None], ...] = (
    ("HeidelTime (best value F1)", None, 77.61),
    ("SUTime", None, 67.38),
    ("best strict span F1", 82.71, None),
)
GROUPS: dict[str, tuple[str, ...]] = {
    "DATE+DURATION": ("DATE", "DURATION"),
    "TIME": ("TIME",),
    "SET": ("SET",),
    "ALL": TYPES,
}


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3; ``start``/``end`` index ``TimeMLDoc.text``."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    tid: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class TimeMLDoc:
    path: str
    docid: str
    dct: str | None  # the CREATION_TIME value, e.g. 1998-01-08 or 1998-01-08T12:00:00
    text: str  # TEXT content with tags stripped and entities decoded
    timexes: list[Timex] = field(default_factory=list)
    dct_text: str = ""  # the DCT element's surface text, kept for the writer

    @property
    def dct_date(self) -> str | None:
        """The DCT as an ISO day, the form ``SourceMeta.published`` takes."""
        return self.dct[:10] if self.dct and len(self.dct) >= 10 else None


# ---------------------------------------------------------------------------
# Reading

def _walk(el: ET.Element, parts: list[str], pos: int, out: list[Timex]) -> int:
    """Append the element's text to ``parts`` and collect TIMEX3 offsets; returns the new position."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _walk(child, parts, pos, out)
        if child.tag == "TIMEX3":
            a = child.attrib
            out.append(Timex(start, pos, a.get("type", ""), a.get("value"), a.get("mod"), a.get("tid", "")))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Parse one TimeML file: DCT, raw TEXT and the gold TIMEX3 spans inside TEXT."""
    root = ET.parse(path).getroot()
    dct = dct_text = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct, dct_text = t.get("value"), "".join(t.itertext())
            break
    if dct is None:
        d = root.find("DCT")
        if d is not None:
            dct_text = "".join(d.itertext()).strip()
            dct = dct_text or None
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    if text_el is not None:
        _walk(text_el, parts, 0, gold)
    docid_el = root.find("DOCID")
    docid = (docid_el.text or "").strip() if docid_el is not None else Path(path).stem
    gold.sort(key=lambda g: (g.start, g.end))
    return TimeMLDoc(str(path), docid, dct, "".join(parts), gold, dct_text or "")


# ---------------------------------------------------------------------------
# System

def system_timexes(text: str, dct: str | None) -> list[Timex]:
    """The checker's TIMEX3 view of ``text`` (``checker.extract.timex``); ``dct`` is an ISO day or None."""
    doc = make_doc(text, dct[:10] if dct else None)
    return [Timex(t.start, t.end, t.type, t.value, t.mod, f"t{i + 1}")
            for i, t in enumerate(timex.timexes(doc))]


# ---------------------------------------------------------------------------
# Scoring

def match(gold: list[Timex], system: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                cands.append((-ov, gi, si))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in cands:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(gold_docs_and_system: Iterable[tuple[TimeMLDoc, list[Timex]]]) -> dict[str, Any]:
    """TempEval-3 Task A figures per type group, plus per-type counts (see module docstring)."""
    # per group: counts on the gold side (recall) and on the system side (precision)
    c = {g: dict.fromkeys(("gold", "system", "relaxed_gold", "relaxed_system", "strict_gold",
                           "strict_system", "value_gold", "value_system", "type_ok"), 0) for g in GROUPS}
    type_counts = {t: {"gold": 0, "system": 0} for t in TYPES}
    docs = 0
    for doc, system in gold_docs_and_system:
        docs += 1
        gold = doc.timexes
        for t in gold:
            type_counts.setdefault(t.type, {"gold": 0, "system": 0})["gold"] += 1
        for t in system:
            type_counts.setdefault(t.type, {"gold": 0, "system": 0})["system"] += 1
        pairs = match(gold, system)
        g_matched = {gi: si for gi, si in pairs}
        s_matched = {si: gi for gi, si in pairs}
        sys_spans: dict[tuple[int, int], int] = {}
        for s in system:
            sys_spans[s.span] = sys_spans.get(s.span, 0) + 1
        gold_spans: dict[tuple[int, int], int] = {}
        for g in gold:
            gold_spans[g.span] = gold_spans.get(g.span, 0) + 1
        for name, types in GROUPS.items():
            cg = c[name]
            for gi, g in enumerate(gold):
                if g.type not in types:
                    continue
                cg["gold"] += 1
                cg["strict_gold"] += g.span in sys_spans
                si = g_matched.get(gi)
                if si is not None:
                    cg["relaxed_gold"] += 1
                    cg["value_gold"] += g.value == system[si].value
                    cg["type_ok"] += g.type == system[si].type
            for si, s in enumerate(system):
                if s.type not in types:
                    continue
                cg["system"] += 1
                cg["strict_system"] += s.span in gold_spans
                gi = s_matched.get(si)
                if gi is not None:
                    cg["relaxed_system"] += 1
                    cg["value_system"] += gold[gi].value == s.value
    groups = {}
    for name, cg in c.items():
        groups[name] = {
            "counts": cg,
            "relaxed": _prf(cg["relaxed_system"], cg["system"], cg["relaxed_gold"], cg["gold"]),
            "strict": _prf(cg["strict_system"], cg["system"], cg["strict_gold"], cg["gold"]),
            "value": _prf(cg["value_system"], cg["system"], cg["value_gold"], cg["gold"]),
            "value_accuracy": round(cg["value_gold"] / cg["relaxed_gold"], 4) if cg["relaxed_gold"] else 0.0,
            "type_accuracy": round(cg["type_ok"] / cg["relaxed_gold"], 4) if cg["relaxed_gold"] else 0.0,
        }
    return {"docs": docs, "groups": groups, "type_counts": type_counts}


# ---------------------------------------------------------------------------
# Writing

def write_timeml(doc: TimeMLDoc, system: list[Timex], path: str | Path) -> None:
    """The system timexes inline in TimeML (overlapping spans: the earlier one wins)."""
    pieces: list[str] = []
    pos = 0
    for t in sorted(system, key=lambda t: (t.start, -t.end)):
        if t.start < pos or t.end <= t.start:
            continue
        attrs = {"tid": t.tid, "type": t.type, "value": t.value, "mod": t.mod}
        attr_s = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items() if v)
        pieces += [escape(doc.text[pos:t.start]), f"<TIMEX3 {attr_s}>", escape(doc.text[t.start:t.end]),
                   "</TIMEX3>"]
        pos = t.end
    pieces.append(escape(doc.text[pos:]))
    dct = ""
    if doc.dct:
        dct = (f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(doc.dct)} temporalFunction="false" '
               f'functionInDocument="CREATION_TIME">{escape(doc.dct_text or doc.dct)}</TIMEX3></DCT>\n\n')
    out = ('<?xml version="1.0" ?>\n<TimeML>\n\n'
           f"<DOCID>{escape(doc.docid)}</DOCID>\n\n{dct}<TEXT>{''.join(pieces)}</TEXT>\n\n</TimeML>\n")
    Path(path).write_text(out, encoding="utf-8")


# ---------------------------------------------------------------------------
# Directory run and report

def evaluate_dir(directory: str | Path, out_dir: str | Path | None = None) -> dict[str, Any]:
    """Score every ``*.tml`` under ``directory`` (recursively); optionally write system TimeML to ``out_dir``."""
    files = sorted(Path(directory).rglob("*.tml"))
    t0 = time.perf_counter()
    pairs = []
    extract_s = 0.0
    words = 0
    for f in files:
        doc = read_timeml(f)
        t1 = time.perf_counter()
        system = system_timexes(doc.text, doc.dct_date)
        extract_s += time.perf_counter() - t1
        words += len(doc.text.split())
        pairs.append((doc, system))
        if out_dir is not None:
            dest = Path(out_dir) / f.relative_to(directory)
            dest.parent.mkdir(parents=True, exist_ok=True)
            write_timeml(doc, system, dest)
    result = score(pairs)
    result.update({
        "files": len(files),
        "words": words,
        "seconds": round(time.perf_counter() - t0, 3),
        "extract_seconds": round(extract_s, 3),
        "words_per_second": round(words / extract_s) if extract_s else 0,
    })
    return result


def report_table(scores: dict[str, Any]) -> str:
    """The printable Task A table (percentages) with per-type counts under it."""
    rows = []
    for name, g in scores["groups"].items():
        c = g["counts"]
        rows.append([name, c["gold"], c["system"],
                     *(round(100 * g["relaxed"][k], 2) for k in ("p", "r", "f1")),
                     round(100 * g["strict"]["f1"], 2), round(100 * g["value"]["f1"], 2),
                     round(g["value_accuracy"], 3)])
    table = tabulate(rows, headers=["group", "gold", "system", "relaxed P", "relaxed R", "relaxed F1",
                                    "strict F1", "value F1", "value acc."], floatfmt=".2f")
    types = tabulate([[t, v["gold"], v["system"]] for t, v in scores["type_counts"].items()],
                     headers=["type", "gold", "system"])
    dd = scores["groups"]["DATE+DURATION"]
    rows = [[name, "TE3-Platinum (all types)", strict, value] for name, strict, value in PUBLISHED]
    rows.append(["checker (this run)", "DATE+DURATION here", round(100 * dd["strict"]["f1"], 2),
                 round(100 * dd["value"]["f1"], 2)])
    rows.append(["target (issue 5)", "TBAQ-cleaned DATE+DURATION", 85.0, 85.0])
    ref = tabulate(rows, headers=["published baselines", "test set", "strict span F1", "value F1"],
                   floatfmt=".2f", missingval="-")
    head = f"TempEval-3 Task A: {scores['docs']} documents"
    if "seconds" in scores:
        head += (f", {scores['words']} words, {scores['seconds']} s "
                 f"(extraction {scores['words_per_second']} words/s)")
    return f"{head}\n\n{table}\n\n{types}\n\n{ref}\n"


def main_eval_timeml(directory: str | Path, out_dir: str | Path | None = None) -> tuple[str, dict[str, Any]]:
    """For the CLI (``checker eval-timeml DIR``): the report text and the scores dict."""
    scores = evaluate_dir(directory, out_dir)
    return report_table(scores), scores
