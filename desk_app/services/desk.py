"""Setting up a desk database: identity, first calendar, default catalogue, demo data."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from desk_app import paths
from desk_app.core.codes import validate_slot, validate_unit_code
from desk_app.core.dossier import Actor
from desk_app.core.errors import ConfigurationError
from desk_app.core.time_limits import parse_limit_spec
from desk_app.core.workflow import Role
from desk_app.i18n import _
from desk_app.models import ClockStateRecord, DeskCounterRecord, DeskIdentityRecord
from desk_app.models.migrate import current_revision
from desk_app.services.dto import DeskSummary, ImportSummary
from desk_app.services.settings import (
    HEAD_NAME,
    HEAD_TITLE,
    RESOLVER_AGENCY,
    RESOLVER_NAME,
    RESOLVER_TITLE,
    TRACKING_URL,
    UNIT_NAME,
    UNIT_PARENT,
    UNIT_PHONE,
    UNIT_PLACE,
    SettingsService,
)
from desk_app.services.timefmt import iso
from desk_app.services.uow import reading, writing

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.core.clock import Clock
    from desk_app.models.db import Database
    from desk_app.services.calendar import CalendarService
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.catalogue_import import CatalogueImportService
    from desk_app.services.users import UserService

DEFAULT_CATALOGUE = "commune-catalogue.json"
DEMO_UNIT_CODE = "000.00.19.H57"
DEMO_UNIT_NAME = "Trung tâm Phục vụ hành chính công xã Phú Mỹ (dữ liệu mẫu)"
DEMO_PLACE = "Phú Mỹ"
DEMO_PARENT = "Ủy ban nhân dân xã Phú Mỹ"
DEMO_SLOT = 1
# The demo unit's contact and signers, as a unit's administrator would set them.
DEMO_TEXTS = (
    (UNIT_PHONE, "0297 3 851 234"),
    (HEAD_TITLE, "GIÁM ĐỐC"),
    (HEAD_NAME, "Nguyễn Văn Minh"),
    (RESOLVER_AGENCY, "Ủy ban nhân dân xã Phú Mỹ"),
    (RESOLVER_TITLE, "TM. ỦY BAN NHÂN DÂN; CHỦ TỊCH"),
    (RESOLVER_NAME, "Trần Thị Hồng"),
    (TRACKING_URL, "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"),
)
SYSTEM_ACTOR = "system"

# Commune procedures whose published limit is a bare number: the demo desk sets
# the limits domain.md §7 gives, each with its legal basis, as an administrator would.
DEMO_LIMITS = (
    (
        "1.001193",
        "same-day",
        "Luật Hộ tịch 2014 Điều 16; DVCQG: trong ngày, sau 15 giờ trả ngày làm việc tiếp theo",
    ),
    ("1.000894", "5 working-days", "Luật Hộ tịch 2014 Điều 18(2): tối đa 05 ngày làm việc nếu cần xác minh"),
    ("1.000656", "same-day", "Luật Hộ tịch 2014 Điều 34: ngay sau khi nhận đủ giấy tờ"),
    ("1.004873", "3 working-days", "03 ngày làm việc (trang DVC An Giang, domain.md §7.3)"),
    (
        "2.000815",
        "same-day",
        "Nghị định 23/2015/NĐ-CP Điều 7: trong ngày, sau 15 giờ trả ngày làm việc tiếp theo",
    ),
    (
        "2.000884",
        "same-day",
        "Nghị định 23/2015/NĐ-CP Điều 7: trong ngày, sau 15 giờ trả ngày làm việc tiếp theo",
    ),
)


DEMO_PASSWORD = "demo1234"
DEMO_USERS = (
    ("admin", "Quản trị hệ thống", Role.ADMIN),
    ("truongbp", "Trưởng bộ phận (mẫu)", Role.SUPERVISOR),
    ("canbo1", "Cán bộ tiếp nhận (mẫu)", Role.OFFICER),
)
DEMO_ADMIN = Actor("admin", Role.ADMIN)


def default_catalogue_path() -> Path:
    """The commune catalogue shipped with the app."""
    return paths.resources_dir() / "catalogue" / DEFAULT_CATALOGUE


class DeskService:
    """Initialises the database and reports the desk's identity."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        db_path: Path,
        calendar: CalendarService,
        catalogue: CatalogueService,
        importer: CatalogueImportService,
        settings: SettingsService,
        users: UserService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._db_path = db_path
        self._calendar = calendar
        self._catalogue = catalogue
        self._importer = importer
        self._settings = settings
        self._users = users

    def is_initialised(self) -> bool:
        """True once ``init`` has written the desk identity."""
        with reading(self._db) as uow:
            return uow.session.get(DeskIdentityRecord, 1) is not None

    def identity(self) -> DeskSummary:
        """The unit and slot this desk issues codes for."""
        with reading(self._db) as uow:
            record = uow.session.get(DeskIdentityRecord, 1)
            if record is None:
                raise ConfigurationError(_("Bàn chưa được khởi tạo: hãy chạy “desk-app init”."))
            return self._summary(record)

    def _summary(self, record: DeskIdentityRecord) -> DeskSummary:
        return DeskSummary(
            record.desk_id,
            record.unit_code,
            record.unit_name,
            record.code_slot,
            str(self._db_path),
            current_revision(self._db_path) or "",
        )

    def initialise(
        self,
        unit_code: str,
        slot: int,
        *,
        unit_name: str = "",
        place: str = "",
        parent: str = "",
        demo: bool = False,
        actor: str = SYSTEM_ACTOR,
    ) -> tuple[DeskSummary, ImportSummary | None]:
        """Write the identity, the first calendar, and import the default catalogue.

        Running it again with the same unit and slot changes nothing; another
        unit or slot is refused (codes already issued belong to the old one).
        """
        unit_code = validate_unit_code(unit_code)
        slot = validate_slot(slot)
        now = iso(self._clock.now())
        with writing(self._db) as uow:
            session = uow.session
            existing = session.get(DeskIdentityRecord, 1)
            if existing is not None:
                if (existing.unit_code, existing.code_slot) != (unit_code, slot):
                    raise ConfigurationError(
                        _(
                            "Bàn đã được khởi tạo cho đơn vị {unit}, khe {slot}; "
                            "không thể đổi sang {new_unit}, khe {new_slot}."
                        ).format(
                            unit=existing.unit_code,
                            slot=existing.code_slot,
                            new_unit=unit_code,
                            new_slot=slot,
                        )
                    )
                return self._summary(existing), None
            session.add(
                DeskIdentityRecord(
                    desk_id=str(uuid.uuid4()),
                    unit_code=unit_code,
                    unit_name=unit_name,
                    code_slot=slot,
                    created_at=now,
                )
            )
            session.add(DeskCounterRecord(name="desk_seq", value=0))
            session.add(ClockStateRecord(max_local_time_seen=now))
            self._calendar.ensure_initial(session, actor)
            if unit_name:
                self._settings.write(session, UNIT_NAME, unit_name, actor)
            if place:
                self._settings.write(session, UNIT_PLACE, place, actor)
            if parent:
                self._settings.write(session, UNIT_PARENT, parent, actor)
            uow.commit()
        summary = self._importer.import_file(default_catalogue_path(), actor)
        if demo:
            self._add_demo_data()
        return self.identity(), summary

    def _add_demo_data(self) -> None:
        """The demo unit's contact and signers, its users and the limits an administrator would set."""
        for setting, value in DEMO_TEXTS:
            self._settings.set(setting, value, SYSTEM_ACTOR)
        for username, full_name, role in DEMO_USERS:
            if username not in {u[0] for u in self._users.list()}:
                self._users.add(username, full_name, role, DEMO_PASSWORD, DEMO_ADMIN)
        for code, spec, reason in DEMO_LIMITS:
            self._catalogue.set_override(code, actor=DEMO_ADMIN, reason=reason, limit=parse_limit_spec(spec))

    def initialise_demo(
        self, unit_code: str | None = None, slot: int | None = None
    ) -> tuple[DeskSummary, ImportSummary | None]:
        """The demo desk: a sample unit code, slot 1, the commune catalogue and demo limits.

        An explicit unit or slot wins over the demo's (two demo desks side by side use slots 1 and 3).
        """
        return self.initialise(
            unit_code or DEMO_UNIT_CODE,
            DEMO_SLOT if slot is None else slot,
            unit_name=DEMO_UNIT_NAME,
            place=DEMO_PLACE,
            parent=DEMO_PARENT,
            demo=True,
        )
