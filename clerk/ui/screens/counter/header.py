"""The customer 360's header: who they are, their tier and points, contact, consents, tastes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer, Tier
from clerk.services.customer_view import Customer360, mask_email, mask_phone, points_value
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.counter.words import money, points_text
from clerk.ui.texts import tier_name
from clerk.ui.theme import Colors
from clerk.ui.widgets import WrapLabel

translate = QCoreApplication.translate

_TIER_COLOURS = {Tier.GOLD: "#b8860b", Tier.SILVER: "#6b7b8c", Tier.BASIC: "#3d6b4f"}


class CustomerHeader(QFrame):
    """Name, tier, points and their value, masked contact with a Show button (audited),
    preferred channel, consents and preferences."""

    revealRequested = Signal()

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerHeader")
        self.setProperty("card", True)
        self._colors = colors
        self._customer: Customer | None = None

        self.avatar = QLabel(self)
        self.avatar.setPixmap(icon_pixmap("user", colors.accent, 40))
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        self.name.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tier = QLabel(self)
        self.tier.setObjectName("customerTier")
        self.card = QLabel(self)
        self.card.setObjectName("customerCard")
        self.card.setProperty("role", "muted")

        self.points = QLabel(self)
        self.points.setObjectName("customerPoints")
        self.points.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points_worth = QLabel(self)
        self.points_worth.setObjectName("customerPointsValue")
        self.points_worth.setProperty("role", "muted")
        self.points_worth.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.phone = QLabel(self)
        self.phone.setObjectName("customerPhone")
        self.email = QLabel(self)
        self.email.setObjectName("customerEmail")
        self.reveal = QPushButton(self.tr("Show contact"), self)
        self.reveal.setObjectName("revealContact")
        self.reveal.setAccessibleName(self.tr("Show the full phone number and e-mail"))
        self.reveal.setToolTip(self.tr("Shows the full contact details; this is recorded."))
        self.reveal.clicked.connect(self.revealRequested)
        self.preferred = QLabel(self)
        self.preferred.setObjectName("customerPreferredChannel")
        self.consents = WrapLabel(parent=self, lines=2)
        self.consents.setObjectName("customerConsents")
        self.preferences = WrapLabel(parent=self, lines=1)
        self.preferences.setObjectName("customerPreferences")

        who = QVBoxLayout()
        who.setSpacing(2)
        title = QHBoxLayout()
        title.setSpacing(12)
        title.addWidget(self.name)
        title.addWidget(self.tier)
        title.addStretch(1)
        who.addLayout(title)
        who.addWidget(self.card)

        worth = QVBoxLayout()
        worth.setSpacing(0)
        worth.addWidget(self.points)
        worth.addWidget(self.points_worth)

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(who, 1)
        top.addLayout(worth)

        details = QGridLayout()
        details.setHorizontalSpacing(16)
        details.setVerticalSpacing(4)
        contact = QHBoxLayout()
        contact.setSpacing(16)
        contact.addWidget(self.phone)
        contact.addWidget(self.email)
        contact.addWidget(self.reveal)
        contact.addStretch(1)
        details.addWidget(self._caption(self.tr("Contact")), 0, 0)
        details.addLayout(contact, 0, 1)
        details.addWidget(self._caption(self.tr("Prefers")), 1, 0)
        details.addWidget(self.preferred, 1, 1)
        details.addWidget(self._caption(self.tr("Consents")), 0, 2)
        details.addWidget(self.consents, 0, 3)
        details.addWidget(self._caption(self.tr("Likes")), 1, 2)
        details.addWidget(self.preferences, 1, 3)
        details.setColumnStretch(1, 3)
        details.setColumnStretch(3, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(details)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setProperty("role", "muted")
        return label

    # -- content ------------------------------------------------------------------------------

    def show_customer(self, view: Customer360) -> None:
        """Fill in ``view``'s customer (contact masked)."""
        customer = view.customer
        self._customer = customer
        if customer is None:
            self.name.setText(self.tr("Loyalty member {id}").replace("{id}", view.customer_id))
            self.tier.hide()
            self.card.setText(self.tr("Recognised from their signed app code"))
            self.points.setText("—")
            self.points_worth.setText(self.tr("Points unavailable offline"))
            for label in (self.phone, self.email, self.preferred, self.consents, self.preferences):
                label.setText("—")
            self.reveal.hide()
            return
        self.name.setText(customer.full_name)
        tier = Tier(customer.tier)
        self.tier.show()
        self.tier.setText(tier_name(tier))
        sheet = (
            f"background: {_TIER_COLOURS[tier]}; color: white; border-radius: 11px;"
            " padding: 3px 12px; font-weight: 600;"
        )
        if self.tier.styleSheet() != sheet:  # a new style sheet re-polishes the badge
            self.tier.setStyleSheet(sheet)
        self.card.setText(
            self.tr("Loyalty card {card}").replace("{card}", _grouped(customer.card_number))
        )
        self.set_points(customer.points_balance)
        self.phone.setText(mask_phone(customer.phone) or self.tr("no phone"))
        self.email.setText(mask_email(customer.email) or self.tr("no e-mail"))
        self.reveal.show()
        self.reveal.setEnabled(bool(customer.phone or customer.email))
        self.preferred.setText(_contact_channel(str(customer.preferred_channel)))
        self.consents.setText(_consents(customer.consents))
        self.preferences.setText(_preferences(customer))

    def set_points(self, balance: int) -> None:
        self.points.setText(points_text(balance))
        self.points_worth.setText(
            self.tr("worth {value} at the till").replace("{value}", money(points_value(balance)))
        )

    def show_contact(self, phone: str, email: str) -> None:
        """The full contact, after the clerk asked for it (and it was recorded)."""
        self.phone.setText(phone or self.tr("no phone"))
        self.email.setText(email or self.tr("no e-mail"))
        self.reveal.hide()


def _grouped(card: str) -> str:
    return " ".join(card[i : i + 4] for i in range(0, len(card), 4))


def _contact_channel(channel: str) -> str:
    names = {
        "email": translate("CustomerHeader", "E-mail"),
        "sms": translate("CustomerHeader", "Text message"),
        "phone": translate("CustomerHeader", "Phone call"),
        "app": translate("CustomerHeader", "App notification"),
    }
    return names.get(channel, channel)


def _consents(consents: dict[str, bool]) -> str:
    def mark(key: str) -> str:
        return "✓" if consents.get(key) else "✗"

    text = (
        translate("CustomerHeader", "{email} e-mail   {sms} SMS   {profiling} profiling")
        .replace("{email}", mark("marketing_email"))
        .replace("{sms}", mark("marketing_sms"))
        .replace("{profiling}", mark("profiling"))
    )
    if not (consents.get("marketing_email") or consents.get("marketing_sms")):
        text += "\n" + translate("CustomerHeader", "No marketing offers: no consent.")
    return text


def _preferences(customer: Customer) -> str:
    prefs = customer.preferences or {}
    parts = []
    sizes = prefs.get("sizes") or []
    if sizes:
        parts.append(
            translate("CustomerHeader", "sizes {sizes}").replace("{sizes}", ", ".join(sizes))
        )
    categories = prefs.get("categories") or prefs.get("favourite_categories") or []
    if categories:
        parts.append(", ".join(categories))
    return " · ".join(parts) if parts else translate("CustomerHeader", "nothing recorded")
