"""Frozen DTOs: the only things that cross from services to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass


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

    received_at: str
    counted_from: str
    due_at: str
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
    outcome: str  # accepted | supplement | refused
    code: str | None
    status: int
    due_at: str | None
    missing: tuple[MissingSummary, ...]
    explanation: str = ""
    register_number: int | None = None


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One line of a dossier's timeline."""

    event_id: str
    action: str
    from_status: int | None
    to_status: int
    actor: str
    occurred_at: str
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
    status: int
    status_label: str
    received_at: str
    accepted_at: str | None
    due_at: str | None
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
    counted_from: str | None
    original_due_at: str | None
    department: str | None
    supplement_count: int
    reschedule_count: int
    register_year: int | None
    register_number: int | None
    late_entry: bool
    needs_receipt: bool
    finished_at: str | None
    returned_at: str | None
    events: tuple[EventSummary, ...]
    allowed_actions: tuple[str, ...]
    blocked: dict[str, str]  # action -> why it is not possible now
    printable: tuple[str, ...]  # the documents its history allows (core/documents.py)
