"""What the Counter shows of a customer: plain, immutable values the screen paints as they are.

One shape for both sources of a customer 360 — the tablet's own slice and central's profile
bundle — so the screen never asks where a row came from, only whether a part is missing.
Timeline entries keep the fields of central's profile timeline (``kind``, ``at``, ``channel``,
``store_id``, ``ref_id``, ``data``); the words are the screen's to choose, in the clerk's
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from clerk.domain.entities import Customer, Interaction, Order, Reservation, Return
from clerk.domain.loyalty import BLOCK_VALUE, POINTS_PER_BLOCK
from clerk.domain.money import Money

__all__ = [
    "Alternative",
    "CartLineView",
    "CartView",
    "Customer360",
    "CustomerHit",
    "Elsewhere",
    "OpenItems",
    "Part",
    "Source",
    "TimelineEntry",
    "TimelineKind",
    "customer_hit",
    "mask_email",
    "mask_phone",
    "points_value",
]

TimelineKind = Literal["order", "return", "reservation", "visit", "interaction", "loyalty"]
# Where a 360 came from: the tablet's slice, central just now, central's answer cached
# earlier (central unreachable now), or only the signed loyalty code (offline, not cached).
Source = Literal["local", "central", "cached", "token"]
# The parts of a 360 that may be missing.
Part = Literal["profile", "timeline", "cart", "open_items"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One thing the customer did or had done, in any channel."""

    kind: TimelineKind
    at: datetime
    channel: str | None
    store_id: str | None
    ref_id: str
    data: Mapping[str, Any]

    @property
    def is_pickup(self) -> bool:
        """An order collected at a store (click and collect)."""
        return self.kind == "order" and self.data.get("fulfilment") == "pickup"

    @property
    def order_id(self) -> str | None:
        """The order the entry is about (an order, its return, its points), if any."""
        if self.kind == "order":
            return self.ref_id
        if self.kind in ("return", "loyalty"):
            found = self.data.get("order_id")
            return str(found) if found else None
        return None

    @property
    def thread_id(self) -> str:
        """The support thread an interaction belongs to (its own id when it starts one)."""
        return str(self.data.get("thread_id") or self.ref_id)


@dataclass(frozen=True)
class Alternative:
    """Another size or colour of a cart line's product, in stock here."""

    sku: str
    ean: str | None
    size: str
    colour: str
    available_here: int


@dataclass(frozen=True)
class Elsewhere:
    """Another store that has the product."""

    store_id: str
    store_name: str
    available: int


@dataclass(frozen=True)
class CartLineView:
    """A line of the customer's online cart with the one price and the stock here.

    ``available_here`` is None when the tablet knows nothing of this store's stock of it.
    """

    sku: str
    qty: int
    name: str
    ean: str | None
    size: str
    colour: str
    price: Money
    available_here: int | None
    alternatives: tuple[Alternative, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = ()
    known: bool = True  # False: the product is not in the tablet's catalogue

    @property
    def line_total(self) -> Money:
        return self.price * self.qty

    @property
    def enough_here(self) -> bool:
        return self.available_here is not None and self.available_here >= self.qty


@dataclass(frozen=True)
class CartView:
    """The customer's current web/app cart, as it can be finished here."""

    id: str
    updated_at: datetime
    lines: tuple[CartLineView, ...]

    @property
    def total(self) -> Money:
        return sum((line.line_total for line in self.lines), Money.zero())

    @property
    def all_here(self) -> bool:
        return all(line.enough_here for line in self.lines)


@dataclass(frozen=True)
class OpenItems:
    """What the clerk may act on now."""

    pickups: tuple[Order, ...] = ()  # waiting to be collected here
    reservations: tuple[Reservation, ...] = ()  # active, here
    returns: tuple[Return, ...] = ()  # refund still pending
    tickets: tuple[Interaction, ...] = ()  # open support tickets

    @property
    def count(self) -> int:
        return len(self.pickups) + len(self.reservations) + len(self.returns) + len(self.tickets)


@dataclass(frozen=True)
class Customer360:
    """Everything the Counter shows of one customer.

    ``customer`` is None only for ``source == "token"``: a signed loyalty code names the
    customer, but the tablet holds nothing else of them and central cannot be reached;
    ``unavailable`` then names every part. ``timeline_before`` is the cursor of the next
    (older) page, None when the timeline is complete.
    """

    customer_id: str
    customer: Customer | None
    source: Source
    timeline: tuple[TimelineEntry, ...] = ()
    timeline_before: str | None = None
    cart: CartView | None = None
    open_items: OpenItems = field(default_factory=OpenItems)
    unavailable: frozenset[Part] = frozenset()

    @property
    def points_value(self) -> Money:
        return points_value(self.customer.points_balance if self.customer else 0)


@dataclass(frozen=True)
class CustomerHit:
    """A search result: enough to pick the right person, contact masked."""

    customer_id: str
    name: str
    tier: str
    points: int
    phone: str  # masked
    email: str  # masked
    card_tail: str  # the card number's last four digits
    on_tablet: bool  # False: found at central, not in the tablet's slice


def customer_hit(customer: Customer, on_tablet: bool) -> CustomerHit:
    """A search result for ``customer``, contact masked."""
    return CustomerHit(
        customer_id=customer.id,
        name=customer.full_name,
        tier=str(customer.tier),
        points=customer.points_balance,
        phone=mask_phone(customer.phone),
        email=mask_email(customer.email),
        card_tail=customer.card_number[-4:],
        on_tablet=on_tablet,
    )


def points_value(balance: int) -> Money:
    """What a points balance is worth at the till (whole blocks only)."""
    return BLOCK_VALUE * (max(balance, 0) // POINTS_PER_BLOCK)


def mask_phone(phone: str) -> str:
    """``+48 570 754 123`` → ``+48 *** *** 123``: the country code and the last three digits."""
    phone = phone.strip()
    if not phone:
        return ""
    digits = [i for i, c in enumerate(phone) if c.isdigit()]
    keep_tail = set(digits[-3:])
    keep_head: set[int] = set()
    if phone.startswith("+"):
        # The country code: the digits up to the first space; written without spaces,
        # two digits (+48, +49, +44 …).
        head = phone[1:].split(" ", 1)[0]
        size = len(head) if len(head) <= 3 else 2
        keep_head = {i for i in range(1, 1 + size) if phone[i].isdigit()}
    return "".join(
        c if (i in keep_tail or i in keep_head or not c.isdigit()) else "*"
        for i, c in enumerate(phone)
    )


def mask_email(email: str) -> str:
    """``anna.nowak@example.pl`` → ``a***@example.pl``."""
    email = email.strip()
    if "@" not in email:
        return "***" if email else ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"
