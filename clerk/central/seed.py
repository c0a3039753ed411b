"""The demo database: deterministic, realistic Polish data for the central service.

``seed_demo(engine, scale=1, seed=...)`` fills an empty, migrated central database with

* 5 stores — ``WAW-01`` "Warszawa Centrum" (the demo store), WAW-02, KRK-01, GDA-01, POZ-01;
* staff for every role with fixed, documented PINs (:data:`DEMO_STAFF`, Argon2-hashed);
* 800 SKUs (styles × colours × sizes, EAN-13 with prefix 590 and valid check digits) and
  stock in every store;
* ``5,000 × scale`` customers (Faker ``pl_PL`` names, unique e-mails, phones and loyalty
  card numbers) and ``40,000 × scale`` orders over the last two years across web, app,
  phone and store, with lines, payments, loyalty points, pickups and returns;
* online carts, reservations, support tickets with threads, staff notes, visits and scores;
* a pickup board of WAW-01 with orders in every state, relative to ``now``.

The same ``seed``, ``scale`` and ``now`` give the same database, row for row.

Store slices (which customers a store's tablets cache, table ``store_customers``):
WAW-01 is the flagship and the brand's service desk for the whole country, so its slice
holds **every** customer (100,000 at ``--scale 20``); any customer may walk in there and
be served offline.  Every other store holds its home customers plus every customer with
activity there (a sale, a pickup, a return, a reservation or a visit).

Loading is bulk: rows are plain dicts inserted with ``session.execute(insert(Model), rows)``
in chunks; the change feed of every store is then written by
:func:`clerk.central.feed.rebuild_store_feed`.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import accumulate

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central import seed_data as data
from clerk.central.keys import ensure_signing_key
from clerk.central.seed_catalog import build_catalogue, build_customers, staff_rows, store_rows
from clerk.central.seed_data import DEMO_STAFF, DEMO_STORE_ID, DemoStaff
from clerk.central.seed_extras import (
    Board,
    build_carts,
    build_engagement,
    build_pickup_boards,
    build_reservations,
)
from clerk.central.seed_orders import DAY, HOUR, OrderGenerator
from clerk.central.seed_writer import BulkWriter

__all__ = [
    "DEFAULT_SEED",
    "DEMO_STAFF",
    "DEMO_STORE_ID",
    "DemoStaff",
    "SeedError",
    "SeedSummary",
    "Showcase",
    "seed_demo",
]

DEFAULT_SEED = 20240601
CUSTOMERS_PER_SCALE = 5000
ORDERS_PER_SCALE = 40000
_CHANNELS = ("web", "app", "phone", "store")
_CHANNEL_WEIGHTS = (40, 25, 5, 30)


class SeedError(RuntimeError):
    """The database cannot be seeded (for instance: it already holds data)."""


@dataclass(frozen=True)
class Showcase:
    """Hand-picked demo records for the *Demo cards* window and for walkthroughs."""

    gold_customer_id: str  # Gold member of WAW-01 with a long history and an active cart
    gold_card_number: str
    gold_cart_id: str
    ready_pickup_order_id: str  # ready on the WAW-01 shelf
    ready_pickup_order_number: str
    ready_pickup_code: str
    ready_pickup_customer_id: str
    expiring_pickup_order_id: str  # ready, hold ends within two days
    overdue_pickup_order_id: str
    return_order_id: str  # bought at WAW-01 five days ago, nothing returned yet
    return_order_number: str


@dataclass(frozen=True)
class SeedSummary:
    """What :func:`seed_demo` wrote."""

    seed: int
    scale: float
    now: datetime
    counts: dict[str, int]  # table -> rows inserted
    slice_customers: dict[str, int]  # store -> customers in its slice
    feed_entries: dict[str, int]  # store -> change-feed entries written by the rebuild
    pickup_board: dict[str, list[str]]  # state -> order ids on the WAW-01 board
    reservations: dict[str, list[str]]  # state -> reservation ids (all stores)
    showcase: Showcase
    durations: dict[str, float] = field(default_factory=dict)  # phase -> seconds


def seed_demo(
    engine: Engine,
    *,
    scale: float = 1,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    customers: int | None = None,
    orders: int | None = None,
    feed: bool = True,
    chunk: int = 5000,
) -> SeedSummary:
    """Fill an empty, migrated central database with the demo data and return a summary.

    ``customers``/``orders`` override the counts derived from ``scale`` (5,000 and 40,000
    per unit).  ``feed=False`` skips writing the stores' change feeds.  Raises
    :class:`SeedError` when the database already holds stores.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    n_customers = customers if customers is not None else round(CUSTOMERS_PER_SCALE * scale)
    n_orders = orders if orders is not None else round(ORDERS_PER_SCALE * scale)
    if n_customers < 1 or n_orders < 0:
        raise SeedError("the demo needs at least one customer")
    rng = random.Random(seed)
    durations: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        t = time.perf_counter()
        durations[phase] = round(t - clock, 2)
        clock = t

    with Session(engine) as session, session.begin():
        if session.scalar(select(func.count()).select_from(m.Store)):
            raise SeedError("the database already holds data; seed an empty database")
        ensure_signing_key(session, now)
        out = BulkWriter(session, chunk)
        out.add_all(m.Store, store_rows())
        staff, links = staff_rows()
        out.add_all(m.Staff, staff)
        out.add_all(m.StaffStore, links)
        cat = build_catalogue(rng)
        out.add_all(m.Product, cat.rows)
        people, customer_rows = build_customers(rng, seed, n_customers, now)
        out.add_all(m.Customer, customer_rows)
        del customer_rows
        out.flush()
        lap("catalogue_and_customers")

        gen = OrderGenerator(rng, now, cat, people, out)
        last_orders = _order_history(gen, n_orders)
        lap("orders")
        board = Board()
        build_pickup_boards(gen, board)
        showcase_return = _showcase_sale(gen)
        carts = build_carts(gen)
        reservations = build_reservations(gen, max(4, round(25 * scale)))
        build_engagement(gen, last_orders, scale)
        _inventory(gen)
        slices = _slices(gen)
        out.flush()
        lap("pickups_carts_engagement")
        _finish_customers(session, gen)
        lap("balances")

        demo_board = board.orders[DEMO_STORE_ID]
        ready_id = demo_board["ready"][0]
        showcase = Showcase(
            gold_customer_id=people.ids[0],
            gold_card_number=_card_number(session, people.ids[0]),
            gold_cart_id=carts[0],
            ready_pickup_order_id=ready_id,
            ready_pickup_order_number=board.numbers[ready_id],
            ready_pickup_code=board.pickup_codes[ready_id],
            ready_pickup_customer_id=board.customers[ready_id],
            expiring_pickup_order_id=demo_board["ready_expiring"][0],
            overdue_pickup_order_id=demo_board["overdue"][0],
            return_order_id=showcase_return[0],
            return_order_number=showcase_return[1],
        )
    _refresh_planner_statistics(engine)
    feed_entries: dict[str, int] = {}
    if feed:
        from clerk.central.feed import rebuild_store_feed

        for store_id in data.STORE_IDS:
            with Session(engine) as session, session.begin():
                feed_entries[store_id] = rebuild_store_feed(session, store_id, now)
        _refresh_planner_statistics(engine)
        lap("feeds")
    return SeedSummary(
        seed=seed,
        scale=scale,
        now=now,
        counts=dict(out.counts),
        slice_customers=slices,
        feed_entries=feed_entries,
        pickup_board=demo_board,
        reservations=reservations,
        showcase=showcase,
        durations=durations,
    )


def _refresh_planner_statistics(engine: Engine) -> None:
    """After a bulk load the planner knows nothing of the new rows: let it look (ANALYZE)."""
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def _order_history(gen: OrderGenerator, n_orders: int) -> dict[int, str]:
    """``n_orders`` orders over the two years before ``now``, generated in time order."""
    rng, people, now = gen.rng, gen.people, gen.now_ts
    channels = rng.choices(_CHANNELS, cum_weights=list(accumulate(_CHANNEL_WEIGHTS)), k=n_orders)
    picks = rng.choices(range(len(people.ids)), cum_weights=people.cum_weights, k=n_orders)
    plan: list[tuple[float, str, int | None]] = []
    day_zero = now - now % DAY
    for channel, cust in zip(channels, picks, strict=True):
        day = day_zero - rng.randrange(730) * DAY
        # Stores trade 9:00-20:00 Warsaw time; people shop online from morning to night.
        hours = rng.uniform(8, 19) if channel == "store" else rng.uniform(5, 22.5)
        ts = min(day + hours * HOUR, now - rng.uniform(120, 900))
        who: int | None = cust
        if channel == "store" and rng.random() < 0.25:
            who = None  # a guest without a loyalty card
        else:
            while people.created[cust] > ts:
                cust = rng.choices(range(len(people.ids)), cum_weights=people.cum_weights)[0]
            who = cust
        plan.append((ts, channel, who))
    plan.sort(key=lambda p: p[0])
    last_orders: dict[int, str] = {}
    for ts, channel, who in plan:
        p = gen.order(ts, channel, who)
        if who is not None:
            last_orders[who] = p.order["number"]
    return last_orders


def _showcase_sale(gen: OrderGenerator) -> tuple[str, str]:
    """A sale to the showcase customer at WAW-01 five days ago: the order to return."""
    now = gen.now_ts
    while True:
        p = gen.order(now - 5 * DAY, "store", 0, store=DEMO_STORE_ID, allow_return=False)
        if all(ln["sku"] not in gen.final_sale_skus for ln in p.lines):
            return p.order["id"], p.order["number"]


def _inventory(gen: OrderGenerator) -> None:
    """Stock of every SKU in every store: held for ready pickups and active reservations."""
    rng = gen.rng
    for store in data.STORE_IDS:
        depth = 2.0 if store == DEMO_STORE_ID else 1.0
        for sku in gen.cat.skus:
            gen.out.checkpoint()
            held = gen.held.get((store, sku), 0)
            free = 0 if rng.random() < 0.06 else int(rng.uniform(1, 14) * depth)
            gen.out.add(
                m.Inventory, {"store_id": store, "sku": sku, "on_hand": held + free, "held": held}
            )


def _slices(gen: OrderGenerator) -> dict[str, int]:
    """Write ``store_customers`` by the rule in the module docstring; sizes per store."""
    people = gen.people
    sizes: dict[str, int] = {}
    for store in data.STORE_IDS:
        if store == DEMO_STORE_ID:
            members = list(range(len(people.ids)))
        else:
            activity = gen.slices[store]
            members = [i for i, h in enumerate(people.homes) if h == store or i in activity]
        sizes[store] = len(members)
        for i in members:
            gen.out.checkpoint()
            gen.out.add(m.StoreCustomer, {"store_id": store, "customer_id": people.ids[i]})
    return sizes


def _finish_customers(session: Session, gen: OrderGenerator) -> None:
    """Points balance = the sum of the loyalty transactions; the last visit-bonus day."""
    txn = m.LoyaltyTransaction
    total = (
        select(func.coalesce(func.sum(txn.points), 0))
        .where(txn.customer_id == m.Customer.id)
        .scalar_subquery()
    )
    session.execute(
        update(m.Customer).values(points_balance=total).execution_options(synchronize_session=False)
    )
    rows = [{"id": gen.people.ids[i], "last_visit_bonus_on": d} for i, d in gen.last_bonus.items()]
    for start in range(0, len(rows), 5000):
        session.execute(update(m.Customer), rows[start : start + 5000])


def _card_number(session: Session, customer_id: str) -> str:
    card = session.scalar(select(m.Customer.card_number).where(m.Customer.id == customer_id))
    assert card is not None
    return card
