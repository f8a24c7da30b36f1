"""A dossier as central's order of its events decides it (sync.md §2.7: never last-writer-wins).

The desk moves a dossier at once (offline work must go on), but central is the judge of the order: a
desk event central refused, or one that lost a race with a department's step, is not part of the
dossier's history. When that happens the desk projects the dossier again from its events in server
order (then its own pending ones in desk order), skipping what central refused, and follows the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.services.dossier_state import refold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def follow_central(session: Session, dossier_id: str) -> bool:
    """Re-project one dossier; True when its row changed."""
    changed, _skipped = refold(session, dossier_id)
    return changed
