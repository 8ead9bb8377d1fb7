"""The shared fixtures (tests/fixtures/manifest.json) through the module: every binding must reach the same verdicts.

Response cases are decoded with `decode_response` and checked through the models' attributes; request cases are
sent by the clients to a local recorder, or refused before anything is sent.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest

import drivekit
from drivekit import _native

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
MANIFEST: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))

# Wire names that are Python keywords or builtins, as the models spell them.
RENAMED_ATTRIBUTES = {"type": ("file_type", "element_type")}


def snake_case(wire_name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", wire_name).lower()


def is_model(value: object) -> bool:
    return hasattr(value, "to_dict") and hasattr(value, "unknown_fields")


class Absent:
    """What a path leads to when a field on the way is missing."""


ABSENT = Absent()


def member(parent: object, key: str) -> tuple[object, bool]:
    """The value under `key` and whether it came from the parent's unknown fields."""
    if isinstance(parent, list):
        index = int(key)
        return (parent[index] if index < len(parent) else ABSENT), False
    if isinstance(parent, dict):
        return parent.get(key, ABSENT), False
    if is_model(parent):
        unknown: dict[str, Any] = getattr(parent, "unknown_fields")
        for name in (snake_case(key), *RENAMED_ATTRIBUTES.get(key, ())):
            if hasattr(parent, name):
                value = getattr(parent, name)
                if value is None and key in unknown:
                    return unknown[key], True
                return (ABSENT if value is None else value), False
        return unknown.get(key, ABSENT), key in unknown
    return ABSENT, False


def walk(root: object, pointer: str) -> tuple[object, bool]:
    value, from_unknown = root, False
    for raw in pointer.split("/")[1:]:
        key = raw.replace("~1", "/").replace("~0", "~")
        value, from_unknown = member(value, key)
        if value is ABSENT:
            break
    return value, from_unknown


def as_json(value: object) -> object:
    """A decoded value as the JSON it stands for."""
    if isinstance(value, drivekit.Timestamp):
        return value.text
    if is_model(value):
        return getattr(value, "to_dict")()
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    return value


def same(a: object, b: object) -> bool:
    """JSON equality where numbers compare by value and booleans are not numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def check(decoded: object, rule: dict[str, Any]) -> Optional[str]:
    """None when the rule holds, else why not."""
    if "pagination" in rule:
        done, position = _native.pagination_after(decoded)
        got = {"done": done, "next": position}
        return None if got == rule["pagination"] else f"pagination {got} != {rule['pagination']}"
    path = rule["path"]
    found, from_unknown = walk(decoded, path)
    if "equals" in rule:
        ok = found is not ABSENT and same(as_json(found), rule["equals"])
        return None if ok else f"{path}: expected {rule['equals']!r}, found {found!r}"
    if "unknown" in rule:
        ok = from_unknown and same(as_json(found), rule["unknown"])
        return None if ok else f"{path}: expected the unknown field {rule['unknown']!r}, found {found!r}"
    if "absent" in rule:
        return None if found is ABSENT else f"{path}: expected absent, found {found!r}"
    if "length" in rule:
        ok = isinstance(found, list) and len(found) == rule["length"]
        return None if ok else f"{path}: expected length {rule['length']}, found {found!r}"
    if "timestamp_ms" in rule:
        if not isinstance(found, drivekit.Timestamp):
            return f"{path}: expected a Timestamp, found {found!r}"
        moment = found.datetime
        if (found.unix_ms is None) != (moment is None):
            return f"{path}: unix_ms {found.unix_ms} and datetime {moment!r} disagree"
        if moment is not None and round(moment.timestamp() * 1000) != found.unix_ms:
            return f"{path}: datetime {moment!r} is not unix_ms {found.unix_ms}"
        ok = found.unix_ms == rule["timestamp_ms"]
        return None if ok else f"{path}: expected timestamp_ms {rule['timestamp_ms']}, got {found.unix_ms}"
    return f"unknown check {rule}"


def error_disagreement(error: drivekit.DriveError, expected: dict[str, Any]) -> Optional[str]:
    got: dict[str, Any] = {"kind": error.kind}
    if isinstance(error, drivekit.ValidationError):
        got["field"] = error.field
    if isinstance(error, drivekit.ApiError):
        got.update(
            status=error.status,
            code=error.code,
            message=error.message,
            request_id=error.request_id,
            api_kind=error.api_kind,
        )
    wrong = {key: (want, got.get(key)) for key, want in expected.items() if got.get(key, ABSENT) != want}
    return None if not wrong else f"error {type(error).__name__} {error}: (expected, got) {wrong}"


def case_id(case: dict[str, Any]) -> str:
    return str(case["name"])


@pytest.mark.parametrize("case", MANIFEST["responses"], ids=case_id)
def test_response_fixture_decodes_as_the_manifest_says(case: dict[str, Any]) -> None:
    body = (FIXTURES / case["file"]).read_bytes()
    headers = list(case.get("headers", {}).items())
    expect = case["expect"]
    try:
        decoded = drivekit.decode_response(case["operation"], status=case["status"], body=body, headers=headers)
    except drivekit.DriveError as error:
        assert "error" in expect, f"failed: {error}"
        assert error_disagreement(error, expect["error"]) is None, error_disagreement(error, expect["error"])
        return
    assert "error" not in expect, f"decoded, but expected the error {expect['error']}"
    failures = [why for why in (check(decoded, rule) for rule in expect["checks"]) if why]
    assert not failures, "\n".join(failures)


class Recorder(ThreadingHTTPServer):
    """Keeps what the clients send, and answers every request with an empty JSON object."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.requests: list[dict[str, Any]] = []

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class RecordingHandler(BaseHTTPRequestHandler):
    server: Recorder

    def record(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        self.server.requests.append(
            {
                "method": self.command,
                "path": url.path,
                "query": dict(parse_qsl(url.query, keep_blank_values=True)),
                "body": json.loads(body) if body else None,
            }
        )
        answer = b"{}"
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = record
    do_POST = record

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reports what matters."""


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


METHODS = {
    "ListDelta": "list_delta",
    "ListRecyclebin": "list_recyclebin",
    "GetFile": "get_file",
    "UpdateFile": "update_file",
    "GetLastCursor": "get_last_cursor",
    "ListAlbumFiles": "list_album_files",
}

# Required keywords a case leaves out are sent empty, for the core to refuse.
REQUIRED = {
    "ListDelta": ("drive_id",),
    "ListRecyclebin": ("drive_id",),
    "GetFile": ("file_id",),
    "UpdateFile": ("drive_id", "file_id"),
    "GetLastCursor": ("drive_id",),
    "ListAlbumFiles": ("album_id",),
}


def send(recorder: Recorder, operation: str, wire_input: dict[str, Any]) -> None:
    keywords = {snake_case(name): value for name, value in wire_input.items()}
    for name in REQUIRED[operation]:
        keywords.setdefault(name, "")
    client: Any
    if operation == "ListAlbumFiles":
        client = drivekit.KooDriveClient(base_url=recorder.base_url, access_token="t", user_id="u", retries=0)
    else:
        client = drivekit.PdsClient(base_url=recorder.base_url, access_token="t", retries=0)
    with client:
        getattr(client, METHODS[operation])(**keywords)


@pytest.mark.parametrize("case", MANIFEST["requests"], ids=case_id)
def test_request_fixture_is_sent_or_refused_as_the_manifest_says(recorder: Recorder, case: dict[str, Any]) -> None:
    recorder.requests.clear()
    expect = case["expect"]
    try:
        send(recorder, case["operation"], case["input"])
    except drivekit.ValidationError as error:
        assert "error" in expect, f"refused: {error}"
        # A refusal names the keyword the input was given as, `page_size` for the wire's `pageSize`.
        expected = dict(expect["error"])
        if "field" in expected:
            expected["field"] = snake_case(expected["field"])
        assert error_disagreement(error, expected) is None, error_disagreement(error, expected)
        assert recorder.requests == [], "a refused request must not be sent"
        return
    assert "error" not in expect, f"sent, but expected the error {expect['error']}"
    assert len(recorder.requests) == 1
    sent = recorder.requests[0]
    assert same(sent, expect["request"]), f"sent {sent}, expected {expect['request']}"
