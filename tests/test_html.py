"""The HTML view: self-contained, inert, every citation lands on its highlighted claim.

The structural tests run everywhere. The browser tests drive a real headless Chromium (Debian's
``chromium`` and ``chromium-driver`` packages, through selenium) when all three are present, and
skip cleanly when not.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
from pathlib import Path

import pytest

from checker.pipeline import report_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

HOSTILE_A = """Published: 2025-03-04

<script>window.pwned = 1; alert(1)</script> Officials met in Geneva on Monday.
<img src=x onerror="window.pwned = 2"> The talks lasted six hours, a spokesman said.
[click me](javascript:window.pwned=3) <a href="javascript:window.pwned=4">link</a>
"We made progress," said Anna Kowal. \x1b[2J The second meeting is planned for Friday.
"""
HOSTILE_B = """Published: 2025-03-04

Officials met in Geneva on Monday. <svg onload="window.pwned=5"></svg>
The talks lasted nine hours. "We made progress," Anna Kowal said.
"""


def _report(tmp_path: Path, corpus: Path) -> Path:
    result = report_corpus([corpus], tmp_path / "claims", tmp_path / "reports", ("md", "html"))
    (page,) = [p for p in result.written if p.suffix == ".html"]
    return page


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(tmp_path_factory.mktemp("seeds"), SEEDS)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    story = d / "story"
    story.mkdir()
    (story / "a.txt").write_text(HOSTILE_A, "utf-8")
    (story / "b.txt").write_text(HOSTILE_B, "utf-8")
    return _report(d, story)


class _Tree(html.parser.HTMLParser):
    """Ids, fragment links, tags, and whether every span closes in order."""

    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict[str, str]] = {}
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        self.attrs += [(k, v) for k, v in a.items()]
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.balanced = False
            return
        self.stack.pop()


def _tree(page: Path) -> _Tree:
    t = _Tree()
    t.feed(page.read_text("utf-8"))
    t.close()
    return t


def test_every_link_lands_on_an_element_and_citations_on_claims(seeds_page: Path) -> None:
    t = _tree(seeds_page)
    assert t.balanced and not t.stack
    internal = [h for h in t.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in t.ids for h in internal)
    cites = [h for h in internal if h.startswith("#c-")]
    assert len(cites) > 20
    assert all(t.ids[h[1:]]["class"] == "claim" for h in cites)


def test_summary_comes_first_and_lists_the_conflict(seeds_page: Path) -> None:
    text = seeds_page.read_text("utf-8")
    first = text.index("Check before publishing")
    assert first < text.index("Sources</h2>") < text.index("Source texts")
    assert re.search(r"<ol>\s*<li><a href=\"#f-numbering_2\">", text)


def test_self_contained_and_no_script(seeds_page: Path, hostile_page: Path) -> None:
    for page in (seeds_page, hostile_page):
        t = _tree(page)
        assert "script" not in t.tags and "img" not in t.tags and "svg" not in t.tags
        assert not any(k.startswith("on") for k, _v in t.attrs)
        assert not any(v.strip().lower().startswith("javascript:") for _k, v in t.attrs)
        assert all(h.startswith("#") or re.match(r"https?://", h) for h in t.hrefs)
        text = page.read_text("utf-8")
        assert "script-src 'none'" in text and "\x1b" not in text
        # nothing is loaded from a network (links to a source's URL are followed only when clicked)
        assert not any(k == "src" for k, _v in t.attrs) and "link" not in t.tags
        style = text[text.index("<style>"):text.index("</style>")]
        assert "url(" not in style and "@import" not in style


def test_hostile_text_is_shown_as_text(hostile_page: Path) -> None:
    text = hostile_page.read_text("utf-8")
    assert "&lt;script&gt;window.pwned = 1; alert(1)&lt;/script&gt;" in text
    assert "onerror=&quot;window.pwned = 2&quot;" in text


def test_same_input_same_page(tmp_path: Path, seeds_page: Path) -> None:
    assert _report(tmp_path, SEEDS).read_bytes() == seeds_page.read_bytes()


def test_claim_spans_cover_the_cited_text(seeds_page: Path) -> None:
    """The highlighted span of a cited claim starts with the claim's evidence text."""
    text = seeds_page.read_text("utf-8")
    m = re.search(r'<span class="claim" id="(c-[^"]+)"[^>]*>([^<]*)', text)
    assert m and m.group(2).strip()
    cite = re.search(rf'href="#{m.group(1)}">line \d+, col \d+</a>: &ldquo;([^&]*)', text)
    if cite:
        assert cite.group(1).startswith(m.group(2)[:10])


# -- in a real browser ------------------------------------------------------------------------

def _driver():
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (os.path.exists(chromium) and os.path.exists(chromedriver)):
        pytest.skip("Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=opts)


@pytest.fixture(scope="module")
def browser():
    d = _driver()
    yield d
    d.quit()


def _console_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_browser_loads_the_page_cleanly_and_links_land(browser, seeds_page: Path) -> None:
    browser.get(seeds_page.as_uri())
    assert _console_errors(browser) == []
    from selenium.webdriver.common.by import By

    link = browser.find_elements(By.CSS_SELECTOR, ".finding ul.cites a")[0]
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert browser.execute_script("return location.hash") == "#" + target
    el = browser.find_element(By.ID, target)
    assert "claim" in el.get_attribute("class")
    # the claim is on screen and shown as the target (highlighted by the :target rule)
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;", el)
    assert browser.execute_script("return arguments[0].matches(':target')", el)
    assert el.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")


def test_browser_runs_nothing_from_a_hostile_article(browser, hostile_page: Path) -> None:
    browser.get(hostile_page.as_uri())
    from selenium.webdriver.common.by import By

    for a in browser.find_elements(By.CSS_SELECTOR, "a"):
        if a.is_displayed():
            a.click()
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert not any("pwned" in m for m in _console_errors(browser))


def test_a_dismissed_conflict_leaves_the_list_to_check(tmp_path: Path) -> None:
    import io
    import shutil

    from checker.cli import run

    story = tmp_path / "story"
    shutil.copytree(SEEDS, story)
    assert run(["report", str(story), "--format", "html", "-q"], io.StringIO(), io.StringIO()) == 0
    page = story / "reports" / "story.html"
    first = page.read_text("utf-8")
    top = first[first.index("Check before publishing"):first.index('id="sources"')]
    assert "#f-numbering_2" in top
    assert run(["review", "numbering:2", "--dismiss", "--note", "different starts", "--by", "Ed",
                "--corpus", str(story)], io.StringIO(), io.StringIO()) == 0
    text = page.read_text("utf-8")  # rewritten by the review itself
    top = text[text.index("Check before publishing"):text.index('id="sources"')]
    assert "#f-numbering_2" not in top and "No conflicts found." in top
    reviewed = text[text.index('id="reviewed"'):text.index('id="texts"')]
    assert 'id="f-numbering_2"' in reviewed and "dismissed by Ed" in reviewed
