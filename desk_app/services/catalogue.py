"""Catalogue queries: search as you type, procedure detail, terms and overrides."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from desk_app.core.catalogue import Channel, ComponentData
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.search import SearchEntry, make_entry, make_query, rank
from desk_app.core.text import clean
from desk_app.core.time_limits import LimitUnit, TimeLimit
from desk_app.core.workflow import Role
from desk_app.i18n import _
from desk_app.models import (
    ProcedureOverrideRecord,
    ProcedureRecord,
    ProcedureVersionRecord,
)
from desk_app.services.catalogue_records import NOT_OFFERED, component_from_row
from desk_app.services.changes import Changes
from desk_app.services.dto import (
    ComponentSummary,
    OverrideSummary,
    ProcedureDetail,
    ProcedureSummary,
    ProcedureTerms,
)
from desk_app.services.timefmt import iso
from desk_app.services.uow import driver, reading, writing
from desk_app.services.users import require

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database

NO_CUTOFF = "none"


class CatalogueService:
    """Reads the current catalogue; administrators override terms locally."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._index: list[SearchEntry] = []
        self._summaries: dict[int, ProcedureSummary] = {}
        self._index_stamp: tuple[int, int] | None = None
        self._details: dict[tuple[int, int], ProcedureDetail] = {}

    # --- search -----------------------------------------------------------------

    def _refresh_index(self, session: Session) -> None:
        stamp_row = session.execute(
            select(
                func.coalesce(func.max(ProcedureVersionRecord.id), 0), func.count(ProcedureVersionRecord.id)
            )
        ).one()
        stamp = (int(stamp_row[0]), int(stamp_row[1]))
        if stamp == self._index_stamp:
            return
        rows = session.execute(
            select(
                ProcedureVersionRecord.id,
                ProcedureVersionRecord.code,
                ProcedureVersionRecord.name,
                ProcedureVersionRecord.name_folded,
                ProcedureVersionRecord.field_name,
                ProcedureVersionRecord.agency,
                ProcedureVersionRecord.levels,
                ProcedureVersionRecord.version,
            ).where(ProcedureVersionRecord.is_current.is_(True))
        ).all()
        self._index = [make_entry(r.id, r.code, r.name_folded, f"{r.field_name} {r.agency}") for r in rows]
        self._summaries = {
            r.id: ProcedureSummary(
                r.code, r.name, r.field_name, tuple(v for v in r.levels.split(",") if v), r.version
            )
            for r in rows
        }
        self._index_stamp = stamp

    def search(self, text: str, limit: int = 20) -> list[ProcedureSummary]:
        """Procedures matching ``text`` (code, name or field), best first."""
        with reading(self._db) as uow:
            self._refresh_index(uow.session)
        hits = rank(make_query(text), self._index, limit)
        return [self._summaries[h.key] for h in hits]

    def frequent(self, since: str, limit: int = 10) -> list[ProcedureSummary]:
        """The procedures this desk received most since an ISO date: the first choices at the counter."""
        with reading(self._db) as uow:
            self._refresh_index(uow.session)
            codes = (
                uow.session.execute(
                    text(
                        "SELECT procedure_code FROM dossiers WHERE received_at >= :since "
                        "GROUP BY procedure_code ORDER BY count(*) DESC, max(received_at) DESC LIMIT :limit"
                    ),
                    {"since": since, "limit": limit},
                )
                .scalars()
                .all()
            )
        by_code = {s.code: s for s in self._summaries.values()}
        return [by_code[c] for c in codes if c in by_code]

    def count(self) -> int:
        """How many procedures the catalogue holds."""
        with reading(self._db) as uow:
            return int(uow.session.scalar(select(func.count(ProcedureRecord.id))) or 0)

    # --- detail and terms -------------------------------------------------------

    def _current(self, session: Session, code: str) -> tuple[ProcedureRecord, ProcedureVersionRecord]:
        procedure = self._current_procedure(session, code)
        version = session.get(ProcedureVersionRecord, procedure.current_version_id)
        assert version is not None
        return procedure, version

    def _current_procedure(self, session: Session, code: str) -> ProcedureRecord:
        code = code.strip()
        procedure = session.scalar(select(ProcedureRecord).where(ProcedureRecord.code == code))
        if procedure is None:
            matches = list(
                session.scalars(select(ProcedureRecord).where(ProcedureRecord.national_code == code))
            )
            procedure = matches[0] if len(matches) == 1 else None
        if procedure is None or procedure.current_version_id is None:
            raise NotFound(_("Không có thủ tục mã “{code}” trong danh mục.").format(code=code))
        return procedure

    def procedure(self, code: str) -> ProcedureDetail:
        """The current version of a procedure, with its terms per channel."""
        with reading(self._db) as uow:
            return self.procedure_in(uow.session, code)

    def procedure_in(self, session: Session, code: str) -> ProcedureDetail:
        """:meth:`procedure` inside the caller's transaction (a reception reads it where it writes)."""
        # Versions never change; only a new override revision changes the terms: one plain read of
        # the (version, revision) pair finds a detail already built.
        row = (
            driver(session)
            .execute(
                "SELECT current_version_id, (SELECT max(revision) FROM procedure_overrides o "
                "WHERE o.procedure_id = p.id) FROM procedures p WHERE p.code = ?",
                (code.strip(),),
            )
            .fetchone()
        )
        cached = self._details.get((row[0], row[1] or 0)) if row is not None else None
        if cached is not None:
            return cached
        procedure = self._current_procedure(session, code)
        assert procedure.current_version_id is not None
        return self._cached_detail(session, procedure, procedure.current_version_id)

    def _cached_detail(
        self, session: Session, procedure: ProcedureRecord, version_id: int
    ) -> ProcedureDetail:
        # Versions never change; only a new override revision changes the terms, so the
        # (version, revision) pair is a safe key. Every reception reads its procedure.
        revision = session.scalar(
            select(func.max(ProcedureOverrideRecord.revision)).where(
                ProcedureOverrideRecord.procedure_id == procedure.id
            )
        )
        key = (version_id, revision or 0)
        cached = self._details.get(key)
        if cached is None:
            version = session.get(ProcedureVersionRecord, version_id)
            assert version is not None
            cached = self._detail(session, procedure, version)
            self._details[key] = cached
        return cached

    def procedure_version(self, version_id: int) -> ProcedureDetail:
        """A specific (possibly old) version, as pinned by a dossier."""
        with reading(self._db) as uow:
            procedure_id = uow.session.scalar(
                select(ProcedureVersionRecord.procedure_id).where(ProcedureVersionRecord.id == version_id)
            )
            if procedure_id is None:
                raise NotFound(_("Không có phiên bản thủ tục {id}.").format(id=version_id))
            procedure = uow.session.get(ProcedureRecord, procedure_id)
            assert procedure is not None
            return self._cached_detail(uow.session, procedure, version_id)

    def _latest_override(self, session: Session, procedure_id: int) -> ProcedureOverrideRecord | None:
        return session.scalar(
            select(ProcedureOverrideRecord)
            .where(ProcedureOverrideRecord.procedure_id == procedure_id)
            .order_by(ProcedureOverrideRecord.revision.desc())
            .limit(1)
        )

    def _detail(
        self, session: Session, procedure: ProcedureRecord, version: ProcedureVersionRecord
    ) -> ProcedureDetail:
        override = self._latest_override(session, procedure.id)
        override_dto = None
        if override is not None:
            override_dto = OverrideSummary(
                override.revision,
                _limit_spec(override.limit_unit, override.limit_value),
                override.cutoff,
                override.fee_vnd,
                override.set_by,
                override.reason,
                override.created_at,
            )
        terms = tuple(self._terms(version, override, channel) for channel in Channel)
        return ProcedureDetail(
            version_id=version.id,
            code=version.code,
            name=version.name,
            version=version.version,
            field_name=version.field_name,
            levels=tuple(v for v in version.levels.split(",") if v),
            agency=version.agency,
            legal_basis=version.legal_basis,
            time_limit_text=version.time_limit_text,
            fees_text=version.fees_text,
            components=tuple(_summary(component_from_row(c)) for c in version.components),
            terms=terms,
            override=override_dto,
        )

    def _terms(
        self, version: ProcedureVersionRecord, override: ProcedureOverrideRecord | None, channel: Channel
    ) -> ProcedureTerms:
        limit = next(t for t in version.time_limits if t.channel == channel.value)
        fee = next(f for f in version.fees if f.channel == channel.value)
        limit_spec = _limit_spec(limit.unit, limit.value)
        limit_source = "catalogue" if limit_spec else "unknown"
        fee_vnd, fee_source = fee.amount_vnd, "catalogue" if fee.status == "known" else "unknown"
        cutoff = None  # the calendar's default cut-off
        if override is not None:
            if override.limit_unit is not None:
                limit_spec, limit_source = _limit_spec(override.limit_unit, override.limit_value), "override"
            if override.fee_vnd is not None:
                fee_vnd, fee_source = override.fee_vnd, "override"
            if override.cutoff is not None:
                cutoff = override.cutoff
        offered = limit.status != NOT_OFFERED
        return ProcedureTerms(
            channel.value,
            limit_spec if offered else None,
            limit.text,
            limit_source if offered else NOT_OFFERED,
            cutoff,
            fee_vnd if offered else None,
            fee.text,
            fee_source if offered else NOT_OFFERED,
            offered,
        )

    # --- overrides --------------------------------------------------------------

    def set_override(
        self,
        code: str,
        *,
        actor: Actor,
        reason: str,
        limit: TimeLimit | None = None,
        cutoff: str | None = None,
        fee_vnd: int | None = None,
    ) -> tuple[ProcedureDetail, Changes]:
        """Record a local override (a new revision, with who and why)."""
        require(actor, Role.ADMIN, _("Điều chỉnh thời hạn, lệ phí của thủ tục"))
        reason = clean(reason)
        if not reason:
            raise InvalidInput(_("Cần ghi lý do (căn cứ) khi điều chỉnh thời hạn hoặc lệ phí."))
        if limit is None and cutoff is None and fee_vnd is None:
            raise InvalidInput(_("Chưa có nội dung điều chỉnh: nhập thời hạn, giờ chốt hoặc lệ phí."))
        if cutoff is not None and cutoff != NO_CUTOFF:
            cutoff = parse_cutoff(cutoff).strftime("%H:%M")
        if fee_vnd is not None and fee_vnd < 0:
            raise InvalidInput(_("Lệ phí không được âm."))
        with writing(self._db) as uow:
            session = uow.session
            procedure, version = self._current(session, code)
            previous = self._latest_override(session, procedure.id)
            record = ProcedureOverrideRecord(
                procedure_id=procedure.id,
                revision=(previous.revision if previous else 0) + 1,
                limit_unit=limit.unit.value if limit else (previous.limit_unit if previous else None),
                limit_value=limit.value if limit else (previous.limit_value if previous else None),
                cutoff=cutoff if cutoff is not None else (previous.cutoff if previous else None),
                fee_vnd=fee_vnd if fee_vnd is not None else (previous.fee_vnd if previous else None),
                set_by=actor.username,
                reason=reason,
                created_at=iso(self._clock.now()),
            )
            session.add(record)
            session.flush()
            detail = self._detail(session, procedure, version)
            uow.commit()
        return detail, Changes.CATALOGUE


def _limit_spec(unit: str | None, value: int | None) -> str | None:
    if unit is None:
        return None
    return TimeLimit(LimitUnit(unit), value or 0).spec()


def parse_cutoff(text: str) -> time:
    """``15:00`` → time(15, 0); raises InvalidInput."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(
            _("Giờ chốt “{text}” phải có dạng HH:MM, ví dụ 15:00.").format(text=text)
        ) from None


def _summary(c: ComponentData) -> ComponentSummary:
    return ComponentSummary(
        c.position,
        c.name,
        c.kind.value,
        c.originals,
        c.copies,
        c.group,
        c.alternative,
        c.note,
        applies=c.applies,
        channels=c.channels,
        case=c.case,
        alt_group=c.alt_group,
        substitutes=c.substitutes,
        identity=c.identity,
        ambiguous=c.ambiguous,
    )
