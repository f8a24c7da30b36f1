"""Biểu 06 classification (TT 01/2020/TT-VPCP; domain.md §4.5), at date granularity.

- received in the period: accepted (complete dossier received) in the period, split online vs
  direct and postal; carried over: accepted before the period and not closed before it;
- resolved in the period: the end (first of finished, returned, stopped) falls in it: early,
  on time or late by the end's date against the due date; more than one supplement request is late;
- in progress at the period's end: within time when the due date is not before the day it is measured
  at, or when the dossier waits for the citizen's supplement (its clock is stopped); overdue
  otherwise. That day is the earlier of the period's end and today (:func:`as_of`): an open dossier
  is not overdue against an end still ahead;
- withdrawn dossiers are received (columns 3–6) but neither resolved nor in progress; Biểu 06 has no
  column for them, so the note under its table counts them: received = resolved + in progress +
  withdrawn.

The waiting time for a supplement is excluded because the time limit restarts, and the due date
is recomputed, when the complete dossier arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from desk_app.core.workflow import DossierStatus

if TYPE_CHECKING:
    from datetime import date


class Bucket(StrEnum):
    """Where a dossier goes in the resolved / in-progress columns."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    WITHIN = "within"
    OVERDUE = "overdue"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class DossierFacts:
    """The dates of one accepted dossier that Biểu 06 looks at."""

    accepted_on: date
    online: bool
    due_on: date
    ended_on: date | None  # finished, returned or stopped
    withdrawn_on: date | None
    supplement_requests: int
    status: DossierStatus


@dataclass(frozen=True, slots=True)
class Classification:
    """One dossier's place in the report (None: not in this period at all)."""

    new: bool  # received in the period (else carried over)
    online: bool
    bucket: Bucket


def as_of(end: date, now: date) -> date:
    """The day open dossiers are measured at: the period's end, or ``now`` when that is earlier."""
    return min(end, now)


def classify(facts: DossierFacts, start: date, end: date, *, now: date) -> Classification | None:
    """Classify one dossier for the period ``start``..``end`` (inclusive), made on the day ``now``."""
    if facts.accepted_on > end:
        return None
    closed_on = facts.ended_on or facts.withdrawn_on
    if closed_on is not None and closed_on < start:
        return None
    new = facts.accepted_on >= start
    if facts.ended_on is not None and facts.ended_on <= end:
        if facts.supplement_requests > 1 or facts.ended_on > facts.due_on:
            bucket = Bucket.LATE
        elif facts.ended_on < facts.due_on:
            bucket = Bucket.EARLY
        else:
            bucket = Bucket.ON_TIME
    elif facts.withdrawn_on is not None and facts.withdrawn_on <= end:
        bucket = Bucket.WITHDRAWN
    elif facts.due_on >= as_of(end, now) or facts.status is DossierStatus.SUPPLEMENT_REQUESTED:
        bucket = Bucket.WITHIN
    else:
        bucket = Bucket.OVERDUE
    return Classification(new, facts.online, bucket)


@dataclass(frozen=True, slots=True)
class Bieu06Row:
    """One line of Biểu 06 (a field, or the total)."""

    field_name: str
    received_total: int
    received_online: int
    received_direct_postal: int
    carried_over: int
    resolved_total: int
    early: int
    on_time: int
    late: int
    in_progress_total: int
    within_time: int
    overdue: int
    withdrawn: int


def tally(field_name: str, classes: list[Classification]) -> Bieu06Row:
    """Add up classified dossiers into a Biểu 06 row."""

    def count(bucket: Bucket) -> int:
        return sum(1 for c in classes if c.bucket is bucket)

    online = sum(1 for c in classes if c.new and c.online)
    direct = sum(1 for c in classes if c.new and not c.online)
    carried = sum(1 for c in classes if not c.new)
    early, on_time, late = count(Bucket.EARLY), count(Bucket.ON_TIME), count(Bucket.LATE)
    within, overdue = count(Bucket.WITHIN), count(Bucket.OVERDUE)
    return row_of(
        field_name, [online, direct, carried, early, on_time, late, within, overdue, count(Bucket.WITHDRAWN)]
    )


def row_of(field_name: str, counts: list[int]) -> Bieu06Row:
    """A row from the nine base counts; the totals are derived.

    The counts: online, direct and postal, carried over, early, on time, late, within time,
    overdue, withdrawn.
    """
    online, direct, carried, early, on_time, late, within, overdue, withdrawn = counts
    return Bieu06Row(
        field_name,
        online + direct + carried,
        online,
        direct,
        carried,
        early + on_time + late,
        early,
        on_time,
        late,
        within + overdue,
        within,
        overdue,
        withdrawn,
    )
