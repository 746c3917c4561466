"""Exclusive lock files on the directories a run writes, so two runs at once cannot lose updates.

Every write is already atomic (``claims.atomic_write``), so a reader never sees
half a file; the locks prevent the other hazard: two writers each working from
a view that the other is changing (two ``add`` runs each rewriting the corpus
manifest from the copy they read, two ``review`` runs each rewriting
``reviews.json``, a ``remove`` deleting a claims file while a ``report``
re-writes it). A run locks every directory it writes: ``<dir>/.checker.lock``
in the claims directory and, for ``add``, ``remove`` and ``review``, in the
corpus itself, so editors working from different folders (each with its own
``claims/``) still exclude each other on a shared corpus. Several locks are
taken in one fixed order (by resolved path), so two runs can never each hold
one and wait for the other.

A lock file holds its owner's pid; it is created complete (written to a temp
file, then hard-linked into place, which fails when the name exists), so it is
never seen empty or half-written. A lock whose pid no longer runs is stale (the
run was killed) and is taken over: it is first renamed away, so of two runs
finding the same stale lock only one removes it. A lock held by a live run is
waited for, up to ``settings.lock_wait_seconds`` (an editor's ``add`` should
queue behind a colleague's, not fail), then the run stops with one line.

Notes: the pid lock file is the convention of many Unix tools (lpd, Emacs
``.#`` files, ``/var/run/*.pid``); it needs no fcntl and works on every OS
Python runs on (where hard links are not supported, ``O_CREAT | O_EXCL``).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Iterable, Iterator

from . import settings
from .errors import CheckerError

LOCK_NAME = ".checker.lock"


class LockError(CheckerError):
    """Another checker run holds the corpus lock."""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        return True
    except OSError:
        return False
    return True


def _owner(path: Path) -> int | None:
    """The pid written in a lock file; None when it is unreadable or garbled."""
    try:
        text = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _try_create(path: Path) -> bool:
    """Create ``path`` holding our pid, complete or not at all; False when it exists."""
    tmp = path.with_name(f"{LOCK_NAME}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(f"{os.getpid()}\n")  # no fsync: after a power cut the pid is gone anyway
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:  # no hard links here: fall back to O_EXCL (a reader may see it empty briefly)
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                return False
            try:
                os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            finally:
                os.close(fd)
            return True
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _take_over(path: Path, seen: int | None) -> None:
    """Remove a stale lock (its owner ``seen`` is gone), unless someone replaced it meanwhile."""
    grave = path.with_name(f"{LOCK_NAME}.{os.getpid()}.stale")
    try:
        os.rename(path, grave)
    except FileNotFoundError:  # another run took it over first
        return
    if _owner(grave) != seen:  # a live run's lock was moved away by mistake: put it back
        with contextlib.suppress(OSError):
            os.link(grave, path)
    with contextlib.suppress(OSError):
        grave.unlink()


def _acquire(path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    pause = 0.01
    unreadable_since: float | None = None
    while not _try_create(path):
        pid = _owner(path)
        if pid is None:
            # Empty or garbled: an older run between create and write, or a damaged file. Only a
            # lock that stays unreadable for a moment is stale.
            now = time.monotonic()
            unreadable_since = unreadable_since or now
            if now - unreadable_since >= 0.1:
                _take_over(path, None)
                unreadable_since = None
            else:
                time.sleep(0.02)
            continue
        unreadable_since = None
        if not _pid_alive(pid):
            _take_over(path, pid)
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            waited = f" (waited {wait:g} s)" if wait > 0 else ""
            raise LockError(str(path), f"another checker run (pid {pid}) is using this corpus{waited}; "
                                       "try again when it ends")
        time.sleep(min(pause, left))
        pause = min(pause * 2, 0.2)


@contextlib.contextmanager
def corpus_lock(directory: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold ``<directory>/.checker.lock`` for the duration of the block.

    A lock held by a live run is waited for up to ``wait`` seconds (default
    ``settings.lock_wait_seconds``), then LockError.
    """
    directory = Path(directory)
    path = directory / LOCK_NAME
    made = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _acquire(path, settings.SETTINGS.lock_wait_seconds if wait is None else wait)
    except OSError as e:  # a read-only corpus, a full disk
        raise LockError(str(path), f"cannot take the lock: {e.strerror or e}") from None
    try:
        yield path
    finally:
        if _owner(path) == os.getpid():
            with contextlib.suppress(OSError):
                path.unlink()
        if made:  # a run that wrote nothing leaves no empty directory behind
            with contextlib.suppress(OSError):
                directory.rmdir()


@contextlib.contextmanager
def corpus_locks(directories: Iterable[Path], wait: float | None = None) -> Iterator[list[Path]]:
    """Hold the lock of every directory (each once), taken in order of resolved path, released in reverse."""
    unique: dict[str, Path] = {}
    for d in directories:
        unique.setdefault(os.path.realpath(d), Path(d))
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(corpus_lock(unique[k], wait)) for k in sorted(unique)]
