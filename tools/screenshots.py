"""Screenshots of every screen, for docs/screenshots/ (run by `make screenshots` under Xvfb).

A demo database with a few dossiers in several states; each screen is shown in turn and grabbed at
1366×728 and at 1920×1040 (`NN-name-1366.png`, `NN-name-1920.png`). Without Xvfb:
`QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py`.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from desk_app.core.checklist import complete_answers
from desk_app.core.clock import VN_TZ, FixedClock
from desk_app.core.dossier import Actor, Applicant, ReceptionDraft
from desk_app.core.scan import classify
from desk_app.core.workflow import Action, Role
from desk_app.services.container import build_services
from desk_app.services.dossiers import ActionRequest
from desk_app.services.reception_checklist import checklist_items
from desk_app.ui.app import build_window, make_application
from desk_app.ui.events import AppEvents
from desk_app.ui.tasks import TaskRunner

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = ((1366, 728), (1920, 1040))  # the commonest commune screen and full HD, each less a 40-px taskbar
OFFICER = Actor("canbo1", Role.OFFICER)
PEOPLE = ["Nguyễn Thị Thu Hà", "Trần Văn Đức", "Lê Hoàng Phương Anh", "Phạm Quốc Việt", "Võ Thị Ngọc Ánh"]
CARD = "001090123456|012345678|Nguyễn Văn Bình|01011990|Nam|Thôn Phú Mỹ, xã Phú Mỹ, tỉnh Lâm Đồng|15042021"


def seed(services, when: datetime) -> list[str]:  # type: ignore[no-untyped-def]
    codes = []
    for i, name in enumerate(PEOPLE):
        detail = services.catalogue.procedure("1.001193" if i % 2 == 0 else "1.000894")
        draft = ReceptionDraft(
            detail.code, Applicant(name, phone="0901234567"), tuple(complete_answers(checklist_items(detail)))
        )
        outcome, _changes = services.reception.receive(draft, OFFICER)
        codes.append(outcome.code)
    services.dossiers.act(codes[0], ActionRequest(Action.TRANSFER, department="Tư pháp - Hộ tịch"), OFFICER)
    services.dossiers.act(codes[1], ActionRequest(Action.TRANSFER, department="Tư pháp - Hộ tịch"), OFFICER)
    services.dossiers.act(
        codes[1], ActionRequest(Action.RECEIVE_BACK, department="Tư pháp - Hộ tịch"), OFFICER
    )
    services.dossiers.act(codes[1], ActionRequest(Action.FINISH), OFFICER)
    del when
    return codes  # [0] at a department, [1] with its result back at the desk


def main() -> int:
    app = make_application()
    folder = Path(tempfile.mkdtemp())
    clock = FixedClock(datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ))
    services = build_services(folder / "desk.sqlite3", clock=clock)
    services.desk.initialise_demo()
    codes = seed(services, clock.now())
    code = codes[0]
    window = build_window(services, TaskRunner(immediate=True), AppEvents(), OFFICER, None)
    # The counters' usual screen less its taskbar (the app itself opens maximised on the real screen).
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 728)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, callable]] = []  # type: ignore[valid-type]

    def reception() -> None:
        window.reception.handle_scan(classify(CARD))
        window.reception.picker.search.setText("khai sinh")
        window.reception._on_picker_procedure_chosen("1.001193")  # noqa: SLF001
        window.reception._on_complete_button_clicked()  # noqa: SLF001

    def lookup() -> None:
        window.lookup.open(code)

    def handover() -> None:
        window.handover.department.setText("Công chức Tư pháp - Hộ tịch")
        window.handover.add(code)

    def register() -> None:
        window.register.period.set_period(date(2026, 11, 1), date(2026, 11, 30))

    def reports() -> None:
        window.reports.period.set_period(date(2026, 11, 1), date(2026, 11, 30))
        window.reports.refresh()

    def catalogue() -> None:
        window.catalogue.picker.search.setText("kết hôn")
        window.catalogue.show_procedure(window.catalogue.picker.model.row_at(0).code)

    steps = [
        ("00-hom-nay", window.today, lambda: None),
        ("01-tiep-nhan", window.reception, reception),
        ("02-tra-cuu", window.lookup, lookup),
        ("03-ban-giao", window.handover, handover),
        ("04-tra-ket-qua", window.returns, lambda: window.returns.load(codes[1])),
        ("05-so-theo-doi", window.register, register),
        ("06-bao-cao", window.reports, reports),
        ("07-danh-muc", window.catalogue, catalogue),
        ("08-dong-bo", window.sync, lambda: None),
        ("09-cai-dat", window.settings_screen, lambda: None),
        ("10-ket-thuc-ngay", window.day_close, lambda: None),
    ]
    del shots

    def grab(name: str, size: tuple[int, int], then: callable) -> None:  # type: ignore[valid-type]
        window.resize(*size)
        QTimer.singleShot(300, lambda: (window.grab().save(str(OUT / f"{name}-{size[0]}.png")), then()))

    def run(index: int = 0) -> None:
        if index == len(steps):
            app.quit()
            return
        name, screen, prepare = steps[index]
        window.resize(*SIZES[0])
        window.show_screen(screen)
        prepare()
        # Each screen at 1366×728 and at 1920×1040 (1080 less a taskbar), prepared once.
        grab(name, SIZES[0], lambda: grab(name, SIZES[1], lambda: run(index + 1)))

    QTimer.singleShot(300, run)
    app.exec()
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
