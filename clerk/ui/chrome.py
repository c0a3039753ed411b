"""The window's chrome: the top bar (store, staff, sync state, Lock), the navigation rail and
the message bar."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clerk.ui.resources import icon
from clerk.ui.session import SCREEN_ICONS, Screen, SignedInStaff
from clerk.ui.texts import connectivity_name, role_name, store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import restyle


class TopBar(QWidget):
    """Store, signed-in staff, sync state (online/offline/degraded, waiting, last sync), scan
    buttons and Lock — always visible."""

    lockClicked = Signal()
    cameraClicked = Signal()
    typeCodeClicked = Signal()
    syncClicked = Signal()
    settingsClicked = Signal()

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._colors = colors
        self._state = "offline"
        self._pending = 0
        self._attention = 0
        self._last_sync: datetime | None = None

        self._store = QLabel(self)
        self._store.setObjectName("storeName")
        self._staff = QLabel(self)
        self._staff.setObjectName("staffName")
        self._sync = QPushButton(self)
        self._sync.setObjectName("syncChip")
        self._sync.setAccessibleName(self.tr("Sync state"))
        self._sync.setFlat(True)
        self._sync.setCursor(Qt.CursorShape.PointingHandCursor)
        self._sync.clicked.connect(self.syncClicked)
        self._sync.setToolTip(self.tr("Sync now"))

        self._camera = self._tool("camera", self.tr("Camera"), "cameraButton")
        self._camera.clicked.connect(self.cameraClicked)
        self._type = self._tool("keyboard", self.tr("Type a code"), "typeCodeButton")
        self._type.clicked.connect(self.typeCodeClicked)
        self._settings = self._tool("settings", "", "settingsButton")
        self._settings.setAccessibleName(self.tr("Tablet settings"))
        self._settings.setToolTip(self.tr("Tablet settings"))
        self._settings.clicked.connect(self.settingsClicked)
        self._lock = QPushButton(icon("lock", colors.text), self.tr("Lock"), self)
        self._lock.setObjectName("lockButton")
        self._lock.setAccessibleName(self.tr("Lock"))
        self._lock.setToolTip(self.tr("Lock the screen (Ctrl+L)"))
        self._lock.setIconSize(QSize(22, 22))
        self._lock.clicked.connect(self.lockClicked)

        who = QVBoxLayout()
        who.setSpacing(0)
        who.addWidget(self._store)
        who.addWidget(self._staff)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.setSpacing(10)
        layout.addLayout(who)
        layout.addStretch(1)
        layout.addWidget(self._sync)
        layout.addWidget(self._camera)
        layout.addWidget(self._type)
        layout.addWidget(self._settings)
        layout.addWidget(self._lock)
        self._layout = layout
        self.set_staff(None)
        self._render_sync()

    def _tool(self, name: str, text: str, object_name: str) -> QPushButton:
        button = QPushButton(icon(name, self._colors.text), text, self)
        button.setObjectName(object_name)
        button.setAccessibleName(text)
        button.setIconSize(QSize(22, 22))
        return button

    def set_store(self, text: str) -> None:
        """The store's name and id."""
        self._store.setText(text)

    def set_staff(self, staff: SignedInStaff | None) -> None:
        """The signed-in staff member and role (None: nobody)."""
        if staff is None:
            self._staff.setText(self.tr("Nobody signed in"))
        else:
            self._staff.setText(f"{staff.name} · {role_name(staff.role)}")
        self._lock.setEnabled(staff is not None)

    def add_button(self, name: str, icon_name: str, text: str) -> QPushButton:
        """Another button before the settings (the demo's Demo cards)."""
        button = self._tool(icon_name, text, name)
        self._layout.insertWidget(self._layout.indexOf(self._settings), button)
        return button

    def set_camera_visible(self, visible: bool) -> None:
        """The camera button, where the tablet's camera is used for scanning (a setting)."""
        self._camera.setVisible(visible)

    def set_settings_visible(self, visible: bool) -> None:
        """Settings are a manager's."""
        self._settings.setVisible(visible)

    def set_scanning_enabled(self, enabled: bool) -> None:
        """Camera and typed codes only for a signed-in staff member."""
        self._camera.setEnabled(enabled)
        self._type.setEnabled(enabled)

    def set_connectivity(self, state: str, detail: str) -> None:
        """online / offline / degraded, and why."""
        self._state = state
        self._sync.setToolTip(detail or self.tr("Sync now"))
        self._render_sync()

    def set_pending(self, pending: int, attention: int) -> None:
        """How many actions wait to be sent, and how many need a person."""
        self._pending, self._attention = pending, attention
        self._render_sync()

    def set_last_sync(self, at: datetime) -> None:
        """A sync round ended at ``at``; it counts as the last sync if central answered."""
        if self._state != "online":
            return
        self._last_sync = at
        self._render_sync()

    def _render_sync(self) -> None:
        parts = [connectivity_name(self._state)]
        if self._pending:
            parts.append(self.tr("{n} waiting").replace("{n}", str(self._pending)))
        if self._attention:
            parts.append(self.tr("{n} need attention").replace("{n}", str(self._attention)))
        if self._last_sync is not None:
            when = store_time(self._last_sync)
            parts.append(self.tr("synced {time}").replace("{time}", when))
        else:
            parts.append(self.tr("not synced yet"))
        self._sync.setText("  ·  ".join(parts))
        color = {
            "online": self._colors.ok,
            "offline": self._colors.error,
            "degraded": self._colors.warn,
        }.get(self._state, self._colors.muted)
        self._sync.setIcon(
            icon(self._state if self._state in {"online", "offline"} else "degraded", color)
        )
        restyle(self._sync, "state", self._state)

    @property
    def sync_text(self) -> str:
        """The sync chip's text (tests read it)."""
        return self._sync.text()


class NavRail(QWidget):
    """The left navigation rail; a screen the role does not open is hidden."""

    screenChosen = Signal(object)

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._colors = colors
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[Screen, QToolButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 12)
        layout.setSpacing(6)
        titles = self.titles()
        keys = {
            Screen.COUNTER: "F1",
            Screen.PICKUP: "F2",
            Screen.RETURNS: "F3",
            Screen.RESERVATIONS: "F4",
            Screen.TODAY: "F5",
        }
        for screen in Screen:
            button = QToolButton(self)
            button.setObjectName(f"nav_{screen.value}")
            button.setAccessibleName(titles[screen])
            button.setText(titles[screen])
            key = keys.get(screen)
            button.setToolTip(f"{titles[screen]} ({key})" if key else titles[screen])
            button.setIcon(icon(SCREEN_ICONS[screen], colors.rail_text, 28))
            button.setIconSize(QSize(28, 28))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=screen: self.screenChosen.emit(s))
            self._group.addButton(button)
            self._buttons[screen] = button
            if screen is Screen.ATTENTION:
                layout.addStretch(1)
            layout.addWidget(button)

    def titles(self) -> dict[Screen, str]:
        """Each screen's name in words."""
        return {
            Screen.COUNTER: self.tr("Counter"),
            Screen.PICKUP: self.tr("Pickup"),
            Screen.RETURNS: self.tr("Returns"),
            Screen.RESERVATIONS: self.tr("Reservations"),
            Screen.TODAY: self.tr("Today"),
            Screen.ATTENTION: self.tr("Attention"),
        }

    def set_allowed(self, allowed: set[Screen]) -> None:
        """Show only the screens of the signed-in role."""
        for screen, button in self._buttons.items():
            button.setVisible(screen in allowed)

    def set_current(self, screen: Screen) -> None:
        """Mark ``screen`` as the one shown."""
        self._buttons[screen].setChecked(True)

    def set_attention(self, count: int) -> None:
        """Show how many refused actions wait for a person on the Attention button."""
        title = self.titles()[Screen.ATTENTION]
        button = self._buttons[Screen.ATTENTION]
        button.setText(f"{title} ({count})" if count else title)
        color = self._colors.warn if count else self._colors.rail_text
        button.setIcon(icon("attention", color, 28))

    def button(self, screen: Screen) -> QToolButton:
        """The rail button of ``screen`` (tests click it)."""
        return self._buttons[screen]


class MessageBar(QWidget):
    """A message for the clerk under the top bar: errors stay until closed or replaced,
    information fades after a few seconds."""

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = colors
        self._label = QLabel(self)
        self._label.setObjectName("messageBar")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._icon = QLabel(self)
        self._close = QPushButton(self.tr("Close"), self)
        self._close.setObjectName("messageClose")
        self._close.setAccessibleName(self.tr("Close the message"))
        self._close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 0)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        """Show ``text``; ``level`` is "info", "warning" or "error"."""
        self._label.setText(text)
        restyle(self._label, "level", level)
        self.show()
        if level == "info":
            self._timer.start(6000)
        else:
            self._timer.stop()

    @property
    def text(self) -> str:
        """The message shown (tests read it)."""
        return self._label.text() if self.isVisible() else ""
