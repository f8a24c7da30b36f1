"""The dossier data every slip shares, and the blocks several slips repeat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from desk_app.core.document_numbers import parse_document_number
from desk_app.core.paper_names import short_paper_name, shortened
from desk_app.printing.barcodes import Code128Flowable, QrFlowable
from desk_app.printing.layout import (
    Agency,
    Styles,
    esc,
    grid,
    side_by_side,
    signatures,
    table_style,
    time_words,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class ComponentLine:
    """A published component as printed, with what was received of it."""

    position: int
    name: str
    kind: str  # submit | show | note
    originals: int
    copies: int
    received_originals: int = 0
    received_copies: int = 0
    substitute: str = ""  # the fallback the paper names, in its words, when that was handed in instead

    def received_as(self, limit: int = 90) -> str:
        """What the receipt lists: the paper's short name, or the fallback handed in for it.

        The full published text is the item the receipt refers to by number.
        """
        paper = short_paper_name(self.name, limit)
        if not self.substitute:
            return paper
        words = short_paper_name(self.substitute[:1].upper() + self.substitute[1:], limit)
        return f"{words} (thay cho: {paper})"


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs a document for its agency, from the settings (a blank to fill in by hand when unset)."""

    title: str  # upper case, may hold two lines ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    name: str = ""

    @property
    def title_lines(self) -> list[str]:
        """The title as printed, line by line ("……" when the unit has not set one)."""
        lines = [line.strip() for line in self.title.replace(";", "\n").splitlines() if line.strip()]
        return lines or ["……………………"]


NO_SIGNER = Signer("")


@dataclass(frozen=True, slots=True)
class DossierPrint:
    """A dossier as the slips show it. Dates arrive here; forms read no clock."""

    agency: Agency
    rule_set: str
    ref: str  # the dossier code, or its id before it has one
    code: str | None
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_id_number: str = ""
    received_at: datetime | None = None
    accepted_at: datetime | None = None
    due_at: datetime | None = None
    limit_text: str = ""
    bundles: int = 1
    components: tuple[ComponentLine, ...] = ()
    register_year: int | None = None
    register_number: int | None = None
    department: str = ""
    officer_name: str = ""
    reprint: int = 1
    qr_text: str | None = None
    printed_at: datetime | None = None
    slip_number: str = ""  # the number of the slip being printed (HDHS-2026-1-0007), when it has one
    original_due_at: datetime | None = None  # the receipt's date, when the dossier was rescheduled since
    return_by_post: bool = False  # the applicant chose at reception to get the result by post
    return_address: str = ""  # where the post delivers it
    extra: dict[str, Any] = field(default_factory=dict)


def sentence(text: str) -> str:
    """An officer's reason as a sentence of the letter: trimmed, ending in one full stop."""
    words = text.strip().rstrip(".;,")
    return f"{words}." if words else ""


def applicant_lines(
    d: DossierPrint,
    st: Styles,
    label: str = "Tiếp nhận hồ sơ của",
    name_limit: int = 0,
    desk_line: bool = True,
) -> list[Flowable]:
    """The applicant block every slip opens with.

    ``name_limit`` shortens a very long procedure name (a few national names run to 600 characters);
    the procedure code printed with it identifies the procedure.
    """
    procedure = shortened(d.procedure_name, name_limit) if name_limit else d.procedure_name
    lines = [
        *([f"<b>{esc(d.agency.desk)}</b>"] if desk_line else []),
        f"{esc(label)}: <b>{esc(d.applicant_name)}</b>",
    ]
    if d.applicant_id_number:
        lines.append(f"Số căn cước/Hộ chiếu: {esc(d.applicant_id_number)}")
    lines += [
        f"Địa chỉ: {esc(d.applicant_address) or '……………………'}",
        f"Số điện thoại: {esc(d.applicant_phone) or '……………'}   Email: {esc(d.applicant_email) or '……………'}",
        f"Nội dung yêu cầu giải quyết: {esc(procedure)} (mã thủ tục {esc(d.procedure_code)})",
    ]
    return [Paragraph(line, st.body) for line in lines]


def component_table(
    lines: list[tuple[int, str, str, str]], st: Styles, width: float, first: str = "Thành phần hồ sơ"
) -> Flowable:
    """TT | Thành phần hồ sơ | Bản chính | Bản sao, header repeated on every page."""
    rows: list[list[Any]] = [
        [
            Paragraph("<b>TT</b>", st.cell_bold),
            Paragraph(f"<b>{esc(first)}</b>", st.cell_bold),
            Paragraph("<b>Bản chính</b>", st.cell_bold),
            Paragraph("<b>Bản sao</b>", st.cell_bold),
        ]
    ]
    for n, (position, name, originals, copies) in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(str(n), st.cell_center),
                Paragraph(esc(name) + f" <i>(mục {position})</i>", st.cell),
                Paragraph(originals, st.cell_center),
                Paragraph(copies, st.cell_center),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("", st.cell), Paragraph("(không có)", st.cell), "", ""])
    return grid(rows, [width * 0.08, width * 0.68, width * 0.12, width * 0.12])


def code_block(d: DossierPrint, st: Styles, width: float, label: str | None = "") -> Flowable:
    """The dossier code as Code128, centred on its own line; the slip's number for a dossier without one.

    At 0.38 mm modules it takes most of an A5 line; the slip QR goes beside the block that follows
    (:func:`beside_qr`). Scanning either opens the dossier.
    """
    value = d.code or d.slip_number
    if not value:
        return Spacer(1, 1)
    if label == "" and d.code is None:
        label = "Số phiếu: "
    bars = Code128Flowable(value)
    rows: list[list[Any]] = [[bars]]
    if label is not None:  # None: the line above already reads the code
        rows.append([Paragraph(f"{esc(label)}<b>{esc(value)}</b>", st.center)])
    block = Table(rows, colWidths=[width])
    block.setStyle(
        table_style(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 3),  # clear of the line above
                ("TOPPADDING", (0, 1), (0, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return block


def slip_serial(d: DossierPrint) -> str:
    """The slip's number as its heading prints it before "/<suffix>" ("1-0007"); "" leaves the dots."""
    if not d.slip_number:
        return ""
    number = parse_document_number(d.slip_number)
    return f"{number.slot}-{number.n:04d}"


def qr_column(d: DossierPrint) -> float:
    """The width :func:`beside_qr` takes for the slip's QR (0 when the slip has none)."""
    return 0.0 if d.qr_text is None else float(QrFlowable(d.qr_text).width + 2 * mm)


def beside_qr(d: DossierPrint, flowables: list[Flowable], width: float) -> list[Flowable]:
    """``flowables`` with the slip's QR at their right (unchanged when the slip has no QR)."""
    if d.qr_text is None:
        return flowables
    qr = QrFlowable(d.qr_text)
    table = side_by_side([[flowables, qr]], [width - qr_column(d), qr_column(d)])
    return [table]


def closing_block(st: Styles, width: float, recipients: Sequence[str], signer: Signer) -> Flowable:
    """Decree 30's foot: "Nơi nhận" on the left, the signer (title, seal hint, name) on the right."""
    to = "<br/>".join(["<b><i>Nơi nhận:</i></b>", *(f"- {esc(r)}" for r in recipients)])
    sign = signatures(
        ["\n".join(signer.title_lines)],
        st,
        width * 0.55,
        [signer.name],
        room_mm=14,
        hint="(Ký, ghi rõ họ tên và đóng dấu)",
    )
    return side_by_side([[Paragraph(to, st.small), sign]], [width * 0.45, width * 0.55])


def due_words(d: DossierPrint) -> str:
    """Field 5: the date given at reception; after a reschedule, followed by the new one."""
    if d.original_due_at is None:
        return time_words(d.due_at)
    return f"{time_words(d.original_due_at)} <i>(đã hẹn lại: {time_words(d.due_at)})</i>"
