"""Doing an action on a dossier from any screen: ask, commit, then print what the action produces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.documents import printed_after
from desk_app.core.errors import DomainError
from desk_app.i18n import _
from desk_app.ui.dialogs.action_dialog import ActionDialog
from desk_app.ui.errors import ask, show_error

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desk_app.core.workflow import Action
    from desk_app.services.documents import PrintedDocument
    from desk_app.services.dossiers import ActionRequest, DossierService
    from desk_app.services.dto import DossierDetail
    from desk_app.services.printing import PrintService
    from desk_app.ui.context import ScreenContext


def ask_request(parent: QWidget, action: Action, default_department: str = "") -> ActionRequest | None:
    """The action's form; None when the officer cancelled."""
    dialog = ActionDialog(action, parent, default_department=default_department)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()


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
