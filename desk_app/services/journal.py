"""The write recipe of sync.md §2.2: counters, clock guard, event + outbox in one transaction.

Every function here runs inside the caller's unit of work; nothing commits. The statements every
action runs (counters, clock mark, event, outbox) go straight to the transaction's sqlite3 connection:
building them through SQLAlchemy cost more than the writes themselves (bench/bench_accept.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, cast

import uuid6
from sqlalchemy import insert, select, text

from desk_app.core.codes import DossierCode, make_dossier_code, parse_dossier_code
from desk_app.core.document_numbers import NUMBERED_BY, counter_name, make_document_number
from desk_app.core.errors import ConfigurationError, DomainError, InvalidInput
from desk_app.core.events import EVENT_VERSION, DossierEvent, EventType, payload_sha256
from desk_app.core.workflow import Action
from desk_app.i18n import _
from desk_app.models import (
    DeskIdentityRecord,
    DossierEventRecord,
    DossierRecord,
)
from desk_app.services.timefmt import iso, parse_iso
from desk_app.services.uow import TRANSACTION_CACHE, driver

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.core.dossier import Actor
    from desk_app.core.events import Body
    from desk_app.core.workflow import DossierStatus

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


@dataclass(frozen=True, slots=True)
class DeskKeys:
    """What every write needs of the desk identity."""

    desk_id: str
    unit_code: str
    code_slot: int


def desk_keys(session: Session) -> DeskKeys:
    """The desk's id, unit and code slot (read once per transaction); refuses when not initialised."""
    cached = session.info.get(_DESK_KEYS)
    if cached is not None:
        return cast("DeskKeys", cached)
    row = (
        driver(session)
        .execute("SELECT desk_id, unit_code, code_slot FROM desk_identity WHERE singleton = 1")
        .fetchone()
    )
    if row is None:
        raise ConfigurationError(_("Bàn chưa được khởi tạo: hãy chạy “desk-app init”."))
    keys = session.info[_DESK_KEYS] = DeskKeys(str(row[0]), str(row[1]), int(row[2]))
    return keys


_DESK_KEYS = TRANSACTION_CACHE[1]


def guard_clock(session: Session, now: datetime) -> None:
    """Refuse when the clock went backwards (dead CMOS battery, manual change); else advance the mark."""
    conn = driver(session)
    row = conn.execute(
        "SELECT max_local_time_seen, last_offset_ms FROM clock_state WHERE singleton = 1"
    ).fetchone()
    if row is None:
        conn.execute("INSERT INTO clock_state (singleton, max_local_time_seen) VALUES (1, ?)", (iso(now),))
        return
    seen = parse_iso(row[0])
    if now < seen - CLOCK_TOLERANCE:
        raise ClockWentBackwards(
            _(
                "Đồng hồ máy tính đang lùi về trước thời điểm đã ghi nhận ({seen}). Không thể cấp mã hồ sơ "
                "cho đến khi lãnh đạo bộ phận kiểm tra và chỉnh lại giờ."
            ).format(seen=f"{seen:%H:%M %d/%m/%Y}")
        )
    offset = row[1]
    if offset is not None and abs(offset) > CLOCK_BLOCK_MS:
        raise ClockWentBackwards(
            _(
                "Đồng hồ máy tính lệch {minutes} phút so với máy chủ trung tâm. Không thể cấp mã hồ sơ cho "
                "đến khi lãnh đạo bộ phận chỉnh lại giờ và xác nhận (màn hình Đồng bộ)."
            ).format(minutes=round(offset / 60000))
        )
    if now > seen:
        conn.execute("UPDATE clock_state SET max_local_time_seen = ? WHERE singleton = 1", (iso(now),))


def _bump(session: Session, name: str) -> int:
    row = (
        driver(session)
        .execute(
            "INSERT INTO desk_counters (name, value) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
            (name,),
        )
        .fetchone()
    )
    return int(row[0])


def next_desk_seq(session: Session) -> int:
    """The next gap-free transport sequence number of this desk."""
    return _bump(session, "desk_seq")


def next_register_number(session: Session, year: int) -> int:
    """The next continuous number of the year's register book (Sổ theo dõi hồ sơ)."""
    return _bump(session, f"register:{year}")


def next_handover_number(session: Session, year: int) -> int:
    """The next handover batch number of the year."""
    return _bump(session, f"handover:{year}")


def number_document(session: Session, action: str, year: int) -> str | None:
    """The number of the slip ``action`` prints (its kind's next of the year), or None for no slip."""
    kind = NUMBERED_BY.get(Action(action))
    if kind is None:
        return None
    n = _bump(session, counter_name(kind, year))
    return str(make_document_number(kind, year, desk_keys(session).code_slot, n))


def issue_code(session: Session, desk: DeskKeys, day: date) -> DossierCode:
    """The next dossier code of this desk's slot for ``day`` (raises CodeExhausted past 999)."""
    row = (
        driver(session)
        .execute(
            "INSERT INTO code_counters (unit_code, code_date, code_slot, last_n) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (unit_code, code_date, code_slot) DO UPDATE SET last_n = last_n + 1 "
            "RETURNING last_n",
            (desk.unit_code, f"{day:%y%m%d}", desk.code_slot),
        )
        .fetchone()
    )
    return make_dossier_code(desk.unit_code, day, desk.code_slot, int(row[0]))


def claim_code(session: Session, desk: DeskKeys, text_code: str, day: date) -> str:
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
    desk = desk_keys(session)
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


_EVENT_COLUMNS = (
    "event_id, dossier_id, desk_seq, server_seq, event_type, action, from_status, to_status, actor, "
    "occurred_at, recorded_at, note, payload, origin"
)
_INSERT_EVENT = (
    f"INSERT INTO dossier_events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_OUTBOX = (
    "INSERT INTO outbox (desk_seq, event_id, aggregate_id, event_type, event_version, payload, "
    "payload_sha256, local_time, hlc, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
)


def append(session: Session, event: DossierEvent, recorded_at: datetime) -> RecordedEvent:
    """Append the event and its outbox row (same payload, same transaction; the journal is append-only)."""
    desk_seq = next_desk_seq(session)
    body = event.canonical()
    conn = driver(session)
    recorded = iso(recorded_at)
    conn.execute(
        _INSERT_EVENT,
        (
            event.event_id,
            event.dossier_id,
            desk_seq,
            None,
            event.event_type.value,
            event.action,
            event.from_status,
            event.to_status,
            event.actor,
            event.occurred_at,
            recorded,
            event.note or None,
            body,
            f"desk:{event.desk_id}",
        ),
    )
    conn.execute(
        _INSERT_OUTBOX,
        (
            desk_seq,
            event.event_id,
            event.dossier_id,
            event.event_type.value,
            EVENT_VERSION,
            body,
            payload_sha256(body),
            recorded,
            f"{int(recorded_at.timestamp() * 1000):013d}:{desk_seq:08d}",
        ),
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
