"""Smoke test of the sync benchmark script (tiny scale): it runs and reports its figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks.bench_sync import main

pytestmark = pytest.mark.benchmark


def test_bench_sync_reports_its_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert main(["--scale", "0.05", "--db", db, "--searches", "50"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["initial_entities"] > 1000 and figures["initial_entities_per_s"] > 0
    assert figures["delta_entities"] == figures["delta_changes"] > 0 and figures["delta_1000_s"] > 0
    assert figures["searches"] == 50 and figures["search_p95_ms"] > 0
    assert figures["db_size_mb"] > 0 and figures["scale"] == 0.05
