"""What every screen shares: the acting officer, the app's signals, the task runner and printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk_app.ui.timefmt import wall_clock

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from desk_app.core.dossier import Actor
    from desk_app.core.workflow import Action
    from desk_app.ui.events import AppEvents
    from desk_app.ui.print_flow import PrintFlow
    from desk_app.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class ScreenContext:
    """Passed to every screen next to the services it uses."""

    actor: Actor
    events: AppEvents
    tasks: TaskRunner
    printer: PrintFlow
    reasons: Callable[[Action], list[str]] = field(default=lambda _action: [])
    """The common reasons offered for an action (settings, one per line)."""
    now: Callable[[], datetime] = field(default=wall_clock)
    """The desk's clock (the time-left badges)."""
