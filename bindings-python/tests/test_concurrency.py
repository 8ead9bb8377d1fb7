"""The asyncio clients, cancellation, and threads sharing one blocking client."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
LIST_DELTA = "/v2/file/list_delta"
ALBUM_ID = "1795607640592646273"


def test_async_clients_do_every_operation(mock: Mock) -> None:
    async def session() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as client:
            last = await client.get_last_cursor(drive_id=DRIVE_ID)
            page = await client.list_delta(drive_id=DRIVE_ID, limit=5)
            assert page.items and last.cursor
            changes = [change async for change in client.iter_delta(drive_id=DRIVE_ID, limit=100)]
            pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=100)
            async for _ in pages:
                pass
            assert pages.done and pages.cursor == last.cursor
            assert len(changes) == sum(1 for _ in drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token)
                                       .iter_delta(drive_id=DRIVE_ID))
            trashed = [file async for file in client.iter_recyclebin(drive_id=DRIVE_ID, limit=200)]
            first_bin_page = await client.list_recyclebin(drive_id=DRIVE_ID, limit=10)
            assert first_bin_page.items == trashed[:10]
            photo = await client.get_file(drive_id=DRIVE_ID, file_id="9520943DC264")
            renamed = await client.update_file(drive_id=DRIVE_ID, file_id="9520943DC264", name=f"async-{photo.name}")
            assert renamed.name == f"async-{photo.name}"
        assert client.closed
        async with drivekit.AsyncKooDriveClient(base_url=mock.base_url, access_token=mock.token, user_id="u1") as album:
            photos = [photo async for photo in album.iter_album_files(album_id=ALBUM_ID)]
            assert len(photos) == 252
            page_sizes = [len(p.content_list or []) async for p in album.iter_album_files_pages(album_id=ALBUM_ID)]
            assert sum(page_sizes) == 252
            one = await album.list_album_files(album_id=ALBUM_ID, page_size=1)
            assert one.content_list

    asyncio.run(session())


def test_an_async_token_provider_is_awaited_on_the_callers_loop(mock: Mock) -> None:
    asked: list[asyncio.AbstractEventLoop] = []

    async def provide() -> str:
        await asyncio.sleep(0)
        asked.append(asyncio.get_running_loop())
        return mock.token

    async def session() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, token_provider=provide) as client:
            await client.get_last_cursor(drive_id=DRIVE_ID)
            # The service refuses the token once, in the listing: it asks for a new one, on the same loop.
            mock.arm(path=LIST_DELTA, kind="status", status=401, count=1)
            pages = [page async for page in client.iter_delta_pages(drive_id=DRIVE_ID, limit=100)]
        assert len(pages) > 1 and len(asked) == 2, "once for the client, once more after the refusal"
        assert set(asked) == {asyncio.get_running_loop()}

    asyncio.run(session())


def test_a_blocking_client_refuses_an_async_token_provider(mock: Mock) -> None:
    async def provide() -> str:
        return mock.token

    with drivekit.PdsClient(base_url=mock.base_url, token_provider=provide) as client:  # type: ignore[arg-type]
        with pytest.raises(drivekit.DriveError, match="async providers are for AsyncPdsClient") as refused:
            client.get_last_cursor(drive_id=DRIVE_ID)
    assert refused.value.kind == "token_provider"
    assert mock.requests() == []


def test_async_errors_are_the_same_exceptions(mock: Mock) -> None:
    async def session() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as client:
            with pytest.raises(drivekit.ValidationError):
                await client.list_delta(drive_id=DRIVE_ID, limit=101)
            with pytest.raises(drivekit.ApiError):
                await client.get_file(drive_id=DRIVE_ID, file_id="missing")

    asyncio.run(session())


def test_wait_for_cancels_a_slow_call_without_blocking_the_loop(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=3000, count=1)

    async def session() -> float:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as client:
            ticks = 0

            async def heartbeat() -> None:
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.01)
                    ticks += 1

            beating = asyncio.ensure_future(heartbeat())
            started = time.monotonic()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(client.list_delta(drive_id=DRIVE_ID), timeout=0.3)
            elapsed = time.monotonic() - started
            beating.cancel()
            assert ticks > 10, "the event loop kept running while the call waited"
            assert (await client.list_delta(drive_id=DRIVE_ID, limit=1)).items, "the client still works"
            return elapsed

    assert asyncio.run(session()) < 1.5


def test_cancelling_a_task_stops_its_request(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=3000, count=1)

    async def session() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token, retries=0) as client:
            task = asyncio.create_task(client.list_delta(drive_id=DRIVE_ID))
            await asyncio.sleep(0.2)
            task.cancel()
            started = time.monotonic()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.monotonic() - started < 0.5

    asyncio.run(session())
    assert len(mock.requests(LIST_DELTA)) <= 1, "a cancelled call is not retried"


def test_threads_sharing_one_client_wait_in_parallel(mock: Mock) -> None:
    threads = 8
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=500, count=threads)
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token) as client:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            pages = list(pool.map(lambda _: client.list_delta(drive_id=DRIVE_ID, limit=10), range(threads)))
        elapsed = time.monotonic() - started
    assert all(page.items and len(page.items) == 10 for page in pages)
    assert elapsed < 0.5 * threads / 2, f"{threads} half-second calls took {elapsed:.2f}s: the GIL was held"


def test_threads_iterate_listings_of_one_client_at_once(mock: Mock) -> None:
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token) as client:
        with ThreadPoolExecutor(max_workers=4) as pool:
            counts = list(pool.map(lambda _: sum(1 for _ in client.iter_recyclebin(drive_id=DRIVE_ID)), range(4)))
    assert counts == [126] * 4
