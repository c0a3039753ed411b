"""The Demo cards window: scannable codes of real demo customers, orders and products.

Loyalty codes live five minutes like the customer app's, so the window signs fresh ones every
four.  **Scan this** sends a card's code through the same router a scanner would; the codes
can also be scanned off the screen with a camera or photographed and opened as an image.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Tier
from clerk.printing.qr import ean13_image, qr_image
from clerk.ui.bridge import ServiceBridge
from clerk.ui.texts import channel_name, tier_name

if TYPE_CHECKING:
    from clerk.demo import DemoCard

REFRESH_MS = 4 * 60_000


class DemoCardsWindow(QWidget):
    """A window of demo codes; ``submit(code)`` is called when the clerk presses Scan this."""

    def __init__(
        self,
        bridge: ServiceBridge,
        make_cards: Callable[[], list[DemoCard]],
        submit: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("demoCardsWindow")
        self.setWindowTitle(self.tr("Clerk — Demo cards"))
        self._bridge = bridge
        self._make_cards = make_cards
        self._submit = submit
        self.cards: list[DemoCard] = []

        heading = QLabel(self.tr("Demo cards"), self)
        heading.setProperty("role", "title")
        lead = QLabel(
            self.tr(
                "Real demo customers and orders of this store. Scan a code with a scanner or "
                "the camera, or press Scan this. Loyalty codes are signed afresh every four "
                "minutes, like the customer app's."
            ),
            self,
        )
        lead.setWordWrap(True)
        lead.setProperty("role", "subtitle")
        refresh = QPushButton(self.tr("Sign fresh codes"), self)
        refresh.setObjectName("refreshDemoCards")
        refresh.setAccessibleName(self.tr("Sign fresh codes"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(refresh)

        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(16)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._grid_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(top)
        layout.addWidget(lead)
        layout.addWidget(scroll, 1)
        self.resize(1180, 820)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    def _kind_name(self, kind: str) -> str:
        return {
            "loyalty": self.tr("Loyalty QR (customer app)"),
            "card": self.tr("Printed loyalty card"),
            "pickup": self.tr("Pickup QR (ready order)"),
            "receipt": self.tr("Receipt QR"),
            "product": self.tr("Product label"),
        }.get(kind, kind)

    def _detail(self, card: DemoCard) -> str:
        if card.kind == "loyalty" and card.tier is not None:
            points = f"{card.points or 0:,}".replace(",", "\u00a0")
            return (
                self.tr("{tier} · {points} points")
                .replace("{tier}", tier_name(Tier(card.tier)))
                .replace("{points}", points)
            )
        if card.channel is not None:
            return channel_name(card.channel)
        return card.detail

    def refresh(self) -> None:
        """Sign fresh codes (in the background) and show them."""
        self._bridge.op(self._make_cards).read_only().success(self._show).run()

    def _show(self, cards: list[DemoCard]) -> None:
        self.cards = cards
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for i, card in enumerate(cards):
            self._grid.addWidget(self._card(i, card), i // 3, i % 3)

    def _card(self, index: int, card: DemoCard) -> QFrame:
        frame = QFrame(self._grid_host)
        frame.setProperty("card", True)
        frame.setObjectName(f"demoCard_{index}")
        frame.setFixedWidth(340)
        kind = QLabel(self._kind_name(card.kind), frame)
        kind.setProperty("role", "muted")
        title = QLabel(card.title, frame)
        title.setStyleSheet("font-weight: 600; font-size: 12pt;")
        title.setWordWrap(True)
        detail = QLabel(self._detail(card), frame)
        detail.setProperty("role", "muted")
        image = (
            ean13_image(card.payload, width=260, height=110)
            if card.kind in {"card", "product"}
            else qr_image(card.payload, box=4)
        )
        picture = QLabel(frame)
        picture.setPixmap(QPixmap.fromImage(image))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setStyleSheet("background: #ffffff; padding: 8px; border-radius: 6px;")
        scan = QPushButton(self.tr("Scan this"), frame)
        scan.setObjectName(f"scanDemoCard_{index}")
        scan.setAccessibleName(self.tr("Scan this code"))
        scan.clicked.connect(lambda _=False, code=card.payload: self._submit(code))
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(kind)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addWidget(picture, 1)
        layout.addWidget(scan)
        return frame
