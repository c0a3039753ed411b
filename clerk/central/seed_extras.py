"""Seed parts around the order history: the pickup boards, carts, reservations, tickets, feedback.

The pickup board of WAW-01 is built on purpose, relative to ``now``: it always holds orders
in every state the pickup desk knows (placed, picking, ready, ready and expiring within two
days, overdue, collected today, partially collected, expired, cancelled), whatever the scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clerk.central import models as m
from clerk.central import seed_data as data
from clerk.central.seed_orders import DAY, HOLD, HOUR, WARSAW, Fate, OrderGenerator, dt
from clerk.domain.holds import ReservationHoldPolicy

RESERVATION_HOLD = ReservationHoldPolicy()

# state -> how many orders on the board of the demo store / of the other stores
BOARD: tuple[tuple[str, int, int], ...] = (
    ("placed", 3, 1),
    ("picking", 3, 1),
    ("ready", 4, 2),
    ("ready_expiring", 3, 1),
    ("overdue", 2, 1),
    ("collected_today", 3, 1),
    ("partially_collected", 2, 0),
    ("expired", 2, 0),
    ("cancelled", 2, 0),
)


@dataclass
class Board:
    """Ids of the curated pickup orders by state, per store."""

    orders: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    pickup_codes: dict[str, str] = field(default_factory=dict)
    customers: dict[str, str] = field(default_factory=dict)  # order id -> customer id
    numbers: dict[str, str] = field(default_factory=dict)  # order id -> number


def _board_fate(gen: OrderGenerator, state: str) -> tuple[float, Fate]:
    """Creation time and fate of one board order in ``state``."""
    rng, now = gen.rng, gen.now_ts
    local_midnight = (
        gen.now.astimezone(WARSAW).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    )

    def ready_for(hold: float) -> tuple[float, float, float]:
        # Ready so that the policy's hold ends near ``hold``; the policy has the last word.
        ready = hold - HOLD.hold_until(dt(0)).timestamp()
        exact = HOLD.hold_until(dt(ready)).timestamp()
        return ready, exact, ready - rng.uniform(4, 20) * HOUR

    if state == "placed":
        return now - rng.uniform(0.3, 1.9) * HOUR, Fate("placed")
    if state == "picking":
        return now - rng.uniform(3, 10) * HOUR, Fate("picking")
    if state == "cancelled":
        c = now - rng.uniform(1, 5) * DAY
        return c, Fate("cancelled", ended_at=c + rng.uniform(1, 10) * HOUR)
    if state in ("ready", "ready_expiring", "overdue", "expired"):
        hold = (
            now
            + {
                "ready": rng.uniform(3.2, 6.5) * DAY,
                "ready_expiring": rng.uniform(4, 44) * HOUR,
                "overdue": -rng.uniform(3, 40) * HOUR,
                "expired": -rng.uniform(2, 10) * DAY,
            }[state]
        )
        ready, hold, c = ready_for(hold)
        if state == "expired":
            return c, Fate("expired", ready, hold, ended_at=hold + rng.uniform(2, 20) * HOUR)
        return c, Fate("ready", ready, hold)
    # collected today (or partially): within the last hours, never before local midnight
    earliest = max(local_midnight, now - 3 * HOUR)
    collected = rng.uniform(earliest, now - 60) if now - 60 > earliest else now - 30
    ready = collected - rng.uniform(1, 4) * DAY
    hold = HOLD.hold_until(dt(ready)).timestamp()
    partial = state == "partially_collected"
    status = "partially_collected" if partial else "collected"
    return ready - rng.uniform(4, 20) * HOUR, Fate(status, ready, hold, collected, refuse=partial)


def build_pickup_boards(gen: OrderGenerator, board: Board) -> None:
    """Curated pickup orders in every state for the demo store, a few for the others."""
    rng = gen.rng
    for store in data.STORE_IDS:
        demo = store == data.DEMO_STORE_ID
        locals_ = [
            i
            for i, home in enumerate(gen.people.homes)
            if home == store and gen.people.created[i] < gen.now_ts - 30 * DAY
        ] or [0]
        per_state: dict[str, list[str]] = {}
        for state, n_demo, n_other in BOARD:
            for _ in range(n_demo if demo else n_other):
                c, fate = _board_fate(gen, state)
                cust = rng.choice(locals_)
                channel = rng.choice(("web", "app"))
                p = gen.order(
                    c, channel, cust, fulfilment="pickup", store=store, fate=fate,
                    allow_redeem=False, allow_return=False, min_lines=2 if fate.refuse else 1,
                )  # fmt: skip
                oid = p.order["id"]
                per_state.setdefault(state, []).append(oid)
                board.pickup_codes[oid] = p.order["pickup_code"]
                board.customers[oid] = p.order["customer_id"]
                board.numbers[oid] = p.order["number"]
        board.orders[store] = per_state


def build_carts(gen: OrderGenerator, share: float = 0.08) -> dict[int, str]:
    """Active online carts of about ``share`` of the customers (always the showcase customer)."""
    rng, people = gen.rng, gen.people
    carts: dict[int, str] = {}
    for i in range(len(people.ids)):
        gen.out.checkpoint()
        if i != 0 and rng.random() >= share:
            continue
        cid = f"CART{len(carts) + 1:07d}"
        carts[i] = cid
        age = rng.uniform(0.05, 30) * DAY
        updated = max(gen.now_ts - age, people.created[i] + HOUR)
        gen.out.add(
            m.Cart,
            {
                "id": cid,
                "customer_id": people.ids[i],
                "channel": rng.choice(("web", "app")),
                "status": "active",
                "updated_at": dt(min(updated, gen.now_ts)),
                "version": 1,
            },
        )
        n = 3 if i == 0 else rng.choices((1, 2, 3, 4), weights=(40, 30, 20, 10))[0]
        skus: list[str] = []
        while len(skus) < n:
            sku = gen.cat.skus[gen.cat.pick(rng)]
            if sku not in skus:
                skus.append(sku)
        for no, sku in enumerate(skus, start=1):
            qty = rng.choices((1, 2), weights=(85, 15))[0]
            gen.out.add(m.CartLine, {"cart_id": cid, "line_no": no, "sku": sku, "qty": qty})
    return carts


def build_reservations(gen: OrderGenerator, per_store: int) -> dict[str, list[str]]:
    """Reserve-in-store requests of the last month; active ones hold stock."""
    rng, now = gen.rng, gen.now_ts
    by_state: dict[str, list[str]] = {}
    seq = 0
    for store in data.STORE_IDS:
        locals_ = [i for i, h in enumerate(gen.people.homes) if h == store] or [0]
        # The first four of every store: active, expiring within hours, expired, collected.
        forced = ("active", "expiring", "expired", "collected")
        for k in range(max(per_store, len(forced))):
            gen.out.checkpoint()
            seq += 1
            rid = f"RES{seq:07d}"
            hold_span = RESERVATION_HOLD.hold_until(dt(0)).timestamp()
            state = forced[k] if k < len(forced) else ""
            if state == "active":
                created = now - rng.uniform(2, 20) * HOUR
            elif state == "expiring":
                created = now - hold_span + rng.uniform(1, 6) * HOUR
            elif state in ("expired", "collected"):
                created = now - rng.uniform(3, 20) * DAY
            else:
                created = now - rng.uniform(0.1, 30) * DAY
            hold = created + hold_span
            if not state:
                roll = rng.random()
                if hold > now:
                    state = "active" if roll < 0.7 else "collected" if roll < 0.9 else "cancelled"
                else:
                    state = "collected" if roll < 0.55 else "expired" if roll < 0.9 else "cancelled"
            status = "active" if state == "expiring" else state
            cust = rng.choice(locals_)
            gen.slices[store].add(cust)
            by_state.setdefault(state, []).append(rid)
            gen.out.add(
                m.Reservation,
                {
                    "id": rid,
                    "customer_id": gen.people.ids[cust],
                    "store_id": store,
                    "status": status,
                    "created_at": dt(created),
                    "hold_until": dt(hold),
                    "order_id": None,
                    "version": 1,
                },
            )
            for no in range(1, rng.choice((1, 1, 2)) + 1):
                sku = gen.cat.skus[gen.cat.pick(rng)]
                gen.out.add(
                    m.ReservationLine, {"reservation_id": rid, "line_no": no, "sku": sku, "qty": 1}
                )
                if status == "active":
                    gen.held[(store, sku)] += 1
    return by_state


def build_engagement(gen: OrderGenerator, last_orders: dict[int, str], scale: float) -> None:
    """Support tickets with threads, staff notes and effort scores."""
    rng, people, now = gen.rng, gen.people, gen.now_ts
    for i in range(len(people.ids)):
        gen.out.checkpoint()
        if i != 0 and rng.random() >= 0.03:
            continue
        topic_no = rng.randrange(len(data.TICKET_TOPICS))
        subject, question, answer = data.TICKET_TOPICS[topic_no]
        order = last_orders.get(i, "z zeszłego tygodnia")
        start = max(people.created[i], now - 700 * DAY) + rng.uniform(0, 1) * min(
            700 * DAY, now - people.created[i]
        )
        start = min(start, now - HOUR)
        is_open = now - start < 10 * DAY and rng.random() < 0.6
        channel = rng.choice(("web", "app", "phone"))
        head = gen.next_interaction_id()
        messages = [question.format(order=order)]
        if not is_open or rng.random() < 0.5:
            messages.append(answer)
        if not is_open and rng.random() < 0.4:
            messages.append("Dziękuję za szybką pomoc!")
        at = start
        for k, body in enumerate(messages):
            gen.out.add(
                m.Interaction,
                {
                    "id": head if k == 0 else gen.next_interaction_id(),
                    "customer_id": people.ids[i],
                    "kind": "ticket",
                    "channel": channel,
                    "subject": subject if k == 0 else f"Re: {subject}",
                    "body": body,
                    "thread_id": head,
                    # The thread's state lives on its first message.
                    "status": ("open" if is_open else "closed") if k == 0 else None,
                    "staff_id": None,
                    "store_id": None,
                    "created_at": dt(at),
                },
            )
            at = min(at + rng.uniform(0.5, 20) * HOUR, now - 60)
        if topic_no == 4 and not is_open:
            gen.loyalty(i, "adjust", 50, at, channel, None, "Rekompensata — zgłoszenie " + head)
    for i, home in enumerate(people.homes):
        gen.out.checkpoint()
        if rng.random() < 0.02:
            at = max(people.created[i], now - 300 * DAY) + rng.uniform(0, 1) * (
                now - max(people.created[i], now - 300 * DAY)
            )
            gen.out.add(
                m.Interaction,
                {
                    "id": gen.next_interaction_id(),
                    "customer_id": people.ids[i],
                    "kind": "note",
                    "channel": "store",
                    "subject": "Notatka",
                    "body": rng.choice(data.STORE_NOTES),
                    "thread_id": None,
                    "status": None,
                    "staff_id": gen._staff(home, "sales", "manager"),
                    "store_id": home,
                    "created_at": dt(min(at, now - 60)),
                },
            )
    seq = 0
    for store in data.STORE_IDS:
        for k in range(max(12, round(60 * scale))):
            seq += 1
            ago = rng.uniform(0.01, 0.4) * DAY if k < 6 else rng.uniform(0, 60) * DAY
            gen.out.add(
                m.Feedback,
                {
                    "id": f"FB{seq:07d}",
                    "store_id": store,
                    "staff_id": gen._staff(store, "sales", "pickup"),
                    "subject": rng.choice(("pickup", "return", "sale")),
                    "ref_id": None,
                    "score": rng.choices((1, 2, 3, 4, 5), weights=(3, 5, 12, 35, 45))[0],
                    "created_at": dt(gen.now_ts - ago),
                },
            )
