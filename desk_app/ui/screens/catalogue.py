"""Danh mục TTHC: browse the published catalogue; a procedure's components and terms."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import channel_label
from desk_app.core.errors import DomainError
from desk_app.core.time_limits import parse_limit_spec
from desk_app.i18n import N_, _
from desk_app.ui.errors import show_error
from desk_app.ui.widgets.procedure_picker import ProcedurePicker

if TYPE_CHECKING:
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.dto import ProcedureDetail
    from desk_app.ui.context import ScreenContext

KIND_NAMES = {"submit": N_("Nộp"), "show": N_("Xuất trình"), "note": N_("Lưu ý")}


def procedure_html(detail: ProcedureDetail) -> str:
    """A procedure as rich text: name, agency, terms, the published components."""
    rows = "".join(
        f"<tr><td>{c.position}</td><td>{escape(_(KIND_NAMES.get(c.kind, c.kind)))}</td>"
        f"<td>{escape(c.name)}</td><td align=right>{c.originals}</td><td align=right>{c.copies}</td></tr>"
        for c in detail.components
    )
    terms = "".join(
        f"<li>{escape(channel_label(Channel(t.channel)).capitalize())}: {escape(t.limit_text or '—')} "
        f"({escape(_limit_words(t.limit_spec))}); {escape(t.fee_text or '')}</li>"
        for t in detail.terms
    )
    return (
        f"<h3>{escape(detail.code)} · {escape(detail.name)}</h3>"
        f"<p>{escape(_('Lĩnh vực'))}: {escape(detail.field_name)}<br>"
        f"{escape(_('Cơ quan thực hiện'))}: {escape(detail.agency)}<br>"
        f"{escape(_('Phiên bản'))}: {detail.version}</p><ul>{terms}</ul>"
        f"<table border=1 cellspacing=0 cellpadding=3><tr><th>#</th><th>{escape(_('Loại'))}</th>"
        f"<th>{escape(_('Thành phần'))}</th><th>{escape(_('Bản chính'))}</th>"
        f"<th>{escape(_('Bản sao'))}</th></tr>"
        f"{rows}</table><p><small>{escape(detail.legal_basis)}</small></p>"
    )


class CatalogueScreen(QWidget):
    """Search on the left, the chosen procedure on the right."""

    def __init__(
        self, catalogue: CatalogueService, ctx: ScreenContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        del ctx
        self._catalogue = catalogue
        self.picker = ProcedurePicker(catalogue)
        self.view = QTextBrowser()
        self.count = QLabel(_("{n} thủ tục trong danh mục").format(n=catalogue.count()))
        splitter = QSplitter()
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.count)
        column.addWidget(self.picker)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.picker.sig_procedure_chosen.connect(self.show_procedure)
        self.picker.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: (
                self.show_procedure(self.picker.model.row_at(current.row()).code)
                if current.isValid()
                else None
            )
        )

    def show_procedure(self, code: str) -> None:
        """Show one procedure's published details."""
        try:
            self.view.setHtml(procedure_html(self._catalogue.procedure(code)))
        except DomainError as exc:
            show_error(self, exc)


def _limit_words(spec: str | None) -> str:
    """The limit the desk computes with, in words ("03 ngày làm việc"), never its internal spec."""
    if not spec:
        return _("thời hạn chưa xác định")
    try:
        return _("tính hạn: {limit}").format(limit=parse_limit_spec(spec).describe())
    except DomainError:
        return _("thời hạn chưa xác định")
