"""``desk-central``: run the server and administer it. Output is JSON on stdout; errors on stderr, exit 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from central.services.errors import CentralError
from desk_app.sync.protocol import DEPARTMENT_ACTIONS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from central.app import CentralServices

EXIT_REFUSED = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk-central", description="One-Stop Desk central server")
    parser.add_argument(
        "--db",
        default=os.environ.get("DESK_CENTRAL_DB"),
        metavar="URL",
        help="postgresql+psycopg://user@host:port/database (or DESK_CENTRAL_DB)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8400)
    admin = sub.add_parser("admin", help="units, enrolment codes, revocation").add_subparsers(
        dest="admin_command", required=True, metavar="ACTION"
    )
    unit = admin.add_parser("create-unit", help="register a unit")
    unit.add_argument("unit_code")
    unit.add_argument("name")
    code = admin.add_parser("enrol-code", help="a one-time enrolment code (24 h) for a desk slot")
    code.add_argument("unit_code")
    code.add_argument("slot", type=int)
    revoke = admin.add_parser("revoke", help="stop a desk's sync (its events stay)")
    revoke.add_argument("desk_id")
    publish = sub.add_parser("publish", help="publish a reference release")
    publish.add_argument("kind", choices=["catalogue", "calendar"])
    publish.add_argument("file", type=Path)
    dept = sub.add_parser("dept", help="department processing steps").add_subparsers(
        dest="dept_command", required=True, metavar="ACTION"
    )
    update = dept.add_parser("update", help="record a step of a dossier")
    update.add_argument("code")
    update.add_argument("action", choices=list(DEPARTMENT_ACTIONS))
    update.add_argument("--department", default="Bộ phận chuyên môn")
    update.add_argument("--note", default="")
    export = sub.add_parser("export", help="exports for other systems").add_subparsers(
        dest="export_command", required=True, metavar="FORMAT"
    )
    dvcqg = export.add_parser("dvcqg", help="the national portal's dossier records (DongBoHoSoMC)")
    dvcqg.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    dvcqg.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    dvcqg.add_argument("-o", "--output", type=Path)
    return parser


def _run(args: argparse.Namespace, services: CentralServices) -> Any:
    if args.command == "admin":
        if args.admin_command == "create-unit":
            return {"unit_code": services.admin.create_unit(args.unit_code, args.name)}
        if args.admin_command == "enrol-code":
            return {
                "unit_code": args.unit_code,
                "slot": args.slot,
                "code": services.admin.enrol_code(args.unit_code, args.slot),
            }
        return {"desk_id": args.desk_id, "revoked": services.admin.revoke(args.desk_id)}
    if args.command == "publish":
        try:
            body = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CentralError(400, "bad_file", f"cannot read {args.file}: {exc}") from None
        return services.releases.publish(args.kind, body)
    if args.command == "dept":
        return services.departments.update(args.code, args.action, args.department, args.note)
    records = services.export.dvcqg(args.start, args.end)
    if args.output:
        args.output.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        return {"records": len(records), "file": str(args.output)}
    return records


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command."""
    args = _parser().parse_args(argv)
    if not args.db:
        sys.stderr.write("desk-central: --db URL (or DESK_CENTRAL_DB) is required\n")
        return EXIT_REFUSED
    from central.app import build_central, create_app

    services = build_central(args.db)
    try:
        if args.command == "serve":
            import uvicorn

            uvicorn.run(
                create_app(services),
                host=args.host,
                port=args.port,
                log_level="warning",
                timeout_keep_alive=5,
            )
            return 0
        result = _run(args, services)
    except CentralError as exc:
        sys.stderr.write(f"desk-central: {exc.code}: {exc.message}\n")
        return EXIT_REFUSED
    finally:
        services.close()
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
