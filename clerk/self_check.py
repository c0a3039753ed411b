"""``clerk --self-check``: does everything the tablet needs load here, said in words.

Meant for whoever installs or supports a store tablet: each line names one part (Qt, the
icons, the translations, the local database, the time zone, the credential keyring, the camera,
code reading) with ``OK``, ``WARNING`` (the app works, with less) or ``PROBLEM`` (the app cannot
work as it should); the exit code is 1 when there is any problem, else 0.  It works the same from
a checkout and from the installed bundle, and changes nothing on the tablet: the migrations are
tried on a throw-away database, the tablet's own database is only read.
"""

from __future__ import annotations

import logging
import os
import platform
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO

__all__ = ["Check", "Status", "check_database", "check_keyring", "run_self_check"]


class Status(Enum):
    """How one part of the installation is doing."""

    OK = "OK"
    WARNING = "WARNING"  # the app works, with less (no camera, credentials in a file)
    PROBLEM = "PROBLEM"  # the app cannot work as it should here


@dataclass(frozen=True)
class Check:
    """One line of the self-check: the part, how it is, and what was found, in words."""

    part: str
    status: Status
    detail: str


def where_running() -> str:
    """Where the app runs from, in words: the installed bundle's folder, or the source."""
    if getattr(sys, "frozen", False):
        return f"the installed bundle in {Path(sys.executable).resolve().parent}"
    return f"source, Python {platform.python_version()} ({sys.executable})"


def check_time_zone() -> Check:
    """The store's time zone loads (on Windows it comes from the tzdata package)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo("Europe/Warsaw")
    except ZoneInfoNotFoundError as exc:
        return Check("Time zone", Status.PROBLEM, f"Europe/Warsaw is unknown here ({exc})")
    return Check("Time zone", Status.OK, "Europe/Warsaw loads; store times are shown in it")


def check_migrations() -> Check:
    """The local store's migrations build a new database (SQLite, Alembic, the scripts)."""
    from clerk.store import LocalStore
    from clerk.store.schema import HEAD, current_revision

    with tempfile.TemporaryDirectory(prefix="clerk-self-check-") as folder:
        try:
            store = LocalStore.open(f"sqlite:///{Path(folder) / 'store.db'}")
        except Exception as exc:  # any failure here means the installation is incomplete
            return Check(
                "Database engine", Status.PROBLEM, f"a new local database cannot be made: {exc!r}"
            )
        try:
            revision = current_revision(store.engine)
        finally:
            store.close()
    if revision != HEAD:
        return Check(
            "Database engine",
            Status.PROBLEM,
            f"the migrations stopped at {revision}, not at {HEAD}",
        )
    return Check(
        "Database engine",
        Status.OK,
        f"SQLite {sqlite3.sqlite_version}; the migrations build a new database (schema {HEAD})",
    )


def check_database(data_dir: Path, store_url: str | None = None) -> Check:
    """The tablet's own database, read only: where it is, its schema, which store it serves."""
    if store_url is not None:
        return _check_shared_database(store_url)
    path = data_dir / "store.db"
    if not path.exists():
        folder = next((p for p in (data_dir, *data_dir.parents) if p.exists()), data_dir)
        if not os.access(folder, os.W_OK):
            return Check(
                "Local database",
                Status.PROBLEM,
                f"none yet, and {folder} cannot be written: the app cannot create {path}",
            )
        return Check(
            "Local database",
            Status.OK,
            f"none yet at {path}: the tablet is not enrolled; the first start creates it",
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
        try:
            revision, store_id = _read_state(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("Local database", Status.PROBLEM, f"{path} cannot be read: {exc}")
    return _judge_database(str(path), revision, store_id)


def _read_state(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    from clerk.store.revision import VERSION_TABLE

    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    revision = None
    if VERSION_TABLE in tables:
        rows = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        revision = str(rows[0][0]) if len(rows) == 1 else None
    store_id = None
    if "sync_state" in tables:
        row = conn.execute("SELECT value FROM sync_state WHERE key = 'device.store_id'").fetchone()
        store_id = row[0] if row else None
    return revision, store_id


def _check_shared_database(url: str) -> Check:
    from sqlalchemy import text

    from clerk.store.db import make_local_engine
    from clerk.store.schema import current_revision

    shown = url.split("@")[-1]  # never print a password
    try:
        engine = make_local_engine(url)
        try:
            revision = current_revision(engine)
            store_id = None
            if revision is not None:
                with engine.connect() as conn:
                    store_id = conn.execute(
                        text("SELECT value FROM sync_state WHERE key = 'device.store_id'")
                    ).scalar()
        finally:
            engine.dispose()
    except Exception as exc:  # a driver missing, the server down, a wrong password
        return Check(
            "Local database", Status.PROBLEM, f"the shared database {shown} cannot be read: {exc}"
        )
    return _judge_database(f"the shared database {shown}", revision, store_id)


def _judge_database(where: str, revision: str | None, store_id: str | None) -> Check:
    from clerk.store.schema import HEAD, MIGRATIONS

    enrolled = f"enrolled to store {store_id}" if store_id else "not enrolled yet"
    if revision == HEAD:
        return Check("Local database", Status.OK, f"{where}: schema {HEAD}, {enrolled}")
    if revision is None:
        return Check(
            "Local database", Status.OK, f"{where}: no schema yet; the first start creates it"
        )
    known = any(p.name.startswith(revision) for p in (MIGRATIONS / "versions").glob("*.py"))
    if known:
        return Check(
            "Local database",
            Status.OK,
            f"{where}: schema {revision}, upgraded to {HEAD} at the next start, keeping "
            f"queued actions; {enrolled}",
        )
    return Check(
        "Local database",
        Status.PROBLEM,
        f"{where}: schema {revision} was written by a newer Clerk; install that version again",
    )


def check_keyring(data_dir: Path) -> Check:
    """Where the device's token and key would be kept: the OS keyring, or a private file."""
    from importlib.metadata import entry_points

    from clerk.services.credentials import SECRETS_FILE, usable_keyring

    known = sorted({e.name for e in entry_points(group="keyring.backends")})
    if not known:
        return Check(
            "Keyring",
            Status.PROBLEM,
            "the keyring library knows no backends: this installation is incomplete",
        )
    backend, why = usable_keyring()
    if backend is not None:
        return Check("Keyring", Status.OK, f"device credentials go to {backend.name}")
    return Check(
        "Keyring",
        Status.WARNING,
        f"{why}; device credentials go to {data_dir / SECRETS_FILE} (readable by its owner "
        f"only) instead (backends known: {', '.join(known)})",
    )


def _guarded(part: str, check: Callable[[], Iterable[Check]]) -> list[Check]:
    try:
        return list(check())
    except Exception as exc:  # the self-check reports what breaks; it must not break itself
        return [Check(part, Status.PROBLEM, f"the check itself failed: {exc!r}")]


def _qt_checks() -> list[Check]:
    try:
        from clerk.ui.self_check import qt_checks
    except ImportError as exc:
        return [Check("Qt", Status.PROBLEM, f"PySide6 cannot be loaded: {exc}")]
    return qt_checks()


def run_self_check(data_dir: Path, store_url: str | None = None, out: TextIO | None = None) -> int:
    """Print every check, one a line, then the verdict; 1 if anything essential failed."""
    from clerk.cli import _version

    out = out or sys.stdout
    # Alembic and the store log each step at INFO; the report says what matters in its lines.
    logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    print(f"Clerk {_version()} self-check, running from {where_running()}", file=out)
    checks: list[Check] = []
    for part, check in (
        ("Qt", _qt_checks),
        ("Time zone", lambda: [check_time_zone()]),
        ("Database engine", lambda: [check_migrations()]),
        ("Local database", lambda: [check_database(data_dir, store_url)]),
        ("Keyring", lambda: [check_keyring(data_dir)]),
    ):
        for line in _guarded(part, check):
            checks.append(line)
            print(f"  {line.status.value:<8} {line.part}: {line.detail}", file=out, flush=True)
    problems = [c for c in checks if c.status is Status.PROBLEM]
    warnings = [c for c in checks if c.status is Status.WARNING]
    if problems:
        names = ", ".join(c.part for c in problems)
        print(f"{len(problems)} problem(s) ({names}): Clerk cannot work properly here.", file=out)
        return 1
    tail = f" ({len(warnings)} warning(s): the app works, with less)" if warnings else ""
    print(f"No problem in {len(checks)} checks{tail}: Clerk can run here.", file=out)
    return 0
