"""``desk-app init`` and the default command (until the GUI lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.output import print_lines
from desk_app.cli.parser import EXIT_REFUSED
from desk_app.i18n import _

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser
    from desk_app.services.container import Services
    from desk_app.services.dto import DeskSummary, ImportSummary


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register ``init``."""
    init = sub.add_parser("init", parents=[parent], help=_("khởi tạo cơ sở dữ liệu của bàn"))
    init.add_argument(
        "--demo",
        action="store_true",
        help=_("dùng dữ liệu mẫu (đơn vị mẫu và khe 1, trừ khi ghi rõ --unit, --slot)"),
    )
    init.add_argument("--unit", metavar="UNIT_CODE", help=_("mã định danh đơn vị, ví dụ 000.17.22.H56"))
    init.add_argument("--slot", type=int, help=_("khe mã của bàn (1–9)"))
    init.set_defaults(handler=run_init)


def _report(desk: DeskSummary, imported: ImportSummary | None) -> None:
    lines = [
        _("Cơ sở dữ liệu: {path}").format(path=desk.database),
        _("Đơn vị: {unit} {name} — khe mã {slot}").format(
            unit=desk.unit_code, name=desk.unit_name, slot=desk.code_slot
        ),
    ]
    if imported is not None:
        lines.append(
            _("Danh mục: {n} thủ tục (từ {source}).").format(
                n=imported.total_procedures, source=imported.source_name
            )
        )
    else:
        lines.append(_("Bàn đã được khởi tạo trước đó; không có gì thay đổi."))
    print_lines(*lines)


def run_init(args: argparse.Namespace) -> int:
    """Create (or confirm) the desk database."""
    with services_for(args) as services:
        if args.demo:
            desk, imported = services.desk.initialise_demo(args.unit, args.slot)
        else:
            if not args.unit or args.slot is None:
                from desk_app.core.errors import InvalidInput

                raise InvalidInput(_("Cần --unit UNIT_CODE và --slot N (hoặc --demo)."))
            desk, imported = services.desk.initialise(args.unit, args.slot)
        _report(desk, imported)
    return 0


def run_default(args: argparse.Namespace) -> int:
    """No subcommand: the GUI (a demo database is created when none exists); or the self-test."""
    if args.self_test:
        from desk_app.ui.self_test import run_self_test

        return run_self_test()
    with services_for(args) as services:
        if not services.desk.is_initialised():
            desk, imported = services.desk.initialise_demo()
            _report(desk, imported)
        return start_gui(args, services)


def start_gui(args: argparse.Namespace, services: Services) -> int:
    """Import the GUI lazily: every other command runs where PySide6 is not installed."""
    try:
        from desk_app.ui.app import run_gui
    except ImportError:
        print_lines(
            _(
                "Chưa cài PySide6 nên không mở được giao diện; "
                "các lệnh quản trị vẫn dùng được (desk-app --help)."
            )
        )
        return EXIT_REFUSED
    early = getattr(args, "early", None)  # the login already on screen (cli.main)
    return run_gui(services, safe_mode=args.safe_mode, bench_user=args.bench_startup, early=early)
