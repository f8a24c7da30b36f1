"""One dossier in every state the counter meets, built through the services (never through the tables).

The screens that show a dossier are walked with each of these: the acceptance tests of the counter screen
(every button alive, no identifier on screen) must see every status and the sub-states the desk tells
apart (at a department or back at the desk, rescheduled, overdue).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desk_app.core.calendar import OverrideKind
from desk_app.core.dossier import Actor
from desk_app.core.events import RejectReason
from desk_app.core.workflow import Action, Role
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from desk_app.sync.protocol import PushResult
from tests.ui.helpers import accepted, finished
from tests.unit.services.lifecycle import OFFICER, at, draft

DEPT = "Tư pháp - Hộ tịch"


def _ref(services: Services, **kwargs: object) -> str:
    outcome, _changes = services.reception.receive(draft(services, **kwargs), OFFICER)  # type: ignore[arg-type]
    return outcome.code or outcome.id


def _act(services: Services, code: str, *requests: ActionRequest) -> str:
    for request in requests:
        services.dossiers.act(code, request, OFFICER)
    return code


def _received(services: Services) -> str:
    return accepted(services)[0]


def _supplement(services: Services) -> str:
    return _ref(services, answers=())  # nothing handed in: a supplement request, no code yet


def _refused(services: Services) -> str:
    outcome, _changes = services.reception.receive(
        draft(services), OFFICER, refuse_reason="Không thuộc thẩm quyền giải quyết của xã"
    )
    return outcome.code or outcome.id


def _processing(services: Services) -> str:
    return _act(services, _received(services), ActionRequest(Action.TRANSFER, department=DEPT))


def _back_at_desk(services: Services) -> str:
    return _act(services, _processing(services), ActionRequest(Action.RECEIVE_BACK, department=DEPT))


def _fee(services: Services) -> str:
    request = ActionRequest(Action.REQUEST_FEE, reason="Lệ phí trích lục", fee_vnd=8_000)
    return _act(services, _received(services), request)


def _rescheduled(services: Services) -> str:
    code = _processing(services)
    due = services.dossiers.show(code, OFFICER).summary.due_at
    new_due = services.dossiers.suggested_new_due(due)
    return _act(services, code, ActionRequest(Action.RESCHEDULE, reason="Cần xác minh", new_due_at=new_due))


def _overdue(services: Services) -> str:
    return _ref(services, received_at=at(2026, 11, 16))  # due Monday 17:00; the desk's clock says Friday


def _returned(services: Services) -> str:
    request = ActionRequest(Action.RETURN_RESULT, collector_name="Trần Thị Bích Ngọc")
    return _act(services, finished(services), request)


def _withdrawn(services: Services) -> str:
    return _act(services, _received(services), ActionRequest(Action.WITHDRAW, reason="Công dân xin rút"))


def _stopped(services: Services) -> str:
    return _act(services, _received(services), ActionRequest(Action.STOP, reason="Giấy tờ giả mạo"))


# The national statuses the desk creates (NEW only arrives from the portal through central), plus the
# sub-states a screen shows differently. Each call makes a fresh dossier and returns its code (or id).
STATES: dict[str, Callable[[Services], str]] = {
    "received": _received,
    "supplement-requested": _supplement,
    "refused": _refused,
    "at-department": _processing,
    "back-at-desk": _back_at_desk,
    "fee-requested": _fee,
    "rescheduled": _rescheduled,
    "overdue": _overdue,
    "result-ready": finished,
    "returned": _returned,
    "withdrawn": _withdrawn,
    "stopped": _stopped,
}


def sync_trouble(services: Services) -> None:
    """What a sync leaves for the officer: an event central refused, one that failed to send."""
    store = services.sync.store
    first, second = store.pending(2)
    store.record_results(
        [PushResult(first.event_id, "rejected", None, RejectReason.CODE_CONFLICT)], "2026-11-20T02:31:00Z"
    )
    store.record_failure([second.event_id], "ConnectError")


def calendar_day(services: Services) -> None:
    """A day off from a notice, for the settings screen's list."""
    admin = Actor("quantri", Role.ADMIN)
    services.calendar.set_override(date(2026, 12, 31), OverrideKind.DAY_OFF, "Thông báo 12/TB-UBND", admin)
