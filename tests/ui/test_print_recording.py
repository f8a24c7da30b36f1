"""A print is recorded when it happens: a closed preview records nothing, and a receipt left unprinted
is asked about first."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from desk_app.services.documents import PrintedDocument
from desk_app.ui import dossier_actions

RECEIPT = PrintedDocument("receipt", "000.00.01.H01-261120-0001", b"%PDF", 1, "d-1")
CONTROL = PrintedDocument("control-sheet", "000.00.01.H01-261120-0001", b"%PDF", 1, "d-1")


class Printing:
    def __init__(self) -> None:
        self.recorded: list[str] = []

    def record_print(self, document: PrintedDocument, actor: Any) -> int:
        self.recorded.append(document.document)
        return 0


def context(outcomes: list[bool]) -> Any:
    shown: list[list[str]] = []

    def show(documents: list[PrintedDocument]) -> bool:
        shown.append([d.document for d in documents])
        return outcomes.pop(0)

    return SimpleNamespace(
        printer=SimpleNamespace(show=show, shown=shown),
        events=SimpleNamespace(sig_changed=SimpleNamespace(emit=lambda _changes: None)),
        actor="canbo1",
    )


def test_printed_documents_are_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    printing, ctx = Printing(), context([True])
    dossier_actions.print_and_record(None, printing, ctx, [RECEIPT, CONTROL])  # type: ignore[arg-type]
    assert printing.recorded == ["receipt", "control-sheet"]


def test_a_closed_receipt_preview_asks_and_can_be_left_unprinted(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dossier_actions, "ask", lambda _p, title, _t: asked.append(title) or True)
    printing, ctx = Printing(), context([False])
    dossier_actions.print_and_record(None, printing, ctx, [RECEIPT, CONTROL])  # type: ignore[arg-type]
    assert (asked, printing.recorded) == (["Giấy tiếp nhận chưa in"], [])


def test_refusing_to_leave_it_unprinted_shows_the_preview_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dossier_actions, "ask", lambda *_a: False)
    printing, ctx = Printing(), context([False, True])
    dossier_actions.print_and_record(None, printing, ctx, [RECEIPT])  # type: ignore[arg-type]
    assert (len(ctx.printer.shown), printing.recorded) == (2, ["receipt"])


def test_other_documents_closed_unprinted_are_not_asked_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dossier_actions, "ask", lambda *_a: pytest.fail("asked"))
    printing, ctx = Printing(), context([False])
    dossier_actions.print_and_record(None, printing, ctx, [CONTROL])  # type: ignore[arg-type]
    assert printing.recorded == []
