"""The mock drive (tests/mock-server), started once per session as a process on 127.0.0.1, reset before each test."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30.0


def mock_binary() -> str:
    """The mock's executable: `DRIVEKIT_MOCK` when set, else built once with cargo (wherever its target dir is)."""
    given = os.environ.get("DRIVEKIT_MOCK")
    if given:
        return given
    build = subprocess.run(
        ["cargo", "build", "--quiet", "-p", "drivekit-mock", "--bin", "drivekit-mock", "--message-format=json"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    for line in build.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            return str(message["executable"])
    raise RuntimeError("cargo built no drivekit-mock executable")


@dataclass(frozen=True)
class Mock:
    """The running mock: its address, the credentials it accepts, and its control API."""

    base_url: str
    token: str
    share_token: str
    access_key_id: str
    access_key_secret: str

    def control(self, method: str, path: str, body: Optional[dict[str, Any]] = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base_url}/__mock/{path}", data=data, method=method)
        request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
        return json.loads(text) if text else None

    def reset(self) -> None:
        self.control("POST", "reset")

    def arm(self, **fault: Any) -> None:
        """Arms a fault for the next service requests (see the mock's README)."""
        self.control("POST", "faults", fault)

    def requests(self, path: Optional[str] = None) -> list[dict[str, Any]]:
        """The service requests the mock received since the last reset, oldest first."""
        logged: list[dict[str, Any]] = self.control("GET", "requests")["requests"]
        return [entry for entry in logged if path is None or entry["path"] == path]


def read_startup(process: subprocess.Popen[str]) -> dict[str, str]:
    """The base URL and credentials the mock prints, read within a deadline."""
    lines: queue.Queue[str] = queue.Queue()

    def forward_stdout() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=forward_stdout, daemon=True).start()
    deadline = time.monotonic() + STARTUP_SECONDS
    printed: dict[str, str] = {}
    while len(printed) < 5:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError("the mock did not start in time") from None
        if not line:
            raise RuntimeError("the mock exited while starting")
        if not printed:
            printed["base_url"] = line.strip()
        else:
            name, _, value = line.partition(":")
            printed[name.strip()] = value.strip()
    return printed


@pytest.fixture(scope="session")
def mock_server() -> Iterator[Mock]:
    process = subprocess.Popen(
        [mock_binary(), "--host", "127.0.0.1", "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        printed = read_startup(process)
        yield Mock(
            base_url=printed["base_url"],
            token=printed["token"],
            share_token=printed["share-token"],
            access_key_id=printed["access-key-id"],
            access_key_secret=printed["access-key-secret"],
        )
    finally:
        # Closing stdin stops the mock; terminate in case it is stuck.
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=5)


@pytest.fixture
def mock(mock_server: Mock) -> Mock:
    """The mock with its seed content, no faults armed and an empty request log."""
    mock_server.reset()
    return mock_server
