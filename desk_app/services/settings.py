"""Desk and domain settings: each key declared once with its default and type."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from desk_app.core.documents import DOCUMENTS, PAPER_CHOICES, RULE_SETS
from desk_app.core.errors import InvalidInput
from desk_app.core.workflow import Action, Role
from desk_app.i18n import N_, _
from desk_app.models import SettingRecord
from desk_app.services.changes import Changes
from desk_app.services.timefmt import iso
from desk_app.services.uow import driver, reading, writing
from desk_app.services.users import require

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.core.clock import Clock
    from desk_app.core.dossier import Actor
    from desk_app.models.db import Database

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """A declared setting: key, default, value type, a title for the settings screen, who may change it."""

    key: str
    default: T
    kind: type
    title: str
    role: Role = Role.OFFICER


RULE_SET = Setting("forms.rule_set", "TT03-2025", str, N_("Bộ biểu mẫu áp dụng"), Role.ADMIN)
LANGUAGE = Setting("ui.language", "vi", str, N_("Ngôn ngữ giao diện"))
UNIT_NAME = Setting("unit.name", "", str, N_("Tên đơn vị"), Role.ADMIN)
UNIT_PLACE = Setting("unit.place", "", str, N_("Địa danh (dòng “…, ngày … tháng … năm …”)"), Role.ADMIN)
UNIT_PARENT = Setting("unit.parent", "", str, N_("Cơ quan chủ quản (dòng đầu của tiêu đề)"), Role.ADMIN)
UNIT_PHONE = Setting("unit.phone", "", str, N_("Số điện thoại liên hệ in trên phiếu"), Role.ADMIN)
HEAD_TITLE = Setting(
    "signer.head.title",
    "",
    str,
    N_("Chức danh người đứng đầu đơn vị (ký thông báo dừng, Biểu 06)"),
    Role.ADMIN,
)
HEAD_NAME = Setting("signer.head.name", "", str, N_("Họ tên người đứng đầu đơn vị"), Role.ADMIN)
RESOLVER_AGENCY = Setting(
    "signer.resolver.agency",
    "",
    str,
    N_("Cơ quan giải quyết ký văn bản xin lỗi (ví dụ: Ủy ban nhân dân xã …)"),
    Role.ADMIN,
)
RESOLVER_TITLE = Setting(
    "signer.resolver.title",
    "",
    str,
    N_("Chức danh người ký văn bản xin lỗi (hai dòng cách nhau bằng “;”: TM. ỦY BAN NHÂN DÂN; CHỦ TỊCH)"),
    Role.ADMIN,
)
RESOLVER_NAME = Setting("signer.resolver.name", "", str, N_("Họ tên người ký văn bản xin lỗi"), Role.ADMIN)
STOP_GROUND = Setting(
    "forms.stop_ground",
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính "
    "theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
    str,
    N_("Căn cứ pháp lý in trên thông báo dừng giải quyết hồ sơ"),
    Role.ADMIN,
)
TRACKING_URL = Setting(
    "forms.tracking_url",
    "",
    str,
    N_("Địa chỉ trang tra cứu hồ sơ (in trong mã QR trên phiếu; để trống: mã QR rút gọn)"),
    Role.ADMIN,
)
# The unit's texts the settings screen edits, in its order. They print on every legal form: admins only.
UNIT_TEXTS = (
    UNIT_NAME,
    UNIT_PARENT,
    UNIT_PLACE,
    UNIT_PHONE,
    HEAD_TITLE,
    HEAD_NAME,
    RESOLVER_AGENCY,
    RESOLVER_TITLE,
    RESOLVER_NAME,
    STOP_GROUND,
    TRACKING_URL,
)
IDLE_LOCK_MINUTES = Setting(
    "security.idle_lock_minutes",
    10,
    int,
    N_("Khóa màn hình sau số phút không thao tác (0: không khóa)"),
    Role.ADMIN,
)
SLIP_KEY = Setting("security.slip_key", "", str, N_("Khóa ký mã QR trên phiếu (tự sinh)"))
SYNC_URL = Setting("sync.url", "", str, N_("Địa chỉ máy chủ trung tâm"), Role.ADMIN)
SYNC_DESK_ID = Setting("sync.desk_id", "", str, N_("Mã bàn do máy chủ trung tâm cấp"), Role.ADMIN)

PAPERS = ("A5", "A4", "A4-landscape")
PAPER = {
    doc: Setting(f"print.paper.{doc}", DOCUMENTS[doc].paper, str, N_("Khổ giấy")) for doc in PAPER_CHOICES
}
PRINTER = {doc: Setting(f"print.printer.{doc}", "", str, N_("Máy in")) for doc in PAPER_CHOICES}
SCAN_FEEDBACK = Setting("scan.feedback", True, bool, N_("Tiếng bíp và nháy màu sau mỗi lần quét mã"))
AUTO_PRINT = Setting("print.auto", False, bool, N_("In thẳng ra máy in đã chọn, không hỏi"))
LANGUAGES = ("vi", "en")
QUICK_REASONS: dict[Action, Setting[str]] = {
    Action.REFUSE: Setting(
        f"reasons.{Action.REFUSE.value}",
        "Thủ tục hành chính không thuộc thẩm quyền giải quyết của cơ quan, đơn vị.\n"
        "Người nộp không phải người yêu cầu hoặc người được ủy quyền hợp lệ.\n"
        "Giấy tờ trong hồ sơ có dấu hiệu tẩy xóa, sửa chữa, giả mạo.\n"
        "Yêu cầu không thuộc phạm vi của thủ tục hành chính đã chọn.",
        str,
        N_("Lý do từ chối tiếp nhận thường dùng (mỗi dòng một lý do)"),
        Role.SUPERVISOR,
    ),
    Action.RESCHEDULE: Setting(
        f"reasons.{Action.RESCHEDULE.value}",
        "Cần xác minh thêm thông tin với cơ quan, đơn vị có liên quan.\n"
        "Chưa nhận được ý kiến của cơ quan phối hợp giải quyết.\n"
        "Cần kiểm tra, thẩm định thực tế.\n"
        "Hệ thống, cơ sở dữ liệu chuyên ngành gặp sự cố.",
        str,
        N_("Lý do hẹn lại thường dùng (mỗi dòng một lý do)"),
        Role.SUPERVISOR,
    ),
    Action.REQUEST_SUPPLEMENT: Setting(
        f"reasons.{Action.REQUEST_SUPPLEMENT.value}",
        "Cơ quan giải quyết yêu cầu bổ sung, làm rõ thông tin trong hồ sơ.\n"
        "Tờ khai chưa đúng mẫu hoặc kê khai chưa đầy đủ.",
        str,
        N_("Lý do yêu cầu bổ sung thường dùng (mỗi dòng một lý do)"),
        Role.SUPERVISOR,
    ),
    Action.STOP: Setting(
        f"reasons.{Action.STOP.value}",
        "Người nộp không bổ sung hồ sơ theo yêu cầu trong thời hạn.\n"
        "Có văn bản của cơ quan có thẩm quyền yêu cầu dừng giải quyết.",
        str,
        N_("Lý do dừng giải quyết thường dùng (mỗi dòng một lý do)"),
        Role.SUPERVISOR,
    ),
    Action.WITHDRAW: Setting(
        f"reasons.{Action.WITHDRAW.value}",
        "Người nộp có đơn đề nghị rút hồ sơ.",
        str,
        N_("Lý do rút hồ sơ thường dùng (mỗi dòng một lý do)"),
        Role.SUPERVISOR,
    ),
}


def officer_language(username: str) -> Setting[str]:
    """One officer's interface language; empty means the desk's (``LANGUAGE``)."""
    return Setting(f"{LANGUAGE.key}.{username}", "", str, LANGUAGE.title)


class SettingsService:
    """Reads and writes the settings declared above (a key is only reachable through its ``Setting``)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default."""
        with reading(self._db) as uow:
            return self.get_in(uow.session, setting)

    def get_in(self, session: Session, setting: Setting[T]) -> T:
        """:meth:`get` inside the caller's transaction."""
        row = driver(session).execute("SELECT value FROM settings WHERE key = ?", (setting.key,)).fetchone()
        if row is None:
            return setting.default
        value: T = json.loads(row[0])
        return value

    def set(self, setting: Setting[T], value: T, actor: str) -> Changes:
        """Store a value after checking its type."""
        if not isinstance(value, setting.kind):
            raise InvalidInput(_("Giá trị của “{title}” không đúng kiểu.").format(title=_(setting.title)))
        if setting.key.startswith("print.paper.") and value not in PAPERS:
            raise InvalidInput(_("Khổ giấy phải là một trong: {papers}.").format(papers=", ".join(PAPERS)))
        if setting is RULE_SET and value not in RULE_SETS:
            raise InvalidInput(_("Bộ biểu mẫu phải là một trong: {sets}.").format(sets=", ".join(RULE_SETS)))
        if setting.key.startswith(LANGUAGE.key) and value not in LANGUAGES:
            raise InvalidInput(_("Ngôn ngữ phải là “vi” (tiếng Việt) hoặc “en” (tiếng Anh)."))
        with writing(self._db) as uow:
            self.write(uow.session, setting, value, actor)
            uow.commit()
        return Changes.SETTINGS

    def change(self, setting: Setting[T], value: T, actor: Actor) -> Changes:
        """:meth:`set` on an officer's behalf: refused unless the officer's role may change it."""
        require(actor, setting.role, _(setting.title))
        return self.set(setting, value, actor.username)

    def quick_reasons(self, action: Action) -> list[str]:
        """The common reasons offered for ``action``, one per stored line."""
        setting = QUICK_REASONS.get(action)
        if setting is None:
            return []
        return [line.strip() for line in self.get(setting).splitlines() if line.strip()]

    def language_for(self, username: str) -> str:
        """The language an officer chose, else the desk's."""
        return self.get(officer_language(username)) or self.get(LANGUAGE)

    def write(self, session: Session, setting: Setting[T], value: T, actor: str) -> None:
        """Write inside a caller's transaction."""
        session.merge(
            SettingRecord(
                key=setting.key,
                value=json.dumps(value, ensure_ascii=False),
                updated_by=actor,
                updated_at=iso(self._clock.now()),
            )
        )
