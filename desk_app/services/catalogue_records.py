"""Catalogue rows ↔ ProcedureData, with bulk loading and writing for imports (no rules)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert, select, update

from desk_app.core.catalogue import (
    UNKNOWN_FEE,
    UNKNOWN_LIMIT,
    Channel,
    ChannelTerms,
    ComponentData,
    ComponentKind,
    ProcedureData,
    fee_for_channel,
    time_limit_for_channel,
)
from desk_app.core.codes import national_procedure_code
from desk_app.core.text import fold
from desk_app.models import (
    ComponentRecord,
    ProcedureFeeRecord,
    ProcedureRecord,
    ProcedureTimeLimitRecord,
    ProcedureVersionRecord,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

V = ProcedureVersionRecord.__table__.c
C = ComponentRecord.__table__.c


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """The current version of a procedure, as an import compares against it."""

    procedure_id: int
    version_id: int
    version: int
    content_sha256: str
    data: ProcedureData


def component_from_row(row: Any) -> ComponentData:
    """A stored component (an ORM record or a plain row) as the core reads it."""
    return ComponentData(
        position=row.position,
        name=row.name,
        kind=ComponentKind(row.kind),
        originals=row.originals,
        copies=row.copies,
        group=row.group_label,
        alternative=row.alternative,
        note=row.note,
        form_file=row.form_file,
        applies=row.applies,
        channels=tuple(v for v in row.channels.split(",") if v),
        case=row.case_text,
        alt_group=row.alt_group,
        substitutes=tuple(json.loads(row.substitutes_json)),
        identity=row.identity,
        ambiguous=row.ambiguous,
    )


def _data(row: Any, components: list[ComponentData]) -> ProcedureData:
    return ProcedureData(
        code=row.code,
        name=row.name,
        field_name=row.field_name,
        level_text=row.level_text,
        levels=tuple(v for v in row.levels.split(",") if v),
        agency=row.agency,
        issuing_body=row.issuing_body,
        competent_agency=row.competent_agency,
        time_limit_text=row.time_limit_text,
        fees_text=row.fees_text,
        legal_basis=row.legal_basis,
        procedure_type=row.procedure_type,
        audience=row.audience,
        url=row.url,
        components=tuple(components),
        channels=tuple(
            ChannelTerms(Channel(t["channel"]), t["time_limit_text"], t["fee_text"])
            for t in json.loads(row.channels_json)
        ),
    )


def load_current(session: Session) -> dict[str, StoredVersion]:
    """Every current version with its components, read with plain row queries (fast)."""
    components: dict[int, list[ComponentData]] = defaultdict(list)
    rows = session.execute(
        select(ComponentRecord.__table__)
        .join(ProcedureVersionRecord.__table__, V.id == C.version_id)
        .where(V.is_current.is_(True))
        .order_by(C.version_id, C.position)
    )
    for row in rows:
        components[row.version_id].append(component_from_row(row))
    stored: dict[str, StoredVersion] = {}
    for row in session.execute(select(ProcedureVersionRecord.__table__).where(V.is_current.is_(True))):
        stored[row.code] = StoredVersion(
            row.procedure_id, row.id, row.version, row.content_sha256, _data(row, components[row.id])
        )
    return stored


def merge(
    existing: ProcedureData | None, incoming: ProcedureData, owned: frozenset[str], fill_only: frozenset[str]
) -> ProcedureData:
    """The content after an import.

    ``owned`` fields take the incoming value unless it is empty (a source never
    blanks what another filled); ``fill_only`` fields are taken only where the
    desk has nothing yet. Sources owning different fields therefore give the
    same catalogue whatever the order they are imported in.
    """
    if existing is None:
        return incoming
    changes: dict[str, Any] = {}
    for name in owned | fill_only:
        value = getattr(incoming, name)
        current = getattr(existing, name)
        if value and (name in owned or not current):
            changes[name] = value
    return replace(existing, **changes)


def search_text(data: ProcedureData) -> str:
    """The folded text the search looks in: code, name, field and agency."""
    return fold(f"{data.code} {data.name} {data.field_name} {data.agency}")


def insert_procedures(session: Session, codes: list[str], now: str) -> dict[str, int]:
    """Create procedure rows for new codes; returns code → id."""
    if not codes:
        return {}
    ids = session.scalars(
        insert(ProcedureRecord).returning(ProcedureRecord.id, sort_by_parameter_order=True),
        [{"code": code, "national_code": national_procedure_code(code), "created_at": now} for code in codes],
    ).all()
    return dict(zip(codes, ids, strict=True))


def _version_row(
    data: ProcedureData, procedure_id: int, version: int, import_id: int, now: str
) -> dict[str, Any]:
    return {
        "procedure_id": procedure_id,
        "version": version,
        "is_current": True,
        "content_sha256": data.content_hash(),
        "import_id": import_id,
        "code": data.code,
        "name": data.name,
        "field_name": data.field_name,
        "level_text": data.level_text,
        "levels": ",".join(data.levels),
        "agency": data.agency,
        "issuing_body": data.issuing_body,
        "competent_agency": data.competent_agency,
        "time_limit_text": data.time_limit_text,
        "fees_text": data.fees_text,
        "legal_basis": data.legal_basis,
        "procedure_type": data.procedure_type,
        "audience": data.audience,
        "url": data.url,
        "channels_json": json.dumps(
            [
                {"channel": t.channel.value, "time_limit_text": t.time_limit_text, "fee_text": t.fee_text}
                for t in data.channels
            ],
            ensure_ascii=False,
        ),
        "name_folded": fold(data.name),
        "search_folded": search_text(data),
        "created_at": now,
    }


def insert_versions(
    session: Session, versions: list[tuple[ProcedureData, int, int]], import_id: int, now: str
) -> list[int]:
    """Write new current versions (data, procedure id, version number); returns their ids in order."""
    if not versions:
        return []
    rows = [_version_row(data, pid, number, import_id, now) for data, pid, number in versions]
    return list(
        session.scalars(
            insert(ProcedureVersionRecord).returning(ProcedureVersionRecord.id, sort_by_parameter_order=True),
            rows,
        ).all()
    )


def component_rows(data: ProcedureData, version_id: int) -> list[dict[str, Any]]:
    """Rows for ``procedure_components``."""
    return [
        {
            "version_id": version_id,
            "position": c.position,
            "name": c.name,
            "kind": c.kind.value,
            "originals": c.originals,
            "copies": c.copies,
            "group_label": c.group,
            "alternative": c.alternative,
            "note": c.note,
            "form_file": c.form_file,
            "applies": c.applies,
            "channels": ",".join(c.channels),
            "case_text": c.case,
            "alt_group": c.alt_group,
            "substitutes_json": json.dumps(list(c.substitutes), ensure_ascii=False),
            "identity": c.identity,
            "ambiguous": c.ambiguous,
        }
        for c in data.components
    ]


NOT_OFFERED = "not_offered"


def _published_per_channel(data: ProcedureData) -> dict[Channel, list[ChannelTerms]]:
    by_channel: dict[Channel, list[ChannelTerms]] = defaultdict(list)
    for terms in data.channels:
        by_channel[terms.channel].append(terms)
    return by_channel


def _one_text(texts: list[str], fallback: str) -> tuple[str, bool]:
    """The channel's text, and whether the catalogue gave one unambiguous text for it.

    A channel listed twice with different limits (1.014562 in person: "01 Ngày" normally, "01 Giờ" in
    an emergency) is not one limit: the officer decides, so the term stays unknown, with both texts.
    """
    distinct = list(dict.fromkeys(t for t in texts if t))
    if not distinct:
        return fallback, True
    return " | ".join(distinct), len(distinct) == 1


_T = TypeVar("_T")


def _agreed(parsed: list[_T], unknown: _T) -> _T:
    """The one reading every row gives, or ``unknown`` when the rows disagree."""
    distinct = list(dict.fromkeys(parsed))
    return distinct[0] if len(distinct) == 1 else unknown


def term_rows(data: ProcedureData, version_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for ``procedure_time_limits`` and ``procedure_fees``, one per channel.

    Each is parsed, unknown, or not offered (the catalogue lists channels and this is not one of them).
    """
    limits: list[dict[str, Any]] = []
    fees: list[dict[str, Any]] = []
    by_channel = _published_per_channel(data)
    for channel in Channel:
        published = by_channel.get(channel, [])
        offered = bool(published) or not data.channels
        limit_texts = [t.time_limit_text for t in published]
        fee_texts = [t.fee_text for t in published]
        limit_text, limit_single = _one_text(limit_texts, data.time_limit_text)
        fee_text, fee_single = _one_text(fee_texts, data.fees_text)
        # Rows worded differently that say the same ("Phí : 0 Đồng", "Lệ phí: 0 đồng") are one term.
        limit = (
            time_limit_for_channel(limit_text, channel)
            if limit_single
            else _agreed([time_limit_for_channel(t, channel) for t in limit_texts if t], UNKNOWN_LIMIT)
        )
        fee = (
            fee_for_channel(fee_text, channel)
            if fee_single
            else _agreed([fee_for_channel(t, channel) for t in fee_texts if t], UNKNOWN_FEE)
        )
        limits.append(
            {
                "version_id": version_id,
                "channel": channel.value,
                "text": limit_text if offered else "",
                "status": limit.status.value if offered else NOT_OFFERED,
                "unit": limit.limit.unit.value if limit.limit and offered else None,
                "value": limit.limit.value if limit.limit and offered else None,
            }
        )
        fees.append(
            {
                "version_id": version_id,
                "channel": channel.value,
                "text": fee_text if offered else "",
                "status": fee.status.value if offered else NOT_OFFERED,
                "amount_vnd": fee.amount_vnd if offered else None,
            }
        )
    return limits, fees


def write_children(session: Session, versions: list[ProcedureData], version_ids: list[int]) -> None:
    """Bulk-insert the components, limits and fees of new versions."""
    components: list[dict[str, Any]] = []
    limits: list[dict[str, Any]] = []
    fees: list[dict[str, Any]] = []
    for data, version_id in zip(versions, version_ids, strict=True):
        components += component_rows(data, version_id)
        new_limits, new_fees = term_rows(data, version_id)
        limits += new_limits
        fees += new_fees
    for table, rows in (
        (ComponentRecord, components),
        (ProcedureTimeLimitRecord, limits),
        (ProcedureFeeRecord, fees),
    ):
        if rows:
            session.execute(insert(table), rows)


def retire_versions(session: Session, version_ids: list[int]) -> None:
    """Mark replaced versions as no longer current (they stay for old dossiers)."""
    if version_ids:
        session.execute(
            update(ProcedureVersionRecord)
            .where(ProcedureVersionRecord.id.in_(version_ids))
            .values(is_current=False)
            .execution_options(synchronize_session=False)
        )


def point_procedures(session: Session, current: dict[int, int]) -> None:
    """Set ``procedures.current_version_id`` for the procedures that changed."""
    if current:
        session.execute(
            update(ProcedureRecord),
            [{"id": pid, "current_version_id": vid} for pid, vid in current.items()],
        )
