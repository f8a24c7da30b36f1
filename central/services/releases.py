"""Publishing catalogue and calendar releases: immutable, versioned, sent down the reference stream."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from central.models import ReferenceReleaseRecord
from central.services.changes import log_change
from central.services.errors import CentralError
from desk_app.core.calendar import rules_from_release
from desk_app.sync.protocol import KIND_CALENDAR, KIND_CATALOGUE, STREAM_REFERENCE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

CATALOGUE_FORMAT = "onestop-catalogue-release"
CALENDAR_FORMAT = "onestop-calendar-release"


def _canonical_hash(value: Any) -> str:
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def check_catalogue(body: dict[str, Any]) -> int:
    """The release version of a catalogue release; refuses a damaged or foreign file."""
    if body.get("format") != CATALOGUE_FORMAT or body.get("format_version") != 1:
        raise CentralError(400, "bad_release", f"not a {CATALOGUE_FORMAT} (format_version 1) file")
    items = body.get("procedures")
    if not isinstance(items, list) or not items:
        raise CentralError(400, "bad_release", "the release has no procedures")
    if body.get("content_hash") != _canonical_hash(items):
        raise CentralError(400, "bad_release", "content_hash does not match: the file is damaged or edited")
    version = body.get("release_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CentralError(400, "bad_release", "release_version must be a positive integer")
    return version


def check_calendar(body: dict[str, Any]) -> int:
    """The release version of a calendar release."""
    if body.get("format") != CALENDAR_FORMAT or body.get("format_version") != 1:
        raise CentralError(400, "bad_release", f"not a {CALENDAR_FORMAT} (format_version 1) file")
    version = body.get("release_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CentralError(400, "bad_release", "release_version must be a positive integer")
    if not isinstance(body.get("overrides", []), list) or not isinstance(body.get("office_hours"), list):
        raise CentralError(400, "bad_release", "office_hours and overrides must be lists")
    # Read it as every desk will: a release desks cannot read would stop their reference stream.
    try:
        rules_from_release(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise CentralError(400, "bad_release", f"the calendar release cannot be read: {exc}") from None
    return version


class ReleaseService:
    """``desk-central publish catalogue|calendar FILE``."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def publish(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store a release (a version is published once) and put it in the reference stream."""
        version = check_catalogue(body) if kind == "catalogue" else check_calendar(body)
        digest = _canonical_hash(body)
        with self._sessions.begin() as session:
            existing = session.get(ReferenceReleaseRecord, (kind, version))
            if existing is not None:
                if existing.sha256 == digest:
                    return {"kind": kind, "version": version, "published": False}
                raise CentralError(
                    409, "version_taken", f"{kind} release {version} exists with other content"
                )
            latest = (
                session.scalar(
                    select(func.max(ReferenceReleaseRecord.version)).where(
                        ReferenceReleaseRecord.kind == kind
                    )
                )
                or 0
            )
            if version <= latest:
                raise CentralError(409, "version_not_newer", f"{kind} release {version} <= {latest}")
            session.add(
                ReferenceReleaseRecord(
                    kind=kind,
                    version=version,
                    effective_from=str(body.get("effective_from") or ""),
                    sha256=digest,
                    body=body,
                )
            )
            seq = log_change(
                session,
                STREAM_REFERENCE,
                "*",
                KIND_CATALOGUE if kind == "catalogue" else KIND_CALENDAR,
                f"{kind}:{version}",
                body,
            )
        return {"kind": kind, "version": version, "published": True, "server_seq": seq}
