"""The one composition function: ``build_services()``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk_app.core.clock import Clock, SystemClock
from desk_app.i18n import set_language
from desk_app.models.db import Database
from desk_app.models.migrate import upgrade
from desk_app.services.calendar import CalendarService
from desk_app.services.catalogue import CatalogueService
from desk_app.services.catalogue_import import CatalogueImportService
from desk_app.services.desk import DeskService
from desk_app.services.dossiers import DossierService
from desk_app.services.drafts import DraftService
from desk_app.services.due_dates import DueDateService
from desk_app.services.handover import HandoverService
from desk_app.services.outbox import OutboxService
from desk_app.services.reception import ReceptionService
from desk_app.services.reports import ReportService
from desk_app.services.settings import SettingsService
from desk_app.services.sync import SyncService
from desk_app.services.sync_apply import PulledItems
from desk_app.services.sync_store import SqliteSyncStore
from desk_app.services.today import TodayService
from desk_app.services.users import UserService
from desk_app.sync.tokens import TokenStore

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.services.printing import PrintService


@dataclass
class Services:
    """Everything the UI and the CLI may call."""

    db_path: Path
    db: Database
    clock: Clock
    desk: DeskService
    catalogue: CatalogueService
    catalogue_import: CatalogueImportService
    calendar: CalendarService
    due_dates: DueDateService
    settings: SettingsService
    users: UserService
    reception: ReceptionService
    dossiers: DossierService
    handover: HandoverService
    reports: ReportService
    drafts: DraftService
    outbox: OutboxService
    sync: SyncService
    today: TodayService
    backup_path: Path | None

    _printing: PrintService | None = field(default=None, repr=False)

    @property
    def printing(self) -> PrintService:
        """Built on first use: reportlab and the forms cost ~0.1 s of start-up the GUI need not pay."""
        if self._printing is None:
            from desk_app.services.printing import PrintService

            self._printing = PrintService(self.db, self.clock, self.catalogue, self.settings, self.reports)
        return self._printing

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()


def build_services(db_path: Path, *, clock: Clock | None = None, language: str = "vi") -> Services:
    """Migrate the database (copying it first when an upgrade is due) and wire the services."""
    clock = clock or SystemClock()
    set_language(language)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    backup = upgrade(db_path, clock.now())
    db = Database(db_path)
    calendar = CalendarService(db, clock)
    catalogue = CatalogueService(db, clock)
    importer = CatalogueImportService(db, clock)
    settings = SettingsService(db, clock)
    users = UserService(db, clock)
    desk = DeskService(db, clock, db_path, calendar, catalogue, importer, settings, users)
    due_dates = DueDateService(catalogue, calendar)
    reception = ReceptionService(db, clock, catalogue, due_dates, settings)
    dossiers = DossierService(db, clock, catalogue, reception)
    reports = ReportService(db, clock)
    outbox = OutboxService(db)
    return Services(
        db_path=db_path,
        db=db,
        clock=clock,
        desk=desk,
        catalogue=catalogue,
        catalogue_import=importer,
        calendar=calendar,
        due_dates=due_dates,
        settings=settings,
        users=users,
        reception=reception,
        dossiers=dossiers,
        handover=HandoverService(db, clock, dossiers),
        reports=reports,
        drafts=DraftService(db, clock),
        outbox=outbox,
        sync=SyncService(
            db,
            clock,
            SqliteSyncStore(db, clock, settings, PulledItems(importer, calendar)),
            outbox,
            TokenStore(db_path.parent, use_keyring=not os.environ.get("DESK_APP_NO_KEYRING")),
        ),
        today=TodayService(db, clock, calendar, outbox),
        backup_path=backup,
    )
