"""The look: Noto Sans on screen with every Vietnamese letter, the stylesheet, and icons that all load."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtGui import QFontInfo, QPalette, QRawFont
from PySide6.QtWidgets import QApplication

from desk_app.ui import style
from desk_app.ui.main_window import MainWindow

UI_SOURCES = Path(__file__).resolve().parents[2] / "desk_app" / "ui"
# icon("name" …), decorate(button, role, "name") and the navigation's {screen: "name"} table
ICON_CALL = re.compile(
    r'\bicon\(\s*"([a-z0-9-]+)"|decorate\([^(),]+,[^(),]+,\s*"([a-z0-9-]+)"\s*\)|self\.\w+: "([a-z0-9-]+)"'
)


def vietnamese_letters() -> set[str]:
    """Every precomposed Vietnamese letter: 12 vowels × 6 tones, both cases, and Đ/đ."""
    letters = {"đ", "Đ"}
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    return letters


def referenced_icons() -> set[str]:
    names: set[str] = set()
    for source in UI_SOURCES.rglob("*.py"):
        for match in ICON_CALL.finditer(source.read_text(encoding="utf-8")):
            names.update(name for name in match.groups() if name)
    return names


def test_the_screen_font_is_noto_sans_with_every_vietnamese_letter(qapp: QApplication) -> None:
    font = qapp.font()
    assert QFontInfo(font).family() == style.UI_FONT_FAMILY
    assert font.pointSize() >= 10
    raw = QRawFont.fromFont(font)
    letters = vietnamese_letters()
    assert len(letters) == 146
    assert {"Ặ", "ỹ", "Đ", "ừ", "ợ"} <= letters
    assert raw.familyName() == style.UI_FONT_FAMILY
    missing = sorted(ch for ch in letters if not raw.supportsCharacter(ord(ch)))
    assert missing == []
    combining = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]  # decomposed text (pasted, some IMEs)
    assert all(raw.supportsCharacter(mark) for mark in combining)
    for weight_file in style.UI_FONT_FILES:
        assert (Path(style.icons_dir()).parent / "fonts" / weight_file).is_file()


def test_the_stylesheet_is_applied(qapp: QApplication) -> None:
    assert 'QPushButton[role="primary"]' in qapp.styleSheet()
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == style.PRIMARY


def test_every_icon_the_code_names_exists_and_loads(qapp: QApplication) -> None:
    del qapp
    names = referenced_icons()
    assert {"home", "check", "x", "file-alert", "printer"} <= names  # the scan found the calls
    shipped = {p.stem for p in style.icons_dir().glob("*.svg")}
    assert names <= shipped, names - shipped
    for name in sorted(shipped):
        loaded = style.icon(name)
        assert not loaded.isNull(), name
        assert not loaded.pixmap(24, 24).isNull(), name
    assert (style.icons_dir() / "LICENSE").is_file()


def test_the_navigation_has_an_icon_per_screen_and_the_next_action_stands_out(window: MainWindow) -> None:
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull(), window.nav.item(row).text()
    assert window.reception.accept_button.property("role") == "primary"
    assert window.reception.refuse_button.property("role") == "danger"
    assert window.returns.return_button.property("role") == "primary"
