"""Turn an HTML page into text with raw offsets, and read its metadata.

Uses the standard library's ``html.parser`` with character references left
unconverted, so every text node is an exact slice of the raw page and every
entity can be mapped back to its own raw span. Block elements become line
breaks (the furniture rules work line by line); script, style and other
non-text elements and comments are dropped; whitespace runs inside a block
collapse to one space. Elements that are furniture by their nature (nav,
aside, footer, figcaption) or by their class/id (``related``, ``share``,
``breadcrumb`` ...) are reported as forced furniture spans of the clean text.

Notes: metadata names follow the Open Graph protocol, schema.org
NewsArticle (JSON-LD) and common publishing-system meta names
(data/metadata.json); block and skip elements follow the WHATWG HTML
standard's content model (data/html.json).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

from .lexicon import data
from .markup import INVISIBLE
from .textmap import TextBuilder

_WS_OR_INVISIBLE = re.compile(r"(?P<ws>[ \t\r\n\f]{2,}|[\t\r\n\f])|(?P<inv>[" + INVISIBLE + "]+)")
_PROSE_WORDS = 12
_CLASS_SPLIT = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass
class HtmlResult:
    builder: TextBuilder
    forced: list[tuple[int, int, str]] = field(default_factory=list)  # clean-text spans, reason
    meta: dict[str, str] = field(default_factory=dict)  # outlet/title/url/published/byline
    h1: str | None = None


@cache
def _vocab() -> dict[str, Any]:
    h = data("html")
    names: dict[str, str] = {}
    for fld, keys in data("metadata")["html_meta"].items():
        for k in keys:
            names.setdefault(k.lower(), fld)
    return {
        "block": frozenset(h["block"]), "void": frozenset(h["void"]), "skip": frozenset(h["skip"]),
        "felems": h["furniture_elements"], "fclasses": h["furniture_classes"], "meta": names,
        "meta_rank": {fld: {k.lower(): i for i, k in enumerate(keys)}
                      for fld, keys in data("metadata")["html_meta"].items()},
    }


def _class_reason(attrs: dict[str, str]) -> str | None:
    classes = data("html")["furniture_classes"]
    for key in ("class", "id", "role", "aria-label", "data-component"):
        val = attrs.get(key)
        if not val:
            continue
        for word in _CLASS_SPLIT.split(_CAMEL.sub("-", val)):
            reason = classes.get(word.lower())
            if reason:
                return reason
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return {"navigation": "navigation", "banner": "navigation", "contentinfo": "footer",
                "complementary": "teaser"}[attrs["role"]]
    return None


def _reads_as_article(text: str) -> bool:
    """Three or more prose paragraphs: the article itself, whatever its class says."""
    prose = 0
    for line in text.splitlines():
        words = line.split()
        if len(words) >= _PROSE_WORDS and line.rstrip("\"'”’) ")[-1:] in ".!?":
            prose += 1
            if prose >= 3:
                return True
    return False


class _Parser(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.v = _vocab()
        self.res = HtmlResult(TextBuilder(raw))
        self.tb = self.res.builder
        self._nl = [0] + [m.end() for m in re.finditer("\n", raw)]
        self._skip: list[list] = []  # [tag, depth]
        self._furn: list[list] = []  # [tag, depth, clean_start, reason, mark or None]
        self._capture: list[list] = []  # [tag, depth, kind, parts]
        self._meta_rank: dict[str, int] = {}
        self._pre = 0

    # positions -------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._nl[line - 1] + col

    def _emit_break(self, s: int, e: int) -> None:
        self.tb.replace(s, e, "\n")

    # tags -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        s = self._pos()
        text = self.get_starttag_text() or ""
        e = s + len(text)
        attr = {k: (v or "") for k, v in attrs}
        self._tag(tag, attr, s, e)
        if tag not in self.v["void"]:
            self._open(tag, attr)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        s = self._pos()
        e = s + len(self.get_starttag_text() or "")
        self._tag(tag, {k: (v or "") for k, v in attrs}, s, e)

    def _tag(self, tag: str, attrs: dict[str, str], s: int, e: int) -> None:
        """Metadata tags and the text effect of a tag (line break or nothing)."""
        if tag == "meta":
            self._meta_tag(attrs)
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self._set("url", attrs.get("href", ""), rank=-1)
        elif tag == "time" and attrs.get("datetime") and not self._furn and not self._skip:
            self._set("published", attrs["datetime"], rank=50)
        if self._skip:
            return
        if tag in self.v["block"]:
            self._emit_break(s, e)
        else:
            self.tb.replace(s, e, "")

    def _open(self, tag: str, attrs: dict[str, str]) -> None:
        for stack in (self._skip, self._furn, self._capture):
            if stack and stack[-1][0] == tag:
                stack[-1][1] += 1
        if tag == "pre":
            self._pre += 1
        if tag == "title" and not self._capture:
            self._capture.append([tag, 1, "title", []])
        elif tag == "h1" and not self._capture and self.res.h1 is None and not self._furn:
            self._capture.append([tag, 1, "h1", []])
        elif tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self._capture.append([tag, 1, "ldjson", []])
        if tag in self.v["skip"] and not self._skip:
            self._skip.append([tag, 1])
            return
        if self._skip or self._furn:
            return
        reason = self.v["felems"].get(tag)
        if reason:
            self._furn.append([tag, 1, self.tb.length, reason, None])
            return
        reason = _class_reason(attrs)
        if reason:  # a class name can mislead ("article-body ad-free"): checked again at the end
            self._furn.append([tag, 1, self.tb.length, reason, self.tb.mark()])

    def handle_endtag(self, tag: str) -> None:
        s = self._pos()
        gt = self.raw.find(">", s)
        e = gt + 1 if gt >= 0 else len(self.raw)
        if tag == "pre" and self._pre:
            self._pre -= 1
        if self._capture and self._capture[-1][0] == tag:
            self._capture[-1][1] -= 1
            if self._capture[-1][1] == 0:
                self._finish_capture(self._capture.pop())
        if self._skip:
            if self._skip[-1][0] == tag:
                self._skip[-1][1] -= 1
                if self._skip[-1][1] == 0:
                    self._skip.pop()
                    self.tb.replace(s, e, "")
            return
        self._tag(tag, {}, s, e)
        if self._furn and self._furn[-1][0] == tag:
            self._furn[-1][1] -= 1
            if self._furn[-1][1] == 0:
                self._close_furniture(self._furn.pop())

    def _close_furniture(self, item: list) -> None:
        _tag, _d, start, reason, mark = item
        if self.tb.length <= start:
            return
        if mark is not None and _reads_as_article(self.tb.text_from(mark)):
            return
        self.res.forced.append((start, self.tb.length, reason))

    # text -------------------------------------------------------------------
    def handle_data(self, d: str) -> None:
        if self._capture:
            self._capture[-1][3].append(d)
        if self._skip:
            return
        s = self._pos()
        if not self.raw.startswith(d, s):  # CDATA or parser recovery: locate it
            found = self.raw.find(d, s)
            if found < 0:
                return
            s = found
        e = s + len(d)
        if self._pre:
            self.tb.copy(s, e)
            return
        pos = s
        for m in _WS_OR_INVISIBLE.finditer(self.raw, s, e):
            a, b = m.span()
            self.tb.copy(pos, a)
            self.tb.replace(a, b, "" if m.lastgroup == "inv" else " ")
            pos = b
        self.tb.copy(pos, e)

    def _ref(self, prefix: str, name: str) -> None:
        s = self._pos()
        e = s + len(prefix) + len(name)
        if self.raw.startswith(";", e):
            e += 1
        text = html.unescape(self.raw[s:e])
        if self._capture:
            self._capture[-1][3].append(text)
        if self._skip:
            return
        if text in ("\u00a0",):
            text = " "
        self.tb.replace(s, e, "" if text in INVISIBLE else text)

    def handle_entityref(self, name: str) -> None:
        self._ref("&", name)

    def handle_charref(self, name: str) -> None:
        self._ref("&#", name)

    def handle_comment(self, data_: str) -> None:
        pass  # never copied, hence deleted

    # metadata ---------------------------------------------------------------
    def _meta_tag(self, attrs: dict[str, str]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        fld = self.v["meta"].get(key)
        if fld and attrs.get("content"):
            self._set(fld, attrs["content"], rank=self.v["meta_rank"][fld].get(key, 99))

    def _set(self, fld: str, value: str, rank: int) -> None:
        value = " ".join(html.unescape(value).split())
        if not value:
            return
        if fld not in self.res.meta or rank < self._meta_rank.get(fld, 1000):
            self.res.meta[fld] = value
            self._meta_rank[fld] = rank

    def _finish_capture(self, cap: list) -> None:
        text = "".join(cap[3])
        kind = cap[2]
        if kind == "title":
            self._set("doc_title", text, rank=0)
        elif kind == "h1":
            self.res.h1 = " ".join(text.split()) or None
        elif kind == "ldjson":
            try:
                self._ld(json.loads(text))
            except (ValueError, RecursionError):
                pass

    def _ld(self, node: Any, depth: int = 0) -> None:
        """schema.org NewsArticle/Article fields from JSON-LD."""
        if depth > 6:
            return
        if isinstance(node, list):
            for n in node[:50]:
                self._ld(n, depth + 1)
            return
        if not isinstance(node, dict):
            return
        if "@graph" in node:
            self._ld(node["@graph"], depth + 1)
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and ("Article" in t or t in ("BlogPosting", "WebPage")) for t in types):
            return
        if isinstance(node.get("datePublished"), str):
            self._set("published", node["datePublished"], rank=0)
        if isinstance(node.get("headline"), str):
            self._set("title", node["headline"], rank=5)
        pub = node.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            self._set("outlet", pub["name"], rank=5)
        author = node.get("author")
        authors = author if isinstance(author, list) else [author]
        names = [a.get("name") if isinstance(a, dict) else a for a in authors]
        names = [n for n in names if isinstance(n, str) and n.strip()]
        if names:
            self._set("byline", " and ".join(names), rank=5)
        if isinstance(node.get("url"), str) and node["url"].startswith("http"):
            self._set("url", node["url"], rank=5)


def extract_html(raw: str) -> HtmlResult:
    """Clean text builder (raw -> text) of an HTML page, its forced furniture and metadata."""
    p = _Parser(raw)
    p.feed(raw)
    p.close()
    while p._furn:  # unclosed furniture element: runs to the end of the page
        p._close_furniture(p._furn.pop())
    p.res.forced.sort()
    return p.res
