"""Doing an action on a dossier from any screen: ask, commit, then print what the action produces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from desk_app.core.errors import DomainError
from desk_app.ui.dialogs.action_dialog import DOCUMENT_AFTER, ActionDialog
from desk_app.ui.errors import show_error

if TYPE_CHECKING:
    from desk_app.core.workflow import Action
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
    document = DOCUMENT_AFTER.get(request.action)
    if document is not None:
        reprint(parent, printing, ctx, document, detail.summary.code or detail.summary.id)
    return detail


def reprint(parent: QWidget, printing: PrintService, ctx: ScreenContext, document: str, ref: str) -> None:
    """Render a dossier document (recorded as a print) and preview it."""
    try:
        printed, changes = printing.dossier_document(document, ref, ctx.actor)
    except DomainError as exc:
        show_error(parent, exc)
        return
    ctx.events.sig_changed.emit(changes)
    ctx.printer.show([printed])
