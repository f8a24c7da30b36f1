"""One sync worker per desk database (sync.md §2.2): an OS file lock beside the database.

Two app instances (or the GUI and ``desk-app sync run``) on one database would push the same rows;
central would answer "duplicate", but the lock keeps the second one from trying at all. The lock is
the kernel's, so a killed worker (kill -9, power cut) never leaves it held.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path


class WorkerLock:
    """Non-blocking exclusive lock on ``path``; ``acquire()`` says whether this process holds it."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: BinaryIO | None = None

    def acquire(self) -> bool:
        """True when the lock is now ours; False when another worker holds it."""
        handle = open(self._path, "a+b")  # noqa: SIM115 - held open for as long as the lock
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        """Give the lock back (closing the file releases it on every OS)."""
        if self._file is not None:
            if sys.platform == "win32":
                import msvcrt

                self._file.seek(0)
                msvcrt.locking(self._file.fileno(), msvcrt.LK_UNLCK, 1)
            self._file.close()
            self._file = None


def lock_path(db_path: Path) -> Path:
    """The lock file of a desk database."""
    return db_path.with_name(db_path.name + ".sync-lock")


__all__ = ["WorkerLock", "lock_path"]
