"""The sign-in screen painted before the app's core has loaded.

Importing SQLAlchemy, the sync client and the services takes most of a second; a clerk
should see the sign-in screen (with the store's staff, read straight from the tablet's
database) at once.  The window is then handed to the shell, which attaches the core to it.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication

from clerk.ui.main_window import MainWindow
from clerk.ui.theme import Colors

if TYPE_CHECKING:
    from clerk.store.quick import StartInfo

log = logging.getLogger(__name__)


def paint_sign_in(
    colors: Colors,
    info: StartInfo,
    *,
    idle_minutes: float,
    demo_pins: dict[str, str] | None,
    timeout: float = 3.0,
) -> MainWindow:
    """Show the window with the sign-in screen of ``info`` and return once it is painted."""
    window = MainWindow(
        colors, store_title=info.store_title, idle_minutes=idle_minutes, demo_pins=demo_pins
    )
    window.sign_in.show_staff(info.staff)
    painted: list[bool] = []

    def on_paint() -> None:
        painted.append(True)
        log.info("sign-in screen shown")

    window.sign_in.firstPainted.connect(on_paint, Qt.ConnectionType.SingleShotConnection)
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    assert app is not None, "make the QApplication first"
    deadline = time.monotonic() + timeout
    while not painted and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return window
