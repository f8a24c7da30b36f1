"""Doing an action on a dossier from any screen: ask, commit, then print what the action produces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.documents import printed_after
from desk_app.core.errors import DomainError
from desk_app.core.workflow import Action
from desk_app.i18n import _
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.errors import ask, show_error

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desk_app.services.documents import PrintedDocument
    from desk_app.services.dossiers import ActionRequest, DossierService
    from desk_app.services.dto import DossierDetail
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext
    from desk_app.ui.widgets.dossier_detail import DossierDetailWidget


def perform(
    parent: QWidget,
    dossiers: DossierService,
    printing: PrintService,
    ctx: ScreenContext,
    ref: str,
    request: ActionRequest,
) -> DossierDetail | None:
    """Commit the action (event + outbox in one transaction), then preview its document if it has one."""
    try:
        detail, changes = dossiers.act(ref, request, ctx.actor)
    except DomainError as exc:
        show_error(parent, exc)
        return None
    ctx.events.sig_changed.emit(changes)
    document = printed_after(request.action)
    if document is not None:
        reprint(parent, printing, ctx, document, detail.summary.code or detail.summary.id)
    return detail


def reprint(parent: QWidget, printing: PrintService, ctx: ScreenContext, document: str, ref: str) -> None:
    """Render a dossier document and preview it; it is recorded as a print only once printed."""
    print_and_record(parent, printing, ctx, render_documents(parent, printing, (document,), ref))


def render_documents(
    parent: QWidget, printing: PrintService, documents: Sequence[str], ref: str
) -> list[PrintedDocument]:
    """The dossier's documents rendered for one preview (none, and the reason shown, when one cannot be)."""
    try:
        return [printing.render_dossier_document(document, ref) for document in documents]
    except DomainError as exc:
        show_error(parent, exc)
        return []


def print_and_record(
    parent: QWidget, printing: PrintService, ctx: ScreenContext, documents: list[PrintedDocument]
) -> None:
    """Preview (or print) the documents; record the prints that happened.

    Closing the preview of a receipt without printing it asks first: the citizen must leave with it.
    """
    while documents:
        if ctx.printer.show(documents):
            for document in documents:
                try:
                    ctx.events.sig_changed.emit(printing.record_print(document, ctx.actor))
                except DomainError as exc:
                    show_error(parent, exc)
            return
        if not any(d.document == DocumentKind.RECEIPT for d in documents):
            return
        if ask(
            parent,
            _("Giấy tiếp nhận chưa in"),
            _(
                "Giấy tiếp nhận và hẹn trả kết quả chưa được in. Để lại chưa in? "
                "(Hồ sơ sẽ nằm trong danh sách giấy tiếp nhận chưa in của cán bộ.)"
            ),
        ):
            return


class DetailActions(QObject):
    """Wires a dossier detail's action and reprint buttons on any screen that shows one.

    ``shown`` receives the dossier after an action (the screen shows it its own way).
    """

    def __init__(
        self,
        parent: QWidget,
        detail: DossierDetailWidget,
        dossiers: DossierService,
        printing: PrintService,
        ctx: ScreenContext,
        shown: Callable[[DossierDetail], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._detail = detail
        self._dossiers = dossiers
        self._printing = printing
        self._ctx = ctx
        self._shown = shown
        detail.sig_action_requested.connect(self._on_detail_action_requested)
        detail.sig_print_requested.connect(self._on_detail_print_requested)

    @Slot(str)
    def _on_detail_action_requested(self, action_value: str) -> None:
        current = self._detail.detail
        if current is None:
            return
        action = Action(action_value)
        default_due = (
            self._dossiers.suggested_new_due(current.summary.due_at) if action is Action.RESCHEDULE else None
        )
        dialog = ActionDialog(
            action,
            self._parent,
            default_department=current.department or "",
            default_due=default_due,
            reasons=self._ctx.reasons(action),
        )
        ref = current.summary.code or current.summary.id
        # A refused action keeps the dialog and what was typed in it: the officer corrects and retries.
        while dialog.exec() == QDialog.DialogCode.Accepted:
            detail = perform(dialog, self._dossiers, self._printing, self._ctx, ref, dialog.request())
            if detail is not None:
                self._shown(detail)
                return

    @Slot(str)
    def _on_detail_print_requested(self, document: str) -> None:
        current = self._detail.detail
        if current is not None:
            ref = current.summary.code or current.summary.id
            reprint(self._parent, self._printing, self._ctx, document, ref)
