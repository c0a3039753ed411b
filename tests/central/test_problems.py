"""Every error is RFC 9457 problem+json with a stable type; bad input is never a 500."""

from __future__ import annotations

import pytest

from clerk.central.problems import Problem, conflict, not_found, problem_type
from tests.central.core_fixtures import Central, central, problem_slug

__all__ = ["central"]


def test_malformed_json_is_400(central: Central) -> None:
    answer = central.client.post(
        "/v1/devices/enroll", content=b'{"code": ', headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert problem_slug(answer) == "malformed-json"
    assert answer.json()["instance"] == "/v1/devices/enroll"


def test_validation_error_is_422_with_errors(central: Central) -> None:
    answer = central.client.post("/v1/devices/enroll", json={"code": 12, "public_key": "x"})
    assert answer.status_code == 422
    assert problem_slug(answer) == "validation-error"
    errors = answer.json()["errors"]
    assert any(e["loc"][-1] == "device_name" for e in errors)
    assert all({"loc", "msg", "type"} <= set(e) for e in errors)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/stores/WAW-01/changes?after=abc",
        "/v1/stores/WAW-01/changes?after=-1",
        "/v1/stores/WAW-01/changes?limit=0",
        "/v1/customers?q=",
        "/v1/customers",
        "/v1/customers/x/profile?before=yesterday",
        "/v1/customers/x/profile?limit=100000",
    ],
)
def test_bad_parameters_are_422(central: Central, path: str) -> None:
    answer = central.client.get(path, headers=central.headers())
    assert answer.status_code == 422, answer.text
    assert problem_slug(answer) == "validation-error"


def test_unknown_path_is_404_and_wrong_method_405(central: Central) -> None:
    missing = central.client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert problem_slug(missing) == "not-found"
    wrong = central.client.delete("/healthz")
    assert wrong.status_code == 405
    assert problem_slug(wrong) == "method-not-allowed"


def test_problem_body_shape() -> None:
    problem = conflict("order-already-collected", "Collected at 10:02.", order_id="o1")
    body = problem.to_dict("/v1/orders/o1/collect")
    assert body == {
        "type": problem_type("order-already-collected"),
        "title": "Conflict",
        "status": 409,
        "detail": "Collected at 10:02.",
        "instance": "/v1/orders/o1/collect",
        "order_id": "o1",
    }
    assert body["type"] == "https://clerk.example/problems/order-already-collected"
    assert not_found("order").status == 404
    assert isinstance(not_found("order"), Problem)


def test_healthz_needs_no_token(central: Central) -> None:
    answer = central.client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_openapi_document_is_served(central: Central) -> None:
    doc = central.client.get("/openapi.json").json()
    assert "/v1/stores/{store_id}/changes" in doc["paths"]
    assert "/v1/customers/{customer_id}/profile" in doc["paths"]
