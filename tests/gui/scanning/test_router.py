"""The scan router: every outcome as exactly one signal, refusals in words, nothing while
nobody is signed in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import SignalInstance
from pytestqt.qtbot import QtBot

from clerk.domain.tokens import loyalty_token, pickup_token, receipt_token
from clerk.services.scanning import (
    CustomerScan,
    OrderNumberScan,
    PickupScan,
    ProductCheck,
    ReceiptScan,
)
from clerk.ui.bridge import ServiceBridge
from clerk.ui.scanning import router as router_module
from clerk.ui.scanning.router import Preview, ScanRouter
from tests.gui.scanning.conftest import (
    CARD,
    CENTRAL,
    CENTRAL_KID,
    DEVICE_KEY,
    DEVICE_KID,
    SHIRT_EAN,
)
from tests.services.world import DEVICE, NOW, STORE, Tablet

SIGNALS = (
    "customerScanned",
    "pickupScanned",
    "receiptScanned",
    "productChecked",
    "orderNumberEntered",
    "rejected",
)


@pytest.fixture
def router(keyed_tablet: Tablet, bridge: ServiceBridge) -> ScanRouter:
    router = ScanRouter(keyed_tablet.ctx, bridge)
    router.set_accepting(True)
    return router


def routed(qtbot: QtBot, router: ScanRouter, raw: str, expected: str) -> object:
    """Submit ``raw``; exactly ``expected`` fires (once); returns what it carried."""
    heard: dict[str, list[object]] = {name: [] for name in SIGNALS}
    for name in SIGNALS:
        signal: SignalInstance = getattr(router, name)
        signal.connect(lambda value, *_more, name=name: heard[name].append(value))
    with qtbot.waitSignal(getattr(router, expected), timeout=3000):
        router.submit(raw)
    qtbot.wait(50)  # a second signal would have come by now
    assert {name: len(values) for name, values in heard.items() if values} == {expected: 1}
    return heard[expected][0]


def test_a_loyalty_code_names_the_customer(qtbot: QtBot, router: ScanRouter) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW)
    assert routed(qtbot, router, code, "customerScanned") == CustomerScan(
        "cust-gold", CARD, "token"
    )


def test_a_customer_scan_brings_what_the_preview_read_with_it(
    qtbot: QtBot, keyed_tablet: Tablet, bridge: ServiceBridge
) -> None:
    read: list[str] = []

    def preview(ctx: object, customer_id: str) -> str:
        read.append(customer_id)
        return f"360 of {customer_id}"

    router = ScanRouter(keyed_tablet.ctx, bridge, preview=preview)
    router.set_accepting(True)
    with qtbot.waitSignal(router.customerScanned, timeout=3000) as heard:
        router.submit(CARD)
    scan, answer = heard.args
    assert scan == CustomerScan("cust-gold", CARD, "card")
    assert answer == Preview("360 of cust-gold")
    # Not wanted (the pickup desk answers loyalty scans itself): nothing is read.
    router.preview_customers = False
    with qtbot.waitSignal(router.customerScanned, timeout=3000) as heard:
        router.submit(CARD)
    assert heard.args[1] is None
    # A scan that is not a customer's reads nothing either.
    router.preview_customers = True
    code = pickup_token("ord-7", STORE, "123456", CENTRAL, CENTRAL_KID, NOW)
    with qtbot.waitSignal(router.pickupScanned, timeout=3000):
        router.submit(code)
    assert read == ["cust-gold"]


def test_a_loyalty_card(qtbot: QtBot, router: ScanRouter) -> None:
    assert routed(qtbot, router, CARD, "customerScanned") == CustomerScan("cust-gold", CARD, "card")


def test_a_pickup_code(qtbot: QtBot, router: ScanRouter) -> None:
    code = pickup_token("ord-7", STORE, "123456", CENTRAL, CENTRAL_KID, NOW)
    assert routed(qtbot, router, code, "pickupScanned") == PickupScan("ord-7", "123456")


def test_a_receipt(qtbot: QtBot, router: ScanRouter) -> None:
    code = receipt_token("ord-8", STORE, DEVICE, DEVICE_KEY, DEVICE_KID, NOW)
    assert routed(qtbot, router, code, "receiptScanned") == ReceiptScan("ord-8", STORE, DEVICE)


def test_a_product_label(qtbot: QtBot, router: ScanRouter) -> None:
    check = routed(qtbot, router, SHIRT_EAN, "productChecked")
    assert isinstance(check, ProductCheck)
    assert (check.sku, check.available) == ("SHIRT-M", 20)


def test_a_typed_order_number_goes_to_the_returns_desk(qtbot: QtBot, router: ScanRouter) -> None:
    for typed, number in (
        ("W26-0001234", "W26-0001234"),
        (" waw-01-260310-4f2a9c ", "WAW-01-260310-4F2A9C"),
    ):
        assert routed(qtbot, router, typed, "orderNumberEntered") == OrderNumberScan(number)
    # Words and short codes are no order numbers.
    for text in ("hello", "AB-12"):
        routed(qtbot, router, text, "rejected")


def test_a_refusal_is_in_words(qtbot: QtBot, router: ScanRouter) -> None:
    text = routed(qtbot, router, "hello", "rejected")
    assert text == (
        "This code is not a product, loyalty card, pickup or receipt code — scan another one."
    )


def test_another_store_s_pickup_names_the_store(qtbot: QtBot, router: ScanRouter) -> None:
    code = pickup_token("ord-9", "KRK-01", "1", CENTRAL, CENTRAL_KID, NOW)
    text = routed(qtbot, router, code, "rejected")
    assert text == "This order is collected at KRK-01, not here — send the customer there."


def test_an_expired_code_says_what_to_do(qtbot: QtBot, router: ScanRouter) -> None:
    code = loyalty_token("cust-gold", CENTRAL, CENTRAL_KID, NOW - timedelta(hours=1))
    text = routed(qtbot, router, code, "rejected")
    assert text == "This code has expired — ask the customer to refresh it in the app."


def test_nothing_is_used_while_nobody_is_signed_in(
    qtbot: QtBot, keyed_tablet: Tablet, bridge: ServiceBridge
) -> None:
    router = ScanRouter(keyed_tablet.ctx, bridge)
    assert not router.accepting  # until someone signs in
    text = routed(qtbot, router, CARD, "rejected")
    assert text == "Sign in first — the scan was not used."


def test_a_scan_answered_after_the_screen_locked_is_not_used(
    qtbot: QtBot, router: ScanRouter
) -> None:
    heard: list[str] = []
    router.rejected.connect(heard.append)
    with qtbot.assertNotEmitted(router.customerScanned, wait=200):
        router.submit(CARD)
        router.set_accepting(False)  # locked before the answer came back
        qtbot.waitUntil(lambda: bool(heard))
    assert heard == ["Sign in first — the scan was not used."]


def test_a_failure_while_checking_is_still_answered(
    qtbot: QtBot, router: ScanRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> object:
        raise OSError("disk I/O error")

    monkeypatch.setattr(router_module, "resolve_scan", broken)
    text = routed(qtbot, router, CARD, "rejected")
    assert "could not be checked" in str(text)
