"""Listing 10,000 delta items (100 pages of 100) from the mock drive end to end: drivekit against the official SDK
pointed at the same server and against fetching the same bodies with a bare HTTP client.

    python benchmarks/list_delta.py --base-url http://127.0.0.1:PORT --token TOKEN \\
        --access-key-id ID --access-key-secret SECRET

Start the mock with `--files 10000`; `benchmarks/run` does all of it.
"""

from __future__ import annotations

import argparse
import http.client
import importlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Optional
from urllib.parse import urlsplit

import drivekit

DRIVE_ID = "1"
PAGE_SIZE = 100
ROUNDS = 5


def best_of(rounds: int, work: Callable[[], int]) -> tuple[float, int]:
    """The fastest run in seconds, and how many items it listed."""
    timings = []
    items = 0
    for _ in range(rounds):
        started = time.perf_counter()
        items = work()
        timings.append(time.perf_counter() - started)
    return min(timings), items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--access-key-id", required=True)
    parser.add_argument("--access-key-secret", required=True)
    arguments = parser.parse_args()
    base_url: str = arguments.base_url
    client = drivekit.PdsClient(base_url=base_url, access_token=arguments.token)

    def with_drivekit() -> int:
        return sum(1 for _ in client.iter_delta(drive_id=DRIVE_ID, limit=PAGE_SIZE))

    # The bare fetch replays the same requests (cursors recorded once) on one keep-alive connection and keeps the
    # bodies as bytes: the floor that any client's transport and decoding add to.
    cursors: list[str] = [""]
    for page in client.iter_delta_pages(drive_id=DRIVE_ID, limit=PAGE_SIZE):
        if page.has_more and page.cursor:
            cursors.append(page.cursor)
    address = urlsplit(base_url)

    def with_bare_http() -> int:
        connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port)
        headers = {"content-type": "application/json", "authorization": f"Bearer {arguments.token}"}
        fetched = 0
        for cursor in cursors:
            body = json.dumps({"drive_id": DRIVE_ID, "cursor": cursor, "limit": PAGE_SIZE})
            connection.request("POST", "/v2/file/list_delta", body=body, headers=headers)
            fetched += len(connection.getresponse().read()) > 0
        connection.close()
        return fetched * PAGE_SIZE

    results = {
        "bare HTTP fetch (http.client, bodies as bytes)": best_of(ROUNDS, with_bare_http),
        "drivekit PdsClient.iter_delta": best_of(ROUNDS, with_drivekit),
    }
    try:
        sdk_client: Any = importlib.import_module("alibabacloud_pds20220301.client")
        sdk_models: Any = importlib.import_module("alibabacloud_pds20220301.models")
        openapi: Any = importlib.import_module("alibabacloud_tea_openapi.models")
    except ImportError:
        sdk_client = None
    if sdk_client is not None:
        sdk = sdk_client.Client(
            openapi.Config(
                endpoint=address.netloc,
                protocol="http",
                access_key_id=arguments.access_key_id,
                access_key_secret=arguments.access_key_secret,
            )
        )

        def with_official_sdk() -> int:
            listed, cursor, more = 0, "", True
            while more:
                request = sdk_models.ListDeltaRequest(drive_id=DRIVE_ID, cursor=cursor, limit=PAGE_SIZE)
                answer = sdk.list_delta(request).body
                listed += len(answer.items)
                cursor, more = answer.cursor, answer.has_more
            return listed

        results["official SDK (alibabacloud-pds20220301)"] = best_of(ROUNDS, with_official_sdk)

    floor = results["bare HTTP fetch (http.client, bodies as bytes)"][0]
    print(f"Listing a 10,000-change delta feed in pages of {PAGE_SIZE}, best of {ROUNDS}")
    for name, (seconds, items) in results.items():
        print(f"  {name:<48} {seconds * 1000:8.1f} ms  {items:6} items  {seconds / floor:5.2f}x the bare fetch")
    if sdk_client is None:
        print("  (official SDK not installed: run benchmarks/run to compare with it)")
    else:
        official = results["official SDK (alibabacloud-pds20220301)"][0]
        print(f"  drivekit is {official / results['drivekit PdsClient.iter_delta'][0]:.1f}x faster than the official SDK")

    # A loop that does something with each change (here: index its file's name and size) gives the background
    # fetch of the next page time to happen; fetching each page only when the last is done cannot overlap.
    def index_changes(changes: Iterable[drivekit.DeltaItem]) -> int:
        index: dict[str, tuple[Optional[str], Optional[int]]] = {}
        for change in changes:
            if change.file_id is not None and change.file is not None:
                index[change.file_id] = (change.file.name, change.file.size)
        return len(index)

    def page_by_page() -> Iterator[drivekit.DeltaItem]:
        cursor: Optional[str] = None
        while True:
            page = client.list_delta(drive_id=DRIVE_ID, cursor=cursor, limit=PAGE_SIZE)
            yield from page.items or []
            if not page.has_more:
                return
            cursor = page.cursor

    background, _ = best_of(ROUNDS, lambda: index_changes(client.iter_delta(drive_id=DRIVE_ID, limit=PAGE_SIZE)))
    sequential, _ = best_of(ROUNDS, lambda: index_changes(page_by_page()))
    print(f"Listing the same feed while indexing each change's file name and size, best of {ROUNDS}")
    print(f"  {'iter_delta (next page fetched in the background)':<48} {background * 1000:8.1f} ms")
    print(f"  {'list_delta page by page':<48} {sequential * 1000:8.1f} ms  {sequential / background:5.2f}x")


if __name__ == "__main__":
    main()
