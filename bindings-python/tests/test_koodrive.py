"""KooDriveClient against the mock: album listing, its pagination, sorting and errors."""

from __future__ import annotations

import pytest

import drivekit
from conftest import Mock

ALBUM_ID = "1795607640592646273"
ALBUM_SIZE = 252


@pytest.fixture
def client(mock: Mock) -> drivekit.KooDriveClient:
    return drivekit.KooDriveClient(base_url=mock.base_url, access_token=mock.token, user_id="u1", language="en_us")


def test_list_album_files_reads_one_page(client: drivekit.KooDriveClient) -> None:
    page = client.list_album_files(album_id=ALBUM_ID, page_size=10)
    assert page.content_list is not None and len(page.content_list) == 10
    assert page.next_page_cursor and page.code == 0
    photo = page.content_list[0]
    assert photo.file_name and photo.created_time is not None and photo.created_time.datetime is not None
    assert photo.content_url is not None and photo.content_url not in repr(photo)


def test_iter_album_files_walks_every_page_and_resumes(client: drivekit.KooDriveClient) -> None:
    everything = [photo.id for photo in client.iter_album_files(album_id=ALBUM_ID, page_size=100)]
    assert len(everything) == ALBUM_SIZE == len(set(everything))
    pages = client.iter_album_files_pages(album_id=ALBUM_ID, page_size=100)
    first = [photo.id for photo in next(pages).content_list or []]
    resumed = [photo.id for photo in client.iter_album_files(album_id=ALBUM_ID, position=pages.position)]
    assert first + resumed == everything
    from_cursor = [photo.id for photo in client.iter_album_files(album_id=ALBUM_ID, page_cursor=pages.cursor)]
    assert from_cursor == resumed, "the service's page cursor names the same page boundary"


def test_an_album_resumes_after_any_photo(client: drivekit.KooDriveClient) -> None:
    everything = [photo.id for photo in client.iter_album_files(album_id=ALBUM_ID, page_size=30)]
    photos = client.iter_album_files(album_id=ALBUM_ID, page_size=30)
    handed_out = [next(photos).id for _ in range(37)]
    resumed = [photo.id for photo in client.iter_album_files(album_id=ALBUM_ID, page_size=30, position=photos.position)]
    assert handed_out + resumed == everything
    with pytest.raises(drivekit.ValidationError) as other_order:
        client.iter_album_files(album_id=ALBUM_ID, sort_type=drivekit.SortType.UPDATE_TIME, position=photos.position)
    assert other_order.value.field == "position"


def test_short_and_empty_pages_do_not_end_the_listing(mock: Mock, client: drivekit.KooDriveClient) -> None:
    mock.control("PUT", "koodrive/quirks", {"enabled": True})
    sizes = [len(page.content_list or []) for page in client.iter_album_files_pages(album_id=ALBUM_ID, page_size=30)]
    assert 0 in sizes[:-1]
    assert sum(sizes) == ALBUM_SIZE


def test_sorting_by_shooting_time_ascending(client: drivekit.KooDriveClient) -> None:
    photos = client.iter_album_files(
        album_id=ALBUM_ID, sort_type=drivekit.SortType.SHOOTING_TIME, sort_direction=drivekit.SortDirection.ASCENDING
    )
    taken = [photo.take_time.unix_ms for photo in photos if photo.take_time and photo.take_time.unix_ms]
    assert taken == sorted(taken) and len(taken) > 200


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"page_size": 0}, "page_size"), ({"page_size": 101}, "page_size"), ({"sort_type": 4}, "sort_type"),
     ({"sort_direction": 0}, "sort_direction"), ({"album_id": ""}, "album_id"), ({"trace_id": "a b"}, "trace_id")],
)
def test_invalid_arguments_are_refused_before_any_request(
    mock: Mock, client: drivekit.KooDriveClient, arguments: dict[str, object], field: str
) -> None:
    keywords: dict[str, object] = {"album_id": ALBUM_ID, **arguments}
    with pytest.raises(drivekit.ValidationError) as refused:
        client.list_album_files(**keywords)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert mock.requests() == []


def test_service_errors_keep_their_codes(mock: Mock, client: drivekit.KooDriveClient) -> None:
    with pytest.raises(drivekit.ApiError) as unknown:
        client.list_album_files(album_id="no-such-album")
    assert (unknown.value.service, unknown.value.code) == ("KooDrive", "13000006")
    with drivekit.KooDriveClient(base_url=mock.base_url, access_token="wrong", user_id="u1") as stranger:
        with pytest.raises(drivekit.ApiError) as refused:
            stranger.list_album_files(album_id=ALBUM_ID)
    assert refused.value.status == 401 and refused.value.api_kind == "unauthorized"


def test_exactly_one_of_a_token_and_a_provider_is_taken(mock: Mock) -> None:
    for given, field in (({}, "access_token"), ({"access_token": "a", "token_provider": lambda: "t"}, "token_provider")):
        with pytest.raises(drivekit.ValidationError) as refused:
            drivekit.KooDriveClient(base_url=mock.base_url, user_id="u1", **given)  # type: ignore[arg-type]
        assert refused.value.field == field
