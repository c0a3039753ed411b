"""A manager's approval, asked for from any screen: their tile, their PIN and a reason.

The PIN is checked offline by the :class:`~clerk.services.signin.PinGate` on the service
worker (Argon2 takes tens of milliseconds; the UI thread never waits for it), with the same
lockout as signing in. A signed-in manager still types their PIN — whoever holds an unlocked
tablet must not approve in their name — but their tile is chosen for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Role, Staff
from clerk.domain.errors import DomainError
from clerk.services.context import ServiceContext
from clerk.services.returns import REASON_MAX, ManagerOverride
from clerk.services.signin import StaffLockedOut, WrongPin
from clerk.ui.pinpad import PinPad
from clerk.ui.resources import icon
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text, store_time
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import restyle

__all__ = ["ManagerOverrideDialog", "OverrideGate", "request_override"]

PIN_LENGTH = 8


class OverrideGate(Protocol):
    """What the dialog needs of :class:`~clerk.services.signin.PinGate`."""

    def verify_override(
        self,
        manager_id: str,
        pin: str,
        reason: str,
        action: str,
        target: str | None,
        *,
        requested_by: str | None = None,
    ) -> ManagerOverride: ...


def store_managers(ctx: ServiceContext) -> list[Staff]:
    """The active managers of the tablet's store, by name (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        staff = unit.staff.active_for_store(ctx.store_id)
    return [member for member in staff if Role(member.role) == Role.MANAGER]


class ManagerOverrideDialog(QDialog):
    """Asks a manager to approve ``what`` (a sentence) with their PIN and a reason.

    ``approved(ManagerOverride)`` is emitted once the PIN checked out; the dialog then accepts.
    ``action`` and ``target`` go to the audit entry of the approval.
    """

    approved = Signal(object)

    def __init__(
        self,
        services: AppServices,
        pin_gate: OverrideGate,
        what: str,
        action: str,
        target: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managerOverrideDialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self.setModal(True)
        self._services = services
        self._gate = pin_gate
        self._action = action
        self._target = target
        self._managers: list[Staff] = []
        self._selected: str | None = None
        signed_in = services.session.staff
        if signed_in is not None and signed_in.role == Role.MANAGER:
            self._selected = signed_in.staff_id
        self._checking = False
        self._finished = False
        self._tile_icon = icon("user", self.palette().color(QPalette.ColorRole.Highlight), 32)

        heading = QLabel(self.tr("A manager's approval is needed"), self)
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        self._what = QLabel(what, self)
        self._what.setObjectName("overrideWhat")
        self._what.setProperty("role", "subtitle")
        self._what.setWordWrap(True)

        choose = QLabel(self.tr("Approving manager"), self)
        self._tiles = QWidget(self)
        self._tiles_layout = QGridLayout(self._tiles)
        self._tiles_layout.setContentsMargins(0, 0, 0, 0)
        self._tiles_layout.setSpacing(12)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._no_managers = QLabel(self.tr("Looking for this store's managers…"), self)
        self._no_managers.setObjectName("overrideNoManagers")
        self._no_managers.setWordWrap(True)
        self._no_managers.setProperty("role", "muted")

        reason_label = QLabel(self.tr("Reason (required)"), self)
        self._reason = QLineEdit(self)
        self._reason.setObjectName("overrideReason")
        self._reason.setAccessibleName(self.tr("Reason for the approval"))
        self._reason.setPlaceholderText(self.tr("Why is this approved?"))
        self._reason.setMaxLength(REASON_MAX)
        self._reason.setMinimumHeight(TOUCH)
        reason_label.setBuddy(self._reason)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(heading)
        left.addWidget(self._what)
        left.addSpacing(8)
        left.addWidget(choose)
        left.addWidget(self._no_managers)
        left.addWidget(self._tiles)
        left.addSpacing(8)
        left.addWidget(reason_label)
        left.addWidget(self._reason)
        left.addStretch(1)

        self._who = QLabel(self.tr("Choose the manager first"), self)
        self._who.setObjectName("overrideWho")
        self._who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pin = QLineEdit(self)
        self._pin.setObjectName("overridePinField")
        self._pin.setAccessibleName(self.tr("Manager's PIN"))
        self._pin.setPlaceholderText(self.tr("PIN"))
        self._pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin.setMaxLength(PIN_LENGTH)
        self._pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_LENGTH}}}"), self._pin)
        )
        self._pin.setMinimumHeight(TOUCH)
        self._pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pad = PinPad(self._pin, self)
        pad.setObjectName("overridePinPad")
        for key in pad.findChildren(QPushButton):
            key.setMinimumSize(TOUCH + 16, TOUCH + 8)  # the theme makes them larger still
        self._message = QLabel("", self)
        self._message.setObjectName("overrideMessage")
        self._message.setWordWrap(True)
        self._message.setMinimumHeight(TOUCH)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self._who)
        right.addWidget(self._pin)
        right.addWidget(pad)
        right.addWidget(self._message)

        self._cancel = QPushButton(self.tr("Cancel"), self)
        self._cancel.setObjectName("overrideCancel")
        self._cancel.setAccessibleName(self.tr("Cancel the approval"))
        self._cancel.setAutoDefault(False)
        self._cancel.setMinimumHeight(TOUCH)
        self._cancel.clicked.connect(self.reject)
        self._approve = QPushButton(self.tr("Approve"), self)
        self._approve.setObjectName("overrideApprove")
        self._approve.setAccessibleName(self.tr("Approve with this PIN"))
        self._approve.setProperty("primary", True)
        self._approve.setAutoDefault(False)
        self._approve.setMinimumHeight(TOUCH)
        self._approve.clicked.connect(self.approve)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._approve)

        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addLayout(right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(780)  # two tile columns and the pad, with long Polish words

        # Enter in either field approves; Esc cancels (QDialog's own).
        self._pin.returnPressed.connect(self.approve)
        self._reason.returnPressed.connect(self.approve)
        self._pin.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self._load_managers()

    # -- the managers -----------------------------------------------------------------

    def _load_managers(self) -> None:
        bridge = self._services.bridge
        bridge.op(store_managers, self._services.ctx).read_only().success(
            self._show_managers
        ).failure(self._refused).run()

    def _show_managers(self, managers: list[Staff]) -> None:
        if self._finished:
            return
        self._managers = managers
        for i, member in enumerate(managers):
            tile = QPushButton(member.name, self._tiles)
            tile.setObjectName(f"managerTile_{member.id}")
            tile.setAccessibleName(member.name)
            tile.setProperty("staffTile", True)
            tile.setCheckable(True)
            tile.setIcon(self._tile_icon)
            tile.setIconSize(QSize(32, 32))
            tile.setMinimumHeight(64)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tile.setAutoDefault(False)
            tile.clicked.connect(partial(self.choose, member.id))
            self._group.addButton(tile)
            self._tiles_layout.addWidget(tile, i // 2, i % 2)
        if not managers:
            self._no_managers.setText(
                self.tr(
                    "No manager of this store is on this tablet yet. Sync the tablet, or ask "
                    "a manager to sign in here once."
                )
            )
        self._no_managers.setVisible(not managers)
        ids = [m.id for m in managers]
        if self._selected in ids:
            self.choose(self._selected)
        elif len(ids) == 1:
            self.choose(ids[0])
        else:
            self._selected = None
        self._update_buttons()

    @property
    def manager_ids(self) -> list[str]:
        """The managers offered, in order (empty until loaded)."""
        return [m.id for m in self._managers]

    @property
    def selected_manager(self) -> str | None:
        """The chosen manager's id."""
        return self._selected

    def choose(self, manager_id: str, _checked: bool = False) -> None:
        """Choose the approving manager (their tile)."""
        member = next((m for m in self._managers if m.id == manager_id), None)
        if member is None:
            return
        self._selected = member.id
        for button in self._group.buttons():
            button.setChecked(button.objectName() == f"managerTile_{member.id}")
        self._who.setText(self.tr("PIN of {name}").replace("{name}", member.name))
        self._pin.clear()
        self._set_message("")
        self._pin.setFocus()
        self._update_buttons()

    # -- approving ----------------------------------------------------------------------

    def approve(self) -> None:
        """Check the chosen manager's PIN and the reason (in the background)."""
        if self._checking or self._finished:
            return
        reason = self._reason.text().strip()
        if self._selected is None:
            self._set_message(self.tr("Choose the approving manager."), error=True)
            return
        if not self._pin.text():
            self._set_message(self.tr("Type the manager's PIN."), error=True)
            self._pin.setFocus()
            return
        if not reason:
            self._set_message(self.tr("Type the reason for this approval."), error=True)
            self._reason.setFocus()
            return
        self._checking = True
        self._set_message(self.tr("Checking the PIN…"))
        self._update_buttons()
        staff = self._services.session.staff
        verify = partial(
            self._gate.verify_override, requested_by=None if staff is None else staff.staff_id
        )
        self._services.bridge.op(
            verify, self._selected, self._pin.text(), reason, self._action, self._target
        ).success(self._approved).failure(self._refused).run()

    def _approved(self, override: ManagerOverride) -> None:
        self._checking = False
        if self._finished:
            return  # cancelled meanwhile: the approval is audited, but nothing uses it
        self._pin.clear()
        self.approved.emit(override)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._checking = False
        if self._finished:
            return
        self._pin.clear()
        self._set_message(self.refusal_text(error), error=True)
        if isinstance(error, DomainError) and error.code.startswith("override_reason"):
            self._reason.setFocus()
        else:
            self._pin.setFocus()
        self._update_buttons()

    def refusal_text(self, error: BaseException) -> str:
        """Why the approval was refused, in words."""
        if isinstance(error, WrongPin):
            if error.attempts_left > 0:
                return self.tr(
                    "Wrong PIN. {n} more wrong PINs lock this manager out for a while."
                ).replace("{n}", str(error.attempts_left))
            return self.tr("Wrong PIN.")
        if isinstance(error, StaffLockedOut):
            until = store_time(error.until, "%H:%M:%S")
            return self.tr("Too many wrong PINs. This manager can try again after {time}.").replace(
                "{time}", until
            )
        if isinstance(error, DomainError) and error.code == "override_reason_required":
            return self.tr("Type the reason for this approval.")
        return error_text(error)

    def done(self, result: int) -> None:
        self._finished = True
        super().done(result)

    # -- state --------------------------------------------------------------------------

    def _set_message(self, text: str, *, error: bool = False) -> None:
        self._message.setText(text)
        restyle(self._message, "level", "error" if error else "")

    def _update_buttons(self) -> None:
        self._approve.setEnabled(not self._checking and not self._finished)

    @property
    def message(self) -> str:
        """The message under the PIN pad (tests read it)."""
        return self._message.text()

    @property
    def checking(self) -> bool:
        """Whether a PIN check is running."""
        return self._checking


def request_override(
    parent: QWidget | None,
    services: AppServices,
    pin_gate: OverrideGate,
    what: str,
    action: str,
    target: str | None,
    on_approved: Callable[[ManagerOverride], None],
) -> ManagerOverrideDialog:
    """Open the approval dialog over ``parent`` (window-modal, not blocking); call
    ``on_approved(override)`` when a manager approved. Returns the dialog (deleted on close)."""
    dialog = ManagerOverrideDialog(services, pin_gate, what, action, target, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.approved.connect(on_approved)
    dialog.open()
    return dialog
