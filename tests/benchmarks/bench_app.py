"""The desktop app's figures: cold start to the painted sign-in screen, memory and UI stalls
while the customer slice syncs.

Run as ``uv run python -m tests.benchmarks.bench_app [--customers N] [--runs N]``.

* Central: the cached, seeded database of ``bench_central.py`` (``--customers`` / 5,000 is its
  scale; 100,000 customers by default, all of them in WAW-01's slice), served by
  ``clerk-central serve`` in its own process on loopback.
* A tablet is enrolled to WAW-01 the way the app enrolls (``enroll_device`` into a fresh data
  folder, its secrets in ``device-secrets.json``, where :func:`open_vault` finds them on a
  machine without a keyring; the benchmark makes sure there is none).
* Sync: the app, built as :func:`clerk.app.run_app` builds it (``make_application``,
  ``build_tablet``, ``Shell``), in its own process: the sign-in screen is shown and the real
  sync runner pulls the whole slice on its thread.  A 5 ms precise timer on the UI thread
  records the gaps between its ticks from the sign-in screen's first paint until a second after
  the round ends (``max_stall_ms``: the largest).  ``peak_rss_mb`` is the process's peak
  resident memory (``VmHWM``) after the round.  The garbage collector's full passes are timed
  too (``gc_full_max_ms``): a pass stops every thread, the UI thread included.  The process's
  exit code is reported (``sync_exit_code``), since the figures are taken before it exits.
* Start: the real ``clerk`` command on the synced tablet's data folder, in a fresh process per
  run, timed from spawning to its ``sign-in screen shown`` log line (logged from the sign-in
  screen's first paint), then ended with SIGTERM.  The same for a bare PySide6 window (a
  QWidget with a QLabel that prints a marker on its first paint).  Runs of the two alternate;
  one unrecorded run of each goes first, so both start with the files in the page cache.
  ``QT_QPA_PLATFORM=offscreen`` for every process.

Progress goes to stderr; the last stdout line is one JSON object with the figures.
Targets (issue 4): ``start_ms / bare_start_ms <= 3``, ``peak_rss_mb <= 300``,
``max_stall_ms <= 50``.  They are reported (``targets_met``), not asserted.

``--trace-stalls MS`` (diagnosis only, it perturbs the figures a little) adds a watchdog thread
to the sync process that prints the UI thread's and the sync thread's stacks to stderr whenever
the UI thread has not ticked for ``MS`` milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import queue
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Only the standard library up here: the sync process runs this module too, and its memory
# must be the app's, not the benchmark's (central, FastAPI, seeding).
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIGNIN_MARKER = "sign-in screen shown"
# The core attached: PINs are checked from here on (reported beside the painted start).
READY_MARKER = "sign-in ready"
BARE_MARKER = "bare window shown"
TARGETS = {"start_ratio": 3.0, "peak_rss_mb": 300.0, "max_stall_ms": 50.0}
STORE = "WAW-01"

# A bare PySide6 window, the floor any Qt app's start stands on.
BARE_SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

class Window(QWidget):
    shown = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.shown:
            self.shown = True
            print({BARE_MARKER!r}, file=sys.stderr, flush=True)

app = QApplication(sys.argv)
window = Window()
QVBoxLayout(window).addWidget(QLabel("Clerk"))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


def log(message: str) -> None:
    """Progress for the human watching (stderr)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """Peak (``VmHWM``) and current (``VmRSS``) resident memory of a process, in MB."""
    figures: dict[str, float] = {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            figures[name] = int(value.split()[0]) / 1024
    if "VmHWM" not in figures and pid == "self":  # no /proc (macOS): ru_maxrss is in bytes
        scale = 1024 if sys.platform.startswith("linux") else 1024 * 1024
        figures["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    return figures


# --- the sync process --------------------------------------------------------------------


def sync_child(data_dir: Path, settings_path: Path, tick_ms: int, trace_ms: float | None) -> int:
    """The app on ``data_dir`` with the sign-in screen up, until its first sync round (and a
    second after) is over; prints the figures as JSON on the last stdout line."""
    import logging

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # What run_app imports, here rather than at the top (see there).
    from PySide6.QtCore import Qt, QTimer
    from sqlalchemy import text

    from clerk.app import build_tablet
    from clerk.services.credentials import open_vault
    from clerk.services.enrollment import load_identity
    from clerk.services.settings import load_settings
    from clerk.store import LocalStore
    from clerk.sync.events import SyncCompleted, SyncEvent
    from clerk.ui.application import make_application, quit_on_signals
    from clerk.ui.bridge import ServiceBridge
    from clerk.ui.shell import Shell

    settings = load_settings(settings_path)
    app, colors, _language = make_application(
        [sys.argv[0]], language=settings.language, theme=settings.theme
    )
    quit_on_signals(app)
    store = LocalStore.open(f"sqlite:///{data_dir / 'store.db'}")
    vault = open_vault(data_dir)
    bridge = ServiceBridge()
    identity = load_identity(store)
    secrets = vault.load(identity.device_id) if identity else None
    if identity is None or secrets is None:
        print(f"no enrolled tablet in {data_dir} ({vault.description})", file=sys.stderr)
        return 1
    tablet = build_tablet(store, identity, secrets)

    built = time.perf_counter()
    state: dict[str, Any] = {"painted": None, "sync_start": None, "done": None, "pulled": 0}
    gaps: list[tuple[float, float]] = []  # (seconds since the sync started, gap in ms)
    last_tick = [0.0]

    def on_event(event: SyncEvent) -> None:  # on the sync thread
        if isinstance(event, SyncCompleted) and state["done"] is None:
            state["pulled"] = event.pulled
            state["done"] = time.perf_counter()

    unsubscribe = tablet.engine.subscribe(on_event)
    pauses = GcPauses()
    shell = Shell(app, bridge, tablet, colors, settings, settings_path, None)
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(tick_ms)

    def tick() -> None:
        now = time.perf_counter()
        since = now - (state["sync_start"] or now)
        gaps.append((since, (now - last_tick[0]) * 1000))
        last_tick[0] = now
        done = state["done"]
        if done is not None and now - done > 1.0:
            ticker.stop()
            app.quit()

    def painted() -> None:
        state["painted"] = time.perf_counter()
        last_tick[0] = state["painted"]
        ticker.start()

    ticker.timeout.connect(tick)
    shell.window.sign_in.firstPainted.connect(painted, Qt.ConnectionType.SingleShotConnection)
    shell.show()  # queues the runner's start for the first turn of the event loop

    def sync_started() -> None:
        state["sync_start"] = time.perf_counter()

    QTimer.singleShot(0, sync_started)
    watchdog = StallWatchdog(last_tick, trace_ms / 1000) if trace_ms else None
    if watchdog:
        watchdog.start()
    gc.callbacks.append(pauses)
    app.exec()
    gc.callbacks.remove(pauses)
    if watchdog:
        watchdog.stop()
    memory = memory_mb()  # before anything else runs here
    shell.close()
    unsubscribe()
    tablet.close()
    connectivity = tablet.engine.connectivity.value
    with store.engine.connect() as conn:
        customers = conn.execute(text("SELECT count(*) FROM customers")).scalar_one()
    bridge.close()
    store.close()
    if state["done"] is None:
        print("the sync round did not end", file=sys.stderr)
        return 1
    sync_s = state["done"] - state["sync_start"]
    during = sorted((g for g in gaps if g[0] <= sync_s + 1.0), key=lambda g: -g[1])
    print(
        json.dumps(
            {
                "window_to_paint_ms": round((state["painted"] - built) * 1000, 1),
                "sync_s": round(sync_s, 2),
                "entities_synced": state["pulled"],
                "customers": customers,
                "connectivity": connectivity,
                "max_stall_ms": round(during[0][1], 1) if during else None,
                "worst_stalls": [[round(at, 2), round(ms, 1)] for at, ms in during[:8]],
                "stall_p99_ms": round(percentile([g[1] for g in during], 0.99), 1),
                "ticks": len(during),
                "peak_rss_mb": round(memory["VmHWM"], 1),
                "rss_after_sync_mb": round(memory.get("VmRSS", 0.0), 1),
                "gc_full_passes": len(pauses.full_ms),
                "gc_full_max_ms": round(max(pauses.full_ms, default=0.0), 1),
                "gc_max_ms": round(pauses.max_ms, 1),
            }
        ),
        flush=True,
    )
    return 0


class GcPauses:
    """A ``gc.callbacks`` entry timing the collector's passes: a pass stops every thread."""

    def __init__(self) -> None:
        self.full_ms: list[float] = []  # oldest-generation passes
        self.max_ms = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        took = (time.perf_counter() - self._started) * 1000
        self.max_ms = max(self.max_ms, took)
        if info["generation"] == 2:
            self.full_ms.append(took)


class StallWatchdog(threading.Thread):
    """Prints the UI and sync threads' stacks when the UI thread has not ticked for a while."""

    def __init__(self, last_tick: list[float], threshold_s: float) -> None:
        super().__init__(name="bench-stall-watchdog", daemon=True)
        self.last_tick = last_tick
        self.threshold_s = threshold_s
        self.ui_ident = threading.get_ident()
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def run(self) -> None:
        import traceback

        reported = 0.0
        while not self._stop_event.wait(0.002):
            seen = self.last_tick[0]
            late = time.perf_counter() - seen
            if not seen or late < self.threshold_s or reported == seen:
                continue
            reported = seen
            frames = sys._current_frames()
            names = {t.ident: t.name for t in threading.enumerate()}
            lines = [f"--- UI thread {late * 1000:.0f} ms without a tick ---"]
            for ident, frame in frames.items():
                if ident == self.ui_ident or names.get(ident) == "clerk-sync":
                    lines.append(f"[{names.get(ident, ident)}]")
                    lines.extend(traceback.format_stack(frame)[-12:])
            print(
                "".join(line if line.endswith("\n") else line + "\n" for line in lines),
                file=sys.stderr,
                flush=True,
            )


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


# --- the benchmark -------------------------------------------------------------------------


def child_env(folder: Path) -> dict[str, str]:
    """The environment of every measured process: offscreen Qt, no keyring, private folders."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        # No keyring: open_vault falls back to the data folder's device-secrets.json.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CACHE_HOME=str(folder / "cache"),
        PYTHONUNBUFFERED="1",
    )
    return env


def time_to_marker(
    command: list[str],
    marker: str,
    env: dict[str, str],
    timeout: float,
    then: str | None = None,
) -> dict[str, Any]:
    """Spawn ``command``, wait for ``marker`` on its stderr, end it (SIGTERM); milliseconds
    from spawning to the marker and the process's resident memory at that moment."""
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True, cwd=ROOT
    )

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.perf_counter(), line))
        lines.put((time.perf_counter(), None))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen: list[str] = []
    shown: float | None = None
    ready: float | None = None
    try:
        deadline = started + timeout
        while shown is None or (then is not None and ready is None):
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            if marker in line and shown is None:
                shown = at
            if then is not None and then in line and ready is None:
                ready = at
        memory = memory_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(5)
        assert process.stderr is not None
        process.stderr.close()
    if shown is None:
        tail = "".join(seen[-30:])
        raise RuntimeError(
            f"{command[0]} never said {marker!r} (exit {process.returncode}):\n{tail}"
        )
    figures = {"ms": (shown - started) * 1000, "rss_mb": memory.get("VmRSS", 0.0)}
    if ready is not None:
        figures["ready_ms"] = (ready - started) * 1000
    return figures


def run_sync_child(
    data_dir: Path,
    settings_path: Path,
    env: dict[str, str],
    args: argparse.Namespace,
    log_path: Path,
) -> dict[str, Any]:
    """The sync process; its figures."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.bench_app",
        "--sync-child",
        str(data_dir),
        "--settings",
        str(settings_path),
        "--tick-ms",
        str(args.tick_ms),
    ]
    if args.trace_stalls:
        command += ["--trace-stalls", str(args.trace_stalls)]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as err:
        done = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            text=True,
            cwd=ROOT,
            timeout=args.timeout * 10,
            check=False,
        )
    output = done.stdout.strip().splitlines()
    lines = log_path.read_text(errors="replace").splitlines(keepends=True)
    if not output or not output[-1].startswith("{"):
        tail = "".join(lines[-40:])
        raise RuntimeError(f"the sync process failed (exit {done.returncode}):\n{tail}")
    figures: dict[str, Any] = json.loads(output[-1])
    # The figures were taken before the process ended; an abort on the way out is reported
    # with them (and its last words logged), not hidden.
    figures["exit_code"] = done.returncode
    if done.returncode != 0:
        log(f"the sync process exited with {done.returncode} after its figures:")
        print("".join(lines[-6:]), file=sys.stderr, end="", flush=True)
    return figures


def enroll_tablet(central_engine: Any, base: str, data_dir: Path) -> str:
    """Enroll a tablet to WAW-01 into ``data_dir`` as the app does; its device id."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    from clerk.central.enrollment import create_enrollment_code
    from clerk.services.credentials import SECRETS_FILE, FileVault
    from clerk.services.enrollment import enroll_device
    from clerk.store import LocalStore

    with Session(central_engine) as session, session.begin():
        code = create_enrollment_code(session, STORE, datetime.now(UTC))
    data_dir.mkdir(parents=True)
    store = LocalStore.open(f"sqlite:///{data_dir / 'store.db'}")
    try:
        identity = enroll_device(
            store, FileVault(data_dir / SECRETS_FILE), base, code, "bench tablet"
        )
    finally:
        store.close()
    return identity.device_id


def time_starts(
    data_dir: Path, env: dict[str, str], runs: int, timeout: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``runs`` cold starts of ``clerk`` and of the bare window, alternating, after one
    unrecorded run of each."""
    clerk = Path(sys.executable).with_name("clerk")
    app_command = [str(clerk), "--data-dir", str(data_dir)]
    bare_command = [sys.executable, "-c", BARE_SCRIPT]
    apps: list[dict[str, Any]] = []
    bares: list[dict[str, Any]] = []
    for run in range(runs + 1):
        bare = time_to_marker(bare_command, BARE_MARKER, env, timeout)
        app = time_to_marker(app_command, SIGNIN_MARKER, env, timeout, then=READY_MARKER)
        label = "warm-up" if run == 0 else f"run {run}"
        log(f"start {label}: clerk {app['ms']:.0f} ms, bare {bare['ms']:.0f} ms")
        if run:
            apps.append(app)
            bares.append(bare)
    return apps, bares


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last stdout line is the JSON figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--customers", type=int, default=100_000, help="central's customers (100,000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind (5)")
    parser.add_argument("--seed", type=int, help="central's seed (the demo default)")
    parser.add_argument("--db", help="central database: sqlite:///path (default: cached)")
    parser.add_argument(
        "--language", default="pl", choices=("pl", "en", "system"), help="the app's language (pl)"
    )
    parser.add_argument("--tick-ms", type=int, default=5, help="UI timer interval (5 ms)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a start")
    parser.add_argument(
        "--trace-stalls", type=float, metavar="MS", help="print stacks of stalls over MS"
    )
    parser.add_argument("--sync-log", type=Path, help="keep the sync process's log here")
    parser.add_argument("--sync-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--settings", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sync_child is not None:
        return sync_child(args.sync_child, args.settings, args.tick_ms, args.trace_stalls)

    from clerk.central.seed import CUSTOMERS_PER_SCALE, DEFAULT_SEED
    from clerk.services.settings import SETTINGS_FILE, AppSettings, save_settings
    from tests.benchmarks.bench_central import prepare
    from tests.support.central_process import central_process, free_port

    scale = args.customers / CUSTOMERS_PER_SCALE
    seed = DEFAULT_SEED if args.seed is None else args.seed
    url, central_engine, cleanup = prepare(
        argparse.Namespace(scale=scale, seed=seed, db=args.db, keep=False)
    )
    try:
        with (
            tempfile.TemporaryDirectory(prefix="clerk-bench-app-") as tmp,
            central_process(url, free_port(), Path(tmp) / "central.log") as base,
        ):
            folder = Path(tmp)
            env = child_env(folder)
            # Where platformdirs puts the settings under XDG_CONFIG_HOME (Linux).
            settings_path = folder / "config" / "clerk" / SETTINGS_FILE
            save_settings(settings_path, AppSettings(language=args.language))
            data_dir = folder / "tablet"
            device = enroll_tablet(central_engine, base, data_dir)
            log(f"enrolled {device} to {STORE}; syncing its slice with the sign-in screen up ...")
            sync_log = args.sync_log or folder / "sync.log"
            synced = run_sync_child(data_dir, settings_path, env, args, sync_log)
            log(
                f"sync: {synced['entities_synced']} entities ({synced['customers']} customers) in "
                f"{synced['sync_s']} s; peak RSS {synced['peak_rss_mb']} MB; "
                f"max stall {synced['max_stall_ms']} ms (worst: {synced['worst_stalls'][:4]})"
            )
            log(f"timing {args.runs} cold starts of clerk and of a bare PySide6 window ...")
            apps, bares = time_starts(data_dir, env, args.runs, args.timeout)
    finally:
        central_engine.dispose()
        cleanup()

    start_ms = statistics.median(a["ms"] for a in apps)
    bare_ms = statistics.median(b["ms"] for b in bares)
    figures: dict[str, Any] = {
        "start_ms": round(start_ms, 1),
        "bare_start_ms": round(bare_ms, 1),
        "start_ratio": round(start_ms / bare_ms, 2),
        "peak_rss_mb": synced["peak_rss_mb"],
        "max_stall_ms": synced["max_stall_ms"],
        "start_runs_ms": [round(a["ms"]) for a in apps],
        "ready_ms": round(statistics.median(a.get("ready_ms", 0.0) for a in apps), 1),
        "bare_runs_ms": [round(b["ms"]) for b in bares],
        "start_rss_mb": round(statistics.median(a["rss_mb"] for a in apps), 1),
        "rss_after_sync_mb": synced["rss_after_sync_mb"],
        "stall_p99_ms": synced["stall_p99_ms"],
        "worst_stalls": synced["worst_stalls"],
        "stall_ticks": synced["ticks"],
        "gc_full_passes": synced["gc_full_passes"],
        "gc_full_max_ms": synced["gc_full_max_ms"],
        "tick_ms": args.tick_ms,
        "customers": synced["customers"],
        "entities_synced": synced["entities_synced"],
        "sync_s": synced["sync_s"],
        "sync_connectivity": synced["connectivity"],
        "sync_exit_code": synced["exit_code"],
        "central_customers": args.customers,
        "runs": args.runs,
        "language": args.language,
        "targets": TARGETS,
    }
    figures["targets_met"] = {
        name: figures[name] is not None and figures[name] <= limit
        for name, limit in TARGETS.items()
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
