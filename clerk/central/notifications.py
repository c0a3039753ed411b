"""Customer notifications: an outbox in the central database, sent by e-mail and a webhook.

A use case queues a message with :func:`enqueue_notification` in the same transaction as its
cause (an order marked ready, a refund), so a message exists exactly when the cause committed.
The text is rendered at that moment in the customer's language and stored, so what is sent
later is what was true then.  :class:`NotificationSender` delivers due messages by SMTP and,
when configured, POSTs them as JSON to a webhook; failures are retried with exponential
backoff and given up after :data:`MAX_ATTEMPTS`.  :class:`NotificationWorker` runs the sender,
the hold-reminder sweep and the expiry of overdue reservations on a background thread.

Statuses: ``pending`` (waiting for its ``next_attempt_at``), ``sending`` (claimed by a sender;
``next_attempt_at`` is then the end of the claim, after which a crashed sender's claim may be
taken over), ``sent``, ``failed``.  ``sent_at`` is set when the e-mail went out — if the
webhook then fails, the retry posts the webhook only and never e-mails the customer twice.
"""

from __future__ import annotations

import logging
import random
import smtplib
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import requests
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from clerk.central import keys
from clerk.central import notification_templates as templates
from clerk.central.clock import Clock
from clerk.central.models import Customer, Notification, Order, Store
from clerk.domain.holds import PickupHoldPolicy
from clerk.domain.tokens import pickup_token

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)
JITTER = 0.1  # ±10 % so that many failed messages do not all come back in the same second
_JITTER_RNG = random.Random()


def enqueue_notification(
    session: Session,
    *,
    template: str,
    customer: Customer | None,
    order: Order | None,
    now: datetime,
    context: Mapping[str, Any],
    to_address: str | None = None,
) -> Notification | None:
    """Queue a message to ``customer`` about ``order``; it is sent after the transaction commits.

    The subject and body are rendered now, in the customer's ``preferred_locale`` (Polish by
    default).  Returns ``None`` — and queues nothing — when there is nobody to write to: no
    customer, or no e-mail address.  Raises ``TemplateError`` for an unknown template or
    missing facts (a programming error: the cause's transaction should roll back).
    """
    if customer is None:
        return None
    address = (to_address or customer.email or "").strip()
    if not address:
        return None
    store_id = context.get("store_id") or (
        (order.pickup_store_id or order.store_id) if order is not None else None
    )
    store = session.get(Store, store_id) if store_id else None
    locale = templates.normalise_locale(customer.preferred_locale)
    facts = templates.MessageFacts(
        locale=locale,
        store=_store_facts(store),
        order_number=order.number if order is not None else None,
        pickup_code=order.pickup_code if order is not None else None,
        hold_until=order.hold_until if order is not None else None,
        collected_at=(order.collected_at if order is not None else None) or now,
        nothing_left=_nothing_left(order),
        context=context,
    )
    message = templates.render(template, facts)
    notification = Notification(
        id=str(uuid.uuid4()),
        customer_id=customer.id,
        order_id=order.id if order is not None else None,
        template=template,
        channel="email",
        locale=locale,
        to_address=address,
        subject=message.subject,
        body=message.body,
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(notification)
    return notification


def _nothing_left(order: Order | None) -> bool:
    """Whether every line of the order was short-picked (nothing waits to be collected)."""
    if order is None or not order.lines:
        return False
    return all(line.short_qty >= line.qty for line in order.lines)


def _store_facts(store: Store | None) -> templates.StoreFacts | None:
    if store is None:
        return None
    return templates.StoreFacts(
        name=store.name, address=store.address or "", city=store.city, timezone=store.timezone
    )


def queue_hold_reminders(
    session: Session, now: datetime, policy: PickupHoldPolicy | None = None
) -> int:
    """Queue ``hold_expiring`` for ready orders whose hold ends soon; returns how many were queued.

    Each order is reminded at most once: ``reminder_sent_at`` is set with a compare-and-set
    update, so two central processes sweeping at once cannot both queue it.  The order's
    ``version`` is not bumped — the reminder is not part of the order devices cache.
    """
    policy = policy or PickupHoldPolicy()
    horizon = now + timedelta(days=policy.reminder_days_before)
    candidates = session.scalars(
        select(Order).where(
            Order.status == "ready",
            Order.reminder_sent_at.is_(None),
            Order.hold_until.is_not(None),
            Order.hold_until <= horizon,
        )
    ).all()
    queued = 0
    for order in candidates:
        assert order.hold_until is not None
        if not policy.reminder_due(templates.as_utc(order.hold_until), now):
            continue
        claimed = session.execute(
            update(Order)
            .where(Order.id == order.id, Order.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now)
            .execution_options(synchronize_session=False)
        )
        if getattr(claimed, "rowcount", 0) != 1:
            continue
        order.reminder_sent_at = now
        customer = session.get(Customer, order.customer_id) if order.customer_id else None
        if enqueue_notification(
            session,
            template=templates.HOLD_EXPIRING,
            customer=customer,
            order=order,
            now=now,
            context=_pickup_token_context(session, order, now),
        ):
            queued += 1
    return queued


def _pickup_token_context(session: Session, order: Order, now: datetime) -> dict[str, Any]:
    """The signed pickup code for the reminder's QR, when central has a signing key."""
    if not order.pickup_store_id or not order.pickup_code:
        return {}
    try:
        key_id, private_key = keys.active_signing_key(session)
    except keys.NoSigningKey:
        return {}
    token = pickup_token(
        order.id, order.pickup_store_id, order.pickup_code, private_key, key_id, now
    )
    return {"pickup_token": token}


def retry_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """How long to wait after the ``attempts``-th failure.

    30 s, 1 min, 2 min … doubling up to 1 h, each with ±10 % jitter (never beyond the hour).
    """
    base = min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 16)), MAX_RETRY)
    factor = 1.0 + (rng if rng is not None else _JITTER_RNG).uniform(-JITTER, JITTER)
    return min(base * factor, MAX_RETRY)


@dataclass(frozen=True)
class _Claimed:
    """A claimed message, detached from the session that claimed it."""

    id: str
    template: str
    locale: str
    customer_id: str | None
    order_id: str | None
    to_address: str
    subject: str
    body: str
    created_at: datetime
    attempts: int
    email_sent: bool


class NotificationSender:
    """Delivers due notifications by SMTP and, if configured, to a webhook.

    Without an SMTP host nothing is sent: messages wait in the outbox until a sender that has
    one runs (the housekeeping of the worker still runs).
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        smtp_host: str | None,
        smtp_port: int,
        mail_from: str,
        webhook_url: str | None = None,
        clock: Clock,
        timeout: float = 10,
        rng: random.Random | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.smtp_host = smtp_host
        self.smtp_port = smtp_port
        self.mail_from = mail_from
        self.webhook_url = webhook_url
        self.clock = clock
        self.timeout = timeout
        self._rng = rng or random.Random()
        # A claim outlives any single delivery attempt (SMTP + webhook, each with a timeout).
        self.claim_lease = timedelta(seconds=max(120.0, 4 * timeout))

    def send_due(self, limit: int = 50) -> int:
        """Send up to ``limit`` messages whose time has come; returns how many were delivered."""
        if self.smtp_host is None:
            return 0
        claimed = self._claim(limit)
        if not claimed:
            return 0
        delivered = 0
        with _SmtpConnection(self.smtp_host, self.smtp_port, self.timeout) as smtp:
            for item in claimed:
                email_sent, error = item.email_sent, None
                try:
                    if not email_sent:
                        smtp.send(self._email(item))
                        email_sent = True
                    if self.webhook_url:
                        self._post_webhook(item)
                except (OSError, smtplib.SMTPException, requests.RequestException) as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    log.warning("notification %s not delivered: %s", item.id, error)
                self._record(item, email_sent=email_sent, error=error)
                delivered += error is None
        return delivered

    def _claim(self, limit: int) -> list[_Claimed]:
        """Take due messages for this sender, in a short transaction of their own."""
        now = self.clock.now()
        with self.session_factory() as session, session.begin():
            query = (
                select(Notification)
                .where(Notification.status.in_((PENDING, SENDING)))
                .where(Notification.next_attempt_at <= now)
                .order_by(Notification.next_attempt_at, Notification.created_at)
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = session.scalars(query).all()
            claimed: list[_Claimed] = []
            for row in rows:
                # Compare-and-set: whoever moves next_attempt_at first owns the message
                # (that alone is enough on SQLite, where there is one writer at a time).
                result = session.execute(
                    update(Notification)
                    .where(
                        Notification.id == row.id,
                        Notification.status.in_((PENDING, SENDING)),
                        Notification.next_attempt_at <= now,
                    )
                    .values(status=SENDING, next_attempt_at=now + self.claim_lease)
                    .execution_options(synchronize_session=False)
                )
                if getattr(result, "rowcount", 0) == 1:
                    claimed.append(
                        _Claimed(
                            id=row.id,
                            template=row.template,
                            locale=row.locale,
                            customer_id=row.customer_id,
                            order_id=row.order_id,
                            to_address=row.to_address,
                            subject=row.subject,
                            body=row.body,
                            created_at=row.created_at,
                            attempts=row.attempts,
                            email_sent=row.sent_at is not None,
                        )
                    )
            return claimed

    def _record(self, item: _Claimed, *, email_sent: bool, error: str | None) -> None:
        now = self.clock.now()
        with self.session_factory() as session, session.begin():
            row = session.get(Notification, item.id, with_for_update=True)
            if row is None:
                return
            if email_sent and row.sent_at is None:
                row.sent_at = now
            if error is None:
                row.status, row.last_error = SENT, None
                return
            row.attempts = item.attempts + 1
            row.last_error = error[:2000]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = FAILED
            else:
                row.status = PENDING
                row.next_attempt_at = now + retry_delay(row.attempts, self._rng)

    def _email(self, item: _Claimed) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.mail_from
        message["To"] = item.to_address
        message["Subject"] = item.subject
        message["Date"] = format_datetime(self.clock.now())
        # A stable Message-ID lets a mail system drop a duplicate after a lost 250 reply.
        message["Message-ID"] = f"<{item.id}@clerk.notifications>"
        message["Content-Language"] = item.locale
        message.set_content(item.body, charset="utf-8", cte="quoted-printable")
        return message

    def _post_webhook(self, item: _Claimed) -> None:
        assert self.webhook_url is not None
        response = requests.post(
            self.webhook_url,
            json=webhook_payload(item),
            headers={"Idempotency-Key": item.id},
            timeout=self.timeout,
        )
        response.raise_for_status()


def webhook_payload(item: _Claimed | Notification) -> dict[str, Any]:
    """The JSON a webhook receives; ``id`` is stable across retries (receivers de-duplicate)."""
    return {
        "id": item.id,
        "template": item.template,
        "locale": item.locale,
        "customer_id": item.customer_id,
        "order_id": item.order_id,
        "channel": "email",
        "to": item.to_address,
        "subject": item.subject,
        "body": item.body,
        "created_at": templates.as_utc(item.created_at).isoformat(),
    }


class _SmtpConnection:
    """One SMTP connection per batch, opened on first use and reopened after an error."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> _SmtpConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            self._smtp.send_message(message)
        except Exception:
            self._close()
            raise

    def _close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


class NotificationWorker:
    """A daemon thread that runs the hold reminders, reservation expiry and sending on a timer."""

    def __init__(
        self,
        sender: NotificationSender,
        interval_s: float = 2.0,
        *,
        hold_policy: PickupHoldPolicy | None = None,
    ) -> None:
        self.sender = sender
        self.interval_s = interval_s
        self.hold_policy = hold_policy or PickupHoldPolicy()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether the worker thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread (a second call while running does nothing)."""
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="clerk-notifications", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Ask the thread to finish its current round and wait for it."""
        self._stopping.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def wake(self) -> None:
        """Run a round now instead of at the next tick (e.g. right after a commit)."""
        self._wake.set()

    def run_once(self) -> int:
        """One round: reminders, reservation expiry, then send until nothing is due; returns sent.

        The reservation sweep runs in its own transaction; if it fails the error is logged
        and the round goes on (the next round tries again).
        """
        sender = self.sender
        with sender.session_factory() as session, session.begin():
            queue_hold_reminders(session, sender.clock.now(), self.hold_policy)
        self._expire_reservations()
        sent, batch = 0, 50
        while not self._stopping.is_set():
            delivered = sender.send_due(batch)
            sent += delivered
            if delivered < batch:
                break
        return sent

    def _expire_reservations(self) -> None:
        # Imported here: the use cases import this module to queue their messages.
        from clerk.central.ops.reservations import expire_overdue_reservations

        sender = self.sender
        try:
            with sender.session_factory() as session, session.begin():
                expired = expire_overdue_reservations(session, sender.clock.now())
        except Exception:
            log.exception("expiring overdue reservations failed")
            return
        if expired:
            log.info("expired %d overdue reservation(s)", expired)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:
                # A database hiccup must not kill the worker; the next round tries again.
                log.exception("notification round failed")
            self._wake.wait(self.interval_s)
            self._wake.clear()
