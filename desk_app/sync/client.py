"""The HTTP client of the sync protocol (httpx); maps status codes onto ``errors``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from desk_app import __version__
from desk_app.sync import errors
from desk_app.sync.protocol import (
    CURSOR_EXPIRED,
    GAP,
    HEADER_APP_VERSION,
    HEADER_PROTOCOL,
    HEADER_SCHEMA,
    MAX_PAGE,
    PAYLOAD_MISMATCH,
    PROTOCOL_VERSION,
    SEQ_REUSED,
    Enrolment,
    Meta,
    PullPage,
    PushEvent,
    PushResponse,
)

if TYPE_CHECKING:
    from collections.abc import Callable

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class SyncClient:
    """One central server; ``transport`` lets tests plug in ``httpx.MockTransport``."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        schema_version: str = "",
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:
        headers = {
            HEADER_PROTOCOL: str(PROTOCOL_VERSION),
            HEADER_APP_VERSION: __version__,
            HEADER_SCHEMA: schema_version,
            "Connection": "close",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self.clock_offset_ms: int | None = None

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.ConnectError as exc:  # refused, no route, name not found: nothing was sent
            raise errors.Unreachable(f"{type(exc).__name__}") from None
        except httpx.HTTPError as exc:  # read, timeout, reset, protocol errors
            raise errors.Transient(f"{type(exc).__name__}") from None
        return _check(response)

    def enrol(self, code: str, unit_code: str, code_slot: int, first_desk_seq: int) -> Enrolment:
        """``POST /v1/enrol``."""
        return Enrolment.from_json(
            self._call(
                "POST",
                "/v1/enrol",
                json={
                    "code": code,
                    "unit_code": unit_code,
                    "code_slot": code_slot,
                    "first_desk_seq": first_desk_seq,
                },
            )
        )

    def meta(self) -> Meta:
        """``GET /v1/meta``."""
        return Meta.from_json(self._call("GET", "/v1/meta"))

    def push(self, batch_id: str, events: list[PushEvent]) -> PushResponse:
        """``POST /v1/push`` (at most 100 events, in desk_seq order)."""
        headers = {} if self.clock_offset_ms is None else {"X-Clock-Offset-Ms": str(self.clock_offset_ms)}
        body = {"batch_id": batch_id, "events": [e.to_json() for e in events]}
        return PushResponse.from_json(self._call("POST", "/v1/push", json=body, headers=headers))

    def pull(self, stream: str, after: int, limit: int = MAX_PAGE) -> PullPage:
        """``GET /v1/pull``."""
        return PullPage.from_json(
            self._call("GET", "/v1/pull", params={"stream": stream, "after": after, "limit": limit})
        )


def _check(response: httpx.Response) -> dict[str, Any]:
    status = response.status_code
    body = _body(response)
    if status == 200:
        if not body:
            raise errors.Transient("empty or truncated response")
        return body
    raise _error(status, str(body.get("error", "")), body)


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _error(status: int, code: str, body: dict[str, Any]) -> errors.SyncError:
    """The error a refused request means (sync.md §2.6)."""
    if status == 401:
        return errors.Unauthorized(str(body.get("message", "unauthorized")))
    if status == 426:
        return errors.UpgradeRequired(str(body.get("message", "upgrade required")))
    coded = _CODED.get((status, code))
    if coded is not None:
        return coded(body)
    if status == 429 or status >= 500:
        return errors.Transient(f"HTTP {status}")
    return errors.Refused(f"HTTP {status} {code}: {body.get('message', '')}".strip())


_CODED: dict[tuple[int, str], Callable[[dict[str, Any]], errors.SyncError]] = {
    (409, GAP): lambda b: errors.Gap(int(b["expected"]), int(b.get("desk_hwm", 0))),
    (409, SEQ_REUSED): lambda b: errors.SeqReused(int(b["desk_hwm"]), int(b["desk_seq"])),
    (422, PAYLOAD_MISMATCH): lambda b: errors.PayloadMismatch(str(b.get("event_id", ""))),
    (410, CURSOR_EXPIRED): lambda b: errors.CursorExpired(str(b.get("message", ""))),
}
