"""Tiếp nhận: applicant, procedure, published checklist, live completeness and due date, three decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.checklist import describe_group
from desk_app.core.document_kinds import DocumentKind
from desk_app.core.errors import DomainError
from desk_app.core.reception_form import ReceptionForm, complete_ticks, missing_line
from desk_app.core.scan import ScanKind, ScanResult
from desk_app.core.workflow import Action, GuardContext, allowed_actions
from desk_app.i18n import _
from desk_app.services.reception_checklist import checklist_items
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.dossier_actions import print_and_record, render_documents
from desk_app.ui.errors import ask, show_error
from desk_app.ui.style import decorate
from desk_app.ui.widgets.applicant_form import ApplicantForm
from desk_app.ui.widgets.catalogue_notes import CatalogueNotes
from desk_app.ui.widgets.checklist import ChecklistWidget
from desk_app.ui.widgets.due_line import DueLine
from desk_app.ui.widgets.last_decision import LastDecision
from desk_app.ui.widgets.procedure_picker import ProcedurePicker

if TYPE_CHECKING:
    from desk_app.core.checklist import ChecklistItem
    from desk_app.core.dossier import ReceptionDraft
    from desk_app.core.reception_form import ItemTick
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.drafts import DraftService
    from desk_app.services.dto import ProcedureDetail, ProcedureSummary, ReceptionOutcome
    from desk_app.services.due_dates import DueDateService
    from desk_app.services.printing import PrintService
    from desk_app.services.reception import ReceptionService
    from desk_app.ui.context import ScreenContext

AUTOSAVE_MS = 600
FREQUENT_DAYS = 90
OK_STYLE = "color: #1b5e20; font-weight: bold;"
MISSING_STYLE = "color: #b71c1c; font-weight: bold;"


class ReceptionScreen(QWidget):
    """Keyboard first: scan the card, type the procedure, Enter, Ctrl+D (all as published), Ctrl+Enter."""

    def __init__(
        self,
        reception: ReceptionService,
        catalogue: CatalogueService,
        due_dates: DueDateService,
        drafts: DraftService,
        printing: PrintService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reception = reception
        self._catalogue = catalogue
        self._due_dates = due_dates
        self._drafts = drafts
        self._printing = printing
        self._ctx = ctx
        self.form = ReceptionForm()
        self._detail: ProcedureDetail | None = None
        self._items: list[ChecklistItem] = []
        self.last_outcome: ReceptionOutcome | None = None
        self._build()
        self._connect_signals()
        self._restore_draft()
        self.picker.show_frequent()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.applicant = ApplicantForm()
        self.picker = ProcedurePicker(self._catalogue, frequent=self._frequent_procedures)
        self.procedure_label = QLabel(_("Chưa chọn thủ tục."))
        self.procedure_label.setWordWrap(True)
        self.procedure_label.setStyleSheet("font-weight: bold;")
        self.checklist = ChecklistWidget()
        self.notes = CatalogueNotes()
        self.complete_button = QPushButton(_("Đủ theo danh mục (Ctrl+D)"))
        self.status_label = QLabel()
        self.due_line = DueLine()
        self.due_label, self.officer_due = self.due_line.label, self.due_line.officer_due
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Ghi chú (không bắt buộc)"))
        self.accept_button = QPushButton(_("Tiếp nhận và in giấy hẹn (Ctrl+Enter)"))
        self.supplement_button = QPushButton(_("Yêu cầu bổ sung (Ctrl+B)"))
        self.refuse_button = QPushButton(_("Từ chối tiếp nhận (Ctrl+R)"))
        self.clear_button = QPushButton(_("Hồ sơ mới (Ctrl+N)"))
        decorate(self.accept_button, "primary", "check")
        decorate(self.supplement_button, "warning", "file-alert")
        decorate(self.refuse_button, "danger", "x")
        decorate(self.clear_button, None, "file-plus")

        left = QVBoxLayout()
        left.addWidget(self.applicant)
        procedure_box = QGroupBox(_("Thủ tục hành chính"))
        procedure_layout = QVBoxLayout(procedure_box)
        procedure_layout.addWidget(self.picker)
        left.addWidget(procedure_box, 1)
        left_widget = QWidget()
        left_widget.setLayout(left)

        right_box = QGroupBox(_("Thành phần hồ sơ"))
        right = QVBoxLayout(right_box)
        right.addWidget(self.procedure_label)
        right.addWidget(self.checklist, 1)
        right.addWidget(self.notes)
        row = QHBoxLayout()
        row.addWidget(self.complete_button)
        row.addStretch(1)
        row.addWidget(self.status_label)
        right.addLayout(row)
        right.addWidget(self.due_line)
        right.addWidget(self.note)
        decisions = QGridLayout()  # the next action on a row of its own, its alternatives under it
        decisions.addWidget(self.accept_button, 0, 0, 1, 2)
        decisions.addWidget(self.supplement_button, 1, 0)
        decisions.addWidget(self.refuse_button, 1, 1)
        decisions.setColumnStretch(2, 1)
        decisions.addWidget(self.clear_button, 1, 3)
        right.addLayout(decisions)
        self.last_decision = LastDecision(self._printing, self._ctx)
        self.last_decision.sig_restore.connect(self.restore_form)
        right.addWidget(self.last_decision)

        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([430, 850])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._refresh_status()

    def _frequent_procedures(self) -> list[ProcedureSummary]:
        since = self._due_dates.now() - timedelta(days=FREQUENT_DAYS)
        return self._catalogue.frequent(since.date().isoformat(), limit=10)

    def _connect_signals(self) -> None:
        self.applicant.sig_edited.connect(self._on_applicant_edited)
        self.applicant.sig_return_changed.connect(self._on_applicant_return_changed)
        self.picker.sig_procedure_chosen.connect(self._on_picker_procedure_chosen)
        self.checklist.sig_ticks_changed.connect(self._on_checklist_ticks_changed)
        self.complete_button.clicked.connect(self._on_complete_button_clicked)
        self.accept_button.clicked.connect(self._on_accept_button_clicked)
        self.supplement_button.clicked.connect(self._on_supplement_button_clicked)
        self.refuse_button.clicked.connect(self._on_refuse_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.note.textEdited.connect(self._on_note_text_edited)
        self._autosave.timeout.connect(self.save_draft)
        for keys, slot in (
            ("Ctrl+D", self._on_complete_button_clicked),
            ("Ctrl+Return", self._on_accept_button_clicked),
            ("Ctrl+Enter", self._on_accept_button_clicked),
            ("Ctrl+B", self._on_supplement_button_clicked),
            ("Ctrl+R", self._on_refuse_button_clicked),
            ("Ctrl+N", self._on_clear_button_clicked),
            ("Ctrl+F", self.picker.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- scanner ------------------------------------------------------------------------------
    def handle_scan(self, result: ScanResult) -> bool:
        """A CCCD QR fills the applicant; other scans are not for this screen."""
        if result.kind is not ScanKind.CITIZEN_CARD or result.card is None:
            return False
        if self.form.holds_other_applicant(result.card):
            question = _("Đang nhập hồ sơ của {name}. Thay bằng người nộp trên thẻ vừa quét ({new})?")
            if not ask(
                self, _("Thay người nộp?"), question.format(name=self.form.name, new=result.card.full_name)
            ):
                return True
            self._set_form(self.form.with_new_applicant(result.card))
        else:
            self._set_form(self.form.with_card(result.card))
        self.applicant.check(self.form)
        self.picker.search.setFocus()
        return True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: ANN001 - Qt override
        """Focus the first empty field when the screen appears."""
        super().showEvent(event)
        target = self.applicant.fields["name"] if not self.form.name else self.picker.search
        target.setFocus()

    # -- form state ---------------------------------------------------------------------------
    def _set_form(self, form: ReceptionForm) -> None:
        self.form = form
        self._refresh_status()
        self._autosave.start()

    @Slot(str, str)
    def _on_applicant_edited(self, field_name: str, value: str) -> None:
        self._set_form(self.form.edited(field_name, value))
        self.applicant.check(self.form)

    @Slot(bool, str)
    def _on_applicant_return_changed(self, by_post: bool, address: str) -> None:
        self._set_form(replace(self.form, return_by_post=by_post, return_address=address))

    @Slot(str)
    def _on_note_text_edited(self, text: str) -> None:
        self._set_form(replace(self.form, note=text))

    @Slot(str)
    def _on_picker_procedure_chosen(self, code: str) -> None:
        self._choose_procedure(code, {})
        self.checklist.setFocus()
        first = self.checklist.topLevelItem(0)
        if first is not None:
            self.checklist.setCurrentItem(first)

    def _choose_procedure(self, code: str, ticks: dict[int, ItemTick]) -> None:
        try:
            detail = self._catalogue.procedure(code)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._detail = detail
        self._items = checklist_items(detail)
        self.procedure_label.setText(f"{detail.code} · {detail.name}")
        self.procedure_label.setToolTip(detail.name)
        self.checklist.load(self._items, ticks)
        self.notes.load(self._items)
        self._set_form(replace(self.form, procedure_code=code, ticks=ticks or self.checklist.ticks()))

    @Slot(object)
    def _on_checklist_ticks_changed(self, ticks: dict[int, ItemTick]) -> None:
        self._set_form(replace(self.form, ticks=ticks))

    @Slot()
    def _on_complete_button_clicked(self) -> None:
        if not self._items:
            return
        current = self.checklist.ticks()
        ticks = {**current, **complete_ticks(self._items, current)}
        self.checklist.load(self._items, ticks)
        self._set_form(replace(self.form, ticks=ticks))

    def _refresh_status(self) -> None:
        if self._detail is None:
            self.status_label.setText(_("Chưa chọn thủ tục"))
            self.status_label.setStyleSheet("")
            self.due_line.clear()
            self._enable(frozenset())
            return
        undecided = self.form.undecided(self._items)
        if undecided:
            self.status_label.setText(_("Chọn trường hợp áp dụng trong danh mục"))
            self.status_label.setStyleSheet(MISSING_STYLE)
            self.status_label.setToolTip(" | ".join(describe_group(group) for group in undecided))
            self._refresh_due()
            self._enable(frozenset({Action.REFUSE}))  # a refusal needs no case
            return
        result = self.form.evaluate(self._items)
        if result.complete:
            self.status_label.setText(_("Đủ hồ sơ"))
            self.status_label.setStyleSheet(OK_STYLE)
            self.status_label.setToolTip("")
        else:
            text, tip = missing_line(result.missing)
            self.status_label.setText(text)
            self.status_label.setStyleSheet(MISSING_STYLE)
            self.status_label.setToolTip(tip)
        self._refresh_due()
        ctx = GuardContext(role=self._ctx.actor.role, missing_items=len(result.missing), reason="-")
        self._enable(allowed_actions(None, ctx))

    def _refresh_due(self) -> None:
        assert self._detail is not None
        self.due_line.refresh(self._detail, self._due_dates)

    def _enable(self, allowed: frozenset[Action]) -> None:
        self.accept_button.setEnabled(Action.RECEIVE in allowed)
        self.supplement_button.setEnabled(Action.REQUEST_SUPPLEMENT in allowed)
        self.refuse_button.setEnabled(Action.REFUSE in allowed)
        self.complete_button.setEnabled(bool(self._items))
        self.clear_button.setEnabled(not self.form.is_empty)  # an empty form has nothing to clear

    # -- autosave -----------------------------------------------------------------------------
    @Slot()
    def save_draft(self) -> None:
        """Keep the half-typed reception (debounced; also called when the window closes)."""
        self._autosave.stop()
        if self.form.is_empty:
            self._drafts.discard(self._ctx.actor.username)
        else:
            self._drafts.save(self._ctx.actor.username, self.form.to_json())

    def _restore_draft(self) -> None:
        saved = self._drafts.load(self._ctx.actor.username)
        if not saved:
            return
        self.restore_form(ReceptionForm.from_json(saved))

    # -- decisions ----------------------------------------------------------------------------
    def _draft(self) -> ReceptionDraft:
        draft = self.form.draft(self._items)
        moment = self.due_line.officer_moment()
        return replace(draft, due_at=moment) if moment is not None else draft

    def _decide(self, documents: tuple[str, ...], refuse_reason: str | None = None) -> None:
        if self._detail is None:
            return
        if self.applicant.check(self.form):  # the fields say what is wrong; no dialog
            self.applicant.focus_first_problem()
            return
        try:
            outcome, changes = self._reception.receive(
                self._draft(), self._ctx.actor, refuse_reason=refuse_reason
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self.last_outcome = outcome
        self.last_decision.show_outcome(outcome, documents)
        self._drafts.discard(self._ctx.actor.username)
        self._ctx.events.sig_changed.emit(changes)
        rendered = render_documents(self, self._printing, documents, outcome.code or outcome.id)
        self._reset()
        print_and_record(self, self._printing, self._ctx, rendered)
        self.window().activateWindow()  # the preview had the focus; the next citizen is waiting
        self.applicant.fields["name"].setFocus()

    @Slot()
    def _on_accept_button_clicked(self) -> None:
        if self.accept_button.isEnabled():
            self._decide((DocumentKind.RECEIPT, DocumentKind.CONTROL_SHEET))

    @Slot()
    def _on_supplement_button_clicked(self) -> None:
        if self.supplement_button.isEnabled():
            self._decide((DocumentKind.SUPPLEMENT,))

    @Slot()
    def _on_refuse_button_clicked(self) -> None:
        if not self.refuse_button.isEnabled() or self._detail is None:
            return
        dialog = ActionDialog(Action.REFUSE, self, reasons=self._ctx.reasons(Action.REFUSE))
        dialog.setWindowTitle(_("Từ chối tiếp nhận — lý do in trên phiếu từ chối"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._decide((DocumentKind.REFUSAL,), refuse_reason=dialog.reason.toPlainText())

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        if not self.form.is_empty:
            self.last_decision.offer_undo(self.form)  # Ctrl+N by mistake loses nothing
        self._reset()

    def restore_form(self, form: ReceptionForm) -> None:
        """Put a reception back on screen (a saved draft, or the one just cleared)."""
        self.form = form
        self.applicant.check(form)
        if form.procedure_code:
            self._choose_procedure(form.procedure_code, dict(form.ticks))
        self.note.setText(form.note)
        self._refresh_status()

    def _reset(self) -> None:
        self.form = ReceptionForm()
        self._detail = None
        self._items = []
        self.applicant.check(self.form)
        self.picker.search.clear()
        self.checklist.clear()
        self.notes.clear()
        self.note.clear()
        self.procedure_label.setText(_("Chưa chọn thủ tục."))
        self.due_line.clear()
        self._drafts.discard(self._ctx.actor.username)
        self._refresh_status()
        self.picker.show_frequent()
        self.applicant.fields["name"].setFocus()
