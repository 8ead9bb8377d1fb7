"""Arguments of the wrong type, or beyond anything a limit could take, are refused by name before anything is sent.

A value of the wrong type is a `TypeError` whose message starts with the argument's name (a bool is no int or float,
and an int or a float is no bool); an int or a float of the right type too large for any limit is a
`ValidationError` whose `field` is the argument. Every case is checked on the blocking and the asyncio client, on a
call and on a listing's creation, and on the constructors.
"""

from __future__ import annotations

import asyncio
from enum import IntEnum
from typing import Any, Callable, TypeVar

import pytest

import drivekit
from conftest import Mock

DRIVE_ID = "1"
PHOTO_ID = "9520943DC264"
ALBUM_ID = "1795607640592646273"

Refusal = TypeVar("Refusal", bound=BaseException)
ClientClass = Callable[..., Any]

PDS = (drivekit.PdsClient, drivekit.AsyncPdsClient)
KOODRIVE = (drivekit.KooDriveClient, drivekit.AsyncKooDriveClient)

# (method, keywords, the argument refused, the type it was given as), for PdsClient and AsyncPdsClient.
PDS_WRONG_TYPES = [
    ("list_delta", {"drive_id": DRIVE_ID, "limit": "5"}, "limit", "str"),
    ("list_delta", {"drive_id": DRIVE_ID, "limit": True}, "limit", "bool"),
    ("list_delta", {"drive_id": DRIVE_ID, "limit": 5.0}, "limit", "float"),
    ("list_delta", {"drive_id": 5}, "drive_id", "int"),
    ("list_delta", {"drive_id": None}, "drive_id", "None"),
    ("list_delta", {"drive_id": DRIVE_ID, "cursor": b"abc"}, "cursor", "bytes"),
    ("iter_delta", {"drive_id": DRIVE_ID, "limit": "5"}, "limit", "str"),
    ("iter_delta", {"drive_id": DRIVE_ID, "limit": False}, "limit", "bool"),
    ("iter_delta", {"drive_id": 5}, "drive_id", "int"),
    ("iter_delta", {"drive_id": DRIVE_ID, "position": 1}, "position", "int"),
    ("iter_delta_pages", {"drive_id": DRIVE_ID, "limit": True}, "limit", "bool"),
    ("iter_delta_pages", {"drive_id": DRIVE_ID, "sync_root_id": 7}, "sync_root_id", "int"),
    ("get_last_cursor", {"drive_id": 1}, "drive_id", "int"),
    ("get_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "url_expire_sec": "600"}, "url_expire_sec", "str"),
    ("get_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "url_expire_sec": True}, "url_expire_sec", "bool"),
    ("get_file", {"drive_id": DRIVE_ID, "file_id": 9520943}, "file_id", "int"),
    ("list_recyclebin", {"drive_id": DRIVE_ID, "limit": True}, "limit", "bool"),
    ("list_recyclebin", {"drive_id": DRIVE_ID, "thumbnail_processes": [1]}, "thumbnail_processes", "list"),
    ("iter_recyclebin", {"drive_id": DRIVE_ID, "limit": "100"}, "limit", "str"),
    ("iter_recyclebin_pages", {"drive_id": DRIVE_ID, "fields": ["*"]}, "fields", "list"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "hidden": 1}, "hidden", "int"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "hidden": 0.0}, "hidden", "float"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "starred": "yes"}, "starred", "str"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "starred": 0}, "starred", "int"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "labels": "holiday"}, "labels", "str"),
    ("update_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "name": 42}, "name", "int"),
]

# The same for KooDriveClient and AsyncKooDriveClient.
KOODRIVE_WRONG_TYPES = [
    ("list_album_files", {"album_id": ALBUM_ID, "page_size": "10"}, "page_size", "str"),
    ("list_album_files", {"album_id": ALBUM_ID, "page_size": True}, "page_size", "bool"),
    ("list_album_files", {"album_id": 1795607640592646273}, "album_id", "int"),
    ("iter_album_files", {"album_id": ALBUM_ID, "sort_type": True}, "sort_type", "bool"),
    ("iter_album_files", {"album_id": ALBUM_ID, "sort_type": "1"}, "sort_type", "str"),
    ("iter_album_files", {"album_id": ALBUM_ID, "trace_id": 1}, "trace_id", "int"),
    ("iter_album_files_pages", {"album_id": ALBUM_ID, "sort_direction": 1.0}, "sort_direction", "float"),
    ("iter_album_files_pages", {"album_id": ALBUM_ID, "page_cursor": 3}, "page_cursor", "int"),
]

# (method, keywords, the argument refused): ints of the right type that no limit could take.
PDS_OUT_OF_RANGE = [
    ("list_delta", {"drive_id": DRIVE_ID, "limit": 2**70}, "limit"),
    ("list_delta", {"drive_id": DRIVE_ID, "limit": -(2**70)}, "limit"),
    ("iter_delta", {"drive_id": DRIVE_ID, "limit": 2**63}, "limit"),
    ("iter_delta_pages", {"drive_id": DRIVE_ID, "limit": 2**70}, "limit"),
    ("get_file", {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "url_expire_sec": 2**64}, "url_expire_sec"),
    ("list_recyclebin", {"drive_id": DRIVE_ID, "limit": 2**70}, "limit"),
    ("iter_recyclebin", {"drive_id": DRIVE_ID, "limit": -(2**64)}, "limit"),
]

KOODRIVE_OUT_OF_RANGE = [
    ("list_album_files", {"album_id": ALBUM_ID, "page_size": 2**70}, "page_size"),
    ("iter_album_files", {"album_id": ALBUM_ID, "sort_type": 2**70}, "sort_type"),
    ("iter_album_files_pages", {"album_id": ALBUM_ID, "sort_direction": -(2**70)}, "sort_direction"),
]

# (options, the option refused, the type it was given as), for every client class.
OPTION_WRONG_TYPES = [
    ({"timeout": "5"}, "timeout", "str"),
    ({"timeout": True}, "timeout", "bool"),
    ({"attempt_timeout": False}, "attempt_timeout", "bool"),
    ({"attempt_timeout": [30]}, "attempt_timeout", "list"),
    ({"retries": True}, "retries", "bool"),
    ({"retries": 1.5}, "retries", "float"),
    ({"retries": "3"}, "retries", "str"),
    ({"token_provider": "a-token"}, "token_provider", "str"),
    ({"max_requests_per_second": True}, "max_requests_per_second", "bool"),
    ({"max_requests_per_second": "5"}, "max_requests_per_second", "str"),
    ({"adaptive_rate_limit": 1}, "adaptive_rate_limit", "int"),
    ({"adaptive_rate_limit": "no"}, "adaptive_rate_limit", "str"),
    ({"max_response_bytes": True}, "max_response_bytes", "bool"),
    ({"max_response_bytes": 1.5}, "max_response_bytes", "float"),
]

OPTION_OUT_OF_RANGE = [
    ({"retries": 2**70}, "retries"),
    ({"retries": -(2**70)}, "retries"),
    ({"timeout": 10**400}, "timeout"),
    ({"attempt_timeout": -(10**400)}, "attempt_timeout"),
    ({"max_response_bytes": 2**70}, "max_response_bytes"),
]


def case_id(case: tuple[Any, ...]) -> str:
    method_or_options, keywords = case[0], case[1]
    if isinstance(method_or_options, dict):
        return ",".join(f"{name}={value!r:.20}" for name, value in method_or_options.items())
    return f"{method_or_options}:{case[2]}={keywords[case[2]]!r:.20}"


def refusals(
    clients: tuple[ClientClass, ClientClass],
    options: dict[str, Any],
    method: str,
    keywords: dict[str, Any],
    expected: type[Refusal],
) -> list[Refusal]:
    """What the blocking and the asyncio client raise when `method` is called, or its listing created: the asyncio
    client raises at the call itself, before any awaitable exists."""
    blocking, asyncio_client = clients
    with blocking(**options) as client:
        with pytest.raises(expected) as blocking_refusal:
            getattr(client, method)(**keywords)

    async def in_a_loop() -> Refusal:
        async with asyncio_client(**options) as client:
            with pytest.raises(expected) as asyncio_refusal:
                getattr(client, method)(**keywords)
            return asyncio_refusal.value

    return [blocking_refusal.value, asyncio.run(in_a_loop())]


def assert_type_error_names(error: TypeError, argument: str, given: str) -> None:
    message = str(error)
    assert message.startswith(f"argument '{argument}': expected "), message
    assert message.endswith(f", got {given}"), message
    assert not isinstance(error, drivekit.DriveError)


def assert_out_of_range(error: drivekit.ValidationError, argument: str) -> None:
    assert isinstance(error, ValueError)
    assert (error.kind, error.field, error.rule) == ("invalid_argument", argument, "is out of range")
    assert f"`{argument}`" in str(error)


@pytest.mark.parametrize(
    ("method", "keywords", "argument", "given"), PDS_WRONG_TYPES, ids=map(case_id, PDS_WRONG_TYPES)
)
def test_a_pds_argument_of_the_wrong_type_is_a_type_error_naming_it(
    mock: Mock, method: str, keywords: dict[str, Any], argument: str, given: str
) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token}
    for error in refusals(PDS, options, method, keywords, TypeError):
        assert_type_error_names(error, argument, given)
    assert mock.requests() == []


@pytest.mark.parametrize(
    ("method", "keywords", "argument", "given"), KOODRIVE_WRONG_TYPES, ids=map(case_id, KOODRIVE_WRONG_TYPES)
)
def test_a_koodrive_argument_of_the_wrong_type_is_a_type_error_naming_it(
    mock: Mock, method: str, keywords: dict[str, Any], argument: str, given: str
) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token, "user_id": "u1"}
    for error in refusals(KOODRIVE, options, method, keywords, TypeError):
        assert_type_error_names(error, argument, given)
    assert mock.requests() == []


@pytest.mark.parametrize(("method", "keywords", "argument"), PDS_OUT_OF_RANGE, ids=map(case_id, PDS_OUT_OF_RANGE))
def test_a_pds_int_beyond_any_limit_is_a_validation_error_naming_it(
    mock: Mock, method: str, keywords: dict[str, Any], argument: str
) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token}
    for error in refusals(PDS, options, method, keywords, drivekit.ValidationError):
        assert_out_of_range(error, argument)
    assert mock.requests() == []


@pytest.mark.parametrize(
    ("method", "keywords", "argument"), KOODRIVE_OUT_OF_RANGE, ids=map(case_id, KOODRIVE_OUT_OF_RANGE)
)
def test_a_koodrive_int_beyond_any_limit_is_a_validation_error_naming_it(
    mock: Mock, method: str, keywords: dict[str, Any], argument: str
) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token, "user_id": "u1"}
    for error in refusals(KOODRIVE, options, method, keywords, drivekit.ValidationError):
        assert_out_of_range(error, argument)
    assert mock.requests() == []


def constructors(mock: Mock) -> list[tuple[ClientClass, dict[str, Any]]]:
    """Every client class with the keywords it needs besides the options under test."""
    pds = {"base_url": mock.base_url}
    koodrive = {"base_url": mock.base_url, "user_id": "u1"}
    return [(make, pds) for make in PDS] + [(make, koodrive) for make in KOODRIVE]


@pytest.mark.parametrize(("options", "option", "given"), OPTION_WRONG_TYPES, ids=map(case_id, OPTION_WRONG_TYPES))
def test_a_constructor_option_of_the_wrong_type_is_a_type_error_naming_it(
    mock: Mock, options: dict[str, Any], option: str, given: str
) -> None:
    credentials = {} if "token_provider" in options else {"access_token": mock.token}
    for make, required in constructors(mock):
        with pytest.raises(TypeError) as refused:
            make(**required, **credentials, **options)
        assert_type_error_names(refused.value, option, given)
    assert mock.requests() == []


@pytest.mark.parametrize(("options", "option"), OPTION_OUT_OF_RANGE, ids=map(case_id, OPTION_OUT_OF_RANGE))
def test_a_constructor_number_beyond_any_limit_is_a_validation_error_naming_it(
    mock: Mock, options: dict[str, Any], option: str
) -> None:
    for make, required in constructors(mock):
        with pytest.raises(drivekit.ValidationError) as refused:
            make(**required, access_token=mock.token, **options)
        assert_out_of_range(refused.value, option)
    assert mock.requests() == []


def test_a_response_limit_that_lets_no_body_through_is_refused_by_name(mock: Mock) -> None:
    for make, required in constructors(mock):
        for bytes_ in (0, -1):
            with pytest.raises(drivekit.ValidationError) as refused:
                make(**required, access_token=mock.token, max_response_bytes=bytes_)
            assert (refused.value.field, refused.value.rule) == ("max_response_bytes", "must be at least 1")
    assert mock.requests() == []


def test_the_constructors_name_their_own_arguments_of_the_wrong_type(mock: Mock) -> None:
    cases: list[tuple[ClientClass, dict[str, Any], str, str]] = [
        (drivekit.PdsClient, {"base_url": mock.base_url, "access_token": 1}, "access_token", "int"),
        (drivekit.AsyncPdsClient, {"domain_id": ["bj1"], "access_token": "t"}, "domain_id", "list"),
        (drivekit.PdsClient, {"base_url": mock.base_url, "access_key_id": "id", "access_key_secret": b"s"},
         "access_key_secret", "bytes"),
        (drivekit.KooDriveClient, {"base_url": mock.base_url, "access_token": "t", "user_id": 1}, "user_id", "int"),
        (drivekit.AsyncKooDriveClient, {"base_url": None, "access_token": "t", "user_id": "u1"}, "base_url", "None"),
        (drivekit.KooDriveClient, {"base_url": mock.base_url, "access_token": "t", "user_id": "u1", "language": 1},
         "language", "int"),
    ]
    for make, keywords, argument, given in cases:
        with pytest.raises(TypeError) as refused:
            make(**keywords)
        assert_type_error_names(refused.value, argument, given)
    assert mock.requests() == []


def test_items_of_a_list_or_a_dict_of_the_wrong_type_are_named_where_they_are(mock: Mock) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token}
    labels = {"drive_id": DRIVE_ID, "file_id": PHOTO_ID, "labels": ["holiday", 3]}
    for error in refusals(PDS, options, "update_file", labels, TypeError):
        assert str(error) == "argument 'labels': expected a str at labels[1], got int"
    processes = {"drive_id": DRIVE_ID, "thumbnail_processes": {"small": {"image_thumbnail_process": 1}}}
    for error in refusals(PDS, options, "iter_recyclebin", processes, TypeError):
        assert str(error).startswith("argument 'thumbnail_processes': expected a str at thumbnail_processes[")
        assert str(error).endswith("got int")
    keys = {"drive_id": DRIVE_ID, "thumbnail_processes": {1: {}}}
    for error in refusals(PDS, options, "list_recyclebin", keys, TypeError):
        assert_type_error_names(error, "thumbnail_processes", "int")
    assert mock.requests() == []


def test_koodrive_rules_name_the_keyword_not_the_wire_name(mock: Mock) -> None:
    options = {"base_url": mock.base_url, "access_token": mock.token, "user_id": "u1"}
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("list_album_files", {"album_id": ALBUM_ID, "page_size": 0}, "page_size"),
        ("iter_album_files", {"album_id": ALBUM_ID, "sort_type": 4}, "sort_type"),
        ("iter_album_files_pages", {"album_id": ALBUM_ID, "sort_direction": 3}, "sort_direction"),
        ("iter_album_files", {"album_id": ""}, "album_id"),
    ]
    for method, keywords, argument in cases:
        for error in refusals(KOODRIVE, options, method, keywords, drivekit.ValidationError):
            assert error.field == argument and f"`{argument}`" in str(error)
    for make in KOODRIVE:
        with pytest.raises(drivekit.ValidationError) as refused:
            make(base_url=mock.base_url, access_token=mock.token, user_id="")
        assert refused.value.field == "user_id"
    assert mock.requests() == []


def test_values_of_the_right_type_are_still_taken(mock: Mock) -> None:
    class Size(IntEnum):
        SMALL = 3

    # An int where a float is expected, an IntEnum where an int is, and real bools.
    with drivekit.PdsClient(base_url=mock.base_url, access_token=mock.token, timeout=60, attempt_timeout=10) as client:
        page = client.list_delta(drive_id=DRIVE_ID, limit=Size.SMALL)
        assert page.items is not None and len(page.items) == 3
        updated = client.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, hidden=True, starred=False)
        assert (updated.hidden, updated.starred) == (True, False)
    with drivekit.KooDriveClient(base_url=mock.base_url, access_token=mock.token, user_id="u1", retries=0) as album:
        one = album.list_album_files(album_id=ALBUM_ID, page_size=Size.SMALL, sort_type=drivekit.SortType.UPDATE_TIME)
        assert one.content_list is not None and len(one.content_list) == 3

    async def in_a_loop() -> None:
        async with drivekit.AsyncPdsClient(base_url=mock.base_url, access_token=mock.token, timeout=60.5) as client:
            changes = [change async for change in client.iter_delta(drive_id=DRIVE_ID, limit=Size.SMALL)]
            assert changes

    asyncio.run(in_a_loop())
