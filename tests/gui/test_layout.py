"""Long words do not clip: the main screens rendered at a tablet's 1280×800 with every string
40% longer, and in Polish, show all of their text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clerk.demo import DemoCard
from clerk.domain.money import Money
from clerk.services.scanning import ProductCheck
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.demo_cards import DemoCardsWindow
from clerk.ui.enroll import EnrollmentDialog
from clerk.ui.i18n import qm_path
from clerk.ui.scanning.manual import ScanEntryDialog
from clerk.ui.scanning.product_check import ProductCheckDialog
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.session import Screen
from clerk.ui.settings_dialog import SettingsDialog
from clerk.ui.shell import Shell
from tests.gui.app_rig import MANAGER, TabletRig, enrolled_tablet, quick_settings
from tests.gui.layout_check import StretchTranslator, clipped
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)


@pytest.fixture(params=["stretched", "polish"])
def translated(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translator: QTranslator
    if request.param == "stretched":
        translator = StretchTranslator()
    else:
        translator = QTranslator()
        assert translator.load(str(qm_path("pl")))
    qapp.installTranslator(translator)
    yield request.param
    qapp.removeTranslator(translator)


@pytest.fixture
def rig(central_template: Path, tmp_path: Path) -> Iterator[TabletRig]:  # noqa: F811
    with enrolled_tablet(central_template, tmp_path) as rig:
        yield rig


def shown(qtbot: QtBot, widget: QWidget, width: int, height: int) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    return widget


def test_the_main_screens_show_all_their_text(
    qtbot: QtBot, translated: str, rig: TabletRig, tmp_path: Path
) -> None:
    app, colors, _ = make_application(language="en", theme="light")
    bridge = ServiceBridge()
    shell = Shell(app, bridge, rig.tablet, colors, quick_settings(), tmp_path / "s.json", None)
    window = shell.window
    shown(qtbot, window, 1280, 800)
    qtbot.waitUntil(lambda: len(window.sign_in.staff_ids) >= 3)
    window.sign_in.choose(MANAGER[0])
    qtbot.wait(50)
    problems = [f"sign-in: {p}" for p in clipped(window)]

    window.sign_in._pin.setText(MANAGER[1])
    window.sign_in.submit()
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    for screen in Screen:
        window.go(screen)
        qtbot.wait(50)
        problems += [f"{screen.value}: {p}" for p in clipped(window)]
    # The Counter with a customer's 360 on it (the slice's Gold customers have the most).
    with rig.tablet.store.unit(read_only=True) as unit:
        customers = unit.customers.page(limit=200)
    gold = next(c for c in customers if c.tier == "gold")
    window.go(Screen.COUNTER)
    counter = window.screen_widget(Screen.COUNTER)
    assert isinstance(counter, CounterScreen)
    with qtbot.waitSignal(counter.customerShown, timeout=5000):
        counter.open_customer(gold.id)
    qtbot.wait(50)
    problems += [f"counter 360: {p}" for p in clipped(window)]
    qtbot.waitUntil(lambda: not bridge.busy)
    window.lock()
    qtbot.wait(50)
    problems += [f"lock: {p}" for p in clipped(window)]

    now = datetime.now(UTC)
    cards = [
        DemoCard(
            "loyalty",
            "Małgorzata Grzegorzewska-Wiśniewska",
            "CLK1.L.x.y",
            tier="gold",
            points=12345,
        ),
        DemoCard("card", "Jan Kowalski", "2990000000019", detail="2990000000019"),
        DemoCard("pickup", "W26-0000409", "CLK1.P.x.y", channel="web"),
        DemoCard("product", "Kurtka zimowa", "5901234001069", detail="L · oliwkowy"),
    ]
    demo = DemoCardsWindow(bridge, lambda: cards, lambda _code: None)
    shown(qtbot, demo, 1180, 820)
    qtbot.waitUntil(lambda: len(demo.cards) == 4)
    problems += [f"demo cards: {p}" for p in clipped(demo)]

    dialogs: list[tuple[str, QWidget]] = [
        ("enrollment", EnrollmentDialog(bridge, lambda *a: None)),  # type: ignore[arg-type,return-value]
        ("settings", SettingsDialog(quick_settings())),
        ("type a code", ScanEntryDialog()),
        (
            "product check",
            ProductCheckDialog(
                ProductCheck(
                    ean="5901234001069",
                    sku="JKT-1-L",
                    name="Kurtka zimowa pikowana z kapturem",
                    brand="Śniardwy",
                    size="L",
                    colour="oliwkowy",
                    price=Money(Decimal("1249.00")),
                    on_hand=12,
                    held=3,
                    available=9,
                )
            ),
        ),
    ]
    for name, dialog in dialogs:
        shown(qtbot, dialog, max(dialog.sizeHint().width(), 560), dialog.sizeHint().height())
        problems += [f"{name}: {p}" for p in clipped(dialog)]
        dialog.close()
    del now
    shell.close()
    bridge.close()
    assert not problems, f"{translated}: clipped text:\n" + "\n".join(problems)
