"""RFC 9457 problem details: one exception type and the handlers that render every error.

Every error the service returns is ``application/problem+json`` with a stable ``type``
(``https://clerk.example/problems/<slug>``) that clients switch on; ``title`` and ``detail``
are for people.  Malformed JSON is a 400, schema violations a 422 with the ``errors`` list,
unknown paths 404 and wrong methods 405 — never a 500 for bad input.  A row created under
an id the client chose (an offline tablet names its sales, returns and notes itself) whose
id another row already has is a 409 ``id-taken`` (:func:`id_taken`); the same request
replayed under its ``Idempotency-Key`` gets its first answer instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk.domain.errors import DomainError

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://clerk.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_type(slug: str) -> str:
    """The full ``type`` URI of a problem slug."""
    return PROBLEM_BASE + slug


class Problem(Exception):
    """An error answer of the API; raise it anywhere below a route to return it."""

    def __init__(
        self,
        status: int,
        type: str,
        title: str | None = None,
        detail: str = "",
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.type = type
        self.title = title or _default_title(status)
        self.detail = detail
        self.extra: dict[str, Any] = dict(extra or {})
        self.headers: dict[str, str] = dict(headers or {})
        super().__init__(f"{status} {type}: {detail or self.title}")

    def to_dict(self, instance: str | None = None) -> dict[str, Any]:
        """The problem+json body."""
        body: dict[str, Any] = {
            "type": problem_type(self.type),
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        for key, value in self.extra.items():
            body.setdefault(key, value)
        return body

    def response(self, instance: str | None = None) -> JSONResponse:
        """This problem as an HTTP response."""
        return problem_response(self, instance)


def _default_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    """Render ``problem`` as ``application/problem+json``."""
    return JSONResponse(
        jsonable_encoder(problem.to_dict(instance)),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers or None,
    )


def not_found(what: str, detail: str = "") -> Problem:
    """404: ``what`` (e.g. "order") does not exist or is not visible to this device."""
    slug = f"{what.replace(' ', '-').replace('_', '-')}-not-found"
    return Problem(404, slug, f"{what.capitalize()} not found", detail or f"No such {what}.")


def conflict(slug: str, detail: str, **extra: Any) -> Problem:
    """409: the request is valid but impossible in the entity's current state."""
    return Problem(409, slug, "Conflict", detail, extra)


def id_taken(what: str, row_id: str) -> Problem:
    """409 ``id-taken``: the id the client chose for a new ``what`` already names another one."""
    return conflict(
        "id-taken", f"The id {row_id!r} already names another {what}; choose a new id.", id=row_id
    )


def precondition_failed(detail: str, **extra: Any) -> Problem:
    """412: the ``If-Match`` version is stale."""
    return Problem(412, "version-mismatch", "Version mismatch", detail, extra)


def forbidden(slug: str, detail: str, **extra: Any) -> Problem:
    """403: the acting staff member may not do this."""
    return Problem(403, slug, "Forbidden", detail, extra)


def unprocessable(slug: str, detail: str, **extra: Any) -> Problem:
    """422: well-formed but refused by a business rule."""
    return Problem(422, slug, "Unprocessable request", detail, extra)


def bad_request(slug: str, detail: str, **extra: Any) -> Problem:
    """400: the request itself is wrong (missing header, unparsable value)."""
    return Problem(400, slug, "Bad request", detail, extra)


def unauthorized(slug: str = "unauthorized", detail: str = "") -> Problem:
    """401 with a ``WWW-Authenticate: Bearer`` challenge."""
    return Problem(
        401,
        slug,
        "Unauthorized",
        detail or "A valid device token is required (Authorization: Bearer <token>).",
        headers={"WWW-Authenticate": "Bearer"},
    )


def domain_problem(error: DomainError, status: int = 422) -> Problem:
    """A domain rule refused the request: 422 whose type is the domain error code."""
    slug = error.code.replace("_", "-")
    return Problem(status, slug, "Not allowed by policy", error.message, {"code": error.code})


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        errors.append(
            {
                "loc": [str(part) for part in err.get("loc", ())],
                "msg": str(err.get("msg", "")),
                "type": str(err.get("type", "")),
            }
        )
    return errors


def _is_malformed_json(exc: RequestValidationError) -> bool:
    return any(err.get("type") == "json_invalid" for err in exc.errors())


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc, request.url.path)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if _is_malformed_json(exc):
        problem = bad_request("malformed-json", "The request body is not valid JSON.")
    else:
        problem = Problem(
            422,
            "validation-error",
            "Invalid request",
            "Some fields of the request are missing or invalid.",
            {"errors": _validation_errors(exc)},
        )
    return problem_response(problem, request.url.path)


async def _domain_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return problem_response(domain_problem(exc), request.url.path)


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    slugs = {
        404: "not-found",
        405: "method-not-allowed",
        401: "unauthorized",
        403: "forbidden",
        400: "bad-request",
    }
    slug = slugs.get(exc.status_code, f"http-{exc.status_code}")
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is no such resource."
    problem = Problem(exc.status_code, slug, None, detail, headers=exc.headers)
    return problem_response(problem, request.url.path)


async def _crash_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    problem = Problem(500, "internal-error", None, "The service failed; the error is logged.")
    return problem_response(problem, request.url.path)


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` an ``application/problem+json`` response."""
    app.add_exception_handler(Problem, _problem_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _crash_handler)
