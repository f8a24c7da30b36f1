"""Helpers for the lifecycle tests: actors, drafts, table counts."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import ChecklistAnswer, complete_answers
from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Action, Role
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.reception_checklist import checklist_items

OFFICER = Actor("canbo1", Role.OFFICER)
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)
APPLICANT = Applicant(
    name="Trần Thị Bích Ngọc",
    id_number="079198001234",
    phone="0901 234 567",
    address="Phường Bến Nghé, TP. Hồ Chí Minh",
)


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 30) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def complete(
    services: Services, code: str, channel: Channel = Channel.DIRECT, cases: tuple[int, ...] = ()
) -> tuple[ChecklistAnswer, ...]:
    return tuple(complete_answers(checklist_items(services.catalogue.procedure(code)), channel, cases))


def draft(
    services: Services,
    code: str = "1.001193",
    *,
    answers: tuple[ChecklistAnswer, ...] | None = None,
    received_at: datetime | None = None,
    **kwargs: object,
) -> ReceptionDraft:
    channel = kwargs.get("channel", Channel.DIRECT)
    assert isinstance(channel, Channel)
    return ReceptionDraft(
        code,
        APPLICANT,
        complete(services, code, channel) if answers is None else answers,
        received_at=received_at,
        **kwargs,
    )  # type: ignore[arg-type]


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "dossiers",
                "dossier_events",
                "outbox",
                "dossier_checklist",
                "code_counters",
                "handover_batches",
            )
        }
    finally:
        conn.close()


def outbox_is_gapless(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        seqs = [r[0] for r in conn.execute("SELECT desk_seq FROM outbox ORDER BY desk_seq")]
        counter = conn.execute("SELECT value FROM desk_counters WHERE name = 'desk_seq'").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM dossier_events").fetchone()[0]
    finally:
        conn.close()
    return seqs == list(range(1, len(seqs) + 1)) and counter == len(seqs) == events


def rescheduled(services: Services, clock: FixedClock) -> str:
    """The code of a dossier sent to a department, then given a new date: 10:00 on 04/12/2026."""
    outcome, _changes = services.reception.receive(draft(services, "1.004873"), OFFICER)
    assert outcome.code is not None
    services.dossiers.act(
        outcome.code, ActionRequest(Action.TRANSFER, department="Tư pháp - Hộ tịch"), OFFICER
    )
    clock.advance(timedelta(hours=1))
    services.dossiers.act(
        outcome.code,
        ActionRequest(Action.RESCHEDULE, reason="Cần xác minh", new_due_at=at(2026, 12, 4, 10, 0)),
        OFFICER,
    )
    return outcome.code
