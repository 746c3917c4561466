"""Where a story lives: a folder of articles that also keeps the checker's state for it.

A story folder holds its articles, ``manifest.json`` and ``reviews.json``, and, unless the editor
names other places, its own ``claims/`` and ``reports/``: two stories never share stored claims
(two folders with an ``article.txt`` each would otherwise keep re-extracting each other), and
moving or sharing the folder moves everything with it. The built-in demo corpus (``seeds/``)
keeps the project's top-level ``claims/`` and ``reports/`` and is read-only: ``add``, ``remove``
and ``review`` never write into it. It is the default corpus only inside the project checkout;
elsewhere a command that needs a corpus and is given none says so instead of silently checking
against an unrelated demo story.
"""

from __future__ import annotations

from pathlib import Path

from .errors import CheckerError
from .settings import PROJECT_DIR

__all__ = ["NoCorpus", "corpus_state_dirs", "default_corpus", "demo_corpus", "demo_path", "is_demo",
           "nothing_read", "require_writable", "state_dirs"]


class NoCorpus(CheckerError):
    """A command needs a story folder and none was given, or the one given cannot be used."""


def demo_corpus() -> Path:
    return PROJECT_DIR / "seeds"


def is_demo(path: Path) -> bool:
    try:
        return path.resolve() == demo_corpus().resolve()
    except OSError:
        return False


def _in_checkout() -> bool:
    """Run from the project's own folder (where the README's commands are run)."""
    try:
        return Path.cwd().resolve() == PROJECT_DIR.resolve() and (PROJECT_DIR / "pyproject.toml").is_file()
    except OSError:
        return False


def demo_path() -> Path:
    """The demo seeds as the README's commands name them: ``seeds`` inside the checkout."""
    return Path("seeds") if _in_checkout() else demo_corpus()


def default_corpus(command: str, flag: str = "") -> Path:
    """The demo seeds inside the project checkout; elsewhere a NoCorpus naming what to give."""
    if _in_checkout() and demo_corpus().is_dir():
        return demo_path()
    how = f"{flag} STORY/" if flag else "STORY/"
    raise NoCorpus(None, f"no story folder given: run 'checker {command} {how}' (the built-in demo "
                         "corpus is used only inside the project checkout)")


def require_writable(corpus: Path) -> None:
    """NoCorpus when ``corpus`` is the built-in demo corpus (add, remove and review never change it)."""
    if is_demo(corpus):
        raise NoCorpus(str(corpus), "the built-in demo corpus is read-only: copy it to a story folder "
                                    "of your own (cp -r seeds my-story) and give --corpus my-story/")


def story_folder(paths: list[Path]) -> Path | None:
    """The story folder when the sources are one folder (not the demo corpus), else None."""
    if len(paths) == 1 and paths[0].is_dir() and not is_demo(paths[0]):
        return paths[0]
    return None


def state_dirs(paths: list[Path], claims: Path | None, reports: Path | None) -> tuple[Path, Path]:
    """Where the stored claims and the reports of these sources go: what the editor named, else the
    story folder's own ``claims/`` and ``reports/``, else (loose files, the demo corpus) the
    current folder's."""
    return _dirs(story_folder(paths), claims, reports)


def corpus_state_dirs(corpus: Path, claims: Path | None, reports: Path | None) -> tuple[Path, Path]:
    """``state_dirs`` of a corpus that ``add`` may not have created yet."""
    return _dirs(None if is_demo(corpus) else corpus, claims, reports)


def _dirs(story: Path | None, claims: Path | None, reports: Path | None) -> tuple[Path, Path]:
    base = story if story is not None else Path(".")
    return (claims if claims is not None else base / "claims",
            reports if reports is not None else base / "reports")


def nothing_read(paths: list[Path], errors: list[CheckerError], missing: str) -> CheckerError:
    """The error for a corpus of which no article could be used: its only error, else a summary
    (``missing`` says what was not found when there was no error at all)."""
    if len(errors) == 1:
        return errors[0]
    return NoCorpus(", ".join(str(p) for p in paths),
                    f"no article could be read: {errors[0]} (and {len(errors) - 1} more)" if errors else missing)
