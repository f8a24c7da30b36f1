"""The applicant's fields; those read from a CCCD card are marked until the officer edits them."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from desk_app.core.dossier import ApplicantKind
from desk_app.core.reception_form import APPLICANT_FIELDS, ReceptionForm
from desk_app.i18n import _

CARD_STYLE = "QLineEdit { background: #e3f4e1; }"


class ApplicantForm(QGroupBox):
    """Name, kind, ID number, phone, address, e-mail."""

    sig_edited = Signal(str, str)
    """The officer changed a field: (field name, new text)."""

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
        layout = QFormLayout(self)
        layout.addRow(_("Đối tượng"), self.kind)
        for name, edit in self.fields.items():
            layout.addRow(labels[name], edit)
            edit.textEdited.connect(lambda text, n=name: self.sig_edited.emit(n, text))
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self._loading = False

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
                edit.setStyleSheet(CARD_STYLE if from_card else "")
                edit.setToolTip(_("Lấy từ thẻ CCCD (sửa thì bỏ đánh dấu)") if from_card else "")
            self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        finally:
            self._loading = False
