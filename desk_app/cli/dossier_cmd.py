"""``desk-app receive``, ``dossier show|act|search`` and ``handover``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli.context import services_for
from desk_app.cli.drafts import load_json, parse_answers, parse_draft, parse_moment
from desk_app.cli.output import print_json, print_lines
from desk_app.core.checklist import ChecklistAnswer, complete_answers
from desk_app.core.workflow import Action, DossierStatus
from desk_app.i18n import _
from desk_app.services.dossiers import ActionRequest
from desk_app.services.reception import LateEntry
from desk_app.services.reception_checklist import checklist_items
from desk_app.services.timefmt import iso

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from desk_app.cli.parser import Subcommands, VietnameseArgumentParser
    from desk_app.core.catalogue import Channel
    from desk_app.services.container import Services
    from desk_app.services.dto import DossierDetail


def add_commands(sub: Subcommands, parent: VietnameseArgumentParser) -> None:
    """Register the dossier commands."""
    receive = sub.add_parser("receive", parents=[parent], help=_("tiếp nhận một hồ sơ từ tệp JSON"))
    receive.add_argument("--json", dest="file", type=Path, required=True, metavar="FILE")
    receive.set_defaults(handler=run_receive)
    dossier = sub.add_parser("dossier", parents=[parent], help=_("xem và xử lý hồ sơ"))
    actions = dossier.add_subparsers(dest="dossier_command", required=True, metavar="LỆNH")
    show = actions.add_parser("show", parents=[parent], help=_("xem hồ sơ và dòng thời gian"))
    show.add_argument("ref", metavar="CODE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    search = actions.add_parser("search", parents=[parent], help=_("tìm hồ sơ theo mã, tên, số định danh"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)
    act = actions.add_parser("act", parents=[parent], help=_("thực hiện một thao tác trên hồ sơ"))
    act.add_argument("ref", metavar="CODE")
    act.add_argument("action", metavar="ACTION", choices=[a.value for a in Action if a is not Action.RECEIVE])
    act.add_argument("--reason", default="", help=_("lý do, nội dung"))
    act.add_argument("--department", default="", help=_("cơ quan, bộ phận giải quyết"))
    act.add_argument("--holder", default="", help=_("người, nơi đang giữ hồ sơ giấy"))
    act.add_argument("--collector", default="", help=_("họ tên người nhận kết quả"))
    act.add_argument("--collector-id", default="", help=_("số giấy tờ tùy thân người nhận"))
    act.add_argument("--proxy", action="store_true", help=_("người nhận thay (cần giấy ủy quyền)"))
    act.add_argument("--authorisation", default="", help=_("số, ngày giấy ủy quyền"))
    act.add_argument(
        "--method",
        choices=["desk", "post"],
        default="",
        help=_("cách trả kết quả (mặc định: như đã đăng ký khi tiếp nhận)"),
    )
    act.add_argument(
        "--new-due", metavar='"YYYY-MM-DD HH:MM"', help=_("ngày hẹn mới / ngày hẹn do cán bộ nhập")
    )
    act.add_argument("--items", default="", help=_("các thành phần phải bổ sung, ví dụ 1,3"))
    act.add_argument("--checklist", type=Path, help=_("tệp JSON các thành phần đã nhận (mặc định: đủ)"))
    act.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help=_("thời điểm thực hiện (mặc định: bây giờ)"))
    act.add_argument("--fee", type=int, help=_("số tiền phí, lệ phí (đồng)"))
    act.add_argument("--json", action="store_true")
    act.set_defaults(handler=run_act)
    handover = sub.add_parser("handover", parents=[parent], help=_("bàn giao một lô hồ sơ đã quét mã"))
    handover.add_argument("codes", nargs="+", metavar="CODE")
    handover.add_argument("--department", required=True)
    handover.add_argument("--back", action="store_true", help=_("nhận lại từ bộ phận giải quyết"))
    handover.add_argument("--json", action="store_true")
    handover.set_defaults(handler=run_handover)


def _complete_for(services: Services) -> Callable[[str, Channel, tuple[int, ...]], list[ChecklistAnswer]]:
    def complete(code: str, channel: Channel, cases: tuple[int, ...]) -> list[ChecklistAnswer]:
        return list(complete_answers(checklist_items(services.catalogue.procedure(code)), channel, cases))

    return complete


def run_receive(args: argparse.Namespace) -> int:
    """Receive one dossier described by a JSON file."""
    data = load_json(args.file)
    with services_for(args) as services:
        actor = services.users.actor(args.user)
        draft = parse_draft(data, _complete_for(services))
        refuse = str(data.get("reason") or "") if data.get("decision") == "refuse" else None
        late = data.get("late_entry")
        late_entry = None
        if isinstance(late, dict):
            late_entry = LateEntry(str(late.get("code") or ""), str(late.get("reason") or ""))
        outcome, _changes = services.reception.receive(
            draft, actor, refuse_reason=refuse, late_entry=late_entry
        )
    print_json(
        {
            "id": outcome.id,
            "outcome": outcome.outcome,
            "code": outcome.code,
            "status": outcome.status,
            "due_at": outcome.due_at,
            "missing": [
                {
                    "item": m.position,
                    "name": m.name,
                    "originals": m.originals_needed,
                    "copies": m.copies_needed,
                }
                for m in outcome.missing
            ],
        }
    )
    return 0


def _print_detail(detail: DossierDetail, as_json: bool) -> None:
    if as_json:
        print_json(detail)
        return
    s = detail.summary
    lines = [
        f"{s.code or s.id} — {s.procedure_name}",
        _("Người nộp: {name}").format(name=s.applicant_name),
        _("Trạng thái: {code} {label}").format(code=s.status, label=s.status_label),
        _("Hẹn trả: {due}").format(due=iso(s.due_at) if s.due_at else "—"),
        _("Đang giữ hồ sơ: {holder}").format(holder=s.holder),
        _("Dòng thời gian:"),
    ]
    for e in detail.events:
        to = DossierStatus(e.to_status).label
        lines.append(f"  {iso(e.occurred_at)}  {e.action:<19} → {to}  ({e.actor}) {e.note}".rstrip())
    lines.append(_("Có thể làm: {actions}").format(actions=", ".join(detail.allowed_actions) or "—"))
    print_lines(*lines)


def run_show(args: argparse.Namespace) -> int:
    """Show a dossier with its timeline."""
    with services_for(args) as services:
        detail = services.dossiers.show(args.ref, services.users.actor(args.user))
    _print_detail(detail, args.json)
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Find dossiers."""
    with services_for(args) as services:
        hits = services.dossiers.search(args.text)
    if args.json:
        print_json(hits)
    else:
        print_lines(
            *[
                f"{h.code or h.id}\t{h.status}\t{h.applicant_name}\t{iso(h.due_at) if h.due_at else ''}"
                for h in hits
            ]
            or [_("Không tìm thấy hồ sơ nào.")]
        )
    return 0


def run_act(args: argparse.Namespace) -> int:
    """Do one action on a dossier."""
    answers = parse_answers(load_json(args.checklist)) if args.checklist else None
    try:
        items = tuple(int(p) for p in args.items.replace(" ", "").split(",") if p)
    except ValueError:
        from desk_app.core.errors import InvalidInput

        raise InvalidInput(_("--items phải là các số thứ tự cách nhau bởi dấu phẩy, ví dụ 1,3.")) from None
    request = ActionRequest(
        action=Action(args.action),
        reason=args.reason,
        department=args.department,
        holder=args.holder,
        collector_name=args.collector,
        collector_id_number=args.collector_id,
        proxy=args.proxy,
        authorisation=args.authorisation,
        return_method=args.method,
        new_due_at=parse_moment(args.new_due, _("Ngày hẹn")) if args.new_due else None,
        answers=answers,
        missing_positions=items,
        occurred_at=parse_moment(args.at, _("Thời điểm")) if args.at else None,
        fee_vnd=args.fee,
    )
    with services_for(args) as services:
        detail, _changes = services.dossiers.act(args.ref, request, services.users.actor(args.user))
    _print_detail(detail, args.json)
    return 0


def run_handover(args: argparse.Namespace) -> int:
    """Hand a batch of dossiers over (or receive it back)."""
    with services_for(args) as services:
        batch, _changes = services.handover.hand_over(
            args.codes, args.department, services.users.actor(args.user), back=args.back
        )
    if args.json:
        print_json(batch)
    else:
        print_lines(
            _("Lô {label}: {n} hồ sơ — {dept}").format(
                label=batch.label, n=len(batch.codes), dept=batch.department
            ),
            *batch.codes,
        )
    return 0
