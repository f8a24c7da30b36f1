"""``/v1/enrol``, ``/v1/meta``, ``/v1/push``, ``/v1/pull`` (sync.md §2.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Body, Header, Query, Request

from central.services.errors import CentralError, bad_request

if TYPE_CHECKING:
    from central.app import CentralServices
from desk_app.sync.protocol import MAX_PAGE, PROTOCOL_MIN

router = APIRouter(prefix="/v1")


def _services(request: Request) -> CentralServices:
    services: CentralServices = request.app.state.services
    return services


def _token(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def _check_protocol(version: str | None) -> None:
    try:
        number = int(version) if version else PROTOCOL_MIN
    except ValueError:
        raise bad_request("X-Sync-Protocol must be an integer") from None
    if number < PROTOCOL_MIN:
        raise CentralError(
            426,
            "upgrade_required",
            f"protocol {number} is too old; update the desk app",
            protocol_min=PROTOCOL_MIN,
        )


@router.post("/enrol")
def enrol(
    request: Request,
    body: Annotated[dict[str, Any], Body()],
    x_sync_protocol: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Exchange a one-time enrolment code for the desk's identity and token."""
    _check_protocol(x_sync_protocol)
    try:
        code, unit, slot = str(body["code"]), str(body["unit_code"]), int(body["code_slot"])
        first = int(body.get("first_desk_seq", 1))
    except (KeyError, TypeError, ValueError):
        raise bad_request("body must be {code, unit_code, code_slot, first_desk_seq}") from None
    return _services(request).admin.enrol(code, unit, slot, first)


@router.get("/meta")
def meta(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_sync_protocol: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Server time, protocol range, epoch and the desk's high-water marks."""
    _check_protocol(x_sync_protocol)
    return _services(request).reads.meta(_token(authorization))


@router.post("/push")
def push(
    request: Request,
    body: Annotated[dict[str, Any], Body()],
    authorization: Annotated[str | None, Header()] = None,
    x_sync_protocol: Annotated[str | None, Header()] = None,
    x_clock_offset_ms: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Store a batch of desk events; per-event results."""
    _check_protocol(x_sync_protocol)
    return _services(request).push.push(_token(authorization), body, x_clock_offset_ms)


@router.get("/pull")
def pull(
    request: Request,
    stream: str,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
    authorization: Annotated[str | None, Header()] = None,
    x_sync_protocol: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """One page of a stream after the cursor."""
    _check_protocol(x_sync_protocol)
    return _services(request).reads.pull(_token(authorization), stream, after, limit)
