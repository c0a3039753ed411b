"""The commands central refused, as a table the Attention screen shows: when, what, why, state.

:func:`load_attention` reads the outbox (and the names and numbers that make a command
readable) on a reader thread; the model only holds the plain result. What a command was and
why central refused it are put in words here, from the command's kind and body and the
problem's ``type``; a problem this app does not know is shown with central's own ``detail``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from clerk.services.attention import BLOCKED_BY_REFUSAL
from clerk.services.context import ServiceContext
from clerk.store import OutboxCommand, StoreUnit
from clerk.ui.texts import store_time

__all__ = [
    "AttentionItem",
    "AttentionModel",
    "action_text",
    "facts_text",
    "load_attention",
    "refusal_text",
    "remedy_text",
    "when_text",
]

translate = QCoreApplication.translate

# Refusals a retry can cure by itself: central's state moved on meanwhile.
_RETRYABLE = frozenset({"version-mismatch", "concurrent-update", "idempotency-key-in-progress"})
# Refusals no retry can cure: the order, cart or reservation is past this step.
_FINAL = frozenset(
    {
        "order-already-collected",
        "order-already-ready",
        "order-cancelled",
        "order-expired",
        "cart-consumed",
        "other-store-order",
        "not-a-pickup-order",
        "reservation-collected",
        "reservation-cancelled",
        "reservation-expired",
        "final-sale",
        "window-passed",
        "nothing-left",
    }
)


@dataclass(frozen=True)
class AttentionItem:
    """A command waiting for a clerk, with what makes it readable."""

    command: OutboxCommand
    staff_name: str | None = None  # who did it, if still on the staff list
    subject: str | None = None  # the order's number or the customer's name

    @property
    def held(self) -> bool:
        """Never sent: it waits behind a refused command of the same order or reservation."""
        return problem_slug(self.command.problem) == BLOCKED_BY_REFUSAL

    @property
    def id(self) -> str:
        return self.command.id


def problem_slug(problem: Mapping[str, Any] | None) -> str:
    """The last part of the problem's ``type`` (``order-already-collected``)."""
    kind = (problem or {}).get("type")
    return kind.rsplit("/", 1)[-1] if isinstance(kind, str) else ""


def _subject(unit: StoreUnit, command: OutboxCommand) -> str | None:
    entity, _, entity_id = (command.lane or "").partition(":")
    if entity == "order":
        order = unit.orders.get(entity_id)
        return order.number if order is not None and order.number else None
    if entity == "reservation":
        reservation = unit.reservations.get(entity_id)
        customer_id = reservation.customer_id if reservation is not None else None
    elif command.path.startswith("/v1/customers/"):
        customer_id = command.path.split("/")[3]
    else:
        return None
    customer = unit.customers.get(customer_id) if customer_id else None
    return customer.full_name if customer is not None else None


def load_attention(ctx: ServiceContext) -> list[AttentionItem]:
    """The commands in attention, oldest first, with names and numbers (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        items = []
        names: dict[str, str | None] = {}
        for command in unit.outbox.attention():
            if command.staff_id not in names:
                staff = unit.staff.get(command.staff_id)
                names[command.staff_id] = staff.name if staff is not None else None
            items.append(AttentionItem(command, names[command.staff_id], _subject(unit, command)))
    return items


def when_text(at: datetime) -> str:
    """A time in the store's zone, as the clerk reads it (10.03 13:05)."""
    return store_time(at, "%d.%m %H:%M")


def action_text(item: AttentionItem) -> str:
    """What the command does, in words (sale, release of pickup W123 …)."""
    command, subject = item.command, item.subject or ""
    kind = command.kind
    if kind == "store_sale":
        units = sum(int(line.get("qty", 0)) for line in command.body.get("lines", []))
        return translate("Attention", "Sale at the counter, items: {n}").replace("{n}", str(units))
    texts = {
        "mark_ready": (
            translate("Attention", "Pickup {order} marked ready"),
            translate("Attention", "Pickup order marked ready"),
        ),
        "release_pickup": (
            translate("Attention", "Release of pickup {order}"),
            translate("Attention", "Release of a pickup order"),
        ),
        "expire_pickup": (
            translate("Attention", "Expiry of pickup {order}"),
            translate("Attention", "Expiry of a pickup order"),
        ),
        "create_return": (
            translate("Attention", "Return from order {order}"),
            translate("Attention", "Return from an order"),
        ),
        "extend_reservation": (
            translate("Attention", "Longer hold of {customer}'s reservation"),
            translate("Attention", "Longer hold of a reservation"),
        ),
        "cancel_reservation": (
            translate("Attention", "Cancellation of {customer}'s reservation"),
            translate("Attention", "Cancellation of a reservation"),
        ),
        "add_note": (
            translate("Attention", "Note for {customer}"),
            translate("Attention", "Note for a customer"),
        ),
        "record_feedback": (
            translate("Attention", "Customer's feedback score"),
            translate("Attention", "Customer's feedback score"),
        ),
    }
    if kind not in texts:
        return translate("Attention", "Action “{kind}”").replace("{kind}", kind.replace("_", " "))
    named, plain = texts[kind]
    if not subject:
        return plain
    return named.replace("{order}", subject).replace("{customer}", subject)


def facts_text(item: AttentionItem) -> str:
    """Who did it when, and when central refused it (or it was held back)."""
    command = item.command
    done = (
        translate("Attention", "Done by {name} at {time}.")
        .replace("{name}", item.staff_name or command.staff_id)
        .replace("{time}", when_text(command.created_at))
    )
    if item.held:
        answered = translate("Attention", "Held back at {time}.")
    else:
        answered = translate("Attention", "Refused by central at {time} (HTTP {status}).")
    answered = answered.replace("{time}", when_text(command.updated_at)).replace(
        "{status}", str(command.status or "?")
    )
    return f"{done} {answered}"


def _refusals() -> dict[str, str]:
    return {
        BLOCKED_BY_REFUSAL: translate(
            "Attention",
            "Not sent yet: an earlier action on the same order or reservation was refused, "
            "and this one builds on it.",
        ),
        "insufficient-stock": translate(
            "Attention", "Central counts too little stock of {sku} in this store for this."
        ),
        "store-credit-unknown": translate(
            "Attention", "Central knows no store credit with this code; check the receipt."
        ),
        "store-credit-insufficient": translate(
            "Attention",
            "Too little was left on the store credit (it was spent meanwhile, perhaps at "
            "another till); take the rest by card or cash.",
        ),
        "order-already-collected": translate(
            "Attention",
            "The order had already been collected — at another desk, on another tablet, or partly.",
        ),
        "order-cancelled": translate(
            "Attention", "The order was cancelled meanwhile (online or by phone)."
        ),
        "order-expired": translate(
            "Attention", "The order's hold had ended; it went back to stock."
        ),
        "order-not-ready": translate("Attention", "The order had not been marked ready yet."),
        "order-already-ready": translate("Attention", "The order was already marked ready."),
        "version-mismatch": translate(
            "Attention",
            "Someone changed this meanwhile (another tablet, the web shop or the hotline).",
        ),
        "concurrent-update": translate(
            "Attention", "Someone else changed this at the same moment."
        ),
        "idempotency-key-in-progress": translate(
            "Attention", "Central was still busy with this action."
        ),
        "other-store-order": translate("Attention", "The order is collected at another store."),
        "not-a-pickup-order": translate("Attention", "The order is not a click-and-collect order."),
        "cart-consumed": translate(
            "Attention", "The customer's online cart had already been bought elsewhere."
        ),
        "cart-of-another-customer": translate("Attention", "The cart belongs to another customer."),
        "role-not-allowed": translate(
            "Attention", "Central does not allow this to the staff member's role."
        ),
        "unknown-staff": translate(
            "Attention", "Central does not know the staff member as active in this store."
        ),
        "override-manager-required": translate(
            "Attention", "Central asks for a manager's approval."
        ),
        "override-reason-required": translate(
            "Attention", "Central asks for the manager's reason."
        ),
        "age-check-required": translate(
            "Attention", "The order holds age-restricted items and the ID check was not recorded."
        ),
        "hold-not-over": translate("Attention", "The order's hold had not ended yet."),
        "unknown-line": translate(
            "Attention", "The order's lines at central differ from this tablet's."
        ),
        "quantity-exceeds-order": translate(
            "Attention", "More units were given than the order holds."
        ),
        "unaccounted-items": translate(
            "Attention", "Every unit must be either collected or refused; some were neither."
        ),
        "quantity-exceeds-returnable": translate(
            "Attention", "More units were returned than may still come back."
        ),
        "payments-do-not-match-total": translate(
            "Attention", "The payments do not add up to central's total (a price may have changed)."
        ),
        "unknown-sku": translate("Attention", "Central does not know some of the products."),
        "final-sale": translate(
            "Attention", "A final-sale item cannot be returned without an override."
        ),
        "window-passed": translate(
            "Attention", "The return window had passed; it needs an override."
        ),
        "nothing-left": translate(
            "Attention", "Everything of this line had already been returned."
        ),
        "not-collected": translate(
            "Attention", "The items had not been collected, so not returned."
        ),
        "insufficient-points": translate("Attention", "The customer has too few points for this."),
        "extension-too-long": translate("Attention", "The reservation cannot be held that long."),
        "reservation-collected": translate("Attention", "The reservation was already collected."),
        "reservation-cancelled": translate("Attention", "The reservation was already cancelled."),
        "reservation-expired": translate("Attention", "The reservation's hold had ended."),
        "order-not-found": translate("Attention", "Central does not know this order."),
        "customer-not-found": translate("Attention", "Central does not know this customer."),
        "reservation-not-found": translate("Attention", "Central does not know this reservation."),
        "id-taken": translate(
            "Attention", "Central already has another record under this one's id."
        ),
        "validation-error": translate(
            "Attention", "Central found the request incomplete or invalid."
        ),
    }


def refusal_text(problem: Mapping[str, Any] | None) -> str:
    """Why central refused, in words: a known problem's sentence, else central's detail."""
    problem = problem or {}
    known = _refusals().get(problem_slug(problem))
    if known is not None:
        return known.replace("{sku}", str(problem.get("sku") or "?"))
    for key in ("detail", "title"):
        text = problem.get(key)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return translate("Attention", "Central refused this action (HTTP {status}).").replace(
        "{status}", str(problem.get("status") or "?")
    )


def remedy_text(item: AttentionItem) -> str:
    """What the clerk can do about it."""
    slug = problem_slug(item.command.problem)
    if item.held:
        return translate(
            "Attention",
            "Decide on the refused action first. Retrying this one lines it up behind that "
            "one; a manager may also discard it.",
        )
    if slug in _RETRYABLE:
        return translate(
            "Attention",
            "Retry: it is sent again against what central has now. If it no longer applies, "
            "a manager discards it.",
        )
    if slug in _FINAL:
        return translate(
            "Attention",
            "This cannot go through any more. Check with the customer what happened; then a "
            "manager discards it, saying why.",
        )
    return translate(
        "Attention",
        "Fix what central refused (the stock count, the staff list, a check at the desk), "
        "then retry. If it should not happen any more, a manager discards it.",
    )


class AttentionModel(QAbstractTableModel):
    """The refused commands: one row each, oldest first."""

    WHEN, WHAT, WHY, STATE = range(4)
    CommandIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[AttentionItem] = []

    def set_items(self, items: list[AttentionItem]) -> None:
        """Show ``items`` instead of what was shown."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> AttentionItem:
        return self._items[row]

    def row_of(self, command_id: str) -> int | None:
        """The row of the command ``command_id`` (None: not shown)."""
        return next((i for i, it in enumerate(self._items) if it.id == command_id), None)

    @property
    def command_ids(self) -> list[str]:
        return [item.id for item in self._items]

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # type: ignore[override]
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # type: ignore[override]
        return 0 if parent is not None and parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("When"),
            self.tr("What"),
            self.tr("Why central refused"),
            self.tr("State"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # type: ignore[override]
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == self.CommandIdRole:
            return item.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        return None

    def _text(self, item: AttentionItem, column: int) -> str:
        if column == self.WHEN:
            return when_text(item.command.created_at)
        if column == self.WHAT:
            return action_text(item)
        if column == self.WHY:
            return refusal_text(item.command.problem)
        if item.held:
            return self.tr("Waiting behind a refused action")
        return self.tr("Refused")
