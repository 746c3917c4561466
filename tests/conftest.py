"""Shared fixtures: paths to the project's own fixtures and to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture
def gold_path() -> Path:
    path = SHARED / "gold" / "seeds.json"
    if not path.is_file():
        pytest.skip("../shared/gold/seeds.json is not present")
    return path
