"""Texts of the messages central sends customers, in Polish and English.

Rendering is pure: :func:`render` takes the facts gathered by
:mod:`clerk.central.notifications` and returns a subject and a plain-text body.  Dates are
shown in the store's time zone (Europe/Warsaw by default), money through the domain's
:func:`~clerk.domain.money.format_money`, so an e-mail says exactly what the counter says.

Context keys a caller may pass (all optional unless a template says otherwise):

- ``store_id``: the store a message is about when there is no order (reservation_cancelled);
  otherwise the order's pickup store (or selling store) is used;
- ``pickup_token`` (ready_for_pickup, hold_expiring): signed pickup token text for the QR code;
- ``lines``: ``[{"name": str, "qty": int}]`` — collected (collected), missing (short_pick) or
  reserved (reservation_cancelled) items;
- ``refused``: ``[{"name", "qty"}]`` — items refused at pickup (collected);
- ``refunds``: ``[{"tender": str, "amount": Money|Decimal|str, "points": int, "status": str,
  "reference": str|None}]`` — the domain ``Refund.to_dict()`` shape or the objects themselves
  (refund_issued, short_pick);
- ``points_reversed``: int — earned points taken back for returned goods (refund_issued);
- ``reservation_id``, ``reason`` (``expired`` | ``store`` | ``customer``) (reservation_cancelled).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from clerk.domain.money import Money, format_money

READY_FOR_PICKUP = "ready_for_pickup"
HOLD_EXPIRING = "hold_expiring"
COLLECTED = "collected"
REFUND_ISSUED = "refund_issued"
RESERVATION_CANCELLED = "reservation_cancelled"
SHORT_PICK = "short_pick"

TEMPLATES: frozenset[str] = frozenset(
    {READY_FOR_PICKUP, HOLD_EXPIRING, COLLECTED, REFUND_ISSUED, RESERVATION_CANCELLED, SHORT_PICK}
)
LOCALES: frozenset[str] = frozenset({"pl", "en"})
DEFAULT_LOCALE = "pl"
DEFAULT_TIMEZONE = "Europe/Warsaw"

# Month and weekday names are data tables: one row per line reads better than one per word.
# fmt: off
_PL_MONTHS_GENITIVE = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
)
# "do środy, 12 marca" — the weekday after "do" takes the genitive.
_PL_WEEKDAYS_GENITIVE = (
    "poniedziałku", "wtorku", "środy", "czwartku", "piątku", "soboty", "niedzieli",
)
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: on

_TENDER_NAMES: dict[str, dict[str, str]] = {
    "pl": {
        "card": "karta płatnicza",
        "online": "płatność online",
        "cash": "gotówka",
        "store_credit": "bon sklepowy",
        "gift_card": "karta podarunkowa",
        "points": "punkty lojalnościowe",
        "exchange": "wymiana towaru",
    },
    "en": {
        "card": "payment card",
        "online": "online payment",
        "cash": "cash",
        "store_credit": "store credit",
        "gift_card": "gift card",
        "points": "loyalty points",
        "exchange": "exchange",
    },
}


class TemplateError(ValueError):
    """A template was asked for that does not exist, or without the facts it needs."""


@dataclass(frozen=True)
class StoreFacts:
    """What a message says about the store."""

    name: str
    address: str = ""
    city: str = ""
    timezone: str = DEFAULT_TIMEZONE


@dataclass(frozen=True)
class MessageFacts:
    """Everything a template may use; gathered from the database at enqueue time."""

    locale: str = DEFAULT_LOCALE
    store: StoreFacts | None = None
    order_number: str | None = None
    pickup_code: str | None = None
    hold_until: datetime | None = None
    collected_at: datetime | None = None
    # Every line of the order was short-picked: nothing waits for the customer (short_pick).
    nothing_left: bool = False
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedMessage:
    """A ready-to-send message: subject line and plain-text body."""

    subject: str
    body: str


def normalise_locale(locale: str | None) -> str:
    """``"pl"`` or ``"en"``; anything else (``"pl_PL"``, ``"en-GB"``, ``None``) maps sensibly."""
    short = (locale or "").replace("-", "_").split("_")[0].lower()
    return short if short in LOCALES else DEFAULT_LOCALE


def polish_plural(n: int, one: str, few: str, many: str) -> str:
    """The Polish noun form for ``n``: 1 punkt, 2 punkty, 5 punktów, 22 punkty, 12 punktów."""
    n = abs(n)
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def as_utc(moment: datetime) -> datetime:
    """``moment`` as aware UTC; a naive value is read as UTC, the storage convention.

    (SQLite hands back naive datetimes for columns without a zone-aware type.)
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_local_datetime(moment: datetime, timezone: str, locale: str, *, long: bool) -> str:
    """A date and time in the store's zone, as people write it in that language.

    Long Polish form (after "do"): ``środy, 12 marca 2025 r., godz. 18:00``; short
    ``12.03.2025, godz. 18:00``.  English: ``Wednesday 12 March 2025, 18:00`` or
    ``12/03/2025, 18:00``.
    """
    local = as_utc(moment).astimezone(ZoneInfo(timezone))
    clock = f"{local:%H:%M}"
    if locale == "pl":
        if long:
            weekday = _PL_WEEKDAYS_GENITIVE[local.weekday()]
            month = _PL_MONTHS_GENITIVE[local.month - 1]
            return f"{weekday}, {local.day} {month} {local.year} r., godz. {clock}"
        return f"{local:%d.%m.%Y}, godz. {clock}"
    if long:
        weekday = _EN_WEEKDAYS[local.weekday()]
        return f"{weekday} {local.day} {_EN_MONTHS[local.month - 1]} {local.year}, {clock}"
    return f"{local:%d/%m/%Y}, {clock}"


def render(template: str, facts: MessageFacts) -> RenderedMessage:
    """Render ``template`` in ``facts.locale``.

    Raises :class:`TemplateError` for an unknown template or when a fact it needs is missing.
    """
    renderer = _RENDERERS.get(template)
    if renderer is None:
        raise TemplateError(f"unknown notification template {template!r}")
    return renderer(_Writer(facts, normalise_locale(facts.locale)))


class _Writer:
    """Small helpers shared by the templates; knows the locale and the facts."""

    def __init__(self, facts: MessageFacts, locale: str) -> None:
        self.facts = facts
        self.locale = locale
        self.pl = locale == "pl"

    def need(self, value: str | None, what: str) -> str:
        if not value:
            raise TemplateError(f"this notification needs {what}")
        return value

    @property
    def number(self) -> str:
        return self.need(self.facts.order_number, "an order number")

    @property
    def store(self) -> StoreFacts:
        if self.facts.store is None:
            raise TemplateError("this notification needs a store")
        return self.facts.store

    def store_place(self) -> str:
        """``Warszawa Centrum (ul. Marszałkowska 104, Warszawa)``."""
        store = self.store
        where = ", ".join(part for part in (store.address, store.city) if part)
        return f"{store.name} ({where})" if where else store.name

    def when(self, moment: datetime | None, what: str, *, long: bool = True) -> str:
        if moment is None:
            raise TemplateError(f"this notification needs {what}")
        zone = self.facts.store.timezone if self.facts.store else DEFAULT_TIMEZONE
        return format_local_datetime(moment, zone, self.locale, long=long)

    def money(self, amount: Money) -> str:
        return format_money(amount, self.locale)

    def points(self, n: int) -> str:
        if self.pl:
            return f"{n} {polish_plural(n, 'punkt', 'punkty', 'punktów')}"
        return f"{n} {'point' if n == 1 else 'points'}"

    def item_lines(self, key: str) -> list[str]:
        lines = []
        for item in self.facts.context.get(key) or ():
            name, qty = str(_get(item, "name")), int(_get(item, "qty"))
            lines.append(f"– {name} ({qty} szt.)" if self.pl else f"– {name} × {qty}")
        return lines

    def refund_lines(self) -> tuple[list[str], Money]:
        """One line per tender and the money total (points count at their money value)."""
        lines: list[str] = []
        total = Money.zero()
        for refund in _refunds(self.facts.context.get("refunds")):
            tender = str(_get(refund, "tender"))
            if _get(refund, "reference", None) == "exchange":
                tender = "exchange"
            amount = _money(_get(refund, "amount"))
            total = total + amount
            name = _TENDER_NAMES[self.locale].get(tender, tender)
            points = int(_get(refund, "points", 0) or 0)
            shown = (
                f"{self.points(points)} ({self.money(amount)})" if points else self.money(amount)
            )
            text = f"– {name}: {shown}"
            if str(_get(refund, "status", "issued")) == "pending":
                text += " — w realizacji" if self.pl else " — in progress"
            lines.append(text)
        return lines, total

    def pickup_token_lines(self) -> list[str]:
        token = self.facts.context.get("pickup_token")
        if not token:
            return []
        label = "Kod QR do zeskanowania przy odbiorze" if self.pl else "QR code for the pickup desk"
        return ["", f"{label}: {token}"]

    def closing(self) -> list[str]:
        if self.pl:
            return ["", "Pozdrawiamy serdecznie", "Zespół obsługi klienta"]
        return ["", "Kind regards", "Customer Service"]


def _get(item: Any, key: str, *default: Any) -> Any:
    """A field of a mapping (JSON dict) or an attribute of a domain object."""
    if isinstance(item, Mapping):
        if default:
            return item.get(key, default[0])
        if key not in item:
            raise TemplateError(f"a context entry lacks {key!r}")
        return item[key]
    return getattr(item, key, *default)


def _refunds(value: Any) -> Sequence[Any]:
    if value is None:
        return ()
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return value
    raise TemplateError("context 'refunds' must be a list")


def _money(value: Any) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, Decimal | int | str):
        return Money.of(value)
    raise TemplateError(f"not an amount of money: {value!r}")


def _letter(w: _Writer, *parts: list[str]) -> str:
    """Greeting, the parts, and the closing lines, as one plain-text body."""
    lines = ["Dzień dobry," if w.pl else "Hello,", ""]
    for part in (*parts, w.closing()):
        lines.extend(part)
    return "\n".join(lines).strip() + "\n"


def _ready_for_pickup(w: _Writer) -> RenderedMessage:
    code = w.need(w.facts.pickup_code, "a pickup code")
    until = w.when(w.facts.hold_until, "the hold end")
    if w.pl:
        subject = f"Zamówienie nr {w.number} czeka na odbiór w sklepie {w.store.name}"
        text = [
            f"Twoje zamówienie nr {w.number} jest gotowe do odbioru w sklepie {w.store_place()}.",
            "",
            f"Kod odbioru: {code}",
            f"Zamówienie czeka na Ciebie do {until}.",
            "",
            "Przy odbiorze pokaż kod QR z aplikacji lub podaj numer zamówienia i kod odbioru.",
            "Jeśli nie odbierzesz zamówienia w tym terminie, anulujemy je i zwrócimy pieniądze.",
        ]
    else:
        subject = f"Your order {w.number} is ready for pickup at {w.store.name}"
        text = [
            f"Your order {w.number} is ready for pickup at {w.store_place()}.",
            "",
            f"Pickup code: {code}",
            f"We will keep it for you until {until}.",
            "",
            "At the desk, show the QR code from the app or give your order number and pickup code.",
            "If the order is not collected by then, we will cancel it and refund your payment.",
        ]
    return RenderedMessage(subject, _letter(w, text, w.pickup_token_lines()))


def _hold_expiring(w: _Writer) -> RenderedMessage:
    code = w.need(w.facts.pickup_code, "a pickup code")
    until = w.when(w.facts.hold_until, "the hold end")
    short = w.when(w.facts.hold_until, "the hold end", long=False)
    if w.pl:
        subject = f"Przypomnienie: odbierz zamówienie nr {w.number} do {short}"
        text = [
            f"Przypominamy, że Twoje zamówienie nr {w.number} wciąż czeka na odbiór "
            f"w sklepie {w.store_place()}.",
            "",
            f"Kod odbioru: {code}",
            f"Możesz je odebrać do {until}.",
            "",
            "Po tym terminie anulujemy zamówienie i zwrócimy pieniądze.",
        ]
    else:
        subject = f"Reminder: collect your order {w.number} by {short}"
        text = [
            f"A quick reminder: your order {w.number} is still waiting for you "
            f"at {w.store_place()}.",
            "",
            f"Pickup code: {code}",
            f"You can collect it until {until}.",
            "",
            "After that we will cancel the order and refund your payment.",
        ]
    return RenderedMessage(subject, _letter(w, text, w.pickup_token_lines()))


def _collected(w: _Writer) -> RenderedMessage:
    at = w.when(w.facts.collected_at, "the collection time", long=False)
    items, refused = w.item_lines("lines"), w.item_lines("refused")
    if w.pl:
        subject = f"Zamówienie nr {w.number} zostało odebrane"
        text = [f"Dziękujemy za odbiór zamówienia nr {w.number} w sklepie {w.store.name} ({at})."]
        if items:
            text += ["", "Odebrane produkty:", *items]
        if refused:
            text += ["", "Produkty, z których zrezygnowano przy odbiorze, przyjęliśmy jako zwrot:"]
            text += [*refused, "Potwierdzenie zwrotu pieniędzy wyślemy w osobnej wiadomości."]
        text += [
            "",
            "Jeśli zamówienia nie odebrała osoba przez Ciebie upoważniona, skontaktuj się z nami.",
        ]
    else:
        subject = f"Your order {w.number} has been collected"
        text = [f"Thank you for collecting order {w.number} at {w.store.name} ({at})."]
        if items:
            text += ["", "Collected items:", *items]
        if refused:
            text += ["", "Items declined at the desk were taken back as a return:"]
            text += [*refused, "We will confirm the refund in a separate message."]
        text += ["", "If neither you nor someone you sent collected this order, please contact us."]
    return RenderedMessage(subject, _letter(w, text))


def _refund_summary(w: _Writer) -> list[str]:
    lines, total = w.refund_lines()
    if not lines:
        raise TemplateError("this notification needs context 'refunds'")
    if w.pl:
        return [*lines, f"Razem: {w.money(total)}"]
    return [*lines, f"Total: {w.money(total)}"]


def _refund_issued(w: _Writer) -> RenderedMessage:
    summary = _refund_summary(w)
    reversed_points = int(w.facts.context.get("points_reversed") or 0)
    # Only money going back to a card or bank account takes days; say so only then.
    tenders = {str(_get(r, "tender")) for r in _refunds(w.facts.context.get("refunds"))}
    to_account = bool(tenders & {"card", "online"})
    if w.pl:
        subject = f"Zwrot pieniędzy za zamówienie nr {w.number}"
        text = [f"Zwróciliśmy pieniądze za zamówienie nr {w.number}:", *summary, ""]
        if to_account:
            text.append("Środki na kartę lub konto wracają zwykle w ciągu kilku dni roboczych.")
        if reversed_points:
            text.append(
                "Punkty przyznane za zwrócone produkty odjęliśmy z Twojego konta lojalnościowego: "
                f"{w.points(reversed_points)}."
            )
    else:
        subject = f"Refund for your order {w.number}"
        text = [f"We have refunded your order {w.number}:", *summary, ""]
        if to_account:
            text.append(
                "Card and online refunds usually reach your account within a few working days."
            )
        if reversed_points:
            text.append(
                "The points earned on the returned items have been taken off your loyalty "
                f"account: {w.points(reversed_points)}."
            )
    return RenderedMessage(subject, _letter(w, text))


_CANCEL_REASONS: dict[str, dict[str, str]] = {
    "pl": {
        "expired": "Minął termin, do którego trzymaliśmy dla Ciebie te produkty.",
        "store": "Sklep nie może zrealizować tej rezerwacji.",
        "customer": "Anulowaliśmy ją na Twoją prośbę.",
    },
    "en": {
        "expired": "The time we could hold these items for you has run out.",
        "store": "The store is unable to fulfil this reservation.",
        "customer": "We cancelled it at your request.",
    },
}


def _reservation_cancelled(w: _Writer) -> RenderedMessage:
    ref = w.facts.context.get("reservation_id")
    reason = _CANCEL_REASONS[w.locale].get(str(w.facts.context.get("reason") or ""))
    items = w.item_lines("lines")
    if w.pl:
        subject = f"Rezerwacja w sklepie {w.store.name} została anulowana"
        first = f"Twoja rezerwacja{f' nr {ref}' if ref else ''} w sklepie {w.store_place()} "
        text = [first + "została anulowana."]
        text += [reason] if reason else []
        text += ["", "Zarezerwowane produkty:", *items] if items else []
        text += ["", "Jeśli nadal chcesz je kupić, sprawdź dostępność i zarezerwuj je ponownie."]
    else:
        subject = f"Your reservation at {w.store.name} has been cancelled"
        first = f"Your reservation{f' {ref}' if ref else ''} at {w.store_place()} "
        text = [first + "has been cancelled."]
        text += [reason] if reason else []
        text += ["", "Reserved items:", *items] if items else []
        text += ["", "If you would still like them, check availability and reserve them again."]
    return RenderedMessage(subject, _letter(w, text))


def _short_pick(w: _Writer) -> RenderedMessage:
    items = w.item_lines("lines")
    if not items:
        raise TemplateError("this notification needs context 'lines' (the missing items)")
    summary = _refund_summary(w)
    if w.pl:
        subject = f"Zamówienie nr {w.number}: brak części produktów – zwróciliśmy pieniądze"
        text = [
            f"Przykro nam — podczas kompletowania zamówienia nr {w.number} okazało się, "
            "że zabrakło tych produktów:",
            *items,
            "",
            "Zwróciliśmy za nie pieniądze:",
            *summary,
            "",
            "Żaden produkt z tego zamówienia nie czeka więc na odbiór."
            if w.facts.nothing_left
            else "Pozostałe produkty czekają na odbiór — szczegóły podajemy w osobnej wiadomości.",
        ]
    else:
        subject = f"Order {w.number}: some items are unavailable – we have refunded them"
        text = [
            f"We are sorry — while preparing order {w.number} we found these items missing:",
            *items,
            "",
            "We have refunded them:",
            *summary,
            "",
            "So there is nothing left to collect from this order."
            if w.facts.nothing_left
            else "The rest of your order is waiting for you — details in a separate message.",
        ]
    return RenderedMessage(subject, _letter(w, text))


_RENDERERS: dict[str, Callable[[_Writer], RenderedMessage]] = {
    READY_FOR_PICKUP: _ready_for_pickup,
    HOLD_EXPIRING: _hold_expiring,
    COLLECTED: _collected,
    REFUND_ISSUED: _refund_issued,
    RESERVATION_CANCELLED: _reservation_cancelled,
    SHORT_PICK: _short_pick,
}
