"""Mapping between catalogue records and ProcedureData (no queries)."""

from __future__ import annotations

import json
from dataclasses import replace

from desk_app.core.catalogue import (
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
    ProcedureTimeLimitRecord,
    ProcedureVersionRecord,
)


def version_to_data(record: ProcedureVersionRecord) -> ProcedureData:
    """Rebuild the imported content of a stored version."""
    return ProcedureData(
        code=record.code,
        name=record.name,
        field_name=record.field_name,
        level_text=record.level_text,
        levels=tuple(v for v in record.levels.split(",") if v),
        agency=record.agency,
        issuing_body=record.issuing_body,
        competent_agency=record.competent_agency,
        time_limit_text=record.time_limit_text,
        fees_text=record.fees_text,
        legal_basis=record.legal_basis,
        procedure_type=record.procedure_type,
        audience=record.audience,
        url=record.url,
        components=tuple(
            ComponentData(
                position=c.position,
                name=c.name,
                kind=ComponentKind(c.kind),
                originals=c.originals,
                copies=c.copies,
                group=c.group_label,
                alternative=c.alternative,
                note=c.note,
                form_file=c.form_file,
            )
            for c in record.components
        ),
        channels=tuple(
            ChannelTerms(Channel(t["channel"]), t["time_limit_text"], t["fee_text"])
            for t in json.loads(record.channels_json)
        ),
    )


def merge(
    existing: ProcedureData | None, incoming: ProcedureData, provided: frozenset[str], authoritative: bool
) -> ProcedureData:
    """The content after an import: a partial source keeps what it does not carry.

    A non-authoritative source (the portal's files) never blanks a field that
    is already filled, so importing the Excel export and the JSON in either
    order gives the same catalogue.
    """
    if existing is None:
        return incoming
    if authoritative:
        return incoming
    changes = {}
    for name in provided:
        value = getattr(incoming, name)
        if value or not getattr(existing, name):
            changes[name] = value
    return replace(existing, **changes)


def search_text(data: ProcedureData) -> str:
    """The folded text the search looks in: code, name, field and agency."""
    return fold(f"{data.code} {data.name} {data.field_name} {data.agency}")


def data_to_version(
    data: ProcedureData, procedure_id: int, version: int, import_id: int, now: str
) -> ProcedureVersionRecord:
    """A new version record (with its components, limits and fees) for ``data``."""
    record = ProcedureVersionRecord(
        procedure_id=procedure_id,
        version=version,
        is_current=True,
        content_sha256=data.content_hash(),
        import_id=import_id,
        code=data.code,
        name=data.name,
        field_name=data.field_name,
        level_text=data.level_text,
        levels=",".join(data.levels),
        agency=data.agency,
        issuing_body=data.issuing_body,
        competent_agency=data.competent_agency,
        time_limit_text=data.time_limit_text,
        fees_text=data.fees_text,
        legal_basis=data.legal_basis,
        procedure_type=data.procedure_type,
        audience=data.audience,
        url=data.url,
        name_folded=fold(data.name),
        search_folded=search_text(data),
        created_at=now,
        channels_json=json.dumps(
            [
                {"channel": t.channel.value, "time_limit_text": t.time_limit_text, "fee_text": t.fee_text}
                for t in data.channels
            ],
            ensure_ascii=False,
        ),
    )
    record.components = [
        ComponentRecord(
            position=c.position,
            name=c.name,
            kind=c.kind.value,
            originals=c.originals,
            copies=c.copies,
            group_label=c.group,
            alternative=c.alternative,
            note=c.note,
            form_file=c.form_file,
        )
        for c in data.components
    ]
    record.time_limits, record.fees = _terms(data)
    return record


def _terms(data: ProcedureData) -> tuple[list[ProcedureTimeLimitRecord], list[ProcedureFeeRecord]]:
    limits: list[ProcedureTimeLimitRecord] = []
    fees: list[ProcedureFeeRecord] = []
    by_channel = {t.channel: t for t in data.channels}
    for channel in Channel:
        terms = by_channel.get(channel)
        limit_text = terms.time_limit_text if terms and terms.time_limit_text else data.time_limit_text
        fee_text = terms.fee_text if terms and terms.fee_text else data.fees_text
        limit = time_limit_for_channel(limit_text, channel)
        fee = fee_for_channel(fee_text, channel)
        limits.append(
            ProcedureTimeLimitRecord(
                channel=channel.value,
                text=limit_text,
                status=limit.status.value,
                unit=limit.limit.unit.value if limit.limit else None,
                value=limit.limit.value if limit.limit else None,
            )
        )
        fees.append(
            ProcedureFeeRecord(
                channel=channel.value, text=fee_text, status=fee.status.value, amount_vnd=fee.amount_vnd
            )
        )
    return limits, fees


def national_code(code: str) -> str:
    """The national part of a procedure code (kept for lookups by either form)."""
    return national_procedure_code(code)
