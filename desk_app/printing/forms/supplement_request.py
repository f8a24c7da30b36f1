"""Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — every missing item at once."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from desk_app.core.paper_names import without_list_mark
from desk_app.printing import form_sets
from desk_app.printing.forms.common import (
    ComponentLine,
    DossierPrint,
    applicant_lines,
    code_block,
    component_table,
    slip_serial,
)
from desk_app.printing.layout import (
    body_size,
    esc,
    frame_width,
    heading,
    reprint_mark,
    signatures,
    styles,
    title,
)
from desk_app.printing.layout import render as build


@dataclass(frozen=True, slots=True)
class SupplementData:
    """The dossier, the missing items (published components only) and the reason."""

    dossier: DossierPrint
    missing: tuple[ComponentLine, ...]
    reason: str
    contact: str  # "công chức …, số điện thoại …"
    website: str = ""


def render(data: SupplementData, *, paper: str = "A5") -> bytes:
    """The request, on as many pages as the list needs."""
    d = data.dossier
    st = styles(body_size(paper))
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    lines = [
        (
            m.position,
            without_list_mark(m.name),
            str(max(m.originals - m.received_originals, 0)),
            str(max(m.copies - m.received_copies, 0)),
        )
        for m in data.missing
    ]
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.SUPPLEMENT)), st.small),
        heading(d.agency, "HDHS", d.printed_at, st, width, slip_serial(d)),
        title(fs.titles[form_sets.SUPPLEMENT], st, width),
        code_block(d, st, width, "Mã hồ sơ: " if d.code else ""),
        *applicant_lines(d, st, "Tiếp nhận hồ sơ/yêu cầu của Ông/Bà"),
        Paragraph("Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:", st.body),
        component_table(lines, st, width, "Thành phần hồ sơ cần bổ sung, hoàn thiện"),
        Paragraph(
            f"Lý do: {esc(data.reason) or 'Hồ sơ chưa đủ thành phần theo danh mục đã công bố.'}", st.body
        ),
        Paragraph(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà có thể tra cứu thủ tục hành chính "
            f"tại Website: {esc(data.website) or 'dichvucong.gov.vn'} hoặc liên hệ với "
            f"{esc(data.contact) or '……'} để được hướng dẫn./.",
            st.body,
        ),
        signatures(("NGƯỜI HƯỚNG DẪN",), st, width, (d.officer_name,)),
    ]
    return build(
        story,
        paper,
        title=f"Phiếu yêu cầu bổ sung {d.code or d.slip_number}",
        author=d.agency.desk,
        subject=d.code or d.slip_number,
        marks=reprint_mark(d.reprint),
    )
