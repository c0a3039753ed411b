"""Fixtures for the mutation tests: the usual world in a fresh database and an API client.

Import the fixtures you use into a test module (``from tests.central.ops_fixtures import
api, world``); they build on ``central_engine``/``db_url`` of ``tests/conftest.py`` and so
run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from clerk.central import models as m
from clerk.central.app import create_app
from clerk.central.clock import FixedClock
from clerk.central.context import CentralSettings
from clerk.central.db import make_session_factory, transaction
from tests.central.factories import NOW, World, build_world

_keys = itertools.count(1)


@dataclass
class Api:
    """A test client of the central app with the world's tokens at hand."""

    client: TestClient
    world: World
    factory: sessionmaker[Session]
    clock: FixedClock

    def post(
        self,
        path: str,
        body: dict[str, Any],
        *,
        token: str | None = None,
        key: str | None = None,
        if_match: str | int | None = None,
    ) -> httpx.Response:
        """POST ``body`` as the main device (or ``token``), with a fresh Idempotency-Key."""
        headers = {
            "Authorization": f"Bearer {token or self.world.token}",
            "Idempotency-Key": key or f"k-{next(_keys)}",
        }
        if if_match is not None:
            headers["If-Match"] = f'"{if_match}"' if isinstance(if_match, int) else if_match
        return self.client.post(path, json=body, headers=headers)

    def session(self) -> Session:
        """A new session on the test database (close it, or use it in ``with``)."""
        return self.factory()

    def order(self, order_id: str) -> m.Order:
        """The order as committed now."""
        with self.factory() as session:
            order = session.get(m.Order, order_id)
            assert order is not None
            return order

    def feed(self, store_id: str, entity: str, entity_id: str) -> list[dict[str, Any]]:
        """The data of every feed entry of ``entity``/``entity_id`` for ``store_id``."""
        with self.factory() as session:
            rows = session.execute(
                select(m.Change)
                .where(
                    m.Change.store_id == store_id,
                    m.Change.entity == entity,
                    m.Change.entity_id == entity_id,
                )
                .order_by(m.Change.seq)
            ).scalars()
            return [dict(r.data or {}, _op=r.op) for r in rows]


def problem_type(response: httpx.Response) -> str:
    """The slug of a problem+json answer."""
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return str(response.json()["type"]).rsplit("/", 1)[-1]


@pytest.fixture
def world(central_engine: Engine) -> World:
    """WAW-01 and KRK-01 with devices, staff, products, stock and a Gold customer."""
    factory = make_session_factory(central_engine)
    with transaction(factory) as session:
        return build_world(session)


@pytest.fixture
def api(db_url: str, central_engine: Engine, world: World) -> Iterator[Api]:
    """The central app over the test database, with a clock standing at ``NOW``."""
    clock = FixedClock(NOW)
    app = create_app(CentralSettings(db_url=db_url, clock=clock, send_notifications=False))
    with TestClient(app) as client:
        yield Api(client, world, make_session_factory(central_engine), clock)
