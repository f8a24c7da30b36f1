"""Building printed documents from the data, and recording each print (reprints are counted)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desk_app.core.documents import DOCUMENTS
from desk_app.core.errors import InvalidInput
from desk_app.core.events import EventType, Printed
from desk_app.core.slip_qr import make_token
from desk_app.core.time_limits import parse_limit_spec
from desk_app.core.workflow import DossierStatus
from desk_app.i18n import _
from desk_app.models import (
    ChecklistAnswerRecord,
    DossierEventRecord,
    DossierRecord,
    HandoverBatchRecord,
    HandoverItemRecord,
    ProcedureVersionRecord,
    UserRecord,
)
from desk_app.printing import xlsx
from desk_app.printing.forms import bieu06, day_close, handover_batch, register_book
from desk_app.printing.forms.common import ComponentLine, DossierPrint, Signer
from desk_app.printing.layout import Agency
from desk_app.services import dossier_documents, journal, report_documents
from desk_app.services.changes import Changes
from desk_app.services.documents import BATCH_DOCUMENT, DOSSIER_DOCUMENTS, PERIOD_DOCUMENTS, PrintedDocument
from desk_app.services.dossier_views import events_of, find_dossier, unprinted_receipts
from desk_app.services.settings import (
    HEAD_NAME,
    HEAD_TITLE,
    PAPER,
    RESOLVER_AGENCY,
    RESOLVER_NAME,
    RESOLVER_TITLE,
    RULE_SET,
    SLIP_KEY,
    STOP_GROUND,
    TRACKING_URL,
    UNIT_NAME,
    UNIT_PARENT,
    UNIT_PHONE,
    UNIT_PLACE,
)
from desk_app.services.timefmt import parse_iso
from desk_app.services.uow import reading, writing

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database
    from desk_app.services.catalogue import CatalogueService
    from desk_app.services.dto import ProcedureDetail
    from desk_app.services.reports import ReportService
    from desk_app.services.settings import SettingsService

__all__ = ["BATCH_DOCUMENT", "DOSSIER_DOCUMENTS", "PERIOD_DOCUMENTS", "PrintService", "PrintedDocument"]


class PrintService:
    """Renders documents (pure forms) from the database, then records the print as an event."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        catalogue: CatalogueService,
        settings: SettingsService,
        reports: ReportService,
    ) -> None:
        self._db = db
        self._clock = clock
        self._catalogue = catalogue
        self._settings = settings
        self._reports = reports

    def agency(self) -> Agency:
        """The heading's agency block from the settings."""
        name = self._settings.get(UNIT_NAME) or "Bộ phận Tiếp nhận và Trả kết quả"
        return Agency(
            self._settings.get(UNIT_PARENT) or "Ủy ban nhân dân", name, self._settings.get(UNIT_PLACE)
        )

    def _unit_texts(self) -> dossier_documents.UnitTexts:
        get = self._settings.get
        return dossier_documents.UnitTexts(
            phone=get(UNIT_PHONE),
            head=Signer(get(HEAD_TITLE), get(HEAD_NAME)),
            resolver_agency=get(RESOLVER_AGENCY),
            resolver=Signer(get(RESOLVER_TITLE), get(RESOLVER_NAME)),
            stop_ground=get(STOP_GROUND),
        )

    def _slip_key(self) -> bytes:
        key = self._settings.get(SLIP_KEY)
        if not key:
            key = secrets.token_hex(32)
            self._settings.set(SLIP_KEY, key, journal.SYSTEM)
        return bytes.fromhex(key)

    def dossier_document(
        self, document: str, ref: str, actor: Actor, *, paper: str | None = None
    ) -> tuple[PrintedDocument, Changes]:
        """Render one dossier document and record it as printed (the CLI writes it to a file at once)."""
        printed = self.render_dossier_document(document, ref, paper=paper)
        return printed, self.record_print(printed, actor)

    def render_dossier_document(
        self, document: str, ref: str, *, paper: str | None = None
    ) -> PrintedDocument:
        """Render one dossier document for the preview; nothing is written (a closed preview is no print)."""
        if document not in DOSSIER_DOCUMENTS:
            raise InvalidInput(
                _("Không có mẫu in “{doc}”; chọn một trong: {docs}.").format(
                    doc=document, docs=", ".join(DOSSIER_DOCUMENTS)
                )
            )
        key = self._slip_key()
        agency = self.agency()
        paper = paper or self._settings.get(PAPER[document])
        with reading(self._db) as uow:
            record = find_dossier(uow.session, ref)
            printed = self._count_prints(uow.session, record.dossier_id, document)
            data = self._dossier_print(uow.session, record, agency, printed + 1, key, document)
            events = events_of(uow.session, record)
            source = dossier_documents.Source(data, events, paper, self._unit_texts())
            pdf = dossier_documents.render(document, source)
            dossier_id = record.dossier_id
        return PrintedDocument(document, data.ref, pdf, printed + 1, dossier_id)

    def record_print(self, printed: PrintedDocument, actor: Actor) -> Changes:
        """The document went to the printer (or into a file): its print event, with its print number."""
        with writing(self._db) as uow:
            record = find_dossier(uow.session, printed.dossier_id)
            status = DossierStatus(record.status)
            event = journal.new_event(
                uow.session,
                event_type=EventType.PRINTED,
                dossier_id=record.dossier_id,
                dossier_code=record.dossier_code,
                action="print",
                from_status=status,
                to_status=status,
                actor=actor,
                occurred_at=self._clock.now(),
                note=printed.document,
                data=Printed(document=printed.document, print=printed.reprint),
            )
            journal.append(uow.session, event, self._clock.now())
            uow.commit()
        return Changes.OUTBOX | Changes.DOSSIERS

    def unprinted_receipts(self, actor: Actor) -> list[str]:
        """Codes of the officer's accepted dossiers whose receipt was never printed (a closed preview)."""
        with reading(self._db) as uow:
            return unprinted_receipts(uow.session, actor.username)

    def _count_prints(self, session: Session, dossier_id: str, document: str) -> int:
        return int(
            session.scalar(
                select(func.count(DossierEventRecord.event_id)).where(
                    DossierEventRecord.dossier_id == dossier_id,
                    DossierEventRecord.action == "print",
                    DossierEventRecord.note == document,
                )
            )
            or 0
        )

    def _dossier_print(
        self,
        session: Session,
        record: DossierRecord,
        agency: Agency,
        reprint: int,
        key: bytes,
        document: str,
    ) -> DossierPrint:
        detail = self._catalogue.procedure_version(record.procedure_version_id)
        rounds = (
            session.scalar(
                select(func.max(ChecklistAnswerRecord.round)).where(
                    ChecklistAnswerRecord.dossier_id == record.dossier_id
                )
            )
            or 0
        )
        answers = {
            a.position: a
            for a in session.scalars(
                select(ChecklistAnswerRecord).where(
                    ChecklistAnswerRecord.dossier_id == record.dossier_id,
                    ChecklistAnswerRecord.round == rounds,
                )
            )
        }
        components = tuple(
            ComponentLine(
                c.position,
                c.name,
                c.kind,
                c.originals,
                c.copies,
                answers[c.position].originals if c.position in answers else 0,
                answers[c.position].copies if c.position in answers else 0,
                _substitute_words(
                    c.substitutes, answers[c.position].substitute if c.position in answers else 0
                ),
            )
            for c in detail.components
        )
        officer = session.scalar(select(UserRecord.full_name).where(UserRecord.username == record.created_by))
        desk = journal.identity(session)
        token = None
        if record.dossier_code:
            form = f"{DOCUMENTS[document].form(record.rule_set)}/{record.rule_set}"
            token = make_token(
                key,
                record.dossier_code,
                desk.desk_id,
                record.procedure_code,
                record.applicant_id_number or "",
                form,
            ).text(self._settings.get(TRACKING_URL))
        return DossierPrint(
            agency=agency,
            rule_set=record.rule_set,
            ref=record.dossier_code or record.dossier_id,
            code=record.dossier_code,
            procedure_code=record.procedure_code,
            procedure_name=detail.name,
            applicant_name=record.applicant_name,
            applicant_address=record.applicant_address or "",
            applicant_phone=record.applicant_phone or "",
            applicant_email=record.applicant_email or "",
            applicant_id_number=record.applicant_id_number or "",
            received_at=parse_iso(record.received_at),
            accepted_at=parse_iso(record.accepted_at) if record.accepted_at else None,
            due_at=parse_iso(record.due_at) if record.due_at else None,
            limit_text=_limit_words(record.limit_spec, detail, record.channel),
            bundles=record.bundles,
            components=components,
            register_year=record.register_year,
            register_number=record.register_number,
            department=record.department or "",
            officer_name=officer or record.created_by,
            reprint=reprint,
            qr_text=token,
            printed_at=self._clock.now(),
        )

    def register_pdf(self, start: date, end: date) -> bytes:
        """The register book of a period."""
        return register_book.render(self._register_data(start, end))

    def register_xlsx(self, start: date, end: date) -> bytes:
        """The register book of a period, as a workbook."""
        return xlsx.register_xlsx(self._register_data(start, end))

    def bieu06_xlsx(self, start: date, end: date) -> bytes:
        """Biểu 06 of a period, as a workbook laid out as the form."""
        return xlsx.bieu06_xlsx(self._bieu06_data(start, end))

    def _register_data(self, start: date, end: date) -> register_book.RegisterData:
        rule_set = self._settings.get(RULE_SET)
        return report_documents.register_data(self._reports, self.agency(), rule_set, start, end)

    def _bieu06_data(self, start: date, end: date) -> bieu06.Bieu06Data:
        return report_documents.bieu06_data(
            self._reports, self.agency(), start, end, self._clock.now(), head=self._settings.get(HEAD_NAME)
        )

    def batch_pdf(self, label: str, *, copies: int = 2) -> bytes:
        """The slip of a handover batch, by its label (BG-2026-0001)."""
        try:
            _prefix, year, number = label.strip().upper().split("-")
            key = (int(year), int(number))
        except ValueError:
            raise InvalidInput(
                _("Số phiếu bàn giao “{label}” phải có dạng BG-2026-0001.").format(label=label)
            ) from None
        with reading(self._db) as uow:
            session = uow.session
            batch = session.scalar(
                select(HandoverBatchRecord).where(
                    HandoverBatchRecord.year == key[0], HandoverBatchRecord.number == key[1]
                )
            )
            if batch is None:
                raise InvalidInput(_("Không có phiếu bàn giao {label}.").format(label=label))
            rows = session.execute(
                select(DossierRecord.dossier_code, DossierRecord.applicant_name, ProcedureVersionRecord.name)
                .join(HandoverItemRecord, HandoverItemRecord.dossier_id == DossierRecord.dossier_id)
                .join(ProcedureVersionRecord, ProcedureVersionRecord.id == DossierRecord.procedure_version_id)
                .where(HandoverItemRecord.batch_id == batch.id)
                .order_by(HandoverItemRecord.id)
            ).all()
            data = handover_batch.HandoverBatchData(
                self.agency(),
                f"BG-{batch.year}-{batch.number:04d}",
                batch.direction == "back",
                batch.department,
                parse_iso(batch.created_at),
                tuple(handover_batch.BatchLine(r[0] or "", r[1], r[2]) for r in rows),
                copies=copies,
                handed_by=session.scalar(
                    select(UserRecord.full_name).where(UserRecord.username == batch.handed_by)
                )
                or batch.handed_by,
            )
        return handover_batch.render(data, paper=self._settings.get(PAPER[BATCH_DOCUMENT]))

    def day_close_pdf(self, day: date, actor: Actor) -> bytes:
        """The officer's end-of-day summary."""
        s = self._reports.day_close(day)
        figures = (
            ("Hồ sơ tiếp nhận", s.received),
            ("Yêu cầu bổ sung", s.supplement_requests),
            ("Từ chối tiếp nhận", s.refused),
            ("Chuyển bộ phận giải quyết", s.handed_over),
            ("Nhận lại từ bộ phận giải quyết", s.received_back),
            ("Trả kết quả", s.returned),
            ("Sự kiện chờ đồng bộ", s.pending_sync),
        )
        return day_close.render(day_close.DayCloseData(self.agency(), day, actor.username, figures))

    def bieu06_pdf(self, start: date, end: date) -> bytes:
        """Biểu 06 of a period."""
        return bieu06.render(self._bieu06_data(start, end))


def _substitute_words(substitutes: tuple[str, ...], chosen: int) -> str:
    """The n-th fallback a paper names (1-based), or "" for the paper itself."""
    return substitutes[chosen - 1] if 0 < chosen <= len(substitutes) else ""


def _limit_words(spec: str | None, detail: ProcedureDetail, channel: str) -> str:
    """The time limit as the receipt states it: the one the dossier was given, else the catalogue's words.

    The second case is an officer-entered appointment: the catalogue's limit could not be read as days.
    """
    if spec:
        return parse_limit_spec(spec).describe()
    terms = next((t for t in detail.terms if t.channel == channel), None)
    words = terms.limit_text.strip() if terms is not None else ""
    return words if any(ch.isalpha() for ch in words) else ""  # a bare "1" says nothing
