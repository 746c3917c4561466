"""The pipeline, top to bottom: sources -> text -> extract -> claims files.

Each stage is a function of the previous one's output; the CLI only chooses
inputs and prints. A source that fails is reported and skipped; the others
still get processed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claims import build_claims, validate, write_claims
from .errors import CheckerError
from .extract import extract_all
from .model import Document
from .sources import load_corpus


@dataclass
class ExtractResult:
    documents: list[Document] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # source id -> claims document
    written: list[Path] = field(default_factory=list)
    errors: list[CheckerError] = field(default_factory=list)


def extract_document(doc: Document) -> dict[str, Any]:
    """Claims document for one loaded source, validated against the schema."""
    data = build_claims(doc, extract_all(doc))
    validate(data, f"claims for {doc.meta.path}")
    return data


def extract_corpus(paths: list[Path], out_dir: Path | None, overrides: dict | None = None) -> ExtractResult:
    """Load every source under ``paths``, extract its claims and (if out_dir) write them."""
    result = ExtractResult()
    docs, errors = load_corpus(paths)
    result.errors.extend(errors)
    for doc in docs:
        for key, val in (overrides or {}).items():
            if val is not None:
                setattr(doc.meta, key, val)
                if key == "published":
                    doc.meta.published_from = "flag"
        try:
            data = extract_document(doc)
        except CheckerError as e:
            result.errors.append(e)
            continue
        result.documents.append(doc)
        result.claims[doc.id] = data
        if out_dir is not None:
            result.written.append(write_claims(data, out_dir))
    return result
