"""Desks on the real clock (central checks it) over copies of per-slot template databases."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_app.core.clock import SystemClock
from desk_app.core.dossier import Actor
from desk_app.core.workflow import Role
from desk_app.services.container import Services, build_services
from desk_app.services.desk import DEMO_UNIT_CODE
from tests.central_fixtures import UNIT

DeskFactory = Callable[[int], Services]
SUPERVISOR = Actor("truongbp", Role.SUPERVISOR)


def enrolled_desk(folder: Path, template: Path, slot: int, url: str, central: Any) -> tuple[Services, Path]:
    """A desk database in ``folder`` from the slot's template, enrolled with ``central`` at ``url``."""
    db = folder / "desk.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(template.read_bytes())
    services = build_services(db)
    services.sync.enrol(url, central.admin.enrol_code(UNIT, slot), SUPERVISOR)
    return services, db


@pytest.fixture(scope="session")
def slot_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """A demo desk database per code slot, built once."""
    made: dict[int, Path] = {}

    def template(slot: int) -> Path:
        if slot not in made:
            path = tmp_path_factory.mktemp(f"slot{slot}") / "desk.sqlite3"
            services = build_services(path)
            services.desk.initialise(DEMO_UNIT_CODE, slot, unit_name="Xã Phú Mỹ (thử)", demo=True)
            services.close()
            made[slot] = path
        return made[slot]

    return template


@pytest.fixture
def desk_factory(slot_templates: Callable[[int], Path], tmp_path: Path) -> Iterator[DeskFactory]:
    """``desk(slot)``: services over a fresh desk database using that code slot."""
    opened: list[Services] = []

    def desk(slot: int) -> Services:
        path = tmp_path / f"desk{slot}-{len(opened)}" / "desk.sqlite3"
        path.parent.mkdir(parents=True)
        shutil.copyfile(slot_templates(slot), path)
        services = build_services(path, clock=SystemClock())
        opened.append(services)
        return services

    yield desk
    for services in opened:
        services.close()
