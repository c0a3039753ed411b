"""What can go wrong talking to central, as types the sync engine and the app can act on.

Central answers every error as RFC 9457 ``application/problem+json``; :class:`Problem` is that
body as plain data.  The exception tells what to do about it:

* :class:`CentralUnavailable` — try again later (no answer, a gateway error, overload); the
  action stays queued.  :class:`CentralBusy` is its 409 ``idempotency-key-in-progress`` case:
  the first try with that key is still running on central.
* :class:`CentralRefused` — central answered and said no (409/412/422/403/404/400): the
  command needs a person.
* :class:`DeviceNotAuthorized` — 401: the token is unknown or the device was revoked; the app
  must enroll again.
* :class:`FeedGone` — 410 on the change feed: the cursor is too old, pull again from zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

PROBLEM_BASE = "https://clerk.example/problems/"
IDEMPOTENCY_IN_PROGRESS = "idempotency-key-in-progress"
_CORE_KEYS = frozenset({"type", "title", "status", "detail"})


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass(frozen=True)
class Problem:
    """A problem+json body: ``type`` is the full URI, ``extra`` holds the other members."""

    type: str
    title: str
    status: int
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """The last part of ``type`` (``order-already-collected``), what code switches on."""
        return self.type.rsplit("/", 1)[-1]

    @classmethod
    def from_body(cls, status: int, body: object) -> Problem:
        """The problem in an error answer's decoded body; a generic one if it is not a problem."""
        if not isinstance(body, Mapping) or not isinstance(body.get("type"), str):
            return cls("about:blank", _phrase(status), status)
        return cls(
            type=str(body["type"]),
            title=str(body.get("title") or _phrase(status)),
            status=int(body.get("status") or status),
            detail=str(body.get("detail") or ""),
            extra={str(k): v for k, v in body.items() if k not in _CORE_KEYS},
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        """A problem stored with :meth:`to_dict` (e.g. in the outbox)."""
        return cls.from_body(int(data.get("status") or 0), data)

    def to_dict(self) -> dict[str, Any]:
        """The problem+json body again (for storing with a refused command)."""
        body: dict[str, Any] = dict(self.extra)
        body.update(type=self.type, title=self.title, status=self.status, detail=self.detail)
        return body


class CentralError(Exception):
    """Any failure to get an answer we can use from central."""

    def __init__(
        self, message: str, *, status: int | None = None, problem: Problem | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problem = problem


class CentralUnavailable(CentralError):
    """No usable answer (connection refused or cut, timeout, 429/5xx): retry later."""


class CentralBusy(CentralUnavailable):
    """409 ``idempotency-key-in-progress``: central is still running the first try."""


class CentralRefused(CentralError):
    """Central refused the request (4xx with a problem): retrying cannot help."""

    problem: Problem

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            f"{problem.status} {problem.slug}: {problem.detail or problem.title}",
            status=problem.status,
            problem=problem,
        )


class DeviceNotAuthorized(CentralError):
    """401: central does not know this device's token (revoked or never valid)."""


class FeedGone(CentralError):
    """410 on the change feed: the cursor cannot be served; pull again from ``after=0``."""
