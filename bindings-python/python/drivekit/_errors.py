"""The exceptions drivekit raises; every one is a `DriveError`."""

from __future__ import annotations

import builtins
from typing import Optional


class DriveError(Exception):
    """Anything that went wrong in a call.

    ``kind`` tells which: ``invalid_argument``, ``api``, ``rate_limited``, ``decode``, ``transport``,
    ``outcome_unknown``, ``timeout``, ``response_too_large``, ``cancelled``, ``repeated_cursor`` (the service handed
    back a page position twice) or ``token_provider`` (the caller's token provider failed).
    """

    kind: str

    def __init__(self, description: str, *, kind: str) -> None:
        super().__init__(description)
        self.kind = kind


class ValidationError(DriveError, ValueError):
    """An argument broke a documented rule; nothing was sent. ``field`` is the argument's name as the caller wrote
    it (``limit``, ``page_size``, ``timeout``), ``rule`` the rule it broke. (An argument of the wrong type, a bool
    where an int is expected say, is a ``TypeError`` whose message starts with ``argument 'limit':``.)"""

    field: str
    rule: str

    def __init__(self, description: str, *, kind: str = "invalid_argument", field: str, rule: str) -> None:
        super().__init__(description, kind=kind)
        self.field = field
        self.rule = rule


class ApiError(DriveError):
    """The service answered with an error."""

    service: str
    status: int
    api_kind: str
    code: str
    message: str
    request_id: Optional[str]

    def __init__(
        self,
        description: str,
        *,
        kind: str = "api",
        service: str,
        status: int,
        api_kind: str,
        code: str,
        message: str,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(description, kind=kind)
        self.service = service
        self.status = status
        self.api_kind = api_kind
        self.code = code
        self.message = message
        self.request_id = request_id


class RateLimitedError(ApiError):
    """The service kept answering "too many requests" until the retries ran out."""

    retry_after: Optional[float]

    def __init__(
        self,
        description: str,
        *,
        kind: str = "rate_limited",
        service: str,
        status: int,
        api_kind: str,
        code: str,
        message: str,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(
            description,
            kind=kind,
            service=service,
            status=status,
            api_kind=api_kind,
            code=code,
            message=message,
            request_id=request_id,
        )
        self.retry_after = retry_after


class TimeoutError(DriveError, builtins.TimeoutError):
    """The call ran out of time (``after`` seconds)."""

    after: float

    def __init__(self, description: str, *, kind: str = "timeout", after: float) -> None:
        super().__init__(description, kind=kind)
        self.after = after


class ResponseTooLargeError(DriveError):
    """The answer's body was longer than the client's ``max_response_bytes`` (``limit``), so it was refused without
    being read whole, and not sent again: the same request would get the same answer. For a change, the service did
    receive it: read the file back (``get_file``) to learn whether it was applied."""

    limit: int

    def __init__(self, description: str, *, kind: str = "response_too_large", limit: int) -> None:
        super().__init__(description, kind=kind)
        self.limit = limit


class TransportError(DriveError):
    """The exchange failed on the way: no connection (``transport_kind`` ``connect``), or cut (``io``)."""

    transport_kind: str

    def __init__(self, description: str, *, kind: str = "transport", transport_kind: str) -> None:
        super().__init__(description, kind=kind)
        self.transport_kind = transport_kind


class OutcomeUnknownError(TransportError):
    """A change left but its answer was lost (``transport_kind`` ``io`` or ``timeout``): it may have been applied,
    so it was not sent again. Read the file back (``get_file``) before deciding to repeat it. A
    ``TransportError``, so that handlers written before it existed still catch it."""

    def __init__(self, description: str, *, kind: str = "outcome_unknown", transport_kind: str) -> None:
        super().__init__(description, kind=kind, transport_kind=transport_kind)


class DecodeError(DriveError):
    """A response could not be read as the operation's answer."""

    def __init__(self, description: str, *, kind: str = "decode") -> None:
        super().__init__(description, kind=kind)
