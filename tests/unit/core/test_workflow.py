from __future__ import annotations

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from desk_app.core.workflow import (
    NO_DOSSIER,
    TERMINAL,
    TRANSITIONS,
    Action,
    DossierStatus,
    GuardContext,
    IllegalTransition,
    Role,
    allowed_actions,
    apply,
    replay,
)

S, A = DossierStatus, Action
PERMISSIVE = GuardContext(
    role=Role.SUPERVISOR, reason="lý do", new_due_later=True, collector_named=True, department_named=True
)
STATES: list[DossierStatus | None] = [NO_DOSSIER, *DossierStatus]

EXPECTED = {
    (None, A.RECEIVE): S.RECEIVED,
    (None, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (None, A.REFUSE): S.REFUSED,
    (S.NEW, A.RECEIVE): S.RECEIVED,
    (S.NEW, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.NEW, A.REFUSE): S.REFUSED,
    (S.SUPPLEMENT_REQUESTED, A.RECEIVE_SUPPLEMENT): S.RECEIVED,
    (S.SUPPLEMENT_REQUESTED, A.REFUSE): S.REFUSED,
    (S.SUPPLEMENT_REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.SUPPLEMENT_REQUESTED, A.STOP): S.STOPPED,
    (S.RECEIVED, A.TRANSFER): S.PROCESSING,
    (S.PROCESSING, A.TRANSFER): S.PROCESSING,
    (S.FEE_REQUESTED, A.TRANSFER): S.PROCESSING,
    (S.PROCESSING, A.RECEIVE_BACK): S.PROCESSING,
    (S.PROCESSING, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,
    (S.RECEIVED, A.REQUEST_FEE): S.FEE_REQUESTED,
    (S.PROCESSING, A.REQUEST_FEE): S.FEE_REQUESTED,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.PROCESSING, A.WITHDRAW): S.WITHDRAWN,
    (S.FEE_REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.STOP): S.STOPPED,
    (S.PROCESSING, A.STOP): S.STOPPED,
    (S.FEE_REQUESTED, A.STOP): S.STOPPED,
    (S.RECEIVED, A.FINISH): S.FINISHED,
    (S.PROCESSING, A.FINISH): S.FINISHED,
    (S.FEE_REQUESTED, A.FINISH): S.FINISHED,
    (S.RECEIVED, A.RESCHEDULE): S.RECEIVED,
    (S.PROCESSING, A.RESCHEDULE): S.PROCESSING,
    (S.FEE_REQUESTED, A.RESCHEDULE): S.FEE_REQUESTED,
    (S.FINISHED, A.RETURN_RESULT): S.RETURNED,
}


def test_the_table_is_exactly_the_expected_one() -> None:
    assert dict(TRANSITIONS) == EXPECTED


@pytest.mark.parametrize(("state", "action"), [(s, a) for s in STATES for a in Action])
def test_every_pair(state: DossierStatus | None, action: Action) -> None:
    if (state, action) in EXPECTED:
        assert apply(state, action, PERMISSIVE) is EXPECTED[(state, action)]
        assert action in allowed_actions(state, PERMISSIVE)
    else:
        with pytest.raises(IllegalTransition, match="Không thể thực hiện"):
            apply(state, action, PERMISSIVE)
        assert action not in allowed_actions(state, PERMISSIVE)


@pytest.mark.parametrize("state", sorted(TERMINAL))
def test_terminal_states_have_no_way_out(state: DossierStatus) -> None:
    assert allowed_actions(state, PERMISSIVE) == frozenset()


@pytest.mark.parametrize(
    ("state", "action", "ctx", "reason"),
    [
        (None, A.RECEIVE, GuardContext(missing_items=2), "còn thiếu 2 giấy tờ"),
        (None, A.REFUSE, GuardContext(), "lý do"),
        (S.PROCESSING, A.REQUEST_SUPPLEMENT, GuardContext(supplement_requests=1, reason="x"), "lãnh đạo"),
        (
            S.PROCESSING,
            A.REQUEST_SUPPLEMENT,
            GuardContext(supplement_requests=1, role=Role.SUPERVISOR),
            "ghi rõ lý do",
        ),
        (S.PROCESSING, A.RESCHEDULE, GuardContext(reason="x", reschedules=1, new_due_later=True), "một lần"),
        (S.PROCESSING, A.RESCHEDULE, GuardContext(reason="x"), "sau ngày hẹn cũ"),
        (S.RECEIVED, A.TRANSFER, GuardContext(), "cơ quan"),
        (S.FINISHED, A.RETURN_RESULT, GuardContext(), "người nhận"),
        (S.RECEIVED, A.STOP, GuardContext(reason="  "), "lý do"),
    ],
)
def test_guards_say_why(state: DossierStatus | None, action: Action, ctx: GuardContext, reason: str) -> None:
    with pytest.raises(IllegalTransition, match=reason) as caught:
        apply(state, action, ctx)
    assert caught.value.reasons
    assert action not in allowed_actions(state, ctx)


def test_a_first_supplement_request_needs_no_approval() -> None:
    assert apply(S.PROCESSING, A.REQUEST_SUPPLEMENT, GuardContext()) is S.SUPPLEMENT_REQUESTED


def test_roles() -> None:
    assert Role.ADMIN.at_least(Role.SUPERVISOR)
    assert not Role.OFFICER.at_least(Role.SUPERVISOR)
    assert S.RETURNED.label == "Đã trả kết quả"


class DossierJournal(RuleBasedStateMachine):
    """Random action sequences never reach an undefined state; replaying the journal gives the status."""

    def __init__(self) -> None:
        super().__init__()
        self.status: DossierStatus | None = NO_DOSSIER
        self.journal: list[Action] = []

    @rule(
        action=st.sampled_from(list(Action)),
        missing=st.integers(0, 2),
        supplements=st.integers(0, 2),
        role=st.sampled_from(list(Role)),
        reason=st.sampled_from(["", "lý do"]),
    )
    def act(self, action: Action, missing: int, supplements: int, role: Role, reason: str) -> None:
        ctx = GuardContext(
            role=role,
            missing_items=missing,
            supplement_requests=supplements,
            reason=reason,
            new_due_later=True,
            collector_named=True,
            department_named=True,
        )
        try:
            new = apply(self.status, action, ctx)
        except IllegalTransition as exc:
            assert exc.reasons  # noqa: PT017 - a rule of the state machine, not a test
            return
        assert action in allowed_actions(self.status, ctx)
        self.status = new
        self.journal.append(action)

    @invariant()
    def defined_and_replayable(self) -> None:
        assert self.status is None or self.status in DossierStatus
        assert replay(self.journal) == self.status
        if self.status in TERMINAL:
            assert allowed_actions(self.status, PERMISSIVE) == frozenset()


TestDossierJournal = DossierJournal.TestCase
