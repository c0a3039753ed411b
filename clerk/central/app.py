"""The central service application: ``create_app(settings)`` is its one composition root.

``create_app`` does not migrate the database (``clerk-central serve`` migrates first); it
opens the engine, keeps everything on ``app.state.central`` (:class:`CentralContext`), and,
when notifications are configured, runs the notification worker for the app's lifetime.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from clerk.central.api import api_router
from clerk.central.context import CentralContext, CentralSettings
from clerk.central.openapi_doc import install_problem_openapi
from clerk.central.problems import install_problem_handlers

log = logging.getLogger(__name__)

API_DESCRIPTION = (
    "The reference central service of Clerk: enrollment, the per-store change feed, "
    "customers, orders, pickups, returns and reservations. Errors are RFC 9457 "
    "application/problem+json with a stable `type`."
)


def _start_notifications(ctx: CentralContext) -> Any:
    settings = ctx.settings
    if not settings.send_notifications:
        return None  # tests drive the worker themselves
    # The worker also does the service's housekeeping (hold reminders, expired reservations),
    # so it runs without SMTP too; messages then wait in the outbox.
    from clerk.central.notifications import NotificationSender, NotificationWorker

    sender = NotificationSender(
        ctx.session_factory,
        smtp_host=settings.smtp_host,
        smtp_port=settings.smtp_port,
        mail_from=settings.mail_from,
        webhook_url=settings.webhook_url,
        clock=ctx.clock,
    )
    worker = NotificationWorker(sender)
    worker.start()
    return worker


def create_app(settings: CentralSettings) -> FastAPI:
    """Build the central API on ``settings.db_url`` (already migrated)."""
    ctx = CentralContext.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = _start_notifications(ctx)
        app.state.notification_worker = worker
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            ctx.close()

    app = FastAPI(
        title="Clerk central API",
        version="1",
        description=API_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.central = ctx
    app.state.notification_worker = None
    install_problem_handlers(app)
    app.include_router(api_router)
    install_problem_openapi(app)
    return app


__all__ = ["CentralContext", "CentralSettings", "create_app"]
