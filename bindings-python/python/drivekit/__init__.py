"""drivekit: Alibaba Cloud Drive and Photo Service (PDS) and Huawei Cloud KooDrive, sync and asyncio.

    import drivekit

    with drivekit.PdsClient(domain_id="bj1", access_token=token) as client:
        for change in client.iter_delta(drive_id="1"):
            print(change.op, change.file_id)
"""

from __future__ import annotations

from enum import IntEnum

from ._errors import (
    ApiError,
    DecodeError,
    DriveError,
    OutcomeUnknownError,
    RateLimitedError,
    ResponseTooLargeError,
    TimeoutError,
    TransportError,
    ValidationError,
)
from ._native import (
    AlbumContent,
    AlbumFilesPage,
    AsyncItems,
    AsyncKooDriveClient,
    AsyncPages,
    AsyncPdsClient,
    AudioStream,
    DeltaItem,
    DeltaPage,
    DirSizeInfo,
    DocumentContent,
    ElementContent,
    FaceThumbnail,
    File,
    ImageMediaMetadata,
    ImageQuality,
    ImageTag,
    InvestigationInfo,
    Items,
    KeyFrame,
    KooDriveClient,
    LastCursor,
    Pages,
    PdsClient,
    RecyclebinPage,
    SceneContent,
    SemanticResult,
    StreamInfo,
    Timestamp,
    VideoMediaMetadata,
    VideoStream,
    decode_response,
)


class SortType(IntEnum):
    """What an album listing is sorted by (``sort_type=``)."""

    SHOOTING_TIME = 1
    CREATION_TIME = 2
    UPDATE_TIME = 3


class SortDirection(IntEnum):
    """Which way an album listing is sorted (``sort_direction=``)."""

    ASCENDING = 1
    DESCENDING = 2


__all__ = [
    "AlbumContent",
    "AlbumFilesPage",
    "ApiError",
    "AsyncItems",
    "AsyncKooDriveClient",
    "AsyncPages",
    "AsyncPdsClient",
    "AudioStream",
    "DecodeError",
    "DeltaItem",
    "DeltaPage",
    "DirSizeInfo",
    "DocumentContent",
    "DriveError",
    "ElementContent",
    "FaceThumbnail",
    "File",
    "ImageMediaMetadata",
    "ImageQuality",
    "ImageTag",
    "InvestigationInfo",
    "Items",
    "KeyFrame",
    "KooDriveClient",
    "LastCursor",
    "OutcomeUnknownError",
    "Pages",
    "PdsClient",
    "RateLimitedError",
    "RecyclebinPage",
    "ResponseTooLargeError",
    "SceneContent",
    "SemanticResult",
    "SortDirection",
    "SortType",
    "StreamInfo",
    "Timestamp",
    "TimeoutError",
    "TransportError",
    "ValidationError",
    "VideoMediaMetadata",
    "VideoStream",
    "decode_response",
]
