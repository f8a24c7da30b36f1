"""Biểu 06 classification: open dossiers are measured at the earlier of the period's end and today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.stats import Bucket, DossierFacts, as_of, classify, tally
from desk_app.core.workflow import DossierStatus

START, END = date(2026, 11, 1), date(2026, 11, 30)


def facts(
    due: date,
    *,
    ended: date | None = None,
    withdrawn: date | None = None,
    status: DossierStatus = DossierStatus.PROCESSING,
    supplements: int = 0,
    accepted: date = date(2026, 11, 2),
) -> DossierFacts:
    return DossierFacts(accepted, False, due, ended, withdrawn, supplements, status)


def test_as_of_is_the_earlier_of_the_end_and_now() -> None:
    assert as_of(END, date(2026, 11, 20)) == date(2026, 11, 20)
    assert as_of(END, date(2026, 12, 5)) == END
    assert as_of(END, END) == END


@pytest.mark.parametrize(
    ("due", "now", "bucket"),
    [
        # The report is made on 20/11, before its end (30/11): measured at 20/11.
        (date(2026, 11, 25), date(2026, 11, 20), Bucket.WITHIN),  # due after today: not overdue yet
        (date(2026, 11, 20), date(2026, 11, 20), Bucket.WITHIN),  # due today: not overdue yet
        (date(2026, 11, 19), date(2026, 11, 20), Bucket.OVERDUE),  # due yesterday
        # The report is made after its end: measured at the end (30/11).
        (date(2026, 12, 2), date(2026, 12, 5), Bucket.WITHIN),  # overdue today, but not at the end
        (date(2026, 11, 30), date(2026, 12, 5), Bucket.WITHIN),
        (date(2026, 11, 29), date(2026, 12, 5), Bucket.OVERDUE),
    ],
)
def test_open_dossiers_are_overdue_only_against_min_of_end_and_now(
    due: date, now: date, bucket: Bucket
) -> None:
    result = classify(facts(due), START, END, now=now)
    assert result is not None
    assert result.bucket is bucket


def test_the_old_rule_would_have_called_a_dossier_due_after_today_overdue() -> None:
    # Due 25/11, report of November made on 20/11: against the end (30/11) it would be overdue.
    result = classify(facts(date(2026, 11, 25)), START, END, now=date(2026, 11, 20))
    assert result is not None
    assert result.bucket is Bucket.WITHIN


def test_waiting_for_the_citizen_is_within_time_whatever_the_dates() -> None:
    waiting = facts(date(2026, 11, 5), status=DossierStatus.SUPPLEMENT_REQUESTED)
    result = classify(waiting, START, END, now=date(2026, 12, 10))
    assert result is not None
    assert result.bucket is Bucket.WITHIN


@pytest.mark.parametrize(
    ("ended", "supplements", "bucket"),
    [
        (date(2026, 11, 9), 0, Bucket.EARLY),
        (date(2026, 11, 10), 0, Bucket.ON_TIME),
        (date(2026, 11, 11), 0, Bucket.LATE),
        (date(2026, 11, 9), 2, Bucket.LATE),  # more than one supplement request is late
    ],
)
def test_resolved_dossiers_do_not_depend_on_now(ended: date, supplements: int, bucket: Bucket) -> None:
    for now in (date(2026, 11, 12), date(2027, 1, 1)):
        result = classify(
            facts(date(2026, 11, 10), ended=ended, supplements=supplements), START, END, now=now
        )
        assert result is not None
        assert result.bucket is bucket


def test_withdrawn_and_out_of_period_dossiers() -> None:
    withdrawn = classify(
        facts(date(2026, 11, 10), withdrawn=date(2026, 11, 5), status=DossierStatus.WITHDRAWN),
        START,
        END,
        now=END,
    )
    assert withdrawn is not None
    assert withdrawn.bucket is Bucket.WITHDRAWN
    assert classify(facts(date(2026, 12, 9), accepted=date(2026, 12, 1)), START, END, now=END) is None
    closed_before = facts(date(2026, 10, 9), ended=date(2026, 10, 8), accepted=date(2026, 10, 1))
    assert classify(closed_before, START, END, now=END) is None
    carried = classify(facts(date(2026, 11, 3), accepted=date(2026, 10, 28)), START, END, now=END)
    assert carried is not None
    assert not carried.new


DAYS = st.integers(min_value=-40, max_value=40).map(lambda n: START + timedelta(days=n))


@st.composite
def any_facts(draw: st.DrawFn) -> DossierFacts:
    accepted = draw(DAYS)
    due = accepted + timedelta(days=draw(st.integers(0, 20)))
    closing = draw(st.sampled_from(["open", "ended", "withdrawn"]))
    closed = accepted + timedelta(days=draw(st.integers(0, 30)))
    status = {
        "open": draw(st.sampled_from([DossierStatus.PROCESSING, DossierStatus.SUPPLEMENT_REQUESTED])),
        "ended": DossierStatus.FINISHED,
        "withdrawn": DossierStatus.WITHDRAWN,
    }[closing]
    return DossierFacts(
        accepted,
        draw(st.booleans()),
        due,
        closed if closing == "ended" else None,
        closed if closing == "withdrawn" else None,
        draw(st.integers(0, 3)),
        status,
    )


@given(st.lists(any_facts(), max_size=30), DAYS)
def test_received_is_resolved_plus_in_progress_plus_withdrawn(
    dossiers: list[DossierFacts], now: date
) -> None:
    """What the note under Biểu 06 states: column (3) = (7) + (11) + the withdrawn."""
    classes = [c for f in dossiers if (c := classify(f, START, END, now=now)) is not None]
    row = tally("Hộ tịch", classes)
    assert row.received_total == row.resolved_total + row.in_progress_total + row.withdrawn
    assert row.received_total == row.received_online + row.received_direct_postal + row.carried_over
    assert row.resolved_total == row.early + row.on_time + row.late
    assert row.in_progress_total == row.within_time + row.overdue
