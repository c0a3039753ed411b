"""``clerk demo``: the whole brand on this machine, on its embedded default.

It starts the reference central service in-process on a free loopback port with the demo
database in the user data folder (created and seeded on first run, reused after), and prints
what a tester needs at the counter: the demo staff with their PINs, an enrollment code for a
tablet, and freshly signed loyalty and pickup codes of real demo customers and orders.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import make_engine
from clerk.central.embedded import DEMO_STORE, embedded_central, prepare_demo_database
from clerk.central.enrollment import create_enrollment_code
from clerk.central.keys import active_signing_key
from clerk.central.seed import DEMO_STAFF
from clerk.domain.tokens import loyalty_token, pickup_token

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
            key_id, private = active_signing_key(session)
            gold = session.scalars(
                select(m.Customer)
                .join(m.StoreCustomer, m.StoreCustomer.customer_id == m.Customer.id)
                .where(m.StoreCustomer.store_id == DEMO_STORE, m.Customer.tier == "gold")
                .order_by(m.Customer.id)
                .limit(1)
            ).first()
            ready = session.scalars(
                select(m.Order)
                .where(m.Order.pickup_store_id == DEMO_STORE, m.Order.status == "ready")
                .order_by(m.Order.hold_until.desc())
                .limit(1)
            ).first()
            lines = [
                f"Clerk demo — {store.name} ({store.id}), central service at {central_url}",
                "",
                "Staff and PINs:",
            ]
            for staff in DEMO_STAFF:
                if DEMO_STORE in staff.store_ids and staff.active:
                    lines.append(f"  {staff.name:<24} {staff.role:<8} PIN {staff.pin}")
            lines += ["", f"Enrollment code for a tablet (15 minutes, single use): {code}"]
            if gold is not None:
                token = loyalty_token(gold.id, private, key_id, now)
                lines += [
                    "",
                    f"Loyalty QR of {gold.first_name} {gold.last_name} (Gold, valid 5 minutes):",
                    f"  {token}",
                    f"Printed loyalty card: {gold.card_number}",
                ]
            if ready is not None and ready.pickup_code is not None:
                token = pickup_token(ready.id, DEMO_STORE, ready.pickup_code, private, key_id, now)
                lines += [
                    "",
                    f"Pickup QR of order {ready.number} (ready on the shelf):",
                    f"  {token}",
                ]
            lines += [
                "",
                "The desktop screens are not part of this build yet; the central API above is",
                f"live (OpenAPI at {central_url}/docs). Press Ctrl+C to stop.",
            ]
            return "\n".join(lines)
    finally:
        engine.dispose()


def run_demo(data_dir: Path | None = None, *, once: bool = False) -> int:
    """Run the embedded demo until interrupted (``once``: start, print, stop)."""
    folder = (data_dir or default_data_dir()) / "demo"
    first_run = not (folder / "central.db").exists()
    if first_run:
        print(f"Creating the demo database in {folder} (first run, about a minute)…", flush=True)
    db_url, _seeded = prepare_demo_database(folder / "central.db")
    with embedded_central(db_url) as central_url:
        print(demo_sheet(db_url, central_url, datetime.now(UTC)), flush=True)
        if once:
            return 0
        stop = threading.Event()
        try:
            while not stop.wait(1.0):
                pass
        except KeyboardInterrupt:
            print("\nStopping the demo.")
    return 0
