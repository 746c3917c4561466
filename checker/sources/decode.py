"""Decode a source file's bytes to text, refusing what is not text.

UTF-8 (with or without BOM) and BOM-marked UTF-16/32 decode silently; UTF-8
with a few stray bytes keeps UTF-8 and says how many bytes were replaced. Other
bytes get an explicit, recorded guess: a charset the HTML page declares, else
Windows-1251 when most non-ASCII letters fall in the Cyrillic block of that
code page, else Windows-1252 (Latin-1 when 1252 cannot decode them). The
guess is reported in ``encoding_note`` so an editor knows to check it.

Notes: the Cyrillic test follows the letter-frequency idea of Mozilla's
universal charset detector (a text in Cyrillic is mostly letters from one
block); the magic numbers are the file signatures of the formats named.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import SourceError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF (audio/video/WebP) file"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
)

_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Windows-1251: А-я occupy 0xC0-0xFF, Ё/ё are 0xA8/0xB8
_CP1251_LETTERS = bytes(range(0xC0, 0x100)) + b"\xa8\xb8"
_HIGH = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ALL = bytes(range(256))


def _count(data: bytes, members: bytes) -> int:
    """How many bytes of ``data`` are in ``members`` (C speed: translate deletes the others)."""
    others = bytes(b for b in _ALL if b not in members)
    return len(data.translate(None, others))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _looks_cyrillic_1251(data: bytes) -> bool:
    """Most non-ASCII bytes are Windows-1251 letters and they make up a real share of letters."""
    high = _count(data, _HIGH)
    if not high:
        return False
    cyr = _count(data, _CP1251_LETTERS)
    ascii_letters = _count(data, _ASCII_LETTERS)
    return cyr >= 0.8 * high and cyr >= 0.3 * (cyr + ascii_letters)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL (ASCII text in UTF-16)."""
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few stray bytes (a pasted character in another encoding) stays UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    multibyte = len(text.encode("utf-8")) - len(text)  # extra bytes of real multi-byte characters
    if 0 < bad <= 16 and multibyte >= 4 * bad:
        return text, bad
    return None


def decode_bytes(data: bytes, path: str, html: bool = False) -> Decoded:
    """Text of a source file; SourceError when it is empty, binary or undecodable."""
    if not data:
        raise SourceError(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise SourceError(path, f"starts with a {enc} byte-order mark but is not valid {enc} "
                                        f"(byte {e.start + len(bom)})") from None
            return _checked(Decoded(text, enc[:6] if enc != "utf-8" else enc, None), path)
    kind = _binary_kind(data)
    if kind:
        raise SourceError(path, f"binary file ({kind}), not text")
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise SourceError(path, "binary file (NUL bytes), not text") from None
            return _checked(Decoded(text, enc, f"no byte-order mark; decoded as {enc} (guess)"), path)
        raise SourceError(path, "binary file (NUL bytes), not text")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", None), path)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        return _checked(Decoded(text, "utf-8", f"not valid UTF-8: {bad} invalid byte sequence(s) "
                                               "replaced with U+FFFD"), path)
    if html:
        m = _DECLARED.search(data[:8192])
        if m:
            declared = m.group(1).decode("ascii").lower()
            try:
                codecs.lookup(declared)
                text = data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                return _checked(Decoded(text, declared, f"not valid UTF-8; decoded as {declared} "
                                                        "(declared in the page)"), path)
    if _looks_cyrillic_1251(data):
        enc = "windows-1251"
    else:
        enc = "windows-1252"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        enc = "latin-1"
        text = data.decode(enc)
    return _checked(Decoded(text, enc, f"not valid UTF-8; decoded as {enc} (guess)"), path)


def _checked(dec: Decoded, path: str) -> Decoded:
    if not dec.text.strip():
        raise SourceError(path, "file holds only whitespace")
    sample = dec.text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise SourceError(path, "binary file (control characters), not text")
    return dec
