"""``desk-app``: the GUI by default (once it lands), subcommands for administrators."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app import __version__, paths
from desk_app.cli.parser import EXIT_REFUSED, VietnameseArgumentParser
from desk_app.core.errors import DomainError
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from desk_app.ui.splash import EarlyStart

log = logging.getLogger("desk_app.cli")


def _db_default() -> Path:
    env = os.environ.get("DESK_APP_DB")
    return Path(env) if env else paths.default_database_path()


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; ``--db`` works before or after the subcommand."""
    # Imported here, not at the top: they pull SQLAlchemy and the services in, which the GUI loads
    # behind its first window (main() below).
    from desk_app.cli import (
        catalogue_cmd,
        dossier_cmd,
        print_cmd,
        report_cmd,
        rules_cmd,
        setup_cmd,
        sync_cmd,
    )

    parser = VietnameseArgumentParser(
        prog="desk-app", description=_("One-Stop Desk — bàn tiếp nhận và trả kết quả")
    )
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help=_("tệp cơ sở dữ liệu (mặc định trong thư mục dữ liệu của người dùng)"),
    )
    # Subcommands accept --db too, without overriding a value given before them.
    parent = VietnameseArgumentParser(add_help=False)
    parent.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH", help=argparse.SUPPRESS)
    parent.add_argument("--user", default=argparse.SUPPRESS, metavar="USERNAME", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseArgumentParser)
    setup_cmd.add_commands(sub, parent)
    catalogue_cmd.add_commands(sub, parent)
    rules_cmd.add_commands(sub, parent)
    dossier_cmd.add_commands(sub, parent)
    report_cmd.add_commands(sub, parent)
    print_cmd.add_commands(sub, parent)
    sync_cmd.add_commands(sub, parent)
    parser.add_argument(
        "--user",
        default=None,
        metavar="USERNAME",
        help=_("cán bộ thực hiện (mặc định: biến DESK_APP_USER, hoặc canbo1 của dữ liệu mẫu)"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("tự kiểm tra bản cài đặt (cơ sở dữ liệu tạm, in thử giấy hẹn, phông chữ) rồi thoát"),
    )
    parser.add_argument(
        "--safe-mode",
        action="store_true",
        help=_("vẽ giao diện bằng phần mềm (máy cũ, máy điều khiển từ xa); như DESK_APP_SAFE_MODE=1"),
    )
    parser.add_argument("--bench-startup", default=None, metavar="USERNAME", help=argparse.SUPPRESS)
    parser.set_defaults(handler=setup_cmd.run_default)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; refusals print a Vietnamese message and return 2."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    early = _early_gui(sys.argv[1:]) if argv is None else None
    if isinstance(early, int):
        return early  # the desk already runs on this data folder: its window was brought forward
    parser = build_parser() if early is None else early.keep_responsive(build_parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    args.early = early
    if args.db is None:
        args.db = _db_default()
    if args.user is None:
        args.user = os.environ.get("DESK_APP_USER", "canbo1")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except DomainError as exc:
        sys.stderr.write(_("Lỗi: {message}").format(message=exc.user_message) + "\n")
        return EXIT_REFUSED


def _early_gui(argv: list[str]) -> EarlyStart | int | None:
    """The login on screen before the heavy imports, when ``argv`` starts the GUI (a real launch only).

    None when ``argv`` asks for something else or PySide6 is missing; exit code 0 when another instance
    owns the data folder (its window was brought forward).
    """
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--db", type=Path, default=None)
    probe.add_argument("--user", default=None)
    probe.add_argument("--bench-startup", default=None)
    probe.add_argument("--safe-mode", action="store_true")
    try:
        known, rest = probe.parse_known_args(argv)
    except SystemExit:
        return None  # the real parser reports the mistake
    if rest:
        return None  # a subcommand, --help, --version, --self-test …
    try:
        from desk_app.ui.splash import early_start
    except ImportError:
        return None  # no PySide6: the default command says so
    early = early_start(known.db or _db_default(), safe_mode=known.safe_mode)
    return 0 if early is None else early
