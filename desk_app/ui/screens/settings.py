"""Cài đặt: unit and desk identity, printers and paper per document, language, hours, calendar days."""

from __future__ import annotations

import re
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.calendar import CalendarOverride, OverrideKind
from desk_app.core.documents import DOCUMENTS
from desk_app.core.errors import DomainError, InvalidInput
from desk_app.core.workflow import Role
from desk_app.i18n import N_, _
from desk_app.services.settings import (
    AUTO_PRINT,
    IDLE_LOCK_MINUTES,
    PAPER,
    PAPERS,
    PRINTER,
    SCAN_FEEDBACK,
    UNIT_TEXTS,
    officer_language,
)
from desk_app.ui.dialogs.preview import printer_names
from desk_app.ui.errors import message, show_error
from desk_app.ui.qmodels.table import Column, DtoTableModel
from desk_app.ui.widgets.reason_lists import ReasonLists

if TYPE_CHECKING:
    from desk_app.services.calendar import CalendarService
    from desk_app.services.desk import DeskService
    from desk_app.services.settings import SettingsService
    from desk_app.ui.context import ScreenContext

KIND_NAMES = {OverrideKind.DAY_OFF: N_("Nghỉ"), OverrideKind.WORKING_DAY: N_("Làm việc (làm bù)")}
PAPER_NAMES = {"A4-landscape": N_("A4 ngang")}  # the stored value is an identifier; A4 and A5 are names
_HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_hours(text: str) -> tuple[tuple[time, time], ...]:
    """``07:30-11:30, 13:30-17:00`` → sessions; raises InvalidInput."""
    sessions = []
    for part in text.split(","):
        match = _HOURS_RE.match(part)
        if match is None:
            raise InvalidInput(_("Giờ làm việc phải có dạng “07:30-11:30, 13:30-17:00”."))
        a, b, c, d = (int(g) for g in match.groups())
        try:
            sessions.append((time(a, b), time(c, d)))
        except ValueError:
            raise InvalidInput(_("Giờ “{part}” không hợp lệ.").format(part=part.strip())) from None
    return tuple(sessions)


def parse_cutoff(text: str) -> time | None:
    """``15:00`` or empty (no cut-off); raises InvalidInput."""
    if not text.strip():
        return None
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*$", text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidInput(_("Giờ tiếp nhận cuối ngày phải có dạng “15:00” (để trống nếu không áp dụng)."))
    return time(int(match.group(1)), int(match.group(2)))


def override_columns() -> list[Column[CalendarOverride]]:
    """Day, kind, notice."""
    return [
        Column(_("Ngày"), lambda o: f"{o.day:%d/%m/%Y}"),
        Column(_("Loại"), lambda o: _(KIND_NAMES[o.kind])),
        Column(_("Căn cứ"), lambda o: o.note),
    ]


class SettingsScreen(QWidget):
    """Changes are saved by "Lưu cài đặt"; calendar changes each make a new calendar version."""

    def __init__(
        self,
        settings: SettingsService,
        calendar: CalendarService,
        desk: DeskService,
        ctx: ScreenContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._calendar = calendar
        self._ctx = ctx
        self.is_admin = ctx.actor.role.at_least(Role.ADMIN)
        identity = desk.identity()
        self.unit = {s.key: QLineEdit() for s in UNIT_TEXTS}
        unit_box = QGroupBox(_("Đơn vị và bàn tiếp nhận"))
        unit_form = QFormLayout(unit_box)
        self.read_only_notice = QLabel(
            _(
                "Thông tin đơn vị in trên mọi văn bản, giờ làm việc và lịch nghỉ chỉ tài khoản quản trị "
                "được sửa; tài khoản của anh/chị chỉ xem. Khổ giấy, máy in và ngôn ngữ thì sửa được."
            )
        )
        self.read_only_notice.setWordWrap(True)
        self.read_only_notice.setVisible(not self.is_admin)
        unit_form.addRow(self.read_only_notice)
        for setting in UNIT_TEXTS:
            unit_form.addRow(_(setting.title), self.unit[setting.key])
            self.unit[setting.key].setReadOnly(not self.is_admin)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setSuffix(_(" phút"))
        self.idle_lock.setEnabled(self.is_admin)
        unit_form.addRow(_(IDLE_LOCK_MINUTES.title), self.idle_lock)
        unit_form.addRow(_("Mã đơn vị"), QLabel(identity.unit_code))
        unit_form.addRow(_("Dải số của bàn"), QLabel(str(identity.code_slot)))
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        unit_form.addRow(_("Ngôn ngữ giao diện của anh/chị (áp dụng từ lần đăng nhập sau)"), self.language)

        print_box = QGroupBox(_("In ấn"))
        print_form = QFormLayout(print_box)
        self.auto_print = QCheckBox(_(AUTO_PRINT.title))
        print_form.addRow(self.auto_print)
        self.scan_feedback = QCheckBox(_(SCAN_FEEDBACK.title))
        print_form.addRow(self.scan_feedback)
        self.papers: dict[str, QComboBox] = {}
        self.printers: dict[str, QComboBox] = {}
        names = printer_names()
        for document in PAPER:
            paper, printer = QComboBox(), QComboBox()
            for size in PAPERS:
                paper.addItem(_(PAPER_NAMES[size]) if size in PAPER_NAMES else size, size)
            printer.addItem(_("Máy in mặc định"), "")
            for name in names:
                printer.addItem(name, name)
            row = QHBoxLayout()
            row.addWidget(paper)
            row.addWidget(printer, 1)
            print_form.addRow(_(DOCUMENTS[document].title), row)
            self.papers[document], self.printers[document] = paper, printer
        save = QPushButton(_("Lưu cài đặt"))
        save.clicked.connect(self._on_save_button_clicked)

        hours_box = QGroupBox(_("Giờ làm việc và ngày nghỉ, ngày làm bù"))
        hours_form = QFormLayout(hours_box)
        self.hours = QLineEdit()
        self.cutoff = QLineEdit()
        save_hours = QPushButton(_("Lưu giờ làm việc"))
        save_hours.clicked.connect(self._on_save_hours_button_clicked)
        hours_form.addRow(_("Giờ làm việc"), self.hours)
        hours_form.addRow(_("Giờ tiếp nhận cuối ngày"), self.cutoff)
        hours_form.addRow(save_hours)
        self.overrides: DtoTableModel[CalendarOverride] = DtoTableModel(override_columns())
        self.override_view = QTableView()
        self.override_view.setModel(self.overrides)
        self.override_view.setMinimumHeight(140)
        hours_form.addRow(self.override_view)
        self.override_day = QDateEdit(QDate.currentDate())
        self.override_day.setDisplayFormat("dd/MM/yyyy")
        self.override_day.setCalendarPopup(True)
        self.override_kind = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.override_kind.addItem(_(name), kind.value)
        self.override_note = QLineEdit()
        self.override_note.setPlaceholderText(_("Căn cứ: số thông báo, công văn"))
        add, remove = QPushButton(_("Thêm ngày")), QPushButton(_("Bỏ ngày đang chọn"))
        add.clicked.connect(self._on_add_override_button_clicked)
        remove.clicked.connect(self._on_remove_override_button_clicked)
        row = QHBoxLayout()
        for widget in (self.override_day, self.override_kind, self.override_note, add, remove):
            row.addWidget(widget)
        hours_form.addRow(row)
        for field in (self.hours, self.cutoff):
            field.setReadOnly(not self.is_admin)
        for widget in (save_hours, self.override_day, self.override_kind, self.override_note, add, remove):
            widget.setEnabled(self.is_admin)

        content = QWidget()
        column = QVBoxLayout(content)
        self.reasons = ReasonLists(ctx.actor)
        for part in (unit_box, print_box, self.reasons, save, hours_box):
            column.addWidget(part)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        QVBoxLayout(self).addWidget(scroll)
        self.load()

    def load(self) -> None:
        """Show the stored values."""
        for setting in UNIT_TEXTS:
            self.unit[setting.key].setText(self._settings.get(setting))
        language = self._settings.language_for(self._ctx.actor.username)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.idle_lock.setValue(self._settings.get(IDLE_LOCK_MINUTES))
        self.reasons.load(self._settings)
        self.auto_print.setChecked(self._settings.get(AUTO_PRINT))
        self.scan_feedback.setChecked(self._settings.get(SCAN_FEEDBACK))
        for document, combo in self.papers.items():
            combo.setCurrentIndex(max(0, combo.findData(self._settings.get(PAPER[document]))))
            printer = self.printers[document]
            printer.setCurrentIndex(max(0, printer.findData(self._settings.get(PRINTER[document]))))
        rules = self._calendar.current_rules()
        self.hours.setText(", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in rules.office_hours))
        self.cutoff.setText(f"{rules.cutoff:%H:%M}" if rules.cutoff else "")
        self.overrides.set_rows(sorted(rules.overrides, key=lambda o: o.day))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        who = self._ctx.actor
        try:
            changes = self._settings.change(
                officer_language(who.username), str(self.language.currentData()), who
            )
            if self.is_admin:
                for setting in UNIT_TEXTS:
                    changes |= self._settings.change(setting, self.unit[setting.key].text().strip(), who)
                changes |= self._settings.change(IDLE_LOCK_MINUTES, self.idle_lock.value(), who)
            changes |= self._settings.change(AUTO_PRINT, self.auto_print.isChecked(), who)
            changes |= self._settings.change(SCAN_FEEDBACK, self.scan_feedback.isChecked(), who)
            changes |= self.reasons.save(self._settings, who)
            for document, combo in self.papers.items():
                changes |= self._settings.change(PAPER[document], str(combo.currentData()), who)
                changes |= self._settings.change(
                    PRINTER[document], str(self.printers[document].currentData()), who
                )
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        message(self, _("Cài đặt"), _("Đã lưu cài đặt."), warning=False)

    @Slot()
    def _on_save_hours_button_clicked(self) -> None:
        try:
            _rules, changes = self._calendar.set_hours(
                parse_hours(self.hours.text()), parse_cutoff(self.cutoff.text()), self._ctx.actor
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        self.load()

    @Slot()
    def _on_add_override_button_clicked(self) -> None:
        try:
            _rules, changes = self._calendar.set_override(
                self.override_day.date().toPython(),  # type: ignore[arg-type]
                OverrideKind(self.override_kind.currentData()),
                self.override_note.text(),
                self._ctx.actor,
            )
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        self.override_note.clear()
        self.load()

    @Slot()
    def _on_remove_override_button_clicked(self) -> None:
        row = self.override_view.currentIndex().row()
        if row < 0:
            return
        try:
            _rules, changes = self._calendar.remove_override(self.overrides.row_at(row).day, self._ctx.actor)
        except DomainError as exc:
            show_error(self, exc)
            return
        self._ctx.events.sig_changed.emit(changes)
        self.load()
