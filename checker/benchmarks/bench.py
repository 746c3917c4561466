"""``checker bench``: how extraction and alignment grow with the number of sources.

For each size (100 and 1,000 sources; 10,000 with ``--large``) a corpus of many multi-outlet
stories is generated offline (``checker.benchmarks.scale``), extracted end to end (words/s), then
reported again with its claims cached: the alignment and judgement time (``analysis.analyse``),
the warm ``checker report`` time and the peak RSS. Each size runs in its own child process, so
its peak RSS is its own. Between sizes the growth exponent k of time ~ n^k is fitted (1 linear,
2 quadratic). Prints a table and writes the figures as JSON.
"""

from __future__ import annotations

import json
import math
import multiprocessing as mp
import os
import platform
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (100, 1000)
LARGE_SIZES = (100, 1000, 10000)


def measure(n: int, work: Path, seed: int = 0) -> dict[str, Any]:
    """Generate ``n`` sources under ``work``, extract them, report twice; the figures."""
    from ..analysis import analyse
    from ..claims import read_claims
    from ..pipeline import extract_corpus, report_corpus
    from .scale import generate

    corpus = work / f"c{n}"
    paths = generate(corpus, n, seed=seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    claims, reports = work / f"claims{n}", work / f"reports{n}"
    extract_corpus([paths[0]], None)  # lexicons and models loaded: what follows is throughput
    t = time.perf_counter()
    extract_corpus([corpus], claims)
    extract_s = time.perf_counter() - t
    docs = [read_claims(p) for p in sorted(claims.glob("*.json"))]
    analyse(docs[:3], "warm-up")  # lexicons loaded: what follows is the alignment itself
    t = time.perf_counter()
    report = analyse(docs, "bench")
    align_s = time.perf_counter() - t
    t = time.perf_counter()
    report_corpus([corpus], claims, reports, ("md", "json"))
    report_s = time.perf_counter() - t
    return {"sources": n, "words": words, "claims": sum(len(d["claims"]) for d in docs),
            "findings": len(report["findings"]), "extract_s": round(extract_s, 2),
            "extract_words_per_s": round(words / extract_s) if extract_s else None,
            "align_s": round(align_s, 2), "report_warm_s": round(report_s, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _child(n: int, work: str, seed: int, q) -> None:
    try:
        q.put(measure(n, Path(work), seed))
    except BaseException as e:  # reported by the parent
        q.put({"sources": n, "error": f"{type(e).__name__}: {e}"})


def exponent(a: dict[str, Any], b: dict[str, Any], key: str = "align_s") -> float | None:
    """k in time ~ n^k between two sizes."""
    if not a.get(key) or not b.get(key) or a["sources"] == b["sources"]:
        return None
    return round(math.log(b[key] / a[key]) / math.log(b["sources"] / a["sources"]), 2)


def run_bench(sizes: tuple[int, ...] = DEFAULT_SIZES, json_out: Path | None = None,
              seed: int = 0) -> tuple[str, dict[str, Any]]:
    """Measure every size (each in a child process); the table and the figures."""
    from tabulate import tabulate
    rows = []
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as work:
        for n in sizes:
            q = ctx.Queue()
            p = ctx.Process(target=_child, args=(n, work, seed, q))
            p.start()
            row = q.get()
            p.join()
            rows.append(row)
    for a, b in zip(rows, rows[1:]):
        b["align_exponent"] = exponent(a, b)
        b["report_exponent"] = exponent(a, b, "report_warm_s")
    data = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version()},
            "generator": "checker.benchmarks.scale (seed %d)" % seed, "sizes": rows}
    head = ["sources", "words", "claims", "extract words/s", "align s", "align k", "report warm s",
            "report k", "peak RSS MB"]
    table = [[r["sources"], r.get("words"), r.get("claims"), r.get("extract_words_per_s"), r.get("align_s"),
              r.get("align_exponent", "-"), r.get("report_warm_s"), r.get("report_exponent", "-"),
              r.get("peak_rss_mb")] if "error" not in r else [r["sources"], r["error"]] for r in rows]
    text = tabulate(table, head, tablefmt="github") + (
        f"\n\nmachine: {data['machine']['cpus']} CPUs, {data['machine']['platform']}, Python "
        f"{data['machine']['python']}; k: growth exponent of time ~ n^k from the size above")
    if json_out is not None:
        from ..claims import atomic_write
        json_out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(json_out, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return text, data
