"""An exclusive lock file per claims directory, so two runs at once cannot interleave writes.

Every write is already atomic (``claims.atomic_write``), so a reader never sees
half a file; the lock prevents the other hazard: two writers each working from
a view of the corpus that the other is changing (a ``remove`` deleting a claims
file while a ``report`` re-writes it, two ``add`` runs each rewriting the
manifest from the copy they read). ``<claims dir>/.checker.lock`` is created
with ``O_CREAT | O_EXCL`` (atomic on local file systems) and holds the owner's
pid. A lock whose pid no longer runs is stale (the run was killed) and is
taken over; the lock is removed when the run ends, however it ends.

Notes: the pid lock file is the convention of many Unix tools (lpd, Emacs
``.#`` files, ``/var/run/*.pid``); it needs no fcntl and works on every OS Python runs on.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

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
    """The pid written in a lock file; None when it is unreadable or half-written."""
    try:
        text = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _try_create(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


@contextlib.contextmanager
def corpus_lock(claims_dir: Path) -> Iterator[Path]:
    """Hold ``<claims_dir>/.checker.lock`` for the duration of the block; LockError when busy."""
    claims_dir = Path(claims_dir)
    claims_dir.mkdir(parents=True, exist_ok=True)
    path = claims_dir / LOCK_NAME
    for _attempt in range(3):
        if _try_create(path):
            break
        pid = _owner(path)
        if pid is not None and _pid_alive(pid):
            raise LockError(str(path), f"another checker run (pid {pid}) is using this corpus; "
                                       "try again when it ends")
        if pid is None:
            # Empty or garbled: either a run killed between create and write, or one writing
            # right now. Only a lock that has stayed unreadable for a moment is stale.
            import time
            time.sleep(0.05)
            if _owner(path) is not None:
                continue
        with contextlib.suppress(FileNotFoundError):  # stale: the owner is gone
            path.unlink()
    else:
        raise LockError(str(path), "cannot take the corpus lock (it keeps changing hands); try again")
    try:
        yield path
    finally:
        if _owner(path) == os.getpid():
            with contextlib.suppress(OSError):
                path.unlink()
