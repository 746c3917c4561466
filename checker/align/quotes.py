"""The same statement reported by different outlets, in any wording.

Quotes and indirect statements are grouped across sources when their
speakers resolve to one canonical entity and their words are similar enough
(translations and paraphrases share few exact words, so the measure is the
overlap coefficient of stemmed content words, helped by a sequence measure
for near-verbatim copies). Statements with near-identical words but
different speakers form a group too: that is a misattribution to flag.

Each pair in a group is classified: verbatim, trimmed (one is a part of the
other), reworded (with the differing words), or different speakers.

Notes: token overlap comes from textdistance, the sequence ratio (Indel distance,
close to Ratcliff-Obershelp) from rapidfuzz, textdistance's fast backend; the
crude 5-letter stem is a language-agnostic stand-in for a stemmer.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from ..imports import textdistance as _textdistance
from rapidfuzz import fuzz

from ..settings import SETTINGS
from .entities import EntityIndex

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF]+(?:['’][a-z]+)?")
_STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been being
it its this that these those there their they them we our us he she his her i you your not no so
than then which who whom what when where while will would can could should may might has have had
do does did into about over under also just now each other some any all such very own""".split())
_OVERLAP = _textdistance().Overlap(qval=None)
_NEAR_VERBATIM = 0.9  # similarity at which two wordings are one text, however short


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=65536)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(sorted({w[:5] for w in _words(text) if w not in _STOP and len(w) > 2}))


def stems(text: str) -> list[str]:
    return list(_stems(text))


def similarity(a: str, b: str, idf: dict[str, float] | None = None) -> float:
    """Similarity of two wordings in [0, 1]: the better of weighted stem overlap and sequence match.

    The overlap is the overlap coefficient of stem sets, each stem weighted by its inverse
    document frequency among the corpus's statements (``idf``), so that the story's own
    vocabulary ("embassy", "talks") does not make unrelated statements look alike.
    """
    sa, sb = set(_stems(a)), set(_stems(b))
    shared = sa & sb
    if idf is None:
        overlap = _OVERLAP.similarity(" ".join(sorted(sa)), " ".join(sorted(sb))) if sa and sb else 0.0
    elif len(shared) < 2:
        overlap = 0.0
    else:
        # fsum is exact, so the weight of a set does not depend on its iteration order (which
        # PYTHONHASHSEED changes): ties at a threshold fall the same way on every run
        w = lambda ss: math.fsum(idf.get(x, 1.0) for x in ss)  # noqa: E731
        overlap = w(shared) / min(w(sa), w(sb))
    seq = fuzz.ratio(" ".join(_words(a)), " ".join(_words(b))) / 100.0
    # character sequences of unrelated English still match ~0.3: count them only when close
    return max(overlap, seq if seq >= 0.6 else 0.0)


def idf_weights(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of every stem over a list of statements."""
    df: dict[str, int] = {}
    for t in texts:
        for x in set(stems(t)):
            df[x] = df.get(x, 0) + 1
    n = max(len(texts), 1)
    return {x: math.log(1 + n / d) for x, d in df.items()}


@dataclass
class Statement:
    source: str
    claim_id: str
    speaker: str | None  # canonical across the corpus
    text: str
    direct: bool
    line: int
    said_on: str | None = None  # day of the speech act where the sentence gives it
    sentence: str = ""  # the sentence it stands in (who else it names)
    mention: str | None = None  # the speaker as written ("Lavrov", "he", "the ministry")


def _speech_day(claim: dict[str, Any], dates: list[dict[str, Any]]) -> str | None:
    """A resolved day in the quote's sentence but outside its content: when it was said."""
    sent = claim.get("sentence")
    if not sent:
        return None
    sent = sent.get("whole") or sent  # a window of a run-on sentence: the sentence is still the whole
    ev = claim["evidence"]
    for d in dates:
        ds, de = d["evidence"]["start"], d["evidence"]["end"]
        if sent["start"] <= ds and de <= sent["end"] and (de <= ev["start"] or ds >= ev["end"]):
            return d["value"]["timex"]
    return None


@dataclass
class StatementGroup:
    id: str
    members: list[Statement] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        return sorted({m.speaker or "unknown" for m in self.members})

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.members})


def relation(a: Statement, b: Statement) -> tuple[str, list[str], list[str]]:
    """verbatim | trimmed | reworded | different speakers, with the words only in a / only in b."""
    wa, wb = words(a.text), words(b.text)
    only_a = sorted(set(wa) - set(wb))
    only_b = sorted(set(wb) - set(wa))
    if (a.speaker or "") != (b.speaker or ""):
        return "different speakers", only_a, only_b
    if wa == wb:
        return "verbatim", [], []
    ja, jb = " ".join(wa), " ".join(wb)
    if ja in jb or jb in ja:
        return "trimmed", only_a, only_b
    return "reworded", only_a, only_b


def statements(docs: list[dict[str, Any]], entities: EntityIndex) -> list[Statement]:
    out = []
    for d in sorted(docs, key=lambda d: d["source"]["id"]):
        days = [c for c in d["claims"] if c["kind"] == "date" and c["value"].get("resolved")
                and c["value"].get("granularity") == "day"]
        for c in d["claims"]:
            if c["kind"] == "quote":
                v = c["value"]
                out.append(Statement(d["source"]["id"], c["id"], entities.canonical(v.get("speaker")),
                                     v.get("text", ""), bool(v.get("direct")), c["evidence"]["line"],
                                     _speech_day(c, days), (c.get("sentence") or {}).get("text", ""),
                                     v.get("mention")))
    return out


def group(items: list[Statement]) -> list[StatementGroup]:
    """Greedy single-link grouping across sources, in source order (deterministic).

    Blocking: a statement is compared only with earlier statements that share at least
    two stems with it (an inverted index), never with all of them, so the cost follows
    the number of plausible pairs rather than the square of the corpus.
    """
    groups: list[StatementGroup] = []
    idf = idf_weights([st.text for st in items])
    index: dict[str, list[int]] = {}  # stem -> positions in ``members``
    members: list[tuple[Statement, StatementGroup]] = []
    for st in items:
        own = set(stems(st.text))
        shared: dict[int, int] = {}
        for x in own:
            for j in index.get(x, ()):
                shared[j] = shared.get(j, 0) + 1
        best, best_sim = None, 0.0
        # per group, only the few members that share the most stems with this statement
        per_group: dict[int, list[tuple[int, int]]] = {}
        for j, n in shared.items():
            if n >= 2:
                per_group.setdefault(id(members[j][1]), []).append((-n, j))
        candidates = sorted(j for c in per_group.values() for _, j in sorted(c)[:SETTINGS.group_probes])
        for j in candidates:
            m, g = members[j]
            if m.source == st.source or (m.said_on and st.said_on and m.said_on != st.said_on):
                continue
            same_speaker = st.speaker is not None and m.speaker == st.speaker
            shorter = min(len(_words(st.text)), len(_words(m.text)))
            if not same_speaker and (shorter < SETTINGS.quote_other_speaker_min_words or shared[j] < 3):
                continue  # "I will tell the truth" is anyone's phrase, not one statement misattributed
            sim = similarity(m.text, st.text, idf)
            fewest = min(len(own), len(_stems(m.text)))
            if sim < _NEAR_VERBATIM and shared[j] < 3 and 3 * shared[j] < 2 * fewest:
                continue  # two shared words ("Elian", "return") make a topic, not one statement
            need = SETTINGS.quote_same_speaker if same_speaker else SETTINGS.quote_other_speaker
            if sim >= need and sim > best_sim:
                best, best_sim = g, sim
        if best is None:
            best = StatementGroup("")
            groups.append(best)
        best.members.append(st)
        for x in own:
            index.setdefault(x, []).append(len(members))
        members.append((st, best))
    for i, g in enumerate(groups):
        g.id = f"st{i + 1:03d}"
    return groups
