"""The entities of DESIGN.md section 4 as plain dataclasses.

Field names are also the JSON keys of the change feed and the API. ``to_dict()`` gives JSON-safe
data (Money and Decimal as strings such as "12.30", datetimes as ISO 8601 in UTC with an offset,
dates as ISO); ``from_dict()`` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from clerk.domain._codec import Record
from clerk.domain.money import Money

__all__ = [
    "Cart",
    "CartLine",
    "Channel",
    "ContactChannel",
    "Customer",
    "Fulfilment",
    "Interaction",
    "InteractionKind",
    "InventoryLevel",
    "LoyaltyKind",
    "LoyaltyTransaction",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PickupDetails",
    "Product",
    "Refund",
    "RefundMethod",
    "Reservation",
    "ReservationStatus",
    "Return",
    "ReturnCondition",
    "ReturnLine",
    "ReturnReason",
    "Role",
    "Staff",
    "Store",
    "Tender",
    "Tier",
    "store_roster",
]


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    PHONE = "phone"
    STORE = "store"


class Fulfilment(StrEnum):
    SHIP = "ship"
    PICKUP = "pickup"
    CARRY_OUT = "carry_out"


class OrderStatus(StrEnum):
    PLACED = "placed"
    PICKING = "picking"
    READY = "ready"
    COLLECTED = "collected"
    PARTIALLY_COLLECTED = "partially_collected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"


class Tender(StrEnum):
    CARD = "card"
    ONLINE = "online"
    CASH = "cash"
    STORE_CREDIT = "store_credit"
    GIFT_CARD = "gift_card"
    POINTS = "points"


class Role(StrEnum):
    SALES = "sales"
    PICKUP = "pickup"
    MANAGER = "manager"


class Tier(StrEnum):
    BASIC = "basic"
    SILVER = "silver"
    GOLD = "gold"


class RefundMethod(StrEnum):
    ORIGINAL = "original"
    STORE_CREDIT = "store_credit"
    EXCHANGE = "exchange"


class ReturnCondition(StrEnum):
    RESELLABLE = "resellable"
    DAMAGED = "damaged"


class ReturnReason(StrEnum):
    TOO_SMALL = "too_small"
    TOO_BIG = "too_big"
    NOT_AS_DESCRIBED = "not_as_described"
    DAMAGED_ON_ARRIVAL = "damaged_on_arrival"
    CHANGED_MIND = "changed_mind"
    REFUSED_AT_PICKUP = "refused_at_pickup"
    SHORT_PICK = "short_pick"
    OTHER = "other"


class ReservationStatus(StrEnum):
    ACTIVE = "active"
    COLLECTED = "collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class LoyaltyKind(StrEnum):
    EARN = "earn"
    REDEEM = "redeem"
    REVERSE = "reverse"
    BONUS = "bonus"
    ADJUST = "adjust"


class InteractionKind(StrEnum):
    TICKET = "ticket"
    NOTE = "note"
    VISIT = "visit"
    FEEDBACK = "feedback"
    CONTACT = "contact"


class ContactChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    APP = "app"


_ZERO = Money(Decimal("0.00"))


@dataclass
class Store(Record):
    id: str
    name: str
    city: str
    timezone: str = "Europe/Warsaw"
    currency: str = "PLN"
    pickup_hold_days: int = 7
    reservation_hold_hours: int = 48


@dataclass
class Staff(Record):
    id: str
    name: str
    role: Role
    store_ids: list[str]
    pin_hash: str
    active: bool = True


def store_roster(staff: Iterable[Staff], store_id: str) -> list[Staff]:
    """The active staff of ``store_id`` among ``staff``, by name (the sign-in screen's order)."""
    return sorted(
        (s for s in staff if s.active and store_id in s.store_ids), key=lambda s: (s.name, s.id)
    )


@dataclass
class Customer(Record):
    id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    card_number: str
    tier: Tier
    points_balance: int
    preferred_channel: ContactChannel
    preferences: dict[str, list[str]]
    consents: dict[str, bool]  # marketing_email, marketing_sms, profiling
    home_store_id: str | None
    created_at: datetime
    version: int = 1

    @property
    def full_name(self) -> str:
        """First and last name, as a clerk would say them."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Product(Record):
    sku: str
    ean: str
    name: str
    brand: str
    category: str
    size: str
    colour: str
    style: str  # groups the sizes and colours of one model
    price: Money
    vat_rate: Decimal = Decimal("0.23")
    final_sale: bool = False
    age_restricted: bool = False


@dataclass
class InventoryLevel(Record):
    store_id: str
    sku: str
    on_hand: int
    held: int = 0

    @property
    def available(self) -> int:
        """What can still be sold or promised: on hand minus held for pickups and reservations."""
        return self.on_hand - self.held


@dataclass
class OrderLine(Record):
    id: str
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: Money
    discount: Money = _ZERO  # for the whole line, not per unit
    collected_qty: int = 0
    returned_qty: int = 0
    short_qty: int = 0

    @property
    def total(self) -> Money:
        """What the line costs: unit price times quantity, less the line discount."""
        return self.unit_price * self.qty - self.discount


@dataclass
class Payment(Record):
    tender: Tender
    amount: Money
    reference: str | None = None


@dataclass
class PickupDetails(Record):
    pickup_code: str
    ready_at: datetime | None = None
    hold_until: datetime | None = None
    shelf: str | None = None
    collected_at: datetime | None = None
    collected_by: str | None = None
    verification: dict[str, Any] | None = None


@dataclass
class Order(Record):
    id: str
    number: str
    channel: Channel
    customer_id: str | None
    fulfilment: Fulfilment
    store_id: str | None  # the store where it was sold, for store sales
    pickup_store_id: str | None
    status: OrderStatus
    created_at: datetime
    lines: list[OrderLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    pickup: PickupDetails | None = None
    points_earned: int = 0
    points_reversed: int = 0
    delivered_at: datetime | None = None
    cart_id: str | None = None
    version: int = 1

    @property
    def total(self) -> Money:
        """The sum of the line totals."""
        return sum((line.total for line in self.lines), _ZERO)

    def paid_by_tender(self) -> dict[Tender, Money]:
        """What was paid with each tender, in the order the tenders were first used."""
        paid: dict[Tender, Money] = {}
        for payment in self.payments:
            paid[payment.tender] = paid.get(payment.tender, _ZERO) + payment.amount
        return paid

    @property
    def paid_total(self) -> Money:
        """Everything paid, all tenders together (points at their money value)."""
        return sum((p.amount for p in self.payments), _ZERO)

    @property
    def return_window_start(self) -> datetime | None:
        """When the return window opens: the sale (carry out), collection (pickup) or delivery.

        None while the customer has not received the goods yet.
        """
        if self.fulfilment == Fulfilment.CARRY_OUT:
            return self.created_at
        if self.fulfilment == Fulfilment.PICKUP:
            return self.pickup.collected_at if self.pickup is not None else None
        return self.delivered_at

    def line(self, line_id: str) -> OrderLine | None:
        """The line with id ``line_id``, or None."""
        for line in self.lines:
            if line.id == line_id:
                return line
        return None

    @property
    def fully_returned(self) -> bool:
        """True when every unit is returned (or was never picked, for short picks)."""
        return all(line.returned_qty + line.short_qty >= line.qty for line in self.lines)


@dataclass
class CartLine(Record):
    sku: str
    qty: int


@dataclass
class Cart(Record):
    id: str
    customer_id: str
    lines: list[CartLine]
    updated_at: datetime
    status: Literal["active", "consumed"] = "active"


@dataclass
class ReturnLine(Record):
    order_line_id: str
    qty: int
    reason: ReturnReason
    condition: ReturnCondition
    amount: Money


@dataclass
class Refund(Record):
    tender: Tender
    amount: Money
    points: int = 0  # for the points tender: the points given back
    reference: str | None = None
    status: Literal["issued", "pending"] = "issued"


@dataclass
class Return(Record):
    id: str
    order_id: str
    store_id: str
    staff_id: str
    created_at: datetime
    lines: list[ReturnLine]
    refund_method: RefundMethod
    refunds: list[Refund]
    points_reversed: int = 0
    override_manager_id: str | None = None
    override_reason: str | None = None
    source: Literal["counter", "pickup_refusal"] = "counter"
    status: Literal["completed", "refund_pending"] = "completed"

    @property
    def amount(self) -> Money:
        """The value of the returned lines."""
        return sum((line.amount for line in self.lines), _ZERO)


@dataclass
class Reservation(Record):
    id: str
    customer_id: str
    store_id: str
    status: ReservationStatus
    created_at: datetime
    hold_until: datetime
    lines: list[CartLine]
    version: int = 1


@dataclass
class LoyaltyTransaction(Record):
    id: str
    customer_id: str
    kind: LoyaltyKind
    points: int  # signed: earn and bonus positive, redeem and reverse negative
    order_id: str | None
    return_id: str | None
    channel: Channel
    store_id: str | None
    created_at: datetime
    note: str = ""


@dataclass
class Interaction(Record):
    id: str
    customer_id: str
    kind: InteractionKind
    channel: Channel
    subject: str
    body: str
    thread_id: str | None
    status: Literal["open", "closed"] | None
    staff_id: str | None
    store_id: str | None
    created_at: datetime
