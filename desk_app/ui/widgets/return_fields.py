"""Who collects a result: name, ID, proxy, authorisation, method (for the screen and the dialog)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit

from desk_app.i18n import _


class ReturnFields:
    """Creates the widgets; ``add_rows`` puts them in a form; ``values`` feeds an ActionRequest."""

    def __init__(self) -> None:
        self.collector = QLineEdit()
        self.collector_id = QLineEdit()
        self.proxy = QCheckBox(_("Người nhận thay (có giấy ủy quyền)"))
        self.authorisation = QLineEdit()
        self.method = QComboBox()
        self.method.addItem(_("Tại bộ phận một cửa"), "desk")
        self.method.addItem(_("Qua bưu chính"), "post")

    def add_rows(self, form: QFormLayout) -> None:
        """The five rows, labelled."""
        form.addRow(_("Người nhận kết quả"), self.collector)
        form.addRow(_("Số định danh người nhận"), self.collector_id)
        form.addRow("", self.proxy)
        form.addRow(_("Giấy ủy quyền số"), self.authorisation)
        form.addRow(_("Hình thức trả"), self.method)

    def values(self) -> dict[str, Any]:
        """The ActionRequest fields of a return."""
        return {
            "collector_name": self.collector.text(),
            "collector_id_number": self.collector_id.text(),
            "proxy": self.proxy.isChecked(),
            "authorisation": self.authorisation.text(),
            "return_method": str(self.method.currentData()),
        }

    def preset(self, return_address: str | None) -> None:
        """Start from what the applicant registered at reception (post when an address was given)."""
        self.method.setCurrentIndex(self.method.findData("post" if return_address is not None else "desk"))

    def clear(self) -> None:
        """Empty for the next collector."""
        for edit in (self.collector, self.collector_id, self.authorisation):
            edit.clear()
        self.proxy.setChecked(False)
