"""Child process for the kill test: receives dossiers in a loop, reporting each one after COMMIT."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from desk_app.core.checklist import complete_answers
from desk_app.core.clock import VN_TZ
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Role
from desk_app.services.container import build_services
from desk_app.services.reception import checklist_items


def main(db: str, days_back: int) -> None:
    services = build_services(Path(db))
    received = datetime.now(VN_TZ).replace(microsecond=0) - timedelta(days=days_back)
    detail = services.catalogue.procedure("1.004873")
    answers = tuple(complete_answers(checklist_items(detail)))
    actor = Actor("canbo1", Role.OFFICER)
    n = 0
    while True:
        n += 1
        draft = ReceptionDraft("1.004873", Applicant(name=f"Người nộp {n}"), answers, received_at=received)
        outcome, _changes = services.reception.receive(draft, actor)
        # Reported only once the transaction has committed: these must survive the kill.
        print(f"{outcome.id} {outcome.code}", flush=True)
        if n == 1:
            # The first reception warms the caches; the kills must land in the steady loop.
            print("ready", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
