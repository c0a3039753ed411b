"""The one place every scan goes: wedge, camera, typed code, image or the demo cards.

:class:`ScanRouter` resolves a scan on the bridge's reader pool (it only reads the local store)
and answers on the UI thread with exactly one signal; the main window decides which screen acts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

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
    StoreCreditScan,
    resolve_scan,
)
from clerk.ui.bridge import ServiceBridge
from clerk.ui.scanning.reasons import not_signed_in_text, reason_text, scan_failed_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preview:
    """What the router's ``preview`` read for a customer scan, on the same reader thread as
    the scan itself (``value``: its answer, None included)."""

    value: object


def _resolve(
    ctx: ServiceContext, raw: str, preview: Callable[[ServiceContext, str], object] | None
) -> tuple[ScanOutcome, Preview | None]:
    outcome = resolve_scan(ctx, raw)
    if preview is not None and isinstance(outcome, CustomerScan) and outcome.customer_id:
        return outcome, Preview(preview(ctx, outcome.customer_id))
    return outcome, None


class ScanRouter(QObject):
    """Turns raw scans into one of six signals.

    ``customerScanned(CustomerScan, Preview | None)``, ``pickupScanned(PickupScan)``,
    ``receiptScanned(ReceiptScan)``, ``productChecked(ProductCheck)``,
    ``orderNumberEntered(OrderNumberScan)``, or ``rejected(str)`` with
    a translated sentence saying what to do.  While nobody is signed in (``set_accepting(False)``)
    every scan is rejected, including one whose answer arrives after the screen locked.

    ``preview(ctx, customer_id)``, when given and ``preview_customers`` is set, is read with
    a customer scan in the same background call (the Counter's 360: one trip off the UI
    thread instead of two); its answer comes with ``customerScanned``.
    """

    customerScanned = Signal(object, object)
    pickupScanned = Signal(object)
    receiptScanned = Signal(object)
    productChecked = Signal(object)
    orderNumberEntered = Signal(object)
    storeCreditScanned = Signal(object)
    rejected = Signal(str)

    def __init__(
        self,
        ctx: ServiceContext,
        bridge: ServiceBridge,
        parent: QObject | None = None,
        *,
        preview: Callable[[ServiceContext, str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanRouter")
        self._ctx = ctx
        self._bridge = bridge
        self._accepting = False
        self._preview = preview
        self.preview_customers = preview is not None

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
        preview = self._preview if self.preview_customers else None
        self._bridge.op(_resolve, self._ctx, raw, preview).read_only().success(
            self._resolved
        ).failure(self._failed).run()

    def _resolved(self, answer: tuple[ScanOutcome, Preview | None]) -> None:
        outcome, preview = answer
        if not self._accepting:
            self.rejected.emit(not_signed_in_text())
        elif isinstance(outcome, ScanRefused):
            self.rejected.emit(reason_text(outcome))
        elif isinstance(outcome, CustomerScan):
            self.customerScanned.emit(outcome, preview)
        elif isinstance(outcome, PickupScan):
            self.pickupScanned.emit(outcome)
        elif isinstance(outcome, ReceiptScan):
            self.receiptScanned.emit(outcome)
        elif isinstance(outcome, ProductCheck):
            self.productChecked.emit(outcome)
        elif isinstance(outcome, OrderNumberScan):
            self.orderNumberEntered.emit(outcome)
        elif isinstance(outcome, StoreCreditScan):
            self.storeCreditScanned.emit(outcome)
        else:  # a new outcome nobody routes yet is a bug; the clerk still hears something
            log.error("no route for scan outcome %r", outcome)
            self.rejected.emit(scan_failed_text())

    def _failed(self, error: BaseException) -> None:
        # resolve_scan refuses bad codes itself; an error here is a bug or a broken database,
        # already logged with its traceback by the bridge.
        self.rejected.emit(scan_failed_text())
