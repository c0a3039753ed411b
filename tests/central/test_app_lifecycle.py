"""The service's background worker: housekeeping runs with or without SMTP."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clerk.central.app import create_app
from clerk.central.context import CentralSettings


def test_worker_runs_without_smtp_and_stops_with_the_app(
    central_engine: Engine, db_url: str
) -> None:
    app = create_app(CentralSettings(db_url=db_url))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        worker = app.state.notification_worker
        assert worker is not None and worker.running
        assert worker.sender.send_due() == 0, "without SMTP messages wait in the outbox"
    assert not worker.running


def test_tests_can_keep_the_worker_off(central_engine: Engine, db_url: str) -> None:
    app = create_app(CentralSettings(db_url=db_url, send_notifications=False))
    with TestClient(app):
        assert app.state.notification_worker is None
