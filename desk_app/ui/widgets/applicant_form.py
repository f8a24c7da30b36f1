"""The applicant's fields; those read from a CCCD card are marked until the officer edits them."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from desk_app.core.applicant_fields import ID_CHARS, PHONE_CHARS, field_problems
from desk_app.core.dossier import ApplicantKind
from desk_app.core.reception_form import APPLICANT_FIELDS, ReceptionForm
from desk_app.i18n import _

CARD_STYLE = "QLineEdit { background: #e3f4e1; }"
PROBLEM_STYLE = "QLineEdit { border: 2px solid #c62828; }"


class ApplicantForm(QGroupBox):
    """Name, kind, ID number, phone, address, e-mail."""

    sig_edited = Signal(str, str)
    """The officer changed a field: (field name, new text)."""
    sig_return_changed = Signal(bool, str)
    """How the result is returned changed: (by post, postal address)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Người nộp hồ sơ"), parent)
        self.kind = QComboBox()
        self.kind.addItem(_("Cá nhân"), ApplicantKind.PERSON.value)
        self.kind.addItem(_("Tổ chức, doanh nghiệp"), ApplicantKind.ORGANISATION.value)
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in APPLICANT_FIELDS}
        labels = {
            "name": _("Họ và tên / tên tổ chức"),
            "id_number": _("Số định danh (CCCD)"),
            "phone": _("Điện thoại"),
            "address": _("Địa chỉ"),
            "email": _("Thư điện tử"),
        }
        self.fields["name"].setPlaceholderText(_("Quét mã QR trên thẻ CCCD hoặc gõ họ tên"))
        # Only what can belong in a field is typed into it at all (a letter in a phone number is not).
        for name, chars in (("phone", PHONE_CHARS), ("id_number", ID_CHARS)):
            self.fields[name].setValidator(QRegularExpressionValidator(QRegularExpression(chars), self))
        self.hint = QLabel()  # what is wrong with the fields, as the officer types
        self.hint.setStyleSheet("color: #c62828;")
        self.hint.setWordWrap(True)
        self.problems: dict[str, str] = {}
        layout = QFormLayout(self)
        layout.addRow(_("Đối tượng"), self.kind)
        for name, edit in self.fields.items():
            layout.addRow(labels[name], edit)
            edit.textEdited.connect(lambda text, n=name: self.sig_edited.emit(n, text))
        self.by_post = QCheckBox(_("Nhận kết quả qua dịch vụ bưu chính"))
        self.return_address = QLineEdit()
        self.return_address.setPlaceholderText(_("Để trống: gửi về địa chỉ người nộp"))
        self.return_address.setEnabled(False)
        layout.addRow(_("Trả kết quả"), self.by_post)
        layout.addRow(_("Địa chỉ nhận kết quả"), self.return_address)
        layout.addRow(self.hint)
        self.by_post.toggled.connect(self._on_by_post_toggled)
        self.return_address.textEdited.connect(self._on_return_address_text_edited)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self._loading = False

    @Slot(bool)
    def _on_by_post_toggled(self, checked: bool) -> None:
        self.return_address.setEnabled(checked)
        if not self._loading:
            self.sig_return_changed.emit(checked, self.return_address.text())

    @Slot(str)
    def _on_return_address_text_edited(self, text: str) -> None:
        self.sig_return_changed.emit(self.by_post.isChecked(), text)

    @Slot(int)
    def _on_kind_current_index_changed(self, _index: int) -> None:
        if not self._loading:
            self.sig_edited.emit("kind", str(self.kind.currentData()))

    def load(self, form: ReceptionForm) -> None:
        """Show the form's applicant without emitting edits."""
        self._loading = True
        try:
            for name, edit in self.fields.items():
                value = str(getattr(form, name))
                if edit.text() != value:
                    edit.setText(value)
                from_card = name in form.from_card
                problem = name in self.problems
                edit.setStyleSheet(PROBLEM_STYLE if problem else CARD_STYLE if from_card else "")
                edit.setToolTip(_("Lấy từ thẻ CCCD (sửa thì bỏ đánh dấu)") if from_card else "")
            self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
            self.by_post.setChecked(form.return_by_post)
            if self.return_address.text() != form.return_address:
                self.return_address.setText(form.return_address)
        finally:
            self._loading = False

    def check(self, form: ReceptionForm) -> dict[str, str]:
        """Mark the faulty fields (red border, the reasons under the form) without any dialog.

        An empty name is only a problem once something else was typed (a fresh form is not an error).
        """
        self.problems = field_problems(
            form.name, form.id_number, form.phone, form.email, person=form.kind == ApplicantKind.PERSON.value
        )
        if form.is_empty:
            self.problems = {}
        self.hint.setText("\n".join(self.problems.values()))
        self.load(form)
        return self.problems

    def focus_first_problem(self) -> bool:
        """Put the cursor in the first faulty field; False when there is none."""
        for name, edit in self.fields.items():
            if name in self.problems:
                edit.setFocus()
                return True
        return False
