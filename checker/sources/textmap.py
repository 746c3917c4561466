"""Build an analysis text from a raw text while recording how offsets map back."""

from __future__ import annotations

from ..model import OffsetMap


class TextBuilder:
    """Append copied raw ranges and replacements; ``build`` returns text and its map."""

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self._segs: list[tuple[int, int, int, int, bool]] = []
        self._tlen = 0
        self._identity = True

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        self._parts.append(self.raw[start:end])
        self._segs.append((self._tlen, end - start, start, end - start, True))
        self._tlen += end - start

    def replace(self, start: int, end: int, new: str) -> None:
        """Stand ``new`` for raw[start:end] (``new`` may be empty: a deletion)."""
        if new == self.raw[start:end]:
            self.copy(start, end)
            return
        self._identity = False
        if new:
            self._parts.append(new)
            self._segs.append((self._tlen, len(new), start, end - start, False))
            self._tlen += len(new)

    def build(self) -> tuple[str, OffsetMap | None]:
        text = "".join(self._parts)
        if self._identity:
            return text, None
        return text, OffsetMap(self._segs, len(text), len(self.raw))
