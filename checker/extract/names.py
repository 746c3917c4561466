"""Name normalisation shared by the entity and quote extractors.

Outlets spell one person differently (Sergey/Sergei Lavrov, Zelensky/Zelenskyy)
and one institution differently ("the U.S. State Department", "State
Department"); alignment across sources needs one match key for all of them.
``person_key`` folds diacritics and the usual variants of transliterating
Russian/Ukrainian names into English; ``org_key`` folds country modifiers
("Russia's", "Russian", "U.S.") to one country key. The lexicons (titles,
organisations, pronouns and function words) are loaded here once.

Notes: the transliteration folds follow the differences between the BGN/PCGN,
ISO 9 and AP-style romanisations of Cyrillic (-y/-i/-iy endings, ya/ia, yu/iu,
ye/e, ks/x); country names and demonyms come from ``data/places.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from .trie import trie_pattern

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?!\w)")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_SPACES = re.compile(r"\s+")


def _read(name: str) -> str:
    return resources.files("checker.data").joinpath(name).read_text("utf-8")


def _lines(name: str) -> list[str]:
    return [l.strip() for l in _read(name).splitlines() if l.strip() and not l.lstrip().startswith("#")]


@cache
def titles() -> frozenset[str]:
    """Person titles and roles, lower case (``data/titles.txt``), with plurals."""
    out: set[str] = set()
    for t in _lines("titles.txt"):
        t = t.lower()
        out.add(t)
    return frozenset(out)


@cache
def title_tuples() -> dict[tuple[str, ...], str]:
    """Title word tuples (plural forms included) → singular title."""
    out: dict[tuple[str, ...], str] = {}
    for t in titles():
        words = tuple(t.split())
        out[words] = t
        last = words[-1]
        if not last.endswith((".", "s")) and last.isalpha():
            plural = last + ("es" if last.endswith(("sh", "ch")) else "s")
            out.setdefault(words[:-1] + (plural,), t)
    # "secretaries of state", "ministers of ..." are rare enough to leave out
    return out


@cache
def title_max_len() -> int:
    return max(len(k) for k in title_tuples())


@cache
def _org_sections() -> tuple[frozenset[str], frozenset[str]]:
    named: set[str] = set()
    heads: set[str] = set()
    target = named
    for line in _lines("organisations.txt"):
        if line == "[heads]":
            target = heads
            continue
        target.add(line.lower())
    return frozenset(named), frozenset(heads)


def org_names() -> frozenset[str]:
    """Named institutions, lower case ("state department", "kremlin", "tass")."""
    return _org_sections()[0]


def org_heads() -> frozenset[str]:
    """Generic institution head nouns, lower case ("ministry", "news agency")."""
    return _org_sections()[1]


@cache
def org_tuples() -> frozenset[tuple[str, ...]]:
    """Word tuples of every institution name and head."""
    return frozenset(tuple(o.split()) for o in org_names() | org_heads())


@cache
def _speech_verb_lines() -> tuple[dict[str, str], frozenset[str]]:
    classes: dict[str, str] = {}
    objects: set[str] = set()
    for line in _lines("speech_verbs.txt"):
        words = line.lower().split()
        if words[-1] == "obj":
            words.pop()
            objects.add(" ".join(words[:-1]))
        classes[" ".join(words[:-1])] = words[-1]
    return classes, frozenset(objects)


def speech_verbs() -> dict[str, str]:
    """Speech verb form → class ("bare", "that", "quote", "source"), ``data/speech_verbs.txt``."""
    return _speech_verb_lines()[0]


def object_verbs() -> frozenset[str]:
    """Speech verb forms that take the hearer first ("told reporters that ...")."""
    return _speech_verb_lines()[1]


@cache
def pronoun_data() -> dict:
    return json.loads(_read("pronouns.json"))


@cache
def places() -> dict[str, str]:
    """Lower-case place name, alias or demonym → country/place key ("us", "russia").

    Read-only use of ``data/places.json`` (owned by the places module); a
    missing or changed file only costs the folding of country modifiers.
    """
    try:
        data = json.loads(_read("places.json"))
        entries = data["places"]
    except (OSError, KeyError, ValueError, TypeError):
        return {}
    out: dict[str, str] = {}
    for p in entries:
        names = [p.get("name", "")] + list(p.get("aliases", []))
        short = min((n for n in names if n), key=lambda n: (len(n), n))
        key = _plain(short)
        for n in names + list(p.get("demonyms", [])):
            if n:
                out.setdefault(_plain(n), key)
    return out


@cache
def place_surface() -> frozenset[str]:
    """Place names, aliases and demonyms, lower case as written ("u.s.", "russian")."""
    try:
        entries = json.loads(_read("places.json"))["places"]
    except (OSError, KeyError, ValueError, TypeError):
        return frozenset()
    out: set[str] = set()
    for p in entries:
        for n in [p.get("name", "")] + list(p.get("aliases", [])) + list(p.get("demonyms", [])):
            if n:
                out.add(n.lower())
    return frozenset(out)


def strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _plain(s: str) -> str:
    """Lower case, accents stripped, dotted abbreviations closed ("U.S." → "us"), spaces."""
    s = strip_accents(s)
    s = _DOTTED.sub(lambda m: m.group().replace(".", ""), s)
    return _NON_ALNUM.sub(" ", s.lower()).strip()


_FOLDS = (
    (re.compile(r"ks"), "x"),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[a-z])j(?=[aeou])"), "i"),
    (re.compile(r"ii"), "i"),
    (re.compile(r"(?<=[a-z]{2})ei$"), "i"),
    (re.compile(r"(?<=[a-z]{4})er$"), "r"),
    (re.compile(r"([b-df-hj-np-tv-z])\1"), r"\1"),
)


@cache
def fold_word(word: str) -> str:
    """One name word folded so that transliteration variants collide."""
    w = _plain(word).replace(" ", "")
    for rx, rep in _FOLDS:
        w = rx.sub(rep, w)
    return w


def person_key(tokens: list[str] | tuple[str, ...]) -> str:
    """Match key of a person's name: folded words, middle initials dropped."""
    words = [fold_word(t) for t in tokens if not re.fullmatch(r"[A-Z]\.?", t)]
    return " ".join(w for w in words if w)


NAME_PARTICLES = frozenset(("de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "arap", "al", "la",
                            "le", "du", "di", "dos", "das", "ter", "ten"))


def surname_key(tokens: list[str] | tuple[str, ...]) -> str:
    """Key of the surname, with its particles: "Anna de Vries" and "De Vries" -> "de vries"."""
    if not tokens:
        return ""
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    return " ".join(fold_word(t) for t in tokens[i:])


def is_surname_only(tokens: list[str] | tuple[str, ...]) -> bool:
    """One surname, perhaps with its particles ("Lavrov", "De Vries", "von der Leyen")."""
    return len(tokens) == 1 or (len(tokens) > 1 and all(t.lower() in NAME_PARTICLES for t in tokens[:-1]))


@lru_cache(maxsize=4096)
def org_key(name: str) -> str:
    """Match key of an institution: plain words, country modifiers folded to one key."""
    name = _ARTICLE.sub("", name.strip())
    name = _POSSESSIVE.sub("", name)
    words = _plain(name).split()
    pl = places()
    out: list[str] = []
    i = 0
    while i < len(words):
        # longest place/demonym starting here (up to 3 words), only before the head
        for n in (3, 2, 1):
            if i + n < len(words) and " ".join(words[i:i + n]) in pl:
                out.append(pl[" ".join(words[i:i + n])])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def clean(text: str) -> str:
    """Whitespace-normalised text."""
    if "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text \
            and "\u00a0" not in text:
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def canonical_org(mention: str) -> str:
    """Institution name as cited: no article, "U.S." → "US", one space."""
    s = _ARTICLE.sub("", clean(mention))
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), s)


def place_key(text: str) -> str | None:
    """Country/place key of a name, alias or demonym ("Russian" → "russia"), else None."""
    return places().get(_plain(_POSSESSIVE.sub("", text)))


def trie_regex(words: list[str] | frozenset[str]) -> str:
    """Regex source matching exactly ``words``; a space matches any run of white space."""
    return trie_pattern(words, spaces=True)

