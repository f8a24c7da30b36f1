"""The retry policy of sync.md §2.3 and how the client tells "unreachable" from other transients."""

from __future__ import annotations

import random

import httpx
import pytest

from desk_app.sync import errors
from desk_app.sync.client import SyncClient
from desk_app.sync.engine import RECONNECT_CAP, Backoff


def test_backoff_grows_from_one_second_with_full_jitter_up_to_the_cap() -> None:
    backoff = Backoff(rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(12)]
    ceilings = [min(60.0, 2.0**i) for i in range(12)]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert max(delays[8:]) > 16  # the ceiling really rises past the early values
    backoff.reset()
    assert backoff.failures == 0
    assert backoff.next_delay() <= 1.0


def test_while_central_is_unreachable_the_wait_stays_short() -> None:
    backoff = Backoff(rng=random.Random(3))
    delays = [backoff.next_delay(unreachable=True) for _ in range(50)]
    assert max(delays) <= RECONNECT_CAP
    assert backoff.failures == 50
    # Other transients (5xx, timeouts) after as many failures wait up to the 60 s cap again.
    others = [backoff.next_delay() for _ in range(50)]
    assert max(others) > RECONNECT_CAP
    assert max(others) <= 60.0


def _client(error: Exception) -> SyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return SyncClient("http://central.invalid", "t", transport=httpx.MockTransport(handler))


def test_a_refused_connection_is_unreachable_and_transient() -> None:
    with pytest.raises(errors.Unreachable) as caught:
        _client(httpx.ConnectError("refused")).meta()
    assert caught.value.transient


@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("cut"), httpx.ReadError("reset")]
)
def test_a_request_that_may_have_reached_central_is_transient_not_unreachable(error: Exception) -> None:
    with pytest.raises(errors.Transient) as caught:
        _client(error).meta()
    assert not isinstance(caught.value, errors.Unreachable)
