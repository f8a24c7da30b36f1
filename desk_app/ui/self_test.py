"""``desk-app --self-test``: what a bundle must be able to do, checked in a few seconds, exit 0 or 1."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from desk_app.core.checklist import complete_answers
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.workflow import Role
from desk_app.services.container import build_services
from desk_app.services.reception_checklist import checklist_items

SELF_TEST_PROCEDURE_QUERY = "khai sinh"


def run_self_test() -> int:
    """Temporary database, migrations, one reception, one receipt, fonts loaded offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[str] = []
    try:
        from desk_app.ui.app import load_fonts, make_application

        with tempfile.TemporaryDirectory() as folder:
            services = build_services(Path(folder) / "self-test.sqlite3")
            steps.append(
                f"migrated to {services.desk.identity().schema_revision}"
                if services.desk.is_initialised()
                else "migrated"
            )
            services.desk.initialise_demo()
            hit = services.catalogue.search(SELF_TEST_PROCEDURE_QUERY, limit=1)[0]
            detail = services.catalogue.procedure(hit.code)
            draft = ReceptionDraft(
                hit.code, Applicant("Nguyễn Văn Thử"), tuple(complete_answers(checklist_items(detail)))
            )
            actor = Actor("canbo1", Role.OFFICER)
            outcome, _changes = services.reception.receive(draft, actor)
            printed, _changes = services.printing.dossier_document(
                "receipt", outcome.code or outcome.id, actor
            )
            if not printed.pdf.startswith(b"%PDF"):
                raise RuntimeError("the receipt is not a PDF")
            steps.append(f"receipt {outcome.code}: {len(printed.pdf)} bytes")
            services.close()
        make_application()
        families = load_fonts()
        if not families:
            raise RuntimeError("no font loaded")
        steps.append("fonts: " + ", ".join(families))
        from desk_app.ui.style import icon, load_ui_font

        if load_ui_font() is None or icon("home").isNull():  # the bundle needs QtSvg for the icons
            raise RuntimeError("the screen font or the icons did not load")
        steps.append("screen font and icons")
    except Exception as exc:
        sys.stderr.write(f"self-test FAILED after {steps}: {type(exc).__name__}: {exc}\n")
        return 1
    sys.stdout.write("self-test ok: " + "; ".join(steps) + "\n")
    return 0
