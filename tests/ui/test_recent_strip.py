"""The strip of the last five dossiers decided at the counter (issue 14 item 6)."""

from __future__ import annotations

from desk_app.services.container import Services
from desk_app.ui.main_window import MainWindow
from tests.ui.helpers import draft
from tests.ui.test_reception_flow import OFFICER


def test_the_last_five_decisions_stay_on_screen_and_open_their_dossier(
    window: MainWindow, services: Services
) -> None:
    strip = window.reception.last_decision.recent
    assert strip.isHidden(), "nothing decided yet: no empty strip"
    outcomes = []
    for _ in range(6):
        outcome, _changes = services.reception.receive(draft(services), OFFICER)
        window.reception.last_decision.show_outcome(outcome, ())
        outcomes.append(outcome)
    shown = [b.text() for b in strip.buttons]
    assert len(shown) == 5
    newest = outcomes[-1].code
    assert newest is not None and shown[0] == "-".join(newest.split("-")[-2:])  # e.g. 261120-1006
    assert all(o.code is not None and "-".join(o.code.split("-")[-2:]) not in shown for o in outcomes[:1])
    strip.buttons[1].click()
    assert window.current_screen() is window.lookup
    assert window.lookup.detail.detail is not None
    assert window.lookup.detail.detail.summary.code == outcomes[-2].code
