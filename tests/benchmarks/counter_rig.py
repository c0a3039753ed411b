"""The running app for ``bench_counter.py``: timed scans on the Counter and the raw floor.

Kept apart from the benchmark's orchestration so that Qt is imported only once the central
side is ready (and the seeding process never loads it).
"""

from __future__ import annotations

import gc
import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk.app import Tablet, build_tablet
from clerk.services.credentials import SECRETS_FILE, FileVault
from clerk.services.customers import TIMELINE_PAGE  # the page the 360 reads
from clerk.services.enrollment import load_identity
from clerk.services.settings import AppSettings
from clerk.store import LocalStore
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell

# Layouts asked for while the 360 was filled are done before the paint, as the event loop
# would do them before painting the next frame.
LAYOUT = QEvent.Type.LayoutRequest.value
SCAN_TIMEOUT_MS = 30_000
ZONE = ZoneInfo("Europe/Warsaw")

# The queries of clerk/store/timeline.py (the first page) and the customer row, as text.
CUSTOMER_SQL = "SELECT data FROM customers WHERE id = ?"
ORDERS_SQL = (
    "SELECT data FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"
)
OTHER_SQL = {
    "return": "SELECT r.data FROM returns r JOIN orders o ON o.id = r.order_id "
    "WHERE o.customer_id = ?",
    "reservation": "SELECT data FROM reservations WHERE customer_id = ?",
    "loyalty": "SELECT data FROM loyalty_transactions WHERE customer_id = ?",
    "interaction": "SELECT data FROM interactions WHERE customer_id = ?",
}


def open_tablet(data_dir: Path, sync_interval: float) -> tuple[LocalStore, Tablet]:
    """The enrolled tablet of ``data_dir`` (its secrets in the data folder's file vault)."""
    store = LocalStore.open(f"sqlite:///{data_dir / 'store.db'}")
    identity = load_identity(store)
    secrets = FileVault(data_dir / SECRETS_FILE).load(identity.device_id) if identity else None
    if identity is None or secrets is None:
        store.close()
        raise RuntimeError(f"no enrolled tablet in {data_dir}")
    return store, build_tablet(store, identity, secrets, sync_interval=sync_interval)


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 3)


class CounterRig:
    """The app's window on an enrolled, synced tablet, driven scan by scan."""

    def __init__(
        self,
        tablet: Tablet,
        settings: AppSettings,
        settings_path: Path,
        db: Path,
        language: str,
    ) -> None:
        self.app, colors, _language = make_application(["clerk"], language=language, theme="light")
        self.tablet = tablet
        self.bridge = ServiceBridge()
        self.shell = Shell(self.app, self.bridge, tablet, colors, settings, settings_path, None)
        self.window = self.shell.window
        counter = self.window.screen_widget(Screen.COUNTER)
        assert isinstance(counter, CounterScreen)
        self.counter = counter
        self.db = db
        self.marks: dict[str, float] = {}
        self.refused: str | None = None
        self.shown_rows = 0
        self.visits_written = 0
        self.loop = QEventLoop()
        self.guard = QTimer()
        self.guard.setSingleShot(True)
        self.guard.timeout.connect(self.loop.quit)
        self.shell.router.rejected.connect(self._rejected)
        counter.customerShown.connect(self._shown)
        # Where a scan's time goes: the scan resolved, the answers of the local read and of
        # central, each arriving on the UI thread (the main window and the screen look these
        # methods up when they call them).
        for name, phase in (
            ("show_customer_scan", "scanned"),
            ("_local_answer", "answer"),
            ("_remote_answer", "remote"),
        ):
            setattr(counter, name, self._marking(phase, getattr(counter, name)))
        recorded = counter._visit_recorded

        def visit_recorded(customer_id: str, done: Any) -> None:
            if done is not None:
                self.visits_written += 1
            recorded(customer_id, done)

        counter._visit_recorded = visit_recorded  # type: ignore[method-assign]
        self._floor: Floor | None = None
        self._gc_started = 0.0
        self._gc_ms = 0.0  # the collector's passes during the current scan
        gc.callbacks.append(self._gc)

    # -- driving ------------------------------------------------------------------------------

    def pump_until(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        """Run the event loop until ``done()``; RuntimeError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.002)

    def process_events(self, seconds: float) -> None:
        """Run the event loop for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)

    def exposed(self, window: QWidget) -> None:
        """Wait until ``window`` is on screen: a window that is not exposed paints nothing."""
        self.pump_until(
            lambda: (handle := window.windowHandle()) is not None and handle.isExposed(),
            30,
            "the window to be exposed",
        )
        self.process_events(0.05)

    def start(self, staff: tuple[str, str]) -> None:
        """Show the window (the sync runner starts), sign ``staff`` in, let the first sync
        round end."""
        self.shell.show()
        self.exposed(self.window)
        sign_in = self.window.sign_in
        staff_id, pin = staff
        self.pump_until(lambda: staff_id in sign_in.staff_ids, 30, "the staff list")
        sign_in.choose(staff_id)
        sign_in._pin.setText(pin)
        sign_in.submit()
        self.pump_until(lambda: not self.window.showing_sign_in, 30, "signing in")
        self.pump_until(lambda: self.tablet.runner.rounds >= 1, 120, "the first sync round")
        self.settle(write_expected=False)

    def scan(self, token: str, source: str) -> dict[str, float]:
        """Scan ``token`` and wait for the 360 painted; milliseconds of the scan and its
        phases (the 360 must come from ``source``: "local" or "central")."""
        handle = self.window.windowHandle()
        if handle is None or not handle.isExposed():
            raise RuntimeError("the window is not exposed: it would paint nothing")
        self.marks = {}
        self.refused = None
        self._gc_ms = 0.0
        self.marks["submit"] = time.perf_counter()
        self.shell.router.submit(token)
        if "painted" not in self.marks and self.refused is None:
            self.guard.start(SCAN_TIMEOUT_MS)
            self.loop.exec()
            self.guard.stop()
        if self.refused is not None:
            raise RuntimeError(f"the scan was refused: {self.refused}")
        if "painted" not in self.marks:
            raise RuntimeError(f"no 360 within {SCAN_TIMEOUT_MS} ms (marks: {self.marks})")
        view = self.counter.view
        if view is None or view.source != source:
            got = view.source if view else None
            raise RuntimeError(f"the 360 came from {got!r}, not {source!r}")
        self.shown_rows = self.counter.filtered.rowCount()
        m = self.marks
        phases = {"total": _ms(m["submit"], m["painted"])}
        if source == "local":
            phases.update(
                resolve=_ms(m["submit"], m["scanned"]),
                load=_ms(m["scanned"], m["answer"]),
                show=_ms(m["answer"], m["shown"]),
                paint=_ms(m["shown"], m["painted"]),
            )
        else:
            phases.update(
                resolve=_ms(m["submit"], m["scanned"]),
                local_miss=_ms(m["scanned"], m["answer"]),
                fetch=_ms(m["answer"], m["remote"]),
                show=_ms(m["remote"], m["shown"]),
                paint=_ms(m["shown"], m["painted"]),
            )
        phases["gc"] = round(self._gc_ms, 3)
        phases["rows"] = self.shown_rows
        return phases

    def next_customer(self, *, write_expected: bool = False) -> None:
        """Back to the find page (painted), then let the bridge and the sync runner finish
        (``write_expected``: until the outbox is sent, too)."""
        self.counter.close_customer()
        self.window.repaint()
        self.settle(write_expected=write_expected)

    def settle(self, *, write_expected: bool) -> None:
        self.pump_until(
            lambda: not self.counter.follow_up_pending and not self.bridge.busy, 30, "the bridge"
        )
        if write_expected:
            self.pump_until(self._outbox_sent, 60, "the outbox to be sent")
        for _ in range(2):  # idle twice, a little apart: a round may be about to start
            self.pump_until(self._sync_idle, 60, "the sync round")
            self.process_events(0.01)

    def on_tablet(self, customer_id: str) -> bool:
        """Whether the tablet's local store holds the customer."""
        with closing(sqlite3.connect(self.db)) as conn:
            row = conn.execute(CUSTOMER_SQL, (customer_id,)).fetchone()
        return row is not None

    def floor(self, customer_id: str, runs: int) -> list[dict[str, float]]:
        """``runs`` timed runs of the raw floor for the customer (its window is shown for them)."""
        if self._floor is None:
            self._floor = Floor(self.db)
        floor = self._floor
        floor.window.show()
        self.exposed(floor.window)
        timings = []
        for _ in range(runs):
            floor.clear()
            self.process_events(0.005)
            start = time.perf_counter()
            rows = floor.show(customer_id)
            read, filled, painted = floor.marks
            timings.append(
                {
                    "total": _ms(start, painted),
                    "read": _ms(start, read),
                    "fill": _ms(read, filled),
                    "paint": _ms(filled, painted),
                    "rows": rows,
                }
            )
        floor.window.hide()
        self.process_events(0.05)
        return timings

    def close(self) -> None:
        gc.callbacks.remove(self._gc)
        if self._floor is not None:
            self._floor.close()
        self.shell.close()
        self.window.close()
        self.bridge.close()

    # -- hooks --------------------------------------------------------------------------------

    def _mark(self, name: str) -> None:
        if "submit" in self.marks:
            self.marks.setdefault(name, time.perf_counter())

    def _marking(self, name: str, method: Callable[..., None]) -> Callable[..., None]:
        def marked(*args: Any, **kwargs: Any) -> None:
            self._mark(name)
            method(*args, **kwargs)

        return marked

    def _gc(self, phase: str, _info: dict[str, int]) -> None:
        # The collector's passes stop every thread, the UI thread too.
        now = time.perf_counter()
        if phase == "start":
            self._gc_started = now
        elif "submit" in self.marks and "painted" not in self.marks:
            self._gc_ms += (now - self._gc_started) * 1000

    def _shown(self, _customer_id: str) -> None:
        if "submit" not in self.marks or "painted" in self.marks:
            return
        self.marks["shown"] = time.perf_counter()
        QCoreApplication.sendPostedEvents(None, LAYOUT)
        self.window.repaint()
        self.marks["painted"] = time.perf_counter()
        self.loop.quit()

    def _rejected(self, text: str) -> None:
        self.refused = text
        self.loop.quit()

    def _outbox_sent(self) -> bool:
        with self.tablet.store.unit(read_only=True) as unit:
            counts = unit.outbox.counts()
        if counts.attention:
            raise RuntimeError("central refused a command of the benchmark (see Attention)")
        return counts.pending + counts.sending == 0

    def _sync_idle(self) -> bool:
        if self.tablet.runner._wake.is_set():
            return False
        lock = self.tablet.engine._sync_lock
        if not lock.acquire(blocking=False):
            return False
        lock.release()
        return True


class Floor:
    """The least a 360 needs: the rows read with plain SQL into a plain table, painted."""

    HEADERS = ("When", "Where", "What", "Amount", "Status")

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        self.window = QWidget()
        self.window.setObjectName("benchFloor")
        self.title = QLabel(self.window)
        self.table = QTableWidget(0, len(self.HEADERS), self.window)
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.verticalHeader().hide()
        # The 360's row height, so that as many rows are on screen.
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.marks = (0.0, 0.0, 0.0)  # the last show: read, filled, painted (perf_counter)
        layout = QVBoxLayout(self.window)
        # The window keeps its size: no new minimum size for it at every fill (which the
        # offscreen platform would report on stderr each time).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.window.resize(1280, 800)

    def clear(self) -> None:
        self.title.clear()
        self.table.setRowCount(0)
        self.window.repaint()

    def show(self, customer_id: str) -> int:
        """Read, fill and paint the customer's first timeline page; the rows shown."""
        conn = self.conn
        found = conn.execute(CUSTOMER_SQL, (customer_id,)).fetchone()
        if found is None:
            raise RuntimeError(f"no customer {customer_id} on the tablet")
        customer = json.loads(found[0])
        orders = [
            json.loads(text)
            for (text,) in conn.execute(ORDERS_SQL, (customer_id, TIMELINE_PAGE + 1))
        ]
        more = len(orders) > TIMELINE_PAGE
        orders = orders[:TIMELINE_PAGE]
        entries = [self._order(o) for o in orders]
        lower = datetime.fromisoformat(orders[-1]["created_at"]) if more else None
        for kind, sql in OTHER_SQL.items():
            for (text,) in conn.execute(sql, (customer_id,)):
                entry = self._other(kind, json.loads(text))
                if lower is None or entry[0] >= lower:
                    entries.append(entry)
        entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
        read = time.perf_counter()
        self.title.setText(
            f"{customer.get('first_name', '')} {customer.get('last_name', '')} · "
            f"{customer.get('tier', '')} · {customer.get('points_balance', 0)}"
        )
        table = self.table
        table.setRowCount(len(entries))
        for row, (at, _ref, where, what, amount, status) in enumerate(entries):
            texts = (at.astimezone(ZONE).strftime("%d.%m.%Y %H:%M"), where, what, amount, status)
            for column, text in enumerate(texts):
                table.setItem(row, column, QTableWidgetItem(text))
        filled = time.perf_counter()
        QCoreApplication.sendPostedEvents(None, LAYOUT)
        self.window.repaint()
        self.marks = (read, filled, time.perf_counter())
        return len(entries)

    @staticmethod
    def _order(o: dict[str, Any]) -> tuple[datetime, str, str, str, str, str]:
        lines = o.get("lines") or ()
        items = sum(int(line.get("qty", 0)) for line in lines)
        return (
            datetime.fromisoformat(o["created_at"]),
            str(o["id"]),
            str(o.get("channel") or ""),
            f"Order {o.get('number') or ''}",
            f"{items} items",
            str(o.get("status") or ""),
        )

    @staticmethod
    def _other(kind: str, d: dict[str, Any]) -> tuple[datetime, str, str, str, str, str]:
        what = {
            "return": "Return",
            "reservation": "Reservation",
            "loyalty": f"Points {d.get('kind', '')}",
            "interaction": str(d.get("subject") or d.get("kind") or ""),
        }[kind]
        amount = str(d.get("points", "")) if kind == "loyalty" else ""
        return (
            datetime.fromisoformat(d["created_at"]),
            str(d["id"]),
            str(d.get("channel") or ("store" if kind == "return" else "")),
            what,
            amount,
            str(d.get("status") or ""),
        )

    def close(self) -> None:
        self.window.close()
        self.conn.close()
