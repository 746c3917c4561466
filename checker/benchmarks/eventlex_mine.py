"""Mine candidate event words from public event annotations (offline helper, not used at run time).

Usage::

    python -m checker.benchmarks.eventlex_mine ECB_DIR TBAQ_DIR [--min N]

``ECB_DIR`` holds the ECB+ corpus as ``<topic>/*.xml`` (CAT XML: ``<token t_id>`` elements and
``ACTION_OCCURRENCE`` / ``NEG_ACTION_OCCURRENCE`` markables with ``<token_anchor t_id>``
children); ``TBAQ_DIR`` holds TempEval-3 TBAQ-cleaned TimeML (``**/*.tml``), of which only
``<EVENT class="OCCURRENCE">`` tags are read. Never point it at a test split (TE3-Platinum).

Each mention is reduced to one lower-cased head word: the last alphabetic token that is not a
function word ("checked into" -> "checked", "plane crash" -> "crash"). The script prints a TSV,
most frequent first: word, total frequency, ECB+ frequency, TimeML frequency, number of ECB+
topics, number of documents (both corpora), and TimeML part-of-speech counts (NOUN, VERB) from
``MAKEINSTANCE``. The list is a starting point for hand curation of
``checker/data/event_occurrences.json``; nothing in the package imports this module.

Sources: ECB+ (Cybulska and Vossen 2014, LREC); TempEval-3 TBAQ-cleaned (UzZaman et al. 2013).
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ECB_TAGS = frozenset({"ACTION_OCCURRENCE", "NEG_ACTION_OCCURRENCE"})
_FUNCTION = frozenset("a an the of in on at to into onto for from with by up out off down over "
                      "away back about as and or 's".split())
_WORD = re.compile(r"[a-z][a-z'-]*")


def head_word(tokens: Iterable[str]) -> str | None:
    """The last alphabetic, non-function token of a mention, lower-cased (None if there is none)."""
    words = [t.lower() for t in tokens if _WORD.fullmatch(t.lower())]
    content = [w for w in words if w not in _FUNCTION]
    return (content or words or [None])[-1]


def ecb_heads(xml_text: str) -> list[str]:
    """Head words of the occurrence mentions in one ECB+ CAT XML document."""
    root = ET.fromstring(xml_text)
    tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
    heads = []
    for m in root.iter():
        anchors = [a.get("t_id") for a in m.findall("token_anchor")]
        if m.tag in ECB_TAGS and anchors:
            h = head_word(tokens.get(i, "") for i in anchors)
            if h:
                heads.append(h)
    return heads


def timeml_heads(tml_text: str) -> list[tuple[str, str | None]]:
    """(head word, TimeML pos) of the OCCURRENCE events in one TimeML document."""
    root = ET.fromstring(tml_text)
    pos = {mi.get("eventID"): mi.get("pos") for mi in root.iter("MAKEINSTANCE")}
    out = []
    for ev in root.iter("EVENT"):
        if ev.get("class") == "OCCURRENCE":
            h = head_word("".join(ev.itertext()).split())
            if h:
                out.append((h, pos.get(ev.get("eid"))))
    return out


@dataclass
class Counts:
    """Per-word frequencies and the topics/documents each word occurs in."""

    ecb: Counter = field(default_factory=Counter)
    timeml: Counter = field(default_factory=Counter)
    pos: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    topics: defaultdict = field(default_factory=lambda: defaultdict(set))
    docs: defaultdict = field(default_factory=lambda: defaultdict(set))

    def add_ecb(self, topic: str, doc: str, xml_text: str) -> None:
        for h in ecb_heads(xml_text):
            self.ecb[h] += 1
            self.topics[h].add(topic)
            self.docs[h].add("ecb:" + doc)

    def add_timeml(self, doc: str, tml_text: str) -> None:
        for h, p in timeml_heads(tml_text):
            self.timeml[h] += 1
            self.pos[h][p] += 1
            self.docs[h].add("tml:" + doc)

    def rows(self, min_freq: int = 1) -> list[tuple]:
        """(word, freq, ecb, timeml, topics, docs, noun, verb), most frequent first."""
        words = set(self.ecb) | set(self.timeml)
        rows = [(w, self.ecb[w] + self.timeml[w], self.ecb[w], self.timeml[w], len(self.topics[w]),
                 len(self.docs[w]), self.pos[w]["NOUN"], self.pos[w]["VERB"]) for w in words]
        return sorted((r for r in rows if r[1] >= min_freq), key=lambda r: (-r[1], -r[4], r[0]))


def mine(ecb_dir: Path, tbaq_dir: Path) -> Counts:
    counts = Counts()
    for path in sorted(Path(ecb_dir).glob("*/*.xml")):
        counts.add_ecb(path.parent.name, path.name, path.read_text("utf-8"))
    for path in sorted(Path(tbaq_dir).rglob("*.tml")):
        counts.add_timeml(path.name, path.read_text("utf-8"))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ecb_dir", type=Path)
    ap.add_argument("tbaq_dir", type=Path)
    ap.add_argument("--min", type=int, default=2, help="minimum total frequency (default 2)")
    args = ap.parse_args(argv)
    print("word\tfreq\tecb\ttimeml\ttopics\tdocs\tnoun\tverb")
    for row in mine(args.ecb_dir, args.tbaq_dir).rows(args.min):
        print("\t".join(map(str, row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
