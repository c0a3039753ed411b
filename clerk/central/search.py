"""Customer search by name, phone, e-mail or loyalty card number (diacritics ignored)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from clerk.central import models as m

_FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
_LATIN = "acelnoszzACELNOSZZ"
_EMAIL = re.compile(r"^[^@\s]*@[^@\s]*$")


def fold(text: str) -> str:
    """Lower-case ``text`` and drop Polish diacritics (``Łukasz`` → ``lukasz``)."""
    return text.translate(_FOLD).lower()


def _folded(session: Session, column: Any) -> ColumnElement[str]:
    if session.get_bind().dialect.name == "postgresql":
        return func.lower(func.translate(column, _POLISH, _LATIN))
    expr: Any = column
    for accented, plain in zip(_POLISH, _LATIN, strict=True):
        expr = func.replace(expr, accented, plain)
    return func.lower(expr)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phone_forms(digits: str) -> list[str]:
    local = digits[-9:]
    forms = {digits, "+" + digits, local, f"+48{local}"}
    if len(local) == 9:
        forms.add(f"+48 {local[:3]} {local[3:6]} {local[6:]}")
        forms.add(f"{local[:3]} {local[3:6]} {local[6:]}")
    return sorted(forms)


def search_customers(session: Session, query: str, limit: int = 20) -> list[m.Customer]:
    """Customers matching ``query``: a card number or phone (digits), an e-mail (has ``@``),
    or name words (each word a prefix of the first or last name, diacritics ignored)."""
    text = query.strip()
    if not text:
        return []
    stmt = select(m.Customer)
    digits = re.sub(r"[\s\-+()]", "", text)
    if digits.isdigit():
        if len(digits) == 13:
            found = list(session.scalars(stmt.where(m.Customer.card_number == digits).limit(limit)))
            if found:
                return found
        exact = list(
            session.scalars(
                stmt.where(m.Customer.phone.in_(_phone_forms(digits)))
                .order_by(m.Customer.last_name, m.Customer.first_name, m.Customer.id)
                .limit(limit)
            )
        )
        if exact or len(digits) < 5:
            return exact
        compact = func.replace(m.Customer.phone, " ", "")
        condition: ColumnElement[bool] = or_(
            compact.like(f"%{digits}%"), m.Customer.card_number.like(f"{digits}%")
        )
    elif _EMAIL.match(text):
        lowered = text.lower()
        condition = or_(
            func.lower(m.Customer.email) == lowered,
            func.lower(m.Customer.email).like(_escape_like(lowered) + "%", escape="\\"),
        )
    else:
        words = [fold(w) for w in re.split(r"[\s,]+", text) if w]
        if not words:  # only separators, e.g. ","
            return []
        first = _folded(session, m.Customer.first_name)
        last = _folded(session, m.Customer.last_name)
        condition = and_(
            *(
                or_(
                    first.like(_escape_like(w) + "%", escape="\\"),
                    last.like(_escape_like(w) + "%", escape="\\"),
                )
                for w in words
            )
        )
    return list(
        session.scalars(
            stmt.where(condition)
            .order_by(m.Customer.last_name, m.Customer.first_name, m.Customer.id)
            .limit(limit)
        )
    )
