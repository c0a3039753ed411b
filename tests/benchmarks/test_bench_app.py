"""Smoke test of the app benchmark script (a small central, two starts): it runs the real app
and reports its figures.  Targets are reported by the script, not asserted here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks.bench_app import TARGETS, main

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(600)]


def test_bench_app_reports_its_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert main(["--customers", "1000", "--runs", "2", "--db", db]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["start_ms"] > figures["bare_start_ms"] > 0
    assert figures["start_ratio"] == pytest.approx(
        figures["start_ms"] / figures["bare_start_ms"], abs=0.01
    )
    assert len(figures["start_runs_ms"]) == len(figures["bare_runs_ms"]) == 2 == figures["runs"]
    assert figures["peak_rss_mb"] >= figures["rss_after_sync_mb"] > 0
    assert figures["max_stall_ms"] >= figures["tick_ms"] == 5 and figures["stall_ticks"] > 0
    assert figures["customers"] == figures["central_customers"] == 1000
    assert figures["entities_synced"] > figures["customers"] and figures["sync_s"] > 0
    assert figures["sync_connectivity"] == "online"
    assert set(figures["targets_met"]) == set(TARGETS) == set(figures["targets"])
    assert all(isinstance(met, bool) for met in figures["targets_met"].values())
