"""A dossier's facts, its event timeline and one button per action it allows now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.documents import DOCUMENTS
from desk_app.core.workflow import ACTION_LABELS, Action, DossierStatus
from desk_app.i18n import _
from desk_app.ui.qmodels.dossiers import TIME_SAMPLE
from desk_app.ui.qmodels.table import Column, DtoTableModel
from desk_app.ui.style import set_role
from desk_app.ui.timefmt import show_time
from desk_app.ui.widgets.table_view import table_view

if TYPE_CHECKING:
    from desk_app.services.dto import DossierDetail, EventSummary


def _status_name(status: int | None) -> str:
    return "" if status is None else DossierStatus(status).label


ACTIONS_PER_ROW = 4


def event_columns() -> list[Column[EventSummary]]:
    """Time, action, from → to, who, note."""
    return [
        Column(_("Thời điểm"), lambda e: show_time(e.occurred_at), fits=TIME_SAMPLE),
        Column(_("Thao tác"), _action_words),
        Column(
            _("Trạng thái"),
            lambda e: f"{_status_name(e.from_status)} → {_status_name(e.to_status)}",
            fits="Được tiếp nhận → Đang xử lý",
        ),
        Column(_("Người thực hiện"), lambda e: e.actor),
        Column(_("Ghi chú"), _note_words, tooltip=_note_words),
    ]


def _action_words(e: EventSummary) -> str:
    """The action in words; a print names its document ("In: Giấy tiếp nhận …"), never an identifier."""
    if e.action in Action._value2member_map_:
        return _(ACTION_LABELS[Action(e.action)])
    if e.action == "print":
        spec = DOCUMENTS.get(e.note)
        return _("In: {document}").format(document=_(spec.title)) if spec else _("In giấy tờ")
    return e.action


def _note_words(e: EventSummary) -> str:
    """The event's note; for a print, which print it was (the document is in the action's words)."""
    if e.action == "print":
        return _("lần {n}").format(n=e.data.get("print", 1))
    return e.note


class DossierDetailWidget(QWidget):
    """Shows one ``DossierDetail``; emits the action or document the officer asked for."""

    sig_action_requested = Signal(str)
    """An action button was pressed (the Action value)."""

    sig_print_requested = Signal(str)
    """A reprint button was pressed (the document name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DossierDetail | None = None
        box = QGroupBox(_("Hồ sơ"))
        self._facts = QFormLayout(box)
        self._labels = {
            key: QLabel()
            for key in ("code", "procedure", "applicant", "status", "received", "due", "holder", "register")
        }
        titles = {
            "code": _("Mã hồ sơ"),
            "procedure": _("Thủ tục"),
            "applicant": _("Người nộp"),
            "status": _("Trạng thái"),
            "received": _("Nhận lúc"),
            "due": _("Hẹn trả"),
            "holder": _("Đang ở"),
            "register": _("Số sổ"),
        }
        for key, label in self._labels.items():
            label.setWordWrap(True)
            self._facts.addRow(titles[key], label)
        self.timeline: DtoTableModel[EventSummary] = DtoTableModel(event_columns())
        self.timeline_view = table_view(self.timeline, stretch=4)
        self._actions = QGridLayout()  # rows of four: the detail stays narrow enough for the list beside it
        self._prints = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        self.print_buttons: dict[str, QPushButton] = {}  # the documents its history allows
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        timeline_title = QLabel(_("Dòng thời gian"))
        set_role(timeline_title, "heading")
        layout.addWidget(timeline_title)
        layout.addWidget(self.timeline_view, 1)
        layout.addLayout(self._actions)
        layout.addLayout(self._prints)

    def show_detail(self, detail: DossierDetail | None) -> None:
        """Display a dossier (None clears)."""
        self.detail = detail
        for label in self._labels.values():
            label.clear()
        for layout in (self._actions, self._prints):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
        self.action_buttons.clear()
        self.print_buttons.clear()
        if detail is None:
            self.timeline.set_rows([])
            return
        s = detail.summary
        values = {
            "code": s.code or _("(chưa cấp mã)"),
            "procedure": f"{s.procedure_code} · {s.procedure_name}",
            "applicant": s.applicant_name,
            "status": s.status_label,
            "received": show_time(s.received_at),
            "due": show_time(s.due_at) if s.due_at else "—",
            "holder": s.holder or "—",
            "register": f"{detail.register_number}/{detail.register_year}" if detail.register_number else "—",
        }
        for key, value in values.items():
            self._labels[key].setText(value)
        self.timeline.set_rows(list(detail.events))
        shown = [a for a in detail.allowed_actions if a not in (Action.RECEIVE.value, Action.REFUSE.value)]
        for place, action in enumerate(shown):
            button = QPushButton(_(ACTION_LABELS[Action(action)]).capitalize())
            button.clicked.connect(lambda _checked=False, a=action: self.sig_action_requested.emit(a))
            self._actions.addWidget(button, place // ACTIONS_PER_ROW, place % ACTIONS_PER_ROW)
            self.action_buttons[action] = button
        self._actions.setColumnStretch(ACTIONS_PER_ROW, 1)
        self._prints.addWidget(QLabel(_("In lại:")))
        for document in detail.printable:
            button = QPushButton(_(DOCUMENTS[document].label))
            button.clicked.connect(lambda _checked=False, d=document: self.sig_print_requested.emit(d))
            self._prints.addWidget(button)
            self.print_buttons[document] = button
        self._prints.addStretch(1)
