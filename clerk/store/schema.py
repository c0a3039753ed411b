"""Bringing the local database to the current schema (Alembic, run by LocalStore.open)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from clerk.store.revision import HEAD, VERSION_TABLE

MIGRATIONS = Path(__file__).with_name("migrations")

__all__ = ["HEAD", "MIGRATIONS", "VERSION_TABLE", "alembic_config", "current_revision", "migrate"]
_MIGRATION_LOCK = 0x636C65726B  # "clerk"


def alembic_config() -> Config:
    """The Alembic configuration of the local store, without an ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the local schema on ``engine`` to ``revision`` (default: the newest).

    On SQLite, foreign keys are off while migrating: batch mode copies tables, and dropping an
    outbox table with foreign keys on would cascade to the commands' touches.
    """
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            _pragma(connection.connection.dbapi_connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    # Tablets sharing one PostgreSQL start together: one migrates, the others wait.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                _pragma(connection.connection.dbapi_connection, "PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None: no schema yet)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def _pragma(dbapi_connection: object, sql: str) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(sql)
    cursor.close()


def new_revision(engine: Engine, message: str) -> None:
    """Autogenerate a revision from the models (a developer tool)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
