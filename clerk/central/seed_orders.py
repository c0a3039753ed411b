"""The order history of the seed: orders with lines, payments, loyalty, pickups and returns.

Orders are generated in time order so that each customer's points balance is known when
an order redeems points.  Every figure follows the domain rules: line totals equal the sum
of the payments, points are earned by tier (:func:`clerk.domain.loyalty.points_earned`),
redemptions come in 100-point blocks, returns are decided by the domain return policy, and
reversals and refunds of points keep the balance at the sum of the loyalty transactions.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from clerk.central import models as m
from clerk.central import seed_data as data
from clerk.central.seed_catalog import Catalogue, People, Row, Weighted, cents_to_decimal
from clerk.central.seed_returns import PendingOrder, ReturnAsk, apply_return
from clerk.central.seed_writer import BulkWriter
from clerk.domain.entities import Tier
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.loyalty import (
    VISIT_BONUS_POINTS,
    max_redeemable_points,
    points_earned,
    redemption_value,
)
from clerk.domain.money import Money

WARSAW = ZoneInfo("Europe/Warsaw")
HOUR = 3600.0
DAY = 86400.0
HOLD = PickupHoldPolicy()
_STORES = Weighted(data.STORE_IDS, [s.home_share for s in data.STORES])
_N_LINES = Weighted((1, 2, 3, 4, 5), (45, 30, 15, 7, 3))
_QTY = Weighted((1, 2, 3), (85, 12, 3))
_STORE_TENDER = Weighted(("card", "cash", "store_credit"), (70, 27, 3))
_REFUND_METHOD = Weighted(("original", "store_credit", "exchange"), (85, 12, 3))
_VERIFICATION = Weighted(("pickup_token", "loyalty", "number_phone"), (70, 20, 10))
_REASONS = Weighted([r for r, _ in data.RETURN_REASONS], [w for _, w in data.RETURN_REASONS])
_PREFIX = {"web": "W", "app": "A", "phone": "T", "store": "S"}


def dt(ts: float) -> datetime:
    """Unix seconds → aware UTC datetime (whole seconds, so the data is reproducible)."""
    return datetime.fromtimestamp(int(ts), UTC)


@dataclass
class Fate:
    """How an order's life went, up to ``now``."""

    status: str
    ready_at: float | None = None
    hold_until: float | None = None
    collected_at: float | None = None
    ended_at: float | None = None  # cancelled or expired at
    shipped_at: float | None = None
    delivered_at: float | None = None
    refuse: bool = False


class OrderGenerator:
    """Generates orders one by one (call in time order) and emits their rows to the writer."""

    def __init__(
        self, rng: random.Random, now: datetime, cat: Catalogue, people: People, out: BulkWriter
    ) -> None:
        self.rng = rng
        self.now = now
        self.now_ts = now.timestamp()
        self.cat = cat
        self.people = people
        self.out = out
        self.final_sale_skus = {s for s, f in zip(cat.skus, cat.final_sale, strict=True) if f}
        self.balances = [0] * len(people.ids)
        self.last_bonus: dict[int, date] = {}
        self.slices: dict[str, set[int]] = {s: set() for s in data.STORE_IDS}
        self.held: dict[tuple[str, str], int] = defaultdict(int)
        self.order_seq = 0
        self.loyalty_seq = 0
        self.return_seq = 0
        self.interaction_seq = 0
        self._earn_cache: dict[tuple[int, str], int] = {}
        self._staff_pools: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self.recent_returnable: list[str] = []  # showcase candidates

    # -- identifiers -------------------------------------------------------------------

    def next_interaction_id(self) -> str:
        """A fresh interaction id (shared with the engagement generator)."""
        self.interaction_seq += 1
        return f"I{self.interaction_seq:08d}"

    def _staff(self, store_id: str, *roles: str) -> str:
        key = (store_id, roles)
        pool = self._staff_pools.get(key)
        if pool is None:
            pool = self._staff_pools[key] = [
                s.id for r in roles for s in data.staff_of(store_id, r)
            ]
        return self.rng.choice(pool)

    # -- loyalty -----------------------------------------------------------------------

    def _earned(self, paid_cents: int, tier: str) -> int:
        key = (paid_cents // 100, tier)
        if key not in self._earn_cache:
            self._earn_cache[key] = points_earned(Money.from_cents(key[0] * 100), Tier(tier))
        return self._earn_cache[key]

    def loyalty(
        self,
        cust: int,
        kind: str,
        points: int,
        at: float,
        channel: str,
        store_id: str | None,
        note: str,
        order_id: str | None = None,
        return_id: str | None = None,
    ) -> None:
        """Record one loyalty transaction and move the customer's balance."""
        if points == 0:
            return
        self.loyalty_seq += 1
        self.balances[cust] += points
        self.out.add(
            m.LoyaltyTransaction,
            {
                "id": f"LT{self.loyalty_seq:09d}",
                "customer_id": self.people.ids[cust],
                "kind": kind,
                "points": points,
                "order_id": order_id,
                "return_id": return_id,
                "channel": channel,
                "store_id": store_id,
                "created_at": dt(at),
                "note": note,
            },
        )

    def store_visit(self, cust: int, store_id: str, at: float) -> None:
        """A scanned loyalty card at the counter: a visit, and the once-a-day bonus."""
        day = dt(at).astimezone(WARSAW).date()
        self.out.add(
            m.Interaction,
            {
                "id": self.next_interaction_id(),
                "customer_id": self.people.ids[cust],
                "kind": "visit",
                "channel": "store",
                "subject": "Wizyta w sklepie",
                "body": "",
                "thread_id": None,
                "status": None,
                "staff_id": self._staff(store_id, "sales"),
                "store_id": store_id,
                "created_at": dt(at),
            },
        )
        if self.last_bonus.get(cust) != day:
            self.last_bonus[cust] = day
            self.loyalty(
                cust, "bonus", VISIT_BONUS_POINTS, at, "store", store_id, "Bonus za wizytę"
            )
        self.slices[store_id].add(cust)

    # -- fates -------------------------------------------------------------------------

    def fate(self, fulfilment: str, c: float) -> Fate:
        """Where an order of this fulfilment, created at ``c``, stands ``now``."""
        rng, now = self.rng, self.now_ts
        if fulfilment == "carry_out":
            return Fate("completed")
        if fulfilment == "ship":
            if rng.random() < 0.02:
                end = c + rng.uniform(0.5, 6) * HOUR
                return Fate("cancelled", ended_at=end) if end <= now else Fate("placed")
            shipped = c + rng.uniform(6, 30) * HOUR
            delivered = shipped + rng.uniform(20, 72) * HOUR
            if delivered <= now:
                return Fate("delivered", shipped_at=shipped, delivered_at=delivered)
            return Fate("shipped" if shipped <= now else "placed")
        ready = c + rng.uniform(3, 30) * HOUR
        hold = HOLD.hold_until(dt(ready)).timestamp()
        roll = rng.random()
        if roll < 0.03:
            end = c + rng.uniform(0.5, (ready - c) / HOUR) * HOUR
            if end <= now:
                return Fate("cancelled", ended_at=end)
        if now < c + 2 * HOUR:
            return Fate("placed")
        if now < ready:
            return Fate("picking")
        if 0.03 <= roll < 0.09:  # never came
            expired = hold + rng.uniform(2, 30) * HOUR
            if expired <= now:
                return Fate("expired", ready, hold, ended_at=expired)
            return Fate("ready", ready, hold)
        collected = ready + min(rng.expovariate(1 / (1.4 * DAY)), (hold - ready) - HOUR)
        if collected > now:
            return Fate("ready", ready, hold)
        partial = roll >= 0.97
        return Fate("partially_collected" if partial else "collected", ready, hold, collected,
                    refuse=partial)  # fmt: skip

    # -- the order ---------------------------------------------------------------------

    def order(
        self,
        c: float,
        channel: str,
        cust: int | None,
        *,
        fulfilment: str | None = None,
        store: str | None = None,
        fate: Fate | None = None,
        allow_redeem: bool = True,
        allow_return: bool = True,
        min_lines: int = 1,
    ) -> PendingOrder:
        """Generate one order created at ``c`` and emit all its rows."""
        rng = self.rng
        self.order_seq += 1
        oid = f"O{self.order_seq:08d}"
        created = dt(c)
        tier = self.people.tiers[cust] if cust is not None else "basic"
        home = self.people.homes[cust] if cust is not None else None
        if fulfilment is None:
            fulfilment = "carry_out" if channel == "store" else (
                "pickup" if rng.random() < 0.4 else "ship"
            )  # fmt: skip
        if store is None:
            store = home if home is not None and rng.random() < 0.82 else (
                _STORES.pick(rng)
            )  # fmt: skip
        selling = store if fulfilment == "carry_out" else None
        pickup_store = store if fulfilment == "pickup" else None
        if fate is None:
            fate = self.fate(fulfilment, c)

        lines: list[Row] = []
        total = 0
        n_lines = max(_N_LINES.pick(rng), min_lines)
        chosen: list[int] = []
        for _ in range(n_lines):
            p = self.cat.pick(rng)
            if p not in chosen:
                chosen.append(p)
        while len(chosen) < min_lines:
            p = self.cat.pick(rng)
            if p not in chosen:
                chosen.append(p)
        for no, p in enumerate(chosen, start=1):
            qty = _QTY.pick(rng)
            gross = self.cat.prices[p] * qty
            discount = gross * rng.choice((10, 15, 20, 30)) // 100 if rng.random() < 0.12 else 0
            total += gross - discount
            collected = qty if fate.status in ("collected", "partially_collected") else 0
            lines.append(
                {
                    "id": f"{oid}-{no}",
                    "order_id": oid,
                    "line_no": no,
                    "sku": self.cat.skus[p],
                    "name": self.cat.names[p],
                    "qty": qty,
                    "unit_price": cents_to_decimal(self.cat.prices[p]),
                    "discount": cents_to_decimal(discount),
                    "collected_qty": collected,
                    "returned_qty": 0,
                    "short_qty": 0,
                }
            )

        # Payments: points first (whole 100-point blocks), then a gift card part, then the rest.
        payments: list[tuple[str, int, str | None]] = []
        left = total
        redeemed = 0
        redeem_chance = {"gold": 0.25, "silver": 0.15, "basic": 0.08}[tier]
        if (
            allow_redeem
            and cust is not None
            and self.balances[cust] >= 100
            and rng.random() < redeem_chance
        ):
            cap = rng.choice((100, 200, 300, 500, 1000))
            redeemed = min(cap, max_redeemable_points(self.balances[cust], Money.from_cents(total)))
            if redeemed:
                value = redemption_value(redeemed).cents
                payments.append(("points", value, None))
                left -= value
        if left > 2000 and rng.random() < 0.05:
            part = rng.choice((5000, 10000, 20000))
            part = min(part, left)
            payments.append(("gift_card", part, f"GC-{rng.getrandbits(40):010X}"))
            left -= part
        if left > 0:
            tender = _STORE_TENDER.pick(rng) if channel == "store" else "online"
            ref = None if tender == "cash" else f"{tender[:3].upper()}-{rng.getrandbits(40):010X}"
            payments.append((tender, left, ref))
        paid = total - sum(a for t, a, _ in payments if t == "points")
        earned = self._earned(paid, tier) if cust is not None else 0

        staff_id = self._staff(selling, "sales", "manager") if selling else None
        row: Row = {
            "id": oid,
            "number": f"{_PREFIX[channel]}{created.year % 100:02d}-{self.order_seq:07d}",
            "channel": channel,
            "customer_id": self.people.ids[cust] if cust is not None else None,
            "fulfilment": fulfilment,
            "store_id": selling,
            "pickup_store_id": pickup_store,
            "status": fate.status,
            "created_at": created,
            "delivered_at": dt(fate.delivered_at) if fate.delivered_at else None,
            "cart_id": None,
            "staff_id": staff_id,
            "device_id": None,
            "points_earned": earned,
            "points_redeemed": redeemed,
            "points_reversed": 0,
            "pickup_code": None,
            "ready_at": None,
            "hold_until": None,
            "reminder_sent_at": None,
            "shelf": None,
            "collected_at": None,
            "collected_by": None,
            "verification": None,
            "version": 1,
        }
        if fulfilment == "pickup":
            self._pickup_details(row, fate, cust)
        pending = PendingOrder(
            row,
            lines,
            [
                {"order_id": oid, "tender": t, "amount": cents_to_decimal(a), "reference": r}
                for t, a, r in payments
            ],
            cust,
        )
        lc = "store" if channel == "store" else channel
        where = selling or pickup_store
        if cust is not None:
            self.loyalty(cust, "redeem", -redeemed, c, lc, where, "Płatność punktami", order_id=oid)
            self.loyalty(cust, "earn", earned, c + 1, lc, where, "Punkty za zakupy", order_id=oid)
            if selling is not None:
                self.slices[selling].add(cust)
                if rng.random() < 0.6:
                    self.store_visit(cust, selling, c - rng.uniform(60, 900))
            if pickup_store is not None:
                self.slices[pickup_store].add(cust)
            if fate.ended_at is not None:
                self._undo_points(pending, fate.ended_at)
        if fate.status == "ready" and pickup_store is not None:
            for ln in lines:
                self.held[(pickup_store, ln["sku"])] += ln["qty"]
        if fate.refuse:
            self._refuse_at_pickup(pending, fate)
        if allow_return:
            self._maybe_return(pending, fate)
        self.out.add(m.Order, row)
        for ln in lines:
            self.out.add(m.OrderLine, ln)
        for pm in pending.payments:
            self.out.add(m.Payment, pm)
        self.out.checkpoint()
        return pending

    def _pickup_details(self, row: Row, fate: Fate, cust: int | None) -> None:
        rng = self.rng
        row["pickup_code"] = f"{rng.randrange(1_000_000):06d}"
        if fate.ready_at is None or fate.hold_until is None:
            return
        row["ready_at"] = dt(fate.ready_at)
        row["hold_until"] = dt(fate.hold_until)
        row["shelf"] = f"{rng.choice('ABCDE')}-{rng.randint(1, 12):02d}"
        reminder = fate.hold_until - 2 * DAY
        end = fate.collected_at or fate.ended_at or self.now_ts
        if reminder <= min(end, self.now_ts):
            row["reminder_sent_at"] = dt(reminder + rng.uniform(60, 900))
        if fate.collected_at is not None:
            name = self.people.names[cust] if cust is not None else "Klient"
            method = _VERIFICATION.pick(rng)
            row["collected_at"] = dt(fate.collected_at)
            row["collected_by"] = name
            row["verification"] = {
                "method": method,
                "collected_by": name,
                "id_last4": None,
                "age_checked": False,
            }

    def _undo_points(self, p: PendingOrder, at: float) -> None:
        """Cancelled or expired: everything is refunded, earned points are taken back."""
        o, cust = p.order, p.customer_index
        assert cust is not None
        where = o["store_id"] or o["pickup_store_id"]
        what = "anulowane" if o["status"] == "cancelled" else "nieodebrane"
        self.loyalty(cust, "reverse", -o["points_earned"], at, o["channel"], where,
                     f"Zamówienie {what}", order_id=o["id"])  # fmt: skip
        self.loyalty(cust, "adjust", o["points_redeemed"], at, o["channel"], where,
                     "Zwrot punktów użytych do płatności", order_id=o["id"])  # fmt: skip
        o["points_reversed"] = o["points_earned"]

    def _refuse_at_pickup(self, p: PendingOrder, fate: Fate) -> None:
        """Part of the order refused at the desk: a pickup-refusal return on the spot."""
        lines = p.lines
        if len(lines) > 1:
            i, qty = len(lines) - 1, lines[-1]["qty"]
        elif lines[0]["qty"] > 1:
            i, qty = 0, 1
        else:
            p.order["status"] = "collected"
            return
        lines[i]["collected_qty"] -= qty
        store = p.order["pickup_store_id"]
        assert fate.collected_at is not None and store is not None
        ask = ReturnAsk(
            lines=[(i, qty, "refused_at_pickup", "resellable")],
            store_id=store,
            staff_id=self._staff(store, "pickup"),
            at=dt(fate.collected_at + 30),
            refusal=True,
        )
        self._record_return(p, ask)

    def _maybe_return(self, p: PendingOrder, fate: Fate) -> None:
        o, rng = p.order, self.rng
        start_dt = o["delivered_at"] or o["collected_at"]
        if o["fulfilment"] == "carry_out":
            start_dt = o["created_at"]
        # Partly refused pickups are left alone: the refusal was their return.
        if start_dt is None or o["status"] not in ("completed", "delivered", "collected"):
            return
        chance = {"ship": 0.14, "pickup": 0.07, "carry_out": 0.04}[o["fulfilment"]]
        if rng.random() >= chance:
            return
        late = rng.random() < 0.03
        days = rng.uniform(31, 45) if late else rng.uniform(0.1, 27)
        at = start_dt.timestamp() + days * DAY
        if at > self.now_ts:
            return
        store = {
            "carry_out": o["store_id"],
            "pickup": o["pickup_store_id"],
        }.get(o["fulfilment"]) or (
            self.people.homes[p.customer_index] if p.customer_index is not None else "WAW-01"
        )
        pickup = o["fulfilment"] == "pickup"
        candidates = [
            (i, (ln["collected_qty"] if pickup else ln["qty"]) - ln["returned_qty"])
            for i, ln in enumerate(p.lines)
            if ln["sku"] not in self.final_sale_skus
        ]
        candidates = [(i, q) for i, q in candidates if q > 0]
        if not candidates:
            return
        if rng.random() < 0.7:
            candidates = [rng.choice(candidates)]
        asked = []
        for i, q in candidates:
            reason = _REASONS.pick(rng)
            damaged = reason == "damaged_on_arrival" or rng.random() < 0.04
            asked.append((i, rng.randint(1, q), reason, "damaged" if damaged else "resellable"))
        manager = self._staff(store, "manager")
        override = (
            (manager, "Stały klient — wyjątek zatwierdzony przez kierownika") if late else None
        )
        ask = ReturnAsk(
            lines=asked,
            store_id=store,
            staff_id=manager if late else self._staff(store, "sales", "pickup"),
            at=dt(at),
            method=_REFUND_METHOD.pick(rng),
            override=override,
        )
        self._record_return(p, ask)

    def _record_return(self, p: PendingOrder, ask: ReturnAsk) -> None:
        self.return_seq += 1
        rid = f"R{self.return_seq:07d}"
        decision = apply_return(p, ask, rid, self.final_sale_skus, self.out.add)
        cust = p.customer_index
        self.slices[ask.store_id].add(cust) if cust is not None else None
        if cust is None:
            return
        at = ask.at.timestamp()
        oid = p.order["id"]
        self.loyalty(cust, "reverse", -decision.points_to_reverse, at, "store", ask.store_id,
                     "Korekta punktów za zwrot", order_id=oid, return_id=rid)  # fmt: skip
        back = sum(r.points for r in decision.refunds)
        self.loyalty(cust, "adjust", back, at, "store", ask.store_id,
                     "Zwrot punktów użytych do płatności", order_id=oid, return_id=rid)  # fmt: skip
