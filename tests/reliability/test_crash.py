"""A tablet killed with SIGKILL at random moments, again and again: nothing lost, nothing twice.

A subprocess (:mod:`tests.reliability.crash_worker`) plays the clerks on one local database:
store sales of a few shared SKUs (some for members, some returned later in the sale's lane),
notes and feedback on a few customers, the pickup desk shelving and handing over orders, with a
sync every few actions. The test kills it at a random moment — in the middle of a local
transaction, of a push (central committed or not), of a pull — restarts it, and again, ``KILLS``
times; the real central service keeps running on loopback. A last run drains the outbox.

Then, behind both APIs: every command the tablet committed reached central exactly once
(central's idempotency records are the outbox, its sales, returns, notes and feedback are the
commands' ids, its stock moved by exactly what the commands say, points and notifications once),
nothing the tablet did not commit arrived, every command is audited once, and the tablet's
cache holds central's state of everything touched.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.serialize import (
    customer_dict,
    interaction_dict,
    inventory_dict,
    order_dict,
    return_dict,
)
from clerk.store import LocalStore, OutboxCommand
from clerk.store.models import OutboxRow
from tests.reliability.central_view import sellable_skus
from tests.sync.conftest import LiveCentral

KILLS = 60
LONGEST_LIFE_S = 0.7  # a life lasts 0 to this long after saying "ready"
FRESH_EVERY = 10  # every tenth life starts a fresh interpreter; the others are forked
SKUS = 10  # shared SKUs the worker sells: the same stock rows change again and again
REPO = Path(__file__).resolve().parents[2]
WORKER = "tests.reliability.crash_worker"
KINDS = (  # what the worker does: every kind must happen
    "store_sale",
    "create_return",
    "add_note",
    "record_feedback",
    "mark_ready",
    "release_pickup",
)


@dataclass
class Life:
    """One life of the worker process, and what it said."""

    pid: int
    log: Path
    offset: int
    process: subprocess.Popen[bytes] | None  # a fresh interpreter; None when forked
    code: int | None = None  # once reaped: the exit code (negative: the signal)

    def said(self) -> list[str]:
        with self.log.open("rb") as out:
            out.seek(self.offset)
            return out.read().decode(errors="replace").splitlines()

    def ended(self) -> bool:
        if self.process is not None:
            return self.process.poll() is not None
        return any(line.startswith("exited ") for line in self.said())

    def tail(self) -> str:
        return "\n".join(self.said()[-40:])


class Lives:
    """Starts the worker's lives on one local database: forked from a server process that has
    done the (slow) imports once, or as fresh interpreters."""

    def __init__(self, central: LiveCentral, store_url: str, skus: list[str], log: Path) -> None:
        self.args = [
            "--store",
            store_url,
            "--central",
            central.url,
            "--token",
            central.token,
            "--device-id",
            central.device_id,
            "--skus",
            ",".join(skus),
        ]
        self.log = log
        log.touch()
        self.last: Life | None = None
        self.server = subprocess.Popen(
            [sys.executable, "-m", WORKER, "serve"],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _ask(self, request: str) -> list[str]:
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(request + "\n")
        self.server.stdin.flush()
        return self.server.stdout.readline().split()

    def start(self, seed: int, *extra: str, fresh: bool = False) -> Life:
        argv = [*self.args, "--seed", str(seed), *extra]
        offset = self.log.stat().st_size
        if not fresh:
            reply = self._ask("start " + json.dumps({"argv": argv, "log": str(self.log)}))
            assert reply[0] == "pid", reply
            self.last = Life(int(reply[1]), self.log, offset, None)
            return self.last
        with self.log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", WORKER, *argv],
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.last = Life(process.pid, self.log, offset, process)
        return self.last

    def wait(self, life: Life, timeout: float) -> int:
        """The life's exit code (negative: the signal that ended it)."""
        if life.process is not None:
            life.code = life.process.wait(timeout=timeout)
        else:
            reply = self._ask(f"wait {life.pid}")
            assert reply[:2] == ["status", str(life.pid)], reply
            life.code = int(reply[2])
        return life.code

    def kill(self, life: Life) -> int:
        os.kill(life.pid, signal.SIGKILL)
        return self.wait(life, timeout=30)

    def wait_ready(self, life: Life, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while "ready" not in life.said():
            if life.ended() or time.monotonic() > deadline:
                self.kill(life)
                raise AssertionError("the worker did not get ready:\n" + life.tail())
            time.sleep(0.005)

    def close(self) -> None:
        """Stop the server, and the last life if a failure left it running."""
        assert self.server.stdin is not None and self.server.stdout is not None
        if self.last is not None and self.last.code is None:
            self.kill(self.last)
        self.server.stdin.close()
        try:
            self.server.wait(timeout=30)
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()
            self.server.stdout.close()


def stock(session: Session, store_id: str) -> dict[str, tuple[int, int]]:
    rows = session.execute(
        select(m.Inventory.sku, m.Inventory.on_hand, m.Inventory.held).where(
            m.Inventory.store_id == store_id
        )
    )
    return {sku: (on_hand, held) for sku, on_hand, held in rows}


def points(session: Session) -> dict[str, int]:
    rows = session.execute(select(m.Customer.id, m.Customer.points_balance))
    return {customer_id: balance for customer_id, balance in rows}


def outbox(store: LocalStore) -> list[OutboxCommand]:
    """Every command the tablet ever queued, in order (looked at directly: no repository
    lists finished commands)."""
    with store.engine.connect() as conn:
        ids = conn.execute(select(OutboxRow.id).order_by(OutboxRow.position)).scalars().all()
    with store.unit(read_only=True) as unit:
        found = [unit.outbox.get(command_id) for command_id in ids]
    return [command for command in found if command is not None]


@pytest.mark.timeout(600)
def test_a_tablet_killed_at_random_keeps_every_action_exactly_once(
    central: LiveCentral, tmp_path: Path
) -> None:
    rng = random.Random(20261129)
    store_url = f"sqlite:///{tmp_path / 'tablet.db'}"
    log = tmp_path / "worker.log"
    skus = sellable_skus(central.engine, central.store_id, units=15, count=SKUS)
    assert len(skus) == SKUS
    with central.session() as session:
        stock_before, points_before = stock(session, central.store_id), points(session)
    started_at = datetime.now(UTC)

    # Kill it, again and again; the last start syncs until nothing is left to send.
    lives = Lives(central, store_url, skus, log)
    try:
        began = time.perf_counter()
        ages: list[float] = []
        for kill in range(KILLS):
            life = lives.start(kill, fresh=kill % FRESH_EVERY == 0)
            lives.wait_ready(life)
            age = rng.uniform(0, LONGEST_LIFE_S)
            time.sleep(age)
            assert lives.kill(life) == -signal.SIGKILL, life.tail()
            ages.append(age)
        killing_s = time.perf_counter() - began
        drain_began = time.perf_counter()
        drain = lives.start(KILLS, "--drain", fresh=True)
        assert lives.wait(drain, timeout=300) == 0, drain.tail()
        drain_s = time.perf_counter() - drain_began
    finally:
        lives.close()
    said = log.read_text().splitlines()
    in_flight = sum(int(line.split()[1]) for line in said if line.startswith("in-flight "))
    replayed = sum(line.startswith("replayed ") for line in said)

    store = LocalStore.open(store_url)
    try:
        commands = outbox(store)
        kinds = Counter(c.kind for c in commands)
        print(
            f"\n{KILLS} kills in {killing_s:.0f} s (lives {sum(ages) / KILLS:.2f} s after ready "
            f"on average), drained in {drain_s:.1f} s; {len(commands)} commands "
            f"({', '.join(f'{n} {kind}' for kind, n in kinds.most_common())}); {in_flight} left "
            f"in flight by a kill, {replayed} answered again from central's idempotency record"
        )
        # The kills did land while the tablet worked, and on the wire.
        assert len(commands) >= 100, kinds
        assert in_flight >= 5 and replayed >= 1
        check(central, store, commands, started_at, stock_before, points_before)
    finally:
        store.close()


def check(
    central: LiveCentral,
    store: LocalStore,
    commands: list[OutboxCommand],
    started_at: datetime,
    stock_before: dict[str, tuple[int, int]],
    points_before: dict[str, int],
) -> None:
    """Exactly once at central, and the tablet agrees with central."""
    # Every command done: none waiting, none refused (nothing here can be refused).
    states = Counter(c.state for c in commands)
    refused = [(c.kind, c.status, c.problem) for c in commands if c.state != "done"]
    assert states == {"done": len(commands)}, refused[:5]
    assert {c.status for c in commands} <= {200, 201}
    sent = Sent(commands)
    assert {kind for kind, made in sent.by_kind.items() if made} == set(KINDS)

    # Every command audited once, as made by its clerk; nothing audited as queued besides.
    with store.unit(read_only=True) as unit:
        audit = unit.audit.recent(limit=1_000_000)
    queued = [e for e in audit if e.result == "queued"]
    assert Counter(e.command_id for e in queued) == Counter(c.id for c in commands)
    audited = {e.command_id: (e.action, e.staff_id) for e in queued}
    assert all(audited[c.id] == (c.kind, c.staff_id) for c in commands)

    with central.session() as session:
        check_rows(session, central.device_id, sent, started_at)
        check_stock(session, central.store_id, sent, stock_before)
        check_points(session, sent, points_before)
        truth = central_truth(session, central.store_id, sent, points_before)
    with store.unit(read_only=True) as unit:
        local = {key: unit.cache.get(*key) for key in truth}
    differing = sorted(key for key in truth if local[key] != truth[key])
    assert not differing, [(key, local[key], truth[key]) for key in differing[:3]]


class Sent:
    """The tablet's commands by kind, and the ids of what they made or touched."""

    def __init__(self, commands: list[OutboxCommand]) -> None:
        self.commands = commands
        self.by_kind: dict[str, list[OutboxCommand]] = {kind: [] for kind in KINDS}
        for command in commands:
            self.by_kind.setdefault(command.kind, []).append(command)
        self.sales = self.ids("store_sale")
        self.returns = self.ids("create_return")
        self.notes = self.ids("add_note")
        self.feedback = self.ids("record_feedback")
        # /v1/orders/{id}/ready and /v1/orders/{id}/collect
        self.shelved = [c.path.split("/")[3] for c in self.by_kind["mark_ready"]]
        self.released = [c.path.split("/")[3] for c in self.by_kind["release_pickup"]]
        assert len(set(self.shelved)) == len(self.shelved)
        assert len(set(self.released)) == len(self.released)
        self.customers = {str(c.body["customer_id"]) for c in commands if "customer_id" in c.body}

    def ids(self, kind: str) -> set[str]:
        """The ids the tablet chose for the rows commands of ``kind`` create."""
        return {str(c.body["id"]) for c in self.by_kind[kind]}


def check_rows(session: Session, device: str, sent: Sent, started_at: datetime) -> None:
    """Central ran exactly the tablet's commands, each once."""
    records = session.execute(
        select(m.IdempotencyRecord.key, m.IdempotencyRecord.state).where(
            m.IdempotencyRecord.device_id == device
        )
    ).all()
    assert sorted(key for key, _ in records) == sorted(c.id for c in sent.commands)
    assert {state for _, state in records} == {"done"}

    # Its new rows are the commands' ids (primary keys: once each), and there are no others.
    def since(model: Any, *where: Any) -> list[str]:
        stmt = select(model.id).where(model.created_at >= started_at, *where)
        return sorted(session.scalars(stmt))

    assert since(m.Order, m.Order.device_id == device) == sorted(sent.sales)
    assert since(m.Order, m.Order.channel == "store") == sorted(sent.sales)
    assert since(m.Return, m.Return.device_id == device) == sorted(sent.returns)
    assert since(m.Interaction, m.Interaction.kind == "note") == sorted(sent.notes)
    assert since(m.Feedback) == sorted(sent.feedback)

    # The customer was told once that an order is ready, and once that it was collected.
    def told(template: str, order_ids: list[str]) -> Counter[str]:
        stmt = select(m.Notification.order_id).where(
            m.Notification.template == template, m.Notification.order_id.in_(order_ids)
        )
        return Counter(session.scalars(stmt))

    assert told("ready_for_pickup", sent.shelved) == Counter(sent.shelved)
    assert told("collected", sent.released) == Counter(sent.released)


def check_stock(
    session: Session, store_id: str, sent: Sent, before: dict[str, tuple[int, int]]
) -> None:
    """Central's stock moved by exactly what the commands say: sales take, returns put back
    (all resellable), shelving holds, handing over takes the held units."""
    moved: Counter[tuple[str, str]] = Counter()
    for command in sent.by_kind["store_sale"]:
        for line in command.body["lines"]:
            moved[(line["sku"], "on_hand")] -= line["qty"]
    for command in sent.by_kind["create_return"]:
        for line in command.body["lines"]:
            order_line = session.get(m.OrderLine, line["line_id"])
            assert order_line is not None
            moved[(order_line.sku, "on_hand")] += line["qty"]
    for order_id in set(sent.shelved) | set(sent.released):
        order = session.get(m.Order, order_id)
        assert order is not None
        for line in order.lines:
            waiting = line.qty - line.short_qty - line.returned_qty
            if order_id in sent.shelved:
                moved[(line.sku, "held")] += waiting
            if order_id in sent.released:
                assert line.collected_qty == waiting
                moved[(line.sku, "on_hand")] -= waiting
                moved[(line.sku, "held")] -= waiting
    after = stock(session, store_id)
    assert set(after) == set(before)
    changed = {
        sku: (on_hand - before[sku][0], held - before[sku][1])
        for sku, (on_hand, held) in after.items()
        if (on_hand, held) != before[sku]
    }
    expected = {
        sku: (moved[(sku, "on_hand")], moved[(sku, "held")])
        for sku in {sku for sku, _ in moved}
        if moved[(sku, "on_hand")] or moved[(sku, "held")]
    }
    assert changed == expected


def check_points(session: Session, sent: Sent, before: dict[str, int]) -> None:
    """Points earned once per member's sale and reversed once per return: no more, no less."""
    change: Counter[str] = Counter()
    for sale_id in sent.sales:
        sale = session.get(m.Order, sale_id)
        assert sale is not None and sale.status == "completed"
        assert ledger(session, "earn", order_id=sale_id) == (
            [sale.points_earned] if sale.points_earned else []
        )
        if sale.customer_id is not None:
            change[sale.customer_id] += sale.points_earned - sale.points_reversed
    for return_id in sent.returns:
        ret = session.get(m.Return, return_id)
        assert ret is not None
        assert ledger(session, "reverse", return_id=return_id) == (
            [-ret.points_reversed] if ret.points_reversed else []
        )
    after = points(session)
    moved = {c: after[c] - before[c] for c in after if after[c] != before[c]}
    assert moved == {c: p for c, p in change.items() if p}


def ledger(session: Session, kind: str, **of: str) -> list[int]:
    """The points of the loyalty transactions of ``kind`` for one order or return."""
    stmt = select(m.LoyaltyTransaction.points).where(m.LoyaltyTransaction.kind == kind)
    for column, value in of.items():
        stmt = stmt.where(getattr(m.LoyaltyTransaction, column) == value)
    return list(session.scalars(stmt))


def central_truth(
    session: Session, store_id: str, sent: Sent, points_before: dict[str, int]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Central's state of everything the commands touched, as the feed shows it."""
    truth: dict[tuple[str, str], dict[str, Any]] = {}
    for order_id in sent.sales | set(sent.shelved) | set(sent.released):
        order = session.get(m.Order, order_id)
        assert order is not None
        truth[("order", order_id)] = order_dict(order)
    for return_id in sent.returns:
        ret = session.get(m.Return, return_id)
        assert ret is not None
        truth[("return", return_id)] = return_dict(ret)
    after = points(session)
    for customer_id in sent.customers | {c for c in after if after[c] != points_before[c]}:
        customer = session.get(m.Customer, customer_id)
        assert customer is not None
        truth[("customer", customer_id)] = customer_dict(customer)
    interactions = session.scalars(
        select(m.Interaction).where(m.Interaction.id.in_(sent.notes | sent.feedback))
    ).all()
    with_customer = {
        str(c.body["id"]) for c in sent.by_kind["record_feedback"] if "customer_id" in c.body
    }
    assert {i.id for i in interactions} == sent.notes | with_customer
    for interaction in interactions:
        truth[("interaction", interaction.id)] = interaction_dict(interaction)
    for row in session.scalars(select(m.Inventory).where(m.Inventory.store_id == store_id)):
        truth[("inventory", row.sku)] = inventory_dict(row)
    return truth
