"""The working-day calendar: versioned rules, overrides, and due dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from importlib.metadata import version as package_version
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desk_app.core.calendar import (
    DEFAULT_CUTOFF,
    DEFAULT_OFFICE_HOURS,
    CalendarOverride,
    CalendarRules,
    OverrideKind,
    WorkingCalendar,
)
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.text import clean
from desk_app.core.workflow import Role
from desk_app.i18n import _
from desk_app.models import CalendarOverrideRecord, CalendarVersionRecord
from desk_app.services.changes import Changes
from desk_app.services.timefmt import iso
from desk_app.services.uow import driver, reading, writing
from desk_app.services.users import require

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database

HOLIDAYS_LIBRARY = f"holidays {package_version('holidays')}"


def format_office_hours(sessions: tuple[tuple[time, time], ...]) -> str:
    """``07:30-11:30,13:30-17:00``."""
    return ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in sessions)


def parse_office_hours(text: str) -> tuple[tuple[time, time], ...]:
    """The inverse of :func:`format_office_hours`; raises InvalidInput."""
    try:
        sessions = []
        for piece in text.split(","):
            start, end = piece.strip().split("-")
            sessions.append((time.fromisoformat(start.strip()), time.fromisoformat(end.strip())))
    except ValueError:
        raise InvalidInput(
            _("Giờ làm việc “{text}” phải có dạng 07:30-11:30,13:30-17:00.").format(text=text)
        ) from None
    return tuple(sessions)


def _rules(record: CalendarVersionRecord) -> CalendarRules:
    return CalendarRules(
        version=record.version,
        office_hours=parse_office_hours(record.office_hours),
        cutoff=time.fromisoformat(record.cutoff) if record.cutoff else None,
        overrides=tuple(
            CalendarOverride(date.fromisoformat(o.day), OverrideKind(o.kind), o.note)
            for o in record.overrides
        ),
    )


class CalendarService:
    """Each change writes a new calendar version; old versions stay for old dossiers."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._calendars: dict[int, WorkingCalendar] = {}

    def ensure_initial(self, session: Session, actor: str) -> None:
        """Write version 1 (defaults, no overrides) if the database has none."""
        if session.scalar(select(func.count(CalendarVersionRecord.version))):
            return
        session.add(
            CalendarVersionRecord(
                version=1,
                office_hours=format_office_hours(DEFAULT_OFFICE_HOURS),
                cutoff=f"{DEFAULT_CUTOFF:%H:%M}",
                holidays_library=HOLIDAYS_LIBRARY,
                note=_("Lịch mặc định"),
                created_by=actor,
                created_at=iso(self._clock.now()),
            )
        )

    def _latest(self, session: Session) -> CalendarVersionRecord:
        record = session.scalar(
            select(CalendarVersionRecord).order_by(CalendarVersionRecord.version.desc()).limit(1)
        )
        if record is None:
            raise NotFound(_("Cơ sở dữ liệu chưa có lịch làm việc: hãy chạy “desk-app init”."))
        return record

    def current_rules(self) -> CalendarRules:
        """The rules in force now."""
        with reading(self._db) as uow:
            return _rules(self._latest(uow.session))

    def calendar(self, version: int | None = None) -> WorkingCalendar:
        """The calendar of ``version`` (the current one when None), cached."""
        with reading(self._db) as uow:
            return self.calendar_in(uow.session, version)

    def calendar_in(self, session: Session, version: int | None = None) -> WorkingCalendar:
        """:meth:`calendar` inside the caller's transaction."""
        if version is None:
            # Versions never change once written: the number alone says whether the cache holds it.
            version = driver(session).execute("SELECT max(version) FROM calendar_versions").fetchone()[0]
            if version is None:
                raise NotFound(_("Cơ sở dữ liệu chưa có lịch làm việc: hãy chạy “desk-app init”."))
        cached = self._calendars.get(version)
        if cached is None:
            found = session.get(CalendarVersionRecord, version)
            if found is None:
                raise NotFound(_("Không có phiên bản lịch {v}.").format(v=version))
            cached = WorkingCalendar(_rules(found))
            self._calendars[version] = cached
        return cached

    def _new_version(self, rules: CalendarRules, actor: Actor, note: str) -> tuple[CalendarRules, Changes]:
        require(actor, Role.ADMIN, _("Điều chỉnh lịch làm việc"))
        with writing(self._db) as uow:
            version = self.new_version_in(uow.session, rules, actor.username, note)
            uow.commit()
        return replace(rules, version=version), Changes.CALENDAR

    def new_version_in(self, session: Session, rules: CalendarRules, actor: str, note: str) -> int:
        """Write ``rules`` as the next calendar version in the caller's transaction (a central release)."""
        version = self._latest(session).version + 1
        record = CalendarVersionRecord(
            version=version,
            office_hours=format_office_hours(rules.office_hours),
            cutoff=f"{rules.cutoff:%H:%M}" if rules.cutoff else None,
            holidays_library=HOLIDAYS_LIBRARY,
            note=note,
            created_by=actor,
            created_at=iso(self._clock.now()),
        )
        record.overrides = [
            CalendarOverrideRecord(day=o.day.isoformat(), kind=o.kind.value, note=o.note)
            for o in sorted(rules.overrides, key=lambda o: o.day)
        ]
        session.add(record)
        return version

    def set_override(
        self, day: date, kind: OverrideKind, note: str, actor: Actor
    ) -> tuple[CalendarRules, Changes]:
        """Make ``day`` a day off or a working day (from a notice), as a new version."""
        note = clean(note)
        if not note:
            raise InvalidInput(_("Cần ghi căn cứ (số thông báo, công văn) cho ngày điều chỉnh."))
        rules = self.current_rules()
        others = tuple(o for o in rules.overrides if o.day != day)
        updated = replace(rules, overrides=(*others, CalendarOverride(day, kind, note)))
        return self._new_version(updated, actor, _("Điều chỉnh ngày {day}").format(day=f"{day:%d/%m/%Y}"))

    def remove_override(self, day: date, actor: Actor) -> tuple[CalendarRules, Changes]:
        """Drop the override of ``day``, as a new version."""
        rules = self.current_rules()
        others = tuple(o for o in rules.overrides if o.day != day)
        if len(others) == len(rules.overrides):
            raise NotFound(_("Ngày {day} không có điều chỉnh nào.").format(day=f"{day:%d/%m/%Y}"))
        return self._new_version(
            replace(rules, overrides=others),
            actor,
            _("Bỏ điều chỉnh ngày {day}").format(day=f"{day:%d/%m/%Y}"),
        )

    def set_hours(
        self, office_hours: tuple[tuple[time, time], ...], cutoff: time | None, actor: Actor
    ) -> tuple[CalendarRules, Changes]:
        """Change office hours and the default cut-off, as a new version."""
        rules = replace(self.current_rules(), office_hours=office_hours, cutoff=cutoff)
        return self._new_version(rules, actor, _("Đổi giờ làm việc"))

    def now(self) -> datetime:
        """The desk's current time (for callers that default to now)."""
        return self._clock.now()
