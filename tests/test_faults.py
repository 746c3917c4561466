"""Faults and limits through the command line: oversized and unusable inputs, the corpus lock,
interrupts (SIGTERM, SIGKILL) and path traversal. Each bad input is one line naming the file and
the reason, the other sources are still processed, and no run leaves a truncated file behind.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from checker import settings
from checker.claims import read_claims
from checker.cli import run
from checker.lock import LOCK_NAME, corpus_lock
from checker.sources import source_id

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # subprocesses import this tree's checker
GOOD = "Officials met in Paris on March 3, 2024 for a second round of talks that lasted six hours.\n"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _err_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def _corpus(tmp_path: Path, **files: bytes | str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "good.txt").write_text(GOOD, "utf-8")
    for name, data in files.items():
        p = corpus / name.replace("__", ".")
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return corpus


def _snapshot(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


# ---------------------------------------------------------------- size limits
def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_oversized_source_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    corpus = _corpus(tmp_path)
    big = _sparse(corpus / "big.txt", 52_428_800)
    read: list[str] = []
    real = pathlib.Path.read_bytes

    def spy(self):
        read.append(self.name)
        return real(self)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy)
    code, _, err = _run("extract", corpus, "--out", tmp_path / "claims", "-q")
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {big}: file is 52,428,800 bytes, over the 20,000,000-byte "
                               "limit; raise it with --max-bytes"]
    assert "big.txt" not in read
    assert (tmp_path / "claims" / "good.json").is_file()


@pytest.mark.parametrize("command", ["extract", "report", "check", "add"])
def test_max_bytes_flag_sets_the_limit_on_every_reading_command(tmp_path: Path, command: str) -> None:
    corpus = _corpus(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(GOOD * 3, "utf-8")
    size = article.stat().st_size
    claims, reports = tmp_path / "claims", tmp_path / "reports"
    argv = {"extract": ["extract", article, "--out", claims],
            "report": ["report", article, "--claims", claims, "--out", reports],
            "check": ["check", article, "--against", corpus, "--claims", claims],
            "add": ["add", article, "--corpus", corpus, "--claims", claims, "--out", reports]}[command]
    code, _, err = _run(*argv, "--max-bytes", str(size - 1))
    assert code == 2
    assert f"file is {size:,} bytes, over the {size - 1:,}-byte limit; raise it with --max-bytes" in err
    assert len(_err_lines(err)) == 1
    if command == "add":
        assert not (corpus / "article.txt").exists()  # refused before it was copied in
    code, _, err = _run(*argv, "--max-bytes", str(size))
    assert "byte limit" not in err and code in (0, 1)
    assert settings.SETTINGS.max_source_bytes == 20_000_000  # the override ends with the run


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_max_bytes_must_be_a_positive_number(value: str) -> None:
    code, _, err = _run("extract", "--max-bytes", value)
    assert code == 2 and "not a positive number of bytes" in err


def test_a_single_five_megabyte_line_completes(tmp_path: Path) -> None:
    words = " ".join(" ".join(f.read_text("utf-8").split()) for f in sorted(SEEDS.glob("*.txt")))
    line = (words + " ") * (5_000_000 // len(words) + 1)
    src = tmp_path / "line.txt"
    src.write_text(line[:5_000_000] + "\n", "utf-8")
    code, _, err = _run("extract", src, "--out", tmp_path / "claims", "-q")
    assert code == 0, err
    data = read_claims(tmp_path / "claims" / "line.json")
    assert len(data["claims"]) > 1000


# ---------------------------------------------------------------- the lock
@pytest.fixture
def live_pid():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc.pid
    proc.kill()
    proc.wait()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize("argv", [
    ["extract", "{corpus}", "--out", "claims"],
    ["report", "{corpus}", "--claims", "claims"],
    ["add", "{article}", "--corpus", "{corpus}", "--claims", "claims"],
    ["remove", "good.txt", "--corpus", "{corpus}", "--claims", "claims"],
    ["review", "x:1", "--note", "n", "--corpus", "{corpus}", "--claims", "claims"],
])
def test_a_second_writer_gets_one_line_and_exit_2(tmp_path: Path, monkeypatch, live_pid: int, argv) -> None:
    monkeypatch.setattr(settings, "SETTINGS", replace(settings.SETTINGS, lock_wait_seconds=0))
    corpus = _corpus(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(GOOD, "utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / LOCK_NAME).write_text(f"{live_pid}\n")
    before = _snapshot(tmp_path)
    code, out, err = _run(*[a.format(corpus=corpus, article=article) for a in argv])
    assert code == 2
    assert _err_lines(err) == [f"checker: error: claims/.checker.lock: another checker run (pid {live_pid}) "
                               "is using this corpus; try again when it ends"]
    assert _snapshot(tmp_path) == before  # nothing written, the other run's lock left alone
    assert (tmp_path / "claims" / LOCK_NAME).read_text().strip() == str(live_pid)


def test_check_does_not_need_the_lock(tmp_path: Path, monkeypatch, live_pid: int) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / LOCK_NAME).write_text(f"{live_pid}\n")
    code, _, err = _run("check", corpus / "good.txt", "--against", corpus)
    assert code in (0, 1) and "lock" not in err


@pytest.mark.parametrize("content", ["{dead}\n", "", "garbage"])
def test_a_stale_lock_is_taken_over_and_released(tmp_path: Path, content: str) -> None:
    corpus = _corpus(tmp_path)
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / LOCK_NAME).write_text(content.format(dead=_dead_pid()))
    code, _, err = _run("extract", corpus, "--out", claims, "-q")
    assert code == 0, err
    assert not (claims / LOCK_NAME).exists()


def test_the_lock_is_released_after_an_error(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    code, _, err = _run("remove", "nope.txt", "--corpus", _corpus(tmp_path), "--claims", claims,
                        "--out", tmp_path / "reports")
    assert code == 2 and "nope.txt" in err
    assert not (claims / LOCK_NAME).exists()


def test_corpus_lock_holds_the_pid_and_excludes(tmp_path: Path) -> None:
    with corpus_lock(tmp_path / "c") as path:
        assert path.read_text().strip() == str(os.getpid())
    assert not path.exists()


def test_two_report_runs_at_once_never_corrupt_the_corpus(tmp_path: Path) -> None:
    corpus = _big_corpus(tmp_path, 12)
    cmd = [sys.executable, "-m", "checker", "report", str(corpus), "-q"]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_ENV)
             for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert any(code == 0 for code, _ in results)
    for code, err in results:
        if code != 0:
            assert code == 2 and re.fullmatch(r"checker: error: claims/\.checker\.lock: another checker run "
                                              r"\(pid \d+\) is using this corpus; try again when it ends\n", err)
    _assert_intact(tmp_path / "claims", tmp_path / "reports", allow_tmp=False)
    assert not (tmp_path / "claims" / LOCK_NAME).exists()


# ---------------------------------------------------------------- interrupts
def _big_corpus(tmp_path: Path, n: int) -> Path:
    corpus = tmp_path / "story"
    corpus.mkdir()
    seeds = [f.read_text("utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    for i in range(n):
        text = seeds[i % len(seeds)] + f"\nThe delegation of {i + 2} officials met for {i % 9 + 2} hours.\n"
        (corpus / f"article-{i:03d}.txt").write_text(text, "utf-8")
    return corpus


def _assert_intact(claims: Path, reports: Path, allow_tmp: bool) -> None:
    for d in (claims, reports):
        if not d.is_dir():
            continue
        for p in d.iterdir():
            if p.name.endswith(".tmp"):
                assert allow_tmp, f"temp file left: {p}"
                assert p.name.startswith("."), p
            elif p.suffix == ".json":
                json.loads(p.read_text("utf-8"))  # parses: not truncated
                if d == claims:
                    read_claims(p)
            elif p.suffix == ".md":
                assert p.read_text("utf-8").endswith("\n")


def _start_and_kill(tmp_path: Path, sig: int) -> tuple[subprocess.Popen, str]:
    corpus = _big_corpus(tmp_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "checker", "report", str(corpus), "--format", "json"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_ENV)
    claims = tmp_path / "claims"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:  # kill it mid-run, once writing has begun
        if claims.is_dir() and any(p.suffix == ".json" for p in claims.iterdir()):
            break
        time.sleep(0.01)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    err = proc.stderr.read()
    proc.stderr.close()
    return proc, err


def test_sigterm_leaves_old_or_new_files_and_no_temp_files(tmp_path: Path) -> None:
    proc, err = _start_and_kill(tmp_path, signal.SIGTERM)
    if proc.returncode != 0:  # 0: the run ended before the signal arrived
        assert proc.returncode == 130
        assert _err_lines(err) == ["checker: interrupted"]
    _assert_intact(tmp_path / "claims", tmp_path / "reports", allow_tmp=False)
    assert not (tmp_path / "claims" / LOCK_NAME).exists()
    assert not [p for p in (tmp_path / "story").iterdir() if p.name.endswith(".tmp")]
    # the next run picks up where the interrupted one stopped
    code, _, err = _run("report", tmp_path / "story", "--claims", tmp_path / "claims", "--out", tmp_path / "reports", "-q")
    assert code == 0, err


def test_sigkill_leaves_no_truncated_json_and_the_stale_lock_is_taken_over(tmp_path: Path) -> None:
    proc, _ = _start_and_kill(tmp_path, signal.SIGKILL)
    assert proc.returncode in (0, -signal.SIGKILL)
    _assert_intact(tmp_path / "claims", tmp_path / "reports", allow_tmp=True)
    code, _, err = _run("report", tmp_path / "story", "--claims", tmp_path / "claims", "--out", tmp_path / "reports", "-q")
    assert code == 0, err
    assert not (tmp_path / "claims" / LOCK_NAME).exists()


def test_keyboard_interrupt_in_process_is_one_line_exit_130_and_releases_the_lock(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    import checker.pipeline as pipeline

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "extract_document", interrupted)
    code, _, err = _run("extract", _corpus(tmp_path), "--out", tmp_path / "claims")
    assert code == 130 and _err_lines(err) == ["checker: interrupted"]
    assert not (tmp_path / "claims" / LOCK_NAME).exists()


def test_add_interrupted_while_copying_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    import shutil
    corpus = _corpus(tmp_path)
    article = tmp_path / "new.txt"
    article.write_text(GOOD, "utf-8")

    def copy_then_stop(src, dst):
        Path(dst).write_text("half")
        raise KeyboardInterrupt
    monkeypatch.setattr(shutil, "copyfile", copy_then_stop)
    code, _, _ = _run("add", article, "--corpus", corpus, "--claims", tmp_path / "claims", "--out", tmp_path / "r")
    assert code == 130
    assert sorted(p.name for p in corpus.iterdir()) == ["good.txt"]


# ---------------------------------------------------------------- path traversal
@pytest.mark.parametrize("name", ["../../evil", "..", "/etc/passwd", "a/../../b", "..\\..\\x", "a\x00b", "", "."])
def test_source_ids_and_report_names_are_safe_file_names(name: str) -> None:
    for sid in (source_id(name), source_id(f"{name}.md"), source_id(name + ".txt")):
        assert re.fullmatch(r"[a-z0-9_][a-z0-9_.-]*", sid), sid
        assert "/" not in sid and "\\" not in sid and "\x00" not in sid and sid not in (".", "..")


@pytest.mark.parametrize("report_name", ["../../evil", "/tmp/evil", "a\x00b", "..", "sub/../../up"])
def test_nothing_is_written_outside_the_given_directories(tmp_path: Path, monkeypatch, report_name: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    corpus = _corpus(work, **{"..%2f..%2fetc__txt": GOOD.replace("Paris", "Lyon")})
    (corpus / "manifest.json").write_text(json.dumps(
        {"sources": {"good.txt": {"outlet": "../../x"}, "..%2f..%2fetc.txt": {"outlet": "/etc/x\u0000"}}}), "utf-8")
    before = _snapshot(tmp_path)
    code, _, err = _run("report", corpus, "--name", report_name, "--format", "json")
    assert code == 0, err
    code, _, err = _run("review", "--corpus", corpus)
    assert code == 0, err
    new = _snapshot(tmp_path) - before
    # the story keeps its state: claims/ and reports/ inside the corpus folder, nothing elsewhere
    assert new and all(p.startswith(("work/corpus/claims/", "work/corpus/reports/"))
                       or p in ("work/corpus/claims", "work/corpus/reports") for p in new), sorted(new)
    names = {p.name for p in (corpus / "reports").iterdir()}
    sid = source_id(f"{report_name}.md")
    assert names == {f"{sid}.md", f"{sid}.json", f"{sid}.state.json"}
    assert sorted(p.name for p in (corpus / "claims").iterdir()) == ["2f..-2fetc.json", "good.json"]
    assert not Path("/tmp/evil.md").exists() or "/tmp/evil.md" in before


# ---------------------------------------------------------------- unusable inputs
def test_every_unusable_source_is_one_line_and_the_rest_are_processed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, empty__txt=b"", blank__md=b" \n\t\r\n ",
                     photo__html=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", nul__txt=b"a\x00b\x00c\x00\x01\x02")
    (corpus / "folder.txt").mkdir()  # a directory with an article's name is not an article
    code, out, err = _run("report", corpus, "--claims", tmp_path / "claims", "--out", tmp_path / "reports")
    assert code == 2
    lines = _err_lines(err)
    assert len(lines) == 4, lines
    for name, reason in (("empty.txt", "empty file"), ("blank.md", "only whitespace"),
                         ("photo.html", "PNG image"), ("nul.txt", "NUL bytes")):
        assert any(f"{corpus / name}: " in line and reason in line for line in lines), (name, lines)
    assert "1 sources" in out
    assert sorted(p.name for p in (tmp_path / "claims").iterdir()) == ["good.json"]


def test_unreadable_file_is_one_line_and_the_rest_are_processed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, secret__txt=GOOD)
    secret = corpus / "secret.txt"
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user who can read a mode-000 file (root)")
        code, _, err = _run("extract", corpus, "--out", tmp_path / "claims", "-q")
    finally:
        secret.chmod(0o644)
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {secret}: permission denied"]
    assert (tmp_path / "claims" / "good.json").is_file()


@pytest.mark.parametrize("command", ["report", "check-against"])
def test_missing_path_is_one_line_and_the_rest_are_processed(tmp_path: Path, command: str) -> None:
    corpus = _corpus(tmp_path)
    missing = tmp_path / "gone"
    if command == "report":
        code, out, err = _run("report", missing, corpus, "--claims", tmp_path / "claims", "--out", tmp_path / "r")
        assert "1 sources" in out
    else:
        code, out, err = _run("check", corpus / "good.txt", "--against", missing, corpus,
                              "--claims", tmp_path / "claims")
    assert _err_lines(err) == [f"checker: error: {missing}: no such file or directory"]
    assert code == 2 if command == "report" else code in (0, 1, 2)


@pytest.mark.parametrize("command", ["check", "add"])
def test_a_directory_where_a_file_is_expected(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "draft.md"
    folder.mkdir()
    argv = ["check", folder, "--against", _corpus(tmp_path)] if command == "check" else \
        ["add", folder, "--corpus", _corpus(tmp_path), "--claims", tmp_path / "claims", "--out", tmp_path / "r"]
    code, _, err = _run(*argv)
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {folder}: is a directory, not a file"]


def test_load_document_on_a_directory_names_it(tmp_path: Path) -> None:
    from checker.errors import SourceError
    from checker.sources import load_document
    with pytest.raises(SourceError, match="is a directory, not a file"):
        load_document(tmp_path)


# ---------------------------------------------------------------- issue 13: tracebacks, hygiene, terminal
def _cli(argv, cwd: Path, stdin: bytes = b"", limit: int | None = None) -> subprocess.CompletedProcess:
    def fsize():
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([sys.executable, "-m", "checker", *map(str, argv)], cwd=cwd, input=stdin,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300,
                          preexec_fn=fsize if limit else None)


def test_non_utf8_stdin_is_decoded_like_a_file_never_a_traceback(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    proc = _cli(["check", "-", "--against", corpus, "--claims", tmp_path / "claims"], tmp_path,
                stdin=b"M\xfcnchen officials met on March 3, 2024.")
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert b"supported" in proc.stdout


def test_empty_stdin_is_named_stdin(tmp_path: Path) -> None:
    proc = _cli(["check", "-", "--against", _corpus(tmp_path), "--claims", tmp_path / "claims"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "checker: error: <stdin>: empty\n"


def test_an_internal_error_is_one_line_and_exit_3_never_1(tmp_path: Path, monkeypatch) -> None:
    import checker.draft as draft

    def crash(*a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(draft, "analyse", crash)
    code, _, err = _run("check", _corpus(tmp_path) / "good.txt", "--against", tmp_path / "corpus",
                        "--claims", tmp_path / "claims")
    assert code == 3
    assert _err_lines(err) == ["checker: internal error: RuntimeError: boom (please report it)"]


def test_disk_full_is_one_line_and_old_files_stay(tmp_path: Path, monkeypatch) -> None:
    import errno
    corpus = _corpus(tmp_path)
    claims, reports = tmp_path / "claims", tmp_path / "reports"
    assert _run("report", corpus, "--claims", claims, "--out", reports, "-q")[0] == 0
    before = {p: p.read_bytes() for d in (claims, reports) for p in d.iterdir()}
    (corpus / "good.txt").write_text(GOOD + "They met again on March 4, 2024.\n", "utf-8")
    real = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    code, _, err = _run("report", corpus, "--claims", claims, "--out", reports, "-q")
    monkeypatch.setattr(os, "fsync", real)
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {claims / 'good.json'}: cannot write: No space left on device"]
    assert {p: p.read_bytes() for d in (claims, reports) for p in d.iterdir()} == before


def test_file_size_limit_is_one_line_and_old_files_stay(tmp_path: Path) -> None:
    corpus = _big_corpus(tmp_path, 2)
    assert _cli(["report", corpus, "-q", "--claims", "claims", "--out", "reports"], tmp_path).returncode == 0
    claims = tmp_path / "claims"
    before = {p: p.read_bytes() for p in claims.iterdir()}
    limit = min(len(b) for b in before.values()) // 2
    for f in corpus.iterdir():
        f.write_text(f.read_text("utf-8") + "Talks resumed on May 9, 2024.\n", "utf-8")
    proc = _cli(["report", corpus, "-q", "--claims", "claims", "--out", "reports"], tmp_path, limit=limit)
    assert proc.returncode == 2, proc.stderr
    assert re.fullmatch(r"checker: error: claims/article-000\.json: cannot write: File too large\n",
                        proc.stderr.decode()), proc.stderr
    assert {p: p.read_bytes() for p in claims.iterdir()} == before


@pytest.mark.parametrize("manifest", ['["a.txt"]', '"story"', '{"sources": []}', '{"sources": {"good.txt": 3}}',
                                      '{"sources": {"good.txt": {"outlet": "A"}, "good.txt": {"outlet": "B"}}}'])
@pytest.mark.parametrize("command", ["add", "remove", "report"])
def test_a_malformed_manifest_is_one_line_and_add_copies_nothing(tmp_path: Path, manifest: str, command: str) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "manifest.json").write_text(manifest, "utf-8")
    article = tmp_path / "new.txt"
    article.write_text(GOOD, "utf-8")
    before = _snapshot(corpus)
    argv = {"add": ["add", article, "--corpus", corpus, "--outlet", "X"],
            "remove": ["remove", "good.txt", "--corpus", corpus],
            "report": ["report", corpus]}[command]
    code, _, err = _run(*argv, "--claims", tmp_path / "claims", "--out", tmp_path / "r")
    assert code == 2
    lines = _err_lines(err)
    assert len(lines) == 1 and lines[0].startswith(f"checker: error: {corpus / 'manifest.json'}: "), lines
    if "good.txt\": {\"outlet\": \"B" in manifest:
        assert '$["sources"]["good.txt"]: duplicate key' in lines[0]
    assert _snapshot(corpus) == before


def test_remove_from_a_missing_corpus_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    code, _, err = _run("remove", "good.txt", "--corpus", missing, "--claims", tmp_path / "c", "--out", tmp_path / "r")
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {missing}: no such corpus directory"]
    assert not missing.exists()


@pytest.mark.parametrize("data,reason", [(b"", "empty file"), (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "PDF"),
                                         (b"\x00\x01\x02\x03" * 50, "binary"), (b" \n\n", "only whitespace")])
def test_add_checks_the_article_before_copying_it(tmp_path: Path, data: bytes, reason: str) -> None:
    corpus = _corpus(tmp_path)
    article = tmp_path / "new.txt"
    article.write_bytes(data)
    before = _snapshot(corpus)
    code, _, err = _run("add", article, "--corpus", corpus, "--outlet", "X", "--claims", tmp_path / "c",
                        "--out", tmp_path / "r")
    assert code == 2
    lines = _err_lines(err)
    assert len(lines) == 1 and lines[0].startswith(f"checker: error: {article}: ") and reason in lines[0], lines
    assert _snapshot(corpus) == before


_HOSTILE = "x\x1b[2J\nchecker: error: forged"


def test_control_characters_in_file_names_are_escaped_in_error_lines(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, **{_HOSTILE + "__txt": b""})
    code, _, err = _run("report", corpus, "--claims", tmp_path / "c", "--out", tmp_path / "r", "-q")
    assert code == 2
    assert "\x1b" not in err and _err_lines(err) == [
        f"checker: error: {corpus}/x\\x1b[2J\\nchecker: error: forged.txt: empty file"]
    code, _, err = _run("add", tmp_path / (_HOSTILE + ".txt"), "--corpus", corpus, "--claims", tmp_path / "c",
                        "--out", tmp_path / "r")
    assert code == 2 and len(_err_lines(err)) == 1 and "\x1b" not in err


def test_control_characters_in_outlets_and_notes_are_escaped_in_listings(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = _corpus(tmp_path, other__txt=GOOD.replace("second", "third"))
    (corpus / "manifest.json").write_text(json.dumps({"sources": {"good.txt": {"outlet": "A\x1b[2J\nforged"},
                                                                  "other.txt": {"outlet": "B\u202eevil"}}}), "utf-8")
    code, out, err = _run("report", corpus, "-v")
    assert code == 0, err
    conflicts = [l for l in out.splitlines() if l.startswith("  conflict")]
    assert conflicts and all("\x1b" not in l and "\u202e" not in l for l in out.splitlines())
    code, out, err = _run("extract", corpus, "--out", tmp_path / "c2")
    assert code == 0, err
    assert "A\\x1b[2J\\nforged" in out and "B\\u202eevil" in out and "\x1b" not in out
    assert not [l for l in out.splitlines() if l.startswith("forged")]
    (corpus / "reviews.json").write_text(json.dumps({"reviews": {"x\x1b]0;pwned\x07": {"note": "ok\nchecker: error: no"}}}))
    code, out, err = _run("review", "--corpus", corpus)
    assert code == 0, err
    assert out.splitlines() == ["x\\x1b]0;pwned\\x07: noted, finding gone: ok\\nchecker: error: no"]


def test_a_fifo_and_a_symlink_loop_are_named_for_what_they_are(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    fifo, loop = tmp_path / "pipe.txt", tmp_path / "loop.txt"
    os.mkfifo(fifo)
    loop.symlink_to(loop)
    code, _, err = _run("report", fifo, loop, corpus, "--claims", tmp_path / "c", "--out", tmp_path / "r", "-q")
    assert code == 2
    assert _err_lines(err) == [f"checker: error: {fifo}: is a FIFO, not a regular file",
                               f"checker: error: {loop}: symlink loop"]
    for draft, reason in ((fifo, "is a FIFO, not a regular file"), (loop, "symlink loop")):
        code, _, err = _run("check", draft, "--against", corpus, "--claims", tmp_path / "c")
        assert code == 2 and _err_lines(err) == [f"checker: error: {draft}: {reason}"]
        code, _, err = _run("add", draft, "--corpus", corpus, "--claims", tmp_path / "c", "--out", tmp_path / "r")
        assert code == 2 and _err_lines(err) == [f"checker: error: {draft}: {reason}"]


def test_a_held_lock_is_waited_for_a_bounded_time(tmp_path: Path, monkeypatch, live_pid: int) -> None:
    import threading
    corpus = _corpus(tmp_path)
    lock = corpus / LOCK_NAME  # a colleague's add on the shared corpus, from another folder
    lock.write_text(f"{live_pid}\n")
    monkeypatch.setattr(settings, "SETTINGS", replace(settings.SETTINGS, lock_wait_seconds=0.3))
    article = tmp_path / "new.txt"
    article.write_text(GOOD.replace("Paris", "Lyon"), "utf-8")
    argv = ["add", article, "--corpus", corpus, "--outlet", "X", "--claims", tmp_path / "c", "--out", tmp_path / "r"]
    code, _, err = _run(*argv)
    assert code == 2 and _err_lines(err) == [f"checker: error: {lock}: another checker run (pid {live_pid}) is "
                                             "using this corpus (waited 0.3 s); try again when it ends"]
    assert not (corpus / "new.txt").exists() and lock.read_text().strip() == str(live_pid)
    monkeypatch.setattr(settings, "SETTINGS", replace(settings.SETTINGS, lock_wait_seconds=120))
    threading.Timer(0.5, lock.unlink).start()  # the colleague's run ends: this one goes ahead
    code, _, err = _run(*argv)
    assert code == 0, err
    assert (corpus / "new.txt").is_file() and not lock.exists()
    assert json.loads((corpus / "manifest.json").read_text("utf-8"))["sources"]["new.txt"] == {"outlet": "X"}
