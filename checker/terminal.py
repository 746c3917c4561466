"""Text bound for a terminal: every control character shown as an escape, never acted on.

A file name, an outlet, a note or a quote can carry an ESC sequence (which
clears the screen or retitles the window), a newline (which forges a second
``checker: error:`` line) or a bidi override (which reverses what follows).
``safe`` turns each into a visible escape (``\\x1b``, ``\\n``, ``\\u202e``), so
the line says exactly what the text holds and nothing more. Every line the
command line prints from data goes through it; the Markdown report escapes
its own way (``render.markdown.escape``).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def safe(text: object) -> str:
    """``text`` as one terminal line: control, line-separator and bidi characters escaped."""
    return _UNSAFE.sub(_escape, str(text))
