"""Small named exceptions; the CLI turns each into a one-line message.

Every error names the file it is about and the reason, so an editor can act on
it without a traceback.
"""

from __future__ import annotations


class CheckerError(Exception):
    """Base class: ``path`` (may be None) and a one-line ``reason``."""

    def __init__(self, path: str | None, reason: str):
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable, so a --jobs worker can hand it back (``checker.parallel``)
        return type(self), (self.path, self.reason)


class SourceError(CheckerError):
    """A source file cannot be read or decoded, or is empty or not text."""


class ManifestError(CheckerError):
    """The corpus manifest is malformed (bad date, unknown field, duplicate id)."""


class ClaimsFileError(CheckerError):
    """A claims file is corrupt, fails the schema, or is from another schema version."""


class SchemaViolation(CheckerError):
    """Extraction produced a claim that fails the schema: a bug, nothing is written."""


class WriteError(CheckerError):
    """A file could not be written (disk full, file size limit, permissions); the old file is intact."""


class GoldError(CheckerError):
    """A gold annotation file is malformed."""
