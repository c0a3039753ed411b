"""resolve_scan: every outcome and every refusal, offline, against a seeded tablet store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from clerk.domain.entities import OrderStatus, Store
from clerk.domain.errors import ScanRejection, TokenRejection
from clerk.domain.money import Money
from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number
from clerk.domain.store_credit import credit_code
from clerk.domain.tokens import (
    generate_private_key,
    key_id_for,
    loyalty_token,
    pickup_token,
    receipt_token,
)
from clerk.services.scanning import (
    OTHER_STORE,
    PICKUP_CANCELLED,
    UNKNOWN_PRODUCT,
    CustomerScan,
    OrderNumberScan,
    PickupScan,
    ProductCheck,
    ReceiptScan,
    ScanRefused,
    StoreCreditScan,
    resolve_scan,
)
from tests.services.world import DEVICE, NOW, STORE, Tablet, customer, order, product, put_keys

CARD = make_loyalty_card_number(17)
OTHER_CARD = make_loyalty_card_number(24)
CENTRAL = generate_private_key()
CENTRAL_KID = key_id_for(CENTRAL.public_key())
DEVICE_KEY = generate_private_key()
DEVICE_KID = key_id_for(DEVICE_KEY.public_key())


@pytest.fixture
def keyed(tablet: Tablet) -> Tablet:
    """The seeded tablet holding central's signing key and this device's key, as the feed
    and enrollment leave them."""
    put_keys(tablet, CENTRAL, DEVICE_KEY)
    # The world's codes are placeholders; a scanner reads only real EAN-13s.
    tablet.put("customer", replace(customer(), card_number=CARD))
    for sku in ("SHIRT-M", "SOCKS-1"):
        tablet.put("product", replace(product(sku), ean=ean_of(sku)))
    return tablet


def ean_of(sku: str) -> str:
    first12 = {"SHIRT-M": "590123412345", "SOCKS-1": "590123412399"}[sku]
    return first12 + str(ean13_check_digit(first12))


def refused(outcome: object, code: str) -> ScanRefused:
    assert isinstance(outcome, ScanRefused), outcome
    assert outcome.code == code
    assert outcome.message
    return outcome


# --- loyalty -------------------------------------------------------------------------------


def test_a_fresh_loyalty_code_names_the_customer_and_their_card(keyed: Tablet) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW - timedelta(minutes=1))
    assert resolve_scan(keyed.ctx, code) == CustomerScan("cust-gold", CARD, "token")


def test_a_loyalty_code_of_a_customer_outside_the_slice_still_names_them(keyed: Tablet) -> None:
    code = loyalty_token("cust-far", CENTRAL, CENTRAL_KID, NOW)
    assert resolve_scan(keyed.ctx, code) == CustomerScan("cust-far", None, "token")


def test_an_expired_loyalty_code_is_refused(keyed: Tablet) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW - timedelta(minutes=10))
    refused(resolve_scan(keyed.ctx, code), TokenRejection.EXPIRED.value)


def test_the_time_can_be_given(keyed: Tablet) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW)
    later = NOW + timedelta(minutes=6)
    refused(resolve_scan(keyed.ctx, code, later), TokenRejection.EXPIRED.value)


def test_a_loyalty_code_from_the_future_is_refused(keyed: Tablet) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW + timedelta(minutes=3))
    refused(resolve_scan(keyed.ctx, code), TokenRejection.NOT_YET_VALID.value)


def test_a_forged_loyalty_code_is_refused(keyed: Tablet) -> None:
    # Signed by someone else under central's key id.
    forged = loyalty_token("cust-gold", generate_private_key(), CENTRAL_KID, NOW)
    refused(resolve_scan(keyed.ctx, forged), TokenRejection.BAD_SIGNATURE.value)


def test_a_tampered_loyalty_code_is_refused(keyed: Tablet) -> None:
    genuine = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW)
    other = loyalty_token("cust-else", CENTRAL, CENTRAL_KID, NOW)
    prefix, kind, _, signature = genuine.split(".")
    swapped = ".".join([prefix, kind, other.split(".")[2], signature])
    refused(resolve_scan(keyed.ctx, swapped), TokenRejection.BAD_SIGNATURE.value)


def test_a_loyalty_code_of_an_unknown_key_is_refused(keyed: Tablet) -> None:
    stranger = generate_private_key()
    code = loyalty_token("cust-gold", stranger, key_id_for(stranger.public_key()), NOW)
    refused(resolve_scan(keyed.ctx, code), TokenRejection.UNKNOWN_KEY.value)


def test_a_device_key_does_not_sign_loyalty_codes(keyed: Tablet) -> None:
    code = loyalty_token("cust-gold", DEVICE_KEY, DEVICE_KID, NOW)
    refused(resolve_scan(keyed.ctx, code), TokenRejection.UNKNOWN_KEY.value)


def test_without_any_keys_a_token_waits_for_a_sync(tablet: Tablet) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW)
    refusal = refused(resolve_scan(tablet.ctx, code), TokenRejection.UNKNOWN_KEY.value)
    assert "sync" in refusal.message


def test_a_damaged_key_row_does_not_stop_the_others(keyed: Tablet) -> None:
    keyed.put("signing_key", {"key_id": "broken", "public_key": "not-a-key"})
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW)
    assert isinstance(resolve_scan(keyed.ctx, code), CustomerScan)


# --- loyalty cards -------------------------------------------------------------------------


def test_a_known_card_names_its_customer(keyed: Tablet) -> None:
    outcome = resolve_scan(keyed.ctx, f"{CARD}\r\n")
    assert outcome == CustomerScan("cust-gold", CARD, "card")


def test_an_unknown_card_is_left_for_central(keyed: Tablet) -> None:
    outcome = resolve_scan(keyed.ctx, OTHER_CARD)
    assert outcome == CustomerScan(None, OTHER_CARD, "card")


def test_a_card_found_after_the_feed_brings_its_customer(keyed: Tablet) -> None:
    keyed.put("customer", replace(customer("cust-new"), card_number=OTHER_CARD))
    assert resolve_scan(keyed.ctx, OTHER_CARD) == CustomerScan("cust-new", OTHER_CARD, "card")


# --- pickup --------------------------------------------------------------------------------


def test_a_pickup_code_of_this_store(keyed: Tablet) -> None:
    ready = order(keyed, [("SHIRT-M", 1)])
    code = pickup_token(ready.id, STORE, "123456", CENTRAL, CENTRAL_KID, NOW - timedelta(days=1))
    assert resolve_scan(keyed.ctx, code) == PickupScan(ready.id, "123456")


def test_a_pickup_code_of_an_order_not_on_the_tablet_yet_is_used(keyed: Tablet) -> None:
    code = pickup_token("ord-new", STORE, "654321", CENTRAL, CENTRAL_KID, NOW)
    assert resolve_scan(keyed.ctx, code) == PickupScan("ord-new", "654321")


def test_a_pickup_code_of_another_store_says_where_to_go(keyed: Tablet) -> None:
    code = pickup_token("ord-krk", "KRK-01", "111111", CENTRAL, CENTRAL_KID, NOW)
    refusal = refused(resolve_scan(keyed.ctx, code), OTHER_STORE)
    assert refusal.store == "KRK-01"
    assert "KRK-01" in refusal.message


def test_another_store_is_named_when_the_tablet_knows_it(keyed: Tablet) -> None:
    keyed.put("store", Store("KRK-01", "Kraków Galeria", "Kraków"))
    code = pickup_token("ord-krk", "KRK-01", "111111", CENTRAL, CENTRAL_KID, NOW)
    refusal = refused(resolve_scan(keyed.ctx, code), OTHER_STORE)
    assert refusal.store == "Kraków Galeria"
    assert refusal.message == (
        "This order is collected at Kraków Galeria, not here — send the customer there."
    )


def test_a_pickup_code_of_a_cancelled_order_is_refused(keyed: Tablet) -> None:
    cancelled = order(keyed, [("SHIRT-M", 1)], status=OrderStatus.CANCELLED)
    code = pickup_token(cancelled.id, STORE, "123456", CENTRAL, CENTRAL_KID, NOW)
    refused(resolve_scan(keyed.ctx, code), PICKUP_CANCELLED)


def test_a_forged_pickup_code_is_refused(keyed: Tablet) -> None:
    code = pickup_token("ord-1", STORE, "123456", generate_private_key(), CENTRAL_KID, NOW)
    refused(resolve_scan(keyed.ctx, code), TokenRejection.BAD_SIGNATURE.value)


# --- receipts ------------------------------------------------------------------------------


def test_a_receipt_signed_by_a_device_of_the_store(keyed: Tablet) -> None:
    code = receipt_token("ord-9", STORE, DEVICE, DEVICE_KEY, DEVICE_KID, NOW - timedelta(days=3))
    assert resolve_scan(keyed.ctx, code) == ReceiptScan("ord-9", STORE, DEVICE)


def test_a_receipt_signed_by_central(keyed: Tablet) -> None:
    code = receipt_token("ord-web", "KRK-01", "central", CENTRAL, CENTRAL_KID, NOW)
    assert resolve_scan(keyed.ctx, code) == ReceiptScan("ord-web", "KRK-01", "central")


def test_a_receipt_of_a_device_the_store_does_not_know_is_refused(keyed: Tablet) -> None:
    stranger = generate_private_key()
    code = receipt_token("o", STORE, "dev-x", stranger, key_id_for(stranger.public_key()), NOW)
    refused(resolve_scan(keyed.ctx, code), TokenRejection.UNKNOWN_KEY.value)


# --- products ------------------------------------------------------------------------------


def test_a_product_label_shows_the_price_and_stock_here(keyed: Tablet) -> None:
    order(keyed, [("SHIRT-M", 2)])  # a ready pickup holds two
    ean = ean_of("SHIRT-M")
    check = resolve_scan(keyed.ctx, f"]E0{ean}")
    assert check == ProductCheck(
        ean=ean,
        sku="SHIRT-M",
        name="Produkt SHIRT-M",
        brand="Clerk",
        size="M",
        colour="navy",
        price=Money("129.99"),
        on_hand=20,
        held=2,
        available=18,
        stock_known=True,
    )


def test_a_product_without_a_stock_row_shows_zeros_and_says_so(keyed: Tablet) -> None:
    with keyed.store.unit() as unit:
        unit.cache.apply_changes(
            [{"entity": "inventory", "id": "SOCKS-1", "op": "delete", "data": None}]
        )
    check = resolve_scan(keyed.ctx, ean_of("SOCKS-1"))
    assert isinstance(check, ProductCheck)
    assert (check.on_hand, check.held, check.available, check.stock_known) == (0, 0, 0, False)


def test_an_unknown_product_is_refused(keyed: Tablet) -> None:
    refused(resolve_scan(keyed.ctx, "4006381333931"), UNKNOWN_PRODUCT)


# --- garbage -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", ScanRejection.EMPTY),
        ("   \r\n", ScanRejection.EMPTY),
        ("hello world", ScanRejection.UNKNOWN_FORMAT),
        ("5901234123458", ScanRejection.BAD_CHECK_DIGIT),
        ("CLK1.L.abc", ScanRejection.MALFORMED_TOKEN),
        ("CLK1.Z.abc.def", ScanRejection.UNKNOWN_KIND),
        ("x" * 5000, ScanRejection.TOO_LONG),
        ("CLK1.L.bm90LWpzb24.c2ln", TokenRejection.MALFORMED),
        ("CLK1.L.e30.c2ln", TokenRejection.MALFORMED),
        ("\x00\x00", ScanRejection.EMPTY),
        ("🙂🙂🙂", ScanRejection.UNKNOWN_FORMAT),
    ],
)
def test_garbage_is_refused_with_a_reason(keyed: Tablet, raw: str, code: str) -> None:
    refused(resolve_scan(keyed.ctx, raw), str(code))


def test_a_store_credit_code_is_told_apart_from_an_order_number(tablet: Tablet) -> None:
    code = credit_code("ret-1")
    assert resolve_scan(tablet.ctx, code) == StoreCreditScan(code)
    assert resolve_scan(tablet.ctx, f" {code.lower()} ") == StoreCreditScan(code)
    assert resolve_scan(tablet.ctx, "W26-0001234") == OrderNumberScan("W26-0001234")
