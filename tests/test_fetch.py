"""Fetching URLs: against a local HTTP server started here, never the internet."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from checker import settings
from checker.sources import load_document
from checker.sources.fetch import FETCHED_DIR, FetchError, fetch_article, is_url, keep_article

FIXTURES = Path(__file__).parent / "fixtures" / "web"
PAGE = (FIXTURES / "article.html").read_bytes()
STUB = b"<html><head><title>Subscribe</title></head><body><p>Subscribe to read this article.</p></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        if path == "/world/quake-toll-rises.html":
            self._send(200, PAGE)
        elif path == "/moved":
            self._send(302, b"", headers={"Location": "/world/quake-toll-rises.html"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE)
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4 ...", ctype="application/pdf")
        elif path == "/paywalled":
            self._send(200, STUB)
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("value, expected", [
    ("https://example.com/a/b", True), ("http://example.com", True), ("www.example.com/story", True),
    ("HTTPS://EXAMPLE.COM/x", True), ("story/article.txt", False), ("article.html", False),
    ("ftp://example.com/a", False), ("https://", False), ("-", False),
])
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


def test_fetch_extracts_article_and_metadata(server: str) -> None:
    a = fetch_article(server + "/world/quake-toll-rises.html")
    assert a.title == "Quake toll rises to 5,000"
    assert a.outlet == "The Daily & Herald"  # entities decoded, never '&amp;'
    assert a.published == "2023-02-07"
    assert a.byline == "Jane Roe"
    assert a.text.startswith("Quake toll rises to 5,000\n\n")
    assert "rose to more than 5,000 on Tuesday" in a.text
    for furniture in ("Celebrity", "All rights reserved", "Home", "Newsletter"):
        assert furniture not in a.text


def test_redirect_is_followed(server: str) -> None:
    a = fetch_article(server + "/moved")
    assert a.final_url.endswith("/world/quake-toll-rises.html")
    assert a.url == server + "/moved"


@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404"), ("/error", "HTTP 500"), ("/loop", "redirect"),
    ("/report.pdf", "not an HTML page (content type application/pdf)"),
    ("/paywalled", "words of article text"),
])
def test_failures_are_one_line(server: str, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as e:
        fetch_article(server + path)
    msg = str(e.value)
    assert "\n" not in msg and reason in msg and msg.startswith(server + path)


def test_timeout_is_one_line(server: str) -> None:
    with settings.overridden(fetch_timeout_seconds=0.3), pytest.raises(FetchError) as e:
        fetch_article(server + "/slow")
    assert "timed out after 0.3 s" in str(e.value)


def test_size_limit(server: str) -> None:
    with settings.overridden(fetch_max_bytes=1000), pytest.raises(FetchError) as e:
        fetch_article(server + "/world/quake-toll-rises.html")
    assert "over the 1,000-byte limit" in str(e.value)


def test_connection_refused_is_one_line() -> None:
    with pytest.raises(FetchError) as e:
        fetch_article("http://127.0.0.1:9/nothing")
    assert "cannot connect" in str(e.value)


def test_kept_copy_is_a_source_with_exact_offsets(server: str, tmp_path: Path) -> None:
    a = fetch_article(server + "/world/quake-toll-rises.html")
    txt = keep_article(a, tmp_path)
    assert txt.parent == tmp_path and txt.suffix == ".txt"
    assert (tmp_path / FETCHED_DIR / (txt.stem + ".html")).read_bytes() == PAGE
    doc = load_document(txt)
    i = doc.text.index("more than 5,000")
    line = doc.text.count("\n", 0, i) + 1
    assert txt.read_text("utf-8").splitlines()[line - 1].find("more than 5,000") >= 0


def _cli(*argv: str) -> tuple[int, str, str]:
    import io

    from checker.cli import run

    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


def test_add_url_keeps_text_html_and_metadata_then_reruns_offline(server: str, tmp_path: Path) -> None:
    import json

    story = tmp_path / "story"
    story.mkdir()
    (story / "other.txt").write_text("Published: 2023-02-07\n\nThe toll rose to 4,000 on Tuesday, officials said.\n",
                                     "utf-8")
    claims, out_dir = str(tmp_path / "claims"), str(tmp_path / "reports")
    url = server + "/world/quake-toll-rises.html"
    code, out, err = _cli("add", url, "--corpus", str(story), "--claims", claims, "--out", out_dir)
    assert code == 0, err
    (txt,) = [p for p in story.glob("*.txt") if p.name != "other.txt"]
    assert (story / FETCHED_DIR / (txt.stem + ".html")).is_file()
    entry = json.loads((story / "manifest.json").read_text("utf-8"))["sources"][txt.name]
    assert entry["outlet"] == "The Daily & Herald" and entry["published"] == "2023-02-07"
    assert entry["url"] == url and entry["byline"] == "Jane Roe"
    md = (tmp_path / "reports" / "story.md").read_text("utf-8")
    assert url in md  # the URL beside the outlet
    # the kept copy is a source like any other: a rerun needs no network and cites the kept text
    code, out, _ = _cli("report", str(story), "--claims", claims, "--out", out_dir)
    assert code == 0 and "(0 re-extracted)" in out
    assert "_fetched" not in (tmp_path / "reports" / "story.md").read_text("utf-8")


def test_add_url_failure_writes_nothing(server: str, tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    code, _, err = _cli("add", server + "/paywalled", "--corpus", str(story), "--claims", str(tmp_path / "c"))
    assert code == 2 and err.count("\n") == 1 and "words of article text" in err
    assert list(story.iterdir()) == []


@pytest.mark.parametrize("name, head, says", [
    ("report.pdf", b"%PDF-1.7 ...", "a PDF file, not article text"),
    ("notes.docx", b"PK\x03\x04...", "a Word document, not article text"),
    ("renamed.txt", b"%PDF-1.4 ...", "a PDF file, not article text"),
])
def test_documents_get_what_to_do(tmp_path: Path, name: str, head: bytes, says: str) -> None:
    story = tmp_path / "story"
    story.mkdir()
    f = tmp_path / name
    f.write_bytes(head + b"\x00" * 100)
    code, _, err = _cli("add", str(f), "--corpus", str(story), "--claims", str(tmp_path / "c"))
    assert code == 2 and says in err and "save it as plain text" in err and err.count("\n") == 1
    assert list(story.iterdir()) == []


def test_url_without_scheme_is_recognised(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    code, _, err = _cli("add", "www.example.com/news/story", "--corpus", str(story), "--claims", str(tmp_path / "c"))
    assert code == 2 and "looks like a URL" in err and "https://" in err


def test_urls_given_to_report_and_check_are_kept_and_reread_offline(tmp_path: Path, monkeypatch) -> None:
    import http.server as hs
    import threading as th

    httpd = hs.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = th.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/world/quake-toll-rises.html"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.txt").write_text(
        "Published: 2023-02-07\n\nThe toll rose to more than 5,000 on Tuesday, officials said.\n", "utf-8")
    code, out, err = _cli("report", url, "other.txt")
    assert code == 0, err
    kept = list((tmp_path / "fetched").glob("*.txt"))
    assert len(kept) == 1 and (tmp_path / "fetched" / "manifest.json").is_file()
    assert (tmp_path / "fetched" / FETCHED_DIR / (kept[0].stem + ".html")).is_file()
    httpd.shutdown()
    httpd.server_close()
    # the server is gone: the kept copy serves every later run
    code, out, err = _cli("report", url, "other.txt")
    assert code == 0 and "(0 re-extracted)" in out, err
    draft = tmp_path / "draft.txt"
    draft.write_text("Published: 2023-02-07\n\nThe toll rose to more than 5,000 on Tuesday.\n", "utf-8")
    code, out, err = _cli("check", str(draft), "--against", url)
    assert code == 0 and "supported: count of people dead: 1 outlet (The Daily & Herald)" in out, (out, err)
