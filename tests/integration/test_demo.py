"""``clerk demo``: the embedded central service with the demo data, reachable on loopback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy.orm import Session

from clerk.central.db import make_engine
from clerk.central.embedded import embedded_central, prepare_demo_database
from clerk.central.keys import verification_keys
from clerk.cli import clerk_main
from clerk.demo import demo_sheet
from clerk.domain.tokens import (
    TokenKind,
    generate_private_key,
    public_key_text,
    verify_token,
)


def test_the_demo_serves_its_database_and_prints_working_codes(tmp_path: Path) -> None:
    db = tmp_path / "demo" / "central.db"
    url, seeded = prepare_demo_database(db, customers=80, orders=500)
    assert seeded
    assert prepare_demo_database(db) == (url, False), "the second start reuses the database"

    with embedded_central(url) as central_url:
        assert requests.get(f"{central_url}/healthz", timeout=5).status_code == 200
        now = datetime.now(UTC)
        sheet = demo_sheet(url, central_url, now)
        code = sheet.split("single use): ")[1].split()[0]
        device_key = public_key_text(generate_private_key().public_key())
        enrolled = requests.post(
            f"{central_url}/v1/devices/enroll",
            json={"code": code, "device_name": "Demo tablet", "public_key": device_key},
            timeout=10,
        )
        assert enrolled.status_code == 201, enrolled.text
        assert enrolled.json()["store"]["id"] == "WAW-01"

    assert "PIN 1111" in sheet and "Maria Kowalczyk" in sheet
    tokens = [line.strip() for line in sheet.splitlines() if line.strip().startswith("CLK1.")]
    engine = make_engine(url)
    with Session(engine) as session:
        keys = verification_keys(session)
    engine.dispose()
    kinds = {verify_token(token, keys, now).kind for token in tokens}
    assert kinds == {TokenKind.LOYALTY, TokenKind.PICKUP}


def test_clerk_help_names_the_demo_and_the_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        clerk_main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "demo" in text and "--data-dir" in text and "--store-db" in text
