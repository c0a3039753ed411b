"""The central API client: one ``requests.Session``, timeouts, retries, typed errors.

Every call has a connect and a read timeout.  Transient failures — connection refused or cut,
timeouts, 429 and 502/503/504, and 409 ``idempotency-key-in-progress`` — are retried with
exponential backoff and full jitter (``Retry-After`` is honoured, capped); when the retries
are spent the call raises :class:`~clerk.sync.errors.CentralUnavailable`.  Error answers
become :class:`~clerk.sync.errors.CentralRefused`, ``DeviceNotAuthorized`` (401) or
``FeedGone`` (410) with the problem+json body as a :class:`~clerk.sync.errors.Problem`.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests

from clerk.sync.errors import (
    IDEMPOTENCY_IN_PROGRESS,
    CentralBusy,
    CentralError,
    CentralRefused,
    CentralUnavailable,
    DeviceNotAuthorized,
    FeedGone,
    Problem,
)

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
_NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)


@dataclass(frozen=True)
class ChangePage:
    """One batch of the store's change feed: apply ``changes``, then ask after ``next_after``."""

    changes: list[dict[str, Any]]
    next_after: int
    has_more: bool


@dataclass(frozen=True)
class Reply:
    """A successful answer: status, decoded JSON body (None if empty) and the ``ETag``."""

    status: int
    body: dict[str, Any] | None
    etag: str | None


class _Retry(Exception):
    """A transient failure of one attempt; ``wait`` is the server's Retry-After, if any."""

    def __init__(self, error: CentralUnavailable, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def _seg(value: str) -> str:
    return quote(value, safe="")


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _json_body(response: requests.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


class CentralClient:
    """Talks to the central API for one enrolled device (bearer ``token``)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        session: requests.Session | None = None,
        connect_timeout: float = 3.05,
        read_timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 0.25,
        backoff_max: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._own_session = session is None
        self.session = session if session is not None else requests.Session()
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self.backoff_max = backoff_max
        self._sleep = sleep
        self._rng = rng

    def close(self) -> None:
        """Close the HTTP session if this client created it."""
        if self._own_session:
            self.session.close()

    # -- the API -------------------------------------------------------------------------

    def changes(self, store_id: str, after: int, limit: int) -> ChangePage:
        """A page of the store's change feed after ``after``; :class:`FeedGone` on 410."""
        body = self._json(
            "GET",
            f"/v1/stores/{_seg(store_id)}/changes",
            params={"after": after, "limit": limit},
        )
        return ChangePage(
            changes=list(body["changes"]),
            next_after=int(body["next_after"]),
            has_more=bool(body["has_more"]),
        )

    def send(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None,
        *,
        idempotency_key: str,
        if_match: str | None = None,
    ) -> Reply:
        """Send one outbox command.  Retried on transient failures, which is safe for a POST
        only because it carries its ``Idempotency-Key``: central runs it at most once and
        answers a repeat with the first answer."""
        headers = {"Idempotency-Key": idempotency_key}
        if if_match is not None:
            headers["If-Match"] = if_match
        return self._request(method, path, json_body=body, headers=headers)

    def profile(self, customer_id: str, *, attempts: int | None = None) -> dict[str, Any]:
        """The customer 360 bundle (``GET /v1/customers/{id}/profile``) as seen from this
        device's store: ``customer``, ``summary``, ``timeline`` (newest first) and
        ``timeline_next_before``, ``cart`` (None without an active online cart; each line has
        its price, ``available_here`` and ``enough_here``, and when short here
        ``alternatives`` — other sizes and colours in stock here — and ``elsewhere`` — other
        stores with stock) and ``open_items`` (``pickups``, ``reservations``, ``returns``,
        ``tickets``)."""
        return self._json("GET", f"/v1/customers/{_seg(customer_id)}/profile", attempts=attempts)

    def customer(self, customer_id: str) -> dict[str, Any]:
        """One customer's data."""
        return self._json("GET", f"/v1/customers/{_seg(customer_id)}")

    def search_customers(
        self, q: str, limit: int = 20, *, attempts: int | None = None
    ) -> list[dict[str, Any]]:
        """Central's brand-wide customer search (name words, phone, e-mail, card number): up
        to ``limit`` customers, each in the change feed's customer shape (``id``, names,
        ``card_number``, ``tier``, ``points_balance``, ``home_store_id`` …)."""
        body = self._json(
            "GET", "/v1/customers", params={"q": q, "limit": limit}, attempts=attempts
        )
        return list(body["customers"])

    def order(self, order_id: str, *, attempts: int | None = None) -> Reply:
        """Any order by id, with its ``ETag``."""
        return self._request("GET", f"/v1/orders/{_seg(order_id)}", attempts=attempts)

    def order_by_number(self, number: str, *, attempts: int | None = None) -> Reply:
        """Any order by its printed number, with its ``ETag``."""
        return self._request("GET", "/v1/orders", params={"number": number}, attempts=attempts)

    def order_returns(self, order_id: str, *, attempts: int | None = None) -> list[dict[str, Any]]:
        """The returns made of an order, oldest first."""
        body = self._json("GET", f"/v1/orders/{_seg(order_id)}/returns", attempts=attempts)
        return list(body["returns"])

    def store_credit(self, code: str, *, attempts: int | None = None) -> dict[str, Any]:
        """A store-credit code's ``{code, customer_id, issued, spent, balance}``."""
        return self._json("GET", f"/v1/store-credits/{_seg(code)}", attempts=attempts)

    def health(self) -> bool:
        """Whether central answers ``/healthz`` right now (one try, no retries)."""
        try:
            response = self.session.get(self.base_url + "/healthz", timeout=self.timeout)
        except _NETWORK_ERRORS:
            return False
        return response.status_code == 200

    def enroll(self, code: str, device_name: str, public_key: str) -> dict[str, Any]:
        """Enroll this device with a one-time code (no token needed).  Tried once: the code
        is spent by the first request that reaches central, so a blind retry could only fail."""
        payload = {"code": code, "device_name": device_name, "public_key": public_key}
        reply = self._request(
            "POST", "/v1/devices/enroll", json_body=payload, authorized=False, attempts=1
        )
        return reply.body or {}

    # -- the machinery -------------------------------------------------------------------

    def _json(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        attempts: int | None = None,
    ) -> dict[str, Any]:
        reply = self._request(method, path, params=params, attempts=attempts)
        if reply.body is None:
            raise CentralUnavailable(f"{method} {path}: empty answer", status=reply.status)
        return reply.body

    def _delay(self, attempt: int, server_wait: float | None) -> float:
        if server_wait is not None:
            return min(server_wait, self.backoff_max)
        # Full jitter: uniform in [0, min(cap, base * 2**attempt)).
        return self._rng() * min(self.backoff_max, self.backoff * 2.0**attempt)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        authorized: bool = True,
        attempts: int | None = None,
    ) -> Reply:
        tries = attempts if attempts is not None else self.retries + 1
        all_headers = {"Accept": "application/json", **(headers or {})}
        if authorized and self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode()
            all_headers["Content-Type"] = "application/json"
        for attempt in range(tries):
            try:
                return self._attempt(method, path, params, data, all_headers)
            except _Retry as retry:
                if attempt + 1 >= tries:
                    raise retry.error from None
                wait = self._delay(attempt, retry.wait)
                log.info(
                    "%s %s: %s; retry %d/%d in %.2fs",
                    method,
                    path,
                    retry.error,
                    attempt + 1,
                    tries - 1,
                    wait,
                )
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        data: bytes | None,
        headers: Mapping[str, str],
    ) -> Reply:
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                params=params,
                data=data,
                headers=headers,
                timeout=self.timeout,
            )
        except _NETWORK_ERRORS as exc:
            kind = "timed out" if isinstance(exc, requests.Timeout) else "connection failed"
            raise _Retry(CentralUnavailable(f"{method} {path}: {kind}: {exc}")) from exc
        status = response.status_code
        body = _json_body(response)
        if 200 <= status < 300:
            if response.content and body is None:
                raise _Retry(CentralUnavailable(f"{method} {path}: answer is not JSON"))
            payload = body if isinstance(body, dict) else None
            return Reply(status, payload, response.headers.get("ETag"))
        raise self._error(method, path, response, body)

    def _error(self, method: str, path: str, response: requests.Response, body: Any) -> Exception:
        """The exception for an error answer (a :class:`_Retry` if it is worth retrying)."""
        status = response.status_code
        problem = Problem.from_body(status, body)
        message = f"{method} {path}: {status} {problem.slug}: {problem.detail or problem.title}"
        if status in RETRY_STATUSES:
            wait = _retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
            return _Retry(CentralUnavailable(message, status=status, problem=problem), wait)
        if status == 409 and problem.slug == IDEMPOTENCY_IN_PROGRESS:
            return _Retry(CentralBusy(message, status=status, problem=problem))
        if status == 401:
            return DeviceNotAuthorized(message, status=status, problem=problem)
        if status == 410:
            return FeedGone(message, status=status, problem=problem)
        if 400 <= status < 500:
            return CentralRefused(problem)
        # 500 and other server failures: central keeps no idempotency record for them, so the
        # command may be sent again later; not retried here (it is rarely over in a second).
        return CentralUnavailable(message, status=status, problem=problem)


__all__ = [
    "CentralBusy",
    "CentralClient",
    "CentralError",
    "CentralRefused",
    "CentralUnavailable",
    "ChangePage",
    "DeviceNotAuthorized",
    "FeedGone",
    "Problem",
    "Reply",
]
