"""Upgrading a tablet's database in place: commands waiting in the outbox survive, unchanged."""

from __future__ import annotations

import json

from sqlalchemy import Table, insert, inspect

from clerk.store import LocalStore, make_local_engine
from clerk.store import models as m
from clerk.store.schema import migrate
from tests.store.feed import NOW, customer, order

FIRST_REVISION = "beda44bb4fd3"


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def test_upgrade_keeps_pending_commands_touches_and_bases(local_store_url: str) -> None:
    engine = make_local_engine(local_store_url)
    migrate(engine, FIRST_REVISION)
    assert "last_attempt_at" not in {c["name"] for c in inspect(engine).get_columns("outbox")}

    # A tablet on the first schema, with work waiting for central (written as that schema allows).
    outbox, touches = _table(m.OutboxRow), _table(m.OutboxTouch)
    states = ["pending", "sending", "attention", "pending", "done"]
    with engine.begin() as conn:
        for n, state in enumerate(states):
            conn.execute(
                insert(outbox).values(
                    id=f"cmd-{n}",
                    kind="release_pickup",
                    method="POST",
                    path=f"/v1/orders/O{n % 2}/collect",
                    body=json.dumps({"lines": [n], "note": "Łódź"}),
                    lane=f"order:O{n % 2}",
                    if_match=f'"{n}"',
                    staff_id="STF-1",
                    device_id="dev-1",
                    created_at=NOW,
                    state=state,
                    attempts=n,
                    problem=json.dumps({"type": "x"}) if state == "attention" else None,
                    updated_at=NOW,
                )
            )
            conn.execute(
                insert(touches).values(command_id=f"cmd-{n}", entity="order", entity_id=f"O{n % 2}")
            )
        conn.execute(
            insert(_table(m.OrderRow)).values(
                id="O0",
                data=json.dumps(order("O0", status="collected")),
                origin="feed",
                number="W26-O0",
                customer_id="C1",
                pickup_store_id="WAW-01",
                status="collected",
                created_at=NOW.isoformat(),
            )
        )
        conn.execute(
            insert(_table(m.ServerBase)).values(
                entity="order", entity_id="O0", data=json.dumps(order("O0"))
            )
        )
        conn.execute(
            insert(_table(m.CustomerRow)).values(
                id="C1", data=json.dumps(customer("C1")), origin="feed", card_number="1"
            )
        )
    engine.dispose()

    store = LocalStore.open(local_store_url)  # upgrades to the newest revision
    try:
        with store.unit() as unit:
            assert unit.outbox.counts().pending == 2
            commands = [unit.outbox.get(f"cmd-{n}") for n in range(len(states))]
            assert [c.state if c else None for c in commands] == states
            first = commands[0]
            assert first is not None and first.body == {"lines": [0], "note": "Łódź"}
            assert first.touches == (("order", "O0"),) and first.if_match == '"0"'
            assert first.last_attempt_at is None and first.created_at == NOW
            assert unit.outbox.recover_in_flight(NOW) == 1
            assert [c.id for c in unit.outbox.sendable()] == ["cmd-0", "cmd-1"]
            assert unit.cache.has_base("order", "O0")
            assert unit.cache.get("order", "O0") == order("O0", status="collected")
            unit.outbox.mark_sending("cmd-0", NOW)
            sent = unit.outbox.get("cmd-0")
        assert sent is not None and sent.last_attempt_at == NOW
    finally:
        store.close()


def test_the_head_constant_is_alembics_head(local_store_url: str) -> None:
    """``schema.HEAD`` lets an up-to-date database open without loading Alembic."""
    from alembic.script import ScriptDirectory

    from clerk.store import LocalStore
    from clerk.store.schema import HEAD, alembic_config, current_revision

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD
    store = LocalStore.open(local_store_url)
    try:
        assert current_revision(store.engine) == HEAD
    finally:
        store.close()
