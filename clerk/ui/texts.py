"""Words for things the core names with codes: roles, connectivity, errors the clerk can act on.

The core's messages are English; the clerk reads them in the app's language.  Every error code
of the core has a translated sentence (here and in :mod:`clerk.ui.error_words`), filled from the
error's ``details``; an unknown code falls back to the core's own English message.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Role, Tier
from clerk.domain.errors import DomainError
from clerk.sync.errors import CentralError, CentralUnavailable
from clerk.ui.error_words import refusal_texts

translate = QCoreApplication.translate

# The store's wall clock (DESIGN.md: time is Europe/Warsaw), for every time the clerk reads.
STORE_ZONE = ZoneInfo("Europe/Warsaw")


def store_time(at: datetime, fmt: str = "%H:%M") -> str:
    """``at`` as the store's wall-clock time in ``fmt``."""
    return at.astimezone(STORE_ZONE).strftime(fmt)


def role_name(role: Role) -> str:
    """The role in words."""
    names = {
        Role.SALES: translate("Texts", "Sales"),
        Role.PICKUP: translate("Texts", "Pickup desk"),
        Role.MANAGER: translate("Texts", "Store manager"),
    }
    return names[role]


def tier_name(tier: Tier) -> str:
    """The loyalty tier in words."""
    names = {
        Tier.BASIC: translate("Texts", "Basic"),
        Tier.SILVER: translate("Texts", "Silver"),
        Tier.GOLD: translate("Texts", "Gold"),
    }
    return names[Tier(tier)]


def channel_name(channel: str) -> str:
    """An order's channel in words."""
    names = {
        "web": translate("Texts", "Web shop"),
        "app": translate("Texts", "Mobile app"),
        "phone": translate("Texts", "Phone order"),
        "store": translate("Texts", "In store"),
    }
    return names.get(channel, channel)


def connectivity_name(state: str) -> str:
    """ "online", "offline", "degraded" in words."""
    names = {
        "online": translate("Texts", "Online"),
        "offline": translate("Texts", "Offline"),
        "degraded": translate("Texts", "Connection problems"),
    }
    return names.get(state, state)


def _error_texts() -> dict[str, str]:
    return refusal_texts() | {
        "unknown_staff": translate(
            "Texts",
            "This staff member is not active in this store any more; sync the tablet or ask "
            "a manager.",
        ),
        "role_not_allowed": translate("Texts", "Your role does not allow this; ask a manager."),
        "override_manager_required": translate("Texts", "This needs a manager's approval."),
        "override_reason_required": translate(
            "Texts", "An override needs the manager's reason — type one in."
        ),
        "discard_reason_required": translate("Texts", "Say why this action is given up."),
        "reason_too_long": translate("Texts", "Keep the reason shorter."),
        "bad_url": translate(
            "Texts", "That is not a web address of a central service; check it and try again."
        ),
        "central_unreachable": translate(
            "Texts", "Central does not answer — check the address and the network, then try again."
        ),
        "code_refused": translate(
            "Texts",
            "Central refused this enrollment code: it is wrong, used or expired. Ask for a "
            "new code.",
        ),
        "central_error": translate(
            "Texts", "Central could not enroll this tablet right now; try again soon."
        ),
        "bad_device_name": translate(
            "Texts", "Give the tablet a name of 1 to 120 characters, for example Counter 1."
        ),
        "override_reason_too_long": translate("Texts", "Keep the reason under 500 characters."),
        "pin_unusable": translate(
            "Texts",
            "This staff member's PIN cannot be checked on this tablet; sync it, or ask a "
            "manager to set the PIN again.",
        ),
        "not_in_attention": translate(
            "Texts", "This action no longer needs attention; the list is up to date now."
        ),
        "command_not_found": translate(
            "Texts", "This action is no longer on the tablet; the list is up to date now."
        ),
        "vault_unavailable": translate(
            "Texts",
            "The system keyring refused to give the tablet's credentials; unlock it and try again.",
        ),
        "vault_unsafe": translate(
            "Texts",
            "The tablet's credentials file is not safe (another owner or a link); ask IT to "
            "check the data folder.",
        ),
        "other_store_data": translate(
            "Texts",
            "This tablet holds another store's data. Enroll it to that store, or ask IT to "
            "reset it.",
        ),
    }


def error_text(error: BaseException) -> str:
    """What to tell the clerk about ``error``, in the app's language."""
    if isinstance(error, DomainError):
        text = _error_texts().get(error.code)
        if text is None:
            return error.message
        for name, value in error.details.items():
            text = text.replace("{" + name + "}", value)
        return text
    if isinstance(error, CentralUnavailable):
        return translate(
            "Texts", "Central cannot be reached right now; the tablet keeps working offline."
        )
    if isinstance(error, CentralError):
        return translate("Texts", "Central refused the request: {detail}").replace(
            "{detail}", str(error)
        )
    return translate(
        "Texts", "Something went wrong; the details are in the log. Nothing entered was lost."
    )
