"""The FastAPI application over one PostgreSQL database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from central.api.routes import router
from central.db import make_engine, session_factory
from central.migrate import upgrade
from central.services.admin import AdminService
from central.services.departments import DepartmentService
from central.services.errors import CentralError
from central.services.export import ExportService
from central.services.push import PushService
from central.services.releases import ReleaseService
from central.services.sync_read import SyncReadService

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


@dataclass
class CentralServices:
    """Everything the API and the CLI call."""

    engine: Engine
    sessions: sessionmaker[Session]
    admin: AdminService
    push: PushService
    reads: SyncReadService
    releases: ReleaseService
    departments: DepartmentService
    export: ExportService

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()


def build_central(url: str, *, migrate: bool = True) -> CentralServices:
    """Migrate (unless told not to) and wire the services over ``url``."""
    engine = make_engine(url)
    if migrate:
        upgrade(url, engine)
    sessions = session_factory(engine)
    return CentralServices(
        engine,
        sessions,
        AdminService(sessions),
        PushService(sessions),
        SyncReadService(sessions),
        ReleaseService(sessions),
        DepartmentService(sessions),
        ExportService(sessions),
    )


def create_app(services: CentralServices) -> FastAPI:
    """The HTTP application (OpenAPI at /openapi.json)."""
    app = FastAPI(title="One-Stop Desk central", version="1", summary="Desk enrolment and sync (sync.md)")
    app.state.services = services
    app.include_router(router)

    @app.exception_handler(CentralError)
    def _central_error(_request: Request, exc: CentralError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    return app
