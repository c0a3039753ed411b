"""The return policy, written once for the counter, the pickup desk and the central service.

30 days from collection or delivery (store sales: from purchase), the same in every channel;
final-sale items are not returnable; never more than received minus already returned; refunds go
back to the original tenders in proportion (points back as points), or to store credit, or to an
exchange (what the replacement does not take goes back to the original tenders); items refused
at pickup come back on the spot without a window check; anything outside the policy needs a
manager's override with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP
from enum import StrEnum

from clerk.domain._codec import require_aware
from clerk.domain.entities import (
    Fulfilment,
    Order,
    OrderLine,
    Refund,
    RefundMethod,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Tender,
)
from clerk.domain.errors import ReturnNotAllowed
from clerk.domain.loyalty import points_for_value, points_to_reverse
from clerk.domain.money import CENT, Money, allocate

__all__ = [
    "EXCHANGE_REFERENCE",
    "LineVerdict",
    "Override",
    "ReturnDecision",
    "ReturnPolicy",
    "ReturnRequest",
    "VerdictCode",
    "line_refund_amount",
    "settle_exchange",
    "split_refund",
]

# Refund.reference of the part of an exchange's value that pays for the replacement goods (a
# store-credit refund spent at once on the exchange's sale).
EXCHANGE_REFERENCE = "exchange"


class VerdictCode(StrEnum):
    """Whether a line may come back, and if not, why."""

    IN_WINDOW = "in_window"
    FINAL_SALE = "final_sale"
    WINDOW_PASSED = "window_passed"
    NOTHING_LEFT = "nothing_left"
    NOT_COLLECTED = "not_collected"


@dataclass(frozen=True)
class LineVerdict:
    """The policy's view of one order line: the verdict, how many may come back, until when."""

    code: VerdictCode
    returnable_qty: int
    window_ends: datetime | None
    message: str

    @property
    def needs_override(self) -> bool:
        """True when only a manager's override lets this line come back."""
        return self.code in (VerdictCode.FINAL_SALE, VerdictCode.WINDOW_PASSED)


@dataclass(frozen=True)
class ReturnRequest:
    """What the customer brings back from one order line."""

    order_line_id: str
    qty: int
    reason: ReturnReason
    condition: ReturnCondition


@dataclass(frozen=True)
class Override:
    """A manager's permission to go outside the policy; the reason must not be empty."""

    manager_id: str
    reason: str


@dataclass(frozen=True)
class ReturnDecision:
    """What a return does: its lines and amount, the refunds, and the points to take back."""

    lines: list[ReturnLine]
    amount: Money
    refunds: list[Refund]
    points_to_reverse: int
    override_used: bool


def _refused(code: str, message: str, details: dict[str, object] | None = None) -> ReturnNotAllowed:
    return ReturnNotAllowed(code, message, details)


def _line_share(line: OrderLine, units: int) -> Money:
    # The value of the first ``units`` units of the line, rounded once, so consecutive
    # differences always add up to exactly the line total.
    if units == line.qty:
        return line.total
    exact = line.total.amount * units / line.qty
    return Money(exact.quantize(CENT, rounding=ROUND_HALF_UP), line.total.currency)


def line_refund_amount(line: OrderLine, qty: int, already_returned: int | None = None) -> Money:
    """The value of returning ``qty`` units of ``line`` after ``already_returned`` units.

    Returning the whole line in any number of parts adds up to exactly ``line.total``.
    ``already_returned`` defaults to the units already refunded on the line: returned ones
    and short-picked ones (the central service refunds short picks as returns too).
    """
    done = line.returned_qty + line.short_qty if already_returned is None else already_returned
    if qty < 0 or done < 0 or done + qty > line.qty:
        raise ValueError(f"cannot refund {qty} after {done} of a line of {line.qty}")
    if qty == 0:
        return Money.zero(line.total.currency)
    return _line_share(line, done + qty) - _line_share(line, done)


def _sum(moneys: Iterable[Money]) -> Money:
    return sum(moneys, Money.zero())


def split_refund(
    order: Order, amount: Money, earlier_refunds: Sequence[Refund], method: RefundMethod
) -> list[Refund]:
    """Split ``amount`` into refunds per tender.

    ``original``: in proportion to what each tender paid, cent-exact, never more per tender than
    it paid minus what ``earlier_refunds`` already gave back on it (an over-share moves to the
    tenders with room). When ``amount`` is all that is left, each tender gets exactly its rest,
    so partial returns end at exactly what was paid. Points come back as points
    (``Refund.points``). If the order paid less than ``amount`` (nothing left to give back),
    the refunds are capped at what is left.
    ``store_credit``: one store-credit refund. ``exchange``: one store-credit refund with
    reference ``"exchange"`` (before the replacement is known; :func:`settle_exchange`
    splits an exchange once it is).
    """
    if amount.is_negative():
        raise ValueError("a refund cannot be negative")
    if amount.is_zero():
        return []
    method = RefundMethod(method)
    if method == RefundMethod.STORE_CREDIT:
        return [Refund(Tender.STORE_CREDIT, amount)]
    if method == RefundMethod.EXCHANGE:
        return [Refund(Tender.STORE_CREDIT, amount, reference=EXCHANGE_REFERENCE)]

    paid = {t: m for t, m in order.paid_by_tender().items() if m.amount > 0}
    tenders = list(paid)
    earlier = {t: _sum(r.amount for r in earlier_refunds if r.tender == t) for t in tenders}
    left = [max(paid[t] - earlier[t], Money.zero()) for t in tenders]
    total_left = _sum(left)
    if total_left.is_zero():
        return []
    if amount >= total_left:
        shares = left
    else:
        shares = allocate(amount, [paid[t] for t in tenders])
        # A tender already refunded more than its share elsewhere has less room; move the
        # excess to the others in proportion to their room (one pass suffices, loop for safety).
        while True:
            excess = _sum(max(s - room, Money.zero()) for s, room in zip(shares, left, strict=True))
            if excess.is_zero():
                break
            shares = [min(s, room) for s, room in zip(shares, left, strict=True)]
            free = [room - s for s, room in zip(shares, left, strict=True)]
            shares = [s + x for s, x in zip(shares, allocate(excess, free), strict=True)]

    refunds = []
    for tender, share in zip(tenders, shares, strict=True):
        if share.is_zero():
            continue
        points = 0
        if tender == Tender.POINTS:
            # Points from the running total, so the parts add up to exactly the points redeemed.
            points_before = sum(r.points for r in earlier_refunds if r.tender == Tender.POINTS)
            points = max(points_for_value(earlier[tender] + share) - points_before, 0)
        reference = next((p.reference for p in order.payments if p.tender == tender), None)
        refunds.append(Refund(tender, share, points=points, reference=reference))
    return refunds


def settle_exchange(
    order: Order, amount: Money, replacement: Money, earlier_refunds: Sequence[Refund]
) -> list[Refund]:
    """The refunds of an exchange returning ``amount`` for goods costing ``replacement``.

    The value returned pays the replacement first: one store-credit refund with reference
    ``"exchange"`` of at most ``replacement`` (the customer pays any difference on the new
    sale). What is left when the replacement is cheaper goes back to the original tenders in
    proportion, exactly like a plain refund (:func:`split_refund`, points as points), so
    ``amount`` = the part paying the replacement + the refunds of the rest.
    """
    if replacement.is_negative():
        raise ValueError("a replacement cannot cost less than nothing")
    applied = min(amount, replacement)
    refunds = split_refund(order, applied, (), RefundMethod.EXCHANGE)
    leftover = amount - applied
    if not leftover.is_zero():
        refunds += split_refund(order, leftover, earlier_refunds, RefundMethod.ORIGINAL)
    return refunds


def _returnable(order: Order, line: OrderLine) -> int:
    # Units refunded before reaching the customer also sit in the line's counters: short picks
    # in short_qty, units refused at the pickup desk (or left to expire) in returned_qty. So
    # what the customer holds is the units not short-picked and not yet returned, and for a
    # pickup never more than was collected.
    left = line.qty - line.short_qty - line.returned_qty
    if order.fulfilment == Fulfilment.PICKUP:
        left = min(left, line.collected_qty)
    return max(left, 0)


@dataclass(frozen=True)
class ReturnPolicy:
    """The return rules; ``window_days`` from collection, delivery or the store sale."""

    window_days: int = 30

    def window_ends(self, order: Order) -> datetime | None:
        """When the return window of ``order`` closes; None until the goods are received."""
        start = order.return_window_start
        return None if start is None else start + timedelta(days=self.window_days)

    def line_verdict(
        self,
        order: Order,
        line: OrderLine,
        product_final_sale: bool,
        now: datetime,
        *,
        refusal: bool = False,
    ) -> LineVerdict:
        """May ``line`` come back at ``now``, how many units, and until when.

        ``refusal``: the customer refuses units at pickup; they were never handed over, so there
        is no window or final-sale check and the units still waiting can come back.
        """
        require_aware(now, "now")
        if refusal:
            waiting = line.qty - line.collected_qty - line.returned_qty - line.short_qty
            if waiting <= 0:
                return LineVerdict(
                    VerdictCode.NOTHING_LEFT, 0, None, "Nothing of this line is waiting here."
                )
            return LineVerdict(
                VerdictCode.IN_WINDOW, waiting, None, f"{waiting} can be refused and refunded."
            )
        if order.fulfilment == Fulfilment.PICKUP and line.collected_qty <= 0:
            return LineVerdict(
                VerdictCode.NOT_COLLECTED,
                0,
                None,
                "This item was never collected — use the pickup screen instead.",
            )
        returnable = _returnable(order, line)
        window_ends = self.window_ends(order)
        if returnable == 0:
            return LineVerdict(
                VerdictCode.NOTHING_LEFT,
                0,
                window_ends,
                "Everything bought on this line has already been returned.",
            )
        if product_final_sale:
            return LineVerdict(
                VerdictCode.FINAL_SALE,
                returnable,
                window_ends,
                "This item was sold as final sale — only a manager can take it back.",
            )
        # A window that has not started (delivery not recorded yet) has not passed either.
        if window_ends is not None and now > window_ends:
            return LineVerdict(
                VerdictCode.WINDOW_PASSED,
                returnable,
                window_ends,
                f"The {self.window_days}-day return window ended on "
                f"{window_ends.date().isoformat()} — only a manager can take it back.",
            )
        return LineVerdict(
            VerdictCode.IN_WINDOW, returnable, window_ends, f"{returnable} can be returned."
        )

    def decide(
        self,
        order: Order,
        requests: Sequence[ReturnRequest],
        final_sale_skus: set[str],
        now: datetime,
        *,
        override: Override | None = None,
        refusal: bool = False,
        refund_method: RefundMethod = RefundMethod.ORIGINAL,
        earlier_refunds: Sequence[Refund] = (),
        replacement: Money | None = None,
    ) -> ReturnDecision:
        """Decide a return of ``requests`` from ``order``: lines, amount, refunds, points.

        ``replacement``: the price of an exchange's new goods (refund method "exchange"); the
        refunds are then :func:`settle_exchange`'s. Without it an exchange's whole value is
        one store-credit refund (the replacement is not chosen yet).

        Raises ReturnNotAllowed with code ``override_reason_required``, ``empty_return``,
        ``unknown_line``, ``invalid_quantity``, ``not_collected``, ``nothing_left``,
        ``quantity_exceeds_returnable``, ``final_sale`` or ``window_passed``. A manager's
        ``override`` lets final-sale and late returns through; quantities are never overridden.
        """
        if override is not None and not override.reason.strip():
            raise _refused(
                "override_reason_required", "A manager override needs a reason — type one in."
            )
        if not requests:
            raise _refused("empty_return", "Choose at least one item to return.")
        by_id = {line.id: line for line in order.lines}
        wanted: dict[str, int] = {}
        for request in requests:
            if request.order_line_id not in by_id:
                raise _refused(
                    "unknown_line", f"Order {order.number} has no line {request.order_line_id!r}."
                )
            if request.qty <= 0:
                raise _refused("invalid_quantity", "Return at least one unit of each line.")
            wanted[request.order_line_id] = wanted.get(request.order_line_id, 0) + request.qty

        override_used = False
        for line_id, qty in wanted.items():
            line = by_id[line_id]
            verdict = self.line_verdict(
                order, line, line.sku in final_sale_skus, now, refusal=refusal
            )
            ends = verdict.window_ends.date().isoformat() if verdict.window_ends else ""
            said = {"days": self.window_days, "date": ends}
            if verdict.returnable_qty == 0:
                raise _refused(verdict.code.value, verdict.message, said)
            if qty > verdict.returnable_qty:
                raise _refused(
                    "quantity_exceeds_returnable",
                    f"Line {line.line_no} ({line.name}): only {verdict.returnable_qty} can be "
                    f"returned, not {qty}.",
                    {"line": line.line_no, "name": line.name, "left": verdict.returnable_qty}
                    | {"qty": qty},
                )
            if verdict.needs_override:
                if override is None:
                    raise _refused(verdict.code.value, verdict.message, said)
                override_used = True

        done = {line.id: line.returned_qty + line.short_qty for line in order.lines}
        lines: list[ReturnLine] = []
        for request in requests:
            line = by_id[request.order_line_id]
            value = line_refund_amount(line, request.qty, done[line.id])
            done[line.id] += request.qty
            lines.append(ReturnLine(line.id, request.qty, request.reason, request.condition, value))
        amount = _sum(ln.amount for ln in lines)
        if RefundMethod(refund_method) == RefundMethod.EXCHANGE and replacement is not None:
            refunds = settle_exchange(order, amount, replacement, earlier_refunds)
        else:
            refunds = split_refund(order, amount, earlier_refunds, refund_method)
        fully_returned = all(done[line.id] >= line.qty for line in order.lines)
        return ReturnDecision(
            lines=lines,
            amount=amount,
            refunds=refunds,
            points_to_reverse=self._points_to_reverse(order, amount, fully_returned),
            override_used=override_used,
        )

    @staticmethod
    def _points_to_reverse(order: Order, amount: Money, fully_returned: bool) -> int:
        paid = order.paid_by_tender()
        points_paid = paid.get(Tender.POINTS, Money.zero())
        eligible = _sum(m for t, m in paid.items() if t != Tender.POINTS)
        # Only the part paid without points earned points, so only that part reverses them.
        if eligible.amount <= 0:
            returned_eligible = Money.zero()
        elif points_paid.amount <= 0:
            returned_eligible = amount
        else:
            returned_eligible = allocate(amount, [eligible, points_paid])[0]
        return points_to_reverse(
            order.points_earned, eligible, returned_eligible, order.points_reversed, fully_returned
        )
