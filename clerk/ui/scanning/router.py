"""The one place every scan goes: wedge, camera, typed code, image or the demo cards.

:class:`ScanRouter` resolves a scan on the bridge's reader pool (it only reads the local store)
and answers on the UI thread with exactly one signal; the main window decides which screen acts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from clerk.services.context import ServiceContext
from clerk.services.scanning import (
    CustomerScan,
    OrderNumberScan,
    PickupScan,
    ProductCheck,
    ReceiptScan,
    ScanOutcome,
    ScanRefused,
    resolve_scan,
)
from clerk.ui.bridge import ServiceBridge
from clerk.ui.scanning.reasons import not_signed_in_text, reason_text, scan_failed_text

log = logging.getLogger(__name__)


class ScanRouter(QObject):
    """Turns raw scans into one of six signals.

    ``customerScanned(CustomerScan)``, ``pickupScanned(PickupScan)``,
    ``receiptScanned(ReceiptScan)``, ``productChecked(ProductCheck)``,
    ``orderNumberEntered(OrderNumberScan)``, or ``rejected(str)`` with
    a translated sentence saying what to do.  While nobody is signed in (``set_accepting(False)``)
    every scan is rejected, including one whose answer arrives after the screen locked.
    """

    customerScanned = Signal(object)
    pickupScanned = Signal(object)
    receiptScanned = Signal(object)
    productChecked = Signal(object)
    orderNumberEntered = Signal(object)
    rejected = Signal(str)

    def __init__(
        self, ctx: ServiceContext, bridge: ServiceBridge, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanRouter")
        self._ctx = ctx
        self._bridge = bridge
        self._accepting = False

    @property
    def accepting(self) -> bool:
        """Whether scans are used (someone is signed in and the screen is not locked)."""
        return self._accepting

    def set_accepting(self, accepting: bool) -> None:
        """Use scans (True) or reject them with "Sign in first" (False)."""
        self._accepting = accepting

    @Slot(str)
    def submit(self, raw: str) -> None:
        """Resolve ``raw`` in the background; one of the signals answers."""
        if not self._accepting:
            self.rejected.emit(not_signed_in_text())
            return
        self._bridge.op(resolve_scan, self._ctx, raw).read_only().success(self._resolved).failure(
            self._failed
        ).run()

    def _resolved(self, outcome: ScanOutcome) -> None:
        if not self._accepting:
            self.rejected.emit(not_signed_in_text())
        elif isinstance(outcome, ScanRefused):
            self.rejected.emit(reason_text(outcome))
        elif isinstance(outcome, CustomerScan):
            self.customerScanned.emit(outcome)
        elif isinstance(outcome, PickupScan):
            self.pickupScanned.emit(outcome)
        elif isinstance(outcome, ReceiptScan):
            self.receiptScanned.emit(outcome)
        elif isinstance(outcome, ProductCheck):
            self.productChecked.emit(outcome)
        elif isinstance(outcome, OrderNumberScan):
            self.orderNumberEntered.emit(outcome)
        else:  # a new outcome nobody routes yet is a bug; the clerk still hears something
            log.error("no route for scan outcome %r", outcome)
            self.rejected.emit(scan_failed_text())

    def _failed(self, error: BaseException) -> None:
        # resolve_scan refuses bad codes itself; an error here is a bug or a broken database,
        # already logged with its traceback by the bridge.
        self.rejected.emit(scan_failed_text())
