"""Mẫu 07 (TT 03/2025; Mẫu 06 of TT 01/2018): Sổ theo dõi hồ sơ, A4 landscape, numbered pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph

from desk_app.printing import form_sets
from desk_app.printing.forms.common import DossierPrint
from desk_app.printing.layout import Agency, esc, frame_width, grid, styles, title
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import date

COLUMNS = (
    "TT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Trả kết quả",
    "Phương thức nhận kết quả",
    "Ký nhận",
)


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One line of the book; dates already formatted dd/mm/yyyy (hh:mm)."""

    number: int
    code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    department: str
    received: str
    due: str
    returned: str
    method: str


@dataclass(frozen=True, slots=True)
class RegisterData:
    """The book for a period."""

    agency: Agency
    rule_set: str
    start: date
    end: date
    year: int
    lines: tuple[RegisterLine, ...]


def render(data: RegisterData, *, paper: str = "A4-landscape") -> bytes:
    """The register book; the header repeats and every page is numbered."""
    st = styles(10)
    width = frame_width(paper)
    fs = form_sets.form_set(data.rule_set)
    head = [Paragraph(f"<b>{c}</b>", st.cell_bold) for c in COLUMNS]
    rows: list[list[object]] = [head]
    rows.extend(
        [
            Paragraph(str(v), st.cell)
            for v in (
                f"{line.number:02d}",
                line.code,
                esc(line.procedure_name),
                esc(line.applicant_name),
                esc(line.address_phone),
                esc(line.department),
                line.received,
                line.due,
                line.returned,
                esc(line.method),
                "",
            )
        ]
        for line in data.lines
    )
    fractions = (0.04, 0.11, 0.17, 0.10, 0.12, 0.09, 0.07, 0.07, 0.07, 0.08, 0.08)
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.REGISTER)), st.small),
        Paragraph(esc(data.agency.parent.upper()), st.center),
        Paragraph(f"<b>{esc(data.agency.desk.upper())}</b>", st.center),
        title(fs.titles[form_sets.REGISTER], st, width),
        Paragraph(f"Năm {data.year} — từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y}", st.center),
        grid(rows, [width * f for f in fractions]),
    ]
    return build(
        story,
        paper,
        title=f"Sổ theo dõi hồ sơ {data.year}",
        author=data.agency.desk,
        subject=f"{data.start:%d/%m/%Y}–{data.end:%d/%m/%Y}",
        page_numbers=True,
    )


__all__ = ["DossierPrint", "RegisterData", "RegisterLine", "render"]
