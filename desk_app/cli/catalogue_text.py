"""How `catalogue show` writes a procedure's terms and the reading of each component."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import channel_label
from desk_app.i18n import _

if TYPE_CHECKING:
    from desk_app.services.dto import ComponentSummary, ProcedureTerms


def _money(vnd: int) -> str:
    return _("miễn phí") if vnd == 0 else _("{amount} đồng").format(amount=f"{vnd:,}".replace(",", "."))


def terms_line(t: ProcedureTerms) -> str:
    """One channel: its limit and its fee with where each comes from, or that it is not offered."""
    channel = channel_label(Channel(t.channel))
    if not t.offered:
        return _("  {channel}: không được công bố (thủ tục không nhận hồ sơ qua kênh này)").format(
            channel=channel
        )
    limit = t.limit_spec or _("chưa xác định")
    if t.fee_vnd is not None:
        fee = _money(t.fee_vnd)
    elif t.fee_text:
        fee = _("chưa xác định (công bố: “{text}”)").format(text=t.fee_text[:100])
    else:
        fee = _("chưa xác định")
    return _("  {channel}: thời hạn {limit} [{limit_source}]; phí, lệ phí: {fee} [{fee_source}]").format(
        channel=channel, limit=limit, limit_source=t.limit_source, fee=fee, fee_source=t.fee_source
    )


def reading_label(c: ComponentSummary) -> str:
    """The component's role and when it applies, as the checklist reads it."""
    role = {"submit": _("nộp"), "show": _("xuất trình"), "note": _("lưu ý")}.get(c.kind, c.kind)
    if c.kind == "note":
        return role
    if c.applies == "channels":
        when = ", ".join(channel_label(Channel(ch)) for ch in c.channels)
    elif c.applies == "case":
        when = _("trường hợp: {case}").format(case=c.case[:50])
    elif c.applies == "alternative":
        when = _("chọn một: {case}").format(case=c.case[:50])
    else:
        when = _("mọi hồ sơ")
    if c.ambiguous:
        when += _("; cần cán bộ xác định")
    return f"{role} · {when}"
