from sqlalchemy import Engine, inspect


def test_migrated_database_has_the_central_tables(central_engine: Engine) -> None:
    tables = set(inspect(central_engine).get_table_names())
    assert {"stores", "devices", "orders", "changes", "idempotency_keys"} <= tables
