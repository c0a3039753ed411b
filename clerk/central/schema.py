"""Bringing a central database to the current schema."""

from __future__ import annotations

from sqlalchemy import Engine

from clerk.central.models import Base


def migrate(engine: Engine) -> None:
    """Create or upgrade the central schema on ``engine``."""
    Base.metadata.create_all(engine)
