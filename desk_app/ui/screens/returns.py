"""Trả kết quả: scan the dossier, record who collected it (and their ID), return the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DomainError
from desk_app.core.projection import DESK_LOCATION
from desk_app.core.scan import OPENS_DOSSIER, classify
from desk_app.core.workflow import Action, DossierStatus
from desk_app.i18n import _
from desk_app.services.dossiers import ActionRequest
from desk_app.ui.dossier_actions import DetailActions
from desk_app.ui.errors import show_error
from desk_app.ui.style import decorate
from desk_app.ui.widgets.dossier_detail import DossierDetailWidget
from desk_app.ui.widgets.return_fields import ReturnFields

if TYPE_CHECKING:
    from desk_app.core.scan import ScanResult
    from desk_app.services.dossiers import DossierService
    from desk_app.services.dto import DossierDetail
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext


class ReturnScreen(QWidget):
    """The collector's name and ID; a proxy needs the authorisation's number."""

    def __init__(
        self,
        dossiers: DossierService,
        printing: PrintService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dossiers = dossiers
        self._ctx = ctx
        self.current: DossierDetail | None = None
        self.finish_first = False
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(_("Quét mã trên giấy hẹn, hoặc gõ mã hồ sơ rồi Enter"))
        self.fields = ReturnFields()
        self.collector, self.collector_id = self.fields.collector, self.fields.collector_id
        self.proxy, self.authorisation = self.fields.proxy, self.fields.authorisation
        self.return_button = QPushButton(_("Trả kết quả (Ctrl+Enter)"))
        decorate(self.return_button, "primary", "file-check")
        self.state_label = QLabel()
        self.detail = DossierDetailWidget()
        # "Có kết quả", "Hẹn lại" and the reprints on the detail work here as on Tra cứu.
        self.detail_actions = DetailActions(self, self.detail, dossiers, printing, ctx, self._show)
        form = QFormLayout()
        form.addRow(_("Mã hồ sơ"), self.code_entry)
        self.fields.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.return_button)
        layout.addWidget(self.state_label)
        layout.addWidget(self.detail, 1)
        self.code_entry.returnPressed.connect(self._on_code_entry_return_pressed)
        self.return_button.clicked.connect(self._on_return_button_clicked)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_return_button_clicked)
        self._show(None)

    def handle_scan(self, result: ScanResult) -> bool:
        """A scanned dossier is the one being returned."""
        if result.kind not in OPENS_DOSSIER:
            return False
        self.load(result.code)
        return True

    def load(self, ref: str) -> None:
        """Show the dossier to return."""
        try:
            self._show(self._dossiers.show(ref, self._ctx.actor))
        except DomainError as exc:
            self._ctx.events.sig_scan_verdict.emit("unknown")
            show_error(self, exc)
            return
        if self.current is not None and not self.collector.text():
            self.collector.setText(self.current.summary.applicant_name)
            self.collector_id.setText(self.current.applicant_id_number)
        self.collector.setFocus()

    def _show(self, detail: DossierDetail | None) -> None:
        self.current = detail
        self.detail.show_detail(detail)
        allowed = detail.allowed_actions if detail is not None else ()
        can = Action.RETURN_RESULT.value in allowed
        # Back from the department with the result in hand: record it and hand it over in one step.
        back = (
            detail is not None
            and detail.summary.status is DossierStatus.PROCESSING
            and detail.summary.holder == DESK_LOCATION
        )  # received back from the department: the result is in the officer's hands
        self.finish_first = not can and back and Action.FINISH.value in allowed
        self.return_button.setEnabled(can or self.finish_first)
        self.return_button.setText(
            _("Có kết quả và trả ngay (Ctrl+Enter)") if self.finish_first else _("Trả kết quả (Ctrl+Enter)")
        )
        if detail is not None:
            self.fields.preset(detail.return_address)
        if detail is None:
            self.state_label.setText("")
        elif can:
            self.state_label.setText(_("Có thể trả kết quả."))
        elif self.finish_first:
            self.state_label.setText(
                _(
                    "Hồ sơ chưa ghi “Có kết quả”: nút trên ghi có kết quả và trả cho người nhận "
                    "trong một bước."
                )
            )
        else:
            why = detail.blocked.get(Action.RETURN_RESULT.value, detail.summary.status_label)
            self.state_label.setText(_("Chưa trả được: {why}").format(why=why))

    @Slot()
    def _on_code_entry_return_pressed(self) -> None:
        text = self.code_entry.text().strip()
        if text:
            self.load(classify(text).code or text)

    @Slot()
    def _on_return_button_clicked(self) -> None:
        if self.current is None or not self.return_button.isEnabled():
            return
        request = ActionRequest(
            action=Action.RETURN_RESULT,
            **self.fields.values(),
        )
        act = self._dossiers.finish_and_return if self.finish_first else self._dossiers.act
        try:
            detail, changes = act(
                self.current.summary.code or self.current.summary.id, request, self._ctx.actor
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        for edit in (self.collector, self.collector_id, self.authorisation, self.code_entry):
            edit.clear()
        self.proxy.setChecked(False)
        self._show(detail)
        self.state_label.setText(_("Đã trả kết quả hồ sơ {code}.").format(code=detail.summary.code))
