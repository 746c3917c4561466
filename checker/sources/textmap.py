"""Build an analysis text from a raw text while recording how offsets map back.

Loading runs in two stages: markup removal (raw -> clean text) and furniture
blanking (clean text -> analysis text). Each stage is a ``TextBuilder``;
``compose`` chains their segment lists into one ``OffsetMap`` from the
analysis text straight to the raw file, so evidence always cites raw offsets.
"""

from __future__ import annotations

import bisect

from ..model import OffsetMap

Segment = tuple[int, int, int, int, bool]  # text_start, text_len, raw_start, raw_len, copied


class TextBuilder:
    """Append copied raw ranges and replacements in raw order; ``build`` returns text and map.

    Raw ranges never passed to ``copy`` or ``replace`` are deleted.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self.segments: list[Segment] = []
        self._tlen = 0
        self._rpos = 0  # raw position reached: every later call must start at or after it
        self.identity = True

    @property
    def is_identity(self) -> bool:
        """True when the text built so far is the whole raw text unchanged."""
        return self.identity and self._rpos == len(self.raw)

    @property
    def length(self) -> int:
        """Length of the text built so far."""
        return self._tlen

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if start != self._rpos:
            self.identity = False
        self._parts.append(self.raw[start:end])
        self.segments.append((self._tlen, end - start, start, end - start, True))
        self._tlen += end - start
        self._rpos = end

    def replace(self, start: int, end: int, new: str) -> None:
        """Stand ``new`` for raw[start:end] (``new`` may be empty: a deletion)."""
        if new == self.raw[start:end]:
            self.copy(start, end)
            return
        self.identity = False
        self._rpos = end
        if new:
            self._parts.append(new)
            self.segments.append((self._tlen, len(new), start, end - start, False))
            self._tlen += len(new)

    def text(self) -> str:
        return "".join(self._parts)

    def mark(self) -> int:
        """A bookmark for ``text_from``."""
        return len(self._parts)

    def text_from(self, mark: int) -> str:
        """The text appended since ``mark``."""
        return "".join(self._parts[mark:])

    def build(self) -> tuple[str, OffsetMap | None]:
        text = self.text()
        if self.is_identity:
            return text, None
        return text, OffsetMap(self.segments, len(text), len(self.raw))


def compose(outer: list[Segment], inner: list[Segment] | None,
            text_len: int, mid_len: int, raw_len: int) -> OffsetMap:
    """Map text -> raw from ``outer`` (text -> middle) and ``inner`` (middle -> raw).

    ``inner`` None means the middle text is the raw text. A replaced outer
    segment maps to the raw span of its whole middle range; a copied one is cut
    along the inner segments it crosses.
    """
    if inner is None:
        return OffsetMap(outer, text_len, raw_len)
    inner_map = OffsetMap(inner, mid_len, raw_len)
    starts = [s[0] for s in inner]
    out: list[Segment] = []
    for t0, tl, c0, cl, copied in outer:
        if not copied:
            rs, re_ = inner_map.to_raw(c0, c0 + cl)
            out.append((t0, tl, rs, re_ - rs, False))
            continue
        c, t, cend = c0, t0, c0 + tl
        i = max(bisect.bisect_right(starts, c) - 1, 0)
        while c < cend and i < len(inner):
            s0, sl, r0, rl, cp = inner[i]
            if c >= s0 + sl:
                i += 1
                continue
            take = min(cend, s0 + sl) - c
            if cp:
                out.append((t, take, r0 + (c - s0), take, True))
            else:
                out.append((t, take, r0, rl, False))
            c += take
            t += take
            i += 1
    return OffsetMap(out, text_len, raw_len)
