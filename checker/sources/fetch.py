"""Sources as editors have them: a URL fetched once, kept, and read offline afterwards.

``fetch_article`` downloads a page (bounded time, size and redirects; HTML only), extracts the
article text and its metadata (title, outlet, publication date, author) and returns both with
the HTML as fetched. ``keep_article`` writes the text as a plain ``.txt`` source in the story
folder and the fetched HTML beside it under ``_fetched/``, so every later run reads the kept copy:
reruns are offline and reproducible, and evidence lines are lines of the kept text.

Every failure is a ``FetchError`` naming the URL and the reason in one line: a timeout, an HTTP
status, a redirect loop, a non-HTML body, a page too large, or a page whose article text is too
short to be an article (a paywall or consent stub).

Notes: article extraction is trafilatura's (Barbaresi 2021, ACL demo; the best-scoring open
extractor in the ScrapingHub and Bevendorff et al. 2023 web-content-extraction benchmarks) with
htmldate for the publication date (the date found in the page's own markup, not the fetch date).
Both are imported only when a URL is fetched, so the rest of the checker starts without them.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import socket
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import settings
from ..errors import CheckerError

__all__ = ["FetchError", "Article", "is_url", "fetch_article", "keep_article", "article_from_html",
           "fetched_source", "file_stem", "is_fetchable"]

_URL = re.compile(r"(?:https?://|www\.)[^\s/$.?#][^\s]*\Z", re.I)
_SCHEME = re.compile(r"https?://", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_USER_AGENT = "checker/0.1 (news source comparison; +https://pypi.org/project/trafilatura/)"
FETCHED_DIR = "_fetched"


class FetchError(CheckerError):
    """A URL could not be fetched or holds no article text."""


@dataclass(frozen=True)
class Article:
    """One fetched article: the kept text and what the page says about itself."""

    url: str          # the URL as the editor gave it
    final_url: str    # after redirects
    title: str | None
    outlet: str | None
    published: str | None  # ISO date from the page's markup, or None
    byline: str | None
    text: str         # title line, blank line, article paragraphs
    html: bytes       # the page as fetched


def is_url(value: str) -> bool:
    """True for an http(s) URL or a bare 'www.' address typed where a path was expected."""
    return bool(_URL.match(value.strip()))


def is_fetchable(value: str) -> bool:
    """A URL with its scheme: fetched rather than read as a path (a bare 'www.' address is named as
    a URL in errors but never fetched, since it may also be a folder's name)."""
    return is_url(value) and bool(_SCHEME.match(value.strip()))


def _normal_url(value: str) -> str:
    value = value.strip()
    return value if _SCHEME.match(value) else "https://" + value


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def _download(url: str) -> tuple[bytes, str, str]:
    """(body, final URL, content type) of a GET, within the configured time and size limits."""
    s = settings.SETTINGS
    opener = urllib.request.build_opener(_Redirects())
    req = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with opener.open(req, timeout=s.fetch_timeout_seconds) as resp:
            ctype = resp.headers.get_content_type() or ""
            if ctype not in _HTML_TYPES:
                raise FetchError(url, f"not an HTML page (content type {ctype or 'missing'}); "
                                      "save the article text as a .txt file and add that")
            body = resp.read(s.fetch_max_bytes + 1)
            if len(body) > s.fetch_max_bytes:
                raise FetchError(url, f"page is over the {s.fetch_max_bytes:,}-byte limit")
            return body, resp.geturl(), ctype
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303, 307, 308):
            raise FetchError(url, "too many redirects") from None
        raise FetchError(url, f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(url, f"timed out after {s.fetch_timeout_seconds:g} s") from None
        raise FetchError(url, f"cannot connect ({reason})") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(url, f"timed out after {s.fetch_timeout_seconds:g} s") from None
    except (OSError, ValueError) as e:
        raise FetchError(url, f"cannot fetch ({e})") from None


def _clean(value: object) -> str | None:
    """Metadata text with entities decoded and control characters and runs of space removed."""
    if not isinstance(value, str):
        return None
    value = html_lib.unescape(html_lib.unescape(value))  # pages double-escape '&amp;amp;'
    value = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in value)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def article_from_html(raw: bytes, url: str, final_url: str | None = None) -> Article:
    """Article text and metadata from fetched HTML (trafilatura, htmldate)."""
    import trafilatura
    from htmldate import find_date

    page = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    final_url = final_url or url
    body = trafilatura.extract(page, url=final_url, output_format="txt", include_comments=False,
                               include_tables=False, include_images=False, favor_precision=True,
                               deduplicate=False)  # its cache would drop a page seen before
    meta = trafilatura.extract_metadata(page, default_url=final_url)
    words = len((body or "").split())
    need = settings.SETTINGS.fetch_min_words
    if words < need:
        raise FetchError(url, f"only {words} words of article text (fewer than {need}): a paywall, "
                              "consent or index page; save the article text as a .txt file and add that")
    title = _clean(getattr(meta, "title", None))
    outlet = _clean(getattr(meta, "sitename", None)) or urlsplit(final_url).hostname
    try:
        published = find_date(page, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd markup; a missing date stays unknown, never guessed
        published = None
    byline = _clean(getattr(meta, "author", None))
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in body.splitlines()]
    text = "\n\n".join(p for p in paragraphs if p)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Article(url=url, final_url=final_url, title=title, outlet=outlet, published=published,
                   byline=byline, text=text + "\n", html=raw)


def fetch_article(url: str) -> Article:
    """Fetch ``url`` and extract its article; FetchError with a one-line reason otherwise."""
    url = _normal_url(url)
    raw, final_url, _ctype = _download(url)
    return article_from_html(raw, url, final_url)


def file_stem(url: str) -> str:
    """A readable, stable file name for a URL's article: host, last path part and a short hash."""
    url = _normal_url(url)
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    last = [p for p in parts.path.split("/") if p][-1:] or ["index"]
    stem = re.sub(r"[^a-z0-9]+", "-", f"{host}-{last[0]}".lower()).strip("-")[:72]
    stem = re.sub(r"-(?:html?|php|aspx?)$", "", stem) or "article"
    # two URLs of one site can end alike ('/2024/story', '/2025/story'): the URL's hash tells them apart
    return f"{stem}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:6]}"


def keep_article(article: Article, story: Path) -> Path:
    """Write the article's text as ``<story>/<stem>.txt`` and the HTML as ``_fetched/<stem>.html``.

    Returns the text file's path. Both writes are atomic; the text is the source every later run reads.
    """
    from ..claims import atomic_write

    stem = file_stem(article.url)
    txt = story / f"{stem}.txt"
    keep = story / FETCHED_DIR / f"{stem}.html"
    keep.parent.mkdir(parents=True, exist_ok=True)
    tmp = keep.with_name(f".{keep.name}.tmp")
    tmp.write_bytes(article.html)
    tmp.replace(keep)
    atomic_write(txt, article.text)
    return txt


def fetched_source(url: str, folder: Path) -> Path:
    """The kept text of ``url`` in ``folder``, fetched only the first time (later runs are offline);
    its page metadata goes into the folder's manifest."""
    txt = folder / f"{file_stem(url)}.txt"
    if txt.is_file():
        return txt
    article = fetch_article(url)
    from ..workflow import add_source
    kept = keep_article(article, folder)
    meta = {"outlet": article.outlet, "published": article.published, "url": article.url,
            "byline": article.byline, "title": article.title}
    return add_source(folder, kept, meta, replace=True, checked=True)
