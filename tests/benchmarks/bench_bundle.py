"""The store tablet's bundle beside the checkout: size, build time and start times.

Run as ``uv run --group packaging python -m tests.benchmarks.bench_bundle [--runs N]
[--bundle DIR]``.  Without ``--bundle`` it builds one first (``packaging/build.py`` into a
temporary folder, timed: ``build_s``).

* ``bundle_mib``: the bundle folder on disk (``du``); ``archive_mib`` its ``.tar.gz`` when
  built here.
* For each way of starting ``clerk`` — the bundle's executable, ``uv run clerk`` and the
  checkout's ``.venv/bin/clerk`` — in fresh processes, off screen, without a keyring:
  ``--version`` and ``--self-check`` (to exit), and the app on an enrolled tablet's data folder
  until its ``sign-in screen shown`` log line (then SIGTERM).  The first run of each is reported
  on its own (``*_first_ms``: after a build the files are in the page cache, so it is not a
  cold disk), then the median of ``--runs`` more (``*_ms``).  Central is the small demo brand,
  served on loopback in this process.

Progress goes to stderr; the last stdout line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "VIRTUAL_ENV")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "share"),
    )
    return env


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT, timeout=120)
    return (time.perf_counter() - started) * 1000


def _until_sign_in(command: list[str], env: dict[str, str], log: Path) -> float:
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            while "sign-in screen shown" not in log.read_text():
                if process.poll() is not None or time.perf_counter() - started > 120:
                    raise RuntimeError(log.read_text())
                time.sleep(0.01)
            elapsed = (time.perf_counter() - started) * 1000
            process.send_signal(signal.SIGTERM)
            process.wait(30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return elapsed


def _enroll(data: Path, central_url: str, central_db: str) -> None:
    from sqlalchemy.orm import Session

    from clerk.central.db import make_engine
    from clerk.central.enrollment import create_enrollment_code
    from clerk.services.credentials import SECRETS_FILE, FileVault
    from clerk.services.enrollment import enroll_device
    from clerk.store import LocalStore

    engine = make_engine(central_db)
    with Session(engine) as session:
        code = create_enrollment_code(session, "WAW-01", datetime.now(UTC))
        session.commit()
    engine.dispose()
    data.mkdir(parents=True)
    store = LocalStore.open(f"sqlite:///{data / 'store.db'}")
    try:
        enroll_device(store, FileVault(data / SECRETS_FILE), central_url, code, "Bench tablet")
    finally:
        store.close()


def _du_mib(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return round(int(out.stdout.split()[0]) / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_bundle", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="recorded runs after the first (5)")
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder")
    args = parser.parse_args(argv)
    figures: dict[str, object] = {"runs": args.runs}
    with tempfile.TemporaryDirectory(prefix="clerk-bench-bundle-") as tmp_name:
        tmp = Path(tmp_name)
        bundle = args.bundle
        if bundle is None:
            print("building the bundle …", file=sys.stderr)
            started = time.perf_counter()
            build = [str(ROOT / "packaging" / "build.py"), "--archive", "--dist", str(tmp / "dist")]
            subprocess.run(
                [sys.executable, *build, "--work", str(tmp / "work")],
                check=True,
                cwd=ROOT,
            )
            figures["build_s"] = round(time.perf_counter() - started, 1)
            bundle = tmp / "dist" / "clerk"
            archive = next((tmp / "dist").glob("clerk-*.tar.gz"))
            figures["archive_mib"] = round(archive.stat().st_size / 2**20, 1)
        figures["bundle_mib"] = _du_mib(bundle)
        uv = shutil.which("uv") or "uv"
        ways = {
            "bundle": [str(bundle / "clerk")],
            "uv_run": [uv, "run", "--frozen", "clerk"],
            "venv": [str(ROOT / ".venv" / "bin" / "clerk")],
        }
        from clerk.central.embedded import embedded_central, prepare_demo_database

        central_db, _ = prepare_demo_database(tmp / "central.db", customers=40, orders=60)
        with embedded_central(central_db) as central_url:
            for way, command in ways.items():
                home = tmp / way
                env = _env(home)
                data = home / "data"
                _enroll(data, central_url, central_db)
                checks = {
                    "version": lambda c=command, e=env: _timed([*c, "--version"], e),
                    "self_check": lambda c=command, e=env, d=data: _timed(
                        [*c, "--self-check", "--data-dir", str(d)], e
                    ),
                    "sign_in": lambda c=command, e=env, d=data, h=home: _until_sign_in(
                        [*c, "--data-dir", str(d)], e, h / "clerk.log"
                    ),
                }
                for name, run in checks.items():
                    print(f"{way}: {name} …", file=sys.stderr)
                    figures[f"{way}_{name}_first_ms"] = round(run())
                    times = [run() for _ in range(args.runs)]
                    figures[f"{way}_{name}_ms"] = round(statistics.median(times))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
