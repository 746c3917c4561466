"""Command line: thin wrappers over the library; every error is one line, never a traceback.

``run(argv, stdout, stderr) -> int`` returns the exit code so tests can drive
the CLI in-process. Exit codes: 0 success, 1 findings that fail a check,
2 usage or input errors (and files that cannot be written: disk full), 3 an
internal error (a bug: one line, never a traceback, and never 1, which a CI
gate reads as "contradicted"; CHECKER_DEBUG=1 re-raises it), 130 interrupted
(Ctrl-C or SIGTERM).

Commands that write hold the lock of every directory they write while they run
(``checker.lock``): ``<claims dir>/.checker.lock`` and, for add, remove and
review --note, ``<corpus>/.checker.lock``, so two runs at once cannot lose each
other's updates; every file is written atomically, so an interrupted run
leaves each file either as it was or complete. Every line printed from data
goes through ``terminal.safe`` (control characters escaped).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from . import settings
from .errors import CheckerError
from .terminal import safe as _term

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so run() controls output and exit codes."""

    def error(self, message: str):  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _iso_date(text: str) -> str:
    import datetime as dt
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str, what: str, grouped: bool = False) -> int:
    """A positive integer option; with ``grouped``, '_' and ',' may group digits ("20,000,000")."""
    try:
        n = int(text.replace("_", "").replace(",", "") if grouped else text)
    except ValueError:
        n = 0
    if n <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of {what}: {text!r}")
    return n


def _byte_count(text: str) -> int:
    return _positive(text, "bytes", grouped=True)


def _max_bytes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-bytes", type=_byte_count, metavar="N",
                   help=f"refuse source files larger than N bytes (default: {settings.SETTINGS.max_source_bytes:,})")


def _job_count(text: str) -> int:
    return _positive(text, "processes")


def _jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_job_count, default=1, metavar="N",
                   help="load and extract sources in N processes (default: 1; the output is the same)")


def _corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--claims", type=Path, default=None, help="claims directory (default: the story folder's claims/, else ./claims/)")
    p.add_argument("--out", type=Path, default=None, help="reports directory (default: the story folder's reports/, else ./reports/)")
    p.add_argument("--format", choices=("md", "json", "html"), default="md",
                   help="json also writes the JSON report, html a self-contained HTML view")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="checker", description="Source-comparison and fact-consistency checker for news editors.",
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"checker {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ex = sub.add_parser(
        "extract", help="extract schema-validated claims from articles into claims/",
        description="Extract dates, durations, counts, ordinals, quotes, events and entities from "
                    "each article and write one claims file per source.",
        epilog="example:\n  checker extract                      # the built-in seeds -> claims/\n"
               "  checker extract story/ --out story-claims/\n"
               "  checker extract draft.md --published 2025-02-28 --outlet 'Our Paper'",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("paths", nargs="*", metavar="PATH",
                    help="a story folder, article files or URLs (a URL's article is fetched once and kept "
                         "in ./fetched/; default: the built-in seeds/, only inside the project checkout)")
    ex.add_argument("--out", type=Path, default=None, help="directory for claims files (default: the story folder's claims/, else ./claims/)")
    ex.add_argument("--outlet", help="outlet name (overrides detection and the manifest)")
    ex.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD (overrides detection)")
    ex.add_argument("--url", help="article URL (overrides detection)")
    ex.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    _jobs_option(ex)
    _max_bytes_option(ex)

    rp = sub.add_parser(
        "report", help="align all sources, judge agreement and conflict, write the Markdown report",
        description="Extract what is missing or stale, align the claims of all sources, judge every "
                    "aligned event and statement, and write reports/<corpus>.md (and .json with --format json).",
        epilog="example:\n  checker report                       # the built-in seeds -> reports/seeds.md\n"
               "  checker report story/ --format json  # also reports/story.json\n"
               "  checker report story/ --format html  # also reports/story.html, to open in a browser\n"
               "  checker report story/ --stdout       # print the Markdown instead of writing it",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    rp.add_argument("paths", nargs="*", metavar="PATH-OR-URL",
                    help="a story folder, article files or URLs (a URL's article is fetched once and kept "
                         "in ./fetched/; default: the built-in seeds/, only inside the project checkout)")
    rp.add_argument("--claims", type=Path, default=None, help="claims directory (default: the story folder's claims/, else ./claims/)")
    rp.add_argument("--out", type=Path, default=None, help="reports directory (default: the story folder's reports/, else ./reports/)")
    rp.add_argument("--format", choices=("md", "json", "html"), default="md",
                    help="md writes the Markdown report; json writes the JSON report beside it too; "
                         "html writes a self-contained HTML view beside it (findings linked to the "
                         "highlighted claims in each source's text)")
    rp.add_argument("--name", help="corpus name for the report file (default: the directory name)")
    rp.add_argument("--stdout", action="store_true", help="print the Markdown report to stdout")
    rp.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    rp.add_argument("-v", "--verbose", action="store_true", help="also list re-extracted sources and conflicts")
    _jobs_option(rp)
    _max_bytes_option(rp)

    ck = sub.add_parser(
        "check", help="pre-publication check of a draft against the corpus",
        description="Extract the claims of a draft (.md or .txt), align them with the corpus's stored claims "
                    "and say, for each, whether it is contradicted, supported (by which outlets) or unsupported. "
                    "Exit 0 when nothing is contradicted, 1 when something is (--strict: or unsupported), "
                    "2 for usage or input errors, 3 for an internal error.",
        epilog="example:\n  checker check draft.md --against story/\n"
               "  checker check draft.md --against story/ --report check.md --strict\n"
               "  pbpaste | checker check -",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ck.add_argument("draft", type=Path, metavar="DRAFT", help="the draft to check (.md or .txt; - reads stdin)")
    ck.add_argument("--against", nargs="+", default=None, metavar="PATH-OR-URL",
                    help="the story folder, article files or URLs to check against (a URL's article is "
                         "fetched once and kept in ./fetched/; default: the built-in seeds/, only inside "
                         "the project checkout)")
    ck.add_argument("--claims", type=Path, default=None, help="claims directory (default: the story folder's claims/, else ./claims/)")
    ck.add_argument("--published", type=_iso_date, help="the draft's publication date (default: detected, else unknown)")
    ck.add_argument("--report", type=Path, metavar="FILE.md", help="also write the full Markdown report")
    ck.add_argument("--strict", action="store_true", help="unsupported claims fail the check too")
    ck.add_argument("-q", "--quiet", action="store_true", help="print contradictions only")
    _max_bytes_option(ck)

    ad = sub.add_parser(
        "add", help="add an article to the corpus and re-verify",
        description="Copy an article into the corpus, record its metadata in the corpus manifest, extract "
                    "its claims, re-align and print what changed: new conflicts, claims newly corroborated, "
                    "conflicts resolved. Other sources' claims are reused, not re-extracted.",
        epilog="example:\n  checker add ~/Downloads/reuters.txt --outlet Reuters --published 2025-02-28\n"
               "  checker add https://www.example.com/news/quake-toll --corpus story/\n"
               "  checker add new.html --corpus story/ --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ad.add_argument("file", metavar="FILE-OR-URL",
                    help="the article (.txt, .md, .html), or its URL: the page is fetched once and its "
                         "article text kept in the corpus (the HTML under _fetched/), so reruns are offline")
    ad.add_argument("--corpus", type=Path, default=None, help="the story folder (default: the built-in seeds/, only inside the project checkout)")
    ad.add_argument("--outlet", help="outlet name")
    ad.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD")
    ad.add_argument("--url", help="article URL")
    ad.add_argument("--replace", action="store_true", help="replace a different file of the same name")
    _corpus_options(ad)
    _jobs_option(ad)
    _max_bytes_option(ad)

    rm = sub.add_parser(
        "remove", help="remove a source from the corpus and re-verify",
        description="Remove an article (by file name or source id) from the corpus, its manifest entry and "
                    "its claims file, re-align and print what changed.",
        epilog="example:\n  checker remove 004_898512bc08cbb9b7\n  checker remove reuters.txt --corpus story/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    rm.add_argument("source", metavar="SOURCE", help="file name or source id")
    rm.add_argument("--corpus", type=Path, default=None, help="the story folder (default: the built-in seeds/, only inside the project checkout)")
    _corpus_options(rm)
    _jobs_option(rm)

    rv = sub.add_parser(
        "review", help="dismiss a finding as a false alarm or confirm it, with a note",
        description="Record an editor's review of a finding in <corpus>/reviews.json: --dismiss (a false "
                    "alarm: it leaves the conflict list and is shown under Reviews), --confirm (a real "
                    "conflict, marked so), or a plain note. Finding ids are stable across runs; the report "
                    "files are rewritten at once, and a finding whose evidence changes is reopened as "
                    "needing review again. Without --note, list the reviews and their state.",
        epilog="example:\n  checker review numbering:2 --dismiss --note \"BS counts Riyadh as round one\"\n"
               "  checker review date:ev-2025-03-03-rotterdam --confirm --note \"Gazette is wrong\" --by anna\n"
               "  checker review --corpus story/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    rv.add_argument("finding", nargs="?", metavar="FINDING-ID", help="finding id as printed in the report")
    rv.add_argument("--note", help="the review note")
    decision = rv.add_mutually_exclusive_group()
    decision.add_argument("--dismiss", action="store_const", dest="decision", const="dismissed",
                          help="a false alarm: the finding leaves the conflict list (shown under Reviews)")
    decision.add_argument("--confirm", action="store_const", dest="decision", const="confirmed",
                          help="a real conflict: marked as confirmed in the report")
    rv.add_argument("--by", help="who decided (default: $CHECKER_EDITOR, else the login name)")
    rv.add_argument("--corpus", type=Path, default=None, help="the story folder (default: the built-in seeds/, only inside the project checkout)")
    rv.add_argument("--out", type=Path, default=None, help="reports directory (default: the story folder's reports/, else ./reports/)")
    rv.add_argument("--claims", type=Path, default=None, help="claims directory (default: the story folder's claims/, else ./claims/)")

    et = sub.add_parser(
        "eval-timeml", help="score date and duration extraction on TimeML (TempEval-3 method)",
        description="Read TimeML files, take each document's creation time as the publication date, run the "
                    "date and duration extractors on the raw text and print relaxed and strict span F1 and value "
                    "F1 for DATE+DURATION (TIME and SET apart). --out writes the system output as TimeML.",
        epilog="example:\n  checker eval-timeml ../shared/bench/tempeval3/tbaq-cleaned\n"
               "  checker eval-timeml corpus/ --out system-tml/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    et.add_argument("directory", type=Path, metavar="DIR", help="directory of .tml files (searched recursively)")
    et.add_argument("--out", type=Path, default=None, help="write the system's TimeML here")

    ea = sub.add_parser(
        "eval-attribution", help="score quote and attribution extraction on brat standoff (PolNeAR)",
        description="Run quote and statement extraction on each article and score it against brat annotations "
                    "(one .ann per article; where several exist, the first): attribution found, content token F1, "
                    "speaker correct, cue found; direct quotes and indirect speech apart.",
        epilog="example:\n  checker eval-attribution ../shared/bench/polnear/dev",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ea.add_argument("directory", type=Path, metavar="DIR", help="directory of .txt and .ann files")

    ev = sub.add_parser(
        "eval", help="score extraction against a gold annotation file",
        description="Extract the articles a gold file names and print precision and recall per "
                    "claim kind (required and bonus items apart), plus any claim citing boilerplate.",
        epilog="example:\n  checker eval ../shared/gold/seeds.json\n  checker eval gold.json --sources story/ -v",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("gold", type=Path, metavar="GOLD", help="gold file (format: see README, Evaluation)")
    ev.add_argument("--sources", type=Path, default=None, help="directory holding the articles (default: seeds/)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss and false positive")

    bn = sub.add_parser(
        "bench", help="measure extraction and alignment time and memory at 100 and 1,000 sources",
        description="Generate corpora of many multi-outlet stories offline (real sentence patterns, varied), "
                    "extract them end to end (words/s), report them again with claims cached and print the "
                    "alignment time, the warm report time, peak RSS and the growth exponent between sizes. "
                    "Under 10 minutes by default; --large adds 10,000 sources.",
        epilog="example:\n  checker bench\n  checker bench --large --json bench.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    bn.add_argument("--large", action="store_true", help="also 10,000 sources (several more minutes)")
    bn.add_argument("--sizes", type=lambda t: tuple(int(x) for x in t.split(",")), default=None,
                    metavar="N,N", help="the sizes to measure instead (comma-separated source counts)")
    bn.add_argument("--json", type=Path, default=Path("bench.json"), metavar="FILE",
                    help="where to write the figures (default: bench.json)")
    return p


def run(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except _UsageError as e:
        print(f"{_term(e)}\nTry 'checker --help'.", file=err)
        return EXIT_INPUT
    except SystemExit as e:  # --help / --version
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_INPUT
    try:
        with settings.overridden(max_source_bytes=getattr(args, "max_bytes", None)):
            _place(args)
            if args.command in _WRITERS:
                from .lock import corpus_locks
                if args.command in _PRECHECKS:  # what needs no lock is checked before any is taken
                    _PRECHECKS[args.command](args)
                with corpus_locks(_WRITERS[args.command](args)):
                    return _COMMANDS[args.command](args, out, err)
            return _COMMANDS[args.command](args, out, err)
    except CheckerError as e:
        print(f"checker: error: {_term(e)}", file=err)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("checker: interrupted", file=err)
        return 130
    except BrokenPipeError:  # the reader left: main() handles it
        raise
    except OSError as e:  # the environment, not the input: disk full, permissions, ...
        where = f"{_term(e.filename)}: " if e.filename else ""
        print(f"checker: error: {where}{_term(e.strerror or e)}", file=err)
        return EXIT_INPUT
    except Exception as e:  # a bug: one line and its own exit code, never 1 ("contradicted")
        if os.environ.get("CHECKER_DEBUG"):
            raise
        print(f"checker: internal error: {type(e).__name__}: {_term(e)} (please report it)", file=err)
        return EXIT_INTERNAL


def _cmd_extract(args, out: TextIO, err: TextIO) -> int:
    from tabulate import tabulate
    from .pipeline import extract_corpus
    paths = args.paths
    overrides = {"outlet": args.outlet, "published": args.published, "url": args.url}
    result = extract_corpus(paths, args.out, overrides, jobs=args.jobs)
    for e in result.errors:
        print(f"checker: error: {_term(e)}", file=err)
    if not args.quiet:
        rows = []
        for doc in result.documents:
            data = result.claims[doc.id]
            kinds: dict[str, int] = {}
            for c in data["claims"]:
                kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
            rows.append([doc.id, _term(doc.meta.outlet or "?"), doc.meta.published or "unknown",
                         len(data["claims"]), len(doc.furniture),
                         ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))])
        if rows:
            print(tabulate(rows, headers=["source", "outlet", "published", "claims", "furniture", "by kind"]),
                  file=out)
        print(f"{len(result.written)} claims file(s) written to {_term(args.out)}/", file=out)
    return EXIT_INPUT if result.errors else EXIT_OK


def _cmd_report(args, out: TextIO, err: TextIO) -> int:
    from .pipeline import report_corpus
    paths = args.paths
    formats = _formats(args.format)
    result = report_corpus(paths, args.claims, args.out, () if args.stdout else formats, args.name,
                           progress=_progress_bar(err), jobs=args.jobs)
    for e in result.errors:
        print(f"checker: error: {_term(e)}", file=err)
    for w in result.warnings:
        print(f"checker: warning: {_term(w)}", file=err)
    if args.stdout:
        out.write(result.markdown)
    elif not args.quiet:
        counts: dict[str, int] = {}
        for f in result.report["findings"]:
            counts[f["status"]] = counts.get(f["status"], 0) + 1
        summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("conflict", "variant", "agree", "single-source", "unresolved"))
        print(f"{len(result.docs)} sources ({len(result.reextracted)} re-extracted): {summary}", file=out)
        if args.verbose:
            for sid in result.reextracted:
                print(f"  re-extracted {sid}", file=out)
            for f in result.report["findings"]:
                if f["status"] == "conflict":
                    print(f"  conflict {f['id']}: {_term(f['explanation'])}", file=out)
        for p in result.written:
            print(f"wrote {_term(p)}", file=out)
    return EXIT_INPUT if result.errors else EXIT_OK


def _cmd_check(args, out: TextIO, err: TextIO) -> int:
    import tempfile
    from .claims import atomic_write
    from .draft import check
    from .errors import SourceError
    from .sources import not_regular
    with tempfile.TemporaryDirectory() as tmp:
        if str(args.draft) == "-":  # the draft on standard input: its bytes, decoded as a file's would be
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
            if not data:
                raise CheckerError("<stdin>", "empty")
            draft = Path(tmp) / "stdin.md"
            draft.write_bytes(data)
        else:
            draft = args.draft
            problem = not_regular(draft, "draft not found")
            if problem:
                raise CheckerError(str(draft), problem)
        try:
            result = check(draft, args.against, args.claims, args.published)
        except SourceError as e:
            if str(args.draft) == "-" and e.path == str(draft):
                raise SourceError("<stdin>", e.reason) from None
            raise
    name = _term(args.draft)
    for e in result.errors:
        print(f"checker: error: {_term(e)}", file=err)
    for w in result.warnings:
        print(f"checker: warning: {_term(w)}", file=err)
    if not result.verdicts:
        print(f"{name}: no checkable claims found", file=out)
    for v in result.verdicts:
        if args.quiet and v.status != "contradicted":
            continue
        ev = v.claim["evidence"]
        print(f"{name}:{ev['line']}:{ev['column']}: {_term(' '.join(v.message.split()))}", file=out)
        for w in v.wording:
            print(f"    {_term(w)}", file=out)
    if args.report:
        atomic_write(args.report, result.markdown)
    failed = any(v.status == "contradicted" or (args.strict and v.status == "unsupported") for v in result.verdicts)
    return EXIT_FAIL if failed else EXIT_OK


def _progress_bar(err: TextIO, minimum: int = 10):
    """A one-line progress bar on stderr, only for long runs and only when stderr is a terminal."""
    if not (hasattr(err, "isatty") and err.isatty()):
        return None

    def show(i: int, n: int, what: str) -> None:
        if n < minimum:
            return
        width = 30
        done = width * i // n
        err.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {what[:30]:30s}")
        if i == n:
            err.write("\r" + " " * (width + 45) + "\r")
        err.flush()
    return show


def _formats(fmt: str) -> tuple[str, ...]:
    """The files a run writes: the Markdown report always, plus the format asked for."""
    return ("md",) if fmt == "md" else ("md", fmt)


def _reverify(corpus: Path, args, out: TextIO, err: TextIO) -> int:
    from .pipeline import report_corpus
    formats = _formats(args.format)
    result = report_corpus([corpus], args.claims, args.out, formats, progress=_progress_bar(err), jobs=args.jobs)
    for e in result.errors:
        print(f"checker: error: {_term(e)}", file=err)
    if not args.quiet:
        print(f"{len(result.docs)} sources ({len(result.reextracted)} re-extracted)", file=out)
        for line in result.changes:
            print(f"  {_term(line)}", file=out)
        for p in result.written:
            print(f"wrote {_term(p)}", file=out)
    return EXIT_INPUT if result.errors else EXIT_OK


def _meta(args) -> dict:
    return {"outlet": args.outlet, "published": args.published, "url": args.url}


def _check_add(args) -> None:
    """Before any lock: the article loads as every later run would load it (else nothing is copied).
    A URL is fetched here, its article extracted and checked, and kept only by ``_cmd_add``."""
    from .sources.fetch import fetch_article, is_fetchable
    from .workflow import check_article
    if is_fetchable(args.file):
        args.fetched = fetch_article(args.file)
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "article.txt"
            probe.write_text(args.fetched.text, "utf-8")
            check_article(probe, _meta(args))
        return
    args.fetched = None
    args.file = Path(args.file)
    check_article(args.file, _meta(args))


def _check_corpus(args) -> None:
    from .workflow import require_corpus
    require_corpus(_corpus_of(args))


def _cmd_add(args, out: TextIO, err: TextIO) -> int:
    from .workflow import add_source
    corpus = _corpus_of(args)
    a = getattr(args, "fetched", None)
    if a is not None:  # what the page says about itself, unless the editor said otherwise
        from .sources.fetch import keep_article
        file = keep_article(a, corpus)
        meta = {"outlet": args.outlet or a.outlet, "published": args.published or a.published,
                "url": args.url or a.url, "byline": a.byline, "title": a.title}
        target = add_source(corpus, file, meta, replace=True, checked=True)
    else:
        target = add_source(corpus, Path(args.file), _meta(args), replace=args.replace, checked=True)
    if not args.quiet:
        print(f"added {_term(target)}", file=out)
    return _reverify(corpus, args, out, err)


def _cmd_remove(args, out: TextIO, err: TextIO) -> int:
    from .workflow import remove_source
    corpus = _corpus_of(args)
    target = remove_source(corpus, args.source, args.claims)
    if not args.quiet:
        print(f"removed {_term(target)}", file=out)
    return _reverify(corpus, args, out, err)


def _editor(args) -> str | None:
    if args.by:
        return args.by
    import getpass
    with contextlib.suppress(Exception):  # no login name in some containers
        return os.environ.get("CHECKER_EDITOR") or getpass.getuser()
    return None


def _cmd_review(args, out: TextIO, err: TextIO) -> int:
    from .pipeline import corpus_name, report_corpus
    from .workflow import add_review, load_reviews, read_state, review_status
    corpus = _corpus_of(args)
    name = corpus_name([corpus])
    state = read_state(args.out / f"{name}.state.json")
    if args.finding and args.note is not None:
        decision = args.decision or "noted"
        add_review(corpus, args.finding, args.note, state, decision, _editor(args))
        word = {"noted": "reviewed", "confirmed": "confirmed", "dismissed": "dismissed"}[decision]
        print(f"{word} {_term(args.finding)}: {_term(args.note)}", file=out)
        # the report files show the decision at once: rewrite those that exist (claims are cached)
        formats = ("md",) + tuple(f for f in ("json", "html") if (args.out / f"{name}.{f}").is_file())
        result = report_corpus([corpus], args.claims, args.out, formats)
        for p in result.written:
            print(f"wrote {_term(p)}", file=out)
        return EXIT_OK
    if args.finding or args.decision:
        raise CheckerError(None, "give --note to review a finding, or no FINDING-ID to list reviews")
    reviews = load_reviews(corpus)
    status = review_status(reviews, state) if state else {}
    for fid in sorted(reviews):
        r = status.get(fid)
        st = f"{r.decision}, {r.state}" if r else "unknown (no report yet)"
        who = f" by {r.by}" if r and r.by else ""
        print(f"{_term(fid)}: {st}{_term(who)}: {_term(reviews[fid]['note'])}", file=out)
    if not reviews:
        print("no reviews yet", file=out)
    return EXIT_OK


def _cmd_eval_timeml(args, out: TextIO, err: TextIO) -> int:
    from .benchmarks.timeml import main_eval_timeml
    if not args.directory.is_dir():
        raise CheckerError(str(args.directory), "not a directory")
    text, _ = main_eval_timeml(args.directory, args.out)
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _cmd_eval_attribution(args, out: TextIO, err: TextIO) -> int:
    from .benchmarks.polnear import main_eval_attribution
    if not args.directory.is_dir():
        raise CheckerError(str(args.directory), "not a directory")
    text, _ = main_eval_attribution(args.directory)
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _cmd_bench(args, out: TextIO, err: TextIO) -> int:
    from .benchmarks.bench import DEFAULT_SIZES, LARGE_SIZES, run_bench
    sizes = args.sizes or (LARGE_SIZES if args.large else DEFAULT_SIZES)
    if any(n < 1 for n in sizes):
        raise CheckerError("--sizes", "every size must be at least 1 source")
    text, _ = run_bench(sizes, args.json)
    out.write(text + f"\nfigures written to {_term(args.json)}\n")
    return EXIT_OK


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _cmd_eval(args, out: TextIO, err: TextIO) -> int:
    from tabulate import tabulate
    from .evaluate import evaluate, evaluate_findings, load_gold
    from .pipeline import extract_document
    from .sources import load_corpus
    gold = load_gold(args.gold)
    from .story import demo_path
    src_dir = args.sources or demo_path()
    files = {key: src_dir / s["file"] for key, s in gold["sources"].items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        print(f"checker: error: {_term(missing[0])}: article named by the gold file not found "
              f"(use --sources DIR)", file=err)
        return EXIT_INPUT
    docs, errors = load_corpus([src_dir])
    for e in errors:
        print(f"checker: error: {_term(e)}", file=err)
    by_name = {Path(d.meta.path).name: d for d in docs}
    claims, raws = {}, {}
    for key, path in files.items():
        doc = by_name.get(path.name)
        if doc is None:
            continue
        claims[key] = extract_document(doc)
        raws[path.name] = doc.raw
    report = evaluate(gold, claims, raws)
    rows = []
    for kind, sc in report.kinds.items():
        rows.append([kind, f"{sc.required_hit}/{sc.required}", _pct(sc.recall),
                     f"{sc.bonus_hit}/{sc.bonus}", _pct(sc.bonus_recall),
                     f"{sc.correct}/{sc.predicted - sc.neutral}", _pct(sc.precision)])
    print(tabulate(rows, headers=["kind", "required", "recall", "bonus", "bonus recall",
                                  "correct/predicted", "precision"], disable_numparse=True), file=out)
    q = report.kinds["quote"]
    acc = q.speaker_right / q.speaker_pairs if q.speaker_pairs else None
    print(f"quote speaker accuracy: {_pct(acc)} ({q.speaker_right}/{q.speaker_pairs} quotes located)", file=out)
    print(f"claims citing boilerplate: {len(report.furniture_citations)}", file=out)
    for line in report.furniture_citations:
        print(f"  {_term(line)}", file=out)
    if gold.get("findings"):
        from .analysis import analyse as build
        sid_of = {key: claims[key]["source"]["id"] for key in claims}
        fs = evaluate_findings(gold, build([claims[k] for k in sorted(claims)], "eval"), sid_of)
        rows = []
        for label, items in (("conflicts", fs.conflicts), ("agreements", fs.agreements)):
            req = [i for i in items if i[1]]
            bon = [i for i in items if not i[1]]
            rows.append([label, f"{sum(i[2] for i in req)}/{len(req)}", f"{sum(i[2] for i in bon)}/{len(bon)}"])
        rows.append(["single-source", f"{sum(i[1] for i in fs.single_source)}/{len(fs.single_source)}", "-"])
        rows.append(["false conflicts (not_conflicts flagged)",
                     f"{sum(i[1] for i in fs.not_conflicts)}/{len(fs.not_conflicts)}", "-"])
        rows.append(["raised conflicts that are real",
                     f"{sum(r is not None for _, r in fs.raised)}/{len(fs.raised)}", "-"])
        print("", file=out)
        print(tabulate(rows, headers=["findings", "required found", "bonus found"]), file=out)
        if args.verbose:
            for label, items in (("conflict", fs.conflicts), ("agreement", fs.agreements)):
                for fid, req, found in items:
                    if not found:
                        print(f"finding missed: {label} {fid}{'' if req else ' (bonus)'}", file=out)
            for fid, found in fs.single_source:
                if not found:
                    print(f"finding missed: single-source {fid}", file=out)
            for fid, flagged in fs.not_conflicts:
                if flagged:
                    print(f"false conflict: {fid}", file=out)
            for fid, real in fs.raised:
                print(f"raised conflict: {fid}: {'real (' + real + ')' if real else 'not in the gold'}", file=out)
    for w in report.warnings:
        print(f"warning: {_term(w)}", file=err)
    if args.verbose:
        for kind, sc in report.kinds.items():
            for m in sc.misses:
                print(f"miss: {_term(m)}", file=out)
            for fp in sc.false_positives:
                print(f"false positive: {_term(fp)}", file=out)
    return EXIT_OK


_COMMANDS = {"extract": _cmd_extract, "report": _cmd_report, "check": _cmd_check, "add": _cmd_add,
             "remove": _cmd_remove, "review": _cmd_review, "eval": _cmd_eval, "bench": _cmd_bench,
             "eval-timeml": _cmd_eval_timeml, "eval-attribution": _cmd_eval_attribution}

def _corpus_of(args) -> Path:
    return args.corpus


FETCHED = Path("fetched")  # where URLs given to report, extract and check are kept


def _fetched(paths: list[str]) -> list[Path]:
    """Paths as given, with each URL replaced by its kept text in ./fetched/ (fetched the first time)."""
    from .sources.fetch import fetched_source, is_fetchable
    return [fetched_source(p, FETCHED) if is_fetchable(p) else Path(p) for p in paths]


def _place(args) -> None:
    """Settle where a command's story is and where its state goes (``checker.story``): the demo
    seeds only inside the checkout, never written; a story folder keeps its own claims/ and reports/."""
    from . import story
    cmd = args.command
    if cmd in ("extract", "report"):
        args.paths = _fetched(args.paths) or [story.default_corpus(cmd)]
        if cmd == "report":
            args.claims, args.out = story.state_dirs(args.paths, args.claims, args.out)
        else:  # extract's --out is its claims directory
            args.out = story.state_dirs(args.paths, args.out, None)[0]
    elif cmd == "check":
        args.against = _fetched(args.against or []) or [story.default_corpus(cmd, "--against")]
        args.claims = story.state_dirs(args.against, args.claims, None)[0]
    elif cmd in ("add", "remove", "review"):
        args.corpus = args.corpus or story.default_corpus(cmd, "--corpus")
        if cmd != "review" or args.note is not None:
            story.require_writable(args.corpus)
        args.claims, args.out = story.corpus_state_dirs(args.corpus, args.claims, args.out)


# Commands that write, and the directories whose locks each takes: every directory it writes
# (claims, and the corpus for manifest.json, reviews.json and the article files). `check` is not
# one: it only re-writes stale claims files, atomically and byte-identically.
_WRITERS = {"extract": lambda a: [a.out], "report": lambda a: [a.claims],
            "add": lambda a: [a.claims, _corpus_of(a)], "remove": lambda a: [a.claims, _corpus_of(a)],
            "review": lambda a: [a.claims] + ([_corpus_of(a)] if a.note is not None else [])}  # listing reads
# Checks a writer runs before taking any lock (and so before anything, even a lock file, is written).
_PRECHECKS = {"add": _check_add, "remove": _check_corpus, "review": _check_corpus,
              "report": lambda a: _check_sources(a.paths), "extract": lambda a: _check_sources(a.paths)}


def _check_sources(paths: list[Path]) -> None:
    """Before any lock or directory is made: when none of the sources exists there is nothing to do."""
    if paths and not any(p.exists() for p in paths):
        raise CheckerError(str(paths[0]), "no such file or directory" if len(paths) == 1 else
                           f"no such file or directory (nor any of the other {len(paths) - 1})")


def _terminate(signum, frame) -> None:
    """SIGTERM ends a run the way Ctrl-C does: cleanup runs, "checker: interrupted", exit 130."""
    raise KeyboardInterrupt


# Commands that load and analyse a corpus (the others, and --help or --version, start light).
_HEAVY = frozenset({"extract", "report", "check", "add", "remove", "review", "eval"})


def _heavy(argv: list[str]) -> bool:
    """Will this command line load a corpus? (its command is one of ``_HEAVY``, and not --help)"""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    return next((a for a in argv if not a.startswith("-")), None) in _HEAVY


def main() -> None:
    argv = sys.argv[1:]
    if _heavy(argv):
        # The modules a corpus run needs leave many long-lived objects (lexicons, compiled
        # patterns) that every full collection of the cyclic garbage collector would scan again;
        # a command that loads a corpus moves them to the permanent generation once they are
        # loaded. --help, --version and the eval-* commands start without them.
        from . import analysis, pipeline  # noqa: F401
        from .render import markdown  # noqa: F401
        gc.freeze()
    with contextlib.suppress(ValueError, OSError):  # not the main thread, or no SIGTERM on this OS
        signal.signal(signal.SIGTERM, _terminate)
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # "checker report --stdout | head": the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
