"""Register, Biểu 06 and day-close over a scripted history of 66 dossiers, computed by hand."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app.core.catalogue import Channel
from desk_app.core.clock import FixedClock
from desk_app.core.errors import InvalidInput
from desk_app.core.stats import Bieu06Row, DossierFacts, classify, tally
from desk_app.core.workflow import Action, DossierStatus
from desk_app.services.container import Services
from desk_app.services.dossiers import ActionRequest
from tests.unit.services.lifecycle import OFFICER, SUPERVISOR, at, draft

MARRIAGE_STATUS = "1.004873"  # 3 working days (demo override), field "Hộ tịch"
CERTIFIED_COPY = "2.000908"  # 1 working day, offered online, field "Chứng thực"
DEPT = "Tư pháp - Hộ tịch"


class History:
    def __init__(self, services: Services, clock: FixedClock) -> None:
        self.services, self.clock = services, clock

    def when(self, moment: datetime) -> History:
        self.clock.current = moment
        return self

    def receive(self, n: int, code: str = MARRIAGE_STATUS, **kwargs: object) -> list[str]:
        refs = []
        for _ in range(n):
            outcome = self.services.reception.receive(draft(self.services, code, **kwargs), OFFICER)[0]  # type: ignore[arg-type]
            refs.append(outcome.code or outcome.id)
        return refs

    def act(self, refs: list[str], action: Action, actor: object = OFFICER, **kwargs: object) -> None:
        for ref in refs:
            self.services.dossiers.act(ref, ActionRequest(action, **kwargs), actor)  # type: ignore[arg-type]


@pytest.fixture
def history(services: Services, clock: FixedClock) -> History:
    h = History(services, clock)
    g1 = h.when(at(2026, 10, 20)).receive(10)  # carried over, finished late in the period
    g2 = h.receive(5)  # closed before the period
    h.when(at(2026, 10, 22, 10, 0)).act(g2, Action.FINISH)
    g14 = h.when(at(2026, 10, 28)).receive(3)  # carried over, still open and overdue
    h.when(at(2026, 11, 2))
    g3, g4, g5, g6 = h.receive(8), h.receive(7), h.receive(6), h.receive(4)
    h.when(at(2026, 11, 3, 10, 0)).act(g1, Action.FINISH)
    refused = [
        h.services.reception.receive(
            draft(h.services, MARRIAGE_STATUS), OFFICER, refuse_reason="Không thuộc thẩm quyền"
        )[0].id
        for _ in range(2)
    ]
    waiting_at_counter = h.receive(2, answers=())
    h.act(g6, Action.TRANSFER, department=DEPT)
    h.act(g6, Action.REQUEST_SUPPLEMENT, missing_positions=(1,), reason="Tờ khai chưa ký")
    h.when(at(2026, 11, 4, 9, 0)).act(g6, Action.RECEIVE_SUPPLEMENT)
    h.act(g6, Action.REQUEST_SUPPLEMENT, SUPERVISOR, missing_positions=(1,), reason="Sai thông tin lần hai")
    h.when(at(2026, 11, 4, 10, 0)).act(g3, Action.FINISH)
    h.when(at(2026, 11, 5, 9, 0)).act(g6, Action.RECEIVE_SUPPLEMENT)
    h.when(at(2026, 11, 5, 10, 0)).act(g4, Action.FINISH)
    h.when(at(2026, 11, 6, 10, 0)).act(g6, Action.FINISH)
    h.when(at(2026, 11, 9, 10, 0)).act(g5, Action.FINISH)
    h.when(at(2026, 11, 10))
    g8, g9, g10 = h.receive(6), h.receive(3), h.receive(2)
    h.when(at(2026, 11, 11)).act(g9, Action.TRANSFER, department=DEPT)
    h.act(g9, Action.REQUEST_SUPPLEMENT, missing_positions=(1,), reason="Thiếu giấy tờ")
    h.when(at(2026, 11, 12)).act(g10, Action.WITHDRAW, reason="Công dân xin rút")
    g11 = h.when(at(2026, 11, 16)).receive(3, CERTIFIED_COPY, channel=Channel.ONLINE)
    h.when(at(2026, 11, 16, 10, 0)).act(g11, Action.FINISH)
    g7 = h.when(at(2026, 11, 25)).receive(5)
    h.groups = {
        "g1": g1,
        "g2": g2,
        "g3": g3,
        "g4": g4,
        "g5": g5,
        "g6": g6,
        "g7": g7,
        "g8": g8,
        "g9": g9,  # type: ignore[attr-defined]
        "g10": g10,
        "g11": g11,
        "g14": g14,
        "refused": refused,
        "counter": waiting_at_counter,
    }
    return h


def test_bieu06_matches_the_hand_count(history: History) -> None:
    rows = {r.field_name: r for r in history.services.reports.bieu06(date(2026, 11, 1), date(2026, 11, 30))}
    # Hộ tịch, by hand:
    #   carried over: g1 (10, accepted 20/10) + g14 (3, 28/10); g2 closed on 22/10 is not in the period;
    #   new, direct: 8 + 7 + 6 + 4 (02/11) + 6 + 3 + 2 (10/11) + 5 (25/11) = 41; refused and
    #   waiting-at-the-counter dossiers were never accepted, so they are not received;
    #   resolved: early g3 (8, 04/11 < 05/11), on time g4 (7, 05/11 = 05/11),
    #   late g1 (10) + g5 (6, 09/11 > 05/11) + g6 (4: finished early, but two supplement requests);
    #   in progress at 30/11: within g7 (5, due 30/11) + g9 (3, waiting for the citizen's supplement),
    #   overdue g8 (6, due 13/11) + g14 (3, due 02/11); withdrawn g10 (2).
    assert rows["Hộ tịch"] == Bieu06Row("Hộ tịch", 54, 0, 41, 13, 35, 8, 7, 20, 17, 8, 9, 2)
    # Chứng thực: 3 online, due the next working day, finished the day they came: early.
    assert rows["Chứng thực"] == Bieu06Row("Chứng thực", 3, 3, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0)
    assert rows["Tổng cộng"] == Bieu06Row("Tổng cộng", 57, 3, 41, 13, 38, 11, 7, 20, 17, 8, 9, 2)


def test_bieu06_sql_agrees_with_the_core_rules(history: History) -> None:
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    now = history.clock.current.date()  # 25/11: the period's end is still ahead
    expected = {row.field_name: row for row in core_bieu06(history.services.db_path, start, end, now)}
    actual = {
        r.field_name: r for r in history.services.reports.bieu06(start, end) if r.field_name != "Tổng cộng"
    }
    assert actual == expected
    # …and for a period that cuts through the history differently.
    start, end = date(2026, 10, 21), date(2026, 11, 4)
    expected = {row.field_name: row for row in core_bieu06(history.services.db_path, start, end, now)}
    actual = {
        r.field_name: r for r in history.services.reports.bieu06(start, end) if r.field_name != "Tổng cộng"
    }
    assert actual == expected


def core_bieu06(db: Path, start: date, end: date, now: date) -> list[Bieu06Row]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT pv.field_name, d.accepted_at, d.channel, d.due_at, d.finished_at, d.status, d.closed_at, "
        "d.supplement_count FROM dossiers d JOIN procedure_versions pv ON pv.id = d.procedure_version_id "
        "WHERE d.accepted_at IS NOT NULL"
    ).fetchall()
    conn.close()
    by_field: dict[str, list] = {}
    for field, acc, channel, due, fin, status, closed, supp in rows:
        facts = DossierFacts(
            date.fromisoformat(acc[:10]),
            channel == "online",
            date.fromisoformat(due[:10]),
            date.fromisoformat(fin[:10]) if fin else None,
            date.fromisoformat(closed[:10]) if status == 7 else None,
            supp,
            DossierStatus(status),
        )
        c = classify(facts, start, end, now=now)
        if c is not None:
            by_field.setdefault(field, []).append(c)
    return [tally(field, classes) for field, classes in sorted(by_field.items())]


def test_register_numbers_run_through_the_year(history: History) -> None:
    rows = history.services.reports.register(date(2026, 11, 1), date(2026, 11, 30))
    numbers = [r.number for r in rows]
    assert numbers == sorted(numbers)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert numbers[0] == 19  # 18 dossiers were accepted in October
    assert len(rows) == 44  # every dossier accepted in November, refused and waiting ones excluded
    first = rows[0]
    assert first.applicant_name == "Trần Thị Bích Ngọc"
    assert first.procedure_name == "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
    assert (
        history.services.reports.register(date(2026, 11, 1), date(2026, 11, 30), offset=40, limit=10)[0]
        == rows[40]
    )


def test_day_close(history: History) -> None:
    summary = history.services.reports.day_close(date(2026, 11, 3))
    assert (summary.received, summary.refused, summary.supplement_requests, summary.handed_over) == (
        0,
        2,
        6,
        4,
    )
    assert history.services.reports.day_close(date(2026, 11, 16)).received == 3
    assert summary.pending_sync > 0


def test_periods_are_checked(services: Services) -> None:
    with pytest.raises(InvalidInput):
        services.reports.bieu06(date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(InvalidInput):
        services.reports.register(date(2020, 1, 1), date(2026, 1, 1))
