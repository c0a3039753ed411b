"""One order on the Pickup screen, and the banner above every page.

The order page shows the view that fits the order's state: its pick list while it is
prepared, the release panel (``clerk/ui/screens/pickup/release.py``, built the first time a
ready order is opened) once it is on the shelf, or what became of it.  The release panel
brings its own head and way back; the others get :class:`DeskOrderHeader`.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from clerk.domain.entities import OrderStatus
from clerk.domain.holds import HoldUrgency
from clerk.services.pickup_queue import TO_PREPARE, PickupDetail
from clerk.ui.models.pickup_queue import hold_text
from clerk.ui.resources import icon
from clerk.ui.screens.counter.words import status_name
from clerk.ui.screens.pickup.prepare import PreparePanel
from clerk.ui.screens.pickup.summary import OrderSummary
from clerk.ui.session import AppServices
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["Banner", "DeskOrderHeader", "Method", "OrderPage"]

Method = Literal["pickup_token", "loyalty", "number_phone"]
RELEASE_MODULE = "clerk.ui.screens.pickup.release"


class DeskOrderHeader(QWidget):
    """Back to the queue, "Order W…", its facts and marks, and a rule under them."""

    backClicked = Signal()

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupOrderHeader")
        self._colors = colors
        self.back = touch_button(
            self, "pickupBack", self.tr("Queue"), self.tr("Back to the pickup queue")
        )
        self.back.setIcon(icon("pickup", colors.text, 20))
        self.back.clicked.connect(self.backClicked)
        self.title = QLabel(self)
        self.title.setObjectName("pickupOrderTitle")
        self.title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.facts = QLabel(self)
        self.facts.setObjectName("pickupOrderFacts")
        self.facts.setProperty("role", "muted")
        self.facts.setWordWrap(True)
        self.marks = QLabel(self)
        self.marks.setObjectName("pickupOrderMarks")
        self.marks.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.facts)
        words.addWidget(self.marks)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet(f"color: {colors.border};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(row)
        layout.addWidget(line)

    def show_order(self, detail: PickupDetail) -> None:
        entry = detail.entry
        self.title.setText(self.tr("Order {number}").replace("{number}", detail.order.number))
        facts = [entry.customer_name or self.tr("no customer account")]
        status = OrderStatus(detail.order.status)
        facts.append(status_name(str(status)))
        if status in TO_PREPARE or status == OrderStatus.READY:
            units = sum(line.waiting for line in detail.lines)
            facts.append(
                self.tr("1 item") if units == 1 else self.tr("{n} items").replace("{n}", str(units))
            )
        held = hold_text(entry) if entry.state != "collected_today" else ""
        if status in TO_PREPARE:
            held = self.tr("ordered {when}").replace(
                "{when}", store_time(detail.order.created_at, "%d.%m.%Y %H:%M")
            )
        if held:
            facts.append(held)
        self.facts.setText(" · ".join(facts))
        c = self._colors
        if entry.attention:
            self.marks.setText(self.tr("Central refused: {why}").replace("{why}", entry.attention))
            self.marks.setStyleSheet(f"color: {c.error}; font-weight: 600;")
        elif entry.pending:
            self.marks.setText(self.tr("This tablet's last action waits to be sent to central."))
            self.marks.setStyleSheet(f"color: {c.warn};")
        elif entry.urgency != HoldUrgency.OK and status == OrderStatus.READY:
            over = entry.urgency == HoldUrgency.OVERDUE
            self.marks.setText(
                self.tr("The hold is over.") if over else self.tr("The hold ends soon.")
            )
            self.marks.setStyleSheet(f"color: {c.error if over else c.warn}; font-weight: 600;")
        else:
            self.marks.clear()
        self.marks.setVisible(bool(self.marks.text()))


class Banner(QLabel):
    """What the screen has to tell the clerk now, coloured by how much it matters."""

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupBanner")
        self._colors = colors
        self.setWordWrap(True)
        self.setMargin(12)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str, level: str) -> None:
        """Show ``text``; ``level`` is "info", "ok", "warning" or "error"."""
        c = self._colors
        background = {"error": c.error_bg, "warning": c.warn_bg}.get(level, c.info_bg)
        colour = {"error": c.error, "warning": c.warn, "ok": c.ok}.get(level, c.text)
        self.setStyleSheet(
            f"background: {background}; color: {colour}; border-radius: 8px; font-weight: 600;"
        )
        self.setProperty("level", level)
        self.setText(text)
        self.show()


class OrderPage(QWidget):
    """The order's head and the view that fits its state.

    ``backClicked()`` from the head; ``released(order)`` and ``releaseClosed()`` from the
    release panel.
    """

    backClicked = Signal()
    released = Signal(object)
    releaseClosed = Signal()

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pickupOrder")
        self.services = services
        self._colors = colors
        self.release: Any = None  # the release panel, built when first needed
        self.header = DeskOrderHeader(colors, self)
        self.header.backClicked.connect(self.backClicked)
        self.prepare = PreparePanel(services, colors, self)
        self.summary = OrderSummary(colors, self)
        self.no_release = QLabel(self)
        self.no_release.setObjectName("pickupReleaseMissing")
        self.no_release.setWordWrap(True)
        self.no_release.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_release.setProperty("role", "subtitle")
        self.views = QStackedWidget(self)
        self.views.addWidget(self.prepare)
        self.views.addWidget(self.summary)
        self.views.addWidget(self.no_release)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(self.header)
        layout.addWidget(self.views, 1)

    @property
    def view(self) -> str:
        """ "prepare", "summary", "release" or "no_release" (this build has no release panel)."""
        current = self.views.currentWidget()
        if current is self.prepare:
            return "prepare"
        if current is self.summary:
            return "summary"
        if self.release is not None and current is self.release:
            return "release"
        return "no_release"

    def show_prepare(self, detail: PickupDetail) -> None:
        self.prepare.show_order(detail)
        self.views.setCurrentWidget(self.prepare)
        self.header.show_order(detail)
        self.header.show()

    def show_summary(self, detail: PickupDetail, now: datetime) -> None:
        self.summary.show_order(detail, now)
        self.views.setCurrentWidget(self.summary)
        self.header.show_order(detail)
        self.header.show()

    def show_release(self, detail: PickupDetail, method: Method | None) -> None:
        panel = self._release_panel()
        if panel is None:
            self.no_release.setText(
                self.tr(
                    "Order {number} is ready on shelf {shelf}. This build has no release panel."
                )
                .replace("{number}", detail.order.number)
                .replace("{shelf}", detail.entry.shelf or "—")
            )
            self.views.setCurrentWidget(self.no_release)
            self.header.show_order(detail)
            self.header.show()
            return
        panel.show_order(detail, method)
        self.views.setCurrentWidget(panel)
        self.header.hide()

    def _release_panel(self) -> Any:
        if self.release is None:
            if importlib.util.find_spec(RELEASE_MODULE) is None:
                return None  # the release side is not in this build
            from clerk.ui.screens.pickup.release import ReleasePanel

            panel = ReleasePanel(self.services, self._colors, self.views)
            panel.released.connect(self.released)
            panel.closed.connect(self.releaseClosed)
            self.views.addWidget(panel)
            self.release = panel
        return self.release
