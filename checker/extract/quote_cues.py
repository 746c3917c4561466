"""The cue lexicon of quote extraction, and the patterns and word lists built from it.

Which words cue an attribution, and of which class ("bare", "that", "source",
"object", ...), comes from ``data/speech_verbs.txt`` overlaid with
``data/attribution_cues.txt``. Every pattern that depends on that lexicon,
on ``pronouns.json`` or on the abbreviation list is built here once, on first
use, and the closed word classes that more than one rule reads live beside
them, so the rule modules (``quote_marks``, ``quote_speakers``,
``quote_reported``, ``quotes``) share one copy and hold rules only.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..text import abbreviations
from . import names

# auxiliaries and negation between a subject and its cue ("did not want", "could soon announce")
_AUX = frozenset(("not", "never", "did", "does", "do", "will", "would", "can", "could", "may", "might",
                  "must", "should", "shall", "to", "now", "still", "even", "just", "only", "first"))
# up to punctuation; "U.S." stays whole; bounded: a speaker phrase is at most 14 words (_resolve_np)
_NP_AFTER_HEAD = r"(?:[^,.;:!?\n“”\"(]|(?<=\b[A-Z])\."
_BOUNDARY_WORDS = frozenset(("that", "which", "who", "whom", "and", "but", "while", "as", "when",
                             "because", "if", "although", "where", "so", "whereas", "after", "before"))
_DEMONSTRATIVES = frozenset(("this", "these", "those", "my", "your", "our", "no", "any", "each", "every"))
_DETS = frozenset(("the", "a", "an", "one", "another", "two", "three", "some", "several", "many",
                   "its", "their", "his", "her", "other"))


@cache
def _np_after_re() -> re.Pattern:
    """A phrase up to punctuation; an initial ("U.S.") or a title abbreviation ("Ms.") keeps its period."""
    abbr = "".join(rf"|(?<=\b{re.escape(a[:1].upper() + a[1:])})\." for a in sorted(abbreviations())
                   if a.isalpha())
    return re.compile(_NP_AFTER_HEAD + abbr + "){0,240}")


@cache
def _cue_lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Cue form → class from ``speech_verbs.txt`` overlaid with ``attribution_cues.txt``, and the
    forms that take a hearer first, and the paragraph labels that name no speaker ("Update:").

    The wider list stays out of ``names.speech_verbs`` so that the entity and event passes,
    which read a speech verb as evidence of a person, keep the narrow one.
    """
    classes = dict(names.speech_verbs())
    objects = set(names.object_verbs())
    labels: set[str] = set()
    text = resources.files("checker.data").joinpath("attribution_cues.txt").read_text("utf-8")
    for line in text.splitlines():
        words = line.lower().split()
        if not words or line.startswith("#"):
            continue
        if words[-1] == "obj":
            words.pop()
            objects.add(" ".join(words[:-1]))
        if words[-1] == "label":
            labels.add(" ".join(words[:-1]))
            continue
        classes[" ".join(words[:-1])] = words[-1]
    return classes, frozenset(objects), frozenset(labels)


def _verbs() -> dict[str, str]:
    return _cue_lexicon()[0]


def _object_verbs() -> frozenset[str]:
    return _cue_lexicon()[1]


@cache
def _cue_re() -> re.Pattern:
    """Speech verbs in lower case or capitalised ("According to", headline "Says")."""
    forms: set[str] = set()
    for f in _verbs():
        forms.add(f)
        forms.add(f[:1].upper() + f[1:])
    return re.compile(rf"\b{names.trie_regex(sorted(forms))}(?![\w'’-])")


@cache
def _in_quote_attr_re() -> re.Pattern:
    """", Putin said" / ", said Putin" inside an unclosed quote: where the page lost its mark."""
    alt = names.trie_regex(sorted(f for f, c in _verbs().items() if c == "bare" and " " not in f))
    return re.compile(rf",\s+(?:(?:[^\s,.;:]+\s+){{1,5}}?(?:{alt})|(?:{alt})\s+[^\s,.;:]+)(?![\w'’-])")


@cache
def _proxy_before_re() -> re.Pattern:
    """"a spokesman for (the)" right before an institution's name."""
    roles = names.trie_regex(sorted(names.pronoun_data()["proxy_roles"]))
    return re.compile(rf"(?i)\b(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}?({roles})\s+"
                      r"(?:for|of|at|from|close\s+to)\s+(?:the\s+)?$")


@cache
def _words() -> dict:
    pd = names.pronoun_data()
    return {
        "pronouns": pd["pronouns"],
        "first": frozenset(pd["first_person"]),
        "skip": frozenset(w for w in pd["subject_skip"] if " " not in w),
        "passive": frozenset(pd["passive"]),
        "finite": frozenset(pd["finite"]),
        "clause": frozenset(pd["clause_start"]),
        "proxy": frozenset(pd["proxy_roles"]),
        "not_name": frozenset(pd["not_name"]),
        "role_mods": frozenset(pd["role_modifiers"]),
    }


@cache
def _boundary_re() -> re.Pattern:
    """Where a speaker phrase cannot extend past: punctuation, clause words, verbs."""
    w = _words()
    words = set(_BOUNDARY_WORDS) | set(_verbs()) | w["finite"] | w["passive"]
    words |= {x[:1].upper() + x[1:] for x in list(words)}
    return re.compile(r"[,;:()“”\"—–\n!?]|(?<=[a-z0-9])\.(?=\s)|"
                      rf"(?<![\w'’-]){names.trie_regex(sorted(words))}(?![\w'’-])")


@cache
def _title_of_before_re() -> re.Pattern:
    """"the CEO of cybersecurity company" right before an institution's name: the title holder
    speaks, not the body (proxy roles such as "spokesman for" are ``_proxy_before_re``)."""
    titles = names.trie_regex(sorted(t for t in names.titles() if t not in names.pronoun_data()["proxy_roles"]))
    return re.compile(rf"(?i)\b(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{titles})\s+(?:of|at)\s+"
                      r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
