"""Administration: units, one-time enrolment codes, revocation, enrolment itself."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from central.models import DeskRecord, DossierRecord, EnrolCodeRecord, UnitRecord
from central.services.auth import new_token, token_hash
from central.services.changes import server_epoch
from central.services.errors import CentralError, bad_request
from desk_app.core.codes import validate_slot, validate_unit_code
from desk_app.core.errors import InvalidInput
from desk_app.sync.protocol import Enrolment

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

ENROL_CODE_HOURS = 24


def _code_hash(code: str) -> bytes:
    return hashlib.sha256(code.strip().upper().encode("utf-8")).digest()


def code_hwm(session: Session, unit_code: str, slot: int, since: datetime | None = None) -> dict[str, int]:
    """Per day (YYMMDD), the highest n the slot has used on central."""
    query = (
        select(DossierRecord.code_date, func.max(DossierRecord.code_seq))
        .where(
            DossierRecord.unit_code == unit_code,
            DossierRecord.code_seq.between(slot * 1000 + 1, slot * 1000 + 999),
        )
        .group_by(DossierRecord.code_date)
    )
    if since is not None:
        query = query.where(DossierRecord.code_date >= since.date())
    return {
        f"{day:%y%m%d}": int(seq) % 1000
        for day, seq in session.execute(query)
        if day is not None and seq is not None
    }


class AdminService:
    """What ``desk-central admin …`` does."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create_unit(self, unit_code: str, name: str) -> str:
        """Register a unit (idempotent on the code)."""
        try:
            code = validate_unit_code(unit_code)
        except InvalidInput as exc:
            raise bad_request(exc.user_message) from None
        with self._sessions.begin() as session:
            unit = session.get(UnitRecord, code)
            if unit is None:
                session.add(UnitRecord(unit_code=code, name=name.strip() or code))
            else:
                unit.name = name.strip() or unit.name
        return code

    def enrol_code(self, unit_code: str, slot: int) -> str:
        """A one-time code for a desk of ``unit_code`` using ``slot`` (valid 24 h)."""
        try:
            validate_slot(slot)
        except InvalidInput as exc:
            raise bad_request(exc.user_message) from None
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        with self._sessions.begin() as session:
            if session.get(UnitRecord, unit_code) is None:
                raise CentralError(404, "unknown_unit", f"unit {unit_code} is not registered")
            session.add(
                EnrolCodeRecord(
                    code_sha256=_code_hash(code),
                    unit_code=unit_code,
                    code_slot=slot,
                    expires_at=datetime.now(UTC) + timedelta(hours=ENROL_CODE_HOURS),
                )
            )
        return code

    def revoke(self, desk_id: str) -> bool:
        """Stop a desk's sync (its accepted events stay); True when it was active."""
        with self._sessions.begin() as session:
            done = session.execute(
                update(DeskRecord)
                .where(DeskRecord.desk_id == desk_id, DeskRecord.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
            return bool(getattr(done, "rowcount", 0))

    def enrol(self, code: str, unit_code: str, code_slot: int, first_desk_seq: int) -> dict[str, object]:
        """Exchange a one-time code for a desk identity and token; an earlier desk on the slot is revoked.

        The desk states its unit and slot (its printed codes carry them: they must match the code's) and
        the ``desk_seq`` its next push starts at (a desk re-enrolled with events still queued).
        """
        now = datetime.now(UTC)
        with self._sessions.begin() as session:
            record = session.get(EnrolCodeRecord, _code_hash(code), with_for_update=True)
            if record is None or record.used_at is not None or record.expires_at < now:
                raise CentralError(403, "enrol_code_invalid", "enrolment code unknown, used or expired")
            if (record.unit_code, record.code_slot) != (unit_code, code_slot):
                raise CentralError(
                    409,
                    "identity_mismatch",
                    f"this code is for unit {record.unit_code} slot {record.code_slot}; "
                    f"the desk is unit {unit_code} slot {code_slot}",
                )
            record.used_at = now
            previous = session.scalars(
                select(DeskRecord)
                .where(DeskRecord.unit_code == record.unit_code, DeskRecord.code_slot == record.code_slot)
                .with_for_update()
            ).all()
            for desk in previous:
                if desk.revoked_at is None:
                    desk.revoked_at = now
            session.flush()
            token = new_token()
            desk = DeskRecord(
                desk_id=str(uuid.uuid4()),
                unit_code=record.unit_code,
                code_slot=record.code_slot,
                enrolment_epoch=len(previous) + 1,
                token_sha256=token_hash(token),
                desk_hwm=max(0, first_desk_seq - 1),
            )
            session.add(desk)
            return Enrolment(
                desk_id=desk.desk_id,
                token=token,
                unit_code=desk.unit_code,
                code_slot=desk.code_slot,
                enrolment_epoch=desk.enrolment_epoch,
                server_epoch=server_epoch(session),
                code_hwm=code_hwm(session, desk.unit_code, desk.code_slot),
            ).to_json()
