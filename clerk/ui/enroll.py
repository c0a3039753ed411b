"""First start: the central service's address and a one-time enrollment code."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.services.enrollment import DeviceIdentity
from clerk.ui.bridge import ServiceBridge
from clerk.ui.texts import error_text


class EnrollmentDialog(QDialog):
    """Asks for central's URL and an enrollment code and enrolls this tablet.

    ``enroll(url, code, device_name)`` runs on the bridge's worker; on success the dialog
    accepts and :attr:`identity` holds the new device identity.  Every refusal (unreachable
    central, a wrong, used or expired code) is said in words and the fields keep what was typed.
    """

    def __init__(
        self,
        bridge: ServiceBridge,
        enroll: Callable[[str, str, str], DeviceIdentity],
        *,
        reason: str = "",
        central_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrollmentDialog")
        self.setWindowTitle(self.tr("Connect this tablet to the store"))
        self.setMinimumWidth(560)
        self._bridge = bridge
        self._enroll = enroll
        self.identity: DeviceIdentity | None = None

        heading = QLabel(self.tr("Connect this tablet to the store"), self)
        heading.setProperty("role", "title")
        lead = QLabel(
            reason
            or self.tr(
                "Type the address of the central service and the one-time enrollment code "
                "your IT or store manager gave you. The code is valid for 15 minutes."
            ),
            self,
        )
        lead.setWordWrap(True)
        self._url = QLineEdit(central_url, self)
        self._url.setObjectName("centralUrl")
        self._url.setAccessibleName(self.tr("Central address"))
        self._url.setPlaceholderText("https://central.example.com")
        self._code = QLineEdit(self)
        self._code.setObjectName("enrollmentCode")
        self._code.setAccessibleName(self.tr("Enrollment code"))
        self._code.setPlaceholderText("ABCD-EFGH")
        self._name = QLineEdit(socket.gethostname(), self)
        self._name.setObjectName("deviceName")
        self._name.setAccessibleName(self.tr("Tablet name"))
        form = QFormLayout()
        form.setSpacing(12)
        form.addRow(self.tr("Central address"), self._url)
        form.addRow(self.tr("Enrollment code"), self._code)
        form.addRow(self.tr("Tablet name"), self._name)
        self._message = QLabel("", self)
        self._message.setObjectName("enrollmentMessage")
        self._message.setWordWrap(True)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._ok = QPushButton(self.tr("Connect"), self)
        self._ok.setObjectName("enrollButton")
        self._ok.setAccessibleName(self.tr("Connect"))
        self._ok.setProperty("primary", True)
        self._ok.setDefault(True)
        self._ok.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Quit"), self)
        cancel.setObjectName("enrollQuit")
        cancel.setAccessibleName(self.tr("Quit"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self._ok)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addLayout(buttons)

    def submit(self) -> None:
        """Enroll with what was typed."""
        url, code, name = self._url.text().strip(), self._code.text().strip(), self._name.text()
        if not url or not code:
            self._show(self.tr("Type both the central address and the enrollment code."))
            return
        self._ok.setEnabled(False)
        self._show(self.tr("Connecting to central…"), error=False)
        self._bridge.op(self._enroll, url, code, name.strip() or "tablet").success(
            self._enrolled
        ).failure(self._refused).run()

    def _enrolled(self, identity: DeviceIdentity) -> None:
        self.identity = identity
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._ok.setEnabled(True)
        self._show(error_text(error))

    def _show(self, text: str, *, error: bool = True) -> None:
        self._message.setText(text)
        self._message.setStyleSheet("color: palette(highlight);" if not error else "")
        self._message.setProperty("level", "error" if error else "")

    @property
    def message(self) -> str:
        """The message under the fields (tests read it)."""
        return self._message.text()
