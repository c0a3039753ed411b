"""The customer 360 page of the Counter: the bar, the header, the timeline and the side panels.

Only widgets and how they look; what they do is the screen's (:mod:`.screen`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.ui.models.timeline import TimelineDelegate, TimelineFilter, TimelineModel
from clerk.ui.resources import icon
from clerk.ui.screens.counter.header import CustomerHeader
from clerk.ui.screens.counter.panels import CartPanel, OpenItemsPanel
from clerk.ui.screens.counter.words import kind_filters
from clerk.ui.texts import channel_name
from clerk.ui.theme import Colors
from clerk.ui.widgets import WrapLabel, row_table


class CustomerPage(QWidget):
    """One customer's 360, laid out for a 1280×800 tablet."""

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer360")
        self._colors = colors
        c = colors

        self.back = QPushButton(icon("counter", c.text, 20), self.tr("Next customer"), self)
        self.back.setObjectName("nextCustomer")
        self.back.setAccessibleName(self.tr("Close this customer and serve the next one"))
        self.banner = WrapLabel(parent=self)
        self.banner.setObjectName("counterBanner")
        self.banner.setMargin(10)
        self.banner.hide()
        self.add_note = QPushButton(icon("note", c.text, 20), self.tr("Add note"), self)
        self.add_note.setObjectName("addNote")
        self.add_note.setAccessibleName(self.tr("Add a note to the customer's thread"))
        bar = QHBoxLayout()
        bar.setSpacing(12)
        bar.addWidget(self.back)
        bar.addWidget(self.banner, 1)
        bar.addWidget(self.add_note)
        self.sell = QPushButton(icon("cart", c.accent_text, 20), self.tr("Finalize cart"), self)
        self.sell.setObjectName("sell")
        self.sell.setAccessibleName(self.tr("Finalize the online cart or start a sale"))
        self.sell.setProperty("primary", True)
        bar.addWidget(self.sell)

        self.header = CustomerHeader(c, self)

        # The timeline with its filters.
        self.timeline = TimelineModel(c, self)
        self.filtered = TimelineFilter(self)
        self.filtered.setSourceModel(self.timeline)
        self.channels = QComboBox(self)
        self.channels.setObjectName("timelineChannel")
        self.channels.setAccessibleName(self.tr("Show only one channel"))
        self.channels.addItem(self.tr("All channels"), "all")
        for channel in ("web", "app", "phone", "store"):
            self.channels.addItem(icon(channel, c.text, 18), channel_name(channel), channel)
        self.channels.currentIndexChanged.connect(
            lambda _i: self.filtered.set_channel(str(self.channels.currentData()))
        )
        self.kinds = QComboBox(self)
        self.kinds.setObjectName("timelineKind")
        self.kinds.setAccessibleName(self.tr("Show only one kind of entry"))
        self.kinds.setMinimumWidth(180)
        for key, text in kind_filters():
            self.kinds.addItem(text, key)
        self.kinds.currentIndexChanged.connect(
            lambda _i: self.filtered.set_kind(str(self.kinds.currentData()))
        )

        self.table = row_table(
            self,
            "timeline",
            self.tr("The customer's timeline across channels"),
            self.filtered,
            40,
        )
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(TimelineDelegate(self.table))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(TimelineModel.WHAT, QHeaderView.ResizeMode.Stretch)
        head.resizeSection(TimelineModel.WHEN, 132)
        head.resizeSection(TimelineModel.CHANNEL, 170)
        head.resizeSection(TimelineModel.AMOUNT, 104)
        head.resizeSection(TimelineModel.STATUS, 116)
        timeline_title = QLabel(self.tr("Timeline"), self)
        timeline_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(timeline_title)
        title_row.addStretch(1)
        title_row.addWidget(self.channels)
        title_row.addWidget(self.kinds)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(title_row)
        left.addWidget(self.table, 1)

        self.open_items = OpenItemsPanel(c, self)
        self.cart = CartPanel(c, self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(12)
        side_layout.addWidget(self.open_items)
        side_layout.addWidget(self.cart)
        side_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("counterSide")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(side)
        scroll.setMinimumWidth(320)
        scroll.setMaximumWidth(380)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addWidget(scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)

    def say(self, text: str, level: str) -> None:
        """A message in the bar: ``level`` error, warning, ok or info."""
        c = self._colors
        background = {"error": c.error_bg, "warning": c.warn_bg, "ok": c.info_bg}.get(
            level, c.info_bg
        )
        colour = {"error": c.error, "warning": c.warn}.get(level, c.text)
        self.banner.setStyleSheet(f"background: {background}; color: {colour}; border-radius: 8px;")
        self.banner.setProperty("level", level)
        self.banner.setText(text)
        self.banner.show()

    def show_source(self, source: str) -> None:
        """Say where the 360 on screen came from, unless it is the tablet's own slice."""
        if source == "token":
            self.say(
                self.tr(
                    "Offline: recognised from their signed app code. Their profile, history "
                    "and cart are unavailable until the tablet is online; a sale can still be "
                    "made and is queued."
                ),
                "warning",
            )
        elif source == "cached":
            self.say(
                self.tr(
                    "Central cannot be reached: this is the profile the tablet saved earlier; "
                    "it may be out of date."
                ),
                "warning",
            )
        elif source == "central":
            self.say(self.tr("Fetched from central and kept on this tablet."), "info")
        else:
            self.banner.hide()
