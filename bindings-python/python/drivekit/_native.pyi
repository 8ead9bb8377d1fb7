"""Types of the native part of drivekit (import them from `drivekit`)."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from types import TracebackType
from typing import Any, ClassVar, Generic, Optional, TypeVar, Union, final

from typing_extensions import Self, TypedDict

__all__ = [
    "AlbumContent",
    "AlbumFilesPage",
    "AsyncItems",
    "AsyncKooDriveClient",
    "AsyncPages",
    "AsyncPdsClient",
    "AudioStream",
    "DeltaItem",
    "DeltaPage",
    "DirSizeInfo",
    "DocumentContent",
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
    "Pages",
    "PdsClient",
    "RecyclebinPage",
    "SceneContent",
    "SemanticResult",
    "StreamInfo",
    "Timestamp",
    "VideoMediaMetadata",
    "VideoStream",
    "decode_response",
    "pagination_after",
]

_T = TypeVar("_T")

class _ThumbnailProcess(TypedDict, total=False):
    """How to make one thumbnail (ListRecyclebin's `thumbnail_processes` values)."""

    image_thumbnail_process: str
    video_thumbnail_process: str
    document_thumbnail_process: str

@final
class Timestamp:
    """A time kept exactly as the service sent it, with typed accessors."""

    @property
    def text(self) -> str:
        """The text as sent."""
    @property
    def datetime(self) -> Optional[datetime]:
        """The time as an aware `datetime`, or None when the text is not an RFC 3339 time."""
    @property
    def unix_ms(self) -> Optional[int]:
        """Milliseconds since the Unix epoch, or None when the text is not a time."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Pages(Generic[_T]):
    """The pages of a listing, fetched as the loop asks, the next one already on its way."""
    def __class_getitem__(cls, item: Any, /) -> Any: ...

    def __iter__(self) -> Self: ...
    def __next__(self) -> _T: ...
    def close(self) -> None:
        """Ends the listing and cancels the page fetched ahead."""
    @property
    def position(self) -> str:
        """Where to resume with nothing handed out so far coming again and nothing else missed: pass it as
        `position=` to the same listing, in this process or another (another listing, or one also given a cursor,
        refuses it with a `ValidationError` before sending anything). For a finished delta feed it is where the next
        sync starts."""
    @property
    def cursor(self) -> Optional[str]:
        """The service's own cursor (or marker, or page cursor) of the next page, as the `list_` methods take it;
        it ignores the entries handed out from a page, so resume from `position` instead."""
    @property
    def done(self) -> bool:
        """Whether everything has been handed out (or the listing was closed)."""

@final
class Items(Generic[_T]):
    """The entries of a listing, page after page."""
    def __class_getitem__(cls, item: Any, /) -> Any: ...

    def __iter__(self) -> Self: ...
    def __next__(self) -> _T: ...
    def close(self) -> None:
        """Ends the listing and cancels the page fetched ahead."""
    @property
    def position(self) -> str:
        """Where to resume with nothing handed out so far coming again and nothing else missed: pass it as
        `position=` to the same listing, in this process or another (another listing, or one also given a cursor,
        refuses it with a `ValidationError` before sending anything). For a finished delta feed it is where the next
        sync starts."""
    @property
    def cursor(self) -> Optional[str]:
        """The service's own cursor (or marker, or page cursor) of the next page, as the `list_` methods take it;
        it ignores the entries handed out from a page, so resume from `position` instead."""
    @property
    def done(self) -> bool:
        """Whether everything has been handed out (or the listing was closed)."""

@final
class AsyncPages(Generic[_T]):
    """The pages of a listing for `async for`."""
    def __class_getitem__(cls, item: Any, /) -> Any: ...

    def __aiter__(self) -> Self: ...
    async def __anext__(self) -> _T: ...
    async def aclose(self) -> None:
        """Ends the listing and cancels the page fetched ahead."""
    @property
    def position(self) -> str:
        """Where to resume with nothing handed out so far coming again and nothing else missed: pass it as
        `position=` to the same listing, in this process or another (another listing, or one also given a cursor,
        refuses it with a `ValidationError` before sending anything). For a finished delta feed it is where the next
        sync starts."""
    @property
    def cursor(self) -> Optional[str]:
        """The service's own cursor (or marker, or page cursor) of the next page, as the `list_` methods take it;
        it ignores the entries handed out from a page, so resume from `position` instead."""
    @property
    def done(self) -> bool:
        """Whether everything has been handed out (or the listing was closed)."""

@final
class AsyncItems(Generic[_T]):
    """The entries of a listing for `async for`."""
    def __class_getitem__(cls, item: Any, /) -> Any: ...

    def __aiter__(self) -> Self: ...
    async def __anext__(self) -> _T: ...
    async def aclose(self) -> None:
        """Ends the listing and cancels the page fetched ahead."""
    @property
    def position(self) -> str:
        """Where to resume with nothing handed out so far coming again and nothing else missed: pass it as
        `position=` to the same listing, in this process or another (another listing, or one also given a cursor,
        refuses it with a `ValidationError` before sending anything). For a finished delta feed it is where the next
        sync starts."""
    @property
    def cursor(self) -> Optional[str]:
        """The service's own cursor (or marker, or page cursor) of the next page, as the `list_` methods take it;
        it ignores the entries handed out from a page, so resume from `position` instead."""
    @property
    def done(self) -> bool:
        """Whether everything has been handed out (or the listing was closed)."""

@final
class PdsClient:
    """A PDS client whose methods block the calling thread (with the GIL released); share one across threads."""

    def __new__(
        cls,
        *,
        domain_id: Optional[str] = None,
        base_url: Optional[str] = None,
        access_token: Optional[str] = None,
        share_token: Optional[str] = None,
        access_key_id: Optional[str] = None,
        access_key_secret: Optional[str] = None,
        security_token: Optional[str] = None,
        token_provider: Optional[Callable[[], str]] = None,
        timeout: Optional[float] = None,
        attempt_timeout: Optional[float] = None,
        retries: Optional[int] = None,
        max_requests_per_second: Optional[float] = None,
        adaptive_rate_limit: bool = True,
        max_response_bytes: Optional[int] = None,
    ) -> Self:
        """Exactly one of `domain_id` and `base_url`, and one kind of credentials: `access_token`, `share_token`,
        `access_key_id` with `access_key_secret` (and `security_token` for STS), or `token_provider`.

        `timeout` is how many seconds a whole call may take, retries and the waits between them included (120 by
        default); `attempt_timeout` how many seconds one attempt may take, its whole answer received (30 by
        default); `retries` how many times a failed attempt may be repeated (3 by default). A value out of range is
        a `ValidationError` naming the option.

        The client paces all its calls together. `max_requests_per_second` is a rate they never exceed, held from
        the first request on (none by default). `adaptive_rate_limit` makes them slow down together when the
        service throttles (a 429 or one of its throttling codes) and climb back after (on by default).

        `max_response_bytes` is the longest answer a call accepts (16 MiB by default; a page is some 60 KB): a
        longer one is refused with `ResponseTooLargeError` as soon as it is announced or has arrived that far,
        never held whole, and not retried."""
    def get_last_cursor(self, *, drive_id: str, sync_root_id: Optional[str] = None) -> LastCursor:
        """The newest position of a drive's change feed: list everything, then follow ListDelta from here."""
    def list_delta(
        self, *, drive_id: str, cursor: Optional[str] = None, limit: Optional[int] = None, sync_root_id: Optional[str] = None
    ) -> DeltaPage:
        """One page of a drive's changes since `cursor` (from the start of the retained feed without one)."""
    def iter_delta_pages(
        self,
        *,
        drive_id: str,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
        sync_root_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> Pages[DeltaPage]:
        """Every page of the delta feed until `has_more` is false, from `position` (a listing's saved `.position`) or
        `cursor`."""
    def iter_delta(
        self,
        *,
        drive_id: str,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
        sync_root_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> Items[DeltaItem]:
        """Every change of the delta feed, page after page, from `position` (a listing's saved `.position`) or
        `cursor`."""
    def list_recyclebin(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
    ) -> RecyclebinPage:
        """One page of a drive's recycle bin, in name order, from `marker`."""
    def iter_recyclebin_pages(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
        position: Optional[str] = None,
    ) -> Pages[RecyclebinPage]:
        """Every page of a drive's recycle bin, from `position` (a listing's saved `.position`) or `marker`."""
    def iter_recyclebin(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
        position: Optional[str] = None,
    ) -> Items[File]:
        """Every file and folder in a drive's recycle bin, from `position` (a listing's saved `.position`) or
        `marker`."""
    def get_file(
        self,
        *,
        file_id: str,
        drive_id: Optional[str] = None,
        share_id: Optional[str] = None,
        url_expire_sec: Optional[int] = None,
        fields: Optional[str] = None,
    ) -> File:
        """One file's metadata and URLs, in a drive (`drive_id`) or a share (`share_id`)."""
    def update_file(
        self,
        *,
        drive_id: str,
        file_id: str,
        name: Optional[str] = None,
        description: Optional[str] = None,
        labels: Optional[list[str]] = None,
        check_name_mode: Optional[str] = None,
        local_modified_at: Optional[str] = None,
        hidden: Optional[bool] = None,
        starred: Optional[bool] = None,
    ) -> File:
        """Changes a file's metadata (never its content); unset arguments stay as they are."""
    def close(self) -> None:
        """Lets go of the pooled connections; the client cannot be used afterwards."""
    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: Optional[type[BaseException]] = None,
        exc_value: Optional[BaseException] = None,
        traceback: Optional[TracebackType] = None,
    ) -> None: ...

@final
class AsyncPdsClient:
    """A PDS client for asyncio: the same methods as `PdsClient`, as coroutines that never block the event loop; its
    `token_provider` may be an `async def`."""

    def __new__(
        cls,
        *,
        domain_id: Optional[str] = None,
        base_url: Optional[str] = None,
        access_token: Optional[str] = None,
        share_token: Optional[str] = None,
        access_key_id: Optional[str] = None,
        access_key_secret: Optional[str] = None,
        security_token: Optional[str] = None,
        token_provider: Optional[Callable[[], Union[str, Awaitable[str]]]] = None,
        timeout: Optional[float] = None,
        attempt_timeout: Optional[float] = None,
        retries: Optional[int] = None,
        max_requests_per_second: Optional[float] = None,
        adaptive_rate_limit: bool = True,
        max_response_bytes: Optional[int] = None,
    ) -> Self:
        """Exactly one of `domain_id` and `base_url`, and one kind of credentials: `access_token`, `share_token`,
        `access_key_id` with `access_key_secret` (and `security_token` for STS), or `token_provider`.

        `timeout` is how many seconds a whole call may take, retries and the waits between them included (120 by
        default); `attempt_timeout` how many seconds one attempt may take, its whole answer received (30 by
        default); `retries` how many times a failed attempt may be repeated (3 by default). A value out of range is
        a `ValidationError` naming the option.

        The client paces all its calls together. `max_requests_per_second` is a rate they never exceed, held from
        the first request on (none by default). `adaptive_rate_limit` makes them slow down together when the
        service throttles (a 429 or one of its throttling codes) and climb back after (on by default).

        `max_response_bytes` is the longest answer a call accepts (16 MiB by default; a page is some 60 KB): a
        longer one is refused with `ResponseTooLargeError` as soon as it is announced or has arrived that far,
        never held whole, and not retried."""
    async def get_last_cursor(self, *, drive_id: str, sync_root_id: Optional[str] = None) -> LastCursor:
        """The newest position of a drive's change feed: list everything, then follow ListDelta from here."""
    async def list_delta(
        self, *, drive_id: str, cursor: Optional[str] = None, limit: Optional[int] = None, sync_root_id: Optional[str] = None
    ) -> DeltaPage:
        """One page of a drive's changes since `cursor` (from the start of the retained feed without one)."""
    def iter_delta_pages(
        self,
        *,
        drive_id: str,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
        sync_root_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> AsyncPages[DeltaPage]:
        """Every page of the delta feed until `has_more` is false, from `position` (a listing's saved `.position`) or
        `cursor`, for `async for`."""
    def iter_delta(
        self,
        *,
        drive_id: str,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
        sync_root_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> AsyncItems[DeltaItem]:
        """Every change of the delta feed from `position` (a listing's saved `.position`) or `cursor`, for
        `async for`."""
    async def list_recyclebin(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
    ) -> RecyclebinPage:
        """One page of a drive's recycle bin, in name order, from `marker`."""
    def iter_recyclebin_pages(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
        position: Optional[str] = None,
    ) -> AsyncPages[RecyclebinPage]:
        """Every page of a drive's recycle bin from `position` or `marker`, for `async for`."""
    def iter_recyclebin(
        self,
        *,
        drive_id: str,
        marker: Optional[str] = None,
        limit: Optional[int] = None,
        fields: Optional[str] = None,
        thumbnail_processes: Optional[dict[str, _ThumbnailProcess]] = None,
        position: Optional[str] = None,
    ) -> AsyncItems[File]:
        """Every file and folder in a drive's recycle bin from `position` or `marker`, for `async for`."""
    async def get_file(
        self,
        *,
        file_id: str,
        drive_id: Optional[str] = None,
        share_id: Optional[str] = None,
        url_expire_sec: Optional[int] = None,
        fields: Optional[str] = None,
    ) -> File:
        """One file's metadata and URLs, in a drive (`drive_id`) or a share (`share_id`)."""
    async def update_file(
        self,
        *,
        drive_id: str,
        file_id: str,
        name: Optional[str] = None,
        description: Optional[str] = None,
        labels: Optional[list[str]] = None,
        check_name_mode: Optional[str] = None,
        local_modified_at: Optional[str] = None,
        hidden: Optional[bool] = None,
        starred: Optional[bool] = None,
    ) -> File:
        """Changes a file's metadata (never its content); unset arguments stay as they are."""
    async def aclose(self) -> None:
        """Lets go of the pooled connections; the client cannot be used afterwards."""
    @property
    def closed(self) -> bool:
        """Whether `aclose()` was called."""
    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]] = None,
        exc_value: Optional[BaseException] = None,
        traceback: Optional[TracebackType] = None,
    ) -> None: ...

@final
class KooDriveClient:
    """A KooDrive client whose methods block the calling thread (with the GIL released); share one across threads."""

    def __new__(
        cls,
        *,
        base_url: str,
        user_id: str,
        access_token: Optional[str] = None,
        token_provider: Optional[Callable[[], str]] = None,
        language: Optional[str] = None,
        timeout: Optional[float] = None,
        attempt_timeout: Optional[float] = None,
        retries: Optional[int] = None,
        max_requests_per_second: Optional[float] = None,
        adaptive_rate_limit: bool = True,
        max_response_bytes: Optional[int] = None,
    ) -> Self:
        """The service's `base_url` (it runs per region), the user's `user_id`, and exactly one of `access_token`
        and `token_provider`; `language` sets the language of the service's messages (`en_us`, say).

        `timeout` is how many seconds a whole call may take, retries and the waits between them included (120 by
        default); `attempt_timeout` how many seconds one attempt may take, its whole answer received (30 by
        default); `retries` how many times a failed attempt may be repeated (3 by default). A value out of range is
        a `ValidationError` naming the option.

        The client paces all its calls together. `max_requests_per_second` is a rate they never exceed, held from
        the first request on (none by default). `adaptive_rate_limit` makes them slow down together when the
        service throttles (a 429 or one of its throttling codes) and climb back after (on by default).

        `max_response_bytes` is the longest answer a call accepts (16 MiB by default; a page is some 60 KB): a
        longer one is refused with `ResponseTooLargeError` as soon as it is announced or has arrived that far,
        never held whole, and not retried."""
    def list_album_files(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
    ) -> AlbumFilesPage:
        """One page of an album's files from `page_cursor`; `sort_type` 1 shooting, 2 creation, 3 update time;
        `sort_direction` 1 ascending, 2 descending."""
    def iter_album_files_pages(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> Pages[AlbumFilesPage]:
        """Every page of an album until `nextPageCursor` is empty, from `position` (a listing's saved `.position`) or
        `page_cursor`."""
    def iter_album_files(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> Items[AlbumContent]:
        """Every file of an album, page after page, from `position` (a listing's saved `.position`) or
        `page_cursor`."""
    def close(self) -> None:
        """Lets go of the pooled connections; the client cannot be used afterwards."""
    @property
    def closed(self) -> bool:
        """Whether the client was closed."""
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: Optional[type[BaseException]] = None,
        exc_value: Optional[BaseException] = None,
        traceback: Optional[TracebackType] = None,
    ) -> None: ...

@final
class AsyncKooDriveClient:
    """A KooDrive client for asyncio: the same methods as `KooDriveClient`, as coroutines; its `token_provider` may be
    an `async def`."""

    def __new__(
        cls,
        *,
        base_url: str,
        user_id: str,
        access_token: Optional[str] = None,
        token_provider: Optional[Callable[[], Union[str, Awaitable[str]]]] = None,
        language: Optional[str] = None,
        timeout: Optional[float] = None,
        attempt_timeout: Optional[float] = None,
        retries: Optional[int] = None,
        max_requests_per_second: Optional[float] = None,
        adaptive_rate_limit: bool = True,
        max_response_bytes: Optional[int] = None,
    ) -> Self:
        """The service's `base_url` (it runs per region), the user's `user_id`, and exactly one of `access_token`
        and `token_provider`; `language` sets the language of the service's messages (`en_us`, say).

        `timeout` is how many seconds a whole call may take, retries and the waits between them included (120 by
        default); `attempt_timeout` how many seconds one attempt may take, its whole answer received (30 by
        default); `retries` how many times a failed attempt may be repeated (3 by default). A value out of range is
        a `ValidationError` naming the option.

        The client paces all its calls together. `max_requests_per_second` is a rate they never exceed, held from
        the first request on (none by default). `adaptive_rate_limit` makes them slow down together when the
        service throttles (a 429 or one of its throttling codes) and climb back after (on by default).

        `max_response_bytes` is the longest answer a call accepts (16 MiB by default; a page is some 60 KB): a
        longer one is refused with `ResponseTooLargeError` as soon as it is announced or has arrived that far,
        never held whole, and not retried."""
    async def list_album_files(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
    ) -> AlbumFilesPage:
        """One page of an album's files from `page_cursor`."""
    def iter_album_files_pages(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> AsyncPages[AlbumFilesPage]:
        """Every page of an album from `position` or `page_cursor`, for `async for`."""
    def iter_album_files(
        self,
        *,
        album_id: str,
        page_size: Optional[int] = None,
        page_cursor: Optional[str] = None,
        sort_type: Optional[int] = None,
        sort_direction: Optional[int] = None,
        trace_id: Optional[str] = None,
        position: Optional[str] = None,
    ) -> AsyncItems[AlbumContent]:
        """Every file of an album from `position` or `page_cursor`, for `async for`."""
    async def aclose(self) -> None:
        """Lets go of the pooled connections; the client cannot be used afterwards."""
    @property
    def closed(self) -> bool:
        """Whether the client was closed."""
    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]] = None,
        exc_value: Optional[BaseException] = None,
        traceback: Optional[TracebackType] = None,
    ) -> None: ...

def decode_response(
    operation: str, *, status: int, body: bytes, headers: list[tuple[str, str]] = ...
) -> Any:
    """Reads an operation's response (`ListDelta`, `ListRecyclebin`, `GetFile`, `UpdateFile`, `GetLastCursor` or
    `ListAlbumFiles`) as the clients do: the model, or the error the answer means."""

def pagination_after(page: object) -> tuple[bool, Optional[str]]:
    """What the core's paginator concludes after a first page: whether the listing is over, and the position to
    continue from (or, for a finished delta feed, to save)."""

# BEGIN GENERATED MODELS: written from the core's `wire_model!` declarations; do not edit by hand, run
# `DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test python_stub` instead.
@final
class File:
    """A file or folder, as ListDelta, ListRecyclebin, GetFile and UpdateFile return it."""

    @property
    def domain_id(self) -> Optional[str]:
        """The domain the drive belongs to."""
    @property
    def drive_id(self) -> Optional[str]:
        """The drive holding the file."""
    @property
    def file_id(self) -> Optional[str]:
        """The file's id."""
    @property
    def name(self) -> Optional[str]:
        """The file's name."""
    @property
    def file_type(self) -> Optional[str]:
        """`file` or `folder`."""
    @property
    def content_type(self) -> Optional[str]:
        """The content type of the file's data."""
    @property
    def created_at(self) -> Optional[Timestamp]:
        """When the file was created."""
    @property
    def updated_at(self) -> Optional[Timestamp]:
        """When the file was last changed."""
    @property
    def description(self) -> Optional[str]:
        """The description."""
    @property
    def trashed_at(self) -> Optional[Timestamp]:
        """When the file was moved to the recycle bin."""
    @property
    def file_extension(self) -> Optional[str]:
        """The extension of the name."""
    @property
    def mime_type(self) -> Optional[str]:
        """The MIME type."""
    @property
    def mime_extension(self) -> Optional[str]:
        """The extension the MIME type implies."""
    @property
    def hidden(self) -> Optional[bool]:
        """Whether the file is hidden."""
    @property
    def size(self) -> Optional[int]:
        """The size in bytes."""
    @property
    def starred(self) -> Optional[bool]:
        """Whether the file is starred."""
    @property
    def status(self) -> Optional[str]:
        """The status, e.g. `available`."""
    @property
    def user_meta(self) -> Optional[str]:
        """The user's own metadata."""
    @property
    def labels(self) -> Optional[list[str]]:
        """The labels (sent as an array or as a JSON-encoded string; read as a list either way)."""
    @property
    def upload_id(self) -> Optional[str]:
        """The upload that created the content."""
    @property
    def parent_file_id(self) -> Optional[str]:
        """The parent folder's id."""
    @property
    def crc64_hash(self) -> Optional[str]:
        """The CRC-64 of the content, as decimal text (an unsigned 64-bit number)."""
    @property
    def content_hash(self) -> Optional[str]:
        """The content hash."""
    @property
    def content_hash_name(self) -> Optional[str]:
        """The hash algorithm, e.g. `sha1`."""
    @property
    def download_url(self) -> Optional[str]:
        """A signed download URL."""
    @property
    def thumbnail(self) -> Optional[str]:
        """A signed thumbnail URL."""
    @property
    def category(self) -> Optional[str]:
        """The category, e.g. `image`."""
    @property
    def local_created_at(self) -> Optional[Timestamp]:
        """When the file was created on the user's device."""
    @property
    def local_modified_at(self) -> Optional[Timestamp]:
        """When the file was last changed on the user's device."""
    @property
    def revision_id(self) -> Optional[str]:
        """The current revision."""
    @property
    def investigation_info(self) -> Optional[InvestigationInfo]:
        """The content review's result."""
    @property
    def thumbnail_urls(self) -> Optional[dict[str, str]]:
        """Thumbnail URLs by the keys asked for."""
    @property
    def image_media_metadata(self) -> Optional[ImageMediaMetadata]:
        """Image metadata."""
    @property
    def ex_fields_info(self) -> Optional[dict[str, str]]:
        """Extended fields."""
    @property
    def content_uri(self) -> Optional[str]:
        """The content's URI, which may be signed."""
    @property
    def streams_info(self) -> Optional[dict[str, StreamInfo]]:
        """The file's streams, by stream name."""
    @property
    def user_tags(self) -> Optional[dict[str, str]]:
        """The user's tags."""
    @property
    def revision_version(self) -> Optional[int]:
        """The revision's version number."""
    @property
    def video_media_metadata(self) -> Optional[VideoMediaMetadata]:
        """Video metadata."""
    @property
    def punish_flag(self) -> Optional[int]:
        """The penalty flag set by content review."""
    @property
    def id_path(self) -> Optional[str]:
        """The ids of the folders from the root to the file."""
    @property
    def name_path(self) -> Optional[str]:
        """The names of the folders from the root to the file."""
    @property
    def creator_type(self) -> Optional[str]:
        """The creator's type."""
    @property
    def creator_id(self) -> Optional[str]:
        """The creator's id."""
    @property
    def creator_name(self) -> Optional[str]:
        """The creator's name."""
    @property
    def last_modifier_type(self) -> Optional[str]:
        """The last modifier's type."""
    @property
    def last_modifier_id(self) -> Optional[str]:
        """The last modifier's id."""
    @property
    def last_modifier_name(self) -> Optional[str]:
        """The last modifier's name."""
    @property
    def dir_size_info(self) -> Optional[DirSizeInfo]:
        """How many folders and files a folder holds."""
    @property
    def trashed(self) -> Optional[bool]:
        """Whether the file is in the recycle bin."""
    @property
    def action_list(self) -> Optional[list[str]]:
        """What the caller may do with the file."""
    @property
    def location(self) -> Optional[str]:
        """Where the file is stored."""
    @property
    def semantic_result(self) -> Optional[SemanticResult]:
        """Semantic search results."""
    @property
    def sync_flag(self) -> Optional[bool]:
        """Whether the file is synced."""
    @property
    def sync_device_flag(self) -> Optional[bool]:
        """Whether the file is synced from a device."""
    @property
    def origin_parent_file_id(self) -> Optional[str]:
        """The parent before the file was moved to the recycle bin."""
    @property
    def url(self) -> Optional[str]:
        """A signed URL of the content."""
    @property
    def custom_field_1(self) -> Optional[str]:
        """A custom field."""
    @property
    def custom_field_2(self) -> Optional[str]:
        """A custom field."""
    @property
    def auto_delete_left_sec(self) -> Optional[int]:
        """Seconds until the file is deleted automatically."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class InvestigationInfo:
    """The result of a content review."""

    @property
    def status(self) -> Optional[int]:
        """The review status."""
    @property
    def suggestion(self) -> Optional[str]:
        """The suggestion, e.g. `pass`."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class DirSizeInfo:
    """How many folders and files a folder holds."""

    @property
    def dir_count(self) -> Optional[int]:
        """The number of folders."""
    @property
    def file_count(self) -> Optional[int]:
        """The number of files."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class StreamInfo:
    """One stream of a file (e.g. a live photo's video part)."""

    @property
    def crc64_hash(self) -> Optional[str]:
        """The stream's CRC-64 as decimal text."""
    @property
    def size(self) -> Optional[int]:
        """The stream's size in bytes."""
    @property
    def content_hash(self) -> Optional[str]:
        """The stream's content hash."""
    @property
    def content_hash_name(self) -> Optional[str]:
        """The hash algorithm."""
    @property
    def download_url(self) -> Optional[str]:
        """A signed download URL."""
    @property
    def url(self) -> Optional[str]:
        """A signed URL."""
    @property
    def thumbnail(self) -> Optional[str]:
        """A signed thumbnail URL."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class ImageMediaMetadata:
    """An image's metadata."""

    @property
    def time(self) -> Optional[Timestamp]:
        """When the picture was taken (as sent; may not be a real time)."""
    @property
    def width(self) -> Optional[int]:
        """Width in pixels."""
    @property
    def height(self) -> Optional[int]:
        """Height in pixels."""
    @property
    def location(self) -> Optional[str]:
        """`latitude,longitude`."""
    @property
    def country(self) -> Optional[str]:
        """The country."""
    @property
    def province(self) -> Optional[str]:
        """The province."""
    @property
    def city(self) -> Optional[str]:
        """The city."""
    @property
    def district(self) -> Optional[str]:
        """The district."""
    @property
    def township(self) -> Optional[str]:
        """The township."""
    @property
    def address_line(self) -> Optional[str]:
        """The full address."""
    @property
    def image_tags(self) -> Optional[list[ImageTag]]:
        """Recognised tags."""
    @property
    def faces(self) -> Optional[str]:
        """Detected faces, as a JSON document inside a string."""
    @property
    def faces_thumbnail(self) -> Optional[list[FaceThumbnail]]:
        """Thumbnails of the detected faces."""
    @property
    def exif(self) -> Optional[str]:
        """EXIF data, as a JSON document inside a string."""
    @property
    def image_quality(self) -> Optional[ImageQuality]:
        """The image's quality."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class ImageTag:
    """A tag recognised in an image."""

    @property
    def confidence(self) -> Optional[float]:
        """How sure the recognition is, 0 to 1."""
    @property
    def parent_name(self) -> Optional[str]:
        """The parent tag."""
    @property
    def name(self) -> Optional[str]:
        """The tag."""
    @property
    def tag_level(self) -> Optional[int]:
        """The tag's level in the hierarchy."""
    @property
    def source(self) -> Optional[str]:
        """Where the tag came from."""
    @property
    def centric_score(self) -> Optional[float]:
        """How central the tagged object is, 0 to 1."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class FaceThumbnail:
    """A thumbnail of a detected face."""

    @property
    def face_id(self) -> Optional[str]:
        """The face's id."""
    @property
    def face_group_id(self) -> Optional[str]:
        """The face group (person) id."""
    @property
    def face_thumbnail(self) -> Optional[str]:
        """A signed URL of the thumbnail."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class ImageQuality:
    """An image's quality."""

    @property
    def overall_score(self) -> Optional[float]:
        """The overall score, 0 to 1."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class VideoMediaMetadata:
    """A video's metadata."""

    @property
    def time(self) -> Optional[Timestamp]:
        """When the video was taken (as sent; may not be a real time)."""
    @property
    def width(self) -> Optional[int]:
        """Width in pixels."""
    @property
    def height(self) -> Optional[int]:
        """Height in pixels."""
    @property
    def location(self) -> Optional[str]:
        """`latitude,longitude`."""
    @property
    def country(self) -> Optional[str]:
        """The country."""
    @property
    def province(self) -> Optional[str]:
        """The province."""
    @property
    def city(self) -> Optional[str]:
        """The city."""
    @property
    def district(self) -> Optional[str]:
        """The district."""
    @property
    def township(self) -> Optional[str]:
        """The township."""
    @property
    def address_line(self) -> Optional[str]:
        """The full address."""
    @property
    def video_media_video_stream(self) -> Optional[list[VideoStream]]:
        """The video streams."""
    @property
    def video_media_audio_stream(self) -> Optional[list[AudioStream]]:
        """The audio streams."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class VideoStream:
    """A video stream."""

    @property
    def duration(self) -> Optional[str]:
        """Duration in seconds, as decimal text."""
    @property
    def bitrate(self) -> Optional[str]:
        """Bit rate (spelled `bitrate` for video)."""
    @property
    def code_name(self) -> Optional[str]:
        """The codec."""
    @property
    def frame_count(self) -> Optional[str]:
        """The number of frames."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class AudioStream:
    """An audio stream."""

    @property
    def duration(self) -> Optional[str]:
        """Duration in seconds, as decimal text."""
    @property
    def bit_rate(self) -> Optional[str]:
        """Bit rate (spelled `bit_rate` for audio)."""
    @property
    def code_name(self) -> Optional[str]:
        """The codec."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class SemanticResult:
    """Semantic search results for a file."""

    @property
    def semantic_similarity(self) -> Optional[float]:
        """How similar the file is to the query."""
    @property
    def document_contents(self) -> Optional[list[DocumentContent]]:
        """Matching parts of a document."""
    @property
    def scene_contents(self) -> Optional[list[SceneContent]]:
        """Matching scenes of a video."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class DocumentContent:
    """A matching part of a document."""

    @property
    def element_contents(self) -> Optional[list[ElementContent]]:
        """The matching elements."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class ElementContent:
    """A matching element of a document."""

    @property
    def element_type(self) -> Optional[str]:
        """The element's type, e.g. `text`."""
    @property
    def content(self) -> Optional[str]:
        """The element's content."""
    @property
    def url(self) -> Optional[str]:
        """A URL of the element, which may be signed."""
    @property
    def time_range(self) -> Optional[list[int]]:
        """Where the element is, in milliseconds."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class SceneContent:
    """A matching scene of a video."""

    @property
    def time_range(self) -> Optional[list[int]]:
        """Where the scene is, in milliseconds."""
    @property
    def key_frames(self) -> Optional[list[KeyFrame]]:
        """Key frames of the scene."""
    @property
    def thumbnail_url(self) -> Optional[str]:
        """A thumbnail URL of the scene, which may be signed."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class KeyFrame:
    """A key frame of a scene."""

    @property
    def frame_time(self) -> Optional[int]:
        """The frame's time in milliseconds."""
    @property
    def thumbnail_url(self) -> Optional[str]:
        """A thumbnail URL of the frame, which may be signed."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class DeltaPage:
    """A page of a drive's changes."""

    @property
    def items(self) -> Optional[list[DeltaItem]]:
        """The changes, oldest first."""
    @property
    def has_more(self) -> Optional[bool]:
        """Whether more changes follow right away."""
    @property
    def cursor(self) -> Optional[str]:
        """Where the next page (or the next sync) starts: save it."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class DeltaItem:
    """One change."""

    @property
    def file_id(self) -> Optional[str]:
        """The changed file's id."""
    @property
    def op(self) -> Optional[str]:
        """What happened."""
    @property
    def file(self) -> Optional[File]:
        """The file as it is after the change."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class RecyclebinPage:
    """A page of the recycle bin."""

    @property
    def items(self) -> Optional[list[File]]:
        """The trashed files and folders."""
    @property
    def next_marker(self) -> Optional[str]:
        """Where the next page starts; empty when there is none."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class LastCursor:
    """The newest position of a change feed."""

    @property
    def cursor(self) -> Optional[str]:
        """Pass it to ListDelta to see the changes made from now on."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class AlbumContent:
    """A file in an album."""

    @property
    def id(self) -> Optional[str]:
        """The file's id."""
    @property
    def take_time(self) -> Optional[Timestamp]:
        """When the photo was taken (returned for albums that include it)."""
    @property
    def owner_id(self) -> Optional[str]:
        """The file's owner."""
    @property
    def file_name(self) -> Optional[str]:
        """The file's name."""
    @property
    def mime_type(self) -> Optional[str]:
        """The MIME type."""
    @property
    def file_type(self) -> Optional[str]:
        """The file category."""
    @property
    def file_suffix(self) -> Optional[str]:
        """The extension."""
    @property
    def parent_folder(self) -> Optional[list[str]]:
        """The parent folders."""
    @property
    def containers(self) -> Optional[list[str]]:
        """The containers' ids."""
    @property
    def created_time(self) -> Optional[Timestamp]:
        """When the file was created."""
    @property
    def edited_time(self) -> Optional[Timestamp]:
        """When the file was last changed."""
    @property
    def recycled(self) -> Optional[bool]:
        """Whether the file is in the recycle bin."""
    @property
    def content_url(self) -> Optional[str]:
        """A signed URL of the content."""
    @property
    def thumbnail_url(self) -> Optional[str]:
        """A signed URL of the thumbnail."""
    @property
    def favorite(self) -> Optional[bool]:
        """Whether the file is a favourite."""
    @property
    def add_time(self) -> Optional[Timestamp]:
        """When the photo was added to a manual album."""
    @property
    def size(self) -> Optional[int]:
        """The size in bytes."""
    @property
    def creating_user(self) -> Optional[str]:
        """Who created the file (may differ from the family album's creator)."""
    @property
    def adder_user_id(self) -> Optional[str]:
        """Who added the file to a manual album."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]


@final
class AlbumFilesPage:
    """A page of an album."""

    @property
    def content_list(self) -> Optional[list[AlbumContent]]:
        """The files."""
    @property
    def next_page_cursor(self) -> Optional[str]:
        """Where the next page starts; empty or absent on the last page."""
    @property
    def total(self) -> Optional[int]:
        """The service's count of files; it has been seen to disagree with the files listed."""
    @property
    def code(self) -> Optional[int]:
        """The service's result code: 0 for success."""
    @property
    def msg(self) -> Optional[str]:
        """The service's result message."""
    @property
    def unknown_fields(self) -> dict[str, Any]:
        """Fields this version does not know, and known fields whose values could not be typed, as sent."""
    def to_dict(self) -> dict[str, Any]:
        """The model as the service's JSON: wire names, unknown fields included."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
# END GENERATED MODELS
