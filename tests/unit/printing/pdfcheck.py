"""Reading printed PDFs back: text, page sizes, and barcodes decoded from rendered pages."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pypdfium2 as pdfium
import zxingcpp

MM = 72 / 25.4


def text_of(pdf: bytes) -> str:
    """All text, NFC, whitespace folded to single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    raw = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def text_of_page(pdf: bytes, page: int) -> str:
    """The text of one page, NFC, whitespace folded."""
    raw = pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text() or ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw)).strip()


def squeezed(text: str) -> str:
    """Text with every whitespace removed (line breaks fall anywhere in wrapped text)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of each page, rounded to millimetres."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages]


def barcodes(pdf: bytes, page: int, dpi: int) -> list[tuple[str, str]]:
    """(format, text) of every symbol found on a page rendered in grey at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    return sorted((b.format.name, b.text) for b in zxingcpp.read_barcodes(image))
