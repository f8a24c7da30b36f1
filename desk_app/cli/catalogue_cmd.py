"""``desk-app catalogue import|search|show|override``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.catalogue_text import reading_label, terms_line
from desk_app.cli.context import services_for
from desk_app.cli.output import print_json, print_lines
from desk_app.core.time_limits import parse_limit_spec
from desk_app.i18n import _

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register the ``catalogue`` group."""
    group = sub.add_parser("catalogue", parents=[parent], help=_("danh mục thủ tục hành chính"))
    actions = group.add_subparsers(dest="catalogue_command", required=True, metavar="LỆNH")
    imp = actions.add_parser("import", parents=[parent], help=_("nhập danh mục (.xlsx của Cổng, .json)"))
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    imp.set_defaults(handler=run_import)
    search = actions.add_parser("search", parents=[parent], help=_("tìm thủ tục theo mã, tên, lĩnh vực"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    search.set_defaults(handler=run_search)
    show = actions.add_parser("show", parents=[parent], help=_("xem một thủ tục"))
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    override = actions.add_parser(
        "override", parents=[parent], help=_("đặt thời hạn, giờ chốt, lệ phí riêng của đơn vị")
    )
    override.add_argument("code", metavar="CODE")
    override.add_argument(
        "--limit", help=_("“N working-days”, “N calendar-days”, “N working-hours”, “same-day”")
    )
    override.add_argument("--cutoff", help=_("giờ chốt HH:MM, hoặc “none”"))
    override.add_argument("--fee", type=int, help=_("lệ phí (đồng)"))
    override.add_argument("--reason", required=True, help=_("căn cứ, lý do"))
    override.set_defaults(handler=run_override)


def run_import(args: argparse.Namespace) -> int:
    """Import one catalogue file."""
    with services_for(args) as services:
        summary = services.catalogue_import.import_file(args.file, actor=args.user)
    if args.json:
        print_json(summary)
    else:
        print_lines(
            _(
                "Đã nhập {records} thủ tục từ {source}: {new} thủ tục mới, {versions} phiên bản mới, "
                "{same} không đổi; danh mục có {total} thủ tục. {ambiguous} thành phần chưa đọc được chắc "
                "chắn (cán bộ sẽ được hỏi khi tiếp nhận)."
            ).format(
                ambiguous=summary.ambiguous_components,
                records=summary.records,
                source=summary.source_name,
                new=summary.new_procedures,
                versions=summary.new_versions,
                same=summary.unchanged,
                total=summary.total_procedures,
            )
        )
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Search the catalogue."""
    with services_for(args) as services:
        hits = services.catalogue.search(args.text, limit=args.limit)
    if args.json:
        print_json(hits)
    elif not hits:
        print_lines(_("Không tìm thấy thủ tục nào."))
    else:
        print_lines(*(f"{h.code}\t{h.name}\t{h.field_name}" for h in hits))
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Show a procedure's current version."""
    with services_for(args) as services:
        detail = services.catalogue.procedure(args.code)
    if args.json:
        print_json(detail)
        return 0
    lines = [f"{detail.code} — {detail.name} ({_('phiên bản')} {detail.version})"]
    lines += [terms_line(t) for t in detail.terms]
    lines += [f"  {c.position}. [{reading_label(c)}] {c.name[:120]}" for c in detail.components]
    print_lines(*lines)
    return 0


def run_override(args: argparse.Namespace) -> int:
    """Set a local override of a procedure's terms."""
    with services_for(args) as services:
        limit = parse_limit_spec(args.limit) if args.limit else None
        detail, _changes = services.catalogue.set_override(
            args.code,
            actor=services.users.actor(args.user),
            reason=args.reason,
            limit=limit,
            cutoff=args.cutoff,
            fee_vnd=args.fee,
        )
    print_lines(
        _("Đã điều chỉnh thủ tục {code} (lần {n}).").format(
            code=detail.code, n=detail.override.revision if detail.override else 0
        )
    )
    return 0
