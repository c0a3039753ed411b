"""Screens whose work comes in later releases: they say what they will do, and show what a
scan routed to them was, so the clerk is never left wondering where a scan went."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk.ui.resources import icon_pixmap
from clerk.ui.session import SCREEN_ICONS, Screen
from clerk.ui.theme import Colors


class PlaceholderScreen(QWidget):
    """A screen's title, what it is for, and the last scan routed to it."""

    def __init__(
        self,
        screen: Screen,
        colors: Colors,
        title: str,
        intro: str,
        points: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = screen
        self.setObjectName(f"screen_{screen.value}")
        badge = QLabel(self)
        badge.setPixmap(icon_pixmap(SCREEN_ICONS[screen], colors.accent, 56))
        heading = QLabel(title, self)
        heading.setProperty("role", "title")
        lead = QLabel(intro, self)
        lead.setProperty("role", "subtitle")
        lead.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(heading)
        words.addWidget(lead)
        top.addLayout(words, 1)

        card = QFrame(self)
        card.setProperty("card", True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 20, 24, 20)
        card_layout.setSpacing(10)
        coming = QLabel(self.tr("What this screen will do"), card)
        coming.setStyleSheet("font-weight: 600;")
        card_layout.addWidget(coming)
        for point in points:
            label = QLabel("•  " + point, card)
            label.setWordWrap(True)
            card_layout.addWidget(label)

        self._scan = QLabel("", self)
        self._scan.setObjectName(f"{screen.value}LastScan")
        self._scan.setWordWrap(True)
        self._scan.setProperty("card", True)
        self._scan.setStyleSheet("padding: 16px; font-size: 13pt;")
        self._scan.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(24)
        layout.addLayout(top)
        layout.addWidget(self._scan)
        layout.addWidget(card)
        layout.addStretch(1)

    def show_scan(self, text: str) -> None:
        """Show what the last scan routed here was."""
        self._scan.setText(text)
        self._scan.show()

    @property
    def last_scan(self) -> str:
        """The last scan's description (empty: none)."""
        return self._scan.text() if not self._scan.isHidden() else ""

    def reset(self) -> None:
        """Forget the work on screen (another staff member signed in)."""
        self._scan.clear()
        self._scan.hide()


def placeholder_screens(colors: Colors, parent: QWidget | None = None) -> list[PlaceholderScreen]:
    """Returns, as it will be."""
    t = _Texts()
    return [
        PlaceholderScreen(
            Screen.RETURNS, colors, t.returns, t.returns_intro, t.returns_points(), parent
        ),
    ]


class _Texts(QObject):
    """The placeholder screens' words (a QObject, so lupdate files them under one context)."""

    def __init__(self) -> None:
        super().__init__()
        self.returns = self.tr("Returns")
        self.returns_intro = self.tr(
            "Take back anything bought in any channel under one policy: scan the receipt QR or "
            "type the order number."
        )

    def returns_points(self) -> list[str]:
        return [
            self.tr("Every line with what is returnable now and the policy's verdict in words."),
            self.tr("Refund to the original tenders, store credit or an exchange."),
            self.tr("Out of policy only with a manager's override; a return receipt."),
        ]
