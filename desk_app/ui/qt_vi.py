"""Vietnamese for Qt's own strings: Qt ships no ``qtbase_vi.qm``, so we answer from a table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desk_app.i18n import N_, _

# (context, source) → msgid; contexts as Qt uses them. Marked for extraction through _() at lookup.
_TABLE: dict[str, str] = {
    "OK": N_("Đồng ý"),
    "&OK": N_("Đồng ý"),
    "Cancel": N_("Hủy"),
    "&Cancel": N_("Hủy"),
    "Yes": N_("Có"),
    "&Yes": N_("Có"),
    "No": N_("Không"),
    "&No": N_("Không"),
    "Close": N_("Đóng"),
    "&Close": N_("Đóng"),
    "Save": N_("Lưu"),
    "&Save": N_("Lưu"),
    "Open": N_("Mở"),
    "&Open": N_("Mở"),
    "Apply": N_("Áp dụng"),
    "Reset": N_("Đặt lại"),
    "Help": N_("Trợ giúp"),
    "Discard": N_("Bỏ"),
    "Retry": N_("Thử lại"),
    "Ignore": N_("Bỏ qua"),
    "Abort": N_("Dừng"),
    "Print": N_("In"),
    "&Print": N_("In"),
    "Print Preview": N_("Xem trước khi in"),
    "Page Setup": N_("Thiết lập trang"),
    "Printer": N_("Máy in"),
    "Copies": N_("Số bản"),
    "Look in:": N_("Tìm trong:"),
    "File &name:": N_("Tên tệp:"),
    "Files of type:": N_("Loại tệp:"),
    "Directory:": N_("Thư mục:"),
    "Show Details...": N_("Xem chi tiết…"),
    "Hide Details...": N_("Ẩn chi tiết…"),
    "&Undo": N_("Hoàn tác"),
    "&Redo": N_("Làm lại"),
    "Cu&t": N_("Cắt"),
    "&Copy": N_("Sao chép"),
    "&Paste": N_("Dán"),
    "Delete": N_("Xóa"),
    "Select All": N_("Chọn tất cả"),
}

_BUTTONS: dict[QMessageBox.StandardButton, str] = {
    QMessageBox.StandardButton.Ok: N_("Đồng ý"),
    QMessageBox.StandardButton.Cancel: N_("Hủy"),
    QMessageBox.StandardButton.Yes: N_("Có"),
    QMessageBox.StandardButton.No: N_("Không"),
    QMessageBox.StandardButton.Close: N_("Đóng"),
    QMessageBox.StandardButton.Save: N_("Lưu"),
    QMessageBox.StandardButton.Retry: N_("Thử lại"),
    QMessageBox.StandardButton.Discard: N_("Bỏ"),
}


def vietnamese(source: str) -> str | None:
    """Qt's English string in Vietnamese (or in the UI language), None when we have none."""
    msgid = _TABLE.get(source)
    return None if msgid is None else _(msgid)


class QtVietnameseTranslator(QTranslator):
    """Answers Qt's standard strings from ``_TABLE`` (installed once by ``app.main``)."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        """Qt calls this for every ``tr()`` in its own widgets."""
        del context, disambiguation, n
        # Never "": an empty answer would replace every Qt string we have no entry for (paper names
        # turn invalid). Returning None instead breaks PySide's reference counting at exit.
        return vietnamese(source_text) or source_text

    def isEmpty(self) -> bool:
        """Never empty, so Qt asks us."""
        return False


def apply_locale(language: str) -> None:
    """Qt's own month and day names and formats (the calendar popup) in the interface language.

    Widgets built afterwards take it; the windows are built after each login.
    """
    if language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def install(app: QCoreApplication) -> QtVietnameseTranslator:
    """Install the translator; keep the returned object alive."""
    translator = QtVietnameseTranslator(app)
    app.installTranslator(translator)
    return translator


def relabel_message_box(box: QMessageBox) -> None:
    """Buttons created before a translator answers (or by style) get their labels set explicitly."""
    for standard, msgid in _BUTTONS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(_(msgid))


def relabel_button_box(box: QDialogButtonBox) -> None:
    """The same for dialog button boxes."""
    for standard, msgid in _BUTTONS.items():
        button = box.button(QDialogButtonBox.StandardButton(standard.value))
        if button is not None:
            button.setText(_(msgid))
