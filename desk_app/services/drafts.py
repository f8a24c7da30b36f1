"""Autosave of a half-finished reception: one draft per officer, replaced on every save."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from desk_app.models import ReceptionDraftRecord
from desk_app.services.changes import Changes
from desk_app.services.timefmt import iso
from desk_app.services.uow import reading, writing

if TYPE_CHECKING:
    from desk_app.core.clock import Clock
    from desk_app.models.db import Database


class DraftService:
    """Keeps the reception form's state so a crash or a closed window loses nothing."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def save(self, username: str, state: dict[str, Any]) -> Changes:
        """Store (replace) the officer's draft; the state is the form's JSON-able dict."""
        payload = json.dumps(state, ensure_ascii=False, sort_keys=True)
        with writing(self._db) as uow:
            record = uow.session.get(ReceptionDraftRecord, username)
            if record is None:
                uow.session.add(ReceptionDraftRecord(username=username, payload=payload, updated_at=""))
                record = uow.session.get(ReceptionDraftRecord, username)
            assert record is not None
            record.payload = payload
            record.updated_at = iso(self._clock.now())
            uow.commit()
        return Changes.NONE

    def load(self, username: str) -> dict[str, Any] | None:
        """The officer's saved draft, if any."""
        with reading(self._db) as uow:
            payload = uow.session.scalar(
                select(ReceptionDraftRecord.payload).where(ReceptionDraftRecord.username == username)
            )
        return None if payload is None else dict(json.loads(payload))

    def discard(self, username: str) -> Changes:
        """Forget the draft (the reception was decided or cleared)."""
        with writing(self._db) as uow:
            uow.session.execute(delete(ReceptionDraftRecord).where(ReceptionDraftRecord.username == username))
            uow.commit()
        return Changes.NONE
