"""Puts the window together for the composition root and runs it.

:func:`run_window` builds the Qt side around an enrolled tablet's core: the staff session,
sync signals, the scan router with the wedge filter and the camera, the screens and the main
window; it shows the window (sign-in first), starts syncing on the first turn of the event
loop, and returns when the window closes or central has revoked the tablet.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from clerk.services.customers import local_360
from clerk.services.enrollment import DeviceIdentity
from clerk.services.settings import AppSettings, save_settings
from clerk.store.quick import store_title
from clerk.ui.bridge import ServiceBridge, SyncBridge
from clerk.ui.enroll import EnrollmentDialog
from clerk.ui.main_window import MainWindow
from clerk.ui.scanning.router import ScanRouter
from clerk.ui.scanning.wedge import WedgeFilter
from clerk.ui.screens.attention import AttentionScreen
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.screens.pickup.screen import PickupScreen
from clerk.ui.screens.reservations.screen import ReservationsScreen
from clerk.ui.screens.returns.screen import ReturnsScreen
from clerk.ui.screens.today.screen import TodayScreen
from clerk.ui.session import AppServices, Screen, StaffSession
from clerk.ui.theme import Colors

if TYPE_CHECKING:
    from clerk.app import DemoHooks, Tablet

log = logging.getLogger(__name__)

# What a return changes on the tablet at once.
RETURN_TOUCHES = frozenset({"return", "order", "loyalty", "customer", "inventory"})


@dataclass(frozen=True)
class WindowOutcome:
    """How the window ended: closed, or central revoked the tablet (``reenroll`` says why)."""

    reenroll: str | None = None


def ask_enrollment(
    bridge: ServiceBridge,
    enroll: Callable[[str, str, str], DeviceIdentity],
    *,
    reason: str = "",
    central_url: str = "",
) -> DeviceIdentity | None:
    """Ask for central's URL and an enrollment code until enrolled (None: the clerk quit)."""
    dialog = EnrollmentDialog(bridge, enroll, reason=reason, central_url=central_url)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.identity


def _store_title(tablet: Tablet) -> str:
    with tablet.store.unit(read_only=True) as unit:
        store = unit.stores.store(tablet.identity.store_id)
    return store_title(store.name if store else None, tablet.identity.store_id)


class Shell:
    """The Qt objects of one running window, kept together so nothing is collected early."""

    def __init__(
        self,
        app: QApplication,
        bridge: ServiceBridge,
        tablet: Tablet,
        colors: Colors,
        settings: AppSettings,
        settings_path: Path,
        demo: DemoHooks | None,
        window: MainWindow | None = None,
    ) -> None:
        """``window``: the window already painted with its sign-in screen (fast start)."""
        self.app = app
        self.settings = settings
        self.settings_path = settings_path
        self.tablet = tablet
        self.reenroll: str | None = None
        self.session = StaffSession(tablet.ctx)
        self.sync = SyncBridge(tablet.engine.subscribe)
        self.services = AppServices(
            ctx=tablet.ctx,
            bridge=bridge,
            session=self.session,
            sync=self.sync,
            request_sync=tablet.runner.request_sync,
            directory=tablet.engine,
            receipt_key=tablet.receipt_key or None,
            orders=tablet.engine,
            credits=tablet.engine,
        )
        self.router = ScanRouter(tablet.ctx, bridge, preview=local_360)
        self.wedge = WedgeFilter(
            max_interval_ms=settings.wedge_max_interval_ms, min_length=settings.wedge_min_length
        )
        self.wedge.scanned.connect(self.router.submit)
        attention = AttentionScreen(self.services, tablet.pins)
        counter = CounterScreen(self.services, colors)
        pickup = PickupScreen(self.services, colors)
        returns = ReturnsScreen(self.services, colors, tablet.pins)
        manager_screens: dict[Screen, QWidget] = {
            Screen.RESERVATIONS: ReservationsScreen(self.services, colors),
            Screen.TODAY: TodayScreen(self.services, colors),
        }
        if window is None:
            window = MainWindow(
                colors,
                store_title=_store_title(tablet),
                idle_minutes=settings.idle_lock_minutes,
                demo_pins=demo.pins if demo else None,
            )
        self.window = window
        window.attach(
            self.services,
            tablet.pins,
            self.router,
            counter,
            pickup,
            returns,
            {Screen.ATTENTION: attention, **manager_screens},
        )
        counter.pickupRequested.connect(window.open_pickup)
        counter.returnRequested.connect(window.open_return)
        # The customer's timeline on the Counter shows a return at once (from the local store).
        returns.returned.connect(lambda _ret: counter.data_changed(RETURN_TOUCHES))
        self._show_sync_state()
        self.window.top_bar.set_camera_visible(settings.camera_enabled)
        self.window.enrollmentRequired.connect(self._revoked)
        self.window.cameraRequested.connect(self._camera)
        self.window.typeCodeRequested.connect(self._type_code)
        self.window.settingsRequested.connect(self._settings)
        app.installEventFilter(self.wedge)
        app.installEventFilter(self.window.idle)
        self.demo_cards: QWidget | None = None
        if demo is not None:
            from clerk.ui.demo_cards import DemoCardsWindow

            self.demo_cards = DemoCardsWindow(bridge, demo.cards, self.router.submit)
            cards = self.window.top_bar.add_button(
                "demoCardsButton", "qr", QCoreApplication.translate("Shell", "Demo cards")
            )
            cards.clicked.connect(self._show_demo_cards)

    def _show_sync_state(self) -> None:
        engine = self.tablet.engine
        self.window.top_bar.set_connectivity(engine.connectivity.value, engine.connectivity_detail)
        store = self.tablet.store

        def counts() -> tuple[int, int]:
            with store.unit(read_only=True) as unit:
                c = unit.outbox.counts()
            return c.pending + c.sending, c.attention

        self.services.bridge.op(counts).read_only().success(
            lambda c: self.window.show_pending(*c)
        ).run()

    def show(self) -> None:
        """Show the window (and the demo cards), then start syncing in the background."""
        if not self.window.isVisible():
            self.window.sign_in.firstPainted.connect(
                lambda: log.info("sign-in screen shown"), Qt.ConnectionType.SingleShotConnection
            )
            self.window.resize(1280, 800)
            self.window.show()
        log.info("sign-in ready")
        if self.demo_cards is not None:
            self._place_demo_cards(self.demo_cards)
            self.window.raise_()  # behind the window: sign-in comes first
            self.window.activateWindow()
        QTimer.singleShot(0, self._started)

    def _started(self) -> None:
        # What start-up built lives as long as the app: keep it out of the collector's full
        # passes, which stop every thread — the UI thread too — while they walk the heap.
        gc.collect()
        gc.freeze()
        self.tablet.runner.start()

    def close(self) -> None:
        """Take the filters off the application and stop listening to the engine."""
        self.app.removeEventFilter(self.wedge)
        self.app.removeEventFilter(self.window.idle)
        self.sync.close()
        if self.demo_cards is not None:
            self.demo_cards.close()

    def _place_demo_cards(self, cards: QWidget) -> None:
        # Beside the window where the screen has room.
        frame = self.window.frameGeometry()
        screen = self.window.screen().availableGeometry()
        if frame.right() + 40 + cards.width() <= screen.right():
            cards.move(frame.right() + 16, frame.top())
        cards.show()

    def _show_demo_cards(self) -> None:
        if self.demo_cards is not None:
            self._place_demo_cards(self.demo_cards)
            self.demo_cards.raise_()

    def _settings(self) -> None:
        from clerk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.settings = dialog.settings
        save_settings(self.settings_path, self.settings)
        self.window.idle.set_minutes(self.settings.idle_lock_minutes)
        self.window.top_bar.set_camera_visible(self.settings.camera_enabled)
        self.wedge.set_thresholds(
            self.settings.wedge_max_interval_ms, self.settings.wedge_min_length
        )

    def _revoked(self, detail: str) -> None:
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("Shell", "This tablet was disconnected"),
            QCoreApplication.translate(
                "Shell",
                "Central no longer accepts this tablet (it was removed from the store). "
                "Nothing entered here is lost. Ask your manager for a new enrollment code.",
            ),
        )
        self.reenroll = detail or "revoked"
        self.window.close()

    def _camera(self) -> None:
        from clerk.ui.scanning.camera import CameraDialog

        dialog = CameraDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decoded.connect(self.router.submit)
        dialog.open()

    def _type_code(self) -> None:
        from clerk.ui.scanning.manual import ScanEntryDialog

        dialog = ScanEntryDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self.router.submit)
        dialog.open()


def run_window(
    app: QApplication,
    bridge: ServiceBridge,
    tablet: Tablet,
    colors: Colors,
    settings: AppSettings,
    settings_path: Path,
    language: str,
    demo: DemoHooks | None,
    *,
    window: MainWindow | None = None,
) -> WindowOutcome:
    """Show the app for ``tablet`` until its window closes (``window``: already painted)."""
    shell = Shell(app, bridge, tablet, colors, settings, settings_path, demo, window)
    shell.show()
    app.exec()
    shell.close()
    return WindowOutcome(reenroll=shell.reenroll)
