"""Separate the article body from page furniture, line by line, and read page metadata.

A copied news page holds much more than the article: masthead and breadcrumb
trail, share and listen widgets, date lines and bylines, photo captions,
teasers for other articles (after "Also Read", glued onto a paragraph after
"Read more", or trailing the article), publisher disclaimers, footers, and
repeated headlines or standfirsts. ``analyse`` labels every line of the clean
text (markup already removed) and returns the furniture as clean-text spans
with a reason, plus the metadata it met on the way (date lines, bylines,
"SOURCE:" and "Original url:" lines, front matter and header lines).

Rules, in the order they apply:
1. front matter (``---`` block) and leading ``key: value`` header lines;
2. one-line rules: disclaimers, credits, SOURCE/url lines, widgets, footers,
   date lines, bylines, wire datelines, captions, breadcrumbs, glued datelines,
   'Breaking:' banners, inline teasers; list markers start a teaser list, tail markers end the page;
3. the page head (before the first prose paragraph): short lines before the
   headline are masthead/navigation, after it image labels;
4. embedded social posts (marker line, earlier paragraphs of the post, its
   title line) and captions seen from their place: a caption's title line,
   two copies of a caption, a caption closing with '(AGENCY)' inside the body;
   trailing teasers: headline + standfirst between the article's end and the
   footer;
5. duplicates: a repeated line, or a line that is the start of a longer
   paragraph, keeps one copy (the first, or the longer one).

Notes: every marker is data (data/furniture.json); the rules come from the
layout conventions of news sites' article pages (inverted-pyramid article
followed by recirculation widgets and footer) and of wire copy (AP/Reuters
datelines, credits, captions).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from re._constants import MAXREPEAT as _MAXREPEAT
from re._parser import parse as _sre_parse
from typing import Callable

from ..text import abbreviations
from .datelines import date_line, parse_date_value
from .lexicon import agency_regex, canonical_agency, data, phrase_regex
from .syndication import first_agency

_LINE = re.compile(r"[^\r\n]+")
_CLOSERS = "\"'”’»)]*"
_FINAL = frozenset(".!?…")
_LABEL_TRAIL = " \t:.»›>…|-–—"
_DUP_TRAIL = " .,;:!?…\"'»)"
_DUP_BOUNDARY = frozenset(" .,;:!?…\"'»)")
_GLUE = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")
_URL_START = re.compile(r"(?:https?://|www\.)\S", re.I)
_URL_PIECE = re.compile(r"[a-z0-9][\w\-./?=&%#~+:]{0,300}")
_URL_CONT = re.compile(r"[\w\-./?=&%#~+:]{1,300}")
_KEY_VALUE = re.compile(r"(?P<key>[A-Za-z][\w -]{0,30}?)\s?:\s?(?P<val>.*)")
_FRONT = frozenset({"---", "+++"})
_CAPITAL = re.compile(r"[A-Z0-9\u00C0-\u024F\u0400-\u04FF]")
_EMPTY_MATCH = re.match("", "")
_DATE_LINE_WORDS = 20  # a date line is labels, date, time and at most 3 other tokens
_KEY_WORDS = 12  # marker phrases (list markers, widgets, tail markers) are at most this long
_LONG_LINE = 45  # only disclaimers, trails, glued datelines and teasers fit a longer prose line
_COPYRIGHT_START = re.compile(r"(?i)(?:copyrights?\b|©|\(c\)\s?\d)")
_WORDISH = re.compile(r"[^\W_]")
_SOURCE_PARTS = re.compile(r"\s?(?:,|&|/|\band\b)\s?")
_GENERIC_SOURCES = frozenset({"agencies", "news agencies", "wire services", "wires", "agency", "staff"})
_FORCED_INFO = frozenset({"forced:byline", "forced:publication date"})
_SEP_SPLIT = re.compile(r"\s?[,|;]\s?|\s[-–—]\s|\s/\s")
_TRAIL_STOP = r"[.!?][\"”’)]?\s"  # the end of a caption sentence before a trailing credit
_CREDIT_START = "[A-Z]"
_SENTENCE_STOP = re.compile(r"[a-z0-9][.!?][\"”’)]?\s{1,3}[\"“‘(]?[A-Z]")


# ---------------------------------------------------------------- vocabulary
def _norm_phrase(s: str) -> str:
    return " ".join(s.split()).casefold()


def _contains(low: str, phrases: tuple[str, ...]) -> str | None:
    """The first phrase that occurs in the (casefolded, collapsed) line."""
    for p in phrases:
        if p in low:
            return p
    return None


def _norm_label(s: str) -> str:
    return " ".join(s.casefold().replace("’", "'").split()).rstrip(_LABEL_TRAIL)


@cache
def _v() -> dict:
    """Compiled furniture vocabulary (data/furniture.json)."""
    f = data("furniture")

    def pats(items: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in items), re.I)

    def phrases(items: list[str]) -> re.Pattern[str]:
        items = sorted(set(items), key=lambda s: (-len(s), s))
        return re.compile("(?:" + "|".join(phrase_regex(p) for p in items) + ")", re.I)

    it = f["inline_teasers"]
    colon = frozenset(_norm_label(p) for p in it["colon_required"])
    bc = f["breadcrumbs"]
    seps = "|".join(re.escape(s) for s in sorted(bc["separators"], key=len, reverse=True))
    by = f["bylines"]
    cb, se = f["caption_blocks"], f["social_embeds"]
    ag = agency_regex()
    credit_word = rf"{_CREDIT_START}[\w.'’&-]{{0,30}}(?:/{_CREDIT_START}[\w.'’&-]{{0,30}})?"
    credit = rf"{credit_word}(?:\s(?:{credit_word}|of|the|and|&|de|for|für)){{0,{f['captions']['credit_max_words'] - 1}}}"
    return {
        "list_markers": frozenset(_norm_label(p) for p in f["list_markers"]["phrases"]),
        "inline": re.compile(
            rf"(?P<phrase>{phrases(it['phrases']).pattern})(?P<sep>\s?:\s?|\s(?=(?-i:[A-Z0-9\"“‘']))|\s?[»›>]\s?)", re.I),
        "inline_colon": colon,
        "widget_phrases": frozenset(_norm_label(p) for p in f["widgets"]["phrases"]),
        "widget_pats": pats(f["widgets"]["patterns"]),
        "icon": re.compile(f["widgets"]["icon_pattern"]),
        "icon_max": f["widgets"]["icon_max_words"],
        "footer_pats": pats(f["footers"]["patterns"]),
        "footer_contains": tuple(_norm_phrase(p) for p in f["footers"]["contains"]),
        "footer_max": f["footers"]["max_words"],
        "tail_phrases": frozenset(_norm_label(p) for p in f["tail_markers"]["phrases"]),
        "tail_pats": pats(f["tail_markers"]["patterns"]),
        "disclaimer_pats": pats(f["disclaimers"]["patterns"]),
        "disclaimer_contains": tuple(_norm_phrase(p) for p in f["disclaimers"]["contains"]),
        "credit_pats": pats(f["credits"]["patterns"]),
        "credit_max": f["credits"]["max_words"],
        "caption_prefix": pats(f["captions"]["prefixes"]),
        # one pattern per form, each anchored at the line end: a search can then skip to the
        # form's own (short) reach from the end
        "caption_suffixes": tuple(re.compile(f"(?:{p})$", re.I) for p in f["captions"]["suffixes"]),
        "caption_max": f["captions"]["caption_max_words"],
        "slash_credit": re.compile(rf"^(?P<cap>.{{2,400}}?)\s?/\s(?P<credit>{credit})$"),
        "trail_credit": re.compile(rf"(?P<word>[\w'’-]{{1,40}}){_TRAIL_STOP}(?P<credit>{credit})$"),
        # what every trailing credit contains: a cheap test before the costly search
        "trail_cue": re.compile(_TRAIL_STOP + _CREDIT_START),
        "caption_toggle": re.compile(
            r"\s?(?:" + "|".join(phrase_regex(p) for p in sorted(cb["trailing_widgets"], key=len, reverse=True))
            + r")\s?$", re.I),
        "credit_sentence": re.compile(rf"(?:^|[.!?]\s)(?i:{cb['credit_lead']}){credit}\.?$"),
        "slash_agency": re.compile(cb["slash_agency"], re.I),
        "agency_tail": re.compile(cb["agency_tail"] + "$"),
        "caption_title_max": cb["title_max_words"],
        "embed": re.compile("|".join(f"(?:{p})" for p in se["markers"]), re.I),
        "embed_title_max": se["title_max_words"],
        "embed_body_max": se["body_max_words"],
        "embed_before": se["max_before"],
        "banner": re.compile(
            r"(?:" + "|".join(phrase_regex(p) for p in sorted(f["banners"]["phrases"], key=len, reverse=True))
            + r")\s?:\s", re.I),
        "banner_max": f["banners"]["max_words"],
        "source": re.compile(f["source_line"]["pattern"], re.I),
        "source_max": f["source_line"]["max_words"],
        "url_label": [re.compile(p, re.I) for p in f["url_lines"]["patterns"]],
        "crumb_sep": re.compile(rf"\s{{1,3}}(?:{seps})\s{{1,3}}"),
        "crumb_chars": tuple(bc["separators"]),
        "crumb_roots": frozenset(r.casefold() for r in bc["roots"]),
        "crumb_seg_max": bc["segment_max_words"],
        "crumb_title_min": bc["title_min_words"],
        "by_prefix": re.compile(
            r"(?P<prefix>" + "|".join(phrase_regex(p) for p in sorted(by["prefixes"], key=len, reverse=True))
            + r")(?P<colon>\s?:)?\s", re.I),
        "by_colon": frozenset(p.casefold() for p in by["colon_required"]),
        "by_connectors": frozenset(by["connectors"]),
        "by_max_name": by["max_name_words"],
        "by_max": by["max_words"],
        "by_roles": re.compile(r"\b(?:" + "|".join(phrase_regex(r) for r in by["roles"]) + r")s?\b", re.I),
        "by_role_max": by["role_max_words"],
        "wire_line": re.compile(
            rf"(?P<agency>{ag})(?:(?:\s{{0,2}}[,|/–—-]\s{{0,2}}|\s)[A-Z][\w'’.-]{{1,30}}(?:\s[A-Z][\w'’.-]{{1,30}}){{0,2}})?"),
        # "ISTANBUL (AP) — ", "MOSCOW, April 1 (Reuters) - ", "MOSCOW, April 1. /TASS/. ", "(Reuters) - "
        "glued_dateline": re.compile(
            r"(?:(?P<place>[A-Z][A-Z\u00C0-\u00DE.'’ -]{1,30}?)(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
            r"\s{0,2}\((?P<agency>[^()\n]{2,40})\)\s{0,2}[-–—]{1,2}"
            r"|[A-Z][A-Z .'’-]{1,30}?,\s[A-Z][a-z]{2,8}\.?\s\d{1,2}\.\s{0,2}/(?P<agency2>[A-Za-z .-]{2,20})/\.?"
            r"|\((?P<agency3>[A-Z][\w .&-]{1,30})\)\s{0,2}[-–—]{1,2})\s{0,2}(?=\S)"),
        "bullets": tuple(b + " " for b in f["list_items"]["bullets"]) + ("• ", "·"),
        "short_words": f["list_items"]["short_words"],
        "teaser_headline_min": f["trailing_teaser"]["headline_min_words"],
        "head": f["head"],
        "dup": f["duplicates"],
        "months_weekdays": frozenset(list(data("metadata")["months"]) + data("metadata")["weekdays"]),
        "header_keys": {k.casefold(): fld for fld, keys in data("metadata")["header_keys"].items() for k in keys},
        "copyright": re.compile(
            r"(?:(?i:copyrights?)\s?)?(?:©|\(c\))?\s?(?:\d{4}(?:\s?[-–]\s?\d{4})?,?\s)?"
            r"(?P<name>[A-Z][\w.&'’-]{0,30}(?:\s[A-Z][\w.&'’-]{0,30}){0,4}?)"
            r"(?:\s(?:Private|Pvt\.?|Ltd\.?|Limited|Inc\.?|LLC|GmbH|Corp\.?|Corporation|plc|PLC|S\.A\.)\b|[.,]|\s?All\b|$)",
        ),
    }


# ---------------------------------------------------------------- lines
@dataclass(slots=True)
class Line:
    i: int
    start: int  # clean-text offsets of the stripped line
    end: int
    text: str
    words: int
    final: bool  # ends with sentence-final punctuation
    low: str  # casefolded, whitespace-collapsed text (for 'contains' phrase tests)
    key: str | None  # normalised label text of a short line (marker lookups), else None
    label: str | None = None
    keep: tuple[int, int] | None = None  # body part of a partly furniture line
    keep_reason: str | None = None  # set when the body part turns out to be furniture too
    # a paragraph broken over lines ("operations of" / "their missions.") is judged as a whole
    nxt_cont: bool = False  # the next non-blank line continues this one
    is_cont: bool = False  # this line continues the previous one
    para_final: bool = False  # the paragraph ends with sentence-final punctuation
    para_words: int = 0
    banner: bool = False  # a 'Breaking: ...' banner (the page's headline when no other stands above the body)

    def unit(self) -> tuple[int, int, str] | None:
        """The body part of the line (all of it, the kept part, or None)."""
        if self.keep_reason:
            return None
        if self.keep:
            s, e = self.keep
            return s, e, self.text[s - self.start: e - self.start]
        if self.label:
            return None
        return self.start, self.end, self.text


def _final(s: str) -> bool:
    t = s.rstrip(_CLOSERS)
    return bool(t) and t[-1] in _FINAL


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        s = raw.strip()
        if not s:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        words = s.split()
        low = " ".join(words).casefold()
        key = low.replace("’", "'").rstrip(_LABEL_TRAIL) if len(words) <= _KEY_WORDS else None
        out.append(Line(len(out), start, start + len(s), s, len(words), _final(s), low, key))
    _link_paragraphs(out)
    return out


def _link_paragraphs(lines: list[Line]) -> None:
    """Mark broken paragraphs: a line ending in a letter or digit followed by a lower-case line.

    The same rule as ``checker.text.paragraphs``, so furniture and sentences agree.
    """
    chain: list[Line] = []
    for ln in lines + [None]:  # type: ignore[list-item]
        if chain and ln is not None and ln.text[0].islower() and chain[-1].text[-1].isalnum():
            chain[-1].nxt_cont = ln.is_cont = True
            chain.append(ln)
            continue
        if chain:
            final, words = chain[-1].final, sum(c.words for c in chain)
            for c in chain:
                c.para_final, c.para_words = final, words
        chain = [ln] if ln is not None else []


def _is_prose(ln: Line, min_words: int) -> bool:
    """The line's paragraph reads as running prose (finished sentence, enough words)."""
    return ln.para_final and ln.para_words >= min_words


def _broken(ln: Line) -> bool:
    return ln.nxt_cont or ln.is_cont


def _prose_text(text: str, min_words: int) -> bool:
    return _final(text) and len(text.split()) >= min_words


# ---------------------------------------------------------------- results
@dataclass
class PageFacts:
    """What ``analyse`` found: furniture spans (clean text) and metadata candidates."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    values: dict[str, tuple[int, str]] = field(default_factory=dict)  # field -> (rank, value)
    published_from: str | None = None
    wires: list[tuple[int, dict]] = field(default_factory=list)  # (offset, marker)

    def offer(self, fld: str, value: str | None, rank: int) -> bool:
        value = " ".join((value or "").split()).strip()
        if not value:
            return False
        if fld not in self.values or rank < self.values[fld][0]:
            self.values[fld] = (rank, value)
            return True
        return False

    def get(self, fld: str) -> str | None:
        v = self.values.get(fld)
        return v[1] if v else None


#: every reason a furniture span can carry ("duplicate of line N" names the copy kept)
REASONS = ("header", "publication date", "byline", "dateline", "navigation", "widget", "separator",
           "caption", "embed", "teaser", "footer", "disclaimer", "credit", "source line", "url line",
           "duplicate of line N")

# ranks (lower wins) of the places a value can come from
R_HEADER, R_LABELLED, R_DISCLAIMER, R_SOURCE, R_TEXT, R_COPYRIGHT = 0, 10, 20, 30, 40, 60


# ---------------------------------------------------------------- one-line rules
def _widget(ln: Line) -> bool:
    v = _v()
    if ln.key is None:
        return False
    if ln.key in v["widget_phrases"]:
        return True
    if v["widget_pats"].fullmatch(ln.text.rstrip(_LABEL_TRAIL)):
        return True
    return ln.words <= v["icon_max"] and bool(v["icon"].search(ln.text))


def _disclaimer(ln: Line) -> re.Match[str] | None:
    v = _v()
    m = v["disclaimer_pats"].match(ln.text)
    if m:
        return m
    if ln.words <= 80 and _contains(ln.low, v["disclaimer_contains"]):
        return _EMPTY_MATCH
    return None


_QUOTED = re.compile(r"[“\"«„][^“”\"«»„]{12,}")


def _footer(ln: Line) -> bool:
    v = _v()
    if ln.words > v["footer_max"]:
        return False
    if v["footer_pats"].match(ln.text):
        return True
    # "... most software terms and conditions," Vagle said: a quotation is body, whatever it names
    return not _QUOTED.search(ln.text) and bool(_contains(ln.low, v["footer_contains"]))


def _tail(ln: Line) -> bool:
    v = _v()
    if ln.key is not None and ln.key in v["tail_phrases"]:
        return True
    return ln.words <= v["footer_max"] and bool(v["tail_pats"].match(ln.text))


def _credit(ln: Line) -> bool:
    v = _v()
    return ln.words <= v["credit_max"] and bool(v["credit_pats"].match(ln.text))


def _max_width(rx: re.Pattern[str]) -> int | None:
    """The longest text ``rx`` can match, or None when unbounded."""
    hi = _sre_parse(rx.pattern, rx.flags).getwidth()[1]
    return hi if hi < _MAXREPEAT else None


def _search_at_end(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)`` for a pattern anchored at the end (``...$``) with no look-behind: a
    match of bounded width can only start near the end, so the rest of the line is skipped."""
    width = _ends_width(rx)
    return rx.search(text, max(0, len(text) - width - 1) if width is not None else 0)


@cache
def _ends_width(rx: re.Pattern[str]) -> int | None:
    return _max_width(rx)


def _caption(ln: Line) -> bool:
    v = _v()
    if ln.words > v["caption_max"]:
        return False
    if v["caption_prefix"].match(ln.text):
        return True
    if _search_at_end(v["caption_toggle"], ln.text) and ln.words >= 2:
        return True  # '... Name/AP hide caption': a caption's show/hide toggle
    if _search_at_end(v["credit_sentence"], ln.text):
        return True  # 'Site.com. Image by Outlet.'
    if ln.words <= 6 and v["slash_agency"].fullmatch(ln.text):
        return True  # 'Name/AP'
    if ln.final:
        return False
    if any(_search_at_end(p, ln.text) for p in v["caption_suffixes"]):
        return True
    m = v["slash_credit"].match(ln.text)
    if m and m.group("cap").count("/") == 0 and 1 <= len(m.group("cap").split()) <= 30:
        return True
    m = _search_at_end(v["trail_credit"], ln.text) if v["trail_cue"].search(ln.text) else None
    if m and ln.words <= 30:
        word = m.group("word")
        before = ln.text[: m.start("credit")].split()
        if (len(before) >= 3 and len(word) >= 3 and word[-2:].isalpha() and word[-2:].islower()
                and word.casefold() not in abbreviations()):
            return True
    return False


def _breadcrumb(ln: Line) -> tuple[int, int] | None | bool:
    """False: not a trail; True: the whole line is a trail; (s, e): the title part to keep."""
    v = _v()
    if not any(c in ln.text for c in v["crumb_chars"]):
        return False
    seps = list(v["crumb_sep"].finditer(ln.text))
    if not seps:
        return False
    segs = v["crumb_sep"].split(ln.text)
    rooted = segs[0].casefold().strip() in v["crumb_roots"]
    short = all(len(s.split()) <= v["crumb_seg_max"] for s in segs[:-1])
    if not ((rooted and short) or (len(segs) >= 3 and short)):
        return False
    last = seps[-1]
    if len(segs[-1].split()) >= v["crumb_title_min"]:
        return ln.start + last.end(), ln.end
    return True


def _byline(ln: Line) -> str | None:
    v = _v()
    if ln.words > v["by_max"] or ln.words < 2:
        return None
    m = v["by_prefix"].match(ln.text)
    if not m:
        return _role_byline(ln)
    if m.group("prefix").casefold() in v["by_colon"] and not m.group("colon"):
        return None
    rest = ln.text[m.end():].strip()
    chunks = [c.strip() for c in _SEP_SPLIT.split(rest) if c.strip()]
    if not chunks:
        return None
    name = chunks[0].split()
    agency = canonical_agency(chunks[0])
    if not agency:
        if not (1 <= len(name) <= v["by_max_name"]) or not _CAPITAL.match(name[0]):
            return None
        if name[0].casefold().rstrip(".,") in v["months_weekdays"]:
            return None
        if len(name) < 2 and not name[0].isupper():
            return None
        if any(not (_CAPITAL.match(t) or t in v["by_connectors"]) for t in name):
            return None
    for c in chunks[1:]:
        if len(c.split()) > 6 and not date_line(c):
            return None
    return " ".join(name).strip(" .")


def _role_byline(ln: Line) -> str | None:
    """'Jane Roe, Senior News Editor': a name and a newsroom role, with no 'By'.

    Notes: author boxes of news sites put the author's name and job title on their own line.
    """
    v = _v()
    if ln.final or ", " not in ln.text:
        return None
    name, role = ln.text.split(", ", 1)
    words = name.split()
    if not (2 <= len(words) <= 4) or not (1 <= len(role.split()) <= v["by_role_max"]):
        return None
    if not all(_CAPITAL.match(w) or w in v["by_connectors"] for w in words) or canonical_agency(name):
        return None
    if words[0].casefold().rstrip(".,") in v["months_weekdays"] or not v["by_roles"].search(role):
        return None
    return name.strip()


def _inline_teaser(ln: Line) -> tuple[int, int] | None | bool:
    """False: not a teaser; True: whole line; (s, e): the body glued after the teaser."""
    v = _v()
    off = 1 if ln.text[:1] in "[(" else 0  # '[Related: ...]'
    m = v["inline"].match(ln.text, off)
    if not m:
        return False
    rest = ln.text[m.end():]
    if not rest.strip():
        return False
    if _norm_label(m.group("phrase")) in v["inline_colon"] and ":" not in m.group("sep"):
        return False
    if off and ln.text[-1:] == {"[": "]", "(": ")"}[ln.text[0]]:
        return True  # a bracketed teaser holds no glued body
    g = _GLUE.search(rest)
    if g:
        cut = m.end() + g.start() + 3
        body = ln.text[cut:]
        if len(body.split()) >= 6 and _final(body):
            return ln.start + cut, ln.end
    return True


def _banner(ln: Line) -> _Hit | None:
    """'Breaking: Storm reaches the coast' (after an optional date): a banner from another story.

    Notes: news sites put a breaking-news or live ticker above the article; copied pages keep it
    as a headline behind a 'Breaking:' label, with no final punctuation.
    """
    v = _v()
    if ln.final or ln.words > v["banner_max"] + _DATE_LINE_WORDS or ":" not in ln.text:
        return None
    m = v["banner"].search(ln.text, 0, 120)
    if not m:
        return None
    lead = ln.text[: m.start()].strip()
    dl = date_line(lead) if lead else None
    if lead and not dl:
        return None
    rest = ln.text[m.end():]
    if not (1 <= len(rest.split()) <= v["banner_max"]) or not _CAPITAL.match(rest):
        return None
    return _Hit("teaser", info={"banner": True, "date": dl} if dl else {"banner": True})


def _url_from(text: str) -> str | None:
    """A URL from a line, joining pieces broken by stray spaces."""
    m = _URL_START.search(text)
    if not m:
        return None
    pieces = text[m.start():].split()
    url = pieces[0]
    for p in pieces[1:4]:
        if not _URL_PIECE.fullmatch(p):
            break
        url += p
    return url.rstrip(".,;)")


@dataclass(slots=True)
class _Hit:
    reason: str
    keep: tuple[int, int] | None = None
    info: dict | None = None


def _classify(ln: Line) -> _Hit | None:
    """The one-line rules; pure (metadata goes into ``info``)."""
    v = _v()
    t = ln.text
    m = _disclaimer(ln)
    if m:
        gd = {k: val for k, val in m.groupdict().items() if val}
        return _Hit("disclaimer", info=gd)
    if ln.words > _LONG_LINE and ln.final:
        return _classify_structural(ln)
    if _credit(ln):
        return _Hit("credit", info={"credit": t})
    m = v["source"].fullmatch(t)
    if m and ln.words <= v["source_max"]:
        return _Hit("source line", info={"source": m.group("name").strip()})
    for p in v["url_label"] if ln.words <= 12 else ():
        m = p.fullmatch(t)
        if m:
            return _Hit("url line", info={"url": _url_from(m.group("url") or ""), "want_url": not m.group("url")})
    if _URL_START.match(t) and ln.words <= 4:
        return _Hit("url line", info={"bare_url": _url_from(t)})
    if _widget(ln):
        return _Hit("widget")
    if not _WORDISH.search(t):
        return _Hit("separator")
    dl = date_line(t) if ln.words <= _DATE_LINE_WORDS else None
    if dl:
        return _Hit("publication date", info={"date": dl})
    if _footer(ln):
        return _Hit("footer", info={"footer": t})
    b = _byline(ln)
    if b:
        return _Hit("byline", info={"byline": b})
    if ln.words <= 4:
        m = v["wire_line"].fullmatch(t)
        if m:
            return _Hit("dateline", info={"wire": m.group("agency"), "marker": t})
    if _caption(ln):
        return _Hit("caption")
    return _classify_structural(ln)


def _classify_structural(ln: Line) -> _Hit | None:
    """Rules that can hold for a line of any length: trails, glued datelines, teasers."""
    v = _v()
    crumb = _breadcrumb(ln)
    if crumb is True:
        return _Hit("navigation")
    if crumb:
        return _Hit("navigation", keep=crumb)
    m = v["glued_dateline"].match(ln.text)
    if m and len(ln.text[m.end():].split()) >= 4:
        agency = m.group("agency") or m.group("agency2") or m.group("agency3")
        if not m.group("agency3") or canonical_agency(agency):
            return _Hit("dateline", keep=(ln.start + m.end(), ln.end),
                        info={"wire": agency, "marker": ln.text[:m.end()].strip()})
    b = _banner(ln)
    if b:
        return b
    teaser = _inline_teaser(ln)
    if teaser is True:
        return _Hit("teaser")
    if teaser:
        return _Hit("teaser", keep=teaser)
    return None


def _bulleted(ln: Line) -> bool:
    return ln.text.startswith(_v()["bullets"]) or ln.text[:1] in ("•", "·", "►", "▶")


def _item_like(ln: Line) -> bool:
    v = _v()
    if _bulleted(ln):
        return True
    if _broken(ln):
        return not ln.para_final
    if not ln.final:
        return True
    return ln.words <= v["short_words"] and ln.text.rstrip(_CLOSERS)[-1:] in "?!"


# ---------------------------------------------------------------- header
def _header(lines: list[Line], facts: PageFacts) -> int:
    """Label front matter / leading header lines; index of the first line after them."""
    v = _v()
    if not lines:
        return 0
    keys = v["header_keys"]
    end = 0
    if lines[0].text in _FRONT:
        close = next((j for j in range(1, min(len(lines), 80)) if lines[j].text in _FRONT | {"..."}), None)
        if close is not None:
            for ln in lines[: close + 1]:
                ln.label = "header"
            for ln in lines[1:close]:
                _header_value(ln, keys, facts, front=True)
            end = close + 1
    j = end
    while j < len(lines):
        if not _header_value(lines[j], keys, facts, front=False):
            break
        lines[j].label = "header"
        j += 1
    return j


def _header_value(ln: Line, keys: dict[str, str], facts: PageFacts, front: bool) -> bool:
    m = _KEY_VALUE.fullmatch(ln.text)
    if not m:
        return False
    key = m.group("key").strip().casefold().replace(" ", "_").replace("-", "_")
    fld = keys.get(key)
    if not fld:
        return front
    val = m.group("val").strip().strip("\"'")
    if not val and not front:
        return False
    if fld == "published":
        iso = parse_date_value(val)
        if iso and facts.offer("published", iso, R_HEADER):
            facts.published_from = "header"
    elif fld == "wire":
        agency = canonical_agency(val) or val
        facts.wires.append((ln.start, {"marker": ln.text, "agency": agency, "kind": "wire"}))
    else:
        facts.offer(fld, val, R_HEADER)
        if fld == "outlet" and canonical_agency(val):
            facts.wires.append((ln.start, {"marker": ln.text, "agency": canonical_agency(val), "kind": "wire"}))
    return True


# ---------------------------------------------------------------- main
def analyse(text: str, forced: list[tuple[int, int, str]] | None = None,
            raw_line: Callable[[int], int] = lambda off: off) -> PageFacts:
    """Furniture spans of the clean ``text`` and the page's metadata.

    ``forced`` are spans already known to be furniture (HTML elements);
    ``raw_line`` maps a clean-text offset to its 1-based line in the raw file
    (for "duplicate of line N").
    """
    facts = PageFacts()
    lines = _lines(text)
    forced = sorted(t for t in (_trim(text, *f) for f in forced or []) if t[1] > t[0])
    if forced:
        fstarts = [f[0] for f in forced]
        for ln in lines:
            k = bisect.bisect_right(fstarts, ln.start) - 1
            if k >= 0 and forced[k][0] <= ln.start and ln.end <= forced[k][1]:
                ln.label = "forced:" + forced[k][2]
    first = _header(lines, facts)
    _main_pass(lines, first, facts)
    head_end = _head_pass(lines, facts)
    _embeds(lines, text)
    _caption_blocks(lines, text, head_end)
    _trailing_teasers(lines, head_end)
    _duplicates(lines, raw_line)
    facts.spans = _spans(lines, forced)
    return facts


def _trim(text: str, s: int, e: int, reason: str) -> tuple[int, int, str]:
    seg = text[s:e]
    return s + len(seg) - len(seg.lstrip()), e - (len(seg) - len(seg.rstrip())), reason


def _main_pass(lines: list[Line], first: int, facts: PageFacts) -> None:
    v = _v()
    head = v["head"]
    tail_mode = False
    list_mode = False
    last_headline = False
    body_started = False
    n = len(lines)
    i = first
    while i < n:
        ln = lines[i]
        i += 1
        if ln.label:
            if ln.label in _FORCED_INFO:  # an HTML byline/date element: still read its value
                hit = _classify(ln)
                if hit and "forced:" + hit.reason == ln.label:
                    _take_info(ln, hit, lines, facts, list_mode)
            continue
        if tail_mode or (body_started and _tail(ln)):
            ln.label = "footer"
            tail_mode = True
            _copyright_outlet(ln.text, facts)
            continue
        if ln.key is not None and ln.key in v["list_markers"]:
            ln.label = "teaser"
            list_mode, last_headline = True, False
            continue
        hit = _classify(ln)
        if hit:
            ln.label, ln.keep = hit.reason, hit.keep
            ln.banner = bool(hit.info and hit.info.get("banner"))
            _take_info(ln, hit, lines, facts, list_mode)
            if hit.keep and _prose_text(ln.unit()[2], head["prose_min_words"]):
                body_started, list_mode = True, False
            continue
        if list_mode:
            if _item_like(ln):
                ln.label = "teaser"
                last_headline = not ln.final and ln.words >= 4 and not _bulleted(ln)
                continue
            if last_headline and _ends_list(lines, i):
                ln.label = "teaser"
                last_headline = False
                continue
            list_mode = False
        if _is_prose(ln, head["prose_min_words"]):
            body_started = True


def _ends_list(lines: list[Line], j: int) -> bool:
    """The line at ``j`` (after a possible teaser standfirst) still belongs to the list."""
    if j >= len(lines):
        return False  # the page ends: the paragraph may as well be the article's last
    nxt = lines[j]
    if nxt.label:
        return True
    return (_item_like(nxt) or (nxt.key is not None and nxt.key in _v()["list_markers"]) or _tail(nxt)
            or _classify(nxt) is not None)


def _take_info(ln: Line, hit: _Hit, lines: list[Line], facts: PageFacts, in_list: bool) -> None:
    info = hit.info or {}
    if "date" in info:
        dl = info["date"]
        if dl.published and facts.offer("published", dl.published, R_LABELLED):
            facts.published_from = "text"
        elif dl.plain and not in_list and ln.i < _v()["head"]["date_lines_max"]:
            if facts.offer("published", dl.plain, R_TEXT):
                facts.published_from = "text"
    if "byline" in info:
        facts.offer("byline", info["byline"], R_TEXT)
        agency = first_agency(ln.text)
        if agency:
            facts.wires.append((ln.start, {"marker": ln.text, "agency": agency, "kind": "wire"}))
    if "wire" in info:
        agency = canonical_agency(info["wire"])
        if agency:
            facts.wires.append((ln.start, {"marker": info["marker"], "agency": agency, "kind": "wire"}))
        else:  # a dateline naming no agency names the outlet itself: "ROTTERDAM (Harbour Wire) -"
            facts.offer("outlet", info["wire"], R_COPYRIGHT - 1)
    if "source" in info:  # "SOURCE: TRT World", "Source: Al Jazeera and news agencies", "Source: TASS"
        for part in _SOURCE_PARTS.split(info["source"]):
            part = part.strip(" .")
            agency = canonical_agency(part)
            if agency:
                facts.wires.append((ln.start, {"marker": ln.text, "agency": agency, "kind": "wire"}))
            elif part and part.casefold() not in _GENERIC_SOURCES:
                facts.offer("outlet", part, R_SOURCE)
    if info.get("outlet"):
        facts.offer("outlet", info["outlet"], R_DISCLAIMER)
    if info.get("title"):
        facts.offer("title", info["title"], R_DISCLAIMER)
    if "url" in info or "bare_url" in info:
        url = info.get("url") or info.get("bare_url")
        if info.get("want_url"):
            url = _url_after(lines, ln)
        if url:
            facts.offer("url", url, R_LABELLED if "url" in info else R_TEXT)
    if "footer" in info:
        _copyright_outlet(info["footer"], facts)


def _copyright_outlet(text: str, facts: PageFacts) -> None:
    """'Copyright © 2025 Business Standard Private Ltd.' names the outlet (weakly)."""
    if not _COPYRIGHT_START.match(text):
        return
    m = _v()["copyright"].match(text)
    name = m.group("name").rstrip(".,") if m else ""
    if name and not canonical_agency(name):
        facts.offer("outlet", name, R_COPYRIGHT)


def _url_after(lines: list[Line], ln: Line) -> str | None:
    """The URL on the line(s) after a bare 'Original url:' label; labels those lines."""
    j = ln.i + 1
    if j >= len(lines) or lines[j].label or not _URL_START.match(lines[j].text):
        return None
    nxt = lines[j]
    nxt.label = "url line"
    url = _url_from(nxt.text) or ""
    if j + 1 < len(lines) and not lines[j + 1].label and _URL_CONT.fullmatch(lines[j + 1].text) \
            and ("-" in lines[j + 1].text or "/" in lines[j + 1].text) and not url.endswith("/"):
        lines[j + 1].label = "url line"
        url += lines[j + 1].text
    return url or None


def _head_pass(lines: list[Line], facts: PageFacts) -> int:
    """Label short head lines and offer the headline; returns the index of the first prose line."""
    head = _v()["head"]
    end = len(lines)
    for ln in lines:
        u = ln.unit()
        if u and (_prose_text(u[2], head["prose_min_words"]) if ln.keep else _is_prose(ln, head["prose_min_words"])):
            end = ln.i
            break
    banner = next((ln for ln in lines[:end] if ln.banner), None)
    if banner is not None and not any(u and not _broken(ln) and len(u[2].split()) >= head["title_min_words"]
                                      for ln in lines[banner.i + 1:end] for u in (ln.unit(),)):
        # a 'Breaking: ...' line with no other headline after it above the body is the page's own
        banner.label, banner.banner = None, False
    title: Line | None = None
    for ln in lines[:end]:
        u = ln.unit()
        if u is None or _broken(ln):
            continue
        if title is None:
            if len(u[2].split()) >= head["title_min_words"]:
                title = ln
                facts.offer("title", u[2], R_TEXT)
        elif not ln.keep and ln.words <= head["short_max_words"] and not ln.final:
            ln.label = "caption"
    if title is not None:
        for ln in lines[: title.i]:
            if ln.unit() and not ln.keep and not _broken(ln) and ln.words <= head["short_max_words"] \
                    and not ln.final:
                ln.label = "navigation"
    return end


def _gap(text: str, a: Line, b: Line) -> int:
    """Line breaks between two lines (1: adjacent, 2: one blank line, ...)."""
    return text.count("\n", a.end, b.start) or text.count("\r", a.end, b.start)


def _free(ln: Line) -> bool:
    """Not yet furniture, whole (no kept part)."""
    return ln.label is None and ln.keep is None


def _embeds(lines: list[Line], text: str) -> None:
    """Embedded social posts: the marker line, earlier paragraphs of the post, its title line.

    Notes: the oEmbed markup of X/Twitter and Instagram posts, as copied from news pages: the
    post's text and its picture link, then '— Name (@handle) Date'; a multi-paragraph post keeps a
    wider gap from the article; pages put a short title line ("Visuals shared on social media")
    above an embed.
    """
    v = _v()
    rx = v["embed"]
    usual: int | None = None
    for ln in lines:
        if not _free(ln) or not rx.search(ln.text):
            continue
        if usual is None:
            usual = _usual_gap(lines, text)
        ln.label = "embed"
        first = ln
        j = ln.i - 1
        taken = 0
        while j >= 0 and taken < v["embed_before"]:
            prev = lines[j]
            if not (_free(prev) and prev.final and prev.words <= v["embed_body_max"]
                    and not prev.text.rstrip(_CLOSERS).endswith(":") and _gap(text, prev, first) > usual):
                break
            prev.label = "embed"
            first, taken, j = prev, taken + 1, j - 1
        if j >= 0:
            prev = lines[j]
            if _free(prev) and _title_like(prev, v["embed_title_max"]):
                prev.label = "embed"


def _usual_gap(lines: list[Line], text: str) -> int:
    """The page's usual gap between paragraphs (line breaks, at least 2)."""
    gaps = sorted(_gap(text, a, b) for a, b in zip(lines, lines[1:]))
    return max(2, gaps[len(gaps) // 2]) if gaps else 2


def _title_like(ln: Line, max_words: int) -> bool:
    """A short heading: no final punctuation, no colon, not a broken paragraph, capitalised."""
    t = ln.text.rstrip(_CLOSERS)
    return (not ln.final and not _broken(ln) and 1 <= ln.words <= max_words and not t.endswith((":", ","))
            and bool(_CAPITAL.match(ln.text)))


def _caption_blocks(lines: list[Line], text: str, head_end: int) -> None:
    """Captions seen from more than one line or from their place in the body.

    - a line made of one text said twice, or two copies of one sentence in adjacent paragraphs
      inside the body (an image's caption and its alt text), are captions; not a sentence that
      quotes or reports speech (a paragraph copied twice by the page keeps its first copy);
    - a one-sentence line inside the body closing with an agency in parentheses after its full
      stop ('... in the city. (XYZ)') is a caption; the last body line is left alone (wire copy
      may end with '(Reuters)');
    - a short title line right above a caption (no blank line between) belongs to it, inside
      the body (above the first prose paragraph such a line is the headline).

    Notes: AP/NPR and agency photo-caption layouts; image alt text copied next to the caption.
    """
    v = _v()
    last_prose = max((ln.i for ln in lines if _free(ln) and _is_prose(ln, v["head"]["prose_min_words"])),
                     default=-1)
    prev: Line | None = None
    for ln in lines:
        if ln.i < head_end or not _free(ln):
            prev = ln
            continue
        if ln.words <= v["caption_max"] and not _broken(ln):
            if ln.words >= 8 and _said_twice(ln.text):
                ln.label = "caption"
            elif (prev is not None and prev.i >= head_end and prev.label in (None, "caption") and prev.keep is None
                  and prev.words >= 4 and _dup_key(prev.low) == _dup_key(ln.low) and not _broken(prev)
                  and _gap(text, prev, ln) > 1 and not _SENTENCE_STOP.search(ln.text) and not _reported(ln.low)):
                prev.label = ln.label = "caption"
            elif ln.i < last_prose and _agency_tail(ln):
                ln.label = "caption"
        prev = ln
    for ln in lines[1:]:
        if ln.label == "caption":
            up = lines[ln.i - 1]
            if up.i >= head_end and _free(up) and _gap(text, up, ln) == 1 \
                    and _title_like(up, v["caption_title_max"]):
                up.label = "caption"


_QUOTE_MARKS = frozenset("\"“”«»„")


def _reported(low: str) -> bool:
    """The (casefolded) line quotes or reports speech: a caption does neither."""
    if any(c in _QUOTE_MARKS for c in low):
        return True
    verbs = _speech_forms()
    return any(w.strip(".,;:!?'’") in verbs for w in low.split())


@cache
def _speech_forms() -> frozenset[str]:
    from ..extract.names import speech_verbs
    return frozenset(speech_verbs())


def _said_twice(t: str) -> bool:
    """The line is one text repeated ('Caption text. Caption text.')."""
    n = len(t)
    for mid in range(n // 2 - 1, n // 2 + 2):
        a, b = t[:mid].strip(), t[mid:].strip()
        if a and a == b:
            return True
    return False


def _agency_tail(ln: Line) -> bool:
    m = _search_at_end(_v()["agency_tail"], ln.text)
    if not m:
        return False
    inner = m.group("agency").strip()
    if not (re.fullmatch(r"[A-Z]{2,6}", inner) or canonical_agency(inner)):
        return False
    before = ln.text[: m.start() + 2]
    return not _SENTENCE_STOP.search(before[:-2])


def _trailing_teasers(lines: list[Line], head_end: int) -> None:
    """Headline + standfirst pairs between the article's end and a footer."""
    v = _v()
    body = [ln for ln in lines if ln.unit()]
    if not body or body[-1].i == len(lines) - 1:
        return  # no furniture after the article: no footer to anchor on
    k = len(body) - 1
    while k >= 1:
        std, hl = body[k], body[k - 1]
        if hl.i < head_end or std.keep or hl.keep or _broken(std) or _broken(hl):
            break
        if not (std.final and std.words >= 6 and not hl.final and hl.words >= v["teaser_headline_min"]
                and not hl.text.endswith(":") and _CAPITAL.match(hl.text)):
            break
        if k - 1 < 2:
            break
        std.label = hl.label = "teaser"
        k -= 2


def _dup_key(low: str) -> str:
    """Comparison key: casefolded, spaces collapsed, quotes unified, final punctuation dropped."""
    return low.replace("’", "'").replace("“", '"').replace("”", '"').rstrip(_DUP_TRAIL)


def _duplicates(lines: list[Line], raw_line: Callable[[int], int]) -> None:
    dv = _v()["dup"]
    kw = dv["prefix_key_words"]
    units: list[tuple[Line, int, str]] = []  # line, unit start, key
    for ln in lines:
        u = ln.unit()
        if u is None or ln.words < dv["min_words"]:
            continue
        low = ln.low if u[2] is ln.text else " ".join(u[2].split()).casefold()
        key = _dup_key(low)
        if key.count(" ") + 1 >= dv["min_words"]:
            units.append((ln, u[0], key))
    seen: dict[str, int] = {}
    buckets: dict[str, list[int]] = {}
    heads: list[str | None] = []
    for idx, (_ln, _s, key) in enumerate(units):
        seen.setdefault(key, idx)
        words = key.split(" ", kw)
        head = " ".join(words[:kw]) if len(words) >= kw else None
        heads.append(head)
        if head is not None:
            buckets.setdefault(head, []).append(idx)
    # (head, key length) -> key -> the units among the head's first 64 whose key extends that
    # key at a word boundary, in bucket order (built once per bucket and length, not per unit)
    longer: dict[tuple[str, int], dict[str, list[int]]] = {}
    kept_by: dict[int, int] = {}  # a dropped unit -> the unit that stays in its place
    for idx, (ln, _s, key) in enumerate(units):
        keeper = seen[key]
        while keeper in kept_by:
            keeper = kept_by[keeper]
        if keeper != idx:
            _mark_dup(ln, units[keeper][1], raw_line)
            kept_by[idx] = keeper
            continue
        head = heads[idx]
        if head is None or key.count(" ") + 1 < dv["prefix_min_words"]:
            continue
        n = len(key)
        table = longer.get((head, n))
        if table is None:
            table = longer[(head, n)] = {}
            for other in buckets[head][:64]:
                okey = units[other][2]
                if len(okey) > n and okey[n] in _DUP_BOUNDARY:
                    table.setdefault(okey[:n], []).append(other)
        for other in table.get(key, ()):
            if other == idx or other in kept_by:
                continue
            _mark_dup(ln, units[other][1], raw_line)
            kept_by[idx] = other
            break


def _mark_dup(ln: Line, keeper_start: int, raw_line: Callable[[int], int]) -> None:
    reason = f"duplicate of line {raw_line(keeper_start)}"
    if ln.keep:
        ln.keep_reason = reason
    else:
        ln.label = reason


def _spans(lines: list[Line], forced: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Furniture blocks: consecutive lines with one reason merge; partial lines stand alone."""
    spans: list[tuple[int, int, str]] = [(s, e, r) for s, e, r in forced]
    block: list[int] | None = None  # [start, end] of the current block
    reason: str | None = None
    for ln in lines:
        lab = ln.label
        if lab is None or lab.startswith("forced:"):
            if block and lab is None:
                spans.append((block[0], block[1], reason or ""))
                block = None
            continue
        if ln.keep:
            if block:
                spans.append((block[0], block[1], reason or ""))
                block = None
            ks, ke = ln.keep
            if ks > ln.start:
                spans.append((ln.start, _rtrim(ln, ks), lab))
            if ln.keep_reason:
                spans.append((ks, ke, ln.keep_reason))
            if ke < ln.end:
                spans.append((ke, ln.end, lab))
            continue
        if block and reason == lab:
            block[1] = ln.end
        else:
            if block:
                spans.append((block[0], block[1], reason or ""))
            block, reason = [ln.start, ln.end], lab
    if block:
        spans.append((block[0], block[1], reason or ""))
    spans.sort()
    out: list[tuple[int, int, str]] = []
    for s, e, r in spans:
        if out and s < out[-1][1]:
            s = out[-1][1]
        if e > s:
            out.append((s, e, r))
    return out


def _rtrim(ln: Line, end: int) -> int:
    part = ln.text[: end - ln.start]
    return ln.start + len(part.rstrip())
