"""A generator of many multi-outlet stories, offline, for scaling the alignment (``checker bench``).

Real sentence patterns, varied: the article texts are read at run time from the seeds, from
``../shared/dev-stories`` when it is present, else from ``tests/fixtures`` (nothing is copied
into the repository). Each generated story takes one real article as its template and gives it
its own figures (numbers scaled), dates (months and days shifted), places (gazetteer names
swapped) and people (surnames swapped); each of its 20-200 sources (like a wire desk) is that
story told by one outlet: a subset of its paragraphs, now and then a figure a little off (so
there are conflicts to find), an outlet and a publication date in the header, some marked as
wire copies. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTLETS = ["Daily Ledger", "Morning Post", "Evening Standard Test", "Harbour Herald", "Valley Times",
           "Northern Courier", "City Gazette", "Coast Observer", "River Chronicle", "Union Tribune Test",
           "Metro Bulletin", "Plains Record", "Capital Wire", "Island Review", "Frontier Dispatch",
           "Lakeside News", "Highland Journal", "Summit Daily", "Delta Express", "Bay Monitor"]
WIRES = ["AP", "Reuters", "AFP"]
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Silva", "Kowalski", "Brennan",
            "Achebe", "Ferreira", "Petrov", "Nakamura", "Osei", "Castillo", "Jensen", "Rahman", "Duarte"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,.]?\d)")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_YEAR = re.compile(r"^(19|20)\d\d$")
_HEADER = re.compile(r"^(outlet|published|date|url|byline|wire|title)\s*:.*$", re.I | re.M)


def template_texts(shared: Path | None = None) -> list[str]:
    """Article bodies to vary: the seeds, the dev stories when present, else the test fixtures."""
    shared = shared if shared is not None else ROOT.parent / "shared"
    files = sorted((ROOT / "seeds").glob("*.txt"))
    dev = shared / "dev-stories"
    files += sorted(dev.glob("*/*.txt")) if dev.is_dir() else sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))
    out = []
    for f in files:
        text = _HEADER.sub("", f.read_text(encoding="utf-8", errors="replace")).strip()
        if len(text.split()) >= 60:
            out.append(text)
    return out


def _places() -> list[str]:
    data = json.loads((ROOT / "checker" / "data" / "places.json").read_text(encoding="utf-8"))
    return sorted(p["name"] for p in data["places"] if p.get("type") in ("city", "capital", "country"))


def _story_text(template: str, rng: random.Random, places: list[str]) -> str:
    """One story: the template with its own figures, months, places and people."""
    factor = rng.choice([0.5, 0.8, 1.3, 2, 3])
    shift = rng.randrange(12)

    def num(m: re.Match) -> str:
        s = m.group(1)
        n = int(s.replace(",", ""))
        if _YEAR.match(s) or n < 13:
            return s  # years and small numbers (days, ordinals, clock hours) keep their reading
        v = max(13, int(n * factor))
        return f"{v:,}" if "," in s else str(v)

    text = _NUM.sub(num, template)
    text = _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + shift) % 12], text)
    present = [p for p in places if len(p) > 3 and re.search(rf"\b{re.escape(p)}\b", text)]
    swap = dict(zip(present, rng.sample(places, len(present))))
    if swap:
        text = re.sub(r"\b(" + "|".join(map(re.escape, sorted(swap, key=len, reverse=True))) + r")\b",
                      lambda m: swap[m.group(1)], text)
    names = sorted(set(re.findall(r"\b[A-Z][a-z]+ ([A-Z][a-z]{3,})\b", text)) - set(places) - set(MONTHS))
    if names:
        sub = {n: rng.choice(SURNAMES) for n in names[:6]}
        text = re.sub(r"\b(" + "|".join(map(re.escape, sub)) + r")\b", lambda m: sub[m.group(1)], text)
    return text


def _source_text(story: str, rng: random.Random) -> str:
    """One outlet's telling: most paragraphs, sometimes a figure a little off."""
    paras = [p for p in re.split(r"\n\s*\n", story) if p.strip()]
    keep = [p for i, p in enumerate(paras) if i < 2 or rng.random() < 0.75]
    text = "\n\n".join(keep)
    if rng.random() < 0.15:
        def off(m: re.Match) -> str:
            s = m.group(1)
            n = int(s.replace(",", ""))
            if _YEAR.match(s) or n < 13 or rng.random() < 0.7:
                return s
            v = n + rng.choice([-1, 1]) * max(1, n // 10)
            return f"{v:,}" if "," in s else str(v)
        text = _NUM.sub(off, text)
    return text


def generate(out_dir: Path, n_sources: int, seed: int = 0, per_story: tuple[int, int] = (20, 200),
             shared: Path | None = None) -> list[Path]:
    """Write ``n_sources`` article files (.txt with an outlet/published header) under ``out_dir``,
    in stories of ``per_story`` sources each; returns the paths written."""
    rng = random.Random(seed)
    templates = template_texts(shared)
    places = _places()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    story = 0
    while len(paths) < n_sources:
        size = min(rng.randint(*per_story), n_sources - len(paths))
        text = _story_text(templates[rng.randrange(len(templates))], rng, places)
        year = rng.choice([2023, 2024, 2025])
        month, day = rng.randint(1, 12), rng.randint(1, 25)
        for i in range(size):
            body = _source_text(text, rng)
            pub = f"{year}-{month:02d}-{day + rng.randrange(3):02d}"
            header = f"outlet: {rng.choice(OUTLETS)} {i % 7}\npublished: {pub}\n"
            if rng.random() < 0.2:
                header += f"wire: {rng.choice(WIRES)}\n"
            path = out_dir / f"s{story:04d}_{i:03d}.txt"
            path.write_text(header + "\n" + body + "\n", encoding="utf-8")
            paths.append(path)
        story += 1
    return paths
