"""The Counter's first page: scan the customer's code, or search for them as you type.

The search runs on the tablet first; when the tablet has no match and central can be reached,
central is searched too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Tier
from clerk.services.customer_view import CustomerHit
from clerk.services.customers import find_customers
from clerk.services.customers_central import find_customers_central
from clerk.ui.resources import icon, icon_pixmap
from clerk.ui.screens.counter.words import points_text
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text, tier_name
from clerk.ui.theme import Colors

SEARCH_DELAY_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class FindCustomer(QWidget):
    """The scan prompt and the search field with results as the clerk types."""

    queryChanged = Signal(str)  # after a short pause in typing (the search runs on it)
    customerChosen = Signal(object)  # CustomerHit

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterFind")
        self.services = services
        self._colors = colors

        prompt = QFrame(self)
        prompt.setProperty("card", True)
        badge = QLabel(prompt)
        badge.setPixmap(icon_pixmap("qr", colors.accent, 72))
        title = QLabel(self.tr("Scan the customer's loyalty code"), prompt)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        lead = QLabel(
            self.tr(
                "The code in their app or wallet, or their printed card. "
                "No card? Search by name, phone, e-mail or card number."
            ),
            prompt,
        )
        lead.setProperty("role", "subtitle")
        lead.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(lead)
        top = QHBoxLayout(prompt)
        top.setContentsMargins(24, 20, 24, 20)
        top.setSpacing(20)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)

        self.search = QLineEdit(self)
        self.search.setObjectName("counterSearch")
        self.search.setAccessibleName(self.tr("Search customers"))
        self.search.setPlaceholderText(self.tr("Name, phone, e-mail or card number"))
        self.search.setStyleSheet("font-size: 14pt; min-height: 56px;")
        self.status = QLabel(self)
        self.status.setObjectName("counterSearchStatus")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("counterResults")
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setUniformItemSizes(True)
        self.results.setStyleSheet("QListWidget::item { padding: 10px; min-height: 40px; }")
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(16)
        layout.addWidget(prompt)
        magnifier = QLabel(self)
        magnifier.setPixmap(icon_pixmap("search", colors.muted, 28))
        field = QHBoxLayout()
        field.setSpacing(10)
        field.addWidget(magnifier)
        field.addWidget(self.search, 1)
        layout.addLayout(field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.queryChanged.emit(self.search.text().strip()))
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self.queryChanged.connect(self._search)

    def _search(self, query: str) -> None:
        if not query:
            self.show_hits(query, [])
            return
        self.services.bridge.op(find_customers, self.services.ctx, query).read_only().success(
            lambda hits: self._local_hits(query, hits)
        ).failure(self._search_failed).run()

    def _local_hits(self, query: str, hits: list[CustomerHit]) -> None:
        directory = self.services.directory
        if hits or len(query) < 3 or directory is None:
            self.show_hits(query, hits)
            return
        self.show_hits(query, [], self.tr("Not on this tablet — searching central…"))
        self.services.bridge.op(find_customers_central, directory, query).read_only().success(
            lambda found: self._central_hits(query, found)
        ).failure(self._search_failed).run()

    def _central_hits(self, query: str, hits: list[CustomerHit] | None) -> None:
        if hits is None:
            note = self.tr(
                "No customer on this tablet matches, and central cannot be reached to search "
                "further. Scan their app code: it works offline."
            )
            self.show_hits(query, [], note)
            return
        self.show_hits(query, hits)

    def _search_failed(self, error: BaseException) -> None:
        self.set_status(error_text(error))

    def _enter(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.queryChanged.emit(self.search.text().strip())
        elif self.results.count():
            self._activated(self.results.item(0))

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if isinstance(hit, CustomerHit):
            self.customerChosen.emit(hit)

    def clear(self) -> None:
        self._timer.stop()
        self.search.clear()
        self.results.clear()
        self.status.clear()

    def show_hits(self, query: str, hits: Sequence[CustomerHit], note: str = "") -> None:
        """Results for ``query`` (ignored when the clerk has typed on since)."""
        if query != self.search.text().strip():
            return
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(_hit_text(hit))
            item.setData(HIT_ROLE, hit)
            item.setIcon(icon("user" if hit.on_tablet else "web", self._colors.accent, 28))
            self.results.addItem(item)
        if note:
            self.status.setText(note)
        elif query and not hits:
            self.status.setText(self.tr("No customer matches “{query}”.").replace("{query}", query))
        else:
            self.status.clear()

    def set_status(self, text: str) -> None:
        self.status.setText(text)


def _hit_text(hit: CustomerHit) -> str:
    contact = "   ".join(p for p in (hit.phone, hit.email) if p)
    text = (
        QCoreApplication.translate(
            "FindCustomer", "{name} — {tier}, {points}\n{contact}   card …{card}"
        )
        .replace("{name}", hit.name)
        .replace("{tier}", tier_name(Tier(hit.tier)))
        .replace("{points}", points_text(hit.points))
        .replace("{contact}", contact)
        .replace("{card}", hit.card_tail)
    )
    if not hit.on_tablet:
        text += "   " + QCoreApplication.translate("FindCustomer", "(from central)")
    return text
