"""Place comparison for alignment, on top of the gazetteer in ``checker.extract.places``."""

from __future__ import annotations

import re

from ..extract import places as gazetteer


def compatible_places(a: str, b: str) -> bool:
    """Same place, or one contains the other ("Riyadh" and "Saudi Arabia").

    Places missing from the gazetteer are compatible only when their names match.
    """
    if gazetteer.norm_key(a) == gazetteer.norm_key(b):
        return True
    pa, pb = gazetteer.lookup(a), gazetteer.lookup(b)
    if pa is None or pb is None:
        return False
    return gazetteer.compatible(pa, pb)


def place_slug(name: str | None) -> str:
    if not name:
        return ""
    return re.sub(r"[^a-z0-9]+", "-", gazetteer.norm_key(name)).strip("-")
