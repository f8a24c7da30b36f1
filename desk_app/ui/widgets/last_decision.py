"""The line under the reception that says what was just decided, and reprints it (Ctrl+P)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.clock import to_local
from desk_app.i18n import _
from desk_app.services.dto import Outcome
from desk_app.ui.dossier_actions import print_and_record, render_documents
from desk_app.ui.style import decorate

if TYPE_CHECKING:
    from desk_app.core.reception_form import ReceptionForm
    from desk_app.services.dto import ReceptionOutcome
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext

OK_STYLE = "color: #1b5e20; font-weight: bold;"
RECENT = 5


def decision_text(outcome: ReceptionOutcome) -> str:
    """The line: "Đã tiếp nhận <code>, hẹn trả 17:00 03/12/2026", or the request's or refusal's number."""
    if outcome.outcome is Outcome.ACCEPTED and outcome.due_at is not None:
        return _("Đã tiếp nhận {code}, hẹn trả {when}.").format(
            code=outcome.code, when=f"{to_local(outcome.due_at):%H:%M %d/%m/%Y}"
        )
    number = outcome.document_number or ""
    if outcome.outcome is Outcome.SUPPLEMENT:
        return _("Đã lập phiếu yêu cầu bổ sung {number}: thiếu {n} thành phần.").format(
            number=number, n=len(outcome.missing)
        )
    return _("Đã lập phiếu từ chối tiếp nhận {number}.").format(number=number)


class LastDecision(QWidget):
    """The last decision of this counter, with a reprint of its documents; or the undo of a cleared form."""

    sig_restore = Signal(object)
    """The officer takes back Ctrl+N: the cleared ``ReceptionForm``."""

    def __init__(self, printing: PrintService, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cleared: ReceptionForm | None = None
        self._printing = printing
        self._ctx = ctx
        self._ref = ""
        self._documents: tuple[str, ...] = ()
        self.label = QLabel()
        self.label.setStyleSheet(OK_STYLE)
        self.reprint_button = QPushButton(_("In lại (Ctrl+P)"))
        decorate(self.reprint_button, None, "printer")
        self.reprint_button.hide()
        self.undo_button = QPushButton(_("Khôi phục hồ sơ vừa xoá"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.reprint_button)
        row.addWidget(self.undo_button)
        self.recent = RecentStrip(ctx)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.recent)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._on_reprint_button_clicked)

    def show_outcome(self, outcome: ReceptionOutcome, documents: tuple[str, ...]) -> None:
        """Say what was decided; its documents can be printed again from here."""
        self._ref = outcome.code or outcome.id
        self._documents = documents
        self.label.setText(decision_text(outcome))
        self.recent.add(outcome)
        self.reprint_button.show()
        self.undo_button.hide()
        self._cleared = None

    def offer_undo(self, form: ReceptionForm) -> None:
        """The form was cleared: say so, and keep it until the next decision or clearing."""
        self._cleared = form
        self.label.setText(
            _("Đã xoá hồ sơ đang nhập của {name}.").format(name=form.name or _("(chưa có tên)"))
        )
        self.reprint_button.hide()
        self.undo_button.show()

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        if self._cleared is not None:
            form, self._cleared = self._cleared, None
            self.undo_button.hide()
            self.label.setText(_("Đã khôi phục hồ sơ đang nhập."))
            self.sig_restore.emit(form)

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        if self._ref:
            rendered = render_documents(self, self._printing, self._documents, self._ref)
            print_and_record(self, self._printing, self._ctx, rendered)


class RecentStrip(QWidget):
    """The last five dossiers decided at this counter, newest first; a click opens one in Tra cứu."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(QLabel(_("Vừa xong:")))
        self._row.addStretch(1)
        self.hide()

    def add(self, outcome: ReceptionOutcome) -> None:
        """Put a decision first; the sixth oldest drops off."""
        ref = outcome.code or outcome.id
        button = QPushButton(_short(outcome))
        button.setToolTip(decision_text(outcome))
        button.setFlat(True)
        button.clicked.connect(lambda: self._ctx.events.sig_open_dossier.emit(ref))
        self._row.insertWidget(1, button)
        self.buttons.insert(0, button)
        for old in self.buttons[RECENT:]:
            old.deleteLater()
        del self.buttons[RECENT:]
        self.show()


def _short(outcome: ReceptionOutcome) -> str:
    """What tells this counter's dossiers apart: the code's date and number, or the slip's number."""
    if outcome.code:
        return outcome.code.rsplit("-", 2)[-2] + "-" + outcome.code.rsplit("-", 1)[-1]
    return outcome.document_number or outcome.id[:8]
