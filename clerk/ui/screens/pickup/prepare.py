"""Preparing a click-and-collect order: pick every item by its barcode, shelve, mark ready.

Each scan (or typed EAN) ticks one unit off the pick list; a product that is not in the order
is refused with its name, so the wrong size never reaches the shelf.  A unit that cannot be
handed over is marked **short** with a reason; the order becomes ready without it and the
service refunds it (central tells the customer).  **Mark ready** is enabled once every unit is
either picked or short, and sends ``mark_ready`` through the bridge with the shelf or bin.

Progress is kept per order while the clerk looks at another one, until someone else signs in.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Order
from clerk.services.outbox import Outcome
from clerk.services.pickup_queue import PickLine, PickupDetail
from clerk.services.pickup_ready import ShortLine, mark_ready
from clerk.services.scanning import ProductCheck, ScanOutcome, ScanRefused, resolve_scan
from clerk.ui.resources import icon, icon_pixmap
from clerk.ui.scanning.reasons import reason_text
from clerk.ui.screens.pickup.pick_list import PickProgress, PickRow, ShortDialog
from clerk.ui.screens.pickup.queue import touch_field
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["PreparePanel"]


class PreparePanel(QWidget):
    """The pick list of a placed order, the scan field, the shelf and **Mark ready**.

    ``markedReady(order, short_lines)`` once the command is queued (the local order is ready
    then, or cancelled when every unit was short).
    """

    markedReady = Signal(object, object)  # Order, tuple[ShortLine, ...]

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preparePanel")
        self.services = services
        self._colors = colors
        self.detail: PickupDetail | None = None
        self._progress: dict[str, PickProgress] = {}
        self._rows: dict[str, PickRow] = {}
        self._sending = False
        self.short_dialog: ShortDialog | None = None

        # The pick list.
        title = QLabel(self.tr("Pick list"), self)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.progress = QLabel(self)
        self.progress.setObjectName("prepareProgress")
        self.progress.setProperty("role", "muted")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.progress)
        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(8)
        scroll = QScrollArea(self)
        scroll.setObjectName("pickList")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addLayout(heading)
        left.addWidget(scroll, 1)

        left_box = QWidget(self)
        left_box.setLayout(left)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(left_box, 1)
        layout.addWidget(self._side())

    def _side(self) -> QWidget:
        c = self._colors
        side = QWidget(self)
        side.setMinimumWidth(300)
        side.setMaximumWidth(360)

        scan_box = QFrame(side)
        scan_box.setProperty("card", True)
        badge = QLabel(scan_box)
        badge.setPixmap(icon_pixmap("scan", c.accent, 40))
        lead = QLabel(self.tr("Scan each item's barcode. Label unreadable? Type the EAN."), side)
        lead.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(lead, 1)
        self.ean = touch_field(
            scan_box, "prepareEan", self.tr("EAN of the item picked"), self.tr("EAN-13")
        )
        self.ean.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,13}"), self.ean)
        )
        self.ean.returnPressed.connect(self.type_ean)
        self.ean_add = touch_button(
            scan_box, "prepareEanAdd", self.tr("Tick off"), self.tr("Tick off the typed EAN")
        )
        self.ean_add.clicked.connect(self.type_ean)
        typed = QHBoxLayout()
        typed.setSpacing(8)
        typed.addWidget(self.ean, 1)
        typed.addWidget(self.ean_add)
        self.message = QLabel(scan_box)
        self.message.setObjectName("prepareMessage")
        self.message.setWordWrap(True)
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.setContentsMargins(16, 14, 16, 14)
        scan_layout.setSpacing(10)
        scan_layout.addLayout(top)
        scan_layout.addLayout(typed)
        scan_layout.addWidget(self.message)

        shelf_box = QFrame(side)
        shelf_box.setProperty("card", True)
        shelf_title = QLabel(self.tr("Shelf or bin"), shelf_box)
        shelf_title.setStyleSheet("font-weight: 600;")
        self.shelf = touch_field(
            shelf_box, "prepareShelf", self.tr("Shelf or bin of the order"), self.tr("e.g. A-03")
        )
        self.shelf.setMaxLength(32)
        self.shelf.textChanged.connect(self._shelf_edited)
        self.shelf.returnPressed.connect(self.mark_ready)
        shelf_layout = QVBoxLayout(shelf_box)
        shelf_layout.setContentsMargins(16, 14, 16, 14)
        shelf_layout.setSpacing(8)
        shelf_layout.addWidget(shelf_title)
        shelf_layout.addWidget(self.shelf)

        self.hint = QLabel(side)
        self.hint.setObjectName("prepareHint")
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.ready = touch_button(
            side,
            "prepareMarkReady",
            self.tr("Mark ready"),
            self.tr("Mark the order ready for pickup"),
        )
        self.ready.setProperty("primary", True)
        self.ready.setIcon(icon("check", c.accent_text, 22))
        self.ready.setMinimumHeight(60)
        self.ready.setStyleSheet("font-size: 14pt;")
        self.ready.clicked.connect(self.mark_ready)

        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(scan_box)
        layout.addWidget(shelf_box)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addWidget(self.ready)
        return side

    # -- showing ------------------------------------------------------------------------------

    def show_order(self, detail: PickupDetail) -> None:
        """The pick list of ``detail`` (placed or picking), with what was done on it before."""
        self.detail = detail
        self._sending = False
        progress = self._progress.setdefault(detail.order.id, PickProgress())
        self._clamp(progress)
        while self._list_layout.count():
            item = self._list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows.clear()
        for line in detail.lines:
            if line.waiting <= 0:
                continue
            row = PickRow(line, self._colors, self._list)
            row.shortClicked.connect(self.open_short)
            self._rows[line.line_id] = row
            self._list_layout.addWidget(row)
        self._list_layout.addStretch(1)
        self.shelf.setText(progress.shelf)
        self.ean.clear()
        self._say("", "info")
        self._refresh()

    def refresh(self, detail: PickupDetail) -> None:
        """The same order read again (sync brought changes): keep what was picked."""
        if self.detail is not None and self.detail.order.id == detail.order.id:
            message, level = self.message.text(), self.message.property("level")
            self.show_order(detail)
            self._say(message, str(level or "info"))

    def forget(self) -> None:
        """Drop every order's progress (another staff member signed in)."""
        self._progress.clear()
        self.detail = None
        self._sending = False

    @property
    def order_id(self) -> str | None:
        return self.detail.order.id if self.detail is not None else None

    def _current(self) -> PickProgress | None:
        if self.detail is None:
            return None
        return self._progress.setdefault(self.detail.order.id, PickProgress())

    def _clamp(self, progress: PickProgress) -> None:
        assert self.detail is not None
        for line in self.detail.lines:
            short = min(progress.short_qty(line.line_id), line.waiting)
            if short <= 0:
                progress.short.pop(line.line_id, None)
            else:
                progress.short[line.line_id] = (short, progress.short[line.line_id][1])
            picked = min(progress.picked[line.line_id], line.waiting - short)
            progress.picked[line.line_id] = max(picked, 0)

    @property
    def complete(self) -> bool:
        """Every unit is picked or marked short."""
        progress = self._current()
        if self.detail is None or progress is None:
            return False
        return all(progress.left(line) <= 0 for line in self.detail.lines)

    def short_lines(self) -> tuple[ShortLine, ...]:
        progress = self._current()
        if progress is None:
            return ()
        return tuple(
            ShortLine(line_id, qty, reason) for line_id, (qty, reason) in progress.short.items()
        )

    def _refresh(self) -> None:
        progress = self._current()
        if self.detail is None or progress is None:
            return
        for row in self._rows.values():
            row.show_progress(progress)
        lines = [line for line in self.detail.lines if line.waiting > 0]
        units = sum(line.waiting for line in lines)
        picked = sum(progress.picked[line.line_id] for line in lines)
        short = sum(progress.short_qty(line.line_id) for line in lines)
        text = (
            self.tr("{picked} of {units} units picked")
            .replace("{picked}", str(picked))
            .replace("{units}", str(units))
        )
        if short:
            text += " · " + self.tr("{n} short").replace("{n}", str(short))
        self.progress.setText(text)
        everything_short = units > 0 and short == units
        self.ready.setText(
            self.tr("Refund and cancel the order") if everything_short else self.tr("Mark ready")
        )
        left = units - picked - short
        if left > 0:
            hint = (
                self.tr("1 more to scan, or mark it short.")
                if left == 1
                else self.tr("{n} more to scan, or mark them short.").replace("{n}", str(left))
            )
        elif everything_short:
            hint = self.tr(
                "Nothing can be handed over: the order is cancelled and refunded in full; "
                "central tells the customer."
            )
        elif not self.shelf.text().strip():
            hint = self.tr("Everything is picked. Write the shelf or bin, then mark it ready.")
        else:
            hint = self.tr("Ready to shelve: central tells the customer it can be collected.")
        self.hint.setText(hint)
        self.ready.setEnabled(left <= 0 and not self._sending)

    def _say(self, text: str, level: str) -> None:
        c = self._colors
        colour = {"error": c.error, "ok": c.ok, "warning": c.warn}.get(level, c.text)
        self.message.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.message.setProperty("level", level)
        self.message.setText(text)

    def _shelf_edited(self, text: str) -> None:
        progress = self._current()
        if progress is not None:
            progress.shelf = text
        self._refresh()

    # -- picking ------------------------------------------------------------------------------

    def scan_product(self, check: ProductCheck) -> None:
        """A product label scanned while this pick list is shown: tick one unit off, or say
        why not."""
        progress = self._current()
        if self.detail is None or progress is None:
            return
        lines = [line for line in self.detail.lines if line.ean == check.ean and line.waiting]
        if not lines:
            facts = ", ".join(p for p in (check.size, check.colour) if p)
            name = f"{check.name} ({facts})" if facts else check.name
            self._say(
                self.tr("Not in this order: {name} — put it back.").replace("{name}", name),
                "error",
            )
            return
        line = next((li for li in lines if progress.left(li) > 0), None)
        if line is None:
            # Found after all: a unit marked short is picked instead.
            line = next((li for li in lines if progress.short_qty(li.line_id) > 0), None)
            if line is None:
                self._say(
                    self.tr("All {n} × {name} are already picked.")
                    .replace("{n}", str(sum(li.waiting for li in lines)))
                    .replace("{name}", check.name),
                    "warning",
                )
                return
            qty, reason = progress.short[line.line_id]
            if qty > 1:
                progress.short[line.line_id] = (qty - 1, reason)
            else:
                del progress.short[line.line_id]
        progress.picked[line.line_id] += 1
        self._say(
            self.tr("Picked: {name} ({done} of {all})")
            .replace("{name}", line.name)
            .replace("{done}", str(progress.picked[line.line_id]))
            .replace("{all}", str(line.waiting)),
            "ok",
        )
        self._refresh()

    def type_ean(self) -> None:
        """The EAN typed in the field, looked up like a scan (the tablet's catalogue)."""
        ean = self.ean.text().strip()
        if not ean:
            self.ean.setFocus()
            return
        order_id = self.order_id
        self.services.bridge.op(resolve_scan, self.services.ctx, ean).read_only().success(
            lambda outcome: self._typed(order_id, outcome)
        ).failure(lambda error: self._say(error_text(error), "error")).run()

    def _typed(self, order_id: str | None, outcome: ScanOutcome) -> None:
        if order_id != self.order_id:
            return
        if isinstance(outcome, ProductCheck):
            self.ean.clear()
            self.scan_product(outcome)
        elif isinstance(outcome, ScanRefused):
            self._say(reason_text(outcome), "error")
        else:
            self._say(self.tr("That is not a product's barcode — type the EAN-13."), "error")

    def open_short(self, line_id: str) -> None:
        """Ask how many units of ``line_id`` are short, and why."""
        progress = self._current()
        line = self._line(line_id)
        if progress is None or line is None:
            return
        qty, reason = progress.short.get(line_id, (0, "not_found"))
        dialog = ShortDialog(line, qty, reason, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        order_id = self.order_id
        dialog.decided.connect(partial(self._short_decided, order_id, line_id))
        dialog.destroyed.connect(lambda _=None: setattr(self, "short_dialog", None))
        self.short_dialog = dialog
        dialog.open()

    def _short_decided(self, order_id: str | None, line_id: str, qty: int, reason: str) -> None:
        progress = self._current()
        line = self._line(line_id)
        if order_id != self.order_id or progress is None or line is None:
            return
        if qty <= 0:
            progress.short.pop(line_id, None)
        else:
            progress.short[line_id] = (qty, reason)  # type: ignore[assignment]
            progress.picked[line_id] = min(progress.picked[line_id], line.waiting - qty)
        self._refresh()

    def _line(self, line_id: str) -> PickLine | None:
        if self.detail is None:
            return None
        return next((li for li in self.detail.lines if li.line_id == line_id), None)

    # -- ready --------------------------------------------------------------------------------

    def primary_action(self) -> None:
        """Ctrl+Enter: mark ready, when it can be."""
        if self.ready.isEnabled():
            self.mark_ready()

    def mark_ready(self) -> None:
        """Send ``mark_ready`` with the shelf and the short lines."""
        if self.detail is None or self._sending:
            return
        if not self.complete:
            self._say(self.tr("Scan every item, or mark it short, first."), "warning")
            return
        shelf = self.shelf.text().strip()
        if not shelf:
            self._say(self.tr("Write the shelf or bin where the order waits."), "warning")
            self.shelf.setFocus()
            return
        order_id = self.detail.order.id
        shorts = self.short_lines()
        self._sending = True
        self._refresh()
        actor = self.services.session.actor()
        self.services.bridge.op(
            partial(mark_ready, shelf=shelf, short_lines=shorts),
            self.services.ctx,
            actor,
            order_id,
        ).success(lambda outcome: self._marked(order_id, shorts, outcome)).failure(
            lambda error: self._failed(order_id, error)
        ).run()

    def _marked(
        self, order_id: str, shorts: tuple[ShortLine, ...], outcome: Outcome[Order]
    ) -> None:
        self._progress.pop(order_id, None)
        self._sending = False
        if self.order_id == order_id:
            self.detail = None
        self.markedReady.emit(outcome.value, shorts)

    def _failed(self, order_id: str, error: BaseException) -> None:
        self._sending = False
        if self.order_id == order_id:
            self._say(error_text(error), "error")
            self._refresh()
