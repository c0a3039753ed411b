"""Store credit: the code a return refunded as store credit carries, and how it is spelled.

The tablet makes the code itself from the return's id (so a return taken offline still
prints a code the customer can spend), and central derives the same one from the same id.
A code is ``SC-`` and ten Crockford base32 characters of a hash of the return id: no I, L,
O or U, so a code read aloud or typed from paper is not mistaken.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from clerk.domain.entities import Refund, Tender

__all__ = ["CODE_PREFIX", "credit_code", "normalize_code", "with_credit_code"]

CODE_PREFIX = "SC-"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LENGTH = 10
_CODE = re.compile(rf"^SC-[{_ALPHABET}]{{{_LENGTH}}}$")
# What a clerk may type for a character Crockford base32 leaves out.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def credit_code(return_id: str) -> str:
    """The store-credit code of the return ``return_id`` (the same on every device)."""
    digest = hashlib.blake2b(f"clerk-store-credit\0{return_id}".encode(), digest_size=8)
    number = int.from_bytes(digest.digest(), "big")
    chars = []
    for _ in range(_LENGTH):
        number, index = divmod(number, 32)
        chars.append(_ALPHABET[index])
    return CODE_PREFIX + "".join(reversed(chars))


def normalize_code(text: str) -> str | None:
    """``text`` as a store-credit code (case, spaces and look-alike letters forgiven), or
    None when it is not one."""
    cleaned = "".join(text.split()).upper()
    if not cleaned.startswith(CODE_PREFIX):
        return None
    code = CODE_PREFIX + cleaned[len(CODE_PREFIX) :].replace("-", "").translate(_LOOKALIKES)
    return code if _CODE.match(code) else None


def with_credit_code(refunds: Sequence[Refund], return_id: str) -> list[Refund]:
    """``refunds`` with the return's code on each store-credit refund that has no reference
    yet (an exchange's credit keeps its own reference: the replacement spends it at once)."""
    code = credit_code(return_id)
    return [
        replace(refund, reference=code)
        if refund.tender == Tender.STORE_CREDIT and refund.reference is None
        else refund
        for refund in refunds
    ]
