from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desk_app.core.calendar import OverrideKind
from desk_app.core.catalogue import Channel
from desk_app.core.clock import VN_TZ
from desk_app.core.dossier import Actor
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.time_limits import LimitUnit, TimeLimit
from desk_app.core.workflow import Role
from desk_app.services.changes import Changes
from desk_app.services.container import Services

ADMIN = Actor("admin", Role.ADMIN)


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 30) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def test_first_calendar_version_has_the_defaults(services: Services) -> None:
    rules = services.calendar.current_rules()
    assert rules.version == 1
    assert rules.cutoff == time(15, 0)
    assert rules.office_hours == ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))


def test_an_override_makes_a_new_version_and_old_versions_keep_their_answer(services: Services) -> None:
    limit = TimeLimit(LimitUnit.WORKING_DAYS, 1)
    before = services.due_dates.for_limit(at(2026, 11, 23, 10, 0), limit)
    assert before.due_at == at(2026, 11, 25, 10, 0)  # 24/11 is Culture Day in holidays 0.109
    rules, changes = services.calendar.set_override(
        date(2026, 11, 24), OverrideKind.WORKING_DAY, "Không có văn bản cho nghỉ", ADMIN
    )
    assert changes is Changes.CALENDAR
    assert rules.version == 2
    after = services.due_dates.for_limit(at(2026, 11, 23, 10, 0), limit)
    assert (after.due_at, after.calendar_version) == (at(2026, 11, 24, 10, 0), 2)
    old = services.calendar.calendar(1).due_date(at(2026, 11, 23, 10, 0), limit)
    assert old.due_at == before.due_at
    rules, _ = services.calendar.remove_override(date(2026, 11, 24), ADMIN)
    assert (rules.version, rules.overrides) == (3, ())


def test_override_needs_a_source_and_removal_needs_an_override(services: Services) -> None:
    with pytest.raises(InvalidInput, match="căn cứ"):
        services.calendar.set_override(date(2026, 12, 31), OverrideKind.DAY_OFF, "  ", ADMIN)
    with pytest.raises(NotFound):
        services.calendar.remove_override(date(2026, 12, 31), ADMIN)
    assert services.calendar.current_rules().version == 1


def test_office_hours_and_cutoff_change(services: Services) -> None:
    rules, _ = services.calendar.set_hours(
        ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))), time(16, 0), ADMIN
    )
    assert rules.version == 2
    due = services.due_dates.for_limit(at(2026, 11, 16, 15, 30), TimeLimit(LimitUnit.SAME_DAY, 0))
    assert due.due_at == at(2026, 11, 16, 17, 0)  # 15:30 is before the new 16:00 cut-off
    with pytest.raises(InvalidInput):
        services.calendar.set_hours(((time(17, 0), time(7, 0)),), None, ADMIN)


def test_due_date_of_a_procedure_uses_the_demo_override(services: Services) -> None:
    due = services.due_dates.for_procedure("1.001193", at(2026, 11, 16, 15, 30))
    assert due.limit == TimeLimit(LimitUnit.SAME_DAY, 0)
    assert due.due_at == at(2026, 11, 17, 17, 0)


def test_unknown_limit_asks_the_officer(services: Services) -> None:
    with pytest.raises(InvalidInput, match="chưa xác định được") as caught:
        services.due_dates.for_procedure("1.000110", at(2026, 11, 16))  # published as a bare "1"
    assert "nhập ngày hẹn trả" in caught.value.user_message
    due = services.due_dates.for_procedure("2.000908", at(2026, 11, 16), Channel.POSTAL)  # "1 Ngày làm việc"
    assert due.due_at == at(2026, 11, 17)


def test_override_of_a_procedure_records_who_and_why(services: Services) -> None:
    detail, changes = services.catalogue.set_override(
        "2.000908",
        actor=ADMIN,
        reason="Quyết định 12/QĐ-UBND",
        limit=TimeLimit(LimitUnit.WORKING_DAYS, 2),
        cutoff="none",
        fee_vnd=5000,
    )
    assert changes is Changes.CATALOGUE
    assert detail.override is not None
    assert (detail.override.set_by, detail.override.reason, detail.override.revision) == (
        "admin",
        "Quyết định 12/QĐ-UBND",
        1,
    )
    direct = {t.channel: t for t in detail.terms}["direct"]
    assert (direct.limit_spec, direct.limit_source, direct.cutoff, direct.fee_vnd) == (
        "2 working-days",
        "override",
        "none",
        5000,
    )
    due = services.due_dates.for_procedure("2.000908", at(2026, 11, 16, 16, 0))
    assert due.due_at == at(2026, 11, 18, 16, 0)  # no cut-off: counted from 16:00 itself
    detail, _ = services.catalogue.set_override("2.000908", actor=ADMIN, reason="Sửa lệ phí", fee_vnd=0)
    assert detail.override is not None
    assert (detail.override.revision, detail.override.limit_spec, detail.override.fee_vnd) == (
        2,
        "2 working-days",
        0,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": "", "fee_vnd": 1}, "lý do"),
        ({"reason": "x"}, "Chưa có nội dung"),
        ({"reason": "x", "cutoff": "3pm"}, "HH:MM"),
        ({"reason": "x", "fee_vnd": -5}, "không được âm"),
    ],
)
def test_bad_overrides_change_nothing(services: Services, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.catalogue.set_override("2.000908", actor=ADMIN, **kwargs)  # type: ignore[arg-type]
    assert services.catalogue.procedure("2.000908").override is None


def test_unknown_procedure(services: Services) -> None:
    with pytest.raises(NotFound, match="Không có thủ tục"):
        services.catalogue.procedure("9.999999")


def test_only_an_admin_changes_terms_and_the_calendar(services: Services) -> None:
    from desk_app.services.users import PermissionDenied

    officer = Actor("canbo1", Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.catalogue.set_override("2.000908", actor=officer, reason="x", fee_vnd=1000)
    with pytest.raises(PermissionDenied):
        services.calendar.set_override(date(2026, 12, 31), OverrideKind.DAY_OFF, "Thông báo", officer)
    assert services.calendar.current_rules().version == 1
