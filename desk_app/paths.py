"""Where the app finds its resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "OneStopDesk"


def _source_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources/`` folder (source tree or frozen bundle)."""
    return _source_root() / "resources"


def migrations_dir() -> Path:
    """Alembic's script location, shipped as data in the bundle."""
    return Path(__file__).resolve().parent / "models" / "migrations"


def data_dir() -> Path:
    """The per-user data folder (created on first use)."""
    override = os.environ.get("DESK_APP_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_FOLDER
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_FOLDER
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_database_path() -> Path:
    """The desk database used when ``--db`` is not given."""
    return data_dir() / "desk.sqlite3"
