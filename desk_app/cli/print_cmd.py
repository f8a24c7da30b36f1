"""``desk-app print DOCUMENT REF -o FILE.pdf`` and ``desk-app print register|bieu06 --from --to -o FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.output import print_lines
from desk_app.cli.report_cmd import parse_day
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _
from desk_app.services.documents import BATCH_DOCUMENT, DOSSIER_DOCUMENTS, PERIOD_DOCUMENTS

if TYPE_CHECKING:
    import argparse

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register ``print``."""
    command = sub.add_parser("print", parents=[parent], help=_("in giấy tờ ra tệp PDF (hoặc XLSX)"))
    command.add_argument(
        "document", metavar="DOCUMENT", choices=[*DOSSIER_DOCUMENTS, BATCH_DOCUMENT, *PERIOD_DOCUMENTS]
    )
    command.add_argument("ref", metavar="REF", nargs="?", help=_("mã hồ sơ, hoặc id in ra khi chưa có mã"))
    command.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    command.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    command.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    command.add_argument("--paper", choices=["A5", "A4", "A4-landscape"])
    command.set_defaults(handler=run_print)


def run_print(args: argparse.Namespace) -> int:
    """Render a document to a file (written only after the print was recorded)."""
    suffix = args.output.suffix.lower()
    with services_for(args) as services:
        if args.document == BATCH_DOCUMENT:
            if not args.ref or suffix != ".pdf":
                raise InvalidInput(
                    _("In phiếu bàn giao: desk-app print handover-batch BG-2026-0001 -o FILE.pdf")
                )
            content, note = services.printing.batch_pdf(args.ref), ""
        elif args.document in DOSSIER_DOCUMENTS:
            if not args.ref:
                raise InvalidInput(_("Cần mã hồ sơ (REF) để in {doc}.").format(doc=args.document))
            if suffix != ".pdf":
                raise InvalidInput(_("Giấy tờ của hồ sơ chỉ in ra tệp .pdf."))
            printed, _changes = services.printing.dossier_document(
                args.document, args.ref, services.users.actor(args.user), paper=args.paper
            )
            content, note = printed.pdf, _("lần in thứ {n}").format(n=printed.reprint)
        elif args.document == "day-close":
            if suffix != ".pdf":
                raise InvalidInput(_("Tổng kết cuối ngày chỉ in ra tệp .pdf."))
            day = parse_day(args.start) if args.start else services.clock.now().date()
            content, note = services.printing.day_close_pdf(day, services.users.actor(args.user)), ""
        else:
            if not args.start or not args.end:
                raise InvalidInput(_("Cần --from và --to để in {doc}.").format(doc=args.document))
            start, end = parse_day(args.start), parse_day(args.end)
            if suffix not in (".pdf", ".xlsx"):
                raise InvalidInput(_("Tệp ra phải là .pdf hoặc .xlsx."))
            makers = {
                ("register", ".pdf"): services.printing.register_pdf,
                ("register", ".xlsx"): services.printing.register_xlsx,
                ("bieu06", ".pdf"): services.printing.bieu06_pdf,
                ("bieu06", ".xlsx"): services.printing.bieu06_xlsx,
            }
            content, note = makers[(args.document, suffix)](start, end), ""
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(content)
    print_lines(
        _("Đã ghi {path} ({size} byte) {note}").format(path=args.output, size=len(content), note=note).strip()
    )
    return 0
