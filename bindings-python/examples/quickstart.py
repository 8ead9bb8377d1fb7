"""A first session with drivekit, narrated: albums, a delta sync, a file, a rename conflict and the recycle bin.

    python examples/quickstart.py --base-url http://127.0.0.1:PORT --token TOKEN

`./dev demo` starts the mock drive and runs this against it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import drivekit

DRIVE_ID = "1"
ALBUM_ID = "1795607640592646273"
PHOTO_ID = "9520943DC264"

T = TypeVar("T")


def say(text: str) -> None:
    print(text, flush=True)


def amount(count: int, noun: str) -> str:
    """`1 change`, `2 changes`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def with_progress(items: Iterable[T], noun: str) -> Iterator[T]:
    """Yields the items while a line counts them, so that a long listing shows it is moving."""
    live = sys.stdout.isatty()
    count = 0
    for count, item in enumerate(items, start=1):
        if live and count % 25 == 0:
            print(f"\r    ... {amount(count, noun)}", end="", flush=True)
        yield item
    print(f"\r    ... {amount(count, noun)}, done", flush=True)


@dataclass
class FolderIndex:
    """What a sync client keeps: every file by id, and the position to continue from."""

    path: Path
    position: str | None = None
    files: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> FolderIndex:
        if not path.exists():
            return cls(path)
        saved = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, saved["position"], saved["files"])

    def save(self) -> None:
        self.path.write_text(json.dumps({"position": self.position, "files": self.files}), encoding="utf-8")

    def apply(self, change: drivekit.DeltaItem) -> str | None:
        """Applies one change; describes it when it is worth telling."""
        file_id = change.file_id or ""
        before = self.files.get(file_id)
        if change.op == "delete":
            self.files.pop(file_id, None)
            return f"deleted {before['name']}" if before else None
        if change.file is None:
            return None
        after = {"name": change.file.name or "", "parent": change.file.parent_file_id or ""}
        self.files[file_id] = after
        if before and before["name"] != after["name"]:
            return f"renamed {before['name']!r} to {after['name']!r}"
        return None


def sync(client: drivekit.PdsClient, index: FolderIndex) -> None:
    """Follows the delta feed from the index's position, then saves where it stopped."""
    changes = client.iter_delta(drive_id=DRIVE_ID, position=index.position)
    ops: Counter[str] = Counter()
    told = []
    for change in with_progress(changes, "change"):
        ops[change.op or "?"] += 1
        described = index.apply(change)
        if described:
            told.append(described)
    index.position = changes.position
    index.save()
    summary = ", ".join(f"{count} {op}" for op, count in sorted(ops.items())) or "nothing new"
    say(f"    {amount(sum(ops.values()), 'change')} ({summary}); the index holds {amount(len(index.files), 'file')}")
    for line in told:
        say(f"    - {line}")
    say(f"    position saved: {index.position}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True, help="where PDS and KooDrive answer (the mock drive's address)")
    parser.add_argument("--token", required=True, help="the user's access token")
    parser.add_argument("--state", type=Path, help="the folder for the sync index (a temporary one by default)")
    arguments = parser.parse_args()
    state = arguments.state or Path(tempfile.mkdtemp(prefix="drivekit-quickstart-"))
    index = FolderIndex.load(state / "index.json")

    say("1. The newest photos of a KooDrive album")
    with drivekit.KooDriveClient(base_url=arguments.base_url, access_token=arguments.token, user_id="demo") as albums:
        newest = albums.list_album_files(
            album_id=ALBUM_ID,
            page_size=5,
            sort_type=drivekit.SortType.CREATION_TIME,
            sort_direction=drivekit.SortDirection.DESCENDING,
        )
        for newest_photo in newest.content_list or []:
            created = newest_photo.created_time.datetime if newest_photo.created_time else None
            name = newest_photo.file_name
            say(f"    {name:<22} created {created:%Y-%m-%d %H:%M}" if created else f"    {name}")
        every_photo = albums.iter_album_files(album_id=ALBUM_ID)
        total_bytes = sum(each.size or 0 for each in with_progress(every_photo, "photo"))
        say(f"    the whole album: {total_bytes / 1e9:.1f} GB")

    with drivekit.PdsClient(base_url=arguments.base_url, access_token=arguments.token) as drive:
        say("\n2. Sync the drive's delta feed into a local index")
        sync(drive, index)

        say("\n3. One file, with a download URL")
        photo = drive.get_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, url_expire_sec=600)
        say(f"    {photo.name} ({photo.size} bytes, {photo.mime_type}), changed {photo.updated_at}")
        say(f"    download: {photo.download_url}")

        say("\n4. Rename it, then meet a 'refuse' conflict")
        renamed = drive.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, name=f"renamed-{photo.name}")
        say(f"    renamed to {renamed.name}")
        sibling = next(
            entry["name"]
            for file_id, entry in sorted(index.files.items())
            if entry["parent"] == photo.parent_file_id and file_id != PHOTO_ID
        )
        try:
            drive.update_file(drive_id=DRIVE_ID, file_id=PHOTO_ID, name=sibling, check_name_mode="refuse")
        except drivekit.ApiError as conflict:
            say(f"    renaming to {sibling!r} was refused: HTTP {conflict.status} {conflict.code} ({conflict.api_kind})")
        say("    the next sync picks the rename up from the saved position:")
        sync(drive, index)

        say("\n5. The recycle bin")
        trashed = list(with_progress(drive.iter_recyclebin(drive_id=DRIVE_ID, limit=50), "trashed file"))
        for file in trashed[:3]:
            say(f"    {file.name:<24} trashed {file.trashed_at}")
        say(f"    ... {len(trashed)} in all")
    say(f"\nDone. The sync index is in {index.path}")


if __name__ == "__main__":
    main()
