"""Alembic migrations applied at start-up, with a copy of the file taken first."""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from desk_app import paths

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from alembic.config import Config

_REVISION_RE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?(\w+)['\"]?", re.MULTILINE)


def _config(db_path: Path) -> Config:
    from alembic.config import Config  # alembic costs 0.4 s to import: only when upgrading

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite+pysqlite:///{db_path}")
    return config


def head_revision() -> str:
    """The newest schema revision this build knows (read from the files, without alembic)."""
    revisions: dict[str, str | None] = {}
    for path in (paths.migrations_dir() / "versions").glob("*.py"):
        found = dict(_REVISION_RE.findall(path.read_text(encoding="utf-8")))
        down = found.get("down_revision")
        revisions[found["revision"]] = None if down in (None, "None") else down
    parents = {down for down in revisions.values() if down}
    heads = [rev for rev in revisions if rev not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {heads}")
    return heads[0]


def current_revision(db_path: Path) -> str | None:
    """The schema revision of an existing database file (None for a new one)."""
    if not db_path.exists():
        return None
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no alembic_version table: an empty file
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def backup_path_for(db_path: Path, revision: str | None, now: datetime) -> Path:
    """Where the pre-upgrade copy of ``db_path`` goes."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.before-{revision or 'none'}-{stamp}{db_path.suffix}")


def upgrade(db_path: Path, now: datetime) -> Path | None:
    """Bring the database to the head revision; returns the backup made, if any."""
    current = current_revision(db_path)
    head = head_revision()
    if current == head:
        return None
    backup: Path | None = None
    if current is not None:
        backup = backup_path_for(db_path, current, now)
        src = sqlite3.connect(db_path)
        dst = sqlite3.connect(backup)
        try:
            src.backup(dst)  # consistent even with a WAL file beside it
        finally:
            dst.close()
            src.close()
    from alembic import command

    command.upgrade(_config(db_path), "head")
    return backup
