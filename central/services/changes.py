"""The change log: server_seq from a locked counter row, so sequence order is commit order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, text

from central.models import ChangeLogRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def next_server_seq(session: Session) -> int:
    """The next server_seq; the counter row stays locked until this transaction ends."""
    value = session.execute(
        text("UPDATE seq_counters SET value = value + 1 WHERE name = 'change' RETURNING value")
    ).scalar_one()
    return int(value)


def reserve_server_seqs(session: Session, n: int) -> range:
    """``n`` consecutive server_seqs for one push; the counter row stays locked until COMMIT."""
    if n == 0:
        return range(0)
    end = int(
        session.execute(
            text("UPDATE seq_counters SET value = value + :n WHERE name = 'change' RETURNING value"), {"n": n}
        ).scalar_one()
    )
    return range(end - n + 1, end + 1)


def log_change(
    session: Session, stream: str, scope: str, kind: str, entity_id: str | None, body: dict[str, Any]
) -> int:
    """Append one change; returns its server_seq."""
    seq = next_server_seq(session)
    session.execute(
        insert(ChangeLogRecord).values(
            server_seq=seq, stream=stream, scope=scope, kind=kind, entity_id=entity_id, body=body
        )
    )
    return seq


def server_epoch(session: Session) -> str:
    """The current server epoch."""
    return str(session.execute(text("SELECT server_epoch FROM server_meta")).scalar_one())
