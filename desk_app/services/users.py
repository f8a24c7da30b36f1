"""Officer accounts: one per officer, roles enforced by the services, argon2id hashes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, select

from desk_app.core.dossier import Actor
from desk_app.core.errors import DomainError, InvalidInput, NotFound
from desk_app.core.text import clean_line
from desk_app.core.workflow import Role
from desk_app.i18n import _
from desk_app.models import UserRecord
from desk_app.services.changes import Changes
from desk_app.services.timefmt import iso
from desk_app.services.uow import reading, writing

if TYPE_CHECKING:
    from desk_app.core.clock import Clock
    from desk_app.models.db import Database

MIN_PASSWORD = 8


class PermissionDenied(DomainError):
    """The acting officer's role does not allow this."""


class LoginFailed(DomainError):
    """Wrong user name or password (never says which)."""


def require(actor: Actor, role: Role, what: str) -> None:
    """Refuse unless ``actor`` has at least ``role``."""
    if not actor.role.at_least(role):
        raise PermissionDenied(
            _("{what}: cần quyền {role}; tài khoản {user} không có quyền này.").format(
                what=what, role=role.label, user=actor.username
            )
        )


class UserService:
    """Adds, lists and authenticates officers."""

    def __init__(self, db: Database, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        self._hasher = hasher or PasswordHasher()

    def _check_password(self, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise InvalidInput(_("Mật khẩu phải có ít nhất {n} ký tự.").format(n=MIN_PASSWORD))

    def add(self, username: str, full_name: str, role: Role, password: str, actor: Actor | None) -> Changes:
        """Create an account; only an admin may, except for the very first account."""
        username = clean_line(username).lower()
        if not username or " " in username:
            raise InvalidInput(_("Tên đăng nhập không được trống hoặc có dấu cách."))
        self._check_password(password)
        hashed = self._hasher.hash(password)
        with writing(self._db) as uow:
            session = uow.session
            first = not session.scalar(select(func.count(UserRecord.id)))
            if not first:
                if actor is None:
                    raise PermissionDenied(_("Cần tài khoản quản trị để thêm người dùng."))
                require(actor, Role.ADMIN, _("Thêm người dùng"))
            if session.scalar(select(UserRecord).where(UserRecord.username == username)) is not None:
                raise InvalidInput(_("Tên đăng nhập “{u}” đã có.").format(u=username))
            now = iso(self._clock.now())
            session.add(
                UserRecord(
                    username=username,
                    full_name=clean_line(full_name) or username,
                    role=role.value,
                    password_hash=hashed,
                    active=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            uow.commit()
        return Changes.USERS

    def list(self) -> list[tuple[str, str, str, bool]]:
        """(username, full name, role, active) of every account."""
        with reading(self._db) as uow:
            rows = uow.session.scalars(select(UserRecord).order_by(UserRecord.username))
            return [(u.username, u.full_name, u.role, u.active) for u in rows]

    def set_password(self, username: str, password: str, actor: Actor) -> Changes:
        """Change a password: one's own, or anyone's for an admin."""
        if actor.username != username:
            require(actor, Role.ADMIN, _("Đổi mật khẩu người khác"))
        self._check_password(password)
        hashed = self._hasher.hash(password)
        with writing(self._db) as uow:
            user = uow.session.scalar(select(UserRecord).where(UserRecord.username == username))
            if user is None:
                raise NotFound(_("Không có tài khoản “{u}”.").format(u=username))
            user.password_hash = hashed
            user.updated_at = iso(self._clock.now())
            uow.commit()
        return Changes.USERS

    def change_own_password(self, actor: Actor, current: str, new: str) -> Changes:
        """An officer's own new password, given the current one (a shared PC is not enough)."""
        try:
            self.authenticate(actor.username, current)
        except LoginFailed:
            raise LoginFailed(_("Mật khẩu hiện tại không đúng.")) from None
        if new == current:
            raise InvalidInput(_("Mật khẩu mới phải khác mật khẩu hiện tại."))
        return self.set_password(actor.username, new, actor)

    def authenticate(self, username: str, password: str) -> Actor:
        """The actor for a correct user name and password."""
        with reading(self._db) as uow:
            user = uow.session.scalar(
                select(UserRecord).where(UserRecord.username == clean_line(username).lower())
            )
            stored = user.password_hash if user is not None and user.active else None
            role = Role(user.role) if user is not None else Role.OFFICER
        try:
            if stored is None:
                raise VerifyMismatchError
            self._hasher.verify(stored, password)
        except (VerifyMismatchError, InvalidHashError):
            raise LoginFailed(_("Sai tên đăng nhập hoặc mật khẩu.")) from None
        return Actor(clean_line(username).lower(), role)

    def actor(self, username: str) -> Actor:
        """The actor of an existing, active account (the command line acts as a named officer)."""
        with reading(self._db) as uow:
            user = uow.session.scalar(
                select(UserRecord).where(UserRecord.username == clean_line(username).lower())
            )
            if user is None or not user.active:
                raise NotFound(
                    _(
                        "Không có tài khoản “{u}” đang hoạt động; dùng --user TÊN hoặc “desk-app user add”."
                    ).format(u=username)
                )
            return Actor(user.username, Role(user.role))
