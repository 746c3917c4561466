"""The scale generator and ``checker bench``: offline, deterministic, figures written."""

from __future__ import annotations

import json
from pathlib import Path

from checker.benchmarks.bench import exponent, run_bench
from checker.benchmarks.scale import generate


def test_generator_is_deterministic_and_makes_many_stories(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 60, seed=3, per_story=(5, 20))
    b = generate(tmp_path / "b", 60, seed=3, per_story=(5, 20))
    assert len(a) == 60
    assert [p.read_text("utf-8") for p in a] == [p.read_text("utf-8") for p in b]
    assert len({p.name.split("_")[0] for p in a}) >= 3  # several stories
    texts = [p.read_text("utf-8") for p in a]
    assert all(t.startswith("outlet: ") and "\npublished: " in t for t in texts)
    assert len(set(texts)) > 50  # the outlets tell their stories differently


def test_exponent_is_the_growth_between_sizes() -> None:
    assert exponent({"sources": 100, "align_s": 1.0}, {"sources": 1000, "align_s": 10.0}) == 1.0
    assert exponent({"sources": 100, "align_s": 1.0}, {"sources": 1000, "align_s": 100.0}) == 2.0


def test_bench_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    text, data = run_bench((4, 8), tmp_path / "bench.json")
    assert "align s" in text and "peak RSS MB" in text
    written = json.loads((tmp_path / "bench.json").read_text("utf-8"))
    assert written == json.loads(json.dumps(data))
    assert [r["sources"] for r in written["sizes"]] == [4, 8]
    assert all("error" not in r and r["align_s"] >= 0 and r["peak_rss_mb"] > 0 for r in written["sizes"])
    assert "align_exponent" in written["sizes"][1]
