"""Child process for the kill test: receives dossiers in a loop, reporting each one after COMMIT.

``reception_child.py DB DAYS_BACK`` runs one child. ``reception_child.py --zygote DB`` imports
everything once and then forks a child per "go DAYS_BACK OUT" line on stdin (the child reports into
the file OUT; its pid is printed), and "wait PID" prints how that child ended: a fresh interpreter
per kill costs about a second of imports, a fork a few milliseconds.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from desk_app.core.checklist import complete_answers
from desk_app.core.clock import VN_TZ
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Role
from desk_app.services.container import build_services
from desk_app.services.reception_checklist import checklist_items


def main(db: str, days_back: int, out: TextIO = sys.stdout) -> None:
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
        print(f"{outcome.id} {outcome.code}", file=out, flush=True)
        if n == 1:
            # The first reception warms the caches; the kills must land in the steady loop.
            print("ready", file=out, flush=True)


def zygote(db: str) -> None:
    """Fork children on request; never opens the database itself."""
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["go"]:
            pid = os.fork()
            if pid == 0:
                try:
                    with open(words[2], "w", encoding="utf-8") as out:
                        main(db, int(words[1]), out)
                finally:
                    os._exit(3)
            print(pid, flush=True)
        elif words[:1] == ["wait"]:
            _pid, status = os.waitpid(int(words[1]), 0)
            print(os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--zygote":
        zygote(sys.argv[2])
    else:
        main(sys.argv[1], int(sys.argv[2]))
