"""Where the desk token lives: the OS credential store, else a file only this user can read."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

SERVICE = "OneStopDesk"


def _keyring() -> Any:  # the keyring module, or None where no usable backend exists
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "null" in type(backend).__name__.lower():
        return None
    return keyring


class TokenStore:
    """``save(ref, token)`` / ``load(ref)``; ``ref`` is what the database keeps instead of the token."""

    def __init__(self, folder: Path, *, use_keyring: bool = True) -> None:
        self._folder = folder
        self._use_keyring = use_keyring

    def _file(self, ref: str) -> Path:
        return self._folder / f"desk-token-{ref}.txt"

    def save(self, ref: str, token: str) -> str:
        """Store the token; returns where ("keyring" or the file path)."""
        backend = _keyring() if self._use_keyring else None
        if backend is not None:
            try:
                backend.set_password(SERVICE, ref, token)
                return "keyring"
            except Exception:
                pass
        path = self._file(ref)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(token)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        return str(path)

    def load(self, ref: str) -> str | None:
        """The token, None when it is nowhere."""
        backend = _keyring() if self._use_keyring else None
        if backend is not None:
            try:
                value = backend.get_password(SERVICE, ref)
            except Exception:
                value = None
            if value:
                return str(value)
        path = self._file(ref)
        return path.read_text(encoding="utf-8").strip() if path.exists() else None
