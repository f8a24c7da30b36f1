"""``desk-app register``, ``report bieu06``, ``day-close`` and ``user``."""

from __future__ import annotations

import getpass
import os
from datetime import date
from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.output import print_json, print_lines
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Role
from desk_app.i18n import _
from desk_app.services.timefmt import iso

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser


def parse_day(text: str) -> date:
    """``YYYY-MM-DD``; raises InvalidInput."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(_("Ngày “{text}” phải có dạng YYYY-MM-DD.").format(text=text)) from None


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true")


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register report and user commands."""
    register = sub.add_parser("register", parents=[parent], help=_("sổ theo dõi hồ sơ"))
    _period(register)
    register.set_defaults(handler=run_register)
    report = sub.add_parser("report", parents=[parent], help=_("báo cáo thống kê"))
    kinds = report.add_subparsers(dest="report_command", required=True, metavar="BÁO_CÁO")
    bieu06 = kinds.add_parser("bieu06", parents=[parent], help=_("Biểu 06: tình hình giải quyết TTHC"))
    _period(bieu06)
    bieu06.set_defaults(handler=run_bieu06)
    close = sub.add_parser("day-close", parents=[parent], help=_("tổng kết cuối ngày"))
    close.add_argument("--day", metavar="YYYY-MM-DD")
    close.add_argument("--json", action="store_true")
    close.set_defaults(handler=run_day_close)
    user = sub.add_parser("user", parents=[parent], help=_("tài khoản cán bộ"))
    users = user.add_subparsers(dest="user_command", required=True, metavar="LỆNH")
    add = users.add_parser("add", parents=[parent], help=_("thêm tài khoản"))
    add.add_argument("username")
    add.add_argument("--name", default="")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.add_argument("--password", help=_("mật khẩu (mặc định: biến DESK_APP_PASSWORD hoặc hỏi)"))
    add.set_defaults(handler=run_user_add)
    listing = users.add_parser("list", parents=[parent], help=_("danh sách tài khoản"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_user_list)
    passwd = users.add_parser("passwd", parents=[parent], help=_("đổi mật khẩu"))
    passwd.add_argument("username")
    passwd.add_argument("--password")
    passwd.set_defaults(handler=run_user_passwd)


def run_register(args: argparse.Namespace) -> int:
    """Print the register rows of a period."""
    with services_for(args) as services:
        rows = services.reports.register(parse_day(args.start), parse_day(args.end))
    if args.json:
        print_json(rows)
    else:
        lines = [
            f"{r.number:04d}\t{r.code}\t{r.applicant_name}\t{iso(r.accepted_at)[:16]}\t{iso(r.due_at)[:16]}"
            for r in rows
        ]
        print_lines(*(lines or [_("Không có hồ sơ nào trong kỳ.")]))
    return 0


def run_bieu06(args: argparse.Namespace) -> int:
    """Print Biểu 06 for a period."""
    with services_for(args) as services:
        rows = services.reports.bieu06(parse_day(args.start), parse_day(args.end))
    if args.json:
        print_json({"from": args.start, "to": args.end, "rows": rows})
        return 0
    header = _(
        "Lĩnh vực\tNhận(tổng/trực tuyến/trực tiếp+BC/kỳ trước)\tĐã giải quyết(tổng/trước/đúng/quá hạn)"
        "\tĐang giải quyết(tổng/trong/quá hạn)\tRút"
    )
    print_lines(
        header,
        *(
            f"{r.field_name}\t{r.received_total}/{r.received_online}/{r.received_direct_postal}/{r.carried_over}\t"
            f"{r.resolved_total}/{r.early}/{r.on_time}/{r.late}\t{r.in_progress_total}/{r.within_time}/{r.overdue}"
            f"\t{r.withdrawn}"
            for r in rows
        ),
    )
    return 0


def run_day_close(args: argparse.Namespace) -> int:
    """Print the day's summary."""
    with services_for(args) as services:
        summary = services.reports.day_close(parse_day(args.day) if args.day else None)
    if args.json:
        print_json(summary)
    else:
        print_lines(
            _("Ngày {day}").format(day=summary.day),
            _("Tiếp nhận: {n}").format(n=summary.received),
            _("Yêu cầu bổ sung: {n}").format(n=summary.supplement_requests),
            _("Từ chối: {n}").format(n=summary.refused),
            _("Chuyển xử lý: {n}").format(n=summary.handed_over),
            _("Nhận lại từ bộ phận: {n}").format(n=summary.received_back),
            _("Trả kết quả: {n}").format(n=summary.returned),
            _("Chờ đồng bộ: {n}").format(n=summary.pending_sync),
        )
    return 0


def _password(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("DESK_APP_PASSWORD")
    if env:
        return env
    return getpass.getpass(_("Mật khẩu: "))


def run_user_add(args: argparse.Namespace) -> int:
    """Add an officer account."""
    with services_for(args) as services:
        actor = None if not services.users.list() else services.users.actor(args.user)
        services.users.add(args.username, args.name, Role(args.role), _password(args.password), actor)
    print_lines(_("Đã thêm tài khoản {u} ({role}).").format(u=args.username, role=args.role))
    return 0


def run_user_list(args: argparse.Namespace) -> int:
    """List accounts."""
    with services_for(args) as services:
        users = services.users.list()
    if args.json:
        print_json([{"username": u, "full_name": n, "role": r, "active": a} for u, n, r, a in users])
    else:
        print_lines(*(f"{u}\t{r}\t{n}" for u, n, r, _a in users))
    return 0


def run_user_passwd(args: argparse.Namespace) -> int:
    """Change a password."""
    with services_for(args) as services:
        services.users.set_password(args.username, _password(args.password), services.users.actor(args.user))
    print_lines(_("Đã đổi mật khẩu của {u}.").format(u=args.username))
    return 0
