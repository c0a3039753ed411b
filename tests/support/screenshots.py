"""The README's screenshots: the real app on a real (small) demo central, offscreen.

    uv run python -m tests.support.screenshots            # English and Polish
    uv run python -m tests.support.screenshots --language pl

Each language runs in its own process (one QApplication, one set of translations).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "resources" / "screenshots"


def _settle(seconds: float = 0.6) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shoot(language: str, theme: str) -> None:
    """Sign-in, main window and demo cards in ``language`` (dark: the main window only)."""
    suffix = "-dark" if theme == "dark" else ""
    from clerk.central.embedded import prepare_demo_database
    from clerk.demo import demo_cards, demo_pins
    from clerk.ui.application import make_application
    from clerk.ui.bridge import ServiceBridge
    from clerk.ui.demo_cards import DemoCardsWindow
    from clerk.ui.session import Screen
    from clerk.ui.shell import Shell
    from tests.gui.app_rig import MANAGER, enrolled_tablet, quick_settings

    folder = Path(tempfile.mkdtemp(prefix="clerk-shots-"))
    template = folder / "template" / "central.db"
    prepare_demo_database(template, customers=120, orders=400)
    (folder / "run").mkdir()
    app, colors, _ = make_application(language=language, theme=theme)
    OUT.mkdir(parents=True, exist_ok=True)
    with enrolled_tablet(template, folder / "run") as rig:
        bridge = ServiceBridge()
        shell = Shell(
            app, bridge, rig.tablet, colors, quick_settings(), folder / "settings.json", None
        )
        window = shell.window
        window.sign_in._demo_pins = demo_pins()
        window.sign_in._demo_label.setVisible(True)
        window.resize(1280, 800)
        window.show()
        rig.tablet.engine.sync_once()
        _settle(1.0)
        window.sign_in.choose(MANAGER[0])
        _settle()
        if not suffix:
            window.grab().save(str(OUT / f"sign-in-{language}.png"))

        window.sign_in._pin.setText(MANAGER[1])
        window.sign_in.submit()
        _settle(1.0)
        url = f"sqlite:///{folder / 'run' / 'central.db'}"
        cards = demo_cards(url, datetime.now(UTC))
        shell.router.submit(cards[0].payload)
        _settle(1.0)
        window.go(Screen.COUNTER)
        _settle()
        window.grab().save(str(OUT / f"main-window{suffix}-{language}.png"))
        if suffix:
            shell.close()
            bridge.close()
            return
        _counter_shots(window, language)
        _pickup_shots(window, shell, cards, language)
        _returns_shots(window, shell, cards, language)
        _manager_shots(window, language)

        cards_window = DemoCardsWindow(bridge, lambda: cards, shell.router.submit)
        cards_window.resize(1180, 900)
        cards_window.show()
        _settle(1.0)
        cards_window.grab().save(str(OUT / f"demo-cards-{language}.png"))
        cards_window.close()
        shell.close()
        bridge.close()


def _counter_shots(window: Any, language: str) -> None:
    """The Counter: the customer 360 and their online cart opened to be finalized here."""
    from clerk.ui.screens.counter.checkout import CheckoutDialog
    from clerk.ui.session import Screen

    counter = window.screen_widget(Screen.COUNTER)
    window.grab().save(str(OUT / f"counter-360-{language}.png"))
    counter.finalize()
    _settle()
    dialog = counter._checkout
    assert isinstance(dialog, CheckoutDialog)
    dialog.resize(1180, 760)
    _settle()
    dialog.grab().save(str(OUT / f"counter-cart-{language}.png"))
    dialog.abandon()
    _settle()


def _pickup_shots(window: Any, shell: Any, cards: Any, language: str) -> None:
    """The pickup desk: its queue, and a ready order opened by its pickup code for release."""
    from clerk.ui.session import Screen

    window.go(Screen.PICKUP)
    _settle(1.0)
    window.grab().save(str(OUT / f"pickup-queue-{language}.png"))
    pickup = next(card for card in cards if card.kind == "pickup")
    shell.router.submit(pickup.payload)
    _settle(1.0)
    window.grab().save(str(OUT / f"pickup-release-{language}.png"))
    window.screen_widget(Screen.PICKUP).cancel()
    _settle()


def _returns_shots(window: Any, shell: Any, cards: Any, language: str) -> None:
    """The Returns screen: a receipt scanned, a line decided, and the refund summary."""
    from clerk.domain.entities import ReturnReason
    from clerk.ui.session import Screen

    receipt = next(card for card in cards if card.kind == "receipt")
    shell.router.submit(receipt.payload)
    _settle(1.0)
    returns = window.screen_widget(Screen.RETURNS)
    rows = returns.decide.rows
    if rows:
        rows[0].set_qty(1)
        rows[0].set_reason(ReturnReason.TOO_SMALL)
    _settle(1.0)
    window.grab().save(str(OUT / f"returns-decide-{language}.png"))
    returns.decide.refund.confirm.click()
    _settle(1.0)
    window.grab().save(str(OUT / f"returns-done-{language}.png"))
    returns.back_to_find()
    _settle()


def _manager_shots(window: Any, language: str) -> None:
    """The store manager's screens: the holds with their stock, and the day in one picture."""
    from clerk.ui.session import Screen

    window.go(Screen.RESERVATIONS)
    _settle(1.0)
    holds = window.screen_widget(Screen.RESERVATIONS)
    if holds.model.rowCount() > 2:
        holds.table.selectRow(2)  # one with several lines, beside the first ones
        _settle()
    window.grab().save(str(OUT / f"reservations-{language}.png"))
    window.go(Screen.TODAY)
    _settle(1.0)
    window.grab().save(str(OUT / f"today-{language}.png"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", choices=("en", "pl"))
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.language:
        shoot(args.language, args.theme)
        return 0
    for language, theme in (("en", "light"), ("pl", "light"), ("pl", "dark")):
        subprocess.run(
            [
                sys.executable,
                *("-m", "tests.support.screenshots"),
                *("--language", language, "--theme", theme),
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
