"""Desk tokens: 256-bit random, only their SHA-256 stored; the token names the desk, never the body."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select

from central.models import DeskRecord
from central.services.errors import unauthorized

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def new_token() -> str:
    """A fresh desk token."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    """What is stored for a token."""
    return hashlib.sha256(token.encode("utf-8")).digest()


def desk_for_token(session: Session, token: str | None, *, lock: bool = False) -> DeskRecord:
    """The active desk a token belongs to (row-locked when ``lock``); 401 otherwise."""
    if not token:
        raise unauthorized()
    query = select(DeskRecord).where(DeskRecord.token_sha256 == token_hash(token))
    if lock:
        query = query.with_for_update()
    desk = session.scalar(query)
    if desk is None or desk.revoked_at is not None:
        raise unauthorized()
    return desk
