"""Smoke test of the central benchmark script (tiny scale): it runs and reports its figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks.bench_central import main

pytestmark = pytest.mark.benchmark


def test_bench_central_reports_its_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    assert main(["--scale", "0.05", "--db", db, "--profiles", "5", "--limit", "500"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["feed_entities"] > 1000 and figures["feed_entities_per_s"] > 0
    assert figures["profiles"] == 6 and figures["profile_p95_ms"] > 0
    assert figures["db"] == "sqlite" and figures["scale"] == 0.05
