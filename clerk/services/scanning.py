"""What a scan means here: one read of the local store, offline, in well under a frame.

:func:`resolve_scan` parses what a scanner, the camera or the clerk's fingers produced, checks a
signed token against the keys the tablet already holds (central's for loyalty and pickup codes;
the store's devices' and central's for receipts) and answers with one plain outcome: a customer,
a pickup, a receipt, a product with its stock here, or a refusal the clerk can read.  Nothing a
customer holds up to the scanner makes it raise.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from clerk.domain.entities import OrderStatus
from clerk.domain.errors import ScanRejected, ScanRejection, TokenError
from clerk.domain.money import Money
from clerk.domain.scan import LoyaltyCardScan, ProductScan, SignedTokenScan, parse_scan
from clerk.domain.store_credit import normalize_code
from clerk.domain.tokens import TokenKind, VerifiedToken, load_public_key, verify_token
from clerk.services.context import ServiceContext
from clerk.store import StoreUnit

__all__ = [
    "OTHER_STORE",
    "PICKUP_CANCELLED",
    "UNKNOWN_PRODUCT",
    "CustomerScan",
    "OrderNumberScan",
    "PickupScan",
    "ProductCheck",
    "ReceiptScan",
    "ScanOutcome",
    "ScanRefused",
    "StoreCreditScan",
    "resolve_scan",
]

log = logging.getLogger(__name__)

# Refusals decided here, beside the domain's ScanRejection and TokenRejection codes.
OTHER_STORE = "other_store"
PICKUP_CANCELLED = "pickup_cancelled"
UNKNOWN_PRODUCT = "unknown_product"


@dataclass(frozen=True)
class CustomerScan:
    """A customer's loyalty code or card.

    ``customer_id`` is None for a card number not in this tablet's slice: the Counter asks
    central. ``via`` says whether a signed app code or a printed card was scanned.
    """

    customer_id: str | None
    card_number: str | None
    via: Literal["token", "card"]


@dataclass(frozen=True)
class PickupScan:
    """A valid pickup code of an order collected at this store."""

    order_id: str
    pickup_code: str


@dataclass(frozen=True)
class ReceiptScan:
    """A receipt's code, signed by the device that printed it (or by central)."""

    order_id: str
    store_id: str
    device_id: str


@dataclass(frozen=True)
class OrderNumberScan:
    """An order number typed (or scanned from an e-mail): the Returns screen looks it up."""

    number: str


# An order number as printed on receipts and e-mails: a letter, then letters, digits and
# dashes, with at least four digits (W26-0001234, WAW-01-260310-4F2A9C).
_ORDER_NUMBER = re.compile(r"[A-Za-z][A-Za-z0-9-]{4,31}")


def _order_number(raw: str) -> OrderNumberScan | None:
    text = raw.strip()
    if _ORDER_NUMBER.fullmatch(text) and sum(ch.isdigit() for ch in text) >= 4:
        return OrderNumberScan(text.upper())
    return None


@dataclass(frozen=True)
class StoreCreditScan:
    """A store-credit code from a return receipt: the Counter's checkout takes it."""

    code: str


@dataclass(frozen=True)
class ProductCheck:
    """A product label: the one central price and this store's stock.

    ``stock_known`` is False when the tablet holds no stock row for the SKU; the counts are
    then zeros, not a claim that the shelf is empty.
    """

    ean: str
    sku: str
    name: str
    brand: str
    size: str
    colour: str
    price: Money
    on_hand: int
    held: int
    available: int
    stock_known: bool = True


@dataclass(frozen=True)
class ScanRefused:
    """A scan that is not used: ``code`` is stable (translations key on it), ``message`` is
    English and says what to do next; ``store`` names the store of an ``other_store`` order."""

    code: str
    message: str
    store: str | None = None


ScanOutcome = (
    CustomerScan
    | PickupScan
    | ReceiptScan
    | ProductCheck
    | OrderNumberScan
    | StoreCreditScan
    | ScanRefused
)


def resolve_scan(ctx: ServiceContext, raw: str, now: datetime | None = None) -> ScanOutcome:
    """What ``raw`` (a scanner's, the camera's or a typed code) means at this store, now.

    Reads the local store only, so it answers offline. Every code that cannot be used comes
    back as a :class:`ScanRefused`; nothing the customer shows makes this raise.
    """
    moment = now if now is not None else ctx.clock.now()
    try:
        parsed = parse_scan(raw)
    except ScanRejected as rejected:
        if rejected.code != ScanRejection.UNKNOWN_FORMAT:
            return ScanRefused(rejected.code, rejected.message)
        code = normalize_code(raw)
        if code is not None:  # before order numbers: SC-… would pass for one
            return StoreCreditScan(code)
        return _order_number(raw) or ScanRefused(rejected.code, rejected.message)
    with ctx.store.unit(read_only=True) as unit:
        if isinstance(parsed, SignedTokenScan):
            return _token(ctx, unit, parsed, moment)
        if isinstance(parsed, LoyaltyCardScan):
            return _card(unit, parsed)
        return _product(unit, parsed)


@lru_cache(maxsize=64)
def _public_key(text: str) -> Ed25519PublicKey:
    # Parsed once per key, not once per scan.
    return load_public_key(text)


def _public_keys(texts: Mapping[str, str]) -> dict[str, Ed25519PublicKey]:
    keys: dict[str, Ed25519PublicKey] = {}
    for key_id, text in texts.items():
        try:
            keys[key_id] = _public_key(text)
        except ValueError:
            # A damaged key row must not stop the other keys from verifying.
            log.warning("the local store holds an unreadable public key %s; it is skipped", key_id)
    return keys


def _token(
    ctx: ServiceContext, unit: StoreUnit, scan: SignedTokenScan, now: datetime
) -> ScanOutcome:
    texts = dict(unit.keys.signing_keys())
    if scan.kind is TokenKind.RECEIPT:
        # A receipt printed offline is signed by the tablet that printed it.
        texts = {**unit.keys.device_keys(), **texts}
    try:
        token = verify_token(scan.text, _public_keys(texts), now)
    except TokenError as error:
        return ScanRefused(error.code, error.message)
    if token.kind is TokenKind.LOYALTY:
        return _loyalty(unit, token)
    if token.kind is TokenKind.PICKUP:
        return _pickup(ctx, unit, token)
    assert token.order_id is not None and token.store_id is not None
    assert token.device_id is not None  # verify_token checks each kind's claims
    return ReceiptScan(token.order_id, token.store_id, token.device_id)


def _loyalty(unit: StoreUnit, token: VerifiedToken) -> CustomerScan:
    assert token.customer_id is not None
    customer = unit.customers.get(token.customer_id)
    card = customer.card_number if customer is not None else None
    return CustomerScan(token.customer_id, card, "token")


def _pickup(ctx: ServiceContext, unit: StoreUnit, token: VerifiedToken) -> ScanOutcome:
    assert token.order_id is not None and token.store_id is not None
    assert token.pickup_code is not None
    if token.store_id != ctx.store_id:
        store = unit.stores.store(token.store_id)
        name = store.name if store is not None else token.store_id
        return ScanRefused(
            OTHER_STORE,
            f"This order is collected at {name}, not here — send the customer there.",
            store=name,
        )
    order = unit.orders.get(token.order_id)
    if order is not None and order.status is OrderStatus.CANCELLED:
        return ScanRefused(
            PICKUP_CANCELLED,
            "This order was cancelled, so there is nothing to hand over — check the "
            "customer's orders with them.",
        )
    return PickupScan(token.order_id, token.pickup_code)


def _card(unit: StoreUnit, scan: LoyaltyCardScan) -> CustomerScan:
    customer = unit.customers.by_card(scan.card_number)
    return CustomerScan(customer.id if customer else None, scan.card_number, "card")


def _product(unit: StoreUnit, scan: ProductScan) -> ScanOutcome:
    product = unit.catalog.by_ean(scan.ean)
    if product is None:
        return ScanRefused(
            UNKNOWN_PRODUCT,
            "This barcode is not in the catalogue on this tablet — sync the tablet, or check "
            "the label.",
        )
    stock = unit.catalog.stock(product.sku)
    on_hand, held = (stock.on_hand, stock.held) if stock is not None else (0, 0)
    return ProductCheck(
        ean=product.ean,
        sku=product.sku,
        name=product.name,
        brand=product.brand,
        size=product.size,
        colour=product.colour,
        price=product.price,
        on_hand=on_hand,
        held=held,
        available=on_hand - held,
        stock_known=stock is not None,
    )
