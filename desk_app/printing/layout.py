"""Shared layout: paper, styles, the national heading, date and signature lines, tables, pages."""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk_app.printing.agency_lines import wrap
from desk_app.printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desk_app.printing.running import Parts, draw_caption

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

PAPERS = {"A5": A5, "A4": A4, "A4-landscape": landscape(A4)}


@dataclass(frozen=True, slots=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    right: float
    bottom: float
    left: float


# Decree 30/2020 Annex I for A4: top and bottom 20-25 mm, left 30-35 mm (the binding), right 15-20 mm;
# a landscape book is bound on its left edge too. The decree sets nothing for A5: the slips keep 10 mm
# so a copy stays on one page.
PAGE_MARGINS = {
    "A4": Margins(20, 15, 20, 30),
    "A4-landscape": Margins(20, 15, 20, 30),
    "A5": Margins(10, 10, 10, 10),
}


def body_size(paper: str) -> float:
    """The body text size: 13 pt on A4 (Decree 30: 13-14 pt), 10 pt on A5 (the smallest we allow)."""
    return 10 if paper == "A5" else 13


def nfc(text: str | None) -> str:
    """Every printed string in NFC (reportlab does no shaping)."""
    return unicodedata.normalize("NFC", text or "")


def esc(text: str | None) -> str:
    """NFC and escaped for a Paragraph."""
    return escape(nfc(text))


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of one paper size."""

    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    bold: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    title: ParagraphStyle
    italic_right: ParagraphStyle
    italic_center: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle


def styles(size: float = 11, spacing: float = 1.3) -> Styles:
    """Styles at a base size (11 pt on A5, 12–13 on A4); ``spacing`` is the line height in sizes."""
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=size, leading=size * spacing, alignment=TA_LEFT)
    return Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=size - 2, leading=(size - 2) * spacing),
        tiny=ParagraphStyle(
            "tiny", parent=base, fontSize=size - 2.5, leading=(size - 2.5) * min(1.2, spacing)
        ),
        bold=ParagraphStyle("bold", parent=base, fontName=BOLD),
        center=ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        center_bold=ParagraphStyle("center_bold", parent=base, fontName=BOLD, alignment=TA_CENTER),
        title=ParagraphStyle(
            "title",
            parent=base,
            fontName=BOLD,
            fontSize=size + 2,
            leading=(size + 2) * spacing,
            alignment=TA_CENTER,
            spaceBefore=size * 0.4 * (spacing - 1) / 0.3,
            spaceAfter=size * 0.2 * (spacing - 1) / 0.3,
        ),
        italic_right=ParagraphStyle("italic_right", parent=base, fontName=ITALIC, alignment=TA_RIGHT),
        italic_center=ParagraphStyle("italic_center", parent=base, fontName=ITALIC, alignment=TA_CENTER),
        cell=ParagraphStyle("cell", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25),
        cell_center=ParagraphStyle(
            "cell_center", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25, alignment=TA_CENTER
        ),
        cell_bold=ParagraphStyle(
            "cell_bold",
            parent=base,
            fontName=BOLD,
            fontSize=size - 1.5,
            leading=(size - 1.5) * 1.25,
            alignment=TA_CENTER,
        ),
    )


@dataclass(frozen=True, slots=True)
class Agency:
    """The left block of the heading: parent authority, the desk, the number line."""

    parent: str  # e.g. "ỦY BAN NHÂN DÂN XÃ PHÚ MỸ"
    desk: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" or "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    place: str  # the place of the date line


def date_words(moment: datetime | None) -> str:
    """The words "ngày 20 tháng 11 năm 2026" (dotted blanks when unknown)."""
    if moment is None:
        return "ngày …… tháng …… năm ……"
    return f"ngày {moment.day:02d} tháng {moment.month:02d} năm {moment.year}"


def time_words(moment: datetime | None) -> str:
    """The words "09 giờ 30 phút, ngày 20 tháng 11 năm 2026"."""
    if moment is None:
        return "…… giờ …… phút, ngày …… tháng …… năm ……"
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {date_words(moment)}"


def title(text: str, st: Styles, width: float) -> Paragraph:
    """A form's title; one too long for a line is broken near its middle.

    A title left to wrap by itself can leave one word alone on its last line ("… GIẢI / QUYẾT").
    """
    words = nfc(text).split()
    style = st.title
    if stringWidth(" ".join(words), style.fontName, style.fontSize) <= width or len(words) < 2:
        return Paragraph(esc(" ".join(words)), style)
    total = stringWidth(" ".join(words), style.fontName, style.fontSize)
    cut = min(
        range(1, len(words)),
        key=lambda i: abs(stringWidth(" ".join(words[:i]), style.fontName, style.fontSize) - total / 2),
    )
    return Paragraph(f"{esc(' '.join(words[:cut]))}<br/>{esc(' '.join(words[cut:]))}", style)


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
RIGHT_SHARE = 0.58  # of the heading's width: the national title's column


def _heading_styles(st: Styles, column: float) -> Styles:
    """``st``, or smaller by half points until the national title fits ``column`` on one line."""
    size = st.body.fontSize
    while size > 7 and stringWidth(NATIONAL_TITLE, BOLD, size) > column - 2:
        size -= 0.5
    if size == st.body.fontSize:
        return st
    return styles(size, st.body.leading / st.body.fontSize)


def _agency_paragraph(name: str, style: ParagraphStyle, width: float) -> Paragraph:
    """An agency's name in capitals, broken between its words, never inside one (agency_lines.py)."""
    lines = wrap(nfc(name), lambda line: stringWidth(line, style.fontName, style.fontSize) <= width)
    return Paragraph("<br/>".join(esc(line) for line in lines), style)


def heading(
    agency: Agency,
    number_suffix: str,
    moment: datetime | None,
    st: Styles,
    width: float,
    number: str = "",
) -> Table:
    """The national heading: the agency and "Số: …" on the left, the motto and date line on the right.

    ``number`` is the document's own number (the register number of a receipt, a batch's label); the
    dotted line is left for the officer to fill in only where the desk has none to give. The heading
    shrinks (never grows) so that the national title stays on one line of its column.
    """
    st = _heading_styles(st, width * RIGHT_SHARE)
    column = width * (1 - RIGHT_SHARE) - 2
    left = [
        *([_agency_paragraph(agency.parent, st.center, column)] if agency.parent else []),
        _agency_paragraph(agency.desk, st.center_bold, column),
        Paragraph("———", st.center),
        Paragraph(esc(f"Số: {number or '……'}{'/' + number_suffix if number_suffix else ''}"), st.center),
    ]
    right = [
        Paragraph(f"<b>{NATIONAL_TITLE}</b>", st.center),
        Paragraph("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", st.center),
        Spacer(1, st.body.fontSize * 0.4),
        Paragraph(esc(f"{agency.place or '……'}, {date_words(moment)}"), st.italic_center),
    ]
    return side_by_side([[left, right]], [width * (1 - RIGHT_SHARE), width * RIGHT_SHARE])


def signatures(
    titles: Sequence[str],
    st: Styles,
    width: float,
    names: Sequence[str] = (),
    room_mm: float = 13,
    hint: str = "(Ký và ghi rõ họ tên)",
) -> Table:
    """Signature blocks side by side: title (one line per line of it), ``hint``, room to sign, the name."""
    cells = []
    for i, title in enumerate(titles):
        name = names[i] if i < len(names) else ""
        cells.append(
            [
                Paragraph("<b>" + "<br/>".join(esc(t) for t in title.split("\n")) + "</b>", st.center),
                Paragraph(esc(hint), st.italic_center),
                Spacer(1, room_mm * mm),
                Paragraph(esc(name), st.center),
            ]
        )
    table = Table([cells], colWidths=[width / len(titles)] * len(titles))
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def grid(
    rows: list[list[Any]],
    widths: list[float],
    header_rows: int = 1,
    extra: list[tuple[Any, ...]] | None = None,
) -> Table:
    """A ruled table whose header repeats on every page; long cells wrap and split across pages."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows, splitByRow=True, splitInRow=True)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *(extra or []),
            ]
        )
    )
    return table


def stamp(canvas: Any, doc: Any, text: str) -> None:
    """A top-right mark on a page ("IN LẠI lần 2", "Liên 1: Lưu")."""
    canvas.saveState()
    canvas.setFont(BOLD, 9)
    width, height = doc.pagesize
    canvas.drawRightString(width - doc.rightMargin, height - 7 * mm, nfc(text))
    canvas.restoreState()


def side_by_side(rows: list[list[Any]], widths: list[float]) -> Table:
    """Blocks set side by side without rules: top-aligned, flush with the text on both sides."""
    table = Table(rows, colWidths=widths)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose cells default to the shipped font.

    Reportlab's default would add an unembedded Helvetica to the file, even for an empty cell.
    """
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def render(story: list[Flowable], paper: str, **options: Any) -> bytes:
    """Build the PDF (the options of :func:`render_counted`)."""
    pdf, _pages = render_counted(story, paper, **options)
    return pdf


def render_counted(
    story: list[Flowable],
    paper: str,
    *,
    title: str,
    author: str = "",
    subject: str = "",
    marks: str = "",
    page_numbers: bool = False,
    vertical_mm: float | None = None,
    parts: Parts | None = None,
) -> tuple[bytes, int]:
    """Build the PDF and count its pages.

    ``marks`` goes top right of every page, page numbers at the bottom. The metadata an archive
    reads: title (the document and its number), author (the issuing unit),
    subject (the dossier code or the period). Only the shipped fonts appear in the file: the canvas
    starts in Liberation Serif, not in reportlab's default Helvetica (never embedded). With ``parts``
    (the story holds :class:`PartStart` markers) continuation pages are captioned, in a second build.
    """
    # A build leaves marks on its flowables (a postponed paragraph fails the next build): the second
    # build lays out an untouched copy, sharing only the parts record.
    pristine = copy.deepcopy(story, {id(parts): parts}) if parts is not None else []
    pdf, pages = _build(list(story), paper, title, author, subject, marks, page_numbers, vertical_mm, parts)
    if parts is not None and parts.count(pages):
        pdf, pages = _build(pristine, paper, title, author, subject, marks, page_numbers, vertical_mm, parts)
    return pdf, pages


def document_template(
    buffer: BytesIO, paper: str, margins: Margins, title: str, author: str, subject: str
) -> SimpleDocTemplate:
    """A document in the shipped font with the metadata an archive reads (title, unit, code or period)."""
    register_fonts()
    return SimpleDocTemplate(
        buffer,
        pagesize=PAPERS[paper],
        leftMargin=margins.left * mm,
        rightMargin=margins.right * mm,
        topMargin=margins.top * mm,
        bottomMargin=margins.bottom * mm,
        title=nfc(title),
        author=nfc(author) or "One-Stop Desk",
        subject=nfc(subject),
        creator="One-Stop Desk",
        lang="vi-VN",
        initialFontName=REGULAR,
    )


def _build(
    story: list[Flowable],
    paper: str,
    title: str,
    author: str,
    subject: str,
    marks: str,
    page_numbers: bool,
    vertical_mm: float | None,
    parts: Parts | None,
) -> tuple[bytes, int]:
    buffer = BytesIO()
    size = PAPERS[paper]
    margins = PAGE_MARGINS[paper]
    if vertical_mm is not None:
        margins = Margins(vertical_mm, margins.right, vertical_mm, margins.left)
    doc = document_template(buffer, paper, margins, title, author, subject)

    def on_page(canvas: Any, document: Any) -> None:
        if marks:
            stamp(canvas, document, marks)
        if parts is not None:
            draw_caption(canvas, document, parts)
        if page_numbers:
            canvas.saveState()
            canvas.setFont(REGULAR, 9)
            canvas.drawCentredString(size[0] / 2, 6 * mm, f"Trang {document.page}")
            canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue(), int(doc.page)


FRAME_PADDING = 6  # points: reportlab's frame pads its content on each side


def frame_width(paper: str) -> float:
    """The usable width of a page: inside the margins and the frame's padding.

    A table as wide as this lines up with the paragraphs around it.
    """
    margins = PAGE_MARGINS[paper]
    return float(PAPERS[paper][0] - (margins.left + margins.right) * mm - 2 * FRAME_PADDING)


def reprint_mark(reprint: int) -> str:
    """The mark "IN LẠI lần n" from the second print on."""
    return f"IN LẠI lần {reprint}" if reprint > 1 else ""


__all__ = ["PageBreak", "Paragraph", "Spacer"]
