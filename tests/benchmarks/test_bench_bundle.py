"""Smoke test of the bundle benchmark: it builds the bundle, starts it and the checkout, and
reports their figures."""

from __future__ import annotations

import json

import pytest

from tests.benchmarks.bench_bundle import main

pytestmark = [pytest.mark.benchmark, pytest.mark.packaging, pytest.mark.timeout(900)]


def test_bench_bundle_reports_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--runs", "1"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["bundle_mib"] > figures["archive_mib"] > 0 and figures["build_s"] > 0
    for way in ("bundle", "uv_run", "venv"):
        for name in ("version", "self_check", "sign_in"):
            assert figures[f"{way}_{name}_ms"] > 0 and figures[f"{way}_{name}_first_ms"] > 0
