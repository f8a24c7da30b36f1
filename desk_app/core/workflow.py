"""The dossier state machine over the 10 national status codes (domain.md §4.4).

The transition table is data; guards return the reasons that block an
action (an empty list means allowed). Only services call :func:`apply`;
screens enable buttons from :func:`allowed_actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from desk_app.core.errors import DomainError
from desk_app.i18n import N_, _


class DossierStatus(IntEnum):
    """TrangThaiHoSo, the national status codes."""

    NEW = 1  # Mới đăng ký (online, not yet accepted)
    RECEIVED = 2  # Được tiếp nhận
    REFUSED = 3  # Không được tiếp nhận
    PROCESSING = 4  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    FEE_REQUESTED = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    FINISHED = 9  # Đã xử lý xong
    RETURNED = 10  # Đã trả kết quả

    @property
    def label(self) -> str:
        """The national name of the status, in the current language."""
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    DossierStatus.NEW: N_("Mới đăng ký"),
    DossierStatus.RECEIVED: N_("Được tiếp nhận"),
    DossierStatus.REFUSED: N_("Không được tiếp nhận"),
    DossierStatus.PROCESSING: N_("Đang xử lý"),
    DossierStatus.SUPPLEMENT_REQUESTED: N_("Yêu cầu bổ sung giấy tờ"),
    DossierStatus.FEE_REQUESTED: N_("Yêu cầu thực hiện nghĩa vụ tài chính"),
    DossierStatus.WITHDRAWN: N_("Công dân yêu cầu rút hồ sơ"),
    DossierStatus.STOPPED: N_("Dừng xử lý"),
    DossierStatus.FINISHED: N_("Đã xử lý xong"),
    DossierStatus.RETURNED: N_("Đã trả kết quả"),
}

TERMINAL = frozenset(
    {DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED}
)


class Action(StrEnum):
    """What can happen to a dossier."""

    RECEIVE = "receive"
    REQUEST_SUPPLEMENT = "request-supplement"
    RECEIVE_SUPPLEMENT = "receive-supplement"
    REFUSE = "refuse"
    TRANSFER = "transfer"
    RECEIVE_BACK = "receive-back"
    REQUEST_FEE = "request-fee"
    WITHDRAW = "withdraw"
    STOP = "stop"
    FINISH = "finish"
    RETURN_RESULT = "return"
    RESCHEDULE = "reschedule"


class Role(StrEnum):
    """Officer roles, from least to most powerful."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    def at_least(self, other: Role) -> bool:
        """True when this role includes the powers of ``other``."""
        order = [Role.OFFICER, Role.SUPERVISOR, Role.ADMIN]
        return order.index(self) >= order.index(other)

    @property
    def label(self) -> str:
        """The role as the officer reads it."""
        return _(ROLE_TITLES[self])


ROLE_TITLES = {Role.OFFICER: N_("Cán bộ"), Role.SUPERVISOR: N_("Trưởng bộ phận"), Role.ADMIN: N_("Quản trị")}


S = DossierStatus
A = Action
NO_DOSSIER = None  # the state before reception

_OPEN_AFTER_RECEPTION = (S.RECEIVED, S.PROCESSING, S.FEE_REQUESTED)
TRANSITIONS: Mapping[tuple[DossierStatus | None, Action], DossierStatus] = {
    (NO_DOSSIER, A.RECEIVE): S.RECEIVED,
    (NO_DOSSIER, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (NO_DOSSIER, A.REFUSE): S.REFUSED,
    (S.NEW, A.RECEIVE): S.RECEIVED,
    (S.NEW, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.NEW, A.REFUSE): S.REFUSED,
    (S.SUPPLEMENT_REQUESTED, A.RECEIVE_SUPPLEMENT): S.RECEIVED,
    (S.SUPPLEMENT_REQUESTED, A.REFUSE): S.REFUSED,
    (S.SUPPLEMENT_REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.SUPPLEMENT_REQUESTED, A.STOP): S.STOPPED,
    (S.RECEIVED, A.TRANSFER): S.PROCESSING,
    (S.PROCESSING, A.TRANSFER): S.PROCESSING,  # between departments
    (S.FEE_REQUESTED, A.TRANSFER): S.PROCESSING,  # fee paid, back to the department
    (S.PROCESSING, A.RECEIVE_BACK): S.PROCESSING,  # the paper is back at the desk
    (S.PROCESSING, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.RECEIVED, A.REQUEST_FEE): S.FEE_REQUESTED,
    (S.PROCESSING, A.REQUEST_FEE): S.FEE_REQUESTED,
    **{(s, A.WITHDRAW): S.WITHDRAWN for s in _OPEN_AFTER_RECEPTION},
    **{(s, A.STOP): S.STOPPED for s in _OPEN_AFTER_RECEPTION},
    **{(s, A.FINISH): S.FINISHED for s in _OPEN_AFTER_RECEPTION},
    **{(s, A.RESCHEDULE): s for s in _OPEN_AFTER_RECEPTION},
    (S.FINISHED, A.RETURN_RESULT): S.RETURNED,
}


@dataclass(frozen=True, slots=True)
class GuardContext:
    """What the guards look at, built by the service from value objects."""

    role: Role = Role.OFFICER
    missing_items: int = 0
    supplement_requests: int = 0
    reschedules: int = 0
    reason: str = ""
    new_due_later: bool = False
    collector_named: bool = False
    department_named: bool = False
    at_department: bool = True  # the paper is with a resolving department, not at the desk


Guard = Callable[[GuardContext], list[str]]


def _needs_reason(ctx: GuardContext) -> list[str]:
    return [] if ctx.reason.strip() else [_("Cần ghi rõ lý do.")]


def _receive(ctx: GuardContext) -> list[str]:
    if ctx.missing_items:
        return [_("Hồ sơ còn thiếu {n} giấy tờ theo danh mục công bố.").format(n=ctx.missing_items)]
    return []


def _request_supplement(ctx: GuardContext) -> list[str]:
    if ctx.supplement_requests == 0:
        return []
    # The one-time rule (ND 61/2018 Art. 15(3)): a second request is an exception.
    reasons = []
    if not ctx.reason.strip():
        reasons.append(_("Hồ sơ đã được yêu cầu bổ sung một lần: lần tiếp theo phải ghi rõ lý do."))
    if not ctx.role.at_least(Role.SUPERVISOR):
        reasons.append(
            _("Hồ sơ đã được yêu cầu bổ sung một lần: lần tiếp theo phải do lãnh đạo bộ phận duyệt.")
        )
    return reasons


def _reschedule(ctx: GuardContext) -> list[str]:
    reasons = _needs_reason(ctx)
    if ctx.reschedules:
        reasons.append(_("Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại một lần (ND 61/2018 Điều 19(9))."))
    if not ctx.new_due_later:
        reasons.append(_("Ngày hẹn mới phải sau ngày hẹn cũ."))
    return reasons


def _transfer(ctx: GuardContext) -> list[str]:
    return [] if ctx.department_named else [_("Cần chọn cơ quan, bộ phận nhận hồ sơ.")]


def _receive_back(ctx: GuardContext) -> list[str]:
    return [] if ctx.at_department else [_("Hồ sơ đang ở Bộ phận Một cửa, không ở bộ phận giải quyết.")]


def _return(ctx: GuardContext) -> list[str]:
    return [] if ctx.collector_named else [_("Cần ghi họ tên người nhận kết quả.")]


def _nothing(_ctx: GuardContext) -> list[str]:
    return []


GUARDS: Mapping[Action, Guard] = {
    A.RECEIVE: _receive,
    A.REQUEST_SUPPLEMENT: _request_supplement,
    A.RECEIVE_SUPPLEMENT: _receive,
    A.REFUSE: _needs_reason,
    A.TRANSFER: _transfer,
    A.RECEIVE_BACK: _receive_back,
    A.REQUEST_FEE: _nothing,
    A.WITHDRAW: _needs_reason,
    A.STOP: _needs_reason,
    A.FINISH: _nothing,
    A.RETURN_RESULT: _return,
    A.RESCHEDULE: _reschedule,
}


class IllegalTransition(DomainError):
    """An action that the status or a guard does not allow; the message joins the reasons."""

    def __init__(self, status: DossierStatus | None, action: Action, reasons: list[str]) -> None:
        self.status = status
        self.action = action
        self.reasons = reasons
        super().__init__(" ".join(reasons))


def blocking_reasons(status: DossierStatus | None, action: Action, ctx: GuardContext) -> list[str]:
    """Why ``action`` cannot be done now (empty when it can)."""
    if (status, action) not in TRANSITIONS:
        where = status.label if status is not None else _("chưa tiếp nhận")
        return [
            _("Không thể thực hiện “{action}” khi hồ sơ ở trạng thái “{status}”.").format(
                action=_(ACTION_LABELS[action]), status=where
            )
        ]
    return GUARDS[action](ctx)


def allowed_actions(status: DossierStatus | None, ctx: GuardContext) -> frozenset[Action]:
    """Every action the status and the guards allow now."""
    return frozenset(a for a in Action if not blocking_reasons(status, a, ctx))


def apply(status: DossierStatus | None, action: Action, ctx: GuardContext) -> DossierStatus:
    """The status after ``action``; raises IllegalTransition with the reasons."""
    reasons = blocking_reasons(status, action, ctx)
    if reasons:
        raise IllegalTransition(status, action, reasons)
    return TRANSITIONS[(status, action)]


def replay(actions: list[Action]) -> DossierStatus | None:
    """The status a journal of actions leads to (guards were checked when they happened)."""
    status: DossierStatus | None = NO_DOSSIER
    for action in actions:
        status = TRANSITIONS[(status, action)]
    return status


ACTION_LABELS = {
    A.RECEIVE: N_("Tiếp nhận"),
    A.REQUEST_SUPPLEMENT: N_("Yêu cầu bổ sung"),
    A.RECEIVE_SUPPLEMENT: N_("Nhận bổ sung"),
    A.REFUSE: N_("Từ chối"),
    A.TRANSFER: N_("Chuyển xử lý"),
    A.RECEIVE_BACK: N_("Nhận lại từ bộ phận"),
    A.REQUEST_FEE: N_("Yêu cầu nộp phí"),
    A.WITHDRAW: N_("Rút hồ sơ"),
    A.STOP: N_("Dừng xử lý"),
    A.FINISH: N_("Có kết quả"),
    A.RETURN_RESULT: N_("Trả kết quả"),
    A.RESCHEDULE: N_("Hẹn lại"),
}
