"""Sync problems in the officer's words: the stored reasons and send errors are identifiers."""

from __future__ import annotations

import re

from desk_app.core.events import RejectReason, ReviewReason
from desk_app.i18n import N_, _

_TITLES: dict[str, str] = {
    RejectReason.CODE_CONFLICT: N_("Trùng mã hồ sơ trên trung tâm"),
    RejectReason.DUPLICATE_DOSSIER: N_("Hồ sơ đã có trên trung tâm"),
    RejectReason.INVALID_TRANSITION: N_("Thao tác không hợp lệ với trạng thái trên trung tâm"),
    RejectReason.STATUS_MISMATCH: N_("Trạng thái khác với trung tâm"),
    RejectReason.BLOCKED_BY_PRIOR: N_("Chờ xử lý thao tác trước bị từ chối"),
    RejectReason.WRONG_UNIT: N_("Hồ sơ không thuộc đơn vị"),
    RejectReason.UNKNOWN_DOSSIER: N_("Trung tâm chưa có hồ sơ này"),
    ReviewReason.TAIL_LOSS: N_("Dữ liệu của bàn bị mất phần cuối"),
    ReviewReason.DEPARTMENT_STEP_NOT_APPLICABLE: N_("Cập nhật của bộ phận không khớp"),
    ReviewReason.LOST_ON_CENTRAL: N_("Trung tâm không còn giữ một bước"),
}
_OTHER_REFUSAL = N_("Trung tâm từ chối sự kiện")
_OTHER_REVIEW = N_("Bàn cần đối chiếu")
# A stored send error is an exception's class name (ConnectError, ReadTimeout …).
_ERROR_NAME = re.compile(r"^[A-Z][A-Za-z]*(Error|Exception|Timeout)\b")


def problem_title(reason: str) -> str:
    """The short name of a review item's reason."""
    title = _TITLES.get(reason)
    if title is not None:
        return _(title)
    refusals = {r.value for r in RejectReason}
    return _(_OTHER_REFUSAL) if reason in refusals else _(_OTHER_REVIEW)


def outbox_detail(detail: str) -> str:
    """An outbox row's detail: a reason by its name, a send error as what it means for the officer."""
    if not detail:
        return ""
    if detail in {r.value for r in RejectReason} | {r.value for r in ReviewReason}:
        return problem_title(detail)
    if _ERROR_NAME.match(detail):
        return _("Lần gửi trước chưa được (mạng hoặc máy chủ); dữ liệu an toàn, sẽ gửi lại.")
    return detail
