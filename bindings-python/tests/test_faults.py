"""Injected faults: the core's retry decisions, observed in the mock's request log."""

from __future__ import annotations

import resource
import time

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
LIST_DELTA = "/v2/file/list_delta"
UPDATE_FILE = "/v2/file/update"
PHOTO_ID = "9520943DC264"


@pytest.fixture
def client(mock: Mock) -> drivekit.PdsClient:
    return drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, retries=3)


def statuses(mock: Mock, path: str) -> list[object]:
    return [entry["status"] for entry in mock.requests(path)]


def test_429_is_retried_after_retry_after(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="status", status=429, retry_after="0.2", count=2)
    started = time.monotonic()
    assert client.list_delta(drive_id=DRIVE_ID, limit=1).items
    assert time.monotonic() - started >= 0.4
    assert statuses(mock, LIST_DELTA) == [429, 429, 200]


def test_persistent_429_ends_as_rate_limited(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="status", status=429, retry_after="0.1", count=5)
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, retries=1) as client:
        with pytest.raises(drivekit.RateLimitedError) as limited:
            client.list_delta(drive_id=DRIVE_ID)
    assert limited.value.retry_after == pytest.approx(0.1)
    assert limited.value.status == 429 and isinstance(limited.value, drivekit.ApiError)
    assert statuses(mock, LIST_DELTA) == [429, 429]


def test_server_errors_are_retried_only_for_reads(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="status", status=503, count=1)
    assert client.list_delta(drive_id=DRIVE_ID, limit=1).items
    assert statuses(mock, LIST_DELTA) == [503, 200]
    mock.arm(path=UPDATE_FILE, kind="status", status=503, count=1)
    with pytest.raises(drivekit.ApiError) as failed:
        client.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, description="x")
    assert failed.value.api_kind == "server_error"
    assert statuses(mock, UPDATE_FILE) == [503]


def test_cut_connections_are_retried_only_for_reads(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="cut", count=1)
    assert client.list_delta(drive_id=DRIVE_ID, limit=1).items
    assert statuses(mock, LIST_DELTA) == [None, 200]
    mock.arm(path=UPDATE_FILE, kind="cut", count=1)
    with pytest.raises(drivekit.OutcomeUnknownError) as cut:
        client.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, description="x")
    assert cut.value.transport_kind == "io" and cut.value.kind == "outcome_unknown"
    assert isinstance(cut.value, drivekit.TransportError), "handlers written for transport failures still catch it"
    assert len(mock.requests(UPDATE_FILE)) == 1


def test_truncated_bodies_are_retried_for_reads(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="truncate", count=1)
    assert client.list_delta(drive_id=DRIVE_ID, limit=5).items
    assert len(mock.requests(LIST_DELTA)) == 2


def test_a_malformed_body_is_a_decode_error(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="malformed", count=1)
    with pytest.raises(drivekit.DecodeError):
        client.list_delta(drive_id=DRIVE_ID)
    assert len(mock.requests(LIST_DELTA)) == 1


def test_a_slow_answer_times_out(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=3000, count=1)
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, timeout=0.3, retries=0) as client:
        started = time.monotonic()
        with pytest.raises(drivekit.TimeoutError) as slow:
            client.list_delta(drive_id=DRIVE_ID)
    assert time.monotonic() - started < 2
    assert isinstance(slow.value, TimeoutError)


def test_a_slow_read_is_retried_after_its_attempt_timeout(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=3000, count=1)
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, attempt_timeout=0.3, retries=1) as client:
        started = time.monotonic()
        assert client.list_delta(drive_id=DRIVE_ID, limit=1).items
    assert time.monotonic() - started < 2
    assert len(mock.requests(LIST_DELTA)) >= 1


def test_timeout_bounds_the_whole_call_retries_and_waits_included(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="delay", delay_ms=3000, count=10)
    with drivekit.PdsClient(
        base_url=mock.base_url, access_token=mock.token, timeout=0.8, attempt_timeout=0.2, retries=9
    ) as client:
        started = time.monotonic()
        with pytest.raises(drivekit.TimeoutError):
            client.list_delta(drive_id=DRIVE_ID)
        elapsed = time.monotonic() - started
    assert 0.4 < elapsed < 1.5, f"gave up after {elapsed:.2f}s"


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.5}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"attempt_timeout": 0}, "attempt_timeout"),
        ({"attempt_timeout": -0.1}, "attempt_timeout"),
        ({"retries": -1}, "retries"),
    ],
)
def test_a_bad_timeout_or_retries_is_refused_by_its_python_name(
    mock: Mock, options: dict[str, float], option: str
) -> None:
    for make in (drivekit.PdsClient, drivekit.AsyncPdsClient):
        with pytest.raises(drivekit.ValidationError) as refused:
            make(base_url=mock.base_url, access_token=mock.token, **options)  # type: ignore[arg-type]
        assert refused.value.field == option
        assert f"`{option}`" in str(refused.value)
        assert not any(core in str(refused.value) for core in ("total_timeout", "max_attempts"))
    for album_client in (drivekit.KooDriveClient, drivekit.AsyncKooDriveClient):
        with pytest.raises(drivekit.ValidationError) as refused:
            album_client(base_url=mock.base_url, access_token=mock.token, user_id="u1", **options)  # type: ignore[arg-type]
        assert refused.value.field == option
    assert mock.requests() == []


def test_a_fault_in_the_middle_of_a_listing_is_retried_in_place(mock: Mock, client: drivekit.PdsClient) -> None:
    expected = len(list(client.iter_delta(drive_id=DRIVE_ID, limit=50)))
    mock.reset()
    pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=50)
    next(pages)
    mock.arm(path=LIST_DELTA, kind="status", status=500, count=1)
    rest = sum(len(page.items or []) for page in pages)
    assert 50 + rest == expected
    assert 500 in statuses(mock, LIST_DELTA)


def test_koodrive_gateway_throttling_is_retried(mock: Mock) -> None:
    path = "/koodrive/ose/v1/album/1795607640592646273/list"
    mock.arm(path=path, kind="status", status=429, retry_after="0.1", count=1)
    with drivekit.KooDriveClient(base_url=mock.base_url, access_token=mock.token, user_id="u1") as client:
        assert client.list_album_files(album_id="1795607640592646273", page_size=1).content_list
    assert statuses(mock, path) == [429, 200]


def test_a_body_over_the_limit_is_refused_unread_and_not_retried(mock: Mock) -> None:
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, max_response_bytes=65536) as client:
        for announced in (True, False):
            mock.arm(path=LIST_DELTA, kind="oversized", bytes=1 << 20, content_length=announced)
            with pytest.raises(drivekit.ResponseTooLargeError) as refused:
                client.list_delta(drive_id=DRIVE_ID)
            assert (refused.value.kind, refused.value.limit) == ("response_too_large", 65536)
            assert "limit of 65536 bytes" in str(refused.value)
        assert len(mock.requests(LIST_DELTA)) == 2, "neither was retried"
        assert client.list_delta(drive_id=DRIVE_ID, limit=10).items, "a page under the limit is read as ever"


def test_an_endless_body_is_never_held_whole(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="oversized", bytes=512 << 20, content_length=False)
    peak_before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token) as client:
        with pytest.raises(drivekit.ResponseTooLargeError) as refused:
            client.list_delta(drive_id=DRIVE_ID)
    assert refused.value.limit == 16 * 1024 * 1024
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before_kib) / 1024
    assert grown_mib < 128, f"the peak grew by {grown_mib:.0f} MiB for a 512 MiB body"


def test_a_trickling_body_is_stopped_by_the_attempt_timeout(mock: Mock) -> None:
    mock.arm(path=LIST_DELTA, kind="trickle", count=2)
    started = time.monotonic()
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, attempt_timeout=0.4, retries=1) as client:
        with pytest.raises(drivekit.TimeoutError) as timed_out:
            client.list_delta(drive_id=DRIVE_ID)
    assert timed_out.value.after == pytest.approx(0.4)
    assert 0.8 <= time.monotonic() - started < 3
    assert statuses(mock, LIST_DELTA) == [200, 200]


def test_json_nested_too_deep_is_a_decode_error_that_says_so(mock: Mock, client: drivekit.PdsClient) -> None:
    mock.arm(path=LIST_DELTA, kind="deep")
    with pytest.raises(drivekit.DecodeError, match="nested deeper than 127 levels"):
        client.list_delta(drive_id=DRIVE_ID)
    assert len(mock.requests(LIST_DELTA)) == 1
