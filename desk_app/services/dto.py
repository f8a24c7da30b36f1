"""Frozen DTOs: the only things that cross from services to the UI and CLI.

They carry enums and datetimes; the CLI serialises them (``cli/output.py``), the screens format them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime  # noqa: TC003 - the DTOs' field types, read at run time by the CLI
from enum import StrEnum

from desk_app.core.workflow import DossierStatus  # noqa: TC001 - a field type of the DTOs


class Outcome(StrEnum):
    """What a reception decided."""

    ACCEPTED = "accepted"
    SUPPLEMENT = "supplement"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """The outcome of a catalogue import."""

    source_kind: str
    source_name: str
    records: int
    new_procedures: int
    new_versions: int
    unchanged: int
    total_procedures: int
    ambiguous_components: int = 0  # readings the rules left to the officer (core/components.py)


@dataclass(frozen=True, slots=True)
class ProcedureSummary:
    """One search hit or list row."""

    code: str
    name: str
    field_name: str
    levels: tuple[str, ...]
    version: int


@dataclass(frozen=True, slots=True)
class ComponentSummary:
    """A published component as shown in the checklist."""

    position: int
    name: str
    kind: str
    originals: int
    copies: int
    group: str
    alternative: bool
    note: str
    applies: str = "always"  # always | channels | case | alternative (core/components.py)
    channels: tuple[str, ...] = ()
    case: str = ""
    alt_group: str = ""
    substitutes: tuple[str, ...] = ()
    identity: bool = False
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class ProcedureTerms:
    """The time limit, cut-off and fee in force for one channel, and their sources."""

    channel: str
    limit_spec: str | None  # "5 working-days", "same-day", None when unknown
    limit_text: str
    limit_source: str  # catalogue | override | unknown
    cutoff: str | None  # None: the calendar's cut-off; "none": no cut-off; else "HH:MM"
    fee_vnd: int | None
    fee_text: str
    fee_source: str
    offered: bool = True  # False: the catalogue lists the procedure's channels and this is not one


@dataclass(frozen=True, slots=True)
class OverrideSummary:
    """A local override of a procedure's terms (who and why)."""

    revision: int
    limit_spec: str | None
    cutoff: str | None
    fee_vnd: int | None
    set_by: str
    reason: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ProcedureDetail:
    """A procedure version with everything the reception needs."""

    version_id: int
    code: str
    name: str
    version: int
    field_name: str
    levels: tuple[str, ...]
    agency: str
    legal_basis: str
    time_limit_text: str
    fees_text: str
    components: tuple[ComponentSummary, ...]
    terms: tuple[ProcedureTerms, ...]
    override: OverrideSummary | None


@dataclass(frozen=True, slots=True)
class DueDateResult:
    """A due date as the CLI and the UI show it."""

    received_at: datetime
    counted_from: datetime
    due_at: datetime
    calendar_version: int
    limit: str
    explanation: str


@dataclass(frozen=True, slots=True)
class DeskSummary:
    """The desk's identity."""

    desk_id: str
    unit_code: str
    unit_name: str
    code_slot: int
    database: str
    schema_revision: str


@dataclass(frozen=True, slots=True)
class MissingSummary:
    """A missing published component, as the supplement request lists it."""

    position: int
    name: str
    kind: str
    originals_needed: int
    copies_needed: int
    originals_received: int
    copies_received: int


@dataclass(frozen=True, slots=True)
class ReceptionOutcome:
    """What a reception decided; ``code`` and ``due_at`` only when accepted."""

    id: str
    outcome: Outcome
    code: str | None
    status: DossierStatus
    due_at: datetime | None
    missing: tuple[MissingSummary, ...]
    explanation: str = ""
    register_number: int | None = None
    document_number: str | None = None  # the supplement request's or refusal's number


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One line of a dossier's timeline."""

    event_id: str
    action: str
    from_status: DossierStatus | None
    to_status: DossierStatus
    actor: str
    occurred_at: datetime
    note: str
    origin: str
    data: dict[str, object]


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """A dossier in a list (queue, lookup, register)."""

    id: str
    code: str | None
    procedure_code: str
    procedure_name: str
    applicant_name: str
    status: DossierStatus
    status_label: str
    received_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None
    holder: str


@dataclass(frozen=True, slots=True)
class DossierDetail:
    """A dossier with its timeline and what can be done with it now."""

    summary: DossierSummary
    channel: str
    applicant_id_number: str
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    applicant_from_card: bool
    procedure_version_id: int
    calendar_version: int | None
    counted_from: datetime | None
    original_due_at: datetime | None
    department: str | None
    supplement_count: int
    reschedule_count: int
    register_year: int | None
    register_number: int | None
    late_entry: bool
    needs_receipt: bool
    finished_at: datetime | None
    returned_at: datetime | None
    events: tuple[EventSummary, ...]
    allowed_actions: tuple[str, ...]
    blocked: dict[str, str]  # action -> why it is not possible now
    printable: tuple[str, ...]  # the documents its history allows (core/documents.py)
    return_address: str | None = None  # the postal address registered at reception; None: at the desk
