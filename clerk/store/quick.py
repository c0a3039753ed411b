"""What the sign-in screen needs before the rest of the app has loaded, read with sqlite3.

The app paints its sign-in screen before it imports SQLAlchemy and the rest of the core (that
takes most of a second): this reads the enrolled device's store and its active staff straight
from the tablet's SQLite file, read-only.  Anything unexpected (no file, no enrollment, an
older schema, another process's write lock) gives None, and the app starts the ordinary way.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clerk.domain.entities import Staff, store_roster
from clerk.store.revision import HEAD, VERSION_TABLE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartInfo:
    """The enrolled store's id and title, and its active staff by name."""

    store_id: str
    store_title: str
    staff: list[Staff]


def store_title(name: str | None, store_id: str) -> str:
    """How the top bar names the store: "Warszawa Centrum · WAW-01" (the id alone if unknown)."""
    return f"{name} · {store_id}" if name else store_id


def read_start_info(path: Path) -> StartInfo | None:
    """The sign-in screen's data from the SQLite store at ``path`` (None: start normally)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        version = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        if version != [(HEAD,)]:
            return None
        state = dict(
            conn.execute(
                "SELECT key, value FROM sync_state WHERE key IN ('device.id', 'device.store_id')"
            ).fetchall()
        )
        store_id = state.get("device.store_id") or ""
        if not state.get("device.id") or not store_id:
            return None
        row = conn.execute("SELECT data FROM stores WHERE id = ?", (store_id,)).fetchone()
        name = json.loads(row[0]).get("name") if row else None
        staff = [
            Staff.from_dict(json.loads(text)) for (text,) in conn.execute("SELECT data FROM staff")
        ]
    except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        log.debug("quick start read failed: %s", exc)
        return None
    finally:
        conn.close()
    return StartInfo(store_id, store_title(name, store_id), store_roster(staff, store_id))
