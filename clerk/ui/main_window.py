"""The main window: sign-in/lock over the work, the rail, the top bar, shortcuts and scans.

The window only paints and reacts: services run on the bridge's workers, sync events arrive
as signals, and every scan goes through the one :class:`ScanRouter`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Role
from clerk.ui.chrome import MessageBar, NavRail, TopBar
from clerk.ui.idle import IdleWatcher
from clerk.ui.session import SCREEN_ROLES, Screen, SignedInStaff
from clerk.ui.signin import SignInScreen
from clerk.ui.texts import error_text, role_name
from clerk.ui.theme import Colors

if TYPE_CHECKING:
    from clerk.services.scanning import (
        CustomerScan,
        OrderNumberScan,
        PickupScan,
        ProductCheck,
        ReceiptScan,
        StoreCreditScan,
    )
    from clerk.services.signin import PinGate
    from clerk.ui.scanning.router import Preview, ScanRouter
    from clerk.ui.screens.counter.screen import CounterScreen
    from clerk.ui.screens.pickup.screen import PickupScreen
    from clerk.ui.screens.returns.screen import ReturnsScreen
    from clerk.ui.session import AppServices

log = logging.getLogger(__name__)


_F_KEYS = {
    Screen.COUNTER: "F1",
    Screen.PICKUP: "F2",
    Screen.RETURNS: "F3",
    Screen.RESERVATIONS: "F4",
    Screen.TODAY: "F5",
}


class MainWindow(QMainWindow):
    """Clerk's one window."""

    enrollmentRequired = Signal(str)
    cameraRequested = Signal()
    typeCodeRequested = Signal()
    settingsRequested = Signal()

    def __init__(
        self,
        colors: Colors,
        *,
        store_title: str,
        idle_minutes: float = 5,
        demo_pins: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """The window with its sign-in screen; :meth:`attach` adds the work once the app's
        core has loaded (the window is painted before that)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Clerk — {store}").replace("{store}", store_title))
        self._colors = colors
        self._current: Screen | None = None
        self._screens: dict[Screen, QWidget] = {}

        self.top_bar = TopBar(colors, self)
        self.top_bar.set_store(store_title)
        self.top_bar.set_scanning_enabled(False)
        self.top_bar.set_settings_visible(False)
        self.message_bar = MessageBar(colors, self)
        self.sign_in = SignInScreen(demo_pins=demo_pins, parent=self)
        self.rail = NavRail(colors, self)
        self.rail.hide()
        self._stack = QStackedWidget(self)
        self._outer = QStackedWidget(self)
        self._outer.addWidget(self.sign_in)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self._outer, 1)
        self.setCentralWidget(central)
        self.idle = IdleWatcher(idle_minutes, self)

    def attach(
        self,
        services: AppServices,
        pins: PinGate,
        router: ScanRouter,
        counter: CounterScreen,
        pickup: PickupScreen,
        returns: ReturnsScreen,
        screens: dict[Screen, QWidget],
    ) -> None:
        """Wire the core in: services, the PIN gate, the scan router and the screens (the
        Counter, Pickup and Returns, which scans are routed to, and the others by kind)."""
        self.services = services
        self.session = services.session
        self.router = router
        self.counter, self.pickup = counter, pickup
        self.returns = returns
        self._screens = {
            **screens,
            Screen.COUNTER: counter,
            Screen.PICKUP: pickup,
            Screen.RETURNS: returns,
        }
        for screen in Screen:
            self._stack.addWidget(self._screens[screen])
        work = QWidget(self)
        work_layout = QHBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(0)
        self.rail.show()
        work_layout.addWidget(self.rail)
        work_layout.addWidget(self._stack, 1)
        self._work = work
        self._outer.addWidget(work)

        self.idle.idle.connect(self.lock)
        self.sign_in.signedIn.connect(self._signed_in)
        self.rail.screenChosen.connect(self.go)
        self.top_bar.lockClicked.connect(self.lock)
        self.top_bar.cameraClicked.connect(self.cameraRequested)
        self.top_bar.typeCodeClicked.connect(self.typeCodeRequested)
        self.top_bar.syncClicked.connect(services.request_sync)
        self.top_bar.settingsClicked.connect(self.settingsRequested)
        services.bridge.failed.connect(self._failed)
        self._wire_router()
        self._wire_sync()
        self._shortcuts()
        self.sign_in.attach(services, pins)
        self._show_sign_in()

    # -- wiring -----------------------------------------------------------------------

    def _wire_router(self) -> None:
        r = self.router
        r.customerScanned.connect(self._customer_scanned)
        r.pickupScanned.connect(self._pickup_scanned)
        r.receiptScanned.connect(self._receipt_scanned)
        r.orderNumberEntered.connect(self._order_number)
        r.storeCreditScanned.connect(self._store_credit_scanned)
        r.productChecked.connect(self._product_checked)
        r.rejected.connect(lambda text: self.message_bar.show_message(text, "error"))

    def _wire_sync(self) -> None:
        sync = self.services.sync
        if sync is None:
            return
        sync.connectivityChanged.connect(self._connectivity)
        sync.pendingChanged.connect(self.show_pending)
        sync.syncCompleted.connect(self.top_bar.set_last_sync)
        sync.dataChanged.connect(self._data_changed)
        sync.enrollmentRequired.connect(self.enrollmentRequired)

    def _shortcuts(self) -> None:
        def add(keys: str | QKeySequence, slot: Callable[[], object], name: str) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setObjectName(name)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(slot)

        for screen, key in _F_KEYS.items():
            add(key, partial(self.go, screen), f"shortcut_{screen.value}")
        add("Ctrl+L", self.lock, "shortcut_lock")
        add("Ctrl+F", lambda: self._ask_screen("focus_search"), "shortcut_search")
        add("Ctrl+Return", lambda: self._ask_screen("primary_action"), "shortcut_primary")
        add("Ctrl+Enter", lambda: self._ask_screen("primary_action"), "shortcut_primary_keypad")
        add("Esc", self._escape, "shortcut_escape")

    # -- signing in and locking ---------------------------------------------------------

    def _show_sign_in(self) -> None:
        self._outer.setCurrentWidget(self.sign_in)
        self.sign_in.show_locked(self.session.staff if self.session.locked else None)
        self.sign_in.reload()
        self.top_bar.set_staff(self.session.staff)
        self.top_bar.set_scanning_enabled(False)
        self.top_bar.set_settings_visible(False)
        self.router.set_accepting(False)

    def _signed_in(self, staff: SignedInStaff) -> None:
        previous = self.session.staff
        if previous is None or previous.staff_id != staff.staff_id:
            # Someone else: the previous staff member's work (and customer) is closed.
            self._reset_screens()
            self._current = None
        self.session.sign_in(staff)
        self.top_bar.set_staff(staff)
        self.top_bar.set_scanning_enabled(True)
        self.top_bar.set_settings_visible(staff.role is Role.MANAGER)
        self.rail.set_allowed({s for s in Screen if staff.role in SCREEN_ROLES[s]})
        self._outer.setCurrentWidget(self._work)
        self.router.set_accepting(True)
        self.message_bar.hide()
        self.idle.start()
        target = self._current or next(s for s in Screen if self.session.may_open(s))
        self.go(target)

    def lock(self) -> None:
        """Cover the work; the same staff member unlocks with their PIN (Ctrl+L, idle)."""
        if not self.session.active:
            return
        self.idle.stop()
        self.session.lock()
        self.message_bar.hide()
        self._show_sign_in()

    def _reset_screens(self) -> None:
        for widget in self._screens.values():
            reset = getattr(widget, "reset", None)
            if callable(reset):
                reset()

    # -- navigation -----------------------------------------------------------------------

    def go(self, screen: Screen) -> bool:
        """Show ``screen`` if the signed-in role opens it; say why not otherwise."""
        if not self.session.active:
            return False
        if not self.session.may_open(screen):
            staff = self.session.staff
            assert staff is not None
            title = self.rail.titles()[screen]
            self.message_bar.show_message(
                self.tr("{role} staff do not open {screen}; ask a manager.")
                .replace("{role}", role_name(staff.role))
                .replace("{screen}", title),
                "warning",
            )
            if self._current is not None:
                self.rail.set_current(self._current)
            return False
        self._current = screen
        # A customer scanned here goes to the Counter, which wants their 360 read with it.
        self.router.preview_customers = screen is not Screen.PICKUP
        self._stack.setCurrentWidget(self._screens[screen])
        self.rail.set_current(screen)
        shown = getattr(self._screens[screen], "shown", None)
        if callable(shown):
            shown()
        return True

    @property
    def current_screen(self) -> Screen | None:
        """The screen shown behind the lock (None before anyone signed in)."""
        return self._current

    @property
    def showing_sign_in(self) -> bool:
        """Whether the sign-in or lock screen covers the work."""
        return self._outer.currentWidget() is self.sign_in

    def screen_widget(self, screen: Screen) -> QWidget:
        """The widget of ``screen``."""
        return self._screens[screen]

    def _ask_screen(self, method: str) -> None:
        if not self.session.active or self._current is None:
            return
        call = getattr(self._screens[self._current], method, None)
        if callable(call):
            call()

    def _escape(self) -> None:
        if self.message_bar.isVisible():
            self.message_bar.hide()
            return
        self._ask_screen("cancel")

    # -- scans ------------------------------------------------------------------------------

    def _customer_scanned(self, scan: CustomerScan, preview: Preview | None) -> None:
        # At the pickup desk a loyalty code means "my orders, please".
        if self._current is Screen.PICKUP:
            self.pickup.show_customer_scan(scan)
        elif self.go(Screen.COUNTER):
            self.counter.show_customer_scan(scan, preview)

    def _pickup_scanned(self, scan: PickupScan) -> None:
        if self.go(Screen.PICKUP):
            self.pickup.show_pickup_scan(scan)

    def _receipt_scanned(self, scan: ReceiptScan) -> None:
        self.open_return(scan.order_id)

    def _order_number(self, scan: OrderNumberScan) -> None:
        # A typed order number is a purchase coming back (the Pickup desk has its own box).
        if self.go(Screen.RETURNS):
            self.returns.find_number(scan.number)

    def _store_credit_scanned(self, scan: StoreCreditScan) -> None:
        # Store credit is spent at the Counter's checkout; elsewhere the clerk hears where.
        if self._current is Screen.COUNTER and self.counter.take_store_credit(scan.code):
            return
        text = self.tr("Store credit {code} scanned: open the sale at the Counter to take it.")
        self.message_bar.show_message(text.replace("{code}", scan.code), "info")

    def _product_checked(self, check: ProductCheck) -> None:
        # A product scanned during a sale goes into its basket, one scanned while picking an
        # order ticks it off the pick list; anywhere else it shows its price and stock.
        if self._current is Screen.COUNTER and self.counter.add_product(check):
            return
        if self._current is Screen.PICKUP and self.pickup.scan_product(check):
            return
        from clerk.ui.scanning.product_check import ProductCheckDialog

        dialog = ProductCheckDialog(check, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- sync state -------------------------------------------------------------------------

    def _connectivity(self, state: str, detail: str) -> None:
        self.top_bar.set_connectivity(state, detail)
        self.sign_in.set_offline_hint(state == "offline")

    def show_pending(self, pending: int, attention: int) -> None:
        """How many actions wait to be sent, and how many need a person."""
        self.top_bar.set_pending(pending, attention)
        self.rail.set_attention(attention)

    def _data_changed(self, entities: frozenset[str]) -> None:
        if "staff" in entities and self.showing_sign_in:
            self.sign_in.reload()
        for widget in self._screens.values():
            changed = getattr(widget, "data_changed", None)
            if callable(changed):
                changed(entities)

    def open_pickup(self, order_id: str) -> None:
        """Open ``order_id`` on the Pickup screen (from a customer's open items)."""
        if self.go(Screen.PICKUP):
            self.pickup.open_order(order_id)

    def open_return(self, order_id: str) -> None:
        """Open ``order_id`` on the Returns screen (a receipt, the Counter's timeline)."""
        if self.go(Screen.RETURNS):
            self.returns.open_order(order_id)

    def _failed(self, error: BaseException) -> None:
        self.message_bar.show_message(error_text(error), "error")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        super().closeEvent(event)
