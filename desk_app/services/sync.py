"""Sync as the UI and the CLI see it: enrol, run once, status, review items, clock confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk_app.core.errors import InvalidInput
from desk_app.core.events import RejectReason, ReviewReason
from desk_app.core.workflow import Role
from desk_app.i18n import N_, _
from desk_app.models import ClockStateRecord, SyncConflictRecord, SyncCursorRecord
from desk_app.services.changes import Changes
from desk_app.services.timefmt import iso
from desk_app.services.uow import reading, writing
from desk_app.services.users import require
from desk_app.sync import errors
from desk_app.sync.engine import Backoff, SyncEngine, SyncReport
from desk_app.sync.protocol import CLOCK_WARN_MS
from desk_app.sync.worker_lock import WorkerLock, lock_path

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database
    from desk_app.services.outbox import OutboxService
    from desk_app.services.sync_store import SqliteSyncStore
    from desk_app.sync.tokens import TokenStore


__all__ = ["CLOCK_WARN_MS", "Backoff", "ReviewItem", "SyncReport", "SyncService", "SyncStatus"]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """Something central refused or the desk noticed, and what the officer can do about it."""

    id: int
    event_id: str
    reason: str
    detail: str
    created_at: str
    advice: str


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """``desk-app sync status --json``."""

    enrolled: bool
    url: str
    desk_id: str
    pending: int
    accepted: int
    needs_attention: int
    review_items: int
    last_sync_ok_at: str | None
    clock_offset_ms: int | None
    cursors: dict[str, int]


ADVICE: dict[str, str] = {
    RejectReason.CODE_CONFLICT: N_(
        "Mã hồ sơ đã có trên hệ thống trung tâm: đối chiếu sổ giấy, báo trưởng bộ phận để xử lý."
    ),
    RejectReason.INVALID_TRANSITION: N_(
        "Thao tác không hợp lệ với trạng thái trên trung tâm (bộ phận khác đã xử lý trước): "
        "xem dòng thời gian của hồ sơ và thực hiện lại thao tác đúng."
    ),
    RejectReason.BLOCKED_BY_PRIOR: N_("Một thao tác trước của hồ sơ này bị từ chối: xử lý mục đó trước."),
    ReviewReason.TAIL_LOSS: N_(
        "Dữ liệu của bàn bị mất phần cuối: đối chiếu các mã hồ sơ đã cấp với sổ giấy."
    ),
    ReviewReason.DEPARTMENT_STEP_NOT_APPLICABLE: N_(
        "Bộ phận giải quyết đã cập nhật hồ sơ khác với trạng thái tại bàn: "
        "xem dòng thời gian và liên hệ bộ phận."
    ),
    ReviewReason.PAYLOAD_MISMATCH: N_("Lỗi phần mềm: báo bộ phận kỹ thuật."),
    RejectReason.MALFORMED: N_("Lỗi phần mềm: dữ liệu sự kiện không đúng khai báo, báo bộ phận kỹ thuật."),
    ReviewReason.MALFORMED_PULLED_EVENT: N_(
        "Trung tâm gửi một sự kiện không đúng khai báo: bàn bỏ qua sự kiện đó, báo bộ phận kỹ thuật."
    ),
    ReviewReason.RELEARN_MALFORMED: N_(
        "Không khôi phục được một sự kiện của hồ sơ từ trung tâm (dữ liệu không đúng khai báo): "
        "báo bộ phận kỹ thuật."
    ),
    ReviewReason.RELEARN_CODE_REISSUED: N_(
        "Sau khi mất dữ liệu, bàn đã cấp lại một mã hồ sơ mà trung tâm đang giữ cho hồ sơ cũ: "
        "liên hệ công dân của hồ sơ cấp sau, thu hồi giấy tiếp nhận và báo trưởng bộ phận."
    ),
    ReviewReason.RELEARN_REGISTER_REISSUED: N_(
        "Sau khi mất dữ liệu, số sổ theo dõi đã bị cấp lại: đối chiếu sổ giấy và ghi chú vào sổ."
    ),
    ReviewReason.LOST_ON_CENTRAL: N_(
        "Máy chủ trung tâm được khôi phục từ bản sao lưu và không còn bước xử lý này của bộ phận giải "
        "quyết: hồ sơ trở về trạng thái trên trung tâm; liên hệ bộ phận để ghi lại bước đó."
    ),
    ReviewReason.RELEARN_UNKNOWN_PROCEDURE: N_(
        "Không khôi phục được hồ sơ từ trung tâm vì thiếu thủ tục trong danh mục: cập nhật danh mục rồi "
        "đồng bộ lại."
    ),
}


class SyncService:
    """Builds an engine per run (a fresh HTTP client), over the SQLite store."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        store: SqliteSyncStore,
        outbox: OutboxService,
        tokens: TokenStore,
        transport: Callable[[], httpx.BaseTransport | None] = lambda: None,
    ) -> None:
        self._db = db
        self._clock = clock
        self.store = store
        self._outbox = outbox
        self._tokens = tokens
        self.transport = transport  # tests put a MockTransport or a proxy here
        self.timeout_s: float | None = None  # None: the protocol's (connect 5 s, read 30 s)

    def enrol(self, url: str, code: str, actor: Actor) -> SyncStatus:
        """Enrol this desk with central using a one-time code (online only; supervisor or admin)."""
        require(actor, Role.SUPERVISOR, _("Đăng ký bàn với máy chủ trung tâm"))
        if not url.startswith(("http://", "https://")):
            raise InvalidInput(_("Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://."))
        from desk_app.sync.client import SyncClient  # httpx loads only when sync runs (start-up time)

        identity = self.store.identity()
        client = SyncClient(url, transport=self.transport())
        try:
            enrolment = client.enrol(
                code.strip(), identity.unit_code, identity.code_slot, self.store.next_push_seq()
            )
        except errors.Transient:
            raise InvalidInput(
                _("Không kết nối được máy chủ {url}; kiểm tra mạng rồi thử lại.").format(url=url)
            ) from None
        except errors.SyncError as exc:
            raise InvalidInput(_("Máy chủ từ chối đăng ký: {why}").format(why=exc)) from None
        finally:
            client.close()
        ref = f"desk-{enrolment.desk_id}"
        self._tokens.save(ref, enrolment.token)
        self.store.save_enrolment(url, enrolment, ref)
        return self.status()

    def run_once(self) -> SyncReport:
        """One sync run (meta, push, pull); an unenrolled desk reports so."""
        identity = self.store.identity()
        if not identity.enrolled:
            return SyncReport(error=_("Bàn chưa đăng ký với máy chủ trung tâm."))
        token = self._tokens.load(identity.token_ref)
        if not token:
            return SyncReport(error=_("Không tìm thấy khóa đăng ký của bàn; hãy đăng ký lại."))
        from desk_app.sync.client import SyncClient

        lock = WorkerLock(lock_path(self._db.path))
        if not lock.acquire():
            return SyncReport(error=_("Một phiên đồng bộ khác đang chạy trên dữ liệu này."), transient=True)
        client = SyncClient(identity.url, token, transport=self.transport(), timeout=self._timeout())
        try:
            return SyncEngine(self.store, client, now=self._clock.now).run_once()
        finally:
            client.close()
            lock.release()

    def _timeout(self) -> httpx.Timeout:
        import httpx

        from desk_app.sync.client import TIMEOUT

        return (
            TIMEOUT
            if self.timeout_s is None
            else httpx.Timeout(self.timeout_s, connect=min(5.0, self.timeout_s))
        )

    def status(self) -> SyncStatus:
        """Enrolment, queue counts, last success, clock offset, cursors."""
        identity = self.store.identity()
        counts = self._outbox.counts()
        with reading(self._db) as uow:
            state = uow.session.get(ClockStateRecord, 1)
            last_ok, offset = (state.last_sync_ok_at, state.last_offset_ms) if state else (None, None)
            cursors = dict(
                uow.session.execute(select(SyncCursorRecord.stream, SyncCursorRecord.cursor)).all()
            )
            open_items = len(
                uow.session.scalars(
                    select(SyncConflictRecord.id).where(SyncConflictRecord.resolved_at.is_(None))
                ).all()
            )
        return SyncStatus(
            identity.enrolled,
            identity.url,
            identity.central_desk_id,
            counts.pending,
            counts.accepted,
            counts.needs_attention,
            open_items,
            last_ok,
            offset,
            {str(k): int(v) for k, v in cursors.items()},
        )

    def review_items(self) -> list[ReviewItem]:
        """Open review items with advice."""
        return [
            ReviewItem(i, e, r, d, c, _(ADVICE.get(r, "Báo trưởng bộ phận để xem xét.")))
            for i, e, r, d, c in self.store.conflicts()
        ]

    def resolve(self, item_id: int, actor: Actor) -> Changes:
        """A supervisor closes a review item after acting on it."""
        require(actor, Role.SUPERVISOR, _("Đóng mục cần xử lý"))
        with writing(self._db) as uow:
            record = uow.session.get(SyncConflictRecord, item_id)
            if record is None:
                raise InvalidInput(_("Không có mục cần xử lý số {n}.").format(n=item_id))
            record.resolved_at = iso(self._clock.now())
            uow.commit()
        return Changes.OUTBOX

    def confirm_clock(self, actor: Actor) -> Changes:
        """A supervisor has set the clock right: issuing codes may resume (until the next measurement)."""
        require(actor, Role.SUPERVISOR, _("Xác nhận đồng hồ"))
        with writing(self._db) as uow:
            state = uow.session.get(ClockStateRecord, 1)
            if state is not None:
                state.last_offset_ms = None
            uow.commit()
        return Changes.OUTBOX
