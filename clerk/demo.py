"""``clerk demo``: the whole brand on this machine, on its embedded default.

It starts the reference central service in-process on a free loopback port with the demo
database in the user data folder (created and seeded on first run, reused after), and prints
what a tester needs at the counter: the demo staff with their PINs, an enrollment code for a
tablet, and freshly signed loyalty and pickup codes of real demo customers and orders.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import make_engine
from clerk.central.embedded import DEMO_STORE, embedded_central, prepare_demo_database
from clerk.central.enrollment import create_enrollment_code
from clerk.central.keys import active_signing_key
from clerk.central.seed import DEMO_STAFF
from clerk.domain.tokens import loyalty_token, pickup_token, receipt_token

log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    """The user data folder of Clerk (per OS conventions)."""
    return user_data_path("clerk", appauthor=False)


def demo_sheet(db_url: str, central_url: str, now: datetime) -> str:
    """What the demo prints: staff and PINs, an enrollment code and scannable codes."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            store = session.get(m.Store, DEMO_STORE)
            assert store is not None, "the demo database has no demo store"
            code = create_enrollment_code(session, DEMO_STORE, now)
            cards = _signed_cards(session, now, customers=1, pickups=1)
            lines = [
                f"Clerk demo — {store.name} ({store.id}), central service at {central_url}",
                "",
                "Staff and PINs:",
            ]
            for staff in DEMO_STAFF:
                if DEMO_STORE in staff.store_ids and staff.active:
                    lines.append(f"  {staff.name:<24} {staff.role:<8} PIN {staff.pin}")
            lines += ["", f"Enrollment code for a tablet (15 minutes, single use): {code}"]
            for card in cards:
                if card.kind == "loyalty":
                    tier = (card.tier or "").capitalize()
                    lines += [
                        "",
                        f"Loyalty QR of {card.title} ({tier}, valid 5 minutes):",
                        f"  {card.payload}",
                    ]
                elif card.kind == "card":
                    lines.append(f"Printed loyalty card: {card.payload}")
                elif card.kind == "pickup":
                    lines += [
                        "",
                        f"Pickup QR of order {card.title} (ready on the shelf):",
                        f"  {card.payload}",
                    ]
            lines += [
                "",
                f"The central API is live while the app runs (OpenAPI at {central_url}/docs);",
                "closing the app window stops the demo.",
            ]
            return "\n".join(lines)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class DemoCard:
    """A scannable code of a real demo customer, order or product, for the Demo cards window.

    ``kind``: ``loyalty`` (the app's rotating QR), ``card`` (a printed loyalty card's EAN-13),
    ``pickup`` (a ready order's pickup QR), ``receipt`` (a receipt QR), ``product`` (a label's
    EAN-13).
    """

    kind: str
    title: str
    payload: str
    detail: str = ""  # a card number, a size and colour — not words to translate
    tier: str | None = None
    points: int | None = None
    channel: str | None = None


def demo_pins() -> dict[str, str]:
    """The demo store's staff id → PIN (public on purpose: the sign-in screen shows them)."""
    return {s.id: s.pin for s in DEMO_STAFF if DEMO_STORE in s.store_ids and s.active}


def demo_cards(db_url: str, now: datetime, *, customers: int = 3) -> list[DemoCard]:
    """Freshly signed codes of real demo customers and orders of the demo store."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return _signed_cards(session, now, customers=customers, pickups=2)
    finally:
        engine.dispose()


def _signed_cards(
    session: Session, now: datetime, *, customers: int, pickups: int
) -> list[DemoCard]:
    """Loyalty codes of the store's best customers (Gold first), the first one's printed
    card, ready pickups, a receipt and a product label."""
    key_id, private = active_signing_key(session)
    cards: list[DemoCard] = []
    people = session.scalars(
        select(m.Customer)
        .join(m.StoreCustomer, m.StoreCustomer.customer_id == m.Customer.id)
        .where(m.StoreCustomer.store_id == DEMO_STORE)
        .order_by(
            case((m.Customer.tier == "gold", 0), (m.Customer.tier == "silver", 1), else_=2),
            m.Customer.points_balance.desc(),
            m.Customer.id,
        )
        .limit(customers)
    ).all()
    for person in people:
        name = f"{person.first_name} {person.last_name}"
        token = loyalty_token(person.id, private, key_id, now)
        cards.append(
            DemoCard("loyalty", name, token, tier=person.tier, points=person.points_balance)
        )
    if people:
        first = people[0]
        name = f"{first.first_name} {first.last_name}"
        cards.append(DemoCard("card", name, first.card_number, detail=first.card_number))
    ready = session.scalars(
        select(m.Order)
        .where(m.Order.pickup_store_id == DEMO_STORE, m.Order.status == "ready")
        .order_by(m.Order.hold_until.desc())
        .limit(pickups)
    ).all()
    for order in ready:
        if order.pickup_code is not None:
            token = pickup_token(order.id, DEMO_STORE, order.pickup_code, private, key_id, now)
            cards.append(DemoCard("pickup", order.number, token, channel=order.channel))
    bought = session.scalars(
        select(m.Order)
        .where(m.Order.store_id == DEMO_STORE, m.Order.status == "completed")
        .order_by(m.Order.created_at.desc())
        .limit(1)
    ).first()
    if bought is not None:
        token = receipt_token(bought.id, DEMO_STORE, "central", private, key_id, now)
        cards.append(DemoCard("receipt", bought.number, token, channel=bought.channel))
    product = session.scalars(select(m.Product).order_by(m.Product.sku).limit(1)).first()
    if product is not None:
        detail = f"{product.size} · {product.colour} · {product.ean}"
        cards.append(DemoCard("product", product.name, product.ean, detail=detail))
    return cards


def _enrollment_code(db_url: str) -> str:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            return create_enrollment_code(session, DEMO_STORE, datetime.now(UTC))
    finally:
        engine.dispose()


def run_demo(data_dir: Path | None = None, *, once: bool = False) -> int:
    """Run the embedded demo: central on loopback and the app on it, until the window closes
    (``once``: start central, print the demo sheet, stop)."""
    folder = (data_dir or default_data_dir()) / "demo"
    first_run = not (folder / "central.db").exists()
    if first_run:
        print(f"Creating the demo database in {folder} (first run, about a minute)…", flush=True)
    db_url, seeded = prepare_demo_database(folder / "central.db")
    tablet_dir = folder / "tablet"
    if seeded and tablet_dir.exists():
        # A tablet enrolled to an earlier demo database: its data and token mean nothing now.
        shutil.rmtree(tablet_dir)
    with embedded_central(db_url) as central_url:
        print(demo_sheet(db_url, central_url, datetime.now(UTC)), flush=True)
        if once:
            return 0
        from clerk.app import DemoHooks, LaunchOptions, run_app
        from clerk.services.credentials import FileVault

        hooks = DemoHooks(
            central_url=central_url,
            enrollment_code=lambda: _enrollment_code(db_url),
            cards=lambda: demo_cards(db_url, datetime.now(UTC)),
            pins=demo_pins(),
        )
        # The demo keeps its tablet's token beside its data, not in the OS keyring.
        vault = FileVault(tablet_dir / "device-secrets.json")
        return run_app(LaunchOptions(data_dir=tablet_dir, demo=hooks, vault=vault))
