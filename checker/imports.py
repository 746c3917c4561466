"""Imports that would cost start-up time for nothing.

textdistance imports numpy (~100-150 ms) for its vector-based measures (cosine and the like)
only; the checker uses Jaro-Winkler and overlap, which never touch it. ``textdistance()``
imports the package with numpy hidden, so it takes its pure-Python path for those measures,
unless numpy is already loaded (then nothing is hidden and nothing changes).
"""

from __future__ import annotations

import sys
from types import ModuleType


def textdistance() -> ModuleType:
    if "textdistance" in sys.modules or "numpy" in sys.modules:
        import textdistance as td
        return td
    sys.modules["numpy"] = None  # type: ignore[assignment] - "import numpy" raises ImportError
    try:
        import textdistance as td
    finally:
        del sys.modules["numpy"]
    return td
