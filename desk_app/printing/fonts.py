"""The shipped Liberation Serif 2.x faces, registered once with reportlab.

The internal names are our own ("DeskSerif…"): reportlab embeds only the first TTF it
meets under a name, so a system font of the same name could otherwise replace ours.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app import paths

REGULAR = "DeskSerif"
BOLD = "DeskSerif-Bold"
ITALIC = "DeskSerif-Italic"
BOLD_ITALIC = "DeskSerif-BoldItalic"
FACES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


@cache
def register_fonts() -> str:
    """Register the four faces (idempotent); returns the family name."""
    folder = paths.resources_dir() / "fonts"
    for name, file in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    return REGULAR
