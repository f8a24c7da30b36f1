"""Reading printed PDFs back: text, page sizes, and barcodes decoded from rendered pages."""

from __future__ import annotations

import io
import random
import re
import unicodedata

import pypdf
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image, ImageChops, ImageFilter
from pyzbar import pyzbar

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


def page_image(pdf: bytes, page: int, dpi: int) -> Image.Image:
    """A page rendered in grey at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def degraded(image: Image.Image, seed: int, noise: float = 0.5, blur_px: float = 1.0) -> Image.Image:
    """A cheap laser print or a photocopy: toner speckle (Gaussian, seeded) seen through a soft lens."""
    rng = random.Random(seed)
    speckle = ImageChops.offset(
        Image.effect_noise(image.size, 40), rng.randrange(image.size[0]), rng.randrange(image.size[1])
    )
    speckle = Image.eval(speckle, lambda v: int(128 + (v - 128) * noise))
    return ImageChops.add(image, speckle, 1, -128).filter(ImageFilter.GaussianBlur(blur_px))


def fields_of_view(image: Image.Image) -> list[Image.Image]:
    """The whole page and its four overlapping quarters (60 % of each side).

    A scanner at the counter sees a symbol and what surrounds it, not a whole A4 page: zbar's QR finder
    misses a symbol on a full A4 page of text that it reads at once in a quarter of it.
    """
    width, height = image.size
    w, h = int(width * 0.6), int(height * 0.6)
    corners = [(0, 0), (width - w, 0), (0, height - h), (width - w, height - h)]
    return [image, *(image.crop((x, y, x + w, y + h)) for x, y in corners)]


def decoded(image: Image.Image) -> dict[str, set[str]]:
    """What each decoder reads on a page: {"zxing": {texts}, "zbar": {texts}}, over its fields of view."""
    views = fields_of_view(image)
    return {
        "zxing": {b.text for view in views for b in zxingcpp.read_barcodes(view)},
        "zbar": {s.data.decode("utf-8") for view in views for s in pyzbar.decode(view)},
    }
