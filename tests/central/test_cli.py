"""``clerk-central`` run in-process: migrate, seed, enrollment codes, tokens and key rotation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import make_engine
from clerk.central.enrollment import normalise_code
from clerk.central.keys import verification_keys
from clerk.cli import central_main, clerk_main
from clerk.domain.errors import TokenError
from clerk.domain.tokens import TokenKind, verify_token


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = central_main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out.strip()


def _last_line(text: str) -> str:
    return text.splitlines()[-1]


def _verify(db_url: str, token: str) -> tuple[TokenKind, dict[str, object]]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            keys = verification_keys(session)
        verified = verify_token(token, keys, datetime.now(UTC))
    finally:
        engine.dispose()
    return verified.kind, verified.claims


def test_migrate_seed_enroll_and_tokens(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "up to date" in _run(capsys, "migrate", "--db", db_url)
    out = _run(capsys, "seed", "--db", db_url, "--demo", "--customers", "60", "--orders", "300")
    assert "seeded 60 customers" in out
    assert "Anna Nowak" in out and "1111" in out

    engine: Engine = make_engine(db_url)
    try:
        assert "stores" in inspect(engine).get_table_names()
        with Session(engine) as s:
            order = m.Order
            ready = s.scalars(
                select(order).where(order.status == "ready", order.pickup_store_id == "WAW-01")
            ).first()
            sale = s.scalars(select(m.Order).where(m.Order.fulfilment == "carry_out")).first()
            assert ready is not None and sale is not None
            ready_id, ready_code, sale_id = ready.id, ready.pickup_code, sale.id
    finally:
        engine.dispose()

    code = _last_line(_run(capsys, "enroll-code", "--db", db_url, "--store", "WAW-01"))
    assert len(normalise_code(code)) == 8
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(m.EnrollmentCode)) == 1
    finally:
        engine.dispose()

    token = _run(capsys, "token", "loyalty", "--db", db_url, "--customer", "C0000001")
    kind, claims = _verify(db_url, token)
    assert kind is TokenKind.LOYALTY and claims["c"] == "C0000001"
    lives = verify_token(token, _keys(db_url), datetime.now(UTC))
    assert lives.expires_at is not None
    assert (lives.expires_at - lives.issued_at).total_seconds() == 300

    token = _run(capsys, "token", "pickup", "--db", db_url, "--order", ready_id)
    kind, claims = _verify(db_url, token)
    assert kind is TokenKind.PICKUP
    assert (claims["o"], claims["s"], claims["pc"]) == (ready_id, "WAW-01", ready_code)

    token = _run(capsys, "token", "receipt", "--db", db_url, "--order", sale_id)
    kind, claims = _verify(db_url, token)
    assert kind is TokenKind.RECEIPT and claims["o"] == sale_id


def test_key_rotation_keeps_old_tokens_verifying(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "migrate", "--db", db_url)
    _add_store_and_customer(db_url, "C0000002")
    first = _last_line(_run(capsys, "keys", "init", "--db", db_url))
    assert _last_line(_run(capsys, "keys", "init", "--db", db_url)) == first  # idempotent
    old = _run(capsys, "token", "loyalty", "--db", db_url, "--customer", "C0000002")

    second = _last_line(_run(capsys, "keys", "rotate", "--db", db_url))
    assert second != first
    new = _run(capsys, "token", "loyalty", "--db", db_url, "--customer", "C0000002")
    assert new.split(".")[2] != old.split(".")[2]
    for token in (old, new):
        kind, claims = _verify(db_url, token)
        assert kind is TokenKind.LOYALTY and claims["c"] == "C0000002"
    assert verify_token(new, _keys(db_url), datetime.now(UTC)).key_id == second

    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            published = set(
                s.scalars(select(m.Change.entity_id).where(m.Change.entity == "signing_key"))
            )
            active = list(s.scalars(select(m.SigningKey.id).where(m.SigningKey.active)))
    finally:
        engine.dispose()
    assert {first, second} <= published
    assert active == [second]


def _add_store_and_customer(db_url: str, customer_id: str) -> None:
    """Just enough data for tokens (seeding would spend seconds on the feeds)."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as s, s.begin():
            s.add(m.Store(id="WAW-01", name="Warszawa Centrum", city="Warszawa"))
            s.add(
                m.Customer(
                    id=customer_id,
                    first_name="Ewa",
                    last_name="Nowak",
                    email="ewa.nowak@example.pl",
                    phone="+48 601 000 000",
                    card_number="2990000000019",
                    created_at=datetime.now(UTC),
                )
            )
    finally:
        engine.dispose()


def _keys(db_url: str) -> dict[str, object]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return dict(verification_keys(session))
    finally:
        engine.dispose()


def test_errors_and_usage(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path}/cli.db"
    _run(capsys, "migrate", "--db", db)
    assert central_main(["enroll-code", "--db", db, "--store", "NOPE-01"]) == 1
    assert "NOPE-01" in capsys.readouterr().err
    # No signing key yet: the token command says what to run.
    assert central_main(["token", "loyalty", "--db", db, "--customer", "C1"]) == 1
    assert "keys init" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        central_main(["seed", "--db", db])
    assert usage.value.code == 2
    assert "--demo" in capsys.readouterr().err
    with pytest.raises(SystemExit) as helped:
        central_main(["--help"])
    assert helped.value.code == 0
    assert "enroll-code" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        clerk_main(["--no-such-option"])
    assert usage.value.code == 2
    assert "usage: clerk" in capsys.readouterr().err


def test_tampered_token_is_rejected(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path}/cli.db"
    _run(capsys, "migrate", "--db", db)
    _add_store_and_customer(db, "C0000003")
    _run(capsys, "keys", "init", "--db", db)
    token = _run(capsys, "token", "loyalty", "--db", db, "--customer", "C0000003")
    head, kind, payload, sig = token.split(".")
    forged = ".".join((head, kind, payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB"), sig))
    with pytest.raises(TokenError):
        _verify(db, forged)
