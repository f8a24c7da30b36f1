"""Dossiers made through the services, for the screens to work on."""

from __future__ import annotations

from desk_app.core.workflow import Action
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from tests.unit.services.lifecycle import OFFICER, draft


def accepted(services: Services, n: int = 1) -> list[str]:
    """Codes of ``n`` dossiers accepted at the counter."""
    codes = []
    for _ in range(n):
        outcome, _changes = services.reception.receive(draft(services), OFFICER)
        assert outcome.code is not None
        codes.append(outcome.code)
    return codes


def finished(services: Services) -> str:
    """A dossier whose result is ready at the desk."""
    (code,) = accepted(services)
    services.dossiers.act(code, ActionRequest(Action.TRANSFER, department="Tư pháp - Hộ tịch"), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.RECEIVE_BACK, department="Tư pháp - Hộ tịch"), OFFICER)
    services.dossiers.act(code, ActionRequest(Action.FINISH), OFFICER)
    return code
