from alembic import command
from sqlalchemy import Engine, inspect

from clerk.central.schema import alembic_config, migrate


def test_migrated_database_has_the_central_tables(central_engine: Engine) -> None:
    tables = set(inspect(central_engine).get_table_names())
    assert {"stores", "devices", "orders", "changes", "idempotency_keys"} <= tables


def test_migrations_match_the_models(central_engine: Engine) -> None:
    """A model change without its migration fails here (Alembic finds operations to add)."""
    config = alembic_config()
    with central_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)


def test_migrating_twice_changes_nothing(central_engine: Engine) -> None:
    before = sorted(inspect(central_engine).get_table_names())
    migrate(central_engine)
    assert sorted(inspect(central_engine).get_table_names()) == before
