"""Remove inline markup from plain-text and Markdown sources, keeping raw offsets.

Copy-pasted articles keep stray HTML (``<u>said</u>``), entities
(``&amp;``) and invisible characters (zero-width spaces, bidi controls, soft
hyphens) that would split words or hide a match. They are removed from the
analysis text only, through ``TextBuilder``, so evidence still cites the raw
file. Markdown sources also lose heading marks, emphasis markers, link
targets and images.

Notes: only real HTML element names (data/html.json) count as tags, so text
such as ``a < b`` or ``<Reuters>`` stays; Markdown syntax per CommonMark.
"""

from __future__ import annotations

import html
import re
from functools import cache

from .lexicon import data
from .textmap import TextBuilder

INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad"
_INVISIBLE_CLASS = "[" + INVISIBLE + "]+"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_COMMENT = r"<!--[^>]{0,2000}?-->"


@cache
def _pattern(markdown: bool) -> re.Pattern[str]:
    tags = "|".join(sorted(data("html")["tags"], key=lambda t: (-len(t), t)))
    parts = [
        rf"(?P<tag></?(?:{tags})(?:\s[^<>]{{0,2000}})?/?>)",
        rf"(?P<comment>{_COMMENT})",
        rf"(?P<entity>{_ENTITY})",
        rf"(?P<invisible>{_INVISIBLE_CLASS})",
    ]
    if markdown:
        parts += [
            r"(?P<image>!\[[^\]\n]{0,300}\]\([^)\s]{1,1000}(?:\s\"[^\"\n]{0,200}\")?\))",
            r"(?P<link>\[(?P<ltext>[^\]\n]{1,300})\]\([^)\s]{1,1000}(?:\s\"[^\"\n]{0,200}\")?\))",
            r"(?P<heading>^#{1,6}[ \t]+)",
            r"(?P<quote>^>[ \t]?)",
            r"(?P<emph>\*\*|__)",
        ]
    first = "<&" + INVISIBLE + ("!\\[#>*_" if markdown else "")
    # the lookahead lets the engine skip ahead on a character class: 5x faster on long texts
    return re.compile(f"(?=[{first}])(?:" + "|".join(parts) + ")", re.I | re.M)


def strip_markup(raw: str, markdown: bool = False) -> TextBuilder:
    """A builder holding ``raw`` without inline tags, entities, invisibles (and Markdown syntax)."""
    tb = TextBuilder(raw)
    pos = 0
    for m in _pattern(markdown).finditer(raw):
        s, e = m.span()
        tb.copy(pos, s)
        kind = m.lastgroup
        if kind == "entity":
            tb.replace(s, e, html.unescape(m.group()))
        elif kind == "ltext" or kind == "link":
            ts, te = m.span("ltext")
            tb.replace(s, ts, "")
            tb.copy(ts, te)
            tb.replace(te, e, "")
        else:
            tb.replace(s, e, "")
        pos = e
    tb.copy(pos, len(raw))
    return tb
