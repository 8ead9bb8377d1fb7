"""PdsClient against the mock drive: every operation, every pagination style, resuming, and validation."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
SYNC_ROOT_ID = "622fb09598ae66777c7040109a16f49381f6abe1"
VIDEOS_FOLDER_ID = "3d5b846942cf94fa72324c8a4bda34e81da635a"
LIVE_MOVIE_ID = "3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d"
PHOTO_ID = "9520943DC264"
SHARE_ID = "7JQX1FswpQ8"
RECYCLE_BIN_SIZE = 126


@pytest.fixture
def client(mock: Mock) -> drivekit.PdsClient:
    return drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token)


def test_get_last_cursor_names_the_end_of_the_feed(client: drivekit.PdsClient) -> None:
    last = client.get_last_cursor(drive_id=DRIVE_ID)
    assert last.cursor
    page = client.list_delta(drive_id=DRIVE_ID, cursor=last.cursor)
    assert page.items == [] and page.has_more is False


def test_list_delta_reads_one_page_of_typed_changes(client: drivekit.PdsClient) -> None:
    page = client.list_delta(drive_id=DRIVE_ID, limit=10)
    assert page.items is not None and len(page.items) == 10
    assert page.has_more is True and page.cursor
    change = page.items[0]
    assert change.op == "create" and change.file is not None
    assert change.file.file_id == change.file_id
    assert change == page.items[0], "models compare by value"
    assert "DeltaItem(file_id=" in repr(change)


def test_nested_models_and_lists_are_built_once_per_object(client: drivekit.PdsClient) -> None:
    page = client.list_delta(drive_id=DRIVE_ID, limit=10)
    assert page.items is not None and page.items is page.items, "page.items[i] in a loop must not copy the page"
    change = page.items[0]
    assert change.file is change.file
    assert change.file is not None and change.file.labels is change.file.labels
    with pytest.raises(AttributeError):
        change.file_id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        change.note = "models take no new attributes"  # type: ignore[attr-defined]


def test_iter_delta_walks_every_page_until_has_more_is_false(client: drivekit.PdsClient) -> None:
    pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=50)
    sizes = [len(page.items or []) for page in pages]
    assert sizes[:-1] == [50] * (len(sizes) - 1) and 0 < sizes[-1] <= 50
    assert pages.done
    every_change = list(client.iter_delta(drive_id=DRIVE_ID, limit=50))
    assert len(every_change) == sum(sizes)
    assert pages.cursor == client.get_last_cursor(drive_id=DRIVE_ID).cursor


def test_a_pages_position_or_cursor_resumes_after_the_pages_handed_out(client: drivekit.PdsClient) -> None:
    everything = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, limit=40)]
    pages = client.iter_delta_pages(drive_id=DRIVE_ID, limit=40)
    first = [change.file_id for change in next(pages).items or []]
    assert pages.cursor is not None and not pages.cursor.startswith("dk1.")
    by_position = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, position=pages.position, limit=40)]
    by_cursor = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, cursor=pages.cursor, limit=40)]
    assert first + by_position == everything
    assert by_cursor == by_position
    as_raw_cursor = client.iter_delta(drive_id=DRIVE_ID, position=pages.cursor, limit=40)
    assert [change.file_id for change in as_raw_cursor] == by_position, "a service cursor is a position too"


def test_an_items_position_mid_page_resumes_at_the_very_next_entry(client: drivekit.PdsClient) -> None:
    everything = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, limit=40)]
    changes = client.iter_delta(drive_id=DRIVE_ID, limit=40)
    handed_out = [next(changes).file_id for _ in range(45)]
    resumed = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, position=changes.position, limit=40)]
    assert handed_out + resumed == everything


def test_pages_resumed_from_a_mid_page_position_leave_out_what_was_handed_out(client: drivekit.PdsClient) -> None:
    everything = [change.file_id for change in client.iter_delta(drive_id=DRIVE_ID, limit=40)]
    changes = client.iter_delta(drive_id=DRIVE_ID, limit=40)
    for _ in range(45):
        next(changes)
    pages = client.iter_delta_pages(drive_id=DRIVE_ID, position=changes.position, limit=40)
    assert [change.file_id for change in next(pages).items or []] == everything[45:80]


def test_a_finished_sync_sees_only_what_changed_since(mock: Mock, client: drivekit.PdsClient) -> None:
    changes = client.iter_delta(drive_id=DRIVE_ID)
    for _ in changes:
        pass
    assert changes.done
    saved = changes.position
    created = mock.control("POST", "files", {"name": "new.txt", "parent_file_id": SYNC_ROOT_ID})
    news = list(client.iter_delta(drive_id=DRIVE_ID, position=saved))
    assert [(change.op, change.file_id) for change in news] == [("create", created["file_id"])]


def test_sync_root_id_keeps_to_one_folder(client: drivekit.PdsClient) -> None:
    inside = list(client.iter_delta(drive_id=DRIVE_ID, sync_root_id=SYNC_ROOT_ID))
    assert 0 < len(inside) < len(list(client.iter_delta(drive_id=DRIVE_ID)))


def test_the_recycle_bin_is_listed_by_marker_in_name_order(client: drivekit.PdsClient) -> None:
    pages = list(client.iter_recyclebin_pages(drive_id=DRIVE_ID, limit=50))
    assert [len(page.items or []) for page in pages] == [50, 50, RECYCLE_BIN_SIZE - 100]
    assert pages[-1].next_marker in (None, "")
    files = list(client.iter_recyclebin(drive_id=DRIVE_ID, limit=50))
    assert len(files) == RECYCLE_BIN_SIZE
    assert all(file.trashed_at is not None for file in files)
    resumed = client.list_recyclebin(drive_id=DRIVE_ID, marker=pages[0].next_marker, limit=50)
    assert resumed.items == pages[1].items


def test_get_file_gives_typed_metadata_and_a_download_url(client: drivekit.PdsClient) -> None:
    file = client.get_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, url_expire_sec=60)
    assert file.file_id == PHOTO_ID and file.file_type == "file"
    assert file.download_url is not None and file.download_url.startswith("https://")
    assert "x-oss-expires" in file.download_url
    assert "x-oss-expires" not in repr(file), "signed URLs are redacted in repr"
    assert file.updated_at is not None
    moment = file.updated_at.datetime
    assert isinstance(moment, datetime) and moment.tzinfo is not None
    assert moment.astimezone(timezone.utc).timestamp() * 1000 == file.updated_at.unix_ms
    assert file.to_dict()["file_id"] == PHOTO_ID and file.to_dict()["type"] == "file"


def test_a_share_token_reads_a_shared_file(mock: Mock) -> None:
    with drivekit.PdsClient(base_url=mock.base_url, share_token=mock.share_token) as shared:
        assert shared.get_file(share_id=SHARE_ID, file_id=PHOTO_ID).file_id == PHOTO_ID


def test_access_key_signatures_are_accepted(mock: Mock) -> None:
    with drivekit.PdsClient(
        base_url=mock.base_url, access_key_id=mock.access_key_id, access_key_secret=mock.access_key_secret
    ) as signed:
        assert signed.list_delta(drive_id=DRIVE_ID, limit=1).items


def test_update_file_renames_and_refuse_meets_the_conflict(mock: Mock, client: drivekit.PdsClient) -> None:
    renamed = client.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, name="renamed.jpg", starred=True)
    assert renamed.name == "renamed.jpg"
    copy = mock.control("POST", "files", {"name": "copy.mov", "parent_file_id": VIDEOS_FOLDER_ID})
    with pytest.raises(drivekit.ApiError) as conflict:
        client.update_file(drive_id=DRIVE_ID, file_id=copy["file_id"], name="1.mov", check_name_mode="refuse")
    error = conflict.value
    assert (error.status, error.code, error.api_kind) == (409, "AlreadyExist.File", "conflict")
    assert error.request_id
    auto = client.update_file(drive_id=DRIVE_ID, file_id=copy["file_id"], name="1.mov", check_name_mode="auto_rename")
    assert auto.name is not None and auto.name != "1.mov" and auto.name.startswith("1_")


def test_api_errors_carry_status_code_and_request_id(mock: Mock) -> None:
    with drivekit.PdsClient(base_url=mock.base_url, access_token="wrong-token") as client:
        with pytest.raises(drivekit.ApiError) as refused:
            client.list_delta(drive_id=DRIVE_ID)
    assert (refused.value.status, refused.value.code, refused.value.api_kind) == (
        401,
        "AccessTokenInvalid",
        "unauthorized",
    )
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token) as client:
        with pytest.raises(drivekit.ApiError) as missing:
            client.get_file(drive_id=DRIVE_ID, file_id="no-such-file")
    assert missing.value.api_kind == "not_found"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.list_delta(drive_id=DRIVE_ID, limit=101), "limit"),
        (lambda c: c.list_delta(drive_id=DRIVE_ID, limit=-1), "limit"),
        (lambda c: c.list_delta(drive_id=""), "drive_id"),
        (lambda c: c.iter_delta(drive_id=DRIVE_ID, limit=500), "limit"),
        (lambda c: c.list_recyclebin(drive_id=DRIVE_ID, limit=0), "limit"),
        (lambda c: c.get_file(file_id=PHOTO_ID), "drive_id"),
        (lambda c: c.get_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, url_expire_sec=5), "url_expire_sec"),
        (lambda c: c.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, check_name_mode="overwrite"), "check_name_mode"),
        (lambda c: c.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, name="x" * 1025), "name"),
        (lambda c: c.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, labels=["l"] * 101), "labels"),
        (lambda c: c.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, local_modified_at="2019-08-20 06:51"), "local_modified_at"),
    ],
)
def test_invalid_arguments_are_refused_before_any_request(
    mock: Mock, client: drivekit.PdsClient, call: object, field: str
) -> None:
    with pytest.raises(drivekit.ValidationError) as refused:
        call(client)  # type: ignore[operator]
    assert refused.value.field == field
    assert isinstance(refused.value, ValueError)
    assert mock.requests() == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({}, "access_token"),
        ({"access_token": "a", "share_token": "b"}, "share_token"),
        ({"access_key_id": "id"}, "access_key_secret"),
        ({"access_key_secret": "secret"}, "access_key_id"),
        ({"access_token": "a", "security_token": "sts"}, "security_token"),
        ({"access_token": "a", "token_provider": lambda: "t"}, "token_provider"),
        ({"access_token": "a", "domain_id": "bj1"}, "base_url"),
        ({"access_token": "a", "base_url": None, "domain_id": "bj1.evil.example/x"}, "domain_id"),
        ({"access_token": "a", "base_url": None}, "domain_id"),
        ({"access_token": "a", "retries": -1}, "retries"),
    ],
)
def test_constructor_arguments_are_checked_by_name(mock: Mock, arguments: dict[str, object], field: str) -> None:
    keywords: dict[str, object] = {"base_url": mock.base_url, **arguments}
    with pytest.raises(drivekit.ValidationError) as refused:
        drivekit.PdsClient(**keywords)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_secrets_never_show(mock: Mock) -> None:
    secret = "very-secret-token"
    client = drivekit.PdsClient(base_url=mock.base_url, access_token=secret)
    assert secret not in repr(client)
    with pytest.raises(drivekit.ApiError) as refused:
        client.get_last_cursor(drive_id=DRIVE_ID)
    assert secret not in str(refused.value) and secret not in repr(refused.value)
    signed = drivekit.PdsClient(base_url=mock.base_url, access_key_id="id", access_key_secret=secret)
    assert secret not in repr(signed)
    with pytest.raises(drivekit.ValidationError) as bad:
        drivekit.PdsClient(base_url=mock.base_url, access_token=f"{secret}\r\nx-injected: 1")
    assert secret not in str(bad.value)


def test_a_token_provider_is_asked_once_and_again_only_when_the_service_refuses_its_token(mock: Mock) -> None:
    answers = ["expired-token", mock.token]
    asked: list[str] = []

    def provide() -> str:
        asked.append(answers[min(len(asked), 1)])
        return asked[-1]

    with drivekit.PdsClient(base_url=mock.base_url, token_provider=provide) as client:
        client.get_last_cursor(drive_id=DRIVE_ID)
        assert asked == ["expired-token", mock.token], "a 401 asks for a new token, once"
        client.list_delta(drive_id=DRIVE_ID, limit=1)
    assert len(asked) == 2, "later calls use the client's token"


def test_a_failing_token_provider_fails_the_call(mock: Mock) -> None:
    def provide() -> str:
        raise LookupError("the vault is sealed")

    with drivekit.PdsClient(base_url=mock.base_url, token_provider=provide) as client:
        with pytest.raises(drivekit.DriveError) as failed:
            client.get_last_cursor(drive_id=DRIVE_ID)
    assert failed.value.kind == "token_provider" and "sealed" in str(failed.value)
    assert mock.requests() == []


def test_a_closed_client_refuses_new_calls(mock: Mock) -> None:
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token) as client:
        assert not client.closed
    assert client.closed
    with pytest.raises(RuntimeError):
        client.list_delta(drive_id=DRIVE_ID)


def test_signed_urls_nested_anywhere_in_a_file_print_without_their_query() -> None:
    fixture = Path(__file__).parents[2] / "tests/fixtures/pds/get_file/signed_urls_everywhere.json"
    file = drivekit.decode_response("GetFile", status=200, body=fixture.read_bytes())
    assert isinstance(file, drivekit.File) and file.semantic_result is not None
    scene = (file.semantic_result.scene_contents or [])[0]
    frame = (scene.key_frames or [])[0]
    assert frame.thumbnail_url is not None and "SECRET-SIGNATURE-8" in frame.thumbnail_url, "the value is whole"
    for shown in (repr(file), repr(file.semantic_result), repr(scene), repr(frame)):
        assert "SECRET" not in shown, shown
