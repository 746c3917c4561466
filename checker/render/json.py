"""The JSON report as written to ``reports/<corpus>.json``: the analysis result, validated against
``schemas/report.schema.json``, with sorted keys so that reports diff in git."""

from __future__ import annotations

from typing import Any

from ..claims import dumps, validate


def render(report: dict[str, Any], name: str = "report") -> str:
    """The report as JSON text; raises SchemaViolation when it breaks the public contract."""
    validate(report, f"report for {name}", name="report")
    return dumps(report)
