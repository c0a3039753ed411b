"""Enrolling the tablet against the real central service on loopback, and forgetting it."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from clerk.central.enrollment import create_enrollment_code, revoke_device
from clerk.domain.tokens import key_id_for, load_private_key
from clerk.services.credentials import FileVault
from clerk.services.enrollment import (
    DeviceIdentity,
    EnrollmentFailed,
    enroll_device,
    forget_device,
    last_central_url,
    load_identity,
)
from clerk.store import LocalStore, NewCommand
from clerk.sync.client import CentralClient
from clerk.sync.errors import DeviceNotAuthorized
from tests.sync.conftest import LiveCentral, no_sleep, serve_copy
from tests.sync.conftest import central_template as central_template

STORE = "WAW-01"


@pytest.fixture
def central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:
    with serve_copy(central_template, tmp_path) as live:
        yield live


@pytest.fixture
def vault(tmp_path: Path) -> FileVault:
    return FileVault(tmp_path / "secrets" / "device-secrets.json")


def new_code(central: LiveCentral, store_id: str = STORE, now: datetime | None = None) -> str:
    with central.session() as session:
        code = create_enrollment_code(session, store_id, now or datetime.now(UTC))
        session.commit()
    return code


def enroll(store: LocalStore, vault: FileVault, url: str, code: str) -> DeviceIdentity:
    return enroll_device(store, vault, url, code, "Counter 1")


def failure(store: LocalStore, vault: FileVault, url: str, code: str) -> EnrollmentFailed:
    with pytest.raises(EnrollmentFailed) as failed:
        enroll(store, vault, url, code)
    return failed.value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_enrollment_keeps_the_identity_keys_and_token(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    identity = enroll(local_store, vault, central.url + "/", new_code(central))

    assert identity.store_id == STORE
    assert identity.central_url == central.url
    assert identity.device_name == "Counter 1"
    assert load_identity(local_store) == identity
    secrets = vault.load(identity.device_id)
    assert secrets is not None
    assert key_id_for(load_private_key(secrets.private_key).public_key()) == identity.key_id
    with local_store.unit(read_only=True) as unit:
        # Tokens verify offline before the first pull: central's keys and this device's own.
        assert unit.keys.signing_keys()
        assert identity.key_id in unit.keys.device_keys()
        store = unit.stores.store(STORE)
        assert store is not None and store.id == STORE
        audit = unit.audit.recent(1, action="enroll_device")[0]
    assert (audit.result, audit.device_id, audit.target) == ("ok", identity.device_id, STORE)
    assert secrets.token not in str(audit.detail)
    # The token is central's: it reads the store's feed.
    client = CentralClient(central.url, secrets.token, sleep=no_sleep)
    try:
        assert client.changes(STORE, 0, 1).changes
    finally:
        client.close()


def test_a_wrong_code_is_refused(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    failed = failure(local_store, vault, central.url, "ABCD-EFGH")
    assert failed.code == "code_refused"
    assert "ask for a new code" in failed.message
    assert load_identity(local_store) is None
    with local_store.unit(read_only=True) as unit:
        assert unit.audit.recent(1, action="enroll_device")[0].result == "code_refused"


def test_a_used_code_is_refused(
    local_store: LocalStore, vault: FileVault, central: LiveCentral, tmp_path: Path
) -> None:
    code = new_code(central)
    other = LocalStore.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        enroll(other, FileVault(tmp_path / "other.json"), central.url, code)
    finally:
        other.close()
    assert failure(local_store, vault, central.url, code).code == "code_refused"


def test_an_expired_code_is_refused(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    code = new_code(central, now=datetime.now(UTC) - timedelta(hours=1))
    failed = failure(local_store, vault, central.url, code)
    assert failed.code == "code_refused"
    assert "expired" in failed.message


def test_an_unreachable_central_says_so(local_store: LocalStore, vault: FileVault) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    failed = failure(local_store, vault, url, "ABCD-EFGH")
    assert failed.code == "central_unreachable"
    assert failed.message.startswith(f"Central at {url} does not answer")


@pytest.mark.parametrize(
    "url",
    [
        "",
        "central.example.com",
        "ftp://central.example.com",
        "https://",
        "http://host:99999",
        "https://user:pw@central.example.com",
    ],
)
def test_a_bad_url_is_refused_before_anything_is_sent(
    local_store: LocalStore, vault: FileVault, url: str
) -> None:
    def no_client(url: str, token: str | None) -> CentralClient:
        raise AssertionError("nothing may be sent")

    with pytest.raises(EnrollmentFailed) as failed:
        enroll_device(local_store, vault, url, "ABCD-EFGH", "Counter 1", client_factory=no_client)
    assert failed.value.code == "bad_url"
    assert "central.example.com" in failed.value.message


def test_an_address_that_is_not_central(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    failed = failure(local_store, vault, central.url + "/not-central", new_code(central))
    assert failed.code == "central_error"


def test_re_enrolling_to_the_same_store_keeps_the_data(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    first = enroll(local_store, vault, central.url, new_code(central))
    with local_store.unit() as unit:
        unit.sync_state.set_cursor(42)
    second = enroll(local_store, vault, central.url, new_code(central))
    assert second.device_id != first.device_id
    assert load_identity(local_store) == second
    assert vault.load(first.device_id) is None
    assert vault.load(second.device_id) is not None
    with local_store.unit(read_only=True) as unit:
        assert unit.sync_state.cursor() == 42
    # The same central under another address: the feed is pulled again from the start.
    enroll(local_store, vault, central.url.replace("127.0.0.1", "localhost"), new_code(central))
    with local_store.unit(read_only=True) as unit:
        assert unit.sync_state.cursor() == 0


def test_another_stores_tablet_refuses_the_code(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    first = enroll(local_store, vault, central.url, new_code(central))
    failed = failure(local_store, vault, central.url, new_code(central, "KRK-01"))
    assert failed.code == "other_store_data"
    assert "WAW-01" in failed.message and "KRK-01" in failed.message
    assert load_identity(local_store) == first


def test_a_revoked_device_is_forgotten_but_its_outbox_stays(
    local_store: LocalStore, vault: FileVault, central: LiveCentral
) -> None:
    identity = enroll(local_store, vault, central.url, new_code(central))
    secrets = vault.load(identity.device_id)
    assert secrets is not None
    with local_store.unit() as unit:
        unit.outbox.add(
            NewCommand(
                id=str(uuid.uuid4()),
                kind="add_note",
                method="POST",
                path="/v1/customers/c-1/interactions",
                body={"body": "queued before the revocation"},
                device_id=identity.device_id,
                staff_id="STF-WAW01-01",
                lane="customer:c-1",
                touches=(),
                if_match=None,
                created_at=datetime.now(UTC),
            )
        )
    with Session(central.engine) as session:
        revoke_device(session, identity.device_id, datetime.now(UTC))
        session.commit()
    client = CentralClient(central.url, secrets.token, sleep=no_sleep)
    try:
        with pytest.raises(DeviceNotAuthorized):
            client.changes(STORE, 0, 1)
    finally:
        client.close()

    forget_device(local_store, vault)

    assert load_identity(local_store) is None
    assert vault.load(identity.device_id) is None
    assert last_central_url(local_store) == central.url
    with local_store.unit(read_only=True) as unit:
        assert unit.outbox.counts().pending == 1
        assert unit.audit.recent(1)[0].action == "forget_device"
    # A new code for the same store enrolls the tablet again.
    again = enroll(local_store, vault, central.url, new_code(central))
    assert load_identity(local_store) == again
