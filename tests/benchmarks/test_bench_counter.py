"""Smoke test of the Counter benchmark script (a small central, a few scans): it runs the real
app and reports its figures.  Targets are reported by the script, not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.bench_counter import TARGETS

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]


def test_bench_counter_reports_its_figures(tmp_path: Path) -> None:
    # Its own process: the script makes its own QApplication and offscreen platform.
    command = [
        sys.executable,
        *("-m", "tests.benchmarks.bench_counter"),
        *("--customers", "1000", "--scans", "20", "--warmup", "2", "--uncached", "5"),
        *("--db", f"sqlite:///{tmp_path / 'central.db'}"),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=240
    )
    assert done.returncode == 0, done.stderr[-4000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])

    assert figures["scans"] == figures["floor_runs"] == 20
    assert figures["uncached_customers"] == 5
    for name in ("scan", "floor", "uncached"):
        assert 0 < figures[f"{name}_p50_ms"] <= figures[f"{name}_p95_ms"]
        assert figures[f"{name}_p95_ms"] <= figures[f"{name}_max_ms"] < 10_000
    assert figures["floor_ratio"] == pytest.approx(
        figures["scan_p95_ms"] / figures["floor_p95_ms"], abs=0.01
    )
    phases = figures["scan_phases_p50_ms"]
    assert set(phases) == {"total", "resolve", "load", "show", "paint"}
    assert all(value >= 0 for value in phases.values())
    assert set(figures["uncached_phases_p50_ms"]) >= {"fetch", "show", "paint"}

    # The customer shown is the one topped up to a 200-row timeline, read the same by both.
    assert figures["timeline_entries"] >= 200
    assert figures["floor_rows"] == figures["timeline_entries"]
    assert figures["topped_up_sales"] > 0
    assert figures["timeline_entries_before_top_up"] < 200
    # Today's store visit: written once for that customer and once per uncached customer.
    assert figures["visits_written"] == 1 + figures["uncached_customers"] + 1
    assert 0 < figures["local_customers"] < figures["central_customers"] == 1000
    assert figures["local_orders"] > figures["topped_up_sales"]
    assert figures["entities_synced"] > figures["local_customers"]
    assert figures["sync_exit_code"] == 0

    assert set(figures["targets_met"]) == set(TARGETS) == set(figures["targets"])
    assert all(isinstance(met, bool) for met in figures["targets_met"].values())
