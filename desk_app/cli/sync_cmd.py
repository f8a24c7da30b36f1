"""``desk-app sync enrol URL CODE``, ``sync run`` and ``sync status [--json]``."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.output import print_json, print_lines
from desk_app.cli.parser import EXIT_REFUSED
from desk_app.i18n import _

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser
    from desk_app.services.sync import SyncStatus


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register the sync commands."""
    sync = sub.add_parser("sync", parents=[parent], help=_("đồng bộ với máy chủ trung tâm"))
    actions = sync.add_subparsers(dest="sync_command", required=True, metavar="LỆNH")
    enrol = actions.add_parser(
        "enrol", parents=[parent], help=_("đăng ký bàn với máy chủ (một lần, cần mạng)")
    )
    enrol.add_argument("url", metavar="URL")
    enrol.add_argument("code", metavar="CODE")
    enrol.add_argument("--json", action="store_true")
    enrol.set_defaults(handler=run_enrol)
    run = actions.add_parser("run", parents=[parent], help=_("đồng bộ một lượt: gửi hàng đợi, nhận cập nhật"))
    run.add_argument("--json", action="store_true")
    run.set_defaults(handler=run_once)
    status = actions.add_parser("status", parents=[parent], help=_("tình trạng đồng bộ"))
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)


def _status_lines(status: SyncStatus) -> list[str]:
    return [
        _("Máy chủ: {url}").format(url=status.url or _("chưa đăng ký")),
        _("Chờ gửi: {p} · Trung tâm đã nhận: {a} · Cần xử lý: {r}").format(
            p=status.pending, a=status.accepted, r=status.needs_attention
        ),
        _("Lần đồng bộ thành công gần nhất: {t}").format(t=status.last_sync_ok_at or "—"),
    ]


def run_enrol(args: argparse.Namespace) -> int:
    """Enrol the desk."""
    with services_for(args) as services:
        status = services.sync.enrol(args.url, args.code, services.users.actor(args.user))
    if args.json:
        print_json(status)
    else:
        print_lines(_("Đã đăng ký bàn với máy chủ trung tâm."), *_status_lines(status))
    return 0


def run_once(args: argparse.Namespace) -> int:
    """One sync run; exit 2 when it could not finish."""
    with services_for(args) as services:
        report = services.sync.run_once()
        status = services.sync.status()
    if args.json:
        print_json({"report": report, "status": status})
    else:
        head = _("Đồng bộ xong: gửi {p}, trung tâm nhận {a}, từ chối {r}, nhận về {n} thay đổi.").format(
            p=report.pushed, a=report.acked, r=report.rejected, n=report.applied
        )
        print_lines(
            head if report.ok else _("Đồng bộ chưa xong: {e}").format(e=report.error), *_status_lines(status)
        )
    return 0 if report.ok else EXIT_REFUSED


def run_status(args: argparse.Namespace) -> int:
    """Show the sync status."""
    with services_for(args) as services:
        status = services.sync.status()
        items = services.sync.review_items()
    if args.json:
        print_json({**asdict(status), "review": items})
    else:
        print_lines(*_status_lines(status), *[f"- {i.reason}: {i.advice}" for i in items])
    return 0
