"""The desk's look: one sans-serif screen font on every OS, one stylesheet, a small icon set.

The screen font is Noto Sans (resources/fonts, SIL OFL): it has every precomposed Vietnamese letter,
so the screens read the same on a bare Linux box as on Windows. Liberation Serif stays for print.
Icons are Tabler's outline SVGs (resources/icons, MIT), drawn in the colour the caller asks for.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyleFactory

from desk_app import paths

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QAbstractButton, QWidget

log = logging.getLogger(__name__)

UI_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
UI_FONT_FAMILY = "Noto Sans"
UI_POINT_SIZE = 10  # legible on a 1366×768 screen at 96 dpi, for ageing eyes too

INK = "#1f3550"  # icons on light ground
ON_DARK = "#dfe7f0"  # icons on the navigation's dark ground
WHITE = "#ffffff"
MUTED = "#8593a3"  # disabled icons
PRIMARY = "#0b5cad"
DANGER = "#b3261e"
WARNING = "#8a5300"

ROLE_ICON_COLOURS = {"primary": WHITE, "danger": DANGER, "warning": WARNING}
ICON_SIZES = (16, 20, 24, 32, 48)


def icons_dir() -> Path:
    """resources/icons (source tree or bundle)."""
    return paths.resources_dir() / "icons"


def load_ui_font() -> str | None:
    """Register Noto Sans with Qt; its family, or None when the files are missing."""
    family: str | None = None
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    return family


def stylesheet() -> str:
    """The application's one stylesheet (resources/style/desk.qss)."""
    return (paths.resources_dir() / "style" / "desk.qss").read_text(encoding="utf-8")


def apply(app: QApplication) -> None:
    """Fusion (the same widgets on every OS), the desk's palette, Noto Sans 10 pt, the stylesheet."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(palette())
    family = load_ui_font()
    if family is None:
        log.warning("the screen font is missing; Qt's default font is used")
    else:
        app.setFont(QFont(family, UI_POINT_SIZE))
    app.setStyleSheet(stylesheet())


def palette() -> QPalette:
    """Dark text on white fields over a light grey-blue ground; selections in the desk's blue."""
    colours = {
        QPalette.ColorRole.Window: "#eef1f5",
        QPalette.ColorRole.WindowText: "#16202b",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f4f7fa",
        QPalette.ColorRole.Text: "#16202b",
        QPalette.ColorRole.Button: "#f7f9fb",
        QPalette.ColorRole.ButtonText: "#16202b",
        QPalette.ColorRole.Highlight: PRIMARY,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#16202b",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#5d6976",
        QPalette.ColorRole.Link: PRIMARY,
    }
    result = QPalette()
    for role, colour in colours.items():
        result.setColor(role, QColor(colour))
    # A selected row in a list without the focus stays readable: pale blue, dark text.
    result.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#cfe0f3"))
    result.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor("#16202b"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8894"))
    return result


@cache
def _svg(name: str) -> str:
    return (icons_dir() / f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, colour: str, size: int) -> QPixmap:
    try:
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # a bundle built without QtSvg: no icons, the words still say it all
        return QPixmap()
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode("utf-8")))
    if not renderer.isValid():
        return QPixmap()
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@cache
def icon(name: str, colour: str = INK, selected: str | None = None) -> QIcon:
    """resources/icons/<name>.svg drawn in ``colour`` (``selected`` when its row is selected)."""
    svg = _svg(name)
    result = QIcon()
    modes = (
        (QIcon.Mode.Normal, colour),
        (QIcon.Mode.Active, colour),
        (QIcon.Mode.Selected, selected or colour),
        (QIcon.Mode.Disabled, MUTED),
    )
    for size in ICON_SIZES:
        for mode, each in modes:
            pixmap = _pixmap(svg, each, size)
            if not pixmap.isNull():
                result.addPixmap(pixmap, mode)
    return result


def set_role(widget: QWidget, role: str) -> None:
    """Give widget the stylesheet's ``[role="…"]`` look (primary, danger, warning, heading, muted)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def decorate(button: QAbstractButton, role: str | None = None, icon_name: str | None = None) -> None:
    """A button's place in the hierarchy (``primary`` for the next action) and its icon."""
    if role is not None:
        set_role(button, role)
    if icon_name is not None:
        button.setIcon(icon(icon_name, ROLE_ICON_COLOURS.get(role or "", INK)))
