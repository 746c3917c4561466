"""Start-up: what each command imports (modules it does not need are not loaded)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # subprocesses import this tree's checker


def _loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, cwd=ROOT, env=_ENV, check=True)
    return set(out.stdout.split())


def test_help_loads_no_corpus_modules() -> None:
    mods = _loaded("import sys, io, contextlib\nsys.argv = ['checker', '--help']\nfrom checker import cli\n"
                   "with contextlib.redirect_stdout(io.StringIO()):\n"
                   "    try:\n        cli.main()\n    except SystemExit:\n        pass")
    assert "checker.cli" in mods
    for heavy in ("nltk", "numpy", "scipy", "tabulate", "jsonschema", "fastjsonschema", "checker.analysis",
                  "checker.pipeline", "checker.extract"):
        assert heavy not in mods, heavy


def test_report_modules_load_neither_nltk_nor_numpy() -> None:
    mods = _loaded("import checker.analysis, checker.pipeline, checker.render.markdown")
    assert "nltk" not in mods and "numpy" not in mods and "scipy" not in mods


def test_textdistance_without_numpy_scores_the_same() -> None:
    """textdistance imported with numpy hidden gives the measures the checker uses unchanged."""
    pairs = [("Vladimir Putin", "Vladimir Poutine"), ("Zelensky", "Zelenskyy"), ("", "a"),
             ("Recep Tayyip Erdogan", "Erdoğan"), ("the talks lasted", "talks that lasted three hours")]
    code = ("from checker.imports import textdistance\ntd = textdistance()\n"
            f"pairs = {pairs!r}\n"
            "print([(td.JaroWinkler()(a, b), td.Overlap(qval=None).similarity(a, b)) for a, b in pairs])")
    light = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=_ENV,
                           check=True).stdout
    assert light.strip().startswith("[(")
    import importlib.util
    if importlib.util.find_spec("numpy") is None:  # nothing to hide: textdistance never had it
        pytest.skip("numpy is not installed: the measures run on their pure-Python path anyway")
    full = subprocess.run([sys.executable, "-c", "import numpy\n" + code], capture_output=True, text=True,
                          cwd=ROOT, env=_ENV, check=True).stdout
    assert light == full
