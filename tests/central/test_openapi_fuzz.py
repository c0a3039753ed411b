"""Schemathesis over the service's own OpenAPI document, with a valid device token.

Every operation gets generated requests (bounded); no response may be a server error or break
the documented schema. The database holds a small seeded brand, so paths and bodies reach real
rows as well as missing ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.orm import Session

from clerk.central.app import create_app
from clerk.central.context import CentralSettings
from clerk.central.db import make_engine
from clerk.central.enrollment import create_enrollment_code, enroll_device
from clerk.central.schema import migrate
from clerk.central.seed import seed_demo
from clerk.domain.tokens import generate_private_key, public_key_text


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "central.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    now = datetime.now(UTC)
    seed_demo(engine, customers=60, orders=300, now=now)
    with Session(engine) as session, session.begin():
        code = create_enrollment_code(session, "WAW-01", now)
        key = generate_private_key()
        _device, token = enroll_device(
            session, code, "Fuzz tablet", public_key_text(key.public_key()), now
        )
    engine.dispose()
    app = create_app(CentralSettings(db_url=url, send_notifications=False))
    yield app, token


def test_no_server_error_and_responses_match_the_schema(fuzzed: tuple[Any, str]) -> None:
    app, token = fuzzed
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 15, "every endpoint of the contract is in the document"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            if case.method.upper() == "POST":
                headers["Idempotency-Key"] = str(uuid.uuid4())
            # A schema-valid body may still be refused by a business rule (422 problem):
            # that is the contract, so the positive-data check does not apply here.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        call()
