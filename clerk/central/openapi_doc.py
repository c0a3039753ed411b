"""The OpenAPI document as clients should read it: every refusal is RFC 9457 problem+json.

FastAPI documents its own ``422 HTTPValidationError`` in ``application/json``; the service
answers every error as ``application/problem+json`` (see :mod:`clerk.central.problems`). This
module rewrites the generated document once so that it says what the service really sends.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; `type` is stable per problem.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "required": ["type", "title", "status"],
    "additionalProperties": True,
}

# What any call may be answered with, besides what its route documents.
COMMON_PROBLEMS: dict[str, str] = {
    "400": "Malformed request (JSON, headers)",
    "401": "No valid device token",
    "404": "No such resource, or not visible to this device",
    "405": "Method not allowed",
    "422": "Invalid parameters or body, or refused by a business rule",
}
POST_PROBLEMS: dict[str, str] = {
    "403": "The staff member may not do this",
    "409": "Impossible in the current state, or the same Idempotency-Key is still running",
    "412": "Stale If-Match",
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def problem_openapi(app: FastAPI) -> dict[str, Any]:
    """Build (once) the app's OpenAPI document with problem+json error responses."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            wanted = dict(COMMON_PROBLEMS)
            if method == "post":
                wanted.update(POST_PROBLEMS)
            for status, description in responses.items():
                if status.startswith(("4", "5")):
                    wanted[status] = str(responses[status].get("description") or description)
            for status, description in wanted.items():
                responses[status] = _problem_response(description)
    app.openapi_schema = document
    return document


def install_problem_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the problem+json-aware document."""

    def openapi() -> dict[str, Any]:
        return problem_openapi(app)

    app.openapi = openapi  # type: ignore[method-assign]
