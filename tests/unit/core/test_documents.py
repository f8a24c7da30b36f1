"""The printable-document registry: one declaration read by printing, settings and the screens."""

from __future__ import annotations

import pytest

from desk_app.core.document_kinds import DocumentKind
from desk_app.core.documents import (
    DOCUMENTS,
    DOSSIER_DOCUMENTS,
    PAPER_CHOICES,
    PERIOD_DOCUMENTS,
    TT01,
    TT03,
    printable,
    printed_after,
)
from desk_app.printing.form_sets import form_set


def test_every_declared_dossier_document_is_registered_once() -> None:
    assert set(DOSSIER_DOCUMENTS) == {k.value for k in DocumentKind}
    assert PERIOD_DOCUMENTS == ("register", "bieu06", "day-close")
    assert "handover-batch" in PAPER_CHOICES
    assert not set(PERIOD_DOCUMENTS) & set(PAPER_CHOICES)


@pytest.mark.parametrize(
    ("rule_set", "kind", "caption"),
    [
        (TT03, "receipt", "Mẫu số 01 – Thông tư số 03/2025/TT-VPCP"),
        (TT03, "stop", "Mẫu số 05 – Thông tư số 03/2025/TT-VPCP"),
        (TT03, "control-sheet", "Mẫu số 06 – Thông tư số 03/2025/TT-VPCP"),
        (TT03, "register", "Mẫu số 07 – Thông tư số 03/2025/TT-VPCP"),
        (TT01, "control-sheet", "Mẫu số 05 – Thông tư số 01/2018/TT-VPCP"),
        (TT01, "register", "Mẫu số 06 – Thông tư số 01/2018/TT-VPCP"),
        (TT01, "stop", ""),  # the 2018 circular has no stop notice form
    ],
)
def test_form_numbers_per_rule_set(rule_set: str, kind: str, caption: str) -> None:
    assert form_set(rule_set).caption(kind) == caption


def test_headings_differ_where_the_circulars_differ() -> None:
    assert form_set(TT03).titles["apology"].startswith("VĂN BẢN XIN LỖI")
    assert form_set(TT01).titles["apology"].startswith("PHIẾU XIN LỖI")
    assert form_set(TT01).titles["receipt"] == form_set(TT03).titles["receipt"]


@pytest.mark.parametrize(
    ("actions", "has_code", "expected"),
    [
        (["receive"], True, ("receipt", "control-sheet")),
        (["request-supplement"], False, ("supplement",)),
        (["refuse"], False, ("refusal",)),
        (["request-supplement", "receive-supplement"], True, ("receipt", "control-sheet", "supplement")),
        (["receive", "transfer", "reschedule"], True, ("receipt", "control-sheet", "apology")),
        (["request-supplement", "stop"], False, ("supplement", "stop")),
    ],
)
def test_printable_follows_the_history(actions: list[str], has_code: bool, expected: tuple[str, ...]) -> None:
    assert printable(actions, has_code) == expected


def test_each_decision_prints_its_own_document() -> None:
    assert printed_after("reschedule") == "apology"
    assert printed_after("stop") == "stop"
    assert printed_after("request-supplement") == "supplement"
    assert printed_after("transfer") is None


def test_unavailable_documents_say_why() -> None:
    for kind in DOSSIER_DOCUMENTS:
        assert DOCUMENTS[kind].unavailable, kind
