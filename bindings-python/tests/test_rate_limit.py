"""Client-side pacing: `max_requests_per_second` and `adaptive_rate_limit`, observed against the mock."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
ALBUM_ID = "1795607640592646273"
RATE = 5
# The bucket lets a second's worth of requests go at once, then one every 1/RATE s: twice that many calls take at
# least a second.
CALLS = 2 * RATE


def pds_call(mock: Mock, **options: Any) -> Callable[[], object]:
    client = drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, **options)
    return lambda: client.get_last_cursor(drive_id=DRIVE_ID).cursor


def koodrive_call(mock: Mock, **options: Any) -> Callable[[], object]:
    client = drivekit.KooDriveClient(base_url=mock.base_url, access_token=mock.token, user_id="u1", **options)
    return lambda: client.list_album_files(album_id=ALBUM_ID, page_size=1).content_list


def seconds_for(call: Callable[[], object], times: int) -> float:
    started = time.monotonic()
    for _ in range(times):
        assert call()
    return time.monotonic() - started


@pytest.mark.parametrize("client", [pds_call, koodrive_call])
def test_a_maximum_rate_paces_the_calls_after_a_seconds_worth(
    mock: Mock, client: Callable[..., Callable[[], object]]
) -> None:
    elapsed = seconds_for(client(mock, max_requests_per_second=RATE, adaptive_rate_limit=False), CALLS)
    assert 0.9 <= elapsed < 2.5, f"{CALLS} calls at {RATE} per second took {elapsed:.2f}s"
    assert len(mock.requests()) == CALLS


def test_a_maximum_rate_holds_with_the_adaptive_limiter_on(mock: Mock) -> None:
    elapsed = seconds_for(pds_call(mock, max_requests_per_second=RATE), CALLS)
    assert elapsed >= 0.9, f"{CALLS} calls at {RATE} per second took {elapsed:.2f}s"


def test_an_asyncio_client_paces_its_concurrent_calls_together(mock: Mock) -> None:
    async def in_a_loop() -> float:
        async with drivekit.AsyncPdsClient(
            base_url=mock.base_url, access_token=mock.token, max_requests_per_second=RATE, adaptive_rate_limit=False
        ) as client:
            started = time.monotonic()
            cursors = await asyncio.gather(*(client.get_last_cursor(drive_id=DRIVE_ID) for _ in range(CALLS)))
            assert all(cursor.cursor for cursor in cursors)
            return time.monotonic() - started

    elapsed = asyncio.run(in_a_loop())
    assert 0.9 <= elapsed < 2.5, f"{CALLS} calls at {RATE} per second took {elapsed:.2f}s"


@pytest.mark.parametrize("client", [pds_call, koodrive_call])
def test_without_a_maximum_and_adaptive_off_nothing_waits(
    mock: Mock, client: Callable[..., Callable[[], object]]
) -> None:
    elapsed = seconds_for(client(mock, adaptive_rate_limit=False), CALLS)
    assert elapsed < 0.5, f"{CALLS} unpaced calls took {elapsed:.2f}s"


@pytest.mark.parametrize("rate", [0, -1, 0.0, float("nan"), float("inf"), -float("inf")])
def test_a_maximum_rate_that_cannot_be_kept_is_refused_by_its_name(mock: Mock, rate: float) -> None:
    makers: list[Callable[..., Any]] = [
        lambda: drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, max_requests_per_second=rate),
        lambda: drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token, max_requests_per_second=rate),
        lambda: drivekit.KooDriveClient(
            base_url=mock.base_url, access_token=mock.token, user_id="u1", max_requests_per_second=rate
        ),
        lambda: drivekit.AsyncKooDriveClient(
            base_url=mock.base_url, access_token=mock.token, user_id="u1", max_requests_per_second=rate
        ),
    ]
    for make in makers:
        with pytest.raises(drivekit.ValidationError) as refused:
            make()
        assert refused.value.field == "max_requests_per_second"
        assert "`max_requests_per_second`" in str(refused.value)
    assert mock.requests() == []
