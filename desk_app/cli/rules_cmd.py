"""``desk-app due-date`` and ``desk-app id parse``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.output import print_json, print_lines
from desk_app.core.citizen_id import parse_card_qr
from desk_app.core.clock import VN_TZ
from desk_app.core.errors import InvalidInput
from desk_app.core.time_limits import parse_limit_spec
from desk_app.i18n import _
from desk_app.services.due_dates import to_result
from desk_app.services.timefmt import iso

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register ``due-date`` and ``id``."""
    due = sub.add_parser("due-date", parents=[parent], help=_("tính ngày hẹn trả kết quả"))
    due.add_argument(
        "--received", required=True, metavar='"YYYY-MM-DD HH:MM"', help=_("thời điểm nhận hồ sơ")
    )
    which = due.add_mutually_exclusive_group(required=True)
    which.add_argument("--procedure", metavar="CODE", help=_("mã thủ tục"))
    which.add_argument("--limit", help=_("“N working-days|N calendar-days|N working-hours|same-day”"))
    due.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    due.set_defaults(handler=run_due_date)
    ident = sub.add_parser("id", parents=[parent], help=_("căn cước công dân"))
    id_actions = ident.add_subparsers(dest="id_command", required=True, metavar="LỆNH")
    parse = id_actions.add_parser("parse", parents=[parent], help=_("đọc mã QR trên thẻ căn cước"))
    parse.add_argument("qr_text", metavar="QR_TEXT")
    parse.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parse.set_defaults(handler=run_id_parse)


def parse_received(text: str) -> datetime:
    """``2026-11-20 09:30`` as a moment in UTC+7; raises InvalidInput."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=VN_TZ)
    except ValueError:
        raise InvalidInput(
            _("Thời điểm nhận “{text}” phải có dạng “YYYY-MM-DD HH:MM”, ví dụ “2026-11-20 09:30”.").format(
                text=text
            )
        ) from None


def run_due_date(args: argparse.Namespace) -> int:
    """Compute a due date."""
    received = parse_received(args.received)
    limit = parse_limit_spec(args.limit) if args.limit else None
    with services_for(args) as services:
        if limit is not None:
            due = services.due_dates.for_limit(received, limit)
        else:
            due = services.due_dates.for_procedure(args.procedure, received)
    result = to_result(due)
    if args.json:
        print_json(
            {
                "received_at": result.received_at,
                "counted_from": result.counted_from,
                "due_at": result.due_at,
                "calendar_version": result.calendar_version,
                "explanation": result.explanation,
            }
        )
    else:
        print_lines(_("Hẹn trả: {due}").format(due=iso(result.due_at)), *due.explanation)
    return 0


def run_id_parse(args: argparse.Namespace) -> int:
    """Parse a chip card QR."""
    card = parse_card_qr(args.qr_text)
    if args.json:
        print_json(card)
    else:
        print_lines(
            _("Số định danh: {v}").format(v=card.id_number),
            _("Số CMND cũ: {v}").format(v=card.old_id_number or "—"),
            _("Họ và tên: {v}").format(v=card.full_name),
            _("Ngày sinh: {v}").format(v=f"{card.birth_date:%d/%m/%Y}"),
            _("Giới tính: {v}").format(v=card.sex),
            _("Nơi thường trú: {v}").format(v=card.address),
            _("Ngày cấp: {v}").format(v=f"{card.issue_date:%d/%m/%Y}" if card.issue_date else "—"),
        )
    return 0
