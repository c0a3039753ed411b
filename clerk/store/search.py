"""Customer search terms: folded the Polish way, prefix-matched with an index range scan.

``lukasz`` finds Łukasz, ``swiatek`` finds Świątek, ``754 63`` finds +48 570 754 630. Each customer
has a handful of folded terms in ``customer_search_term``; a query matches a customer when every
query token is a prefix of one of the customer's terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Dialect, Table, and_, delete, exists, insert, select

from clerk.store import models as m

_TERMS: Table = m.CustomerSearchTerm.__table__  # type: ignore[assignment]
_TERM_LEN = 200
_MIN_PHONE_SUFFIX = 3
_DIGIT_QUERY = re.compile(r"[\d\s+\-]+")
_NON_DIGITS = re.compile(r"\D")
# NFKD splits letters from their accents; these have no decomposition and are folded by hand.
_BY_HAND = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case without diacritics: ``Łukasz Świątek`` → ``lukasz swiatek``."""
    text = text.translate(_BY_HAND)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def phone_digits(phone: str) -> str:
    """The digits of a phone number, without an international ``00`` prefix."""
    digits = _NON_DIGITS.sub("", phone)
    return digits[2:] if digits.startswith("00") else digits


def terms_of(customer: Mapping[str, Any]) -> set[str]:
    """The folded terms a customer is found by (see the module docstring)."""
    terms: set[str] = set()
    for name in (customer.get("first_name") or "", customer.get("last_name") or ""):
        for word in fold(name).split():
            terms.add(word)
            terms.update(part for part in word.split("-") if part)
    email = fold(customer.get("email") or "").strip()
    if email:
        terms.add(email)
        local = email.split("@", 1)[0]
        if local:
            terms.add(local)
    card = _NON_DIGITS.sub("", customer.get("card_number") or "")
    if card:
        terms.add(card)
    digits = phone_digits(customer.get("phone") or "")
    # Every suffix: the national number (without the country code) and fragments typed from the
    # middle of it, as in "754 63".
    for start in range(len(digits) - _MIN_PHONE_SUFFIX + 1):
        terms.add(digits[start:])
    return {t[:_TERM_LEN] for t in terms if t}


def query_tokens(query: str) -> list[str]:
    """The folded tokens of a search query; a phone-like query is one digit token."""
    query = query.strip()
    if not query:
        return []
    if _DIGIT_QUERY.fullmatch(query):
        digits = phone_digits(query)
        return [digits] if digits else []
    return [t[:_TERM_LEN] for t in (fold(word) for word in query.split()) if t]


def _upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    last = ord(prefix[-1])
    return prefix[:-1] + chr(last + 1) if last < 0x10FFFF else prefix + chr(0x10FFFF)


def replace_terms(conn: Connection, customers: Sequence[Mapping[str, Any]]) -> None:
    """Rewrite the search terms of ``customers`` (full states from the feed or a local edit)."""
    if not customers:
        return
    forget_terms(conn, [str(c["id"]) for c in customers])
    rows = [(str(c["id"]), t) for c in customers for t in terms_of(c)]
    if rows:
        # Hundreds of thousands of rows in an initial sync: straight to the driver's
        # executemany (two plain strings per row need no SQLAlchemy parameter processing).
        sql, positional = _insert_terms_sql(conn.dialect)
        params = rows if positional else [{"customer_id": i, "term": t} for i, t in rows]
        conn.exec_driver_sql(sql, params)


@cache
def _insert_terms_sql(dialect: Dialect) -> tuple[str, bool]:
    compiled = insert(_TERMS).compile(dialect=dialect)
    assert not compiled.positional or compiled.positiontup == ["customer_id", "term"]
    return str(compiled), compiled.positional


def forget_terms(conn: Connection, customer_ids: Iterable[str]) -> None:
    ids = list(dict.fromkeys(customer_ids))
    for start in range(0, len(ids), 500):
        conn.execute(delete(_TERMS).where(_TERMS.c.customer_id.in_(ids[start : start + 500])))


def find_customer_ids(conn: Connection, query: str, limit: int) -> list[str]:
    """Ids of customers matching every token of ``query``, at most ``limit``, in term order.

    The longest token drives an index range scan in term order (so the scan stops early); the
    other tokens are checked per candidate on the (customer_id, term) primary key.
    """
    tokens = list(dict.fromkeys(query_tokens(query)))
    if not tokens or limit <= 0:
        return []
    tokens.sort(key=len, reverse=True)
    driver, others = tokens[0], tokens[1:]
    t = _TERMS
    stmt = select(t.c.customer_id).where(t.c.term >= driver, t.c.term < _upper_bound(driver))
    for token in others:
        other = _TERMS.alias()
        stmt = stmt.where(
            exists().where(
                and_(
                    other.c.customer_id == t.c.customer_id,
                    other.c.term >= token,
                    other.c.term < _upper_bound(token),
                )
            )
        )
    stmt = stmt.order_by(t.c.term, t.c.customer_id)
    found: dict[str, None] = {}
    batch = max(limit * 4, 32)
    offset = 0
    while len(found) < limit:
        ids = conn.execute(stmt.limit(batch).offset(offset)).scalars().all()
        for customer_id in ids:
            found.setdefault(customer_id)
        if len(ids) < batch:
            break
        offset += batch
    return list(found)[:limit]
