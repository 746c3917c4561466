"""Score the attribution extractor against PolNeAR (brat standoff) annotations.

The seed gold is five articles; PolNeAR gives thousands of hand-annotated
attributions (source, cue, content) in real political news, direct and
indirect, so it measures how far ``checker.extract.quotes.attributions``
generalises. Scored per attribution:

- found: a predicted content span overlaps a gold Content span (P, R, F1).
  PolNeAR often joins a speaker's consecutive quote fragments into one
  Content, which the extractor reports apart; such a fragment is found, not a
  false positive. A strict one-to-one matching (largest overlap first) is
  reported too (``*_1to1``) and gives the pairs for the measures below.
- content token F1: word tokens (``\\w+``, so quote marks and punctuation do
  not count) shared by the matched gold and predicted contents, averaged over
  matched pairs.
- source: over matched pairs whose gold has a Source, right when the predicted
  speaker mention overlaps the gold Source span, or the predicted speaker name
  and the gold Source share a surname (case-insensitive).
- cue: over matched pairs whose gold has a Cue, right when the predicted cue
  span overlaps it.

Direct speech (gold content opening with a quote mark) and indirect speech are
reported apart and together. Recall in a category counts the gold of that
category; precision counts the predictions flagged so (``value["direct"]``);
pair measures (token F1, source, cue) use the gold category.

Notes: roles and the direct/indirect split follow the PolNeAR corpus
(Newell, Margolin & Ruths, LREC 2018) and its brat format (T spans with
discontinuous ``a b;c d`` offsets, E events ``Attribution:T Content:T Cue:T
Source:T``, extra contents as ``Content2``); one .ann per article, the first
by name, as the corpus README advises for multiply annotated articles.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

Span = tuple[int, int]

# Published reference points (figures as the papers give them) and the targets.
PUBLISHED: tuple[tuple[str, str, str, str], ...] = (
    ("PolNeAR-trained model (Reddy et al. 2022)", "NewsClaims", "speaker detection F1", "42.3"),
    ("annotator agreement (Newell et al. 2018)", "PolNeAR", "attributions agreed", "92.3 %"),
)
TARGETS: tuple[tuple[str, float, float], ...] = (("direct", 0.90, 0.85), ("all", 0.65, 0.70))

QUOTE_MARKS = "\u201c\"\u2018'"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+){0,20})\t")
_E_ROLE = re.compile(r"^([A-Za-z]+?)\d*:(T\d+)$")
_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\S+")
# A capitalised word and whether a possessive follows ("Trump's campaign" is
# not Trump speaking) or it is an abbreviation ("Jr.").
_NAME_WORD = re.compile(r"([A-Z][\w\-]{0,40})(['\u2019]s\b|\.)?")
_CHUNK_SPLIT = re.compile(r"[,;()\u2014\u2013]")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution; each role may be discontinuous (several spans, text order)."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    content_text: str = ""
    source_text: str = ""

    @property
    def direct(self) -> bool:
        return self.content_text.lstrip()[:1] in QUOTE_MARKS


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Predicted:
    """The parts of a system attribution record that are scored."""

    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None


def read_brat(txt_path: str | Path, ann_path: str | Path) -> GoldDoc:
    """Gold attributions of one article, in .ann order (E lines without Content are skipped)."""
    text = Path(txt_path).read_text(encoding="utf-8")
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in Path(ann_path).read_text(encoding="utf-8").splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in m.group(3).split(";")))
            continue
        if line.startswith("E"):
            parts = line.split("\t", 1)
            roles = []
            for arg in (parts[1].split() if len(parts) > 1 else []):
                r = _E_ROLE.match(arg)
                if r:
                    roles.append((r.group(1), r.group(2)))
            events.append(roles)
    out = []
    for roles in events:
        by_role: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
        for role, tid in roles:
            if role in by_role and tid in spans:
                by_role[role].extend(spans[tid])
        if not by_role["Content"]:
            continue
        content = tuple(sorted(by_role["Content"]))
        source = tuple(sorted(by_role["Source"]))
        out.append(GoldAttribution(
            content=content, source=source, cue=tuple(sorted(by_role["Cue"])),
            content_text=" ".join(text[a:b] for a, b in content),
            source_text=" ".join(text[a:b] for a, b in source)))
    return GoldDoc(name=Path(txt_path).stem, text=text, attributions=out)


def system_attributions(text: str) -> list[Predicted]:
    """Run the quote/attribution extractor on a raw article text."""
    from ..extract.base import make_doc
    from ..extract.quotes import attributions

    out = []
    for r in attributions(make_doc(text)):
        out.append(Predicted(start=r.start, end=r.end, direct=bool(r.value.get("direct")),
                             speaker=r.value.get("speaker"), speaker_span=r.spans.get("speaker"),
                             cue_span=r.spans.get("cue")))
    return out


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlaps_any(span: Span | None, spans: Sequence[Span]) -> bool:
    return span is not None and any(_overlap(span, s) > 0 for s in spans)


def _tokens(text: str, spans: Sequence[Span]) -> set[Span]:
    out: set[Span] = set()
    for a, b in spans:
        for m in _TOKEN.finditer(text, a, b):
            out.add(m.span())
    return out


def _surnames_of_source(source_text: str) -> set[str]:
    """Last capitalised, non-possessive word of each comma/parenthesis chunk."""
    out = set()
    for chunk in _CHUNK_SPLIT.split(source_text):
        last = None
        for m in _NAME_WORD.finditer(chunk):
            if m.group(2) is None:
                last = m.group(1)
        if last:
            out.add(last.casefold())
    return out


def _surname(name: str) -> str | None:
    words = [m.group(1) for m in _NAME_WORD.finditer(name) if m.group(2) is None]
    if not words:
        words = _TOKEN.findall(name)
    return words[-1].casefold() if words else None


def source_correct(pred: Predicted, gold: GoldAttribution) -> bool:
    """Speaker mention overlaps the gold Source, or the speaker name shares its surname."""
    if _overlaps_any(pred.speaker_span, gold.source):
        return True
    if not pred.speaker:
        return False
    sur = _surname(pred.speaker)
    return sur is not None and sur in _surnames_of_source(gold.source_text)


def match(gold: Sequence[GoldAttribution], pred: Sequence[Predicted]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest content overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = sum(_overlap((p.start, p.end), s) for s in g.content)
            if ov > 0:
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


CATEGORIES = ("direct", "indirect", "all")


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def score(items: Iterable[tuple[GoldDoc, Sequence[Predicted]]]) -> dict[str, dict[str, Any]]:
    """Scores per category ("direct", "indirect", "all") over (gold doc, predictions) pairs."""
    c = {k: {"gold": 0, "predicted": 0, "gold_found": 0, "predicted_found": 0,
             "gold_found_1to1": 0, "predicted_found_1to1": 0, "pairs": 0,
             "token_f1_sum": 0.0, "source_n": 0, "source_right": 0, "cue_n": 0, "cue_right": 0,
             "type_right": 0} for k in CATEGORIES}
    for doc, preds in items:
        pairs = match(doc.attributions, preds)
        matched_p = {pi for _, pi in pairs}
        hit_g: set[int] = set()
        hit_p: set[int] = set()
        for gi, g in enumerate(doc.attributions):
            for pi, p in enumerate(preds):
                if any(_overlap((p.start, p.end), s) for s in g.content):
                    hit_g.add(gi)
                    hit_p.add(pi)
        for gi, g in enumerate(doc.attributions):
            for k in ("direct" if g.direct else "indirect", "all"):
                c[k]["gold"] += 1
                c[k]["gold_found"] += gi in hit_g
        for pi, p in enumerate(preds):
            for k in ("direct" if p.direct else "indirect", "all"):
                c[k]["predicted"] += 1
                c[k]["predicted_found"] += pi in hit_p
                c[k]["predicted_found_1to1"] += pi in matched_p
        for gi, pi in pairs:
            g, p = doc.attributions[gi], preds[pi]
            gt = _tokens(doc.text, g.content)
            pt = _tokens(doc.text, [(p.start, p.end)])
            tf1 = 2 * len(gt & pt) / (len(gt) + len(pt)) if gt or pt else 1.0
            for k in ("direct" if g.direct else "indirect", "all"):
                s = c[k]
                s["gold_found_1to1"] += 1
                s["pairs"] += 1
                s["token_f1_sum"] += tf1
                s["type_right"] += p.direct == g.direct
                if g.source:
                    s["source_n"] += 1
                    s["source_right"] += source_correct(p, g)
                if g.cue:
                    s["cue_n"] += 1
                    s["cue_right"] += _overlaps_any(p.cue_span, g.cue)
    out: dict[str, dict[str, Any]] = {}
    for k, s in c.items():
        p = _ratio(s["predicted_found"], s["predicted"])
        r = _ratio(s["gold_found"], s["gold"])
        p1 = _ratio(s["predicted_found_1to1"], s["predicted"])
        r1 = _ratio(s["gold_found_1to1"], s["gold"])
        out[k] = {
            "gold": s["gold"], "predicted": s["predicted"],
            "gold_found": s["gold_found"], "predicted_found": s["predicted_found"],
            "precision": p, "recall": r, "f1": _f1(p, r),
            "gold_found_1to1": s["gold_found_1to1"],
            "predicted_found_1to1": s["predicted_found_1to1"],
            "precision_1to1": p1, "recall_1to1": r1, "f1_1to1": _f1(p1, r1),
            "content_token_f1": _ratio(s["token_f1_sum"], s["pairs"]),
            "source_n": s["source_n"], "source_accuracy": _ratio(s["source_right"], s["source_n"]),
            "cue_n": s["cue_n"], "cue_accuracy": _ratio(s["cue_right"], s["cue_n"]),
            "direct_flag_accuracy": _ratio(s["type_right"], s["pairs"]),
        }
    return out


def article_files(directory: str | Path) -> list[tuple[Path, Path]]:
    """(txt, ann) per article: ``text/`` + ``attributions/`` subfolders or one flat folder.

    ``<article>_<annotator>.ann`` belongs to ``<article>.txt``; the first by name is used.
    """
    root = Path(directory)
    tdir = root / "text" if (root / "text").is_dir() else root
    adir = root / "attributions" if (root / "attributions").is_dir() else root
    anns: dict[str, Path] = {}
    for ann in sorted(adir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0] if "_" in ann.stem else ann.stem
        anns.setdefault(stem, ann)
    return [(txt, anns[txt.stem]) for txt in sorted(tdir.glob("*.txt")) if txt.stem in anns]


def evaluate_dir(directory: str | Path) -> dict[str, Any]:
    """Read every article of a PolNeAR-style folder, run the extractor and score it."""
    files = article_files(directory)
    items = []
    words = 0
    extract_s = 0.0
    t0 = time.perf_counter()
    for txt, ann in files:
        doc = read_brat(txt, ann)
        words += len(_WORD.findall(doc.text))
        t1 = time.perf_counter()
        preds = system_attributions(doc.text)
        extract_s += time.perf_counter() - t1
        items.append((doc, preds))
    scores: dict[str, Any] = dict(score(items))
    scores["articles"] = len(files)
    scores["words"] = words
    scores["extract_seconds"] = extract_s
    scores["total_seconds"] = time.perf_counter() - t0
    scores["words_per_second"] = _ratio(words, extract_s)
    return scores


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main_eval_attribution(directory: str | Path) -> tuple[str, dict[str, Any]]:
    """Printable report and the scores dict of ``evaluate_dir``."""
    scores = evaluate_dir(directory)
    rows = []
    for k in CATEGORIES:
        s = scores[k]
        rows.append([k, s["gold"], s["predicted"], _fmt(s["precision"]), _fmt(s["recall"]),
                     _fmt(s["f1"]), _fmt(s["precision_1to1"]), _fmt(s["recall_1to1"]),
                     _fmt(s["f1_1to1"]), _fmt(s["content_token_f1"]),
                     f"{_fmt(s['source_accuracy'])} ({s['source_n']})",
                     f"{_fmt(s['cue_accuracy'])} ({s['cue_n']})",
                     _fmt(s["direct_flag_accuracy"])])
    table = tabulate(rows, headers=["attributions", "gold", "predicted", "P", "R", "F1",
                                    "P 1:1", "R 1:1", "F1 1:1", "content tok F1", "source acc (n)", "cue acc (n)",
                                    "direct flag acc"])
    wps = scores["words_per_second"]
    head = (f"PolNeAR attribution: {scores['articles']} articles, {scores['words']} words, "
            f"extraction {scores['extract_seconds']:.2f} s"
            + (f" ({wps:,.0f} words/s)" if wps else "")
            + f", total {scores['total_seconds']:.2f} s")
    ref_rows = [[name, where, measure, value] for name, where, measure, value in PUBLISHED]
    for k, target_f1, target_src in TARGETS:
        ref_rows.append([f"checker (this run), {k}", "PolNeAR dev", "found F1 / speaker correct",
                         f"{_fmt(scores[k]['f1'])} / {_fmt(scores[k]['source_accuracy'])}"])
        ref_rows.append([f"target (issue 5), {k}", "PolNeAR dev", "found F1 / speaker correct",
                         f">= {target_f1:.2f} / >= {target_src:.2f}"])
    ref = tabulate(ref_rows, headers=["published baselines", "test set", "measure", "value"])
    return head + "\n" + table + "\n\n" + ref, scores
