"""The release panel's words for what the services hand over as codes (refusals, order
states), and its style sheet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import OrderStatus
from clerk.domain.errors import DomainError
from clerk.services.pickup_queue import PickupDetail
from clerk.ui.screens.counter.basket_row import message_box_style
from clerk.ui.texts import error_text, store_time
from clerk.ui.theme import Colors

__all__ = ["FINAL_REFUSALS", "not_ready_text", "release_error_text", "release_style"]

translate = QCoreApplication.translate

# Refusals that mean the order itself cannot be released from this screen any more.
FINAL_REFUSALS = {
    "order_already_collected",
    "order_cancelled",
    "order_expired",
    "order_not_ready",
    "other_store_order",
}


def release_error_text(error: BaseException) -> str:
    """What to tell the clerk when the release is refused, in the app's language."""
    code = error.code if isinstance(error, DomainError) else ""
    texts = {
        "order_already_collected": translate(
            "ReleasePanel", "This order has already been collected — hand nothing over."
        ),
        "order_cancelled": translate(
            "ReleasePanel", "This order was cancelled — hand nothing over."
        ),
        "order_expired": translate(
            "ReleasePanel", "The hold of this order ended and its items went back to stock."
        ),
        "order_not_ready": translate(
            "ReleasePanel", "This order has not been picked and shelved yet."
        ),
        "age_check_required": translate(
            "ReleasePanel", "This order holds 18+ items: check the ID and confirm it first."
        ),
        "collector_required": translate(
            "ReleasePanel", "Write down the name of the person collecting."
        ),
        "invalid_id_last4": translate(
            "ReleasePanel", "Note the last four letters or digits of their ID document."
        ),
    }
    return texts.get(code) or error_text(error)


def not_ready_text(detail: PickupDetail) -> str | None:
    """Why the order on the desk cannot be released (None: it is ready)."""
    status = OrderStatus(detail.order.status)
    if status == OrderStatus.READY:
        return None
    if status in (OrderStatus.COLLECTED, OrderStatus.PARTIALLY_COLLECTED):
        pickup = detail.order.pickup
        text = translate(
            "ReleasePanel", "This order has already been collected — hand nothing over."
        )
        if pickup is not None and pickup.collected_at is not None:
            text = (
                translate("ReleasePanel", "Collected on {when} by {name} — hand nothing over.")
                .replace("{when}", store_time(pickup.collected_at, "%d.%m.%Y %H:%M"))
                .replace("{name}", pickup.collected_by or "—")
            )
        if detail.entry.pending:
            text += " " + translate(
                "ReleasePanel",
                "The release was recorded on this tablet and waits to be sent to central.",
            )
        return text
    if status == OrderStatus.CANCELLED:
        return translate("ReleasePanel", "This order was cancelled — hand nothing over.")
    if status == OrderStatus.EXPIRED:
        return translate(
            "ReleasePanel", "The hold of this order ended and its items went back to stock."
        )
    if status in (OrderStatus.PLACED, OrderStatus.PICKING):
        return translate("ReleasePanel", "This order has not been picked and shelved yet.")
    return translate("ReleasePanel", "This order cannot be handed over.")


def release_style(c: Colors) -> str:
    return f"""
QLabel[cardTitle="true"], QLabel[lineName="true"] {{ font-size: 13pt; font-weight: 600; }}
#releaseShelfBox {{ background: {c.info_bg}; border: 2px solid {c.accent}; border-radius: 12px; }}
#releaseShelfCaption {{ color: {c.muted}; font-weight: 600; }}
#releaseShelf {{ font-size: 30pt; font-weight: 700; }}
#releaseHold[urgency="expiring"] {{ color: {c.warn}; font-weight: 600; }}
#releaseHold[urgency="overdue"] {{ color: {c.error}; font-weight: 600; }}
#releaseVerified[verified="true"] {{ color: {c.ok}; font-weight: 600; }}
#releaseVerified[verified="false"] {{ color: {c.warn}; font-weight: 600; }}
QLabel[badge="adult"] {{
    background: {c.warn_bg}; color: {c.warn}; border-radius: 6px; padding: 2px 8px;
    font-weight: 700;
}}
QPushButton[stepper="true"] {{ font-size: 16pt; padding: 0; }}
QPushButton[segment="true"] {{ border: 2px solid {c.border}; }}
QPushButton[segment="true"]:checked {{ border-color: {c.accent}; background: {c.info_bg}; }}
QPushButton[refuse="true"] {{ color: {c.error}; }}
QLineEdit[qty="true"] {{ font-size: 14pt; }}
QFrame[releaseRow="true"] {{ border: none; border-bottom: 1px solid {c.border}; }}
QFrame[refusal="true"] {{ background: {c.warn_bg}; border-radius: 8px; }}
QLabel[refusedCount="true"] {{ font-weight: 600; }}
#releaseScroll, #releaseScrollBody {{ background: transparent; border: none; }}
#releaseAttention, #releaseState {{ font-size: 13pt; font-weight: 600; }}
#phoneDigitsHint[tone="error"] {{ color: {c.error}; font-weight: 600; }}
#phoneDigitsHint[tone="warning"] {{ color: {c.warn}; font-weight: 600; }}
#phoneDigitsHint[tone="ok"] {{ color: {c.ok}; font-weight: 600; }}
#ageBox {{ background: {c.warn_bg}; border: 2px solid {c.warn}; border-radius: 12px; }}
#ageWords {{ color: {c.warn}; font-weight: 600; }}
#ageChecked {{ font-size: 12pt; font-weight: 600; spacing: 12px; }}
#ageChecked::indicator {{ width: 28px; height: 28px; }}
#releaseDoneStatus {{ font-size: 13pt; }}
#releaseDoneStatus[level="error"] {{ color: {c.error}; font-weight: 600; }}
#releaseDiscardBar {{ background: {c.warn_bg}; border-radius: 10px; }}{message_box_style(c)}
"""
