"""Where the device's secrets live: the OS keyring, or a private file where there is none."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import chainer, fail
from keyring.compat import properties

from clerk.services.credentials import (
    DeviceSecrets,
    FileVault,
    KeyringVault,
    VaultError,
    open_vault,
)

SECRETS = DeviceSecrets(token="tok-123", private_key="priv-abc")
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps passwords in a dict (a stand-in for the OS keyring).

    Every backend class registers itself with keyring; a priority that raises keeps this one
    out of keyring's own choice (and out of other tests): it is used only when set explicitly.
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a test double, used only when set explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class LockedKeyring(MemoryKeyring):
    """A keyring whose every call fails, like a locked or broken Secret Service."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_secrets_never_show_in_repr() -> None:
    assert "tok-123" not in repr(SECRETS) and "priv-abc" not in repr(SECRETS)


def test_file_vault_round_trip(tmp_path: Path) -> None:
    vault = FileVault(tmp_path / "clerk" / "device-secrets.json")
    assert vault.load("dev-1") is None
    vault.save("dev-1", SECRETS)
    vault.save("dev-2", DeviceSecrets("tok-2", "priv-2"))
    assert FileVault(vault.path).load("dev-1") == SECRETS
    vault.delete("dev-1")
    vault.delete("dev-1")  # forgetting twice is fine
    assert vault.load("dev-1") is None
    assert vault.load("dev-2") == DeviceSecrets("tok-2", "priv-2")
    assert str(vault.path) in vault.description
    assert [p.name for p in vault.path.parent.iterdir()] == ["device-secrets.json"]


@posix_only
def test_file_vault_is_private(tmp_path: Path) -> None:
    vault = FileVault(tmp_path / "new-dir" / "device-secrets.json")
    vault.save("dev-1", SECRETS)
    assert _mode(vault.path) == 0o600
    assert _mode(vault.path.parent) & 0o077 == 0


@posix_only
def test_file_vault_repairs_a_file_others_can_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "device-secrets.json"
    path.write_text(json.dumps({"dev-1": SECRETS.to_json()}))
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        assert FileVault(path).load("dev-1") == SECRETS
    assert _mode(path) == 0o600
    assert "readable by others" in caplog.text


@posix_only
def test_file_vault_refuses_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_text(json.dumps({"dev-1": SECRETS.to_json()}))
    link = tmp_path / "device-secrets.json"
    link.symlink_to(real)
    with pytest.raises(VaultError) as refused:
        FileVault(link).load("dev-1")
    assert refused.value.code == "vault_unsafe"


def test_file_vault_treats_a_broken_file_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "device-secrets.json"
    path.write_text("{not json")
    vault = FileVault(path)
    assert vault.load("dev-1") is None
    vault.save("dev-1", SECRETS)
    assert vault.load("dev-1") == SECRETS


def test_headless_machine_falls_back_to_the_file(
    tmp_path: Path, restore_keyring: None, caplog: pytest.LogCaptureFixture
) -> None:
    keyring.set_keyring(fail.Keyring())
    with caplog.at_level(logging.WARNING, logger="clerk.services.credentials"):
        vault = open_vault(tmp_path)
    assert isinstance(vault, FileVault)
    assert vault.path == tmp_path / "device-secrets.json"
    assert "device-secrets.json" in caplog.text
    vault.save("dev-1", SECRETS)
    assert vault.load("dev-1") == SECRETS


def test_this_machine_without_a_keyring_uses_the_file(tmp_path: Path) -> None:
    # CI and the test machines are headless: no keyring backend is viable there.
    current = keyring.get_keyring()
    headless = isinstance(current, fail.Keyring) or (
        isinstance(current, chainer.ChainerBackend) and not current.backends
    )
    if not headless:
        pytest.skip(f"this machine has a keyring ({current.name})")
    assert isinstance(open_vault(tmp_path), FileVault)


def test_a_keyring_that_fails_its_probe_is_not_used(tmp_path: Path, restore_keyring: None) -> None:
    keyring.set_keyring(LockedKeyring())
    assert isinstance(open_vault(tmp_path), FileVault)


def test_a_usable_keyring_keeps_the_secrets(tmp_path: Path, restore_keyring: None) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    vault = open_vault(tmp_path)
    assert isinstance(vault, KeyringVault)
    assert "keyring" in vault.description
    vault.save("dev-1", SECRETS)
    assert json.loads(backend.entries[("clerk", "dev-1")]) == SECRETS.to_json()
    assert vault.load("dev-1") == SECRETS
    vault.delete("dev-1")
    vault.delete("dev-1")
    assert vault.load("dev-1") is None
    assert not (tmp_path / "device-secrets.json").exists()


def test_a_keyring_refusing_to_store_says_what_to_do() -> None:
    vault = KeyringVault(LockedKeyring())
    with pytest.raises(VaultError) as refused:
        vault.save("dev-1", SECRETS)
    assert refused.value.code == "vault_unavailable"
    assert "unlock" in refused.value.message
