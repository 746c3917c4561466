"""Who vouches for a claim: the attribution chain of dates, durations, counts and ordinals.

"The negotiations, which Russian news agencies said lasted for over six
hours" is a duration claim the outlet attributes to Russian news agencies; an
editor must see that chain. A claim is attributed when it lies inside the
content of an attribution found by ``checker.extract.quotes.attributions``
(a form of speech, firm or not; not an evaluation cue's object), or when a
relative clause puts a speech verb right before it ("which X said lasted
...", "that officials reported ...").

Notes: the relative-clause rule is the reporting-clause pattern of news
writing (PolNeAR's attribution guidelines call it an embedded source).
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Document
from . import names
from .base import Record

_ATTRIBUTED_KINDS = ("date", "duration", "count", "ordinal", "event")
# attribution forms that vouch for what they contain: speech and its reported clause. The
# object of an evaluation cue ("criticized the plan announced on Tuesday"), a paragraph label
# and a quote with no attribution in reach are attributions for the benchmark, not a source
# standing behind a number or a date
_CHAIN_FORMS = frozenset(("quoted", "colon", "that", "bare", "before", "according"))


@cache
def _relative_clause() -> re.Pattern:
    verbs = sorted((v for v, cls in names.speech_verbs().items() if cls in ("bare", "that")), key=len, reverse=True)
    alt = "|".join(re.escape(v) for v in verbs)
    # "which|that|who" + a short subject (no punctuation) + a speech verb, then the claim's clause
    return re.compile(rf"\b(?:which|that)\s+((?:[\w'’.-]+\s+){{0,5}}?[\w'’.-]+)\s+({alt})\s+(?:that\s+)?", re.I)


def attribute(doc: Document, records: dict[str, list[Record]], attributions: list[Record]) -> dict[tuple[str, int, int], dict]:
    """Map (kind, start, end) of each attributed claim to {"speaker", "mention", "cue"}."""
    out: dict[tuple[str, int, int], dict] = {}
    by_sentence: dict[int, list[tuple[int, int, dict]]] = {}
    for s in doc.sentences:
        for m in _relative_clause().finditer(s.text):
            subject = m.group(1)
            if subject.split()[0].lower() in ("he", "she", "it", "they", "we", "i", "you"):
                continue
            by_sentence.setdefault(s.start, []).append(
                (s.start + m.end(), s.end, {"speaker": names.clean(subject), "mention": names.clean(subject),
                                             "cue": m.group(2).lower()}))
    contents = sorted(((a.start, a.end, a) for a in attributions if a.value.get("form") in _CHAIN_FORMS),
                      key=lambda t: (t[1] - t[0]))
    for kind in _ATTRIBUTED_KINDS:
        for r in records.get(kind, []):
            found = None
            for s, e, a in contents:  # innermost first
                if s <= r.start and r.end <= e:
                    found = {"speaker": a.value.get("speaker"), "mention": a.value.get("mention"),
                             "cue": a.value.get("cue")}
                    break
            if found is None:
                sent = doc.sentence_at(r.start)
                for s, e, info in by_sentence.get(sent.start, ()) if sent else ():
                    if s <= r.start < e and "," not in doc.text[s:r.start]:
                        found = info
                        break
            if found and found.get("speaker"):
                out[(kind, r.start, r.end)] = found
    return out
