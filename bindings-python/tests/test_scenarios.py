"""The shared scenarios (tests/scenarios/*.json) through the Python API: the same behaviour as every other language.

The format is in tests/scenarios/README.md. Calls and walks run on the blocking clients, a new one each time, as a
new process would; a call the caller gives up on (`cancel_after_ms`) runs on the asyncio client as a task that is
cancelled, and a call or walk run `times` at once runs as that many coroutines gathered on one asyncio client.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import pytest

import drivekit
from conftest import Mock

SCENARIOS = Path(__file__).resolve().parents[2] / "tests" / "scenarios"
KOODRIVE_USER_ID = "1765263620687613825"

# The core's field names (the scenarios' `field`) of the arguments Python names otherwise: the options, and
# KooDrive's wire names, for comparing a validation error's field.
CORE_FIELDS = {
    "timeout": "total_timeout",
    "retries": "max_attempts",
    "album_id": "albumId",
    "page_size": "pageSize",
    "sort_type": "sortType",
    "sort_direction": "sortDirection",
    "trace_id": "X-Traceid",
    "user_id": "X-User-Id",
}

Client = Union[drivekit.PdsClient, drivekit.KooDriveClient]
AsyncClient = Union[drivekit.AsyncPdsClient, drivekit.AsyncKooDriveClient]


def scenario_files() -> list[Path]:
    return sorted(SCENARIOS.glob("*.json")) if SCENARIOS.is_dir() else []


def client_options(options: dict[str, Any]) -> dict[str, Any]:
    """A scenario's `options` as the clients' keywords."""
    keywords: dict[str, Any] = {}
    if "max_attempts" in options:
        keywords["retries"] = options["max_attempts"] - 1
    if "attempt_timeout_ms" in options:
        keywords["attempt_timeout"] = options["attempt_timeout_ms"] / 1000
    if "timeout_ms" in options:
        keywords["timeout"] = options["timeout_ms"] / 1000
    if "max_response_bytes" in options:
        keywords["max_response_bytes"] = options["max_response_bytes"]
    return keywords


def entry_key(entry: Any) -> str:
    """The key a scenario knows an entry by: `op/file_id` for a change, the file's id, the photo's id."""
    if isinstance(entry, drivekit.DeltaItem):
        return f"{entry.op or ''}/{entry.file_id or ''}"
    if isinstance(entry, drivekit.File):
        return entry.file_id or ""
    if isinstance(entry, drivekit.AlbumContent):
        return entry.id or ""
    raise TypeError(f"no key for {entry!r}")


def page_entries(page: Any) -> list[Any]:
    if isinstance(page, drivekit.AlbumFilesPage):
        return list(page.content_list or [])
    return list(page.items or [])


def count(value: Any) -> Optional[int]:
    """A step's `items` or `pages`: a number, or every one (`"all"`)."""
    if value == "all":
        return None
    return int(value)


def numbered(value: Any, n: Optional[int]) -> Any:
    """`{n}` in a change's strings becomes the repetition's number."""
    if n is None:
        return value
    if isinstance(value, str):
        return value.replace("{n}", str(n))
    if isinstance(value, dict):
        return {name: numbered(item, n) for name, item in value.items()}
    return value


@dataclass
class Provider:
    """A token provider whose first token has expired (the mock refuses it with 401); the mock's token after that."""

    token: str
    asked: int = 0

    def __call__(self) -> str:
        self.asked += 1
        return "expired-token" if self.asked == 1 else self.token


@dataclass
class Ended:
    """How a call or walk ended, and how long it took."""

    error: Optional[BaseException]
    took_ms: float


@dataclass
class Runner:
    mock: Mock
    positions: dict[str, str] = field(default_factory=dict)
    collected: dict[str, list[str]] = field(default_factory=dict)

    def run(self, step: dict[str, Any]) -> None:
        ((kind, body),) = step.items()
        if kind == "fault":
            self.mock.arm(**body)
        elif kind == "change":
            self.change(body)
        elif kind == "clear_requests":
            self.mock.control("DELETE", "requests")
        elif kind == "rate_limit":
            self.mock.control("PUT", "rate_limit", body)
        elif kind in ("call", "walk"):
            self.calls_or_walks(kind, body)
        elif kind == "expect_collected":
            self.expect_collected(body)
        elif kind == "expect_requests":
            self.expect_requests(body)
        else:
            raise AssertionError(f"unknown step {kind}")

    def change(self, body: dict[str, Any]) -> None:
        repeat: Optional[int] = body.get("repeat")
        for n in range(1, (repeat or 1) + 1):
            number = n if repeat is not None else None
            path = numbered(body["path"], number).lstrip("/")
            self.mock.control("POST", path, numbered(body.get("body"), number))

    def calls_or_walks(self, kind: str, step: dict[str, Any]) -> None:
        """Runs a call or walk, or `times` of them at once on one client, and checks each and the token provider."""
        options: dict[str, Any] = step.get("options", {})
        provider = Provider(self.mock.token) if options.get("token_provider") else None
        if "times" in step:
            endings = asyncio.run(self.at_once(kind, step, provider))
        else:
            endings = [self.call(step, provider) if kind == "call" else self.walk(step, provider)]
        expected: dict[str, Any] = step.get("expect") or {}
        for ended in endings:
            expect(expected, ended)
        if "provider_calls" in expected:
            asked = provider.asked if provider else 0
            wanted = expected["provider_calls"]
            assert asked == wanted, f"the token provider was asked {asked} times, {wanted} expected"

    def keywords(self, options: dict[str, Any], provider: Optional[Provider]) -> dict[str, Any]:
        """A client's keywords: its options, and the mock's token or the provider."""
        credentials: dict[str, Any] = {"token_provider": provider} if provider else {"access_token": self.mock.token}
        return {"base_url": self.mock.base_url, **credentials, **client_options(options)}

    def client(self, operation: str, options: dict[str, Any], provider: Optional[Provider] = None) -> Client:
        keywords = self.keywords(options, provider)
        if operation == "list_album_files":
            return drivekit.KooDriveClient(user_id=KOODRIVE_USER_ID, **keywords)
        return drivekit.PdsClient(**keywords)

    def async_client(self, operation: str, options: dict[str, Any], provider: Optional[Provider] = None) -> AsyncClient:
        keywords = self.keywords(options, provider)
        if operation == "list_album_files":
            return drivekit.AsyncKooDriveClient(user_id=KOODRIVE_USER_ID, **keywords)
        return drivekit.AsyncPdsClient(**keywords)

    async def at_once(self, kind: str, step: dict[str, Any], provider: Optional[Provider]) -> list[Ended]:
        """The step's call, or walk to its end, run `times` times at once on one asyncio client."""
        name: str = step["operation"] if kind == "call" else step["listing"]

        async def walk(client: AsyncClient) -> None:
            async for _ in getattr(client, f"iter_{name.removeprefix('list_')}")(**step["args"]):
                pass

        async def call(client: AsyncClient) -> None:
            await getattr(client, name)(**step["args"])

        run: Callable[[AsyncClient], Awaitable[None]] = call if kind == "call" else walk
        started = time.monotonic()
        async with self.async_client(name, step.get("options", {}), provider) as client:
            results = await asyncio.gather(*(run(client) for _ in range(step["times"])), return_exceptions=True)
        took_ms = (time.monotonic() - started) * 1000
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, drivekit.DriveError):
                raise result
        return [Ended(result if isinstance(result, BaseException) else None, took_ms) for result in results]

    def call(self, step: dict[str, Any], provider: Optional[Provider]) -> Ended:
        operation: str = step["operation"]
        options: dict[str, Any] = step.get("options", {})
        started = time.monotonic()
        try:
            if "cancel_after_ms" in step:
                after = step["cancel_after_ms"] / 1000
                asyncio.run(self.call_cancelled(operation, options, provider, step["args"], after))
            else:
                with self.client(operation, options, provider) as client:
                    getattr(client, operation)(**step["args"])
        except (drivekit.DriveError, asyncio.CancelledError) as error:
            return Ended(error, (time.monotonic() - started) * 1000)
        return Ended(None, (time.monotonic() - started) * 1000)

    async def call_cancelled(
        self, operation: str, options: dict[str, Any], provider: Optional[Provider], args: dict[str, Any], after: float
    ) -> None:
        """The call as a task that the caller cancels after `after` seconds."""
        async with self.async_client(operation, options, provider) as client:
            task = asyncio.ensure_future(getattr(client, operation)(**args))
            done, _ = await asyncio.wait({task}, timeout=after)
            if not done:
                task.cancel()
            await task

    def walk(self, step: dict[str, Any], provider: Optional[Provider]) -> Ended:
        listing: str = step["listing"]
        by_pages = "pages" in step
        keywords = dict(step["args"])
        if "from" in step:
            keywords["position"] = self.positions[step["from"]]
        started = time.monotonic()
        keys: list[str] = []
        error: Optional[BaseException] = None
        with self.client(listing, step.get("options", {}), provider) as client:
            method = f"iter_{listing.removeprefix('list_')}" + ("_pages" if by_pages else "")
            try:
                walk: Iterator[Any] = getattr(client, method)(**keywords)
            except drivekit.DriveError as refused:
                return Ended(refused, (time.monotonic() - started) * 1000)
            wanted = count(step["pages"] if by_pages else step.get("items", "all"))
            try:
                while wanted is None or wanted > 0:
                    handed = next(walk, None)
                    if handed is None:
                        break
                    keys.extend(entry_key(entry) for entry in (page_entries(handed) if by_pages else [handed]))
                    wanted = None if wanted is None else wanted - 1
            except drivekit.DriveError as failed:
                error = failed
            if "collect" in step:
                self.collected.setdefault(step["collect"], []).extend(keys)
            if "save_position" in step:
                self.positions[step["save_position"]] = getattr(walk, "position")
        return Ended(error, (time.monotonic() - started) * 1000)

    def expect_collected(self, step: dict[str, Any]) -> None:
        joined = [key for name in step["lists"] for key in self.collected[name]]
        if "equal" in step:
            expected = self.collected[step["equal"]]
            assert joined == expected, f"{len(joined)} keys collected, {len(expected)} expected"
        if step.get("unique"):
            assert len(set(joined)) == len(joined), "an entry was handed out twice"
        for wanted in step.get("contains_once", []):
            assert joined.count(wanted) == 1, f"{wanted} was handed out {joined.count(wanted)} times"
        if "count" in step:
            assert len(joined) == step["count"]

    def expect_requests(self, step: dict[str, Any]) -> None:
        logged = self.mock.requests(step.get("path"))
        assert len(logged) == step["count"], f"{len(logged)} requests logged, {step['count']} expected: {logged}"
        if "statuses" in step:
            assert [entry["status"] for entry in logged] == step["statuses"]


def expect(expected: Optional[dict[str, Any]], ended: Ended) -> None:
    """Checks how a call or walk ended against the step's `expect` (success when it has none)."""
    expected = expected or {}
    assert ended.took_ms >= expected.get("min_ms", 0), f"took {ended.took_ms:.0f} ms, {expected} expected"
    assert ended.took_ms <= expected.get("max_ms", float("inf")), f"took {ended.took_ms:.0f} ms, {expected} expected"
    kind = expected.get("error")
    if kind is None:
        assert ended.error is None, f"failed: {ended.error!r}"
        return
    error = ended.error
    assert error is not None, f"succeeded, {kind} expected"
    if isinstance(error, asyncio.CancelledError):
        assert kind == "cancelled", f"cancelled, {kind} expected"
        return
    assert isinstance(error, drivekit.DriveError)
    assert error.kind == kind, f"failed with {error.kind} ({error}), {expected} expected"
    if "field" in expected:
        assert isinstance(error, drivekit.ValidationError)
        assert CORE_FIELDS.get(error.field, error.field) == expected["field"]
    if "status" in expected:
        assert isinstance(error, drivekit.ApiError) and error.status == expected["status"]
    if "limit" in expected:
        assert isinstance(error, drivekit.ResponseTooLargeError) and error.limit == expected["limit"]
    if "message_contains" in expected:
        assert expected["message_contains"] in str(error), f"{error} does not say {expected['message_contains']!r}"


@pytest.mark.parametrize("path", scenario_files(), ids=lambda path: path.stem)
def test_scenario(mock: Mock, path: Path) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    reason = scenario.get("not_in", {}).get("python")
    if reason:
        pytest.skip(reason)
    runner = Runner(mock)
    for number, step in enumerate(scenario["steps"], start=1):
        try:
            runner.run(step)
        except AssertionError as failure:
            raise AssertionError(f"step {number} ({next(iter(step))}): {failure}") from None
