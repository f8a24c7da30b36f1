"""Reading a reception draft from the JSON the ``receive`` command takes."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app.core.catalogue import Channel
from desk_app.core.checklist import ChecklistAnswer
from desk_app.core.clock import VN_TZ
from desk_app.core.dossier import Applicant, ApplicantKind, ReceptionDraft
from desk_app.core.errors import InvalidInput
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

COMPLETE = "complete"


def parse_moment(text: str, label: str) -> datetime:
    """``YYYY-MM-DD HH:MM`` (or ISO-8601) as a moment in UTC+7; raises InvalidInput."""
    value = text.strip()
    for parse in (lambda v: datetime.strptime(v, "%Y-%m-%d %H:%M"), datetime.fromisoformat):
        try:
            moment = parse(value)
        except ValueError:
            continue
        return moment.replace(tzinfo=VN_TZ) if moment.tzinfo is None else moment.astimezone(VN_TZ)
    raise InvalidInput(
        _("{label} “{text}” phải có dạng “YYYY-MM-DD HH:MM”, ví dụ “2026-11-20 09:30”.").format(
            label=label, text=text
        )
    )


def load_json(path: Path) -> Any:
    """The parsed JSON of a file; a clear error otherwise."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(_("Không tìm thấy tệp “{path}”.").format(path=path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            _("Tệp “{path}” không phải JSON hợp lệ ({error}).").format(path=path, error=exc)
        ) from None


def parse_answers(raw: Any) -> tuple[ChecklistAnswer, ...] | None:
    """``"complete"`` → None (complete as published); a list of ``{"item", "originals", "copies"}``."""
    if raw is None or raw == COMPLETE:
        return None
    if not isinstance(raw, list):
        raise InvalidInput(_("“checklist” phải là “complete” hoặc một danh sách các thành phần."))
    answers = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("item"), int):
            raise InvalidInput(_("Mỗi dòng của “checklist” cần “item” là số thứ tự trong danh mục công bố."))
        for key in ("originals", "copies"):
            if not isinstance(entry.get(key, 0), int):
                raise InvalidInput(_("“{key}” phải là số nguyên.").format(key=key))
        if not isinstance(entry.get("substitute", 0), int):
            raise InvalidInput(_("“substitute” phải là số thứ tự của giấy tờ thay thế (1, 2…)."))
        answers.append(
            ChecklistAnswer(
                entry["item"],
                entry.get("originals", 0),
                entry.get("copies", 0),
                bool(entry.get("shown", False)),
                bool(entry.get("applies", True)),
                entry.get("substitute", 0),
            )
        )
    return tuple(answers)


def parse_cases(raw: Any) -> tuple[int, ...]:
    """``"cases"``: the component numbers of the situations that apply (and the chosen alternatives)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in raw):
        raise InvalidInput(_("“cases” phải là danh sách số thứ tự thành phần, ví dụ [2, 7]."))
    return tuple(raw)


def parse_draft(
    data: Any, complete_answers: Callable[[str, Channel, tuple[int, ...]], list[ChecklistAnswer]]
) -> ReceptionDraft:
    """The draft of a ``receive --json`` file.

    ``complete_answers(code, channel, cases)`` fills a "complete" checklist (one definition with the
    services and the GUI: core/checklist.py).
    """
    if not isinstance(data, dict):
        raise InvalidInput(_("Tệp tiếp nhận phải là một đối tượng JSON."))
    code = data.get("procedure")
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput(_("Thiếu “procedure” (mã thủ tục)."))
    applicant = data.get("applicant")
    if not isinstance(applicant, dict):
        raise InvalidInput(_("Thiếu “applicant” (người nộp hồ sơ)."))
    try:
        channel = Channel(data.get("channel", "direct"))
    except ValueError:
        raise InvalidInput(_("“channel” phải là direct, postal hoặc online.")) from None
    try:
        kind = ApplicantKind(applicant.get("kind", "person"))
    except ValueError:
        raise InvalidInput(_("“applicant.kind” phải là person hoặc organisation.")) from None
    answers = parse_answers(data.get("checklist", COMPLETE))
    cases = parse_cases(data.get("cases"))
    if answers is not None and cases:
        marked = {a.position for a in answers}
        answers = answers + tuple(ChecklistAnswer(n, applies=True) for n in cases if n not in marked)
    bundles = data.get("bundles", 1)
    if not isinstance(bundles, int):
        raise InvalidInput(_("“bundles” phải là số nguyên."))

    returned = data.get("return", "desk")
    if returned not in ("desk", "post"):
        raise InvalidInput(_("“return” phải là desk (nhận tại bộ phận) hoặc post (qua bưu chính)."))

    def moment(key: str, label: str) -> datetime | None:
        value = data.get(key)
        return parse_moment(str(value), label) if value else None

    return ReceptionDraft(
        procedure_code=code.strip(),
        applicant=Applicant(
            name=str(applicant.get("name") or ""),
            kind=kind,
            id_number=str(applicant.get("id_number") or ""),
            phone=str(applicant.get("phone") or ""),
            email=str(applicant.get("email") or ""),
            address=str(applicant.get("address") or ""),
            from_card=bool(applicant.get("from_card", False)),
        ),
        answers=answers if answers is not None else tuple(complete_answers(code.strip(), channel, cases)),
        channel=channel,
        received_at=moment("received_at", _("Thời điểm nhận")),
        postal_handover_at=moment("postal_handover_at", _("Thời điểm ký biên bản giao nhận bưu chính")),
        due_at=moment("due_at", _("Ngày hẹn trả")),
        summary=str(data.get("summary") or ""),
        bundles=bundles,
        immediate_result=bool(data.get("immediate_result", False)),
        receipt_requested=bool(data.get("receipt", False)),
        return_by_post=returned == "post",
        return_address=str(data.get("return_address") or ""),
    )
