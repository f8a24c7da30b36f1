"""Mẫu 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (TT 01/2018: phiếu xin lỗi).

The resolving agency issues it, not the desk (ND 61/2018 Art. 19(9)): its heading, its apology, its
signer and seal. The desk only received the dossier, so the body says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph, Spacer

from desk_app.core.text import fold
from desk_app.printing import form_sets
from desk_app.printing.forms.common import NO_SIGNER, Signer, closing_block, code_block, sentence, slip_serial
from desk_app.printing.layout import (
    Agency,
    body_size,
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
    """The late dossier, why it is late, the one new date, and who issues the letter."""

    dossier: DossierPrint
    reason: str
    old_due_at: datetime | None
    new_due_at: datetime
    issuer: str = ""  # the resolving agency (settings), else the dossier's department
    signer: Signer = NO_SIGNER


def issuing_agency(d: DossierPrint, issuer: str) -> Agency:
    """The heading of the resolving agency; no parent line when the agency is the desk's parent itself."""
    same = fold(issuer).strip() == fold(d.agency.parent).strip()
    return Agency("" if same else d.agency.parent, issuer, d.agency.place)


def render(data: ApologyData, *, paper: str = "A5") -> bytes:
    """The letter."""
    d = data.dossier
    st = styles(body_size(paper))
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    issuer = data.issuer or d.department or d.agency.desk
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.APOLOGY)), st.small),
        heading(issuing_agency(d, issuer), "PXL", d.printed_at, st, width, slip_serial(d)),
        title(fs.titles[form_sets.APOLOGY], st, width),
        Paragraph(f"Kính gửi: <b>Ông/Bà {esc(d.applicant_name)}</b>", st.center),
        Paragraph(
            f"Địa chỉ: {esc(d.applicant_address) or '……'}; Số điện thoại: {esc(d.applicant_phone) or '……'}",
            st.body,
        ),
        Paragraph(
            f"Ngày {date_words(d.accepted_at).removeprefix('ngày ')}, {esc(d.agency.desk)} tiếp nhận hồ sơ "
            f"đề nghị giải quyết thủ tục {esc(d.procedure_name)} của Ông/Bà, mã hồ sơ <b>{esc(d.code)}</b>, "
            f"hẹn trả kết quả {time_words(data.old_due_at)}.",
            st.body,
        ),
        Paragraph(
            f"Đến nay, {esc(issuer)} chưa giải quyết xong hồ sơ nêu trên nên không trả kết quả đúng hẹn. "
            f"Lý do: {esc(sentence(data.reason))}",
            st.body,
        ),
        Paragraph(
            f"{esc(issuer)} thành thật xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị Ông/Bà đồng ý gia hạn "
            "thời gian giải quyết hồ sơ. Thời gian hẹn trả kết quả lại: "
            f"<b>{time_words(data.new_due_at)}</b>.",
            st.body,
        ),
        Paragraph(
            f"Rất mong nhận được sự thông cảm của Ông/Bà. {esc(issuer)} xin trân trọng cảm ơn./.", st.body
        ),
        code_block(d, st, width, "Mã hồ sơ: "),
        Spacer(1, 3),
        closing_block(st, width, ("Như trên;", f"{d.agency.desk} (để theo dõi);", "Lưu: VT."), data.signer),
    ]
    return build(
        story,
        paper,
        title=f"Văn bản xin lỗi {d.code}",
        author=issuer,
        subject=d.code or "",
        marks=reprint_mark(d.reprint),
    )
