"""Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, in two copies (domain.md §2.2)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak, Paragraph

from desk_app.core.paper_names import short_paper_name
from desk_app.printing import form_sets
from desk_app.printing.forms.common import (
    DossierPrint,
    applicant_lines,
    beside_qr,
    code_block,
    component_table,
    due_words,
)
from desk_app.printing.layout import (
    esc,
    frame_width,
    heading,
    reprint_mark,
    signatures,
    styles,
    time_words,
    title,
)
from desk_app.printing.layout import (
    render_counted as build,
)
from desk_app.printing.running import Parts, PartStart

COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")


@dataclass(frozen=True, slots=True)
class Fit:
    """Type sizes of one attempt to fit a copy on its page (the body never below 10 pt)."""

    size: float
    spacing: float
    heading: float
    room_mm: float  # room to sign
    name_limit: int  # characters of a paper's short name
    procedure_limit: int = 0  # characters of the procedure's name (0: all of it)
    vertical_mm: float = 10  # top and bottom margins


# Tried in order; the first that keeps each copy on one page is printed (else the last, continued).
# Below a 1.1 line height Vietnamese stacked diacritics touch the line above.
A5_FITS = (
    Fit(10, 1.15, 9, 10, 90),
    Fit(10, 1.1, 9, 8, 60),
    Fit(10, 1.1, 8.5, 7, 40),
    Fit(10, 1.1, 8.5, 6, 40, 200, 8),
    Fit(10, 1.1, 8, 5, 30, 100, 7),  # the QR with a long tracking address beside a short applicant block
)
A4_FITS = (Fit(13, 1.3, 12, 13, 120),)  # Decree 30: 13-14 pt body on A4


def _copy(d: DossierPrint, paper: str, label: str, fit: Fit) -> list[Flowable]:
    st = styles(fit.size, fit.spacing)
    width = frame_width(paper)
    fs = form_sets.form_set(d.rule_set)
    received = [
        (c.position, c.received_as(fit.name_limit), str(c.received_originals), str(c.received_copies))
        for c in d.components
        if c.kind == "submit" and (c.received_originals or c.received_copies)
    ]
    shown = [
        f"{short_paper_name(c.name, fit.name_limit)} (mục {c.position})"
        for c in d.components
        if c.kind == "show" and c.received_originals
    ]
    story: list[Flowable] = [
        Paragraph(esc(fs.caption(form_sets.RECEIPT)), st.small),
        heading(
            d.agency,
            "TTPVHCC",
            d.accepted_at or d.received_at,
            styles(fit.heading, fit.spacing),
            width,
            str(d.register_number or ""),
        ),
        title(fs.titles[form_sets.RECEIPT], st, width),
        Paragraph(f"Mã hồ sơ: <b>{esc(d.code or d.ref)}</b> <i>({esc(label)})</i>", st.center),
        code_block(d, st, width, None),
        *beside_qr(d, applicant_lines(d, st, name_limit=fit.procedure_limit), width),
        Paragraph("1. Thành phần hồ sơ nộp gồm:", st.body),
        component_table(received, st, width),
    ]
    if shown:
        story.append(Paragraph("Giấy tờ đã xuất trình: " + esc("; ".join(shown)), st.body))
    story += [
        Paragraph(f"2. Số lượng hồ sơ: {d.bundles:02d} (bộ)", st.body),
        Paragraph(f"3. Thời gian giải quyết hồ sơ theo quy định là: {esc(d.limit_text) or '……'}", st.body),
        Paragraph(f"4. Thời gian nhận hồ sơ: {time_words(d.accepted_at or d.received_at)}", st.body),
        Paragraph(f"5. Thời gian trả kết quả giải quyết hồ sơ: {due_words(d)}", st.body),
        Paragraph(f"6. Đăng ký nhận kết quả tại: {return_words(d)}", st.body),
        Paragraph(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: {d.register_year or '……'}, "
            f"Số thứ tự: {d.register_number or '……'}",
            st.body,
        ),
        signatures(
            ("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"), st, width, ("", d.officer_name), fit.room_mm
        ),
        Paragraph(
            "<i>Ghi chú:</i> Giấy tiếp nhận và hẹn trả kết quả được lập thành 2 liên; một liên chuyển kèm "
            "theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận Tiếp nhận và "
            "Trả kết quả; "
            "một liên giao cho cá nhân, tổ chức nộp hồ sơ. Cá nhân, tổ chức có thể đăng ký nhận kết quả tại "
            "Bộ phận Tiếp nhận và Trả kết quả hoặc tại nhà (trụ sở tổ chức) qua dịch vụ bưu chính.",
            st.tiny,
        ),
    ]
    return story


def render(d: DossierPrint, *, paper: str = "A5") -> bytes:
    """Both copies, each starting on its own page, at the largest sizes that keep a copy on one page."""
    pdf = b""
    for fit in A5_FITS if paper == "A5" else A4_FITS:
        parts = Parts()
        story = [
            PartStart(parts, f"Mã hồ sơ {d.code} – {COPIES[0]}"),
            *_copy(d, paper, COPIES[0], fit),
            PageBreak(),
            PartStart(parts, f"Mã hồ sơ {d.code} – {COPIES[1]}"),
            *_copy(d, paper, COPIES[1], fit),
        ]
        pdf, pages = build(
            story,
            paper,
            title=f"Giấy tiếp nhận {d.code}",
            author=d.agency.desk,
            subject=d.code or "",
            marks=reprint_mark(d.reprint),
            vertical_mm=fit.vertical_mm,
            parts=parts,
        )
        if pages <= len(COPIES):
            break
    return pdf


def return_words(d: DossierPrint) -> str:
    """Field 6: the desk, or the postal address the applicant registered at reception."""
    if d.return_by_post:
        return f"nhà riêng/trụ sở qua dịch vụ bưu chính, địa chỉ: {esc(d.return_address)}"
    return esc(d.agency.desk)
