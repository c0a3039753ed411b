"""The store's day in figures, for the manager: read from the local store, managers only.

One read gives everything the Today screen shows for a calendar day of the store (its own
time zone): the pickups now to prepare, ready and overdue (the live queue, for today only),
the orders released that day and how long their customers waited from ready to collected,
the returns customers brought here by reason and by the channel of the original order (the
refunds of expired holds, of short picks and of refusals at pickup are counted apart: no
customer returned anything there), the effort
scores given here, the sales that finished an online cart, and the tablet's sync health.

Effort scores come from the feedback on customers' timelines (any tablet of the store, via
the feed) and from this tablet's own audit log (which also knows the scores given without a
customer); the two are matched by the feedback's id, so none is counted twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clerk.domain.entities import Channel, Order, OrderStatus, Return, ReturnReason
from clerk.domain.money import Money
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import settings_of
from clerk.services.staff import MANAGER, require_staff
from clerk.store import StoreUnit

__all__ = [
    "HOLD_EXPIRED",
    "NOT_CUSTOMER_RETURNS",
    "PICKUP_REFUSAL",
    "SHORT_PICK",
    "DayFigures",
    "LiveQueue",
    "PickupWait",
    "SyncHealth",
    "day_bounds",
    "day_figures",
    "return_kind",
]

_SCORE = re.compile(r"(\d)\s*/\s*5\s*$")
_COLLECTED = (OrderStatus.COLLECTED.value, OrderStatus.PARTIALLY_COLLECTED.value)

# Refunds recorded as returns that no customer brought back: a hold that ran out, units not
# found on the shelf when picking, a pickup the customer refused at the desk.
HOLD_EXPIRED, SHORT_PICK, PICKUP_REFUSAL = "hold_expired", "short_pick", "pickup_refusal"
NOT_CUSTOMER_RETURNS = (HOLD_EXPIRED, SHORT_PICK, PICKUP_REFUSAL)


@dataclass(frozen=True)
class PickupWait:
    """A pickup released that day: when it was ready and when the customer took it."""

    order_id: str
    number: str
    ready_at: datetime
    collected_at: datetime

    @property
    def wait(self) -> timedelta:
        return self.collected_at - self.ready_at


@dataclass(frozen=True)
class LiveQueue:
    """The pickup queue as it stands now (only known for today)."""

    to_prepare: int
    ready: int
    overdue: int


@dataclass(frozen=True)
class SyncHealth:
    """What waits to be sent, what central refused, and the oldest waiting action."""

    pending: int
    attention: int
    oldest_pending: datetime | None


@dataclass(frozen=True)
class DayFigures:
    """One day of the store (``start``..``end`` in its zone), as the manager reads it."""

    day: date
    start: datetime
    end: datetime
    zone: str
    read_at: datetime
    live: LiveQueue | None  # None for an earlier day: the queue then is not kept
    released: tuple[PickupWait, ...]
    released_without_ready_time: int
    returns: tuple[Return, ...]  # the customers' returns (not NOT_CUSTOMER_RETURNS)
    returns_by_reason: dict[str, int]  # units per reason code
    returns_by_channel: dict[str, int]  # returns per channel of the original order
    refunded: Money
    effort_scores: tuple[int, ...]
    cart_sales: int
    cart_sales_total: Money
    store_sales: int
    store_sales_total: Money
    sync: SyncHealth
    waits_by_hour: dict[int, list[timedelta]] = field(default_factory=dict)
    # Refunds that were no customer's return, how many of each of NOT_CUSTOMER_RETURNS.
    other_refunds: dict[str, int] = field(default_factory=dict)

    @property
    def average_wait(self) -> timedelta | None:
        if not self.released:
            return None
        total = sum((w.wait for w in self.released), timedelta())
        return total / len(self.released)

    @property
    def longest_wait(self) -> PickupWait | None:
        return max(self.released, key=lambda w: w.wait, default=None)

    @property
    def effort_average(self) -> float | None:
        if not self.effort_scores:
            return None
        return sum(self.effort_scores) / len(self.effort_scores)

    @property
    def effort_distribution(self) -> dict[int, int]:
        """How many gave each score, 1 to 5 (zeros included)."""
        counts = Counter(self.effort_scores)
        return {score: counts.get(score, 0) for score in range(1, 6)}

    @property
    def returned_units(self) -> int:
        return sum(self.returns_by_reason.values())


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The store's calendar day as an aware [start, end) (23 or 25 hours across a DST change)."""
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start, end


def _live(unit: StoreUnit, store_id: str, now: datetime) -> LiveQueue:
    preparing = unit.orders.pickups(store_id, [OrderStatus.PLACED.value, OrderStatus.PICKING.value])
    ready = unit.orders.pickups(store_id, [OrderStatus.READY.value])
    overdue = sum(
        1 for o in ready if o.pickup and o.pickup.hold_until and o.pickup.hold_until <= now
    )
    return LiveQueue(len(preparing), len(ready), overdue)


def _released(orders: Iterable[Order]) -> tuple[list[PickupWait], int]:
    waits: list[PickupWait] = []
    unknown = 0
    for order in orders:
        pickup = order.pickup
        if pickup is None or pickup.collected_at is None:
            continue
        if pickup.ready_at is None:
            unknown += 1
            continue
        waits.append(PickupWait(order.id, order.number, pickup.ready_at, pickup.collected_at))
    waits.sort(key=lambda w: w.collected_at)
    return waits, unknown


def return_kind(ret: Return, order: Order | None) -> str:
    """``customer`` for a return a customer brought, else which of NOT_CUSTOMER_RETURNS.

    The desk records all three as returns of source ``pickup_refusal``: a short pick by its
    lines' reason, an expired hold by its order (expiring refunds every unit still waiting
    of a ready order, which nobody collected, so no other return can be on it).
    """
    if any(line.reason == ReturnReason.SHORT_PICK for line in ret.lines):
        return SHORT_PICK
    if order is not None and order.status == OrderStatus.EXPIRED:
        return HOLD_EXPIRED
    if ret.source == "pickup_refusal":
        return PICKUP_REFUSAL
    return "customer"


def _returns(
    unit: StoreUnit, taken: list[Return]
) -> tuple[list[Return], dict[str, int], dict[str, int], Money, dict[str, int]]:
    by_reason: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    others: Counter[str] = Counter()
    refunded = Money.zero()
    orders = unit.orders.many(r.order_id for r in taken)
    returns: list[Return] = []
    for ret in taken:
        kind = return_kind(ret, orders.get(ret.order_id))
        if kind != "customer":
            others[kind] += 1
            continue
        returns.append(ret)
        for line in ret.lines:
            by_reason[str(line.reason)] += line.qty
        order = orders.get(ret.order_id)
        by_channel[str(order.channel) if order is not None else "unknown"] += 1
        refunded += sum((r.amount for r in ret.refunds), Money.zero())
    other_refunds = {kind: others[kind] for kind in NOT_CUSTOMER_RETURNS if others[kind]}
    return (
        returns,
        dict(by_reason.most_common()),
        dict(by_channel.most_common()),
        refunded,
        other_refunds,
    )


def _effort(unit: StoreUnit, store_id: str, start: datetime, end: datetime) -> list[int]:
    scores: dict[str, int] = {}
    for item in unit.customers.feedback_at(store_id, start, end):
        match = _SCORE.search(item.subject)
        if match:
            scores[item.id] = int(match.group(1))
    for entry in unit.audit.between(start, end, ["record_feedback"]):
        feedback_id = entry.detail.get("feedback_id")
        score = entry.detail.get("score")
        if entry.result == "queued" and isinstance(feedback_id, str) and isinstance(score, int):
            scores.setdefault(feedback_id, score)
    return [s for s in scores.values() if 1 <= s <= 5]


def _sync(unit: StoreUnit) -> SyncHealth:
    counts = unit.outbox.counts()
    unfinished = [c for c in unit.outbox.unfinished() if c.state in ("pending", "sending")]
    oldest = min((c.created_at for c in unfinished), default=None)
    return SyncHealth(counts.pending + counts.sending, counts.attention, oldest)


def day_figures(
    ctx: ServiceContext, actor: Actor, day: date | None = None, now: datetime | None = None
) -> DayFigures:
    """The figures of ``day`` (default: the store's today), managers only."""
    moment = now if now is not None else ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        require_staff(unit, actor, MANAGER, "see the store's day")
        zone_name = settings_of(unit, ctx.store_id).timezone
        zone = ZoneInfo(zone_name)
        today = moment.astimezone(zone).date()
        wanted = day if day is not None else today
        start, end = day_bounds(wanted, zone)
        live = _live(unit, ctx.store_id, moment) if wanted == today else None
        released, unknown = _released(
            unit.orders.collected_between(ctx.store_id, start, end, _COLLECTED)
        )
        returns, by_reason, by_channel, refunded, others = _returns(
            unit, unit.orders.returns_at(ctx.store_id, start, end)
        )
        scores = _effort(unit, ctx.store_id, start, end)
        sales = [
            o
            for o in unit.orders.sold_here_between(ctx.store_id, start, end)
            if o.channel == Channel.STORE
        ]
        carts = [o for o in sales if o.cart_id]
        sync = _sync(unit)
    by_hour: dict[int, list[timedelta]] = {}
    for wait in released:
        by_hour.setdefault(wait.collected_at.astimezone(zone).hour, []).append(wait.wait)
    return DayFigures(
        day=wanted,
        start=start,
        end=end,
        zone=zone_name,
        read_at=moment,
        live=live,
        released=tuple(released),
        released_without_ready_time=unknown,
        returns=tuple(returns),
        returns_by_reason=by_reason,
        returns_by_channel=by_channel,
        refunded=refunded,
        effort_scores=tuple(scores),
        cart_sales=len(carts),
        cart_sales_total=sum((o.total for o in carts), Money.zero()),
        store_sales=len(sales),
        store_sales_total=sum((o.total for o in sales), Money.zero()),
        sync=sync,
        waits_by_hour=by_hour,
        other_refunds=others,
    )
