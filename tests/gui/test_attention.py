"""The Attention screen: refused commands in words, retry, discard by a manager or with a
manager's approval, errors in the banner — over a local store whose outbox is driven the way
the sync engine's pusher does on a refusal (and once over a real central on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from clerk.domain.entities import OrderStatus, Role, Tender
from clerk.services import (
    SaleLine,
    Tendered,
    Verification,
    discard_attention,
    mark_ready,
    release_pickup,
    store_sale,
)
from clerk.store import OutboxCommand
from clerk.sync.errors import Problem
from clerk.sync.events import AttentionAdded, PendingChanged
from clerk.ui.bridge import ServiceBridge, SyncBridge
from clerk.ui.models.attention import AttentionModel
from clerk.ui.override import ManagerOverrideDialog
from clerk.ui.screens.attention import AttentionScreen, DiscardReasonDialog
from clerk.ui.session import AppServices, SignedInStaff, StaffSession
from tests.gui.app_rig import MANAGER, PICKUP, TabletRig, enrolled_tablet
from tests.gui.conftest import GuiWorld, settle
from tests.gui.layout_check import StretchTranslator, clipped
from tests.services.world import NOW, Tablet, money, order
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)
from tests.sync.rig import collect_body, ready_order_ids

PROBLEMS = "https://clerk.example/problems/"


def problem(slug: str, status: int, detail: str = "", **extra: Any) -> dict[str, Any]:
    """A refusal as central renders it and the pusher stores it."""
    return Problem(PROBLEMS + slug, "Conflict", status, detail, extra).to_dict()


def refuse(tablet: Tablet, command: OutboxCommand, status: int, body: dict[str, Any]) -> None:
    """What the pusher does when central refuses ``command``: attention, the lane held."""
    with tablet.store.unit() as unit:
        unit.outbox.mark_sending(command.id, NOW)
        unit.outbox.mark_attention(command.id, status, body, NOW)
        held = []
        if command.lane is not None:
            held = unit.outbox.hold_lane_after_refusal(command.lane, command.id, NOW)
        unit.cache.settle({key for c in [command, *held] for key in c.touches})


def refused_ready_and_held_release(tablet: Tablet) -> tuple[str, OutboxCommand, OutboxCommand]:
    """Piotr marked a pickup ready and released it; central refused the ready (412): the
    release behind it was held, never sent."""
    placed = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED)
    ready = mark_ready(tablet.ctx, tablet.actor("piotr"), placed.id, shelf="A").command
    collect = release_pickup(
        tablet.ctx, tablet.actor("piotr"), placed.id, Verification("loyalty", "Jan")
    ).command
    refuse(tablet, ready, 412, problem("version-mismatch", 412, "The order changed."))
    return placed.number, ready, collect


def refused_sale(tablet: Tablet) -> OutboxCommand:
    """Anna sold three pairs of socks; central counted too few."""
    sale = store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        lines=[SaleLine("SOCKS-1", 3)],
        payments=[Tendered(Tender.CARD, money("59.97"))],
    ).command
    refuse(tablet, sale, 409, problem("insufficient-stock", 409, "Too few.", sku="SOCKS-1"))
    return sale


def open_screen(qtbot: QtBot, world: GuiWorld, staff_id: str) -> AttentionScreen:
    screen = AttentionScreen(world.services_as(staff_id), world.pins)
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    screen.show()
    settle(qtbot, world.bridge)
    return screen


def cell(screen: AttentionScreen, row: int, column: int) -> str:
    model = screen.model
    return str(model.data(model.index(row, column)))


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def state_of(tablet: Tablet, command_id: str) -> OutboxCommand:
    with tablet.store.unit(read_only=True) as unit:
        command = unit.outbox.get(command_id)
    assert command is not None
    return command


def test_nothing_refused_shows_a_calm_empty_state(qtbot: QtBot, gui_world: GuiWorld) -> None:
    screen = open_screen(qtbot, gui_world, "anna")
    assert screen.showing_empty_state
    empty = screen.findChild(QWidget, "attentionEmpty")
    assert empty is not None and empty.isVisible()
    assert "Nothing needs your attention" in empty.text()  # type: ignore[attr-defined]
    assert screen.banner == ""


def test_each_refused_action_is_a_row_in_words(qtbot: QtBot, gui_world: GuiWorld) -> None:
    number, ready, collect = refused_ready_and_held_release(gui_world.tablet)
    sale = refused_sale(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "anna")
    assert not screen.showing_empty_state
    assert screen.model.command_ids == [ready.id, collect.id, sale.id]
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["When", "What", "Why central refused", "State"]
    w = AttentionModel
    assert [cell(screen, r, w.WHEN) for r in range(3)] == ["10.03 13:00"] * 3  # Warsaw time
    assert cell(screen, 0, w.WHAT) == f"Pickup {number} marked ready"
    assert cell(screen, 1, w.WHAT) == f"Release of pickup {number}"
    assert cell(screen, 2, w.WHAT) == "Sale at the counter, items: 3"
    assert cell(screen, 0, w.WHY).startswith("Someone changed this meanwhile")
    assert cell(screen, 1, w.WHY).startswith("Not sent yet: an earlier action")
    assert cell(screen, 2, w.WHY) == (
        "Central counts too little stock of SOCKS-1 in this store for this."
    )
    assert [cell(screen, r, w.STATE) for r in range(3)] == [
        "Refused",
        "Waiting behind a refused action",
        "Refused",
    ]
    table = screen.findChild(QTableView, "attentionTable")
    assert table is not None and table.accessibleName()
    assert table.verticalHeader().defaultSectionSize() >= 44


def test_an_unknown_refusal_shows_centrals_own_words(qtbot: QtBot, gui_world: GuiWorld) -> None:
    sale = store_sale(
        gui_world.tablet.ctx,
        gui_world.tablet.actor("anna"),
        lines=[SaleLine("SHIRT-M", 1)],
        payments=[Tendered(Tender.CARD, money("129.99"))],
    ).command
    refuse(
        gui_world.tablet,
        sale,
        422,
        problem("brand-new-rule", 422, "Shirts are sold in pairs this week."),
    )
    screen = open_screen(qtbot, gui_world, "anna")
    assert cell(screen, 0, AttentionModel.WHY) == "Shirts are sold in pairs this week."


def test_selecting_a_row_shows_what_happened_and_what_to_do(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    number, ready, collect = refused_ready_and_held_release(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "anna")
    assert screen.selected_id == ready.id  # the oldest is chosen at first

    def text(name: str) -> str:
        label = screen.findChild(QWidget, name)
        assert label is not None and label.isVisible(), name
        return str(label.text())  # type: ignore[attr-defined]

    assert text("attentionWhat") == f"Pickup {number} marked ready"
    assert text("attentionFacts") == (
        "Done by Piotr at 10.03 13:00. Refused by central at 10.03 13:00 (HTTP 412)."
    )
    assert text("attentionRemedy").startswith("Retry: it is sent again")
    assert screen.select(collect.id)
    assert text("attentionFacts").endswith("Held back at 10.03 13:00.")
    assert text("attentionRemedy").startswith("Decide on the refused action first.")


def test_the_list_follows_the_sync_engine(qtbot: QtBot, gui_world: GuiWorld) -> None:
    screen = open_screen(qtbot, gui_world, "piotr")
    assert screen.showing_empty_state
    sale = refused_sale(gui_world.tablet)
    gui_world.publish(AttentionAdded(sale.id, sale.kind, Problem.from_dict(sale.problem or {})))
    qtbot.waitUntil(lambda: screen.model.command_ids == [sale.id])
    assert not screen.showing_empty_state
    discard_attention(gui_world.tablet.ctx, gui_world.tablet.actor("maria"), sale.id, "Void")
    gui_world.publish(PendingChanged(0, 0))
    qtbot.waitUntil(lambda: screen.showing_empty_state)


def test_retry_queues_the_refused_chain_again_and_asks_for_a_sync(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    _, ready, _collect = refused_ready_and_held_release(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "piotr")
    click(qtbot, screen, "attentionRetry")
    settle(qtbot, gui_world.bridge)
    again = gui_world.tablet.commands()
    assert [(c.kind, c.state) for c in again] == [
        ("mark_ready", "pending"),
        ("release_pickup", "pending"),
    ]
    assert state_of(gui_world.tablet, ready.id).state == "discarded"  # retried as a new one
    assert gui_world.sync_requests == [1]
    assert screen.showing_empty_state
    assert screen.banner == "Queued again; it goes to central with the next sync."
    entry = gui_world.tablet.audit()[-1]
    assert (entry.action, entry.staff_id, entry.command_id) == (
        "retry_attention",
        "piotr",
        ready.id,
    )


def test_a_manager_discards_with_a_reason(qtbot: QtBot, gui_world: GuiWorld) -> None:
    sale = refused_sale(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "maria")
    click(qtbot, screen, "attentionDiscard")
    dialog = screen.findChild(DiscardReasonDialog)
    assert dialog is not None and dialog.isVisible()
    click(qtbot, dialog, "discardConfirm")
    assert dialog.message == "Type the reason first; it stays on record."
    reason = dialog.findChild(QLineEdit, "discardReason")
    assert reason is not None
    qtbot.keyClicks(reason, "Customer left without the socks")
    click(qtbot, dialog, "discardConfirm")
    settle(qtbot, gui_world.bridge)
    gone = state_of(gui_world.tablet, sale.id)
    assert (gone.state, gone.discarded_by) == ("discarded", "maria")
    assert gone.discard_reason == "Customer left without the socks"
    assert screen.showing_empty_state
    assert screen.banner == "Given up; it stays on record with the reason."
    entry = gui_world.tablet.audit()[-1]
    assert (entry.action, entry.staff_id, entry.result) == (
        "discard_attention",
        "maria",
        "discarded",
    )


def override_for_discard(
    qtbot: QtBot, gui_world: GuiWorld
) -> tuple[AttentionScreen, ManagerOverrideDialog, OutboxCommand]:
    sale = refused_sale(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "anna")
    click(qtbot, screen, "attentionDiscard")
    settle(qtbot, gui_world.bridge)
    dialog = screen.findChild(ManagerOverrideDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.manager_ids == ["maria"]
    what = dialog.findChild(QWidget, "overrideWhat")
    assert what is not None and "Sale at the counter" in what.text()  # type: ignore[attr-defined]
    return screen, dialog, sale


def type_into(qtbot: QtBot, dialog: QWidget, reason: str, pin: str) -> None:
    field = dialog.findChild(QLineEdit, "overrideReason")
    assert field is not None
    field.setText(reason)
    for digit in pin:
        click(qtbot, dialog, f"pinKey_{digit}")


def test_a_sales_clerk_discards_with_a_managers_pin_in_the_managers_name(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    screen, dialog, sale = override_for_discard(qtbot, gui_world)
    type_into(qtbot, dialog, "Sale voided at the till", "3333")
    click(qtbot, dialog, "overrideApprove")
    settle(qtbot, gui_world.bridge)
    gone = state_of(gui_world.tablet, sale.id)
    assert (gone.state, gone.discarded_by, gone.discard_reason) == (
        "discarded",
        "maria",
        "Sale voided at the till",
    )
    audit = gui_world.tablet.audit()
    approval = next(e for e in audit if e.action == "manager_override")
    assert (approval.staff_id, approval.result, approval.target) == (
        "maria",
        "ok",
        f"command:{sale.id}",
    )
    assert approval.detail["requested_by"] == "anna"
    assert (audit[-1].action, audit[-1].staff_id) == ("discard_attention", "maria")
    assert screen.showing_empty_state


def test_a_wrong_manager_pin_discards_nothing(qtbot: QtBot, gui_world: GuiWorld) -> None:
    screen, dialog, sale = override_for_discard(qtbot, gui_world)
    type_into(qtbot, dialog, "Sale voided", "1111")  # anna's own PIN is not a manager's
    click(qtbot, dialog, "overrideApprove")
    settle(qtbot, gui_world.bridge)
    assert "Wrong PIN. 4 more wrong PINs" in dialog.message
    assert state_of(gui_world.tablet, sale.id).state == "attention"
    assert screen.model.command_ids == [sale.id]


def test_a_missing_reason_discards_nothing(qtbot: QtBot, gui_world: GuiWorld) -> None:
    _, dialog, sale = override_for_discard(qtbot, gui_world)
    type_into(qtbot, dialog, "", "3333")
    click(qtbot, dialog, "overrideApprove")
    settle(qtbot, gui_world.bridge)
    assert dialog.message == "Type the reason for this approval."
    assert state_of(gui_world.tablet, sale.id).state == "attention"


def test_an_action_decided_elsewhere_is_said_in_the_banner(
    qtbot: QtBot, gui_world: GuiWorld
) -> None:
    sale = refused_sale(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "anna")
    # Another tablet on the store's shared database gave it up meanwhile.
    discard_attention(gui_world.tablet.ctx, gui_world.tablet.actor("maria"), sale.id, "Void")
    click(qtbot, screen, "attentionRetry")
    settle(qtbot, gui_world.bridge)
    assert screen.banner == "This action was already decided, perhaps on another tablet."
    assert screen.showing_empty_state  # and the list was read again


def test_controls_are_named_accessible_and_touch_sized(qtbot: QtBot, gui_world: GuiWorld) -> None:
    refused_sale(gui_world.tablet)
    screen = open_screen(qtbot, gui_world, "anna")
    for name in ("attentionRetry", "attentionDiscard"):
        button = screen.findChild(QPushButton, name)
        assert button is not None and button.isVisible() and button.isEnabled()
        assert button.accessibleName() and button.height() >= 44


@pytest.mark.parametrize("refused", [True, False])
def test_nothing_is_clipped_when_every_string_is_40_percent_longer(
    qtbot: QtBot, gui_world: GuiWorld, refused: bool
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    stretched = StretchTranslator()
    app.installTranslator(stretched)
    try:
        if refused:
            refused_ready_and_held_release(gui_world.tablet)
        screen = open_screen(qtbot, gui_world, "maria")
        screen.resize(1180, 720)  # the window's work area beside the rail
        assert screen.showing_empty_state is not refused
        if refused:
            click(qtbot, screen, "attentionDiscard")
            dialog = screen.findChild(DiscardReasonDialog)
            assert dialog is not None
            click(qtbot, dialog, "discardConfirm")  # the message shows too
            qtbot.wait(10)
            assert clipped(dialog) == []
        qtbot.wait(10)
        assert clipped(screen) == []
    finally:
        app.removeTranslator(stretched)


# -- a real central ------------------------------------------------------------------------


@pytest.fixture
def live_rig(central_template: Path, tmp_path: Path) -> Iterator[TabletRig]:  # noqa: F811
    with enrolled_tablet(central_template, tmp_path) as rig:
        yield rig


def test_a_pickup_released_at_two_desks_is_refused_retried_and_given_up(
    qtbot: QtBot, live_rig: TabletRig
) -> None:
    tablet = live_rig.tablet
    order_id = ready_order_ids(live_rig.central)[0]
    release_pickup(
        tablet.ctx,
        tablet.ctx.actor(PICKUP[0]),
        order_id,
        Verification("pickup_token", "Jan Kowalski", age_checked=True),
    )
    # Another desk's device released it first.
    other = live_rig.central.client()
    other.send("POST", f"/v1/orders/{order_id}/collect", collect_body(), idempotency_key="d2-1")
    other.close()

    bridge = ServiceBridge()
    sync = SyncBridge(tablet.engine.subscribe)
    session = StaffSession(tablet.ctx)
    session.sign_in(SignedInStaff(MANAGER[0], "Manager", Role.MANAGER))
    screen = AttentionScreen(AppServices(tablet.ctx, bridge, session, sync), tablet.pins)
    qtbot.addWidget(screen)
    screen.show()
    try:
        settle(qtbot, bridge)
        assert screen.showing_empty_state
        tablet.engine.sync_once()  # the release goes with the version this tablet knew
        qtbot.waitUntil(lambda: len(screen.model.command_ids) == 1)
        assert cell(screen, 0, AttentionModel.WHAT).startswith("Release of pickup ")
        # Central says what happened (409), not merely that this tablet's copy was stale.
        assert cell(screen, 0, AttentionModel.WHY).startswith(
            "The order had already been collected"
        )

        # Retried: central refuses again, for the same reason.
        click(qtbot, screen, "attentionRetry")
        settle(qtbot, bridge)
        tablet.engine.sync_once()
        qtbot.waitUntil(lambda: len(screen.model.command_ids) == 1)
        settle(qtbot, bridge)
        assert cell(screen, 0, AttentionModel.WHY).startswith(
            "The order had already been collected"
        )
        [refused] = screen.model.command_ids

        click(qtbot, screen, "attentionDiscard")
        dialog = screen.findChild(DiscardReasonDialog)
        assert dialog is not None
        reason = dialog.findChild(QLineEdit, "discardReason")
        assert reason is not None
        reason.setText("Released at the other desk")
        click(qtbot, dialog, "discardConfirm")
        settle(qtbot, bridge)
        assert screen.showing_empty_state
        with tablet.store.unit(read_only=True) as unit:
            gone = unit.outbox.get(refused)
        assert gone is not None and (gone.state, gone.discarded_by) == ("discarded", MANAGER[0])
    finally:
        sync.close()
        bridge.close()
