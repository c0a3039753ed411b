"""Customer notifications: templates, the outbox, SMTP (a real local aiosmtpd), webhook, worker."""

from __future__ import annotations

import email
import email.policy
import json
import logging
import random
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from clerk.central import notification_templates as templates
from clerk.central.clock import FixedClock
from clerk.central.db import make_session_factory
from clerk.central.embedded import free_loopback_port as free_port
from clerk.central.keys import ensure_signing_key, public_signing_keys
from clerk.central.models import Customer, Inventory, Notification, Order, Reservation, Store
from clerk.central.notifications import (
    MAX_ATTEMPTS,
    NotificationSender,
    NotificationWorker,
    enqueue_notification,
    queue_hold_reminders,
    retry_delay,
)
from clerk.central.ops import reservations
from clerk.domain.money import Money
from clerk.domain.tokens import load_public_key, verify_token
from tests.central.factories import make_product, make_reservation, set_stock

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # a Monday; Warsaw is UTC+1 in March
HOLD_UNTIL = datetime(2025, 3, 12, 17, 0, tzinfo=UTC)  # Wednesday 18:00 in Warsaw
NBSP = "\u00a0"


# --- a real SMTP server and a webhook receiver on loopback ---------------------------------


class Mailbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.arrived:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
            self.arrived.notify_all()
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)


@dataclass
class SmtpServer:
    """A local SMTP server that can be taken down and brought back on the same port."""

    port: int
    mailbox: Mailbox = field(default_factory=Mailbox)
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running aiosmtpd server on 127.0.0.1 and a free port."""
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down() -> Iterator[SmtpServer]:
    """The port of an SMTP server that is not running yet (connections are refused)."""
    server = SmtpServer(free_port())
    yield server
    server.stop()


class Webhook:
    """An http.server receiver on loopback; answers with the queued statuses, then 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.statuses: list[int] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                payload = json.loads(self.rfile.read(length).decode("utf-8"))
                hook.received.append((dict(self.headers), payload))
                status = hook.statuses.pop(0) if hook.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep the test output clean

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/notify"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


# --- database fixtures ---------------------------------------------------------------------


@pytest.fixture
def factory(central_engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(central_engine)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def add_store(session: Session) -> Store:
    store = Store(
        id="WAW-01",
        name="Warszawa Centrum",
        city="Warszawa",
        address="ul. Marszałkowska 104/122",
        timezone="Europe/Warsaw",
    )
    session.add(store)
    session.flush()
    return store


def add_customer(
    session: Session, cid: str = "C-1", *, locale: str = "pl", email_address: str | None = None
) -> Customer:
    customer = Customer(
        id=cid,
        first_name="Małgorzata",
        last_name="Wiśniewska",
        email=f"{cid.lower()}@example.pl" if email_address is None else email_address,
        phone="+48600100200",
        card_number=f"2990{zlib.crc32(cid.encode()) % 10**9:09d}",
        preferred_locale=locale,
        created_at=NOW - timedelta(days=400),
    )
    session.add(customer)
    session.flush()
    return customer


def add_order(
    session: Session,
    oid: str = "O-1",
    *,
    customer_id: str | None = "C-1",
    status: str = "ready",
    hold_until: datetime | None = HOLD_UNTIL,
) -> Order:
    order = Order(
        id=oid,
        number=f"WEB-2025-{oid[-1]}0417",
        channel="web",
        customer_id=customer_id,
        fulfilment="pickup",
        pickup_store_id="WAW-01",
        status=status,
        created_at=NOW - timedelta(days=3),
        pickup_code="K7Q2M9",
        ready_at=NOW - timedelta(days=5) if hold_until is None else hold_until - timedelta(days=7),
        hold_until=hold_until,
    )
    session.add(order)
    session.flush()
    return order


def queue_ready(factory: sessionmaker[Session], *, locale: str = "pl") -> str:
    """A store, a customer with a ready pickup order and its ready_for_pickup notification."""
    with factory() as session, session.begin():
        add_store(session)
        customer = add_customer(session, locale=locale)
        order = add_order(session)
        note = enqueue_notification(
            session,
            template=templates.READY_FOR_PICKUP,
            customer=customer,
            order=order,
            now=NOW,
            context={"pickup_token": "CLK1.P.eyJvIjoiTy0xIn0.c2ln"},
        )
        assert note is not None
        return note.id


def load(factory: sessionmaker[Session], nid: str) -> Notification:
    with factory() as session:
        note = session.get(Notification, nid)
        assert note is not None
        return note


def utc(moment: datetime | None) -> datetime:
    """A stored time as aware UTC (on SQLite the central models still hand back naive values)."""
    assert moment is not None
    return templates.as_utc(moment)


def make_sender(
    factory: sessionmaker[Session], clock: FixedClock, port: int, **kwargs: Any
) -> NotificationSender:
    return NotificationSender(
        factory,
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_from="Clerk <powiadomienia@example.pl>",
        clock=clock,
        timeout=5,
        rng=random.Random(7),
        **kwargs,
    )


# --- templates (pure) ----------------------------------------------------------------------


def facts(locale: str, **context: Any) -> templates.MessageFacts:
    return templates.MessageFacts(
        locale=locale,
        store=templates.StoreFacts("Warszawa Centrum", "ul. Marszałkowska 104/122", "Warszawa"),
        order_number="WEB-2025-10417",
        pickup_code="K7Q2M9",
        hold_until=HOLD_UNTIL,
        collected_at=NOW,
        context=context,
    )


REFUNDS = [
    {"tender": "card", "amount": "1234.50", "points": 0, "status": "issued", "reference": None},
    {"tender": "points", "amount": Decimal("10.00"), "points": 200, "status": "issued"},
]
LINES = [{"name": "Sukienka midi w kwiaty, rozm. 38", "qty": 1}]
FULL_CONTEXT: dict[str, Any] = {
    "lines": LINES,
    "refused": [{"name": "Pasek skórzany", "qty": 1}],
    "refunds": REFUNDS,
    "points_reversed": 22,
    "reservation_id": "R-77",
    "reason": "expired",
}


def test_ready_for_pickup_in_polish_shows_warsaw_time_and_store() -> None:
    message = templates.render(templates.READY_FOR_PICKUP, facts("pl"))
    assert (
        message.subject == "Zamówienie nr WEB-2025-10417 czeka na odbiór w sklepie Warszawa Centrum"
    )
    assert "Kod odbioru: K7Q2M9" in message.body
    # 17:00 UTC in March is 18:00 in Warsaw; "do" takes the genitive weekday.
    assert "do środy, 12 marca 2025 r., godz. 18:00." in message.body
    assert "Warszawa Centrum (ul. Marszałkowska 104/122, Warszawa)" in message.body


def test_summer_time_and_english_dates() -> None:
    summer = templates.format_local_datetime(
        datetime(2025, 7, 4, 16, 30, tzinfo=UTC), "Europe/Warsaw", "pl", long=True
    )
    assert summer == "piątku, 4 lipca 2025 r., godz. 18:30"
    english = templates.render(templates.READY_FOR_PICKUP, facts("en"))
    assert english.subject == "Your order WEB-2025-10417 is ready for pickup at Warszawa Centrum"
    assert "until Wednesday 12 March 2025, 18:00." in english.body


def test_refund_amounts_per_tender_use_domain_money_format() -> None:
    pl = templates.render(templates.REFUND_ISSUED, facts("pl", **FULL_CONTEXT)).body
    assert f"– karta płatnicza: 1{NBSP}234,50{NBSP}zł" in pl
    assert f"– punkty lojalnościowe: 200 punktów (10,00{NBSP}zł)" in pl
    assert f"Razem: 1{NBSP}244,50{NBSP}zł" in pl
    assert "lojalnościowego: 22 punkty." in pl
    en = templates.render(templates.REFUND_ISSUED, facts("en", **FULL_CONTEXT)).body
    assert "– payment card: PLN 1,234.50" in en
    assert "Total: PLN 1,244.50" in en


def test_refunds_may_be_domain_objects() -> None:
    @dataclass
    class Refund:
        tender: str
        amount: Money
        points: int = 0
        reference: str | None = None
        status: str = "pending"

    context = {"refunds": [Refund("store_credit", Money.of("59.90"), reference="exchange")]}
    body = templates.render(templates.REFUND_ISSUED, facts("pl", **context)).body
    assert f"– wymiana towaru: 59,90{NBSP}zł — w realizacji" in body


@pytest.mark.parametrize("locale", ["pl", "en"])
@pytest.mark.parametrize("template", sorted(templates.TEMPLATES))
def test_every_template_renders_in_both_languages(template: str, locale: str) -> None:
    message = templates.render(template, facts(locale, **FULL_CONTEXT))
    assert message.subject and "{" not in message.subject and "\n" not in message.subject
    assert message.body.endswith("\n") and "{" not in message.body
    greeting = "Dzień dobry," if locale == "pl" else "Hello,"
    assert message.body.startswith(greeting)


def test_missing_facts_and_unknown_templates_are_errors() -> None:
    with pytest.raises(templates.TemplateError):
        templates.render("birthday", facts("pl"))
    with pytest.raises(templates.TemplateError):
        templates.render(templates.REFUND_ISSUED, facts("pl"))  # no refunds
    with pytest.raises(templates.TemplateError):
        templates.render(templates.SHORT_PICK, facts("pl", refunds=REFUNDS))  # no missing lines


def test_polish_plural_and_locale_normalisation() -> None:
    forms = [
        templates.polish_plural(n, "punkt", "punkty", "punktów") for n in (1, 2, 5, 12, 22, 25)
    ]
    assert forms == ["punkt", "punkty", "punktów", "punktów", "punkty", "punktów"]
    assert templates.normalise_locale("en-GB") == "en"
    assert templates.normalise_locale("de") == "pl"
    assert templates.normalise_locale(None) == "pl"


def test_retry_delay_doubles_from_30_seconds_up_to_an_hour() -> None:
    rng = random.Random(1)
    for attempts, base in [(1, 30), (2, 60), (3, 120), (4, 240), (7, 1920), (8, 3600), (20, 3600)]:
        delay = retry_delay(attempts, rng).total_seconds()
        assert base * 0.9 <= delay <= min(base * 1.1, 3600)


# --- the outbox on SQLite and PostgreSQL ---------------------------------------------------


def test_enqueue_renders_in_customer_locale_in_the_callers_transaction(
    factory: sessionmaker[Session],
) -> None:
    with factory() as session, session.begin():
        add_store(session)
        english = add_customer(session, "C-2", locale="en")
        order = add_order(session, customer_id="C-2")
        note = enqueue_notification(
            session,
            template=templates.READY_FOR_PICKUP,
            customer=english,
            order=order,
            now=NOW,
            context={},
        )
        assert note is not None
    stored = load(factory, note.id)
    assert (stored.status, stored.attempts, stored.locale) == ("pending", 0, "en")
    assert stored.to_address == "c-2@example.pl" and utc(stored.next_attempt_at) == NOW
    assert stored.subject.startswith("Your order")

    # A rolled-back cause leaves no message behind.
    with pytest.raises(RuntimeError), factory() as session, session.begin():
        cust = session.get(Customer, "C-2")
        enqueue_notification(
            session, template="collected", customer=cust, order=order, now=NOW, context={}
        )
        raise RuntimeError("the use case failed")
    with factory() as session:
        assert session.scalars(select(Notification.template)).all() == ["ready_for_pickup"]


def test_nobody_to_write_to_queues_nothing(factory: sessionmaker[Session]) -> None:
    with factory() as session, session.begin():
        add_store(session)
        silent = add_customer(session, "C-3", email_address="")
        order = add_order(session, customer_id="C-3")
        for customer in (None, silent):
            assert (
                enqueue_notification(
                    session,
                    template=templates.READY_FOR_PICKUP,
                    customer=customer,
                    order=order,
                    now=NOW,
                    context={},
                )
                is None
            )
        # An explicit address wins over a missing e-mail.
        assert enqueue_notification(
            session,
            template=templates.READY_FOR_PICKUP,
            customer=silent,
            order=order,
            now=NOW,
            context={},
            to_address="odbior@example.pl",
        )


def test_ready_for_pickup_arrives_over_smtp_in_polish(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    nid = queue_ready(factory)
    sender = make_sender(factory, clock, smtp_server.port)
    assert sender.send_due() == 1

    [message] = smtp_server.mailbox.wait_for(1)
    assert smtp_server.mailbox.recipients == [["c-1@example.pl"]]
    assert message["Subject"] == (
        "Zamówienie nr WEB-2025-10417 czeka na odbiór w sklepie Warszawa Centrum"
    )
    assert message["Message-ID"] == f"<{nid}@clerk.notifications>"
    body = message.get_content()
    assert "Kod odbioru: K7Q2M9" in body
    assert "do środy, 12 marca 2025 r., godz. 18:00" in body
    assert "CLK1.P.eyJvIjoiTy0xIn0.c2ln" in body
    stored = load(factory, nid)
    assert (stored.status, utc(stored.sent_at), stored.attempts) == ("sent", NOW, 0)
    assert sender.send_due() == 0  # sent once, never again


def test_smtp_down_is_retried_with_backoff_then_delivered(
    factory: sessionmaker[Session], clock: FixedClock, smtp_down: SmtpServer
) -> None:
    nid = queue_ready(factory)
    sender = make_sender(factory, clock, smtp_down.port)

    assert sender.send_due() == 0
    first = load(factory, nid)
    assert (first.status, first.attempts) == ("pending", 1)
    assert first.last_error and "Connection" in first.last_error
    assert timedelta(seconds=27) <= utc(first.next_attempt_at) - NOW <= timedelta(seconds=33)

    clock.advance(timedelta(seconds=20))  # not due yet: no attempt is made
    assert sender.send_due() == 0
    assert load(factory, nid).attempts == 1

    clock.set(utc(first.next_attempt_at))
    assert sender.send_due() == 0
    second = load(factory, nid)
    assert second.attempts == 2
    assert (
        timedelta(seconds=54) <= utc(second.next_attempt_at) - clock.now() <= timedelta(seconds=66)
    )

    smtp_down.start()  # the server comes back
    clock.set(utc(second.next_attempt_at))
    assert sender.send_due() == 1
    [message] = smtp_down.mailbox.wait_for(1)
    assert "K7Q2M9" in message.get_content()
    done = load(factory, nid)
    assert (done.status, done.attempts, utc(done.sent_at)) == ("sent", 2, clock.now())


def test_gives_up_after_eight_failures(
    factory: sessionmaker[Session], clock: FixedClock, smtp_down: SmtpServer
) -> None:
    nid = queue_ready(factory)
    sender = make_sender(factory, clock, smtp_down.port)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert sender.send_due() == 0
        note = load(factory, nid)
        assert note.attempts == attempt
        assert note.status == ("failed" if attempt == MAX_ATTEMPTS else "pending")
        clock.advance(timedelta(hours=2))
    assert note.last_error and "Connection" in note.last_error
    smtp_down.start()
    assert sender.send_due() == 0  # a failed message stays failed
    assert smtp_down.mailbox.messages == []


def test_webhook_gets_the_json(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    nid = queue_ready(factory)
    with Webhook() as hook:
        sender = make_sender(factory, clock, smtp_server.port, webhook_url=hook.url)
        assert sender.send_due() == 1
    [(headers, payload)] = hook.received
    assert headers["Idempotency-Key"] == nid
    assert headers["Content-Type"] == "application/json"
    assert payload["id"] == nid and payload["template"] == "ready_for_pickup"
    assert payload["locale"] == "pl" and payload["to"] == "c-1@example.pl"
    assert payload["customer_id"] == "C-1" and payload["order_id"] == "O-1"
    assert payload["subject"].startswith("Zamówienie nr WEB-2025-10417 czeka na odbiór")
    assert "K7Q2M9" in payload["body"]
    assert datetime.fromisoformat(payload["created_at"]) == NOW


def test_a_failing_webhook_is_retried_without_mailing_the_customer_twice(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    nid = queue_ready(factory)
    with Webhook() as hook:
        hook.statuses = [503]
        sender = make_sender(factory, clock, smtp_server.port, webhook_url=hook.url)
        assert sender.send_due() == 0
        half = load(factory, nid)
        assert (half.status, half.attempts, utc(half.sent_at)) == ("pending", 1, NOW)
        assert half.last_error and "503" in half.last_error
        clock.advance(timedelta(minutes=5))
        assert sender.send_due() == 1
    assert len(hook.received) == 2
    assert len(smtp_server.mailbox.wait_for(1)) == 1
    assert load(factory, nid).status == "sent"


def test_a_claimed_message_is_not_sent_by_another_sender_until_its_claim_lapses(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    nid = queue_ready(factory)
    crashed = make_sender(factory, clock, smtp_server.port)
    assert [item.id for item in crashed._claim(10)] == [nid]  # then the process dies
    other = make_sender(factory, clock, smtp_server.port)
    assert other.send_due() == 0
    clock.advance(crashed.claim_lease)
    assert other.send_due() == 1
    assert len(smtp_server.mailbox.wait_for(1)) == 1


def test_concurrent_senders_send_each_message_once(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    with factory() as session, session.begin():
        add_store(session)
        for n in range(12):
            customer = add_customer(session, f"C-{n:02d}")
            order = add_order(session, f"O-{n:02d}", customer_id=customer.id)
            order.number = f"WEB-{n:02d}"
            enqueue_notification(
                session,
                template=templates.READY_FOR_PICKUP,
                customer=customer,
                order=order,
                now=NOW,
                context={},
            )
    senders = [make_sender(factory, clock, smtp_server.port) for _ in range(3)]
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda s=s: results.append(s.send_due(limit=5))) for s in senders
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    while sum(results) < 12:
        delivered = senders[0].send_due()
        assert delivered
        results.append(delivered)
    messages = smtp_server.mailbox.wait_for(12)
    assert sorted(r[0] for r in smtp_server.mailbox.recipients) == sorted(
        f"c-{n:02d}@example.pl" for n in range(12)
    )
    assert len(messages) == 12
    with factory() as session:
        assert set(session.scalars(select(Notification.status))) == {"sent"}


# --- hold reminders and the worker ---------------------------------------------------------


def test_hold_reminder_is_queued_exactly_once(
    factory: sessionmaker[Session], clock: FixedClock
) -> None:
    with factory() as session, session.begin():
        ensure_signing_key(session, NOW)
        add_store(session)
        add_customer(session, "C-1")
        add_order(session, "O-1", hold_until=NOW + timedelta(days=1, hours=8))  # due
        add_order(session, "O-2", hold_until=NOW + timedelta(days=5))  # later
        add_order(session, "O-3", status="collected", hold_until=NOW + timedelta(hours=5))
        add_order(session, "O-4", customer_id=None, hold_until=NOW + timedelta(days=1))

    for expected in (1, 0):
        with factory() as session, session.begin():
            assert queue_hold_reminders(session, clock.now()) == expected
    with factory() as session:
        [note] = session.scalars(select(Notification)).all()
        assert (note.template, note.order_id) == ("hold_expiring", "O-1")
        assert (
            note.subject
            == "Przypomnienie: odbierz zamówienie nr WEB-2025-10417 do 11.03.2025, godz. 18:00"
        )
        # The reminder carries the signed pickup code for the QR, verifiable with central's key.
        token = note.body.split("odbiorze: ")[1].split()[0]
        public = {k: load_public_key(v) for k, v in public_signing_keys(session).items()}
        verified = verify_token(token, public, NOW)
        assert (verified.order_id, verified.pickup_code) == ("O-1", "K7Q2M9")
        reminded = {
            o.id: o.reminder_sent_at and utc(o.reminder_sent_at)
            for o in session.scalars(select(Order))
        }
        # The guest order has nobody to write to but is marked, so it is not looked at again.
        assert reminded == {"O-1": NOW, "O-2": None, "O-3": None, "O-4": NOW}

    clock.advance(timedelta(days=3, hours=12))  # O-2 now ends within two days
    with factory() as session, session.begin():
        assert queue_hold_reminders(session, clock.now()) == 1
    with factory() as session:
        assert sorted(session.scalars(select(Notification.order_id))) == ["O-1", "O-2"]


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_worker_sends_reminders_and_messages_then_stops_cleanly(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    queue_ready(factory)
    with factory() as session, session.begin():
        add_order(session, "O-2", hold_until=NOW + timedelta(days=1))
    worker = NotificationWorker(make_sender(factory, clock, smtp_server.port), interval_s=30)
    worker.start()
    try:
        assert worker.running
        messages = smtp_server.mailbox.wait_for(2)
        subjects = sorted(str(m["Subject"]) for m in messages)
        assert len(subjects) == 2 and subjects[0].startswith("Przypomnienie: odbierz")

        # A message queued later goes out on wake(), long before the 30 s tick.
        with factory() as session, session.begin():
            customer = session.get(Customer, "C-1")
            order = session.get(Order, "O-1")
            enqueue_notification(
                session,
                template=templates.REFUND_ISSUED,
                customer=customer,
                order=order,
                now=clock.now(),
                context={"refunds": REFUNDS},
            )
        worker.wake()
        assert len(smtp_server.mailbox.wait_for(3, timeout=5)) == 3
    finally:
        started = time.monotonic()
        worker.stop()
    assert time.monotonic() - started < 5
    assert not worker.running
    assert not any(t.name == "clerk-notifications" for t in threading.enumerate())
    with factory() as session:
        assert set(session.scalars(select(Notification.status))) == {"sent"}


def test_a_worker_round_expires_overdue_reservations_and_tells_the_customer(
    factory: sessionmaker[Session], clock: FixedClock, smtp_server: SmtpServer
) -> None:
    with factory() as session, session.begin():
        add_store(session)
        customer = add_customer(session, "C-1")
        make_product(session, "JEANS-32", "249.00", name="Jeansy slim 32")
        set_stock(session, "WAW-01", "JEANS-32", 5)
        overdue = make_reservation(
            session, customer, "WAW-01", [("JEANS-32", 2)], created_at=NOW - timedelta(hours=49)
        ).id
        current = make_reservation(
            session, customer, "WAW-01", [("JEANS-32", 1)], created_at=NOW - timedelta(hours=47)
        ).id
    worker = NotificationWorker(make_sender(factory, clock, smtp_server.port))
    assert worker.run_once() == 1  # the expiry message, queued and sent in the same round

    [message] = smtp_server.mailbox.wait_for(1)
    assert smtp_server.mailbox.recipients == [["c-1@example.pl"]]
    assert message["Subject"] == "Rezerwacja w sklepie Warszawa Centrum została anulowana"
    body = message.get_content()
    assert f"Twoja rezerwacja nr {overdue} w sklepie Warszawa Centrum" in body
    assert "Minął termin, do którego trzymaliśmy dla Ciebie te produkty." in body
    assert "– Jeansy slim 32 (2 szt.)" in body
    with factory() as session:
        statuses = {r.id: r.status for r in session.scalars(select(Reservation))}
        assert statuses == {overdue: "expired", current: "active"}
        inventory = session.get(Inventory, ("WAW-01", "JEANS-32"))
        assert inventory is not None and (inventory.on_hand, inventory.held) == (5, 1)

    assert worker.run_once() == 0  # nothing expires twice
    clock.advance(timedelta(hours=1))  # the other hold has now ended too
    assert worker.run_once() == 1
    with factory() as session:
        assert set(session.scalars(select(Reservation.status))) == {"expired"}
        assert session.scalars(select(Notification.template)).all() == [
            "reservation_cancelled",
            "reservation_cancelled",
        ]


def test_a_failing_reservation_sweep_does_not_stop_the_round(
    factory: sessionmaker[Session],
    clock: FixedClock,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nid = queue_ready(factory)

    def broken(session: Session, now: datetime) -> int:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(reservations, "expire_overdue_reservations", broken)
    worker = NotificationWorker(make_sender(factory, clock, smtp_server.port))
    with caplog.at_level(logging.ERROR, logger="clerk.central.notifications"):
        assert worker.run_once() == 1  # the queued message still goes out
    assert "expiring overdue reservations failed" in caplog.text
    assert load(factory, nid).status == "sent"


def test_short_pick_says_whether_anything_is_left_to_collect() -> None:
    context = {"lines": LINES, "refunds": REFUNDS}
    partly = templates.render(templates.SHORT_PICK, facts("pl", **context)).body
    assert "Pozostałe produkty czekają na odbiór" in partly
    whole = templates.MessageFacts(
        locale="pl", order_number="WEB-1", nothing_left=True, context=context
    )
    body = templates.render(templates.SHORT_PICK, whole).body
    assert "Żaden produkt z tego zamówienia nie czeka więc na odbiór." in body
    assert "– Sukienka midi w kwiaty, rozm. 38 (1 szt.)" in body
