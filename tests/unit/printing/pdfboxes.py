"""Where text sits on a PDF page (millimetres from the bottom-left corner), read with pdfium."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    """A text's bounding box in millimetres."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def boxes(pdf: bytes, page: int, text: str) -> list[Box]:
    """Every occurrence of ``text`` on a page (one line of text; pdfium matches within the page)."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page].get_textpage()
        searcher = textpage.search(text, match_case=True)
        found = []
        while (hit := searcher.get_next()) is not None:
            index, count = hit
            chars = [textpage.get_charbox(i) for i in range(index, index + count)]
            found.append(
                Box(
                    min(c[0] for c in chars) / MM,
                    min(c[1] for c in chars) / MM,
                    max(c[2] for c in chars) / MM,
                    max(c[3] for c in chars) / MM,
                )
            )
        return found
    finally:
        document.close()


def box(pdf: bytes, page: int, text: str, occurrence: int = 0) -> Box:
    """The ``occurrence``-th box of ``text`` on a page."""
    found = boxes(pdf, page, text)
    assert len(found) > occurrence, (text, found)
    return found[occurrence]


def page_text_extent(pdf: bytes, page: int) -> Box:
    """The box around every character of a page."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page].get_textpage()
        chars = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        chars = [c for c in chars if c[2] > c[0]]  # spaces and line ends have no box
        return Box(
            min(c[0] for c in chars) / MM,
            min(c[1] for c in chars) / MM,
            max(c[2] for c in chars) / MM,
            max(c[3] for c in chars) / MM,
        )
    finally:
        document.close()
