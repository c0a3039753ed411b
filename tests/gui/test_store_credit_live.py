"""Store credit end to end against the real central on loopback: a return refunded as store
credit shows its code, central books it under that code, and a Counter sale pays with it —
central checks the balance; offline the tender says in words that it needs central."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from clerk.central import models as m
from clerk.domain.entities import ReturnReason, Role, Tender
from clerk.domain.money import Money
from clerk.domain.store_credit import credit_code
from clerk.services.scanning import ProductCheck, StoreCreditScan, resolve_scan
from clerk.store import LocalStore
from clerk.ui.models.attention import refusal_text
from clerk.ui.scanning.router import ScanRouter
from clerk.ui.screens.counter.checkout import CheckoutDialog
from clerk.ui.session import SignedInStaff
from clerk.ui.theme import LIGHT
from tests.gui.app_rig import SALES
from tests.gui.conftest import settle
from tests.gui.pickup_desk import Desk, pickup_desk
from tests.gui.test_returns_live import closed, found, returns_screen, web_order
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401


@pytest.fixture
def central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:  # noqa: F811
    folder = tmp_path / "central"
    folder.mkdir()
    with serve_copy(central_template, folder) as live:
        yield live


def _return_as_credit(qtbot: QtBot, desk: Desk, central: LiveCentral) -> tuple[str, str, Money]:
    """A web order returned here as store credit and synced: (code, sku, amount)."""
    order_id, number, line_id = web_order(central)
    screen = returns_screen(qtbot, desk)
    try:
        found(qtbot, desk, screen, number)
        row = screen.decide.row(line_id)
        qtbot.mouseClick(row.plus, Qt.MouseButton.LeftButton)
        row.set_reason(ReturnReason.CHANGED_MIND)
        qtbot.mouseClick(screen.decide.refund.store_credit, Qt.MouseButton.LeftButton)
        qtbot.wait(120)
        settle(qtbot, desk.bridge)
        with qtbot.waitSignal(screen.returned, timeout=5000):
            screen.primary_action()
        settle(qtbot, desk.bridge)
        assert screen.outcome is not None
        ret = screen.outcome.value
        code = credit_code(ret.id)
        [refund] = ret.refunds
        assert (refund.tender, refund.reference) == (Tender.STORE_CREDIT, code)
        # The done page names the code the customer spends it by.
        shown = [label.text() for label in screen.done.refunds.findChildren(QLabel)]
        assert f"Store credit, code {code}" in shown
        assert desk.engine.sync_once().pushed == 1
    finally:
        closed(qtbot, desk, screen)
    with central.session() as session:
        booked = session.scalars(select(m.Refund).where(m.Refund.reference == code)).one()
        assert booked.tender == "store_credit"
        order = session.get(m.Order, order_id)
        assert order is not None
        sku = order.lines[0].sku
    return code, sku, refund.amount


def _as_sales_clerk(desk: Desk) -> None:
    with desk.ctx.store.unit(read_only=True) as unit:
        member = unit.staff.get(SALES[0])
    assert member is not None
    desk.services.session.sign_in(SignedInStaff(member.id, member.name, Role.SALES))


def _checkout(qtbot: QtBot, desk: Desk, sku: str) -> CheckoutDialog:
    dialog = CheckoutDialog(desk.services, LIGHT, None, None)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    with desk.ctx.store.unit(read_only=True) as unit:
        product = unit.catalog.product(sku)
    assert product is not None
    check = resolve_scan(desk.ctx, product.ean)
    assert isinstance(check, ProductCheck)
    dialog.add_product(check)
    settle(qtbot, desk.bridge)
    return dialog


def _check_code(qtbot: QtBot, desk: Desk, dialog: CheckoutDialog, code: str) -> None:
    dialog.credit.code_field.clear()
    qtbot.keyClicks(dialog.credit.code_field, code.lower())
    qtbot.mouseClick(dialog.credit.check_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk.bridge)


def _spent(central: LiveCentral, code: str) -> Decimal:
    with central.session() as session:
        return Decimal(
            session.execute(
                select(func.coalesce(func.sum(m.Payment.amount), 0)).where(
                    m.Payment.tender == "store_credit", m.Payment.reference == code
                )
            ).scalar_one()
        )


def test_a_return_as_store_credit_pays_a_counter_sale_checked_by_central(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    with pickup_desk(central, local_store, tmp_path) as desk:
        code, sku, amount = _return_as_credit(qtbot, desk, central)
        _as_sales_clerk(desk)

        # Offline (no way to ask central): the tender says so and takes nothing.
        dialog = _checkout(qtbot, desk, sku)
        try:
            _check_code(qtbot, desk, dialog, code)
            assert "needs central to be reachable" in dialog.credit.note_text()
            assert dialog.credit.tendered() is None
            # A code mistyped beyond repair is said so at once.
            _check_code(qtbot, desk, dialog, "SC-12")
            assert "not a store-credit code" in dialog.credit.note_text()
        finally:
            dialog.abandon()
            qtbot.wait(20)

        # Online: central says what is left; the sale takes at most that and what is due.
        desk.services.credits = desk.engine
        dialog = _checkout(qtbot, desk, sku)
        try:
            assert dialog.total == amount  # the same goods: the credit pays all of it
            _check_code(qtbot, desk, dialog, code)
            assert dialog.credit.code == code and dialog.credit.balance == amount
            assert dialog.credit.amount == amount and dialog.amount_due.is_zero()
            assert f"{code}:" in dialog.credit.note_text()
            words = dialog.payment.balance_box.text()
            assert words == "Store credit pays for the rest; nothing more to take."
            assert dialog.can_confirm
            dialog.confirm()
            settle(qtbot, desk.bridge)
            assert dialog.order is not None
            assert [(p.tender, p.reference) for p in dialog.order.payments] == [
                (Tender.STORE_CREDIT, code)
            ]
        finally:
            dialog.accept()
            qtbot.wait(20)
        assert desk.engine.sync_once().pushed == 1
        assert _spent(central, code) == amount.amount

        # Spent: scanning it again (a wedge scan, routed to the checkout) says nothing is left.
        dialog = _checkout(qtbot, desk, sku)
        router = ScanRouter(desk.ctx, desk.bridge)
        router.set_accepting(True)
        try:
            with qtbot.waitSignal(router.storeCreditScanned, timeout=5000) as scanned:
                router.submit(code.lower())
            assert scanned.args == [StoreCreditScan(code)]
            dialog.credit.take_code(scanned.args[0].code)
            settle(qtbot, desk.bridge)
            assert "used up" in dialog.credit.note_text()
            assert dialog.credit.tendered() is None
        finally:
            dialog.abandon()
            qtbot.wait(20)


def test_credit_spent_at_another_till_meanwhile_is_refused_in_words(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    with pickup_desk(central, local_store, tmp_path) as desk:
        code, sku, amount = _return_as_credit(qtbot, desk, central)
        _as_sales_clerk(desk)
        desk.services.credits = desk.engine
        dialog = _checkout(qtbot, desk, sku)
        try:
            _check_code(qtbot, desk, dialog, code)
            assert dialog.credit.amount == amount
            # Another till spends the whole credit before this sale reaches central.
            other = {
                "staff_id": SALES[0],
                "lines": [{"sku": sku, "qty": 1}],
                "payments": [
                    {"tender": "store_credit", "amount": str(amount.amount), "reference": code}
                ],
            }
            assert (
                desk.engine.client.send(
                    "POST", "/v1/orders", other, idempotency_key="other-till"
                ).status
                == 201
            )
            dialog.confirm()
            settle(qtbot, desk.bridge)
            assert dialog.order is not None
        finally:
            dialog.accept()
            qtbot.wait(20)
        desk.engine.sync_once()
        with desk.ctx.store.unit(read_only=True) as unit:
            [refused] = [c for c in unit.outbox.attention() if c.kind == "store_sale"]
        assert "spent meanwhile" in refusal_text(refused.problem)
        assert _spent(central, code) == amount.amount  # spent once, never twice
