"""A dossier's status as central's order of its events decides it (sync.md §2.7: never last-writer-wins).

The desk moves a dossier at once (offline work must go on), but central is the judge of the order: a
desk event central refused, or one that lost a race with a department's step, is not part of the
dossier's history. When that happens the desk folds the dossier's events again in server order (then
its own pending ones in desk order), skipping what central refused, and follows the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from desk_app.core.workflow import Action, DossierStatus, fold_in_server_order
from desk_app.models import DossierEventRecord, DossierRecord
from desk_app.models.outbox import OutboxRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_ENDED = (DossierStatus.FINISHED, DossierStatus.STOPPED)


def follow_central(session: Session, dossier_id: str) -> bool:
    """Re-fold one dossier's status; True when it changed."""
    dossier = session.get(DossierRecord, dossier_id)
    if dossier is None:
        return False
    refused = select(OutboxRecord.event_id).where(OutboxRecord.rejected_reason.is_not(None))
    events = session.scalars(
        select(DossierEventRecord)
        .where(DossierEventRecord.dossier_id == dossier_id, DossierEventRecord.event_id.not_in(refused))
        .order_by(
            DossierEventRecord.server_seq.is_(None),
            DossierEventRecord.server_seq,
            DossierEventRecord.desk_seq,
            DossierEventRecord.recorded_at,
        )
    ).all()
    actions = [Action(e.action) for e in events if e.action in Action._value2member_map_]
    folded = fold_in_server_order(actions)
    if folded is None or int(folded) == dossier.status:
        return False
    dossier.status = int(folded)
    dossier.row_version += 1
    if folded in _ENDED and dossier.finished_at is None:
        dossier.finished_at = next(
            (e.occurred_at for e in reversed(events) if e.to_status == int(folded)), dossier.finished_at
        )
    return True
