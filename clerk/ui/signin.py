"""The sign-in and lock screen: staff tiles, a masked PIN field and a touch PIN pad.

PINs are checked offline against the synced Argon2 hashes, on the service worker (a check
takes tens of milliseconds).  Locked, the screen covers the work of the staff member who
locked it: they unlock with their PIN and find their work as they left it; anyone else who
signs in starts afresh, and the previous staff member's customer data is never shown to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Role, Staff
from clerk.ui.pinpad import PinPad
from clerk.ui.resources import icon
from clerk.ui.session import SignedInStaff
from clerk.ui.texts import error_text, role_name, store_time
from clerk.ui.widgets import restyle

if TYPE_CHECKING:
    from clerk.services.signin import PinGate
    from clerk.ui.session import AppServices


def _store_staff(services: AppServices) -> Callable[[], list[Staff]]:
    ctx = services.ctx

    def read() -> list[Staff]:
        with ctx.store.unit(read_only=True) as unit:
            return unit.staff.active_for_store(ctx.store_id)

    return read


class SignInScreen(QWidget):
    """Who is at the tablet.  ``signedIn(SignedInStaff)`` after a right PIN."""

    signedIn = Signal(object)
    firstPainted = Signal()

    def __init__(
        self,
        *,
        demo_pins: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tile_icon = icon("user", self.palette().color(QPalette.ColorRole.Highlight), 32)
        self.setObjectName("signInScreen")
        # Set by attach() once the app's core has loaded; until then the staff are shown (read
        # straight from the tablet's database) and PINs wait.
        self._services: AppServices | None = None
        self._pins: PinGate | None = None
        self._demo_pins = dict(demo_pins or {})
        self._staff: list[Staff] = []
        self._selected: Staff | None = None
        self._checking = False
        self._painted = False

        self._title = QLabel(self.tr("Sign in"), self)
        self._title.setProperty("role", "title")
        self._subtitle = QLabel(self.tr("Choose your name, then type your PIN."), self)
        self._subtitle.setProperty("role", "subtitle")
        self._subtitle.setWordWrap(True)

        self._tiles = QWidget(self)
        self._tiles_layout = QGridLayout(self._tiles)
        self._tiles_layout.setSpacing(12)
        self._tiles_layout.setContentsMargins(0, 0, 0, 0)
        self._tiles_layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._empty = QLabel(self.tr("Getting the staff list from central…"), self)
        self._empty.setObjectName("staffListEmpty")
        self._empty.setWordWrap(True)
        self._empty.setProperty("role", "muted")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._tiles)

        left = QVBoxLayout()
        left.addWidget(self._title)
        left.addWidget(self._subtitle)
        left.addSpacing(12)
        left.addWidget(self._empty)
        left.addWidget(scroll, 1)
        self._demo_label = QLabel(self)
        self._demo_label.setObjectName("demoPins")
        self._demo_label.setWordWrap(True)
        self._demo_label.setTextFormat(Qt.TextFormat.RichText)
        self._demo_label.setVisible(bool(self._demo_pins))
        left.addWidget(self._demo_label)

        card = QFrame(self)
        card.setProperty("card", True)
        card.setFixedWidth(440)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        self._who = QLabel(self.tr("Nobody chosen yet"), card)
        self._who.setObjectName("pinWho")
        self._who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._who.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self._pin = QLineEdit(card)
        self._pin.setObjectName("pinField")
        self._pin.setAccessibleName(self.tr("PIN"))
        self._pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin.setMaxLength(8)
        self._pin.setPlaceholderText(self.tr("PIN"))
        self._pin.returnPressed.connect(self.submit)
        self._message = QLabel("", card)
        self._message.setObjectName("pinMessage")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setMinimumHeight(44)
        pad = PinPad(self._pin, card)
        self._submit = QPushButton(self.tr("Sign in"), card)
        self._submit.setObjectName("signInButton")
        self._submit.setAccessibleName(self.tr("Sign in"))
        self._submit.setProperty("primary", True)
        self._submit.clicked.connect(self.submit)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 24, 24, 24)
        card_layout.setSpacing(12)
        card_layout.addWidget(self._who)
        card_layout.addWidget(self._pin)
        card_layout.addWidget(self._message)
        card_layout.addWidget(pad)
        card_layout.addWidget(self._submit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(40)
        layout.addLayout(left, 1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        self._update_submit()
        self._pin.textChanged.connect(self._update_submit)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    # -- the staff list ---------------------------------------------------------------

    def attach(self, services: AppServices, pins: PinGate) -> None:
        """The core has loaded: PINs can be checked now."""
        self._services = services
        self._pins = pins
        if self._message.text() == self._starting_text():
            self._set_message("")
        self._update_submit()

    @property
    def ready(self) -> bool:
        """Whether PINs can be checked (the core has loaded)."""
        return self._pins is not None

    def _starting_text(self) -> str:
        return self.tr("Getting ready…")

    def reload(self) -> None:
        """Read the store's active staff from the local store (in the background)."""
        if self._services is None:
            return
        self._services.bridge.op(_store_staff(self._services)).read_only().success(
            self.show_staff
        ).run()

    def set_offline_hint(self, offline: bool) -> None:
        """Say why the staff list is empty: still syncing, or no network yet."""
        if offline:
            self._empty.setText(
                self.tr(
                    "This tablet has no staff list yet and cannot reach central. "
                    "Connect it to the network; it syncs by itself."
                )
            )
        else:
            self._empty.setText(self.tr("Getting the staff list from central…"))

    def show_staff(self, staff: list[Staff]) -> None:
        """Show ``staff`` as tiles (the store's active staff, by name)."""
        chosen = self._selected.id if self._selected else None
        self._staff = staff
        for button in self._group.buttons():
            self._group.removeButton(button)
            button.deleteLater()
        columns = 3
        for i, member in enumerate(staff):
            tile = QPushButton(f"{member.name}\n{role_name(Role(member.role))}", self._tiles)
            tile.setObjectName(f"staffTile_{member.id}")
            tile.setAccessibleName(member.name)
            tile.setProperty("staffTile", True)
            tile.setCheckable(True)
            tile.setIcon(self._tile_icon)
            tile.setIconSize(QSize(32, 32))
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tile.setAutoDefault(False)
            tile.clicked.connect(lambda _=False, m=member: self.choose(m.id))
            self._group.addButton(tile)
            self._tiles_layout.addWidget(tile, i // columns, i % columns)
            if member.id == chosen:
                tile.setChecked(True)
        self._empty.setVisible(not staff)
        self._show_demo_pins()
        if chosen is None and len(staff) == 1:
            self.choose(staff[0].id)

    def _show_demo_pins(self) -> None:
        if not self._demo_pins:
            return
        rows = [
            f"<tr><td>{m.name}</td><td>&nbsp;&nbsp;{role_name(Role(m.role))}</td>"
            f"<td>&nbsp;&nbsp;<b>{self._demo_pins[m.id]}</b></td></tr>"
            for m in self._staff
            if m.id in self._demo_pins
        ]
        heading = self.tr("Demo staff and their PINs")
        self._demo_label.setText(f"<p><b>{heading}</b></p><table>{''.join(rows)}</table>")

    @property
    def staff_ids(self) -> list[str]:
        """The staff shown, in order."""
        return [m.id for m in self._staff]

    # -- choosing and checking --------------------------------------------------------

    def choose(self, staff_id: str) -> None:
        """Choose the staff member ``staff_id`` (their tile), ready for the PIN."""
        member = next((m for m in self._staff if m.id == staff_id), None)
        if member is None:
            return
        self._selected = member
        for button in self._group.buttons():
            button.setChecked(button.objectName() == f"staffTile_{staff_id}")
        self._who.setText(member.name)
        self._pin.clear()
        self._set_message("")
        self._pin.setFocus()
        self._update_submit()

    def show_locked(self, staff: SignedInStaff | None) -> None:
        """The lock screen of ``staff`` (None: the plain sign-in screen)."""
        self._pin.clear()
        self._set_message("")
        if staff is None:
            self._title.setText(self.tr("Sign in"))
            self._subtitle.setText(self.tr("Choose your name, then type your PIN."))
            return
        self._title.setText(self.tr("Locked"))
        self._subtitle.setText(
            self.tr(
                "{name}'s work is kept. {name} unlocks with their PIN; anyone else who "
                "signs in starts afresh."
            ).replace("{name}", staff.name)
        )
        self.choose(staff.staff_id)

    def submit(self) -> None:
        """Check the typed PIN of the chosen staff member."""
        if self._selected is None:
            self._set_message(self.tr("Choose your name first."), error=True)
            return
        pin = self._pin.text()
        if not pin or self._checking:
            return
        if self._services is None or self._pins is None:
            self._set_message(self._starting_text())
            return
        self._checking = True
        self._update_submit()
        member = self._selected
        self._services.bridge.op(self._pins.sign_in, member.id, pin).success(
            self._signed_in
        ).failure(self._refused).run()

    def _signed_in(self, staff: Staff) -> None:
        self._checking = False
        self._pin.clear()
        self._set_message("")
        self._update_submit()
        self.signedIn.emit(SignedInStaff(staff.id, staff.name, Role(staff.role)))

    def _refused(self, error: BaseException) -> None:
        self._checking = False
        self._pin.clear()
        self._update_submit()
        code = getattr(error, "code", None)
        if code == "wrong_pin":
            left = int(getattr(error, "attempts_left", 0))
            if left > 0:
                text = self.tr("Wrong PIN. {n} tries left before a one-minute lock.").replace(
                    "{n}", str(left)
                )
            else:
                text = self.tr("Wrong PIN.")
        elif code == "staff_locked_out":
            until = store_time(getattr(error, "until"), "%H:%M:%S")  # noqa: B009
            text = self.tr("Too many wrong PINs. Try again after {time}.").replace("{time}", until)
        else:
            text = error_text(error)
        self._set_message(text, error=True)
        self._pin.setFocus()

    def _set_message(self, text: str, *, error: bool = False) -> None:
        self._message.setText(text)
        restyle(self._message, "level", "error" if error else "")

    def _update_submit(self) -> None:
        self._submit.setEnabled(
            self._selected is not None
            and bool(self._pin.text())
            and not self._checking
            and self._pins is not None
        )

    @property
    def title(self) -> str:
        """The screen's heading: Sign in, or Locked."""
        return self._title.text()

    @property
    def message(self) -> str:
        """The message under the PIN field (tests read it)."""
        return self._message.text()
