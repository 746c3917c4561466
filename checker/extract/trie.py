"""Regexes for word lists, factored as character tries.

``re`` tries the alternatives of a flat ``a|b|c`` one by one at every
position, so a lexicon of 200 words costs 200 comparisons per character; a
prefix tree costs a few. Every lexicon-driven pattern of the extractors is
built here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """Regex source (no groups) of a flat ``a|b|c`` over ``words``, longest first.

    A space inside a word matches any run of white space. For short lists of
    phrases whose alternatives need to stay readable in the pattern; long
    lexicons scanned at every position should use ``trie_pattern``.
    """
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


def trie_pattern(words: Iterable[str], spaces: bool = False) -> str:
    """Regex source (no groups) matching exactly any of ``words``, longest first.

    With ``spaces``, a space inside a word matches any run of white space.
    """
    root: dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if spaces and c == " " else re.escape(c)) + build(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
