"""Mẫu 04: the apology and new-date letter (TT 03/2025: Văn bản xin lỗi và đề nghị gia hạn)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph, Spacer

from desk_app.printing import form_sets
from desk_app.printing.layout import (
    date_words,
    esc,
    frame_width,
    heading,
    reprint_mark,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import render as build

if TYPE_CHECKING:
    from datetime import datetime

    from desk_app.printing.forms.common import DossierPrint


@dataclass(frozen=True, slots=True)
class ApologyData:
    """The late dossier, why it is late, and the one new date."""

    dossier: DossierPrint
    reason: str
    old_due_at: datetime | None
    new_due_at: datetime
    issuer: str = ""  # the resolving agency that signs the letter
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"


def render(data: ApologyData, *, paper: str = "A5") -> bytes:
    """The letter."""
    d = data.dossier
    st = styles(9.5 if paper == "A5" else 12)
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    issuer = data.issuer or d.department or d.agency.desk
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.APOLOGY)), st.small),
        heading(d.agency, "PXL", d.printed_at, st, width),
        title(fs.titles[form_sets.APOLOGY], st, width),
        Paragraph(f"Kính gửi: <b>{esc(d.applicant_name)}</b>", st.center),
        Paragraph(
            f"Địa chỉ: {esc(d.applicant_address) or '……'}; Số điện thoại: {esc(d.applicant_phone) or '……'}",
            st.body,
        ),
        Paragraph(
            f"Ngày {date_words(d.accepted_at).removeprefix('ngày ')}, {esc(issuer)} tiếp nhận hồ sơ "
            f"{esc(d.procedure_name)} của {esc(d.applicant_name)}, mã hồ sơ <b>{esc(d.code)}</b>, hẹn trả "
            f"kết quả {time_words(data.old_due_at)}.",
            st.body,
        ),
        Paragraph(
            "Tuy nhiên, đến nay hồ sơ chưa được giải quyết, không trả kết quả đúng hẹn như giấy tiếp nhận "
            f"hồ sơ và hẹn trả kết quả. Lý do: {esc(data.reason)}",
            st.body,
        ),
        Paragraph(f"{esc(issuer)} xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả lại.", st.body),
        Paragraph(f"Thời gian hẹn trả kết quả lại: <b>{time_words(data.new_due_at)}</b>.", st.body),
        Paragraph(f"Xin trân trọng cảm ơn sự hợp tác của {esc(d.applicant_name)}./.", st.body),
        Spacer(1, 3),
        Paragraph(
            "<i>Nơi nhận:</i><br/>- Như trên;<br/>- Bộ phận Tiếp nhận và Trả kết quả;<br/>- Lưu: VT.",
            st.small,
        ),
        Paragraph(f"<b>{esc(data.signer_title)}</b>", st.center),
        Paragraph("(Ký, ghi rõ họ tên và đóng dấu)", st.italic_center),
    ]
    return build(
        story,
        paper,
        title=f"Văn bản xin lỗi {d.code}",
        author=d.agency.desk,
        subject=d.code or "",
        marks=reprint_mark(d.reprint),
    )
