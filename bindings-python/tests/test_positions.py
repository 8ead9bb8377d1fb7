"""Listings stopped and resumed: item-exact positions, refused positions, the page sent for early, and closing."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Optional

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
SYNC_ROOT_ID = "622fb09598ae66777c7040109a16f49381f6abe1"
LIST_DELTA = "/v2/file/list_delta"
PAGE = 50


def change_key(change: drivekit.DeltaItem) -> tuple[Optional[str], Optional[str]]:
    return change.op, change.file_id


def new_client(mock: Mock, **options: float) -> drivekit.PdsClient:
    return drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, **options)  # type: ignore[arg-type]


def create_files(mock: Mock, count: int) -> list[tuple[Optional[str], Optional[str]]]:
    """Files created through the mock, as the delta feed reports them."""
    made = [mock.control("POST", "files", {"name": f"later-{n}.txt", "parent_file_id": SYNC_ROOT_ID}) for n in range(count)]
    return [("create", file["file_id"]) for file in made]


@pytest.mark.parametrize("stop_after", [1, 37, PAGE * 2, PAGE * 2 + 1])
def test_a_delta_walk_resumes_in_a_new_client_after_any_change(mock: Mock, stop_after: int) -> None:
    with new_client(mock) as first:
        everything = [change_key(change) for change in first.iter_delta(drive_id=DRIVE_ID, limit=PAGE)]
        assert len(everything) > PAGE * 3
        changes = first.iter_delta(drive_id=DRIVE_ID, limit=PAGE)
        handed_out = [change_key(next(changes)) for _ in range(stop_after)]
        saved = changes.position
    later = create_files(mock, 3)
    with new_client(mock) as second:
        resumed = [change_key(change) for change in second.iter_delta(drive_id=DRIVE_ID, limit=PAGE, position=saved)]
    assert handed_out + resumed == everything + later, "no change lost, none repeated"


@pytest.mark.parametrize("stop_after", [37, PAGE * 2 + 1])
def test_an_async_delta_walk_resumes_after_any_change(mock: Mock, stop_after: int) -> None:
    async def walk() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as first:
            everything = [change_key(change) async for change in first.iter_delta(drive_id=DRIVE_ID, limit=PAGE)]
            changes = first.iter_delta(drive_id=DRIVE_ID, limit=PAGE)
            handed_out = [change_key(await changes.__anext__()) for _ in range(stop_after)]
            saved = changes.position
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as second:
            resumed = second.iter_delta(drive_id=DRIVE_ID, limit=PAGE, position=saved)
            assert handed_out + [change_key(change) async for change in resumed] == everything
            assert resumed.done

    asyncio.run(walk())


def test_the_recycle_bin_resumes_after_any_file(mock: Mock) -> None:
    with new_client(mock) as client:
        everything = [file.file_id for file in client.iter_recyclebin(drive_id=DRIVE_ID, limit=PAGE)]
        for stop_after in (1, 37, PAGE, PAGE + 1, len(everything)):
            files = client.iter_recyclebin(drive_id=DRIVE_ID, limit=PAGE)
            handed_out = [next(files).file_id for _ in range(stop_after)]
            resumed = client.iter_recyclebin(drive_id=DRIVE_ID, limit=PAGE, position=files.position)
            assert handed_out + [file.file_id for file in resumed] == everything, f"stopped after {stop_after}"


def test_a_position_of_another_listing_is_refused_before_anything_is_sent(mock: Mock) -> None:
    with new_client(mock) as client:
        # Saved on the feed's last page, which names no page after it: nothing of this listing is still on its
        # way to the mock when its record is cleared.
        feed_length = len(list(client.iter_delta(drive_id=DRIVE_ID, limit=100)))
        changes = client.iter_delta(drive_id=DRIVE_ID, limit=100)
        for _ in range(feed_length - 1):
            next(changes)
        saved = changes.position
        changes.close()
        mock.control("DELETE", "requests")
        with pytest.raises(drivekit.ValidationError) as other_drive:
            client.iter_delta(drive_id="2", position=saved)
        assert other_drive.value.field == "position" and "another listing" in str(other_drive.value)
        refused: list[Callable[[], object]] = [
            lambda: client.iter_delta_pages(drive_id="2", position=saved),
            lambda: client.iter_delta(drive_id=DRIVE_ID, sync_root_id=SYNC_ROOT_ID, position=saved),
            lambda: client.iter_recyclebin(drive_id=DRIVE_ID, position=saved),
            lambda: client.iter_delta(drive_id=DRIVE_ID, position=saved[:-3]),
            lambda: client.iter_delta(drive_id=DRIVE_ID, cursor="a-cursor", position=saved),
            lambda: client.iter_recyclebin_pages(drive_id=DRIVE_ID, marker="a-marker", position=saved),
            lambda: drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token).iter_delta(
                drive_id="2", position=saved
            ),
        ]
        for start in refused:
            with pytest.raises(drivekit.ValidationError) as refusal:
                start()
            assert refusal.value.field == "position"
    assert mock.requests() == []


def test_a_position_from_a_later_version_is_refused(mock: Mock) -> None:
    with new_client(mock) as client:
        with pytest.raises(drivekit.ValidationError, match="later version") as refused:
            client.iter_delta(drive_id=DRIVE_ID, position="dk2.e30")
    assert refused.value.field == "position"
    assert mock.requests() == []


def test_the_next_page_arrives_while_the_caller_works_and_no_page_comes_twice(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=300, count=20)
    with new_client(mock) as client:
        pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=PAGE)
        next(pages)
        time.sleep(0.6)  # the caller's work on the first page
        started = time.monotonic()
        next(pages)
        assert time.monotonic() - started < 0.25, "the second page was fetched while the first was worked on"
        rest = list(pages)
    assert len(mock.requests(LIST_DELTA)) == 2 + len(rest)


def test_an_async_listing_fetches_ahead_while_the_loop_works(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=300, count=20)

    async def walk() -> float:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as client:
            pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=PAGE)
            await pages.__anext__()
            await asyncio.sleep(0.6)
            started = time.monotonic()
            await pages.__anext__()
            return time.monotonic() - started

    assert asyncio.run(walk()) < 0.25


def test_a_failed_page_is_fetched_again_from_where_the_walk_stood(mock: Mock) -> None:
    with new_client(mock, retries=0) as client:
        everything = [change_key(change) for change in client.iter_delta(drive_id=DRIVE_ID, limit=PAGE)]
        mock.arm(path=LIST_DELTA, kind="status", status=403, count=1)
        changes = client.iter_delta(drive_id=DRIVE_ID, limit=PAGE)
        before = changes.position
        with pytest.raises(drivekit.ApiError):
            next(changes)
        assert changes.position == before and not changes.done
        assert [change_key(change) for change in changes] == everything


def test_closing_a_listing_ends_it_and_sends_nothing_more(mock: Mock) -> None:
    with new_client(mock) as client:
        changes = client.iter_delta(drive_id=DRIVE_ID, limit=PAGE)
        next(changes)
        changes.close()
        assert changes.done
        assert list(changes) == []
        time.sleep(0.1)
        assert len(mock.requests(LIST_DELTA)) <= 2, "at most the page sent for early"

    async def walk() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token) as async_client:
            pages = async_client.iter_delta_pages(drive_id=DRIVE_ID, limit=PAGE)
            await pages.__anext__()
            await pages.aclose()
            assert pages.done
            assert [page async for page in pages] == []

    asyncio.run(walk())
