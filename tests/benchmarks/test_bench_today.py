"""Smoke test of the Today benchmark script (tiny scale): it runs and reports its figures."""

from __future__ import annotations

import json

import pytest

from tests.benchmarks.bench_today import main

pytestmark = pytest.mark.benchmark


def test_bench_today_reports_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--orders", "300", "--reads", "2"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["history_rows"] == 300 + 15 + 30
    assert figures["day_figures_p50_ms"] > 0 and figures["reads"] == 2
    # The day's own figures, not the history's (tests.services.day_fixture).
    assert (figures["released"], figures["returns"], figures["effort_scores"]) == (2, 2, 3)
