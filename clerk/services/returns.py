"""A return at the counter, of any order of any channel, decided by the domain policy.

The amounts are the domain's :class:`~clerk.domain.returns.ReturnPolicy` with the same
inputs central gives it (the order, its earlier refunds, the final-sale SKUs, the store's
window), so the refund the clerk announces is the refund central books.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clerk.domain.entities import RefundMethod, Return, ReturnCondition, ReturnReason
from clerk.domain.returns import Override, ReturnRequest
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import (
    decide_return,
    move_stock,
    order_here,
    put_order,
    record_return,
    settings_of,
)
from clerk.services.errors import InvalidRequest
from clerk.services.outbox import Action, Key, Outcome, client_id, lane_of, perform
from clerk.services.staff import ANYONE, require_manager, require_staff
from clerk.store import StoreUnit

__all__ = ["ManagerOverride", "ReturnItem", "create_return"]

MAX_QTY = 999
REASON_MAX = 500


@dataclass(frozen=True)
class ReturnItem:
    """Units of one order line coming back, why, and in what state."""

    line_id: str
    qty: int
    reason: ReturnReason
    condition: ReturnCondition = ReturnCondition.RESELLABLE


@dataclass(frozen=True)
class ManagerOverride:
    """A manager allowing what the policy refuses (window passed, final sale), with a reason.

    The UI checks the manager's PIN before building one."""

    manager_id: str
    reason: str


def _check_items(items: Sequence[ReturnItem], override: ManagerOverride | None) -> None:
    if not items:
        raise InvalidRequest("empty_return", "Choose at least one item to return.")
    if len(items) > 200:
        raise InvalidRequest("too_many_lines", "A return has at most 200 lines.")
    for item in items:
        if not 1 <= item.qty <= MAX_QTY:
            raise InvalidRequest(
                "invalid_quantity", f"Return 1 to {MAX_QTY} units of a line, not {item.qty}."
            )
    if override is not None and len(override.reason.strip()) > REASON_MAX:
        raise InvalidRequest(
            "override_reason_too_long", f"Keep the reason under {REASON_MAX} characters."
        )


def create_return(
    ctx: ServiceContext,
    actor: Actor,
    order_id: str,
    items: Sequence[ReturnItem],
    *,
    refund_method: RefundMethod = RefundMethod.ORIGINAL,
    override: ManagerOverride | None = None,
    return_id: str | None = None,
) -> Outcome[Return]:
    """Take goods back and refund them (any role); a manager's override lets window and
    final-sale refusals through (never quantities).

    Locally at once: the return (under the id central will keep), the order's returned
    counts, resellable units back on this store's shelf, the customer's points reversed.
    """
    _check_items(items, override)
    new_id = client_id(return_id)
    now = ctx.clock.now()
    done: list[Return] = []
    audit: dict[str, Any] = {"return_id": new_id, "order_id": order_id}

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, ANYONE, "take returns")
        order = order_here(unit, order_id)
        allowed: Override | None = None
        if override is not None:
            manager = require_manager(unit, actor.store_id, override.manager_id, override.reason)
            allowed = Override(manager.id, override.reason.strip())
        requests = [ReturnRequest(i.line_id, i.qty, i.reason, i.condition) for i in items]
        decision = decide_return(
            unit,
            order,
            requests,
            now,
            window_days=settings_of(unit, actor.store_id).return_window_days,
            override=allowed,
            refund_method=refund_method,
        )
        ret, keys = record_return(
            unit,
            order,
            decision,
            return_id=new_id,
            store_id=actor.store_id,
            staff_id=actor.staff_id,
            now=now,
            refund_method=refund_method,
            override=allowed,
        )
        back: Counter[str] = Counter()
        for line in decision.lines:
            order_line = order.line(line.order_line_id)
            assert order_line is not None
            if line.condition == ReturnCondition.RESELLABLE:
                back[order_line.sku] += line.qty
        keys += move_stock(unit, actor.store_id, on_hand=back)
        keys.append(put_order(unit, order))
        audit["amount"] = str(decision.amount.amount)
        audit["refunds"] = [refund.to_dict() for refund in decision.refunds]
        audit["points_reversed"] = decision.points_to_reverse
        if decision.override_used and allowed is not None:
            audit["override"] = {"manager_id": allowed.manager_id, "reason": allowed.reason}
        done.append(ret)
        return tuple(keys)

    body: dict[str, Any] = {
        "id": new_id,
        "staff_id": actor.staff_id,
        "order_id": order_id,
        "lines": [
            {
                "line_id": item.line_id,
                "qty": item.qty,
                "reason": str(item.reason),
                "condition": str(item.condition),
            }
            for item in items
        ],
        "refund_method": str(refund_method),
    }
    if override is not None:
        body["override"] = {"manager_id": override.manager_id, "reason": override.reason.strip()}
    action = Action(
        kind="create_return",
        method="POST",
        path="/v1/returns",
        body=body,
        lane=lane_of("order", order_id),
        target=f"order:{order_id}",
        effect=effect,
        audit_detail=audit,
        if_match_of=("order", order_id),
    )
    command = perform(ctx, actor, action)
    return Outcome(done[0], command)
