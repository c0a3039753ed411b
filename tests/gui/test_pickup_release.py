"""The release side of the pickup desk, as the clerk uses it: verify (pickup code, loyalty code,
phone digits), who collects, hand over all or part with refusals becoming a return in the same
command, the 18+ check, no second release, the done view with the receipt, and the customer's
effort score. Over the tablet's real store and services; the offline release and the
second-tablet conflict run against the real central on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clerk.domain.entities import Order, ReturnCondition, ReturnReason
from clerk.domain.tokens import key_id_for, pickup_token, private_key_text
from clerk.services import Verification, release_pickup
from clerk.services.pickup_queue import PickupDetail, pickup_detail
from clerk.services.scanning import PickupScan
from clerk.store import LocalStore
from clerk.sync.events import Connectivity
from clerk.ui.scanning.router import ScanRouter
from clerk.ui.screens.pickup.effort import EffortDialog
from clerk.ui.screens.pickup.release import ReleasePanel
from clerk.ui.session import AppServices
from clerk.ui.theme import LIGHT, apply_theme
from tests.gui.conftest import GuiWorld, settle
from tests.gui.layout_check import StretchTranslator, clipped
from tests.gui.pickup_desk import (
    Desk,
    central_order,
    central_stock,
    pickup_desk,
    plain_ready_order,
)
from tests.printing.pdf import read_pdf
from tests.services.world import NOW, STORE, order, put_keys
from tests.support.faults import FaultProxy
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401

CENTRAL_KEY = Ed25519PrivateKey.generate()
DEVICE_KEY = Ed25519PrivateKey.generate()
SIZE = (1170, 660)  # what the Pickup screen leaves the panel on a 1280×800 tablet


@pytest.fixture
def services(qapp: QApplication, gui_world: GuiWorld) -> AppServices:
    """Piotr (pickup desk) signed in, the tablet holding its receipt key, the app's theme."""
    apply_theme(qapp, "light")
    services = gui_world.services_as("piotr")
    services.receipt_key = private_key_text(DEVICE_KEY)
    return services


@pytest.fixture
def panel(qtbot: QtBot, gui_world: GuiWorld, services: AppServices) -> Iterator[ReleasePanel]:
    panel = ReleasePanel(services, LIGHT)
    panel.resize(*SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    # Not qtbot.addWidget: ops still running would answer to a deleted panel.
    settle(qtbot, gui_world.bridge)
    panel.close()
    panel.deleteLater()


def detail(world: GuiWorld, order_id: str) -> PickupDetail:
    return pickup_detail(world.tablet.ctx, order_id)


def released(qtbot: QtBot, world: GuiWorld, panel: ReleasePanel, click: bool = True) -> Order:
    """Release what the panel shows (a click, or Ctrl+Enter), waiting for the answer."""
    with qtbot.waitSignal(panel.released, timeout=5000) as caught:
        if click:
            qtbot.mouseClick(panel.release_button, Qt.MouseButton.LeftButton)
        else:
            panel.primary_action()
    settle(qtbot, world.bridge)
    order = caught.args[0]
    assert isinstance(order, Order)
    return order


def commands(world: GuiWorld, kind: str) -> list[Any]:
    return [c for c in world.tablet.commands() if c.kind == kind]


def only_release(world: GuiWorld) -> dict[str, Any]:
    found = commands(world, "release_pickup")
    assert len(found) == 1
    body: dict[str, Any] = found[0].body
    return body


def open_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


# -- verification ----------------------------------------------------------------------------


def test_a_pickup_code_releases_a_ready_order_in_two_interactions(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    tablet = gui_world.tablet
    ready = order(tablet, [("SHIRT-M", 1), ("SOCKS-1", 2)])
    put_keys(tablet, CENTRAL_KEY, DEVICE_KEY)
    code = pickup_token(
        ready.id, STORE, "123456", CENTRAL_KEY, key_id_for(CENTRAL_KEY.public_key()), NOW
    )
    # The screen's part: a scanned pickup code opens its order with method "pickup_token".
    router = ScanRouter(tablet.ctx, gui_world.bridge)
    router.set_accepting(True)

    def open_scanned(scan: PickupScan) -> None:
        panel.show_order(detail(gui_world, scan.order_id), "pickup_token")

    router.pickupScanned.connect(open_scanned)
    interactions = 0

    router.submit(code)  # 1: the customer's code under the scanner
    interactions += 1
    qtbot.waitUntil(lambda: panel.detail is not None)
    assert panel.form.header.verified.text() == "✓ Verified by the pickup QR code"
    assert panel.form.header.shelf.text() == "A-1"
    assert panel.release_button.text() == "Release all" and panel.can_release
    assert panel.form.phone_check.isHidden() and panel.form.age_box.isHidden()

    order_now = released(qtbot, gui_world, panel)  # 2: Release all
    interactions += 1

    assert interactions == 2 and not open_dialogs()  # no confirmation on the way
    assert order_now.status == "collected" and panel.showing_done
    body = only_release(gui_world)
    assert body["verification"] == {
        "method": "pickup_token",
        "collected_by": "Łucja Wójcik",
        "id_last4": None,
        "age_checked": False,
    }
    assert "lines" not in body and "refused" not in body  # everything, as it waited
    assert tablet.stock("SOCKS-1") == (18, 0)
    assert gui_world.sync_requests  # the engine is asked to send it now


def test_a_loyalty_code_then_ctrl_enter(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("JEANS-32", 1)])
    panel.show_order(detail(gui_world, ready.id), "loyalty")
    assert panel.form.header.verified.text() == "✓ Verified by the customer's loyalty code"
    released(qtbot, gui_world, panel, click=False)
    assert only_release(gui_world)["verification"]["method"] == "loyalty"
    assert panel.showing_done


def test_opened_from_the_queue_the_phone_digits_verify_first(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), None)
    field = panel.form.phone_check.field
    assert panel.form.phone_check.isVisible() and field.hasFocus()
    assert not panel.can_release and "Verify the customer first" in panel.form.hint.text()
    assert panel.form.header.verified.text() == "Not verified yet"
    panel.primary_action()  # Ctrl+Enter does nothing yet
    assert not commands(gui_world, "release_pickup")

    qtbot.keyClicks(field, "123")
    assert "do not match" in panel.form.phone_check.hint.text() and not panel.can_release
    field.clear()
    qtbot.keyClicks(field, "567")  # +48 601 234 567
    assert panel.form.phone_check.hint.text() == "The digits match."
    assert panel.form.header.verified.text() == "✓ Verified by the order number and phone digits"
    assert panel.can_release and panel.form.hint.text() == ""
    released(qtbot, gui_world, panel)
    assert only_release(gui_world)["verification"]["method"] == "number_phone"


def test_three_wrong_phone_digits_stop_the_check(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), None)
    field = panel.form.phone_check.field
    for wrong in ("111", "222", "333"):
        field.clear()
        qtbot.keyClicks(field, wrong)
    assert not field.isEnabled() and "Scan the pickup code" in panel.form.phone_check.hint.text()
    assert not panel.can_release
    # The customer finds the notification: the scan opens the order verified.
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    assert panel.can_release and panel.form.phone_check.isHidden()


# -- who collects, age, refusals --------------------------------------------------------------


def test_someone_else_collects_with_their_name_and_id(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    box = panel.form.collector
    assert box.customer.text() == "The customer: Łucja Wójcik" and box.name.isHidden()
    qtbot.mouseClick(box.other, Qt.MouseButton.LeftButton)
    assert box.name.isVisible() and box.id_last4.isVisible()
    assert not panel.can_release and panel.form.hint.text() == (
        "Write down the name of the person collecting."
    )
    qtbot.keyClicks(box.name, "Jan Nowak")
    assert not panel.can_release and "last four" in panel.form.hint.text()
    qtbot.keyClicks(box.id_last4, "ab1")
    assert not panel.can_release
    qtbot.keyClicks(box.id_last4, "2x")  # a fifth character does not fit
    assert box.id_last4.text() == "AB12" and panel.can_release
    released(qtbot, gui_world, panel)
    assert only_release(gui_world)["verification"] == {
        "method": "pickup_token",
        "collected_by": "Jan Nowak",
        "id_last4": "AB12",
        "age_checked": False,
    }
    assert panel.done_view is not None
    assert "collected by Jan Nowak" in panel.done_view.subtitle.text()


def test_age_restricted_items_need_the_id_check(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("WINE-1", 1), ("SOCKS-1", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    wine = next(row for row in panel.form.rows if row.line.sku == "WINE-1")
    assert wine.adult.isVisible() and panel.form.age_box.isVisible()
    assert not panel.can_release
    assert panel.form.hint.text() == "Check the ID for the 18+ items and tick the box."
    # Refusing the wine hands nothing 18+ over: no check needed.
    qtbot.mouseClick(wine.refuse, Qt.MouseButton.LeftButton)
    assert panel.can_release
    qtbot.mouseClick(wine.refuse, Qt.MouseButton.LeftButton)  # "Hand over all" again
    assert not panel.can_release
    qtbot.mouseClick(panel.form.age_check, Qt.MouseButton.LeftButton)
    assert panel.form.age_check.isChecked() and panel.can_release
    released(qtbot, gui_world, panel)
    assert only_release(gui_world)["verification"]["age_checked"] is True


def test_a_refused_line_becomes_a_return_in_the_same_command(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    tablet = gui_world.tablet
    ready = order(tablet, [("SHIRT-M", 1), ("JEANS-32", 2)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    jeans = next(row for row in panel.form.rows if row.line.sku == "JEANS-32")
    assert jeans.waiting.text() == "2 waiting on the shelf" and jeans.refusal.isHidden()
    qtbot.mouseClick(jeans.minus, Qt.MouseButton.LeftButton)
    assert jeans.handover == 1 and jeans.refused == 1 and jeans.refusal.isVisible()
    jeans.reason.setCurrentIndex(jeans.reason.findData("too_small"))
    qtbot.mouseClick(jeans.damaged, Qt.MouseButton.LeftButton)
    assert jeans.refund.text() == (
        "Becomes a return now, damaged, written off; 249,00\u00a0zł is refunded to the "
        "original payment under the return policy."
    )
    assert panel.release_button.text() == "Hand over 2, refuse 1"

    order_now = released(qtbot, gui_world, panel)

    assert order_now.status == "partially_collected"
    body = only_release(gui_world)
    assert body["lines"] == [
        {"line_id": f"{ready.id}-1", "qty": 1},
        {"line_id": f"{ready.id}-2", "qty": 1},
    ]
    assert body["refused"] == [
        {"line_id": f"{ready.id}-2", "qty": 1, "reason": "too_small", "condition": "damaged"}
    ]
    with tablet.store.unit(read_only=True) as unit:
        (ret,) = unit.orders.returns_of(ready.id)
    assert ret.source == "pickup_refusal" and [(x.qty, x.reason) for x in ret.lines] == [
        (1, ReturnReason.TOO_SMALL)
    ]
    assert ret.lines[0].condition == ReturnCondition.DAMAGED
    assert tablet.stock("JEANS-32") == (18, 0)  # one taken home, one written off
    done = panel.done_view
    assert done is not None
    qtbot.waitUntil(lambda: done.findChild(QWidget, "refund_online") is not None)
    taken = done.findChild(QWidget, f"takenLine_{ready.id}-2")
    assert taken is not None and taken.text() == "1 × Produkt JEANS-32"
    refused = done.findChild(QWidget, f"refusedLine_{ready.id}-2")
    assert refused is not None
    assert refused.text() == "1 × Produkt JEANS-32: Too small, damaged, written off"
    amount = done.findChild(QWidget, "refund_onlineAmount")
    assert amount is not None and amount.text() == "249,00\u00a0zł"


def test_the_receipt_shows_what_was_taken_and_the_refund(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel, qapp: QApplication, tmp_path: Path
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1), ("SOCKS-1", 2)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    socks = next(row for row in panel.form.rows if row.line.sku == "SOCKS-1")
    socks.refuse_units(1, ReturnReason.CHANGED_MIND)
    released(qtbot, gui_world, panel)
    done = panel.done_view
    assert done is not None and done.receipt.print_button.isEnabled()
    target = tmp_path / "pickup.pdf"
    with qtbot.waitSignal(done.receipt.saved, timeout=10000):
        done.receipt.save_pdf(target, "a4")
    settle(qtbot, gui_world.bridge)
    doc, text = read_pdf(qapp, target)
    doc.close()
    for expected in (
        ready.number,
        "Produkt SHIRT-M",
        "Produkt SOCKS-1",
        "Served by Piotr",
        "149,98 zł",  # what the customer keeps: 129,99 + 19,99
        "Refund: Paid online -19,99 zł",
        "Pickup saved offline",
    ):
        assert expected in text, expected
    assert done.receipt.message_text == f"The receipt is saved as {target}."


# -- never twice -------------------------------------------------------------------------------


def test_the_button_is_off_while_the_release_runs_and_the_order_is_not_released_twice(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    with qtbot.waitSignal(panel.released, timeout=5000):
        qtbot.mouseClick(panel.release_button, Qt.MouseButton.LeftButton)
        assert panel.releasing and not panel.can_release
        qtbot.mouseClick(panel.release_button, Qt.MouseButton.LeftButton)  # a nervous double tap
        panel.primary_action()
    settle(qtbot, gui_world.bridge)
    assert len(commands(gui_world, "release_pickup")) == 1

    # Opened again (a second scan of the same code): queued here, it cannot go again.
    again = detail(gui_world, ready.id)
    assert again.entry.pending
    panel.show_order(again, "pickup_token")
    assert not panel.showing_done and not panel.can_release
    assert "already been collected" in panel.state_text or "Collected on" in panel.state_text
    assert "waits to be sent to central" in panel.state_text
    panel.primary_action()
    settle(qtbot, gui_world.bridge)
    assert len(commands(gui_world, "release_pickup")) == 1


def test_a_refused_release_says_why_and_keeps_the_input(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    tablet = gui_world.tablet
    ready = order(tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    panel.form.collector.choose_someone_else("Jan Nowak", "AB12")
    # Meanwhile a colleague hands it over at the other end of the desk (same tablet).
    release_pickup(
        tablet.ctx, tablet.actor("maria"), ready.id, Verification("pickup_token", "Łucja Wójcik")
    )
    qtbot.mouseClick(panel.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.releasing)
    settle(qtbot, gui_world.bridge)
    assert panel.message_text == "This order has already been collected — hand nothing over."
    assert not panel.showing_done and not panel.can_release
    assert (
        panel.form.collector.name.text() == "Jan Nowak" and panel.form.collector.id_text() == "AB12"
    )
    assert len(commands(gui_world, "release_pickup")) == 1  # the colleague's


def test_esc_asks_before_losing_input_and_closes_the_done_view(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1), ("SOCKS-1", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    assert panel.cancel() is False  # nothing entered: the screen goes back to the queue
    panel.form.rows[1].refuse_units(1)
    assert panel.cancel() is True and panel.asking_discard
    assert panel.cancel() is True and not panel.asking_discard  # a second Esc stays
    panel.form.rows[1].set_handover(1)
    released(qtbot, gui_world, panel)
    with qtbot.waitSignal(panel.closed, timeout=1000):
        assert panel.cancel() is True


# -- after the release: the effort score ------------------------------------------------------


def test_the_effort_score_is_recorded_as_feedback(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    released(qtbot, gui_world, panel)
    done = panel.done_view
    assert done is not None
    qtbot.mouseClick(done.effort_button, Qt.MouseButton.LeftButton)
    dialog = panel.effort_dialog
    assert isinstance(dialog, EffortDialog) and dialog.isVisible()
    dialog.thanks_ms = 50
    with qtbot.waitSignal(panel.closed, timeout=5000):
        qtbot.mouseClick(dialog.score_buttons[4], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.thanking)
        qtbot.mouseClick(dialog.score_buttons[5], Qt.MouseButton.LeftButton)  # once only
    settle(qtbot, gui_world.bridge)
    (feedback,) = commands(gui_world, "record_feedback")
    assert feedback.body["subject"] == "pickup" and feedback.body["score"] == 4
    assert feedback.body["ref_id"] == ready.id
    assert feedback.body["customer_id"] == "cust-gold"
    assert panel.effort_dialog is None


def test_skipping_the_score_records_nothing(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("SHIRT-M", 1)])
    panel.show_order(detail(gui_world, ready.id), "pickup_token")
    released(qtbot, gui_world, panel)
    panel.primary_action()  # Ctrl+Enter on the done view: the tablet goes to the customer
    dialog = panel.effort_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(panel.closed, timeout=2000):
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    settle(qtbot, gui_world.bridge)
    assert not commands(gui_world, "record_feedback")


# -- looks --------------------------------------------------------------------------------------


def walk_through(qtbot: QtBot, world: GuiWorld, services: AppServices, name: str) -> list[str]:
    """The form (not verified yet, someone else collecting, a refused line, an 18+ item),
    the done view with a refund and the effort screen, each checked for clipped text and
    saved as /tmp/release-<step>-<name>.png."""
    tablet = world.tablet
    ready = order(tablet, [("SHIRT-M", 1), ("JEANS-32", 2), ("WINE-1", 1)])
    plain = order(tablet, [("SOCKS-1", 2), ("SHIRT-M", 1)])
    panel = ReleasePanel(services, LIGHT)
    panel.resize(*SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    problems: list[str] = []
    try:
        panel.show_order(detail(world, ready.id), None)
        panel.form.collector.choose_someone_else("Jan Nowak", "AB12")
        panel.form.rows[1].refuse_units(1, ReturnReason.NOT_AS_DESCRIBED)
        qtbot.wait(50)
        problems += [f"form: {p}" for p in clipped(panel)]
        body, port = panel.form.scroll_area.widget(), panel.form.scroll_area.viewport()
        if body.width() > port.width():  # cut off on the right: nothing scrolls sideways
            problems.append(f"form: {body.width()}px wide in a {port.width()}px view")
        assert panel.grab().save(f"/tmp/release-form-{name}.png")

        panel.show_order(detail(world, plain.id), "pickup_token")
        panel.form.rows[0].refuse_units(1, ReturnReason.CHANGED_MIND)
        released(qtbot, world, panel)
        done = panel.done_view
        assert done is not None
        qtbot.waitUntil(lambda: done.findChild(QWidget, "refund_online") is not None)
        qtbot.wait(50)
        problems += [f"done: {p}" for p in clipped(panel)]
        assert panel.grab().save(f"/tmp/release-done-{name}.png")

        panel.hand_to_customer()
        dialog = panel.effort_dialog
        assert dialog is not None
        dialog.resize(1280, 800)
        qtbot.waitExposed(dialog)
        qtbot.wait(50)
        problems += [f"effort: {p}" for p in clipped(dialog)]
        assert dialog.grab().save(f"/tmp/release-effort-{name}.png")
        with qtbot.waitSignal(panel.closed, timeout=1000):
            dialog.reject()
    finally:
        settle(qtbot, world.bridge)
        panel.close()
        panel.deleteLater()
    return problems


def unnamed_or_small(root: QWidget) -> list[str]:
    """Controls under ``root`` without an object or accessible name, or smaller than a
    finger (tests/gui/test_app.py's rules)."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox):
            continue
        if widget.objectName().startswith("qt_"):
            continue
        label = f"{type(widget).__name__} {widget.objectName()!r}"
        if not widget.objectName() or not widget.accessibleName():
            problems.append(f"{label}: no name")
        if widget.isVisibleTo(root) and min(widget.width(), widget.height()) < 44:
            problems.append(f"{label}: {widget.width()}×{widget.height()}")
    return problems


def test_every_control_is_named_and_finger_sized(
    qtbot: QtBot, gui_world: GuiWorld, panel: ReleasePanel
) -> None:
    ready = order(gui_world.tablet, [("WINE-1", 1), ("JEANS-32", 2)])
    panel.show_order(detail(gui_world, ready.id), None)
    panel.form.collector.choose_someone_else("Jan Nowak", "AB12")
    panel.form.rows[1].refuse_units(1)
    panel.form.ask_leave()
    qtbot.wait(20)
    problems = [f"form: {p}" for p in unnamed_or_small(panel)]
    panel.form.answer_esc()
    qtbot.keyClicks(panel.form.phone_check.field, "567")
    qtbot.mouseClick(panel.form.age_check, Qt.MouseButton.LeftButton)
    released(qtbot, gui_world, panel)
    qtbot.wait(20)
    problems += [f"done: {p}" for p in unnamed_or_small(panel)]
    panel.hand_to_customer()
    dialog = panel.effort_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    problems += [f"effort: {p}" for p in unnamed_or_small(dialog)]
    dialog.reject()
    assert not problems, "\n".join(problems)


def test_the_release_at_a_tablet_s_size_shows_all_its_text(
    qtbot: QtBot, gui_world: GuiWorld, services: AppServices
) -> None:
    problems = walk_through(qtbot, gui_world, services, "en")
    assert not problems, "\n".join(problems)


def test_strings_40_percent_longer_still_fit(
    qtbot: QtBot, gui_world: GuiWorld, services: AppServices, qapp: QApplication
) -> None:
    translator = StretchTranslator()
    qapp.installTranslator(translator)
    try:
        problems = walk_through(qtbot, gui_world, services, "stretched")
    finally:
        qapp.removeTranslator(translator)
    assert not problems, "\n".join(problems)


# -- on a live central ----------------------------------------------------------------------


@pytest.fixture
def central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:  # noqa: F811
    folder = tmp_path / "central"
    folder.mkdir()
    with serve_copy(central_template, folder) as live:
        yield live


def desk_panel(qtbot: QtBot, desk: Desk) -> ReleasePanel:
    apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]
    panel = ReleasePanel(desk.services, LIGHT)
    panel.resize(*SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def release_at(qtbot: QtBot, desk: Desk, panel: ReleasePanel, detail: PickupDetail) -> Order:
    panel.show_order(detail, "pickup_token")
    with qtbot.waitSignal(panel.released, timeout=5000) as caught:
        qtbot.mouseClick(panel.release_button, Qt.MouseButton.LeftButton)
    settle(qtbot, desk.bridge)
    order_now = caught.args[0]
    assert isinstance(order_now, Order)
    return order_now


def closed(qtbot: QtBot, desk: Desk, panel: ReleasePanel) -> None:
    qtbot.wait(20)  # the engine's last events reach the panel (and start its reads)
    settle(qtbot, desk.bridge)
    panel.close()
    panel.deleteLater()
    qtbot.wait(20)  # gone before the desk's bridge closes


def test_an_offline_release_is_queued_then_sent_and_central_has_it_collected(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    fate = {"now": "pass"}
    proxy = FaultProxy(central.url, lambda _seen: fate["now"])
    with proxy.running() as url, pickup_desk(central, local_store, tmp_path, via=url) as desk:
        detail = plain_ready_order(desk)
        order_id = detail.order.id
        panel = desk_panel(qtbot, desk)
        try:
            fate["now"] = "hangup"  # the store's line is down
            assert desk.engine.sync_once().connectivity == Connectivity.OFFLINE
            release_at(qtbot, desk, panel, detail)
            done = panel.done_view
            assert done is not None
            qtbot.waitUntil(lambda: done.state == "pending")
            assert done.status_text.startswith("Queued on this tablet")
            assert desk.engine.sync_once().connectivity == Connectivity.OFFLINE
            (command,) = desk.commands("release_pickup")
            assert command.state == "pending" and command.attempts >= 1
            assert central_order(central, order_id)["status"] == "ready"
            # The queue and a second scan see it pending, not on the shelf.
            again = desk.detail(order_id)
            assert again.entry.pending and again.order.status == "collected"

            fate["now"] = "pass"  # back online
            assert desk.engine.sync_once().pushed == 1
            qtbot.waitUntil(lambda: done.state == "done", timeout=5000)
            assert done.status_text == "Sent to central."
            truth = central_order(central, order_id)
            assert truth["status"] == "collected"
            assert truth["pickup"]["collected_by"] == detail.customer.full_name  # type: ignore[union-attr]
            assert all(line["collected_qty"] == line["qty"] for line in truth["lines"])
            assert not desk.commands("release_pickup")
        finally:
            closed(qtbot, desk, panel)


def test_two_tablets_release_one_order_offline_central_refuses_the_second(
    qtbot: QtBot, central: LiveCentral, local_store: LocalStore, tmp_path: Path
) -> None:
    second_store = LocalStore.open(f"sqlite:///{tmp_path / 'second.db'}")
    try:
        with (
            pickup_desk(central, local_store, tmp_path / "first") as first,
            pickup_desk(central, second_store, tmp_path / "second") as second,
        ):
            detail = plain_ready_order(first)
            order_id = detail.order.id
            skus = sorted({line.sku for line in detail.lines})
            before = central_stock(central, skus)
            panel_1, panel_2 = desk_panel(qtbot, first), desk_panel(qtbot, second)
            try:
                # Both desks are offline; the customer shows the code at one, then (by
                # mistake) a relative with the same code at the other.
                release_at(qtbot, first, panel_1, detail)
                panel_2.show_order(second.detail(order_id), "pickup_token")
                panel_2.form.collector.choose_someone_else("Jan Nowak", "AB12")
                with qtbot.waitSignal(panel_2.released, timeout=5000):
                    qtbot.mouseClick(panel_2.release_button, Qt.MouseButton.LeftButton)
                settle(qtbot, second.bridge)

                assert first.engine.sync_once().pushed == 1
                report = second.engine.sync_once()
                assert (report.pushed, report.refused) == (0, 1)

                (refused,) = second.commands("release_pickup")
                # Central says what happened (409, already collected), not just that this
                # desk's copy was stale (412).
                assert refused.state == "attention" and refused.status == 409
                assert refused.problem["type"].endswith("order-already-collected")
                words = refused.problem["detail"] or refused.problem["title"]
                done = panel_2.done_view
                assert done is not None
                qtbot.waitUntil(lambda: done.state == "attention", timeout=5000)
                assert words in done.status_text
                assert done.status_text.startswith("Central refused this release")
                assert not done.receipt.print_button.isEnabled() and done.effort_button.isHidden()
                qtbot.wait(20)
                assert panel_2.grab().save("/tmp/release-conflict-done.png")

                # Opened again at the second desk: central's words, prominently; no release.
                again = second.detail(order_id)
                assert again.entry.attention == words
                panel_2.show_order(again, "pickup_token")
                assert words in panel_2.attention_text and panel_2.form.attention.isVisible()
                assert not panel_2.can_release and not panel_2.form.collector.isVisible()
                assert "Collected on" in panel_2.state_text
                assert detail.customer is not None
                assert detail.customer.full_name in panel_2.state_text  # the first desk's
                qtbot.wait(20)
                assert panel_2.grab().save("/tmp/release-conflict-order.png")

                # Handed out once: central's order and stock, and the second desk's view.
                truth = central_order(central, order_id)
                assert truth["status"] == "collected"
                assert truth["pickup"]["collected_by"] == detail.customer.full_name
                assert all(line["collected_qty"] == line["qty"] for line in truth["lines"])
                after = central_stock(central, skus)
                for sku in skus:
                    units = sum(line.waiting for line in detail.lines if line.sku == sku)
                    assert after[sku] == (before[sku][0] - units, before[sku][1] - units)
                    with second_store.unit(read_only=True) as unit:
                        level = unit.cache.get("inventory", sku)
                    assert level is not None
                    assert (level["on_hand"], level["held"]) == after[sku]
            finally:
                closed(qtbot, first, panel_1)
                closed(qtbot, second, panel_2)
    finally:
        second_store.close()
