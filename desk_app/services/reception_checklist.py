"""A procedure version's published checklist as the counter uses it, and what a reception stores of it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desk_app.core.catalogue import Channel, ComponentKind
from desk_app.core.checklist import ChecklistAnswer, ChecklistItem, ChecklistResult, channel_label
from desk_app.core.components import Applies
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _
from desk_app.services.dto import MissingSummary
from desk_app.services.uow import driver

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.services.dto import ProcedureDetail


def checklist_items(detail: ProcedureDetail) -> list[ChecklistItem]:
    """The published components of a procedure version as checklist items, with their reading."""
    return [
        ChecklistItem(
            c.position,
            c.name,
            ComponentKind(c.kind),
            c.originals,
            c.copies,
            c.group,
            Applies(c.applies),
            frozenset(Channel(v) for v in c.channels),
            c.case,
            c.alt_group,
            c.substitutes,
            c.identity,
            c.ambiguous,
        )
        for c in detail.components
    ]


def require_offered(detail: ProcedureDetail, channel: Channel) -> None:
    """Refuse a reception on a channel the procedure is not published for."""
    terms = next((t for t in detail.terms if t.channel == channel.value), None)
    if terms is not None and not terms.offered:
        offered = [channel_label(Channel(t.channel)) for t in detail.terms if t.offered]
        raise InvalidInput(
            _("Thủ tục {code} không được công bố để nộp {channel}; kênh được công bố: {offered}.").format(
                code=detail.code, channel=channel_label(channel), offered=", ".join(offered) or _("không rõ")
            )
        )


def identity_shown(
    items: list[ChecklistItem], answers: tuple[ChecklistAnswer, ...], channel: Channel
) -> tuple[ChecklistAnswer, ...]:
    """A scanned CCCD is the identity paper shown: it is recorded so, and never asked for again."""
    by_position = {a.position: a for a in answers}
    for item in items:
        if item.identity and item.on_channel(channel) and item.kind is ComponentKind.SHOW:
            answer = by_position.get(item.position)
            by_position[item.position] = (
                replace(answer, shown=True, applies=True)
                if answer is not None
                else ChecklistAnswer(item.position, 1, 0, shown=True)
            )
    return tuple(by_position[p] for p in sorted(by_position))


def missing_summaries(result: ChecklistResult) -> tuple[MissingSummary, ...]:
    """DTOs of the missing items."""
    return tuple(
        MissingSummary(
            m.position,
            m.name,
            m.kind.value,
            m.originals_needed,
            m.copies_needed,
            m.originals_received,
            m.copies_received,
        )
        for m in result.missing
    )


def save_answers(
    session: Session, dossier_id: str, round_no: int, answers: tuple[ChecklistAnswer, ...]
) -> None:
    """Store what was received in one round (0 at reception, then one per supplement)."""
    driver(session).executemany(
        "INSERT INTO dossier_checklist (dossier_id, round, position, originals, copies, shown, applies, "
        "substitute) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (dossier_id, round_no, a.position, a.originals, a.copies, a.shown, a.applies, a.substitute)
            for a in answers
        ],
    )
