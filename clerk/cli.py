"""Console entry points: ``clerk`` (the desktop app) and ``clerk-central`` (the reference service).

``clerk-central`` commands (each takes ``--db URL``, or the ``CLERK_CENTRAL_DB`` variable):

* ``serve``        migrate, then run the API with uvicorn;
* ``migrate``      create or upgrade the schema;
* ``seed --demo``  fill an empty database with the deterministic demo data;
* ``enroll-code``  print a one-time code that enrolls a tablet to a store;
* ``token``        print a signed loyalty, pickup or receipt token (for testing and demos);
* ``keys``         create (``init``) or rotate central's token signing key.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

DB_ENV = "CLERK_CENTRAL_DB"

_EPILOG = """\
examples:
  clerk-central migrate --db sqlite:///central.db
  clerk-central seed --db sqlite:///central.db --demo
  clerk-central serve --db postgresql://clerk@db/clerk --host 0.0.0.0 --port 8080 \\
      --smtp-host mail.example.com --mail-from sklep@example.com
  clerk-central enroll-code --db sqlite:///central.db --store WAW-01
  clerk-central token loyalty --db sqlite:///central.db --customer C0000001
  clerk-central keys rotate --db sqlite:///central.db
"""


def clerk_main(argv: Sequence[str] | None = None) -> int:
    """The ``clerk`` command."""
    parser = argparse.ArgumentParser(
        prog="clerk",
        description="Clerk, the store tablet app of an omnichannel retailer.",
    )
    parser.add_argument("--version", action="version", version=f"clerk {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="run on the embedded default: the central service and demo data on this machine",
        description=(
            "Start the reference central service in-process on a loopback port with the demo "
            "database (created on first run in the user data folder, reused after)."
        ),
    )
    demo.add_argument(
        "--data-dir", dest="demo_dir", type=Path, help="where the demo database lives"
    )
    demo.add_argument("--once", action="store_true", help="start, print the demo sheet, stop")
    parser.add_argument(
        "--data-dir", type=Path, help="where the tablet keeps its data (the user data folder)"
    )
    parser.add_argument(
        "--store-db",
        metavar="URL",
        help="the local database: a PostgreSQL shared by the store's tablets "
        "(default: SQLite in the data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (debug)")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that Qt, the translations, the local database, the keyring and the camera "
        "load here, report each in words and exit (1 if something essential fails)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.self_check:
        from platformdirs import user_data_path

        from clerk.self_check import run_self_check

        data_dir = args.data_dir or user_data_path("clerk", appauthor=False)
        return run_self_check(data_dir, args.store_db)
    if args.command == "demo":
        if not _demo_installed():
            parser.exit(2, f"clerk: {NO_DEMO}\n")
        from clerk.demo import run_demo

        return run_demo(args.demo_dir or args.data_dir, once=args.once)
    from platformdirs import user_data_path

    from clerk.app import LaunchOptions, run_app

    return run_app(
        LaunchOptions(
            data_dir=args.data_dir or user_data_path("clerk", appauthor=False),
            store_url=args.store_db,
            argv=[sys.argv[0]],
        )
    )


# The store tablet's bundle leaves out the reference central service, and the demo with it.
NO_DEMO = (
    "the demo is not part of this installation: a store tablet enrolls with the store's "
    "central service; start clerk and enter its address and an enrollment code"
)


def _demo_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("clerk.demo") is not None and find_spec("clerk.central") is not None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clerk")
    except PackageNotFoundError:
        return "unknown"


def _add_db(parser: argparse.ArgumentParser) -> None:
    default = os.environ.get(DB_ENV)
    parser.add_argument(
        "--db",
        default=default,
        required=default is None,
        metavar="URL",
        help=(
            "database URL: sqlite:///path/central.db or postgresql://user@host/db "
            f"(default: ${DB_ENV})"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``clerk-central`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="clerk-central",
        description=(
            "The reference central service of Clerk: the API the store tablets sync with, "
            "its database schema, demo data, enrollment codes and token keys."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser(
        "serve",
        help="migrate the database, then serve the API",
        description="Bring the schema up to date, then serve the central API with uvicorn.",
    )
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--smtp-host", metavar="HOST", help="SMTP server for customer e-mails (none: queue only)"
    )
    serve.add_argument("--smtp-port", type=int, default=25, metavar="PORT", help="SMTP port (25)")
    serve.add_argument(
        "--mail-from", default="clerk@example.com", metavar="ADDRESS", help="sender address"
    )
    serve.add_argument("--webhook", metavar="URL", help="also POST every notification as JSON here")
    serve.add_argument("--log-level", default="info", help="uvicorn log level (info)")

    migrate = sub.add_parser(
        "migrate", help="create or upgrade the database schema", description="Run the migrations."
    )
    _add_db(migrate)

    seed = sub.add_parser(
        "seed",
        help="fill an empty database with demo data",
        description=(
            "Create the schema if needed and load the deterministic Polish demo data: 5 stores "
            "(WAW-01 is the demo store), staff with fixed PINs, 800 SKUs, 5,000 customers and "
            "40,000 orders per unit of --scale. The same --seed-value gives the same data."
        ),
    )
    _add_db(seed)
    seed.add_argument("--demo", action="store_true", help="load the demo data set (required)")
    seed.add_argument(
        "--scale", type=float, default=1.0, help="size factor: 20 gives 100,000 customers (1)"
    )
    seed.add_argument("--seed-value", type=int, default=None, help="random seed (a fixed default)")
    seed.add_argument("--customers", type=int, help="exact number of customers (overrides scale)")
    seed.add_argument("--orders", type=int, help="exact number of orders (overrides scale)")

    enroll = sub.add_parser(
        "enroll-code",
        help="print a one-time code to enroll a tablet",
        description="Print a one-time enrollment code (valid 15 minutes, single use).",
    )
    _add_db(enroll)
    enroll.add_argument("--store", required=True, metavar="ID", help="store id, e.g. WAW-01")

    token = sub.add_parser(
        "token",
        help="print a signed token (loyalty, pickup, receipt)",
        description=(
            "Print the text of a signed token, as a QR code would carry it. Receipt tokens are "
            "normally signed by the device that prints them; this one is signed with central's "
            "key (device id 'central'), for testing."
        ),
    )
    kinds = token.add_subparsers(dest="kind", required=True, metavar="KIND")
    loyalty = kinds.add_parser("loyalty", help="the customer's rotating app code")
    _add_db(loyalty)
    loyalty.add_argument("--customer", required=True, metavar="ID", help="customer id")
    loyalty.add_argument(
        "--minutes", type=int, default=5, help="lifetime in minutes (5, like the app's code)"
    )
    for name, text in (("pickup", "a pickup order's code"), ("receipt", "a receipt's code")):
        kind = kinds.add_parser(name, help=text)
        _add_db(kind)
        kind.add_argument("--order", required=True, metavar="ID", help="order id")

    keys = sub.add_parser(
        "keys",
        help="create or rotate central's token signing key",
        description=(
            "init: create the signing key if there is none. rotate: make a new key active; "
            "tokens signed with older keys keep verifying. Both publish the public keys to "
            "every store's change feed."
        ),
    )
    keys.add_argument("action", choices=("init", "rotate"), help="what to do")
    _add_db(keys)
    return parser


def central_main(argv: Sequence[str] | None = None) -> int:
    """``clerk-central``: returns the process exit code (0 ok, 1 failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        engine = _engine(args.db)
        try:
            if args.command == "migrate":
                from clerk.central.schema import migrate

                migrate(engine)
                print("database schema is up to date")
                return 0
            if args.command == "seed":
                if not args.demo:
                    parser.error("seed: only the demo data set exists; pass --demo")
                return _seed(engine, args)
            if args.command == "enroll-code":
                return _enroll_code(engine, args.store)
            if args.command == "token":
                return _token(engine, args)
            return _keys(engine, args.action)
        finally:
            engine.dispose()
    except (LookupError, ValueError, RuntimeError) as exc:
        print(f"clerk-central: {exc}", file=sys.stderr)
        return 1


def _engine(url: str) -> Engine:
    from clerk.central.db import make_engine

    return make_engine(url)


def _now() -> datetime:
    return datetime.now(UTC)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from clerk.central.app import create_app
    from clerk.central.context import CentralSettings
    from clerk.central.schema import migrate

    engine = _engine(args.db)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    settings = CentralSettings(
        db_url=args.db,
        smtp_host=args.smtp_host,
        smtp_port=args.smtp_port,
        mail_from=args.mail_from,
        webhook_url=args.webhook,
    )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _seed(engine: Engine, args: argparse.Namespace) -> int:
    from clerk.central.schema import migrate
    from clerk.central.seed import DEFAULT_SEED, DEMO_STAFF, seed_demo

    migrate(engine)
    summary = seed_demo(
        engine,
        scale=args.scale,
        seed=DEFAULT_SEED if args.seed_value is None else args.seed_value,
        customers=args.customers,
        orders=args.orders,
    )
    counts = summary.counts
    print(
        f"seeded {counts['customers']:,} customers, {counts['orders']:,} orders, "
        f"{counts['products']:,} products in {sum(summary.durations.values()):.1f} s"
    )
    print("slices: " + ", ".join(f"{k} {v:,}" for k, v in summary.slice_customers.items()))
    print("demo staff (name, role, PIN, stores):")
    for s in DEMO_STAFF:
        if s.active:
            print(f"  {s.name:<22} {s.role:<8} {s.pin}  {', '.join(s.store_ids)}")
    show = summary.showcase
    print(f"showcase Gold customer: {show.gold_customer_id} (card {show.gold_card_number})")
    print(
        f"showcase ready pickup: {show.ready_pickup_order_number} "
        f"(order {show.ready_pickup_order_id}, code {show.ready_pickup_code})"
    )
    print(f"showcase order to return: {show.return_order_number} ({show.return_order_id})")
    return 0


def _enroll_code(engine: Engine, store_id: str) -> int:
    from clerk.central.db import make_session_factory, transaction
    from clerk.central.enrollment import CODE_TTL, create_enrollment_code

    now = _now()
    with transaction(make_session_factory(engine)) as session:
        code = create_enrollment_code(session, store_id, now)
    print(code)
    minutes = int(CODE_TTL.total_seconds() // 60)
    print(f"one-time code for {store_id}, valid {minutes} minutes", file=sys.stderr)
    return 0


def _token(engine: Engine, args: argparse.Namespace) -> int:
    from clerk.central import models as m
    from clerk.central.db import make_session_factory, transaction
    from clerk.central.keys import active_signing_key
    from clerk.domain.tokens import loyalty_token, pickup_token, receipt_token

    now = _now()
    with transaction(make_session_factory(engine)) as session:
        key_id, private = active_signing_key(session)
        if args.kind == "loyalty":
            if session.get(m.Customer, args.customer) is None:
                raise LookupError(f"no customer {args.customer!r}")
            lifetime = timedelta(minutes=args.minutes)
            text = loyalty_token(args.customer, private, key_id, now, lifetime)
        else:
            order = session.get(m.Order, args.order)
            if order is None:
                raise LookupError(f"no order {args.order!r}")
            if args.kind == "pickup":
                if order.pickup_store_id is None or order.pickup_code is None:
                    raise LookupError(f"order {order.id} is not a pickup order")
                text = pickup_token(
                    order.id, order.pickup_store_id, order.pickup_code, private, key_id, now
                )
            else:
                store = order.store_id or order.pickup_store_id or ""
                text = receipt_token(order.id, store, "central", private, key_id, now)
    print(text)
    return 0


def _keys(engine: Engine, action: str) -> int:
    from clerk.central.db import make_session_factory, transaction
    from clerk.central.feed import publish_signing_keys
    from clerk.central.keys import ensure_signing_key, public_signing_keys, rotate_signing_key

    now = _now()
    with transaction(make_session_factory(engine)) as session:
        key = (
            ensure_signing_key(session, now)
            if action == "init"
            else rotate_signing_key(session, now)
        )
        publish_signing_keys(session, now)
        known = public_signing_keys(session)
    print(key.id)
    print(f"active key {key.id}; {len(known)} key(s) verify tokens", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(central_main())
