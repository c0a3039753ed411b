"""The Returns screen against the real central on loopback: an order of another channel fetched
from central and returned offline, queued, then synced (the card refund pending until central
pays it out); an order neither on the tablet nor reachable; and the same line returned at two
tablets at once — central refuses the second, and its clerk sees why."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from clerk.central import models as m
from clerk.domain.entities import ReturnReason
from clerk.store import LocalStore
from clerk.store.cache import CacheRepo
from clerk.sync.events import Connectivity
from clerk.ui.screens.returns.screen import ReturnsScreen
from clerk.ui.theme import LIGHT, apply_theme
from tests.central.factories import make_order
from tests.gui.conftest import settle
from tests.gui.pickup_desk import Desk, pickup_desk
from tests.support.faults import FaultProxy
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401

SIZE = (1180, 700)


@pytest.fixture
def central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:  # noqa: F811
    folder = tmp_path / "central"
    folder.mkdir()
    with serve_copy(central_template, folder) as live:
        yield live


def web_order(central: LiveCentral, qty: int = 1) -> tuple[str, str, str]:
    """A web order of a customer from another store, delivered 3 days ago, paid by card; only
    central has it: (order id, number, line id)."""
    now = datetime.now(UTC)
    with central.session() as session:
        customer = session.scalars(
            select(m.Customer).where(m.Customer.home_store_id != central.store_id).limit(1)
        ).one()
        sku, price = session.execute(
            select(m.Product.sku, m.Product.price)
            .where(m.Product.final_sale.is_(False), m.Product.age_restricted.is_(False))
            .order_by(m.Product.sku)
            .limit(1)
        ).one()
        made = make_order(
            session,
            lines=[(sku, qty, str(price))],
            payments=[("card", str(Decimal(price) * qty))],
            customer=customer,
            fulfilment="ship",
            status="delivered",
            created_at=now - timedelta(days=6),
            delivered_at=now - timedelta(days=3),
        )
        session.commit()
        return made.id, made.number, made.lines[0].id


def returns_screen(qtbot: QtBot, desk: Desk) -> ReturnsScreen:
    apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]
    desk.services.orders = desk.engine
    screen = ReturnsScreen(desk.services, LIGHT, _NoPins())
    screen.resize(*SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


class _NoPins:
    """No override is asked for in these tests."""

    def verify_override(self, *args: object, **kw: object) -> object:
        raise AssertionError("no override expected")


def found(qtbot: QtBot, desk: Desk, screen: ReturnsScreen, number: str) -> None:
    with qtbot.waitSignal(screen.purchaseShown, timeout=10_000):
        screen.find_number(number)
    qtbot.wait(120)
    settle(qtbot, desk.bridge)


def return_one(qtbot: QtBot, desk: Desk, screen: ReturnsScreen, line_id: str) -> None:
    row = screen.decide.row(line_id)
    qtbot.mouseClick(row.plus, Qt.MouseButton.LeftButton)
    row.set_reason(ReturnReason.NOT_AS_DESCRIBED)
    qtbot.wait(120)
    settle(qtbot, desk.bridge)
    assert screen.decide.refund.confirm.isEnabled(), screen.decide.refund.message.text()
    with qtbot.waitSignal(screen.returned, timeout=5000):
        screen.primary_action()  # what the window's Ctrl+Enter shortcut calls
    settle(qtbot, desk.bridge)


def closed(qtbot: QtBot, desk: Desk, screen: ReturnsScreen) -> None:
    qtbot.wait(20)
    settle(qtbot, desk.bridge)
    screen.close()
    screen.deleteLater()
    qtbot.wait(20)


def central_returns(central: LiveCentral, order_id: str) -> list[m.Return]:
    with central.session() as session:
        rows = session.scalars(select(m.Return).where(m.Return.order_id == order_id)).all()
        for row in rows:
            _ = [r.status for r in row.refunds]
        return list(rows)


def test_an_order_fetched_from_central_is_returned_offline_then_synced(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    order_id, number, line_id = web_order(central)
    other_id, other_number, _ = web_order(central)
    fate = {"now": "pass"}
    proxy = FaultProxy(central.url, lambda _seen: fate["now"])
    with proxy.running() as url, pickup_desk(central, local_store, tmp_path, via=url) as desk:
        screen = returns_screen(qtbot, desk)
        try:
            # Online: the number finds the web order at central; the tablet keeps it.
            found(qtbot, desk, screen, number)
            assert screen.decide.purchase is not None
            assert screen.decide.purchase.source == "central"
            assert "fetched from central" in screen.decide.facts.text()

            fate["now"] = "hangup"  # the line goes down
            assert desk.engine.sync_once().connectivity == Connectivity.OFFLINE
            # Kept on the tablet: found again and returned offline.
            screen.back_to_find()
            found(qtbot, desk, screen, number)
            assert screen.decide.purchase.source == "tablet"
            return_one(qtbot, desk, screen, line_id)
            assert screen.outcome is not None
            return_id = screen.outcome.value.id
            done = screen.done
            assert done.state == "pending"
            assert done.status_text.startswith("Saved on this tablet and queued")
            assert done.pending.isVisible() and "to the card is pending" in done.pending.text()
            assert not central_returns(central, order_id)

            # Another order, never fetched, cannot be found offline: the clerk is told why.
            screen.back_to_find()
            screen.find_number(other_number)
            qtbot.waitUntil(lambda: "cannot be reached" in screen.banner.text(), timeout=10_000)
            settle(qtbot, desk.bridge)
            assert screen.showing == "find"

            fate["now"] = "pass"  # back online
            assert desk.engine.sync_once().pushed == 1
            [booked] = central_returns(central, order_id)
            assert booked.id == return_id
            assert [r.status for r in booked.refunds] == ["issued"]
            with central.session() as session:
                notes = session.scalars(
                    select(m.Notification.template).where(m.Notification.order_id == order_id)
                ).all()
            assert "refund_issued" in notes
            # The done page follows: central has it, and the card refund is issued.
            screen.pages.setCurrentWidget(screen.done)
            qtbot.waitUntil(lambda: done.state == "done", timeout=5000)
            qtbot.waitUntil(lambda: done.pending.isHidden(), timeout=5000)
            assert done.status_text == "Central has the return."
            assert other_id
        finally:
            closed(qtbot, desk, screen)


def test_the_same_line_returned_at_two_tablets_central_refuses_the_second(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    order_id, number, line_id = web_order(central)
    second_store = LocalStore.open(f"sqlite:///{tmp_path / 'second.db'}")
    try:
        with (
            pickup_desk(central, local_store, tmp_path / "first") as first,
            pickup_desk(central, second_store, tmp_path / "second") as second,
        ):
            screen_1, screen_2 = returns_screen(qtbot, first), returns_screen(qtbot, second)
            try:
                # The customer brings the item to one tablet; a relative, with the same
                # receipt, to the other — at the same moment.
                found(qtbot, first, screen_1, number)
                found(qtbot, second, screen_2, number)
                return_one(qtbot, first, screen_1, line_id)
                return_one(qtbot, second, screen_2, line_id)

                assert first.engine.sync_once().pushed == 1
                report = second.engine.sync_once()
                assert (report.pushed, report.refused) == (0, 1)
                [refused] = second.commands("create_return")
                assert refused.state == "attention" and refused.status == 422
                assert refused.problem["type"].endswith("nothing-left")
                words = refused.problem["detail"]
                assert "already been returned" in words

                done = screen_2.done
                qtbot.waitUntil(lambda: done.state == "attention", timeout=5000)
                assert done.status_text.startswith("Central refused this return")
                # Central's problem type in the app's words (translated like the Attention list).
                assert "Everything of this line had already been returned." in done.status_text
                assert done.title.text() == "Refused by central"
                assert not done.receipt.print_button.isEnabled()
                assert len(central_returns(central, order_id)) == 1
                # Opened again at the second tablet: nothing left to return, in words.
                screen_2.back_to_find()
                found(qtbot, second, screen_2, number)
                row = screen_2.decide.row(line_id)
                assert row.item.returnable == 0
                assert row.verdict.text() == "Nothing left to return: all of it has come back."
            finally:
                closed(qtbot, first, screen_1)
                closed(qtbot, second, screen_2)
    finally:
        second_store.close()


def test_two_tablets_returning_other_units_of_one_order_both_book(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    """Both tablets hold the order at one version. The second returns a unit while its
    return waits unsent (as offline); the first returns the other unit and syncs, moving the
    version. The second's return still books: it names no version, and central finds the
    unit still returnable under the order's lock."""
    order_id, number, line_id = web_order(central, qty=2)
    second_store = LocalStore.open(f"sqlite:///{tmp_path / 'second.db'}")
    try:
        with (
            pickup_desk(central, local_store, tmp_path / "first") as first,
            pickup_desk(central, second_store, tmp_path / "second") as second,
        ):
            screen_1, screen_2 = returns_screen(qtbot, first), returns_screen(qtbot, second)
            try:
                found(qtbot, first, screen_1, number)
                found(qtbot, second, screen_2, number)
                return_one(qtbot, second, screen_2, line_id)  # waits on the second tablet
                [mine] = second.commands("create_return")
                assert mine.if_match is None  # a return names no order version
                return_one(qtbot, first, screen_1, line_id)
                assert first.engine.sync_once().pushed == 1

                report = second.engine.sync_once()
                assert (report.pushed, report.refused) == (1, 0)
                assert second.commands("create_return") == []  # none waits, none refused
                done = screen_2.done
                qtbot.waitUntil(lambda: done.state == "done", timeout=5000)
                assert done.title.text() == "Return complete"
                assert len(central_returns(central, order_id)) == 2
            finally:
                closed(qtbot, first, screen_1)
                closed(qtbot, second, screen_2)
    finally:
        second_store.close()


def test_an_order_from_central_is_kept_by_the_writer_not_a_reader(
    qtbot: QtBot,
    central: LiveCentral,
    local_store: LocalStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The look-up (a network call) runs on a reader; the fetched rows are written on the
    one writer thread, like every write."""
    order_id, number, _line_id = web_order(central)
    writes: list[str] = []
    apply_entity = CacheRepo.apply_entity

    def spied(self: CacheRepo, entity: str, data: dict[str, Any], **kw: Any) -> Any:
        if data.get("id") == order_id:
            writes.append(threading.current_thread().name)
        return apply_entity(self, entity, data, **kw)

    monkeypatch.setattr(CacheRepo, "apply_entity", spied)
    with pickup_desk(central, local_store, tmp_path) as desk:
        screen = returns_screen(qtbot, desk)
        try:
            found(qtbot, desk, screen, number)
            assert screen.decide.purchase is not None
            assert screen.decide.purchase.source == "central"
            assert writes and all(name.startswith("clerk-writer") for name in writes), writes
        finally:
            closed(qtbot, desk, screen)
