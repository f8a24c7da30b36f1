"""The write recipe of sync.md §2.2: counters, clock guard, event + outbox in one transaction.

Every function here runs inside the caller's unit of work; nothing commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import uuid6
from sqlalchemy import insert, select, text

from desk_app.core.codes import DossierCode, make_dossier_code, parse_dossier_code
from desk_app.core.errors import ConfigurationError, DomainError, InvalidInput
from desk_app.core.events import EVENT_VERSION, DossierEvent, EventType, payload_sha256
from desk_app.i18n import _
from desk_app.models import (
    ClockStateRecord,
    DeskIdentityRecord,
    DossierEventRecord,
    DossierRecord,
    OutboxRecord,
)
from desk_app.services.timefmt import iso, parse_iso

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.core.dossier import Actor
    from desk_app.core.events import Body
    from desk_app.core.workflow import Action, DossierStatus

CLOCK_TOLERANCE = timedelta(minutes=2)
CLOCK_BLOCK_MS = 60 * 60 * 1000  # sync.md §2.9: over an hour off central's clock, no new codes
SYSTEM = "system"  # the actor of writes the desk makes by itself


class ClockWentBackwards(DomainError):
    """The desk clock is earlier than a time already recorded: no code may be issued."""


def identity(session: Session) -> DeskIdentityRecord:
    """The desk identity; refuses when the desk is not initialised."""
    record = session.get(DeskIdentityRecord, 1)
    if record is None:
        raise ConfigurationError(_("Bàn chưa được khởi tạo: hãy chạy “desk-app init”."))
    return record


def guard_clock(session: Session, now: datetime) -> None:
    """Refuse when the clock went backwards (dead CMOS battery, manual change); else advance the mark."""
    state = session.get(ClockStateRecord, 1)
    if state is None:
        session.add(ClockStateRecord(max_local_time_seen=iso(now)))
        return
    seen = parse_iso(state.max_local_time_seen)
    if now < seen - CLOCK_TOLERANCE:
        raise ClockWentBackwards(
            _(
                "Đồng hồ máy tính đang lùi về trước thời điểm đã ghi nhận ({seen}). Không thể cấp mã hồ sơ "
                "cho đến khi lãnh đạo bộ phận kiểm tra và chỉnh lại giờ."
            ).format(seen=f"{seen:%H:%M %d/%m/%Y}")
        )
    offset = state.last_offset_ms
    if offset is not None and abs(offset) > CLOCK_BLOCK_MS:
        raise ClockWentBackwards(
            _(
                "Đồng hồ máy tính lệch {minutes} phút so với máy chủ trung tâm. Không thể cấp mã hồ sơ cho "
                "đến khi lãnh đạo bộ phận chỉnh lại giờ và xác nhận (màn hình Đồng bộ)."
            ).format(minutes=round(offset / 60000))
        )
    if now > seen:
        state.max_local_time_seen = iso(now)


def _bump(session: Session, name: str) -> int:
    value = session.execute(
        text(
            "INSERT INTO desk_counters (name, value) VALUES (:name, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
        ),
        {"name": name},
    ).scalar_one()
    return int(value)


def next_desk_seq(session: Session) -> int:
    """The next gap-free transport sequence number of this desk."""
    return _bump(session, "desk_seq")


def next_register_number(session: Session, year: int) -> int:
    """The next continuous number of the year's register book (Sổ theo dõi hồ sơ)."""
    return _bump(session, f"register:{year}")


def next_handover_number(session: Session, year: int) -> int:
    """The next handover batch number of the year."""
    return _bump(session, f"handover:{year}")


def issue_code(session: Session, desk: DeskIdentityRecord, day: date) -> DossierCode:
    """The next dossier code of this desk's slot for ``day`` (raises CodeExhausted past 999)."""
    n = session.execute(
        text(
            "INSERT INTO code_counters (unit_code, code_date, code_slot, last_n) VALUES (:u, :d, :s, 1) "
            "ON CONFLICT (unit_code, code_date, code_slot) DO UPDATE SET last_n = last_n + 1 RETURNING last_n"
        ),
        {"u": desk.unit_code, "d": f"{day:%y%m%d}", "s": desk.code_slot},
    ).scalar_one()
    return make_dossier_code(desk.unit_code, day, desk.code_slot, int(n))


def claim_code(session: Session, desk: DeskIdentityRecord, text_code: str, day: date) -> str:
    """Take a pre-printed code of a paper dossier; later codes of its slot and day come after it."""
    code = parse_dossier_code(text_code)
    if code.unit_code != desk.unit_code:
        raise InvalidInput(
            _("Mã {code} không thuộc đơn vị {unit} của bàn này.").format(code=code, unit=desk.unit_code)
        )
    if code.day != day:
        raise InvalidInput(
            _("Ngày trong mã {code} không khớp ngày nhận hồ sơ {day}.").format(
                code=code, day=f"{day:%d/%m/%Y}"
            )
        )
    session.execute(
        text(
            "INSERT INTO code_counters (unit_code, code_date, code_slot, last_n) VALUES (:u, :d, :s, :n) "
            "ON CONFLICT (unit_code, code_date, code_slot) DO UPDATE SET last_n = max(last_n, :n)"
        ),
        {"u": code.unit_code, "d": f"{day:%y%m%d}", "s": code.slot, "n": code.number_in_slot},
    )
    if session.scalar(select(DossierRecord.dossier_id).where(DossierRecord.dossier_code == str(code))):
        raise InvalidInput(_("Mã {code} đã có trong cơ sở dữ liệu.").format(code=code))
    return str(code)


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """What the caller may need to know of the event it just wrote."""

    event_id: str
    desk_seq: int
    occurred_at: str


def new_event(
    session: Session,
    *,
    event_type: EventType,
    dossier_id: str,
    dossier_code: str | None,
    action: Action | str,
    from_status: DossierStatus | None,
    to_status: DossierStatus,
    actor: Actor,
    occurred_at: datetime,
    note: str = "",
    data: Body,
) -> DossierEvent:
    """A new event of this desk (its id, unit and desk filled in); nothing is written yet."""
    desk = identity(session)
    return DossierEvent(
        event_id=str(uuid6.uuid7()),
        event_type=event_type,
        dossier_id=dossier_id,
        dossier_code=dossier_code,
        unit_code=desk.unit_code,
        desk_id=desk.desk_id,
        action=action if isinstance(action, str) else action.value,
        from_status=int(from_status) if from_status is not None else None,
        to_status=int(to_status),
        occurred_at=iso(occurred_at),
        actor=actor.username,
        note=note,
        data=data,
    )


def append(session: Session, event: DossierEvent, recorded_at: datetime) -> RecordedEvent:
    """Append the event and its outbox row (same payload, same transaction)."""
    desk_seq = next_desk_seq(session)
    body = event.canonical()
    # Plain inserts: the journal is append-only, it never needs ORM identity.
    session.execute(
        insert(DossierEventRecord).values(
            event_id=event.event_id,
            dossier_id=event.dossier_id,
            desk_seq=desk_seq,
            event_type=event.event_type.value,
            action=event.action,
            from_status=event.from_status,
            to_status=event.to_status,
            actor=event.actor,
            occurred_at=event.occurred_at,
            recorded_at=iso(recorded_at),
            note=event.note or None,
            payload=body,
            origin=f"desk:{event.desk_id}",
        )
    )
    session.execute(
        insert(OutboxRecord).values(
            desk_seq=desk_seq,
            event_id=event.event_id,
            aggregate_id=event.dossier_id,
            event_type=event.event_type.value,
            event_version=EVENT_VERSION,
            payload=body,
            payload_sha256=payload_sha256(body),
            local_time=iso(recorded_at),
            hlc=f"{int(recorded_at.timestamp() * 1000):013d}:{desk_seq:08d}",
        )
    )
    return RecordedEvent(event.event_id, desk_seq, event.occurred_at)


def record_pulled_event(
    session: Session,
    *,
    event_id: str,
    dossier_id: str,
    server_seq: int,
    event_type: str,
    action: str,
    statuses: tuple[int | None, int],
    actor: str,
    occurred_at: str,
    recorded_at: datetime,
    note: str,
    payload: str,
    origin: str,
) -> None:
    """Append an event that came from central (no outbox row: it is already there)."""
    session.execute(
        insert(DossierEventRecord).values(
            event_id=event_id,
            dossier_id=dossier_id,
            desk_seq=None,
            server_seq=server_seq,
            event_type=event_type,
            action=action,
            from_status=statuses[0],
            to_status=statuses[1],
            actor=actor,
            occurred_at=occurred_at,
            recorded_at=iso(recorded_at),
            note=note or None,
            payload=payload,
            origin=origin,
        )
    )
