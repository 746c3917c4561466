"""Extraction throughput and memory: prints figures, asserts nothing.

Run: python tests/benchmark.py [--words N]

Builds a synthetic corpus by repeating the seed articles' bodies (so every
extractor has real work) and times each stage of the pipeline in one process:
loading (decode, furniture, segmentation) and each extractor, then all kinds
together, in words per second. The target for all-kind extraction is
>= 200,000 words/s.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.extract import ORDER  # noqa: E402
from checker.sources import load_document  # noqa: E402

gc.freeze()  # as the command line does after its imports (see checker.cli.main)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000, help="size of the synthetic text")
    ap.add_argument("--sources", type=int, default=100, help="sources in the alignment benchmark")
    args = ap.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    bodies = []
    for p in seeds:
        d = load_document(p, {"published": "2025-02-28"})
        bodies.append("\n\n".join(s.text for s in d.sentences))
    unit = "\n\n".join(bodies)
    reps = max(1, args.words // len(unit.split()))
    # number every copy's paragraphs, or duplicate detection would set the copies aside
    text = "March 1, 2025\n\n" + "\n\n".join(
        "\n\n".join(f"{para} Item {i}." if para.endswith(".") else f"{para} {i}"
                    for para in unit.split("\n\n")) for i in range(reps))
    n_words = len(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_text(text, "utf-8")
        t0 = time.perf_counter()
        doc = load_document(path)
        t_load = time.perf_counter() - t0
    print(f"text: {n_words:,} words, {len(text):,} characters, {len(doc.sentences):,} sentences")
    print(f"{'load (decode, furniture, sentences)':40s} {t_load:7.2f} s {n_words / t_load:12,.0f} words/s")
    from importlib import import_module
    found: dict = {}
    total = 0.0
    for kind, mod in ORDER:
        module = import_module(f"checker.extract.{mod}")
        t0 = time.perf_counter()
        found[kind] = module.extract(doc, found)
        dt = time.perf_counter() - t0
        total += dt
        print(f"{'extract ' + kind:40s} {dt:7.2f} s {n_words / dt:12,.0f} words/s  ({len(found[kind]):,} records)")
    print(f"{'all extractors':40s} {total:7.2f} s {n_words / total:12,.0f} words/s  (target >= 200,000)")
    print(f"{'load + all extractors':40s} {total + t_load:7.2f} s {n_words / (total + t_load):12,.0f} words/s")
    bench_alignment(args.sources)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {rss:,.0f} MB")


def bench_alignment(n_sources: int) -> None:
    """Align and judge a corpus of n sources (the seeds' claims under new ids)."""
    import copy
    import json

    from checker.pipeline import extract_document
    from checker.analysis import analyse as build
    base = [extract_document(load_document(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    docs = []
    for i in range(n_sources):
        d = copy.deepcopy(base[i % len(base)])
        old, new = d["source"]["id"], f"s{i:04d}"
        d = json.loads(json.dumps(d).replace(f'"{old}', f'"{new}').replace(f"{old}:", f"{new}:"))
        d["source"]["sketch"] = [f"{i:016x}"]  # keep the copies independent
        docs.append(d)
    n_claims = sum(len(d["claims"]) for d in docs)
    t0 = time.perf_counter()
    report = build(docs, "bench")
    dt = time.perf_counter() - t0
    print(f"{'align + judge ' + str(n_sources) + ' sources':40s} {dt:7.2f} s  ({n_claims:,} claims, "
          f"{len(report['events'])} events, {len(report['findings'])} findings)")


if __name__ == "__main__":
    main()
