"""Where the tablet keeps its secrets: central's bearer token and its own Ed25519 key.

The OS keyring (Windows Credential Manager, macOS Keychain, the Secret Service on a Linux
desktop) when one is usable; a JSON file only its owner may read where there is none (a
headless Linux box, a kiosk session without a keyring daemon). :func:`open_vault` chooses and
says which in the log; :attr:`CredentialVault.description` says where in words for the
self-check.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail, null

from clerk.domain.errors import DomainError

__all__ = [
    "KEYRING_SERVICE",
    "CredentialVault",
    "DeviceSecrets",
    "FileVault",
    "KeyringVault",
    "VaultError",
    "open_vault",
    "usable_keyring",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "clerk"
SECRETS_FILE = "device-secrets.json"
_PROBE_USER = "clerk-keyring-probe"
_PRIVATE = 0o600


class VaultError(DomainError):
    """The device's secrets cannot be stored or read where they are kept."""


@dataclass(frozen=True)
class DeviceSecrets:
    """What an enrolled tablet must keep secret: its bearer token and its private key text."""

    token: str
    private_key: str

    def __repr__(self) -> str:  # never print a secret into a log by accident
        return "DeviceSecrets(token=<hidden>, private_key=<hidden>)"

    def to_json(self) -> dict[str, str]:
        """The secrets as plain data."""
        return {"token": self.token, "private_key": self.private_key}

    @classmethod
    def from_json(cls, data: Any) -> DeviceSecrets | None:
        """The secrets in ``data``; None if it does not hold both as text."""
        if not isinstance(data, dict):
            return None
        token, key = data.get("token"), data.get("private_key")
        if not isinstance(token, str) or not isinstance(key, str) or not token or not key:
            return None
        return cls(token=token, private_key=key)


class CredentialVault(Protocol):
    """Keeps one :class:`DeviceSecrets` per device id."""

    @property
    def description(self) -> str:
        """Where the secrets are kept, in words for the log and the self-check."""
        ...

    def load(self, device_id: str) -> DeviceSecrets | None:
        """The device's secrets, or None if none are kept."""
        ...

    def save(self, device_id: str, secrets: DeviceSecrets) -> None:
        """Keep ``secrets`` for ``device_id`` (replacing any kept before)."""
        ...

    def delete(self, device_id: str) -> None:
        """Forget the device's secrets (nothing happens if none are kept)."""
        ...


class KeyringVault:
    """Secrets in the OS keyring, one entry per device under the service name ``clerk``."""

    def __init__(
        self,
        backend: keyring.backend.KeyringBackend | None = None,
        service: str = KEYRING_SERVICE,
    ) -> None:
        self.backend = backend if backend is not None else keyring.get_keyring()
        self.service = service

    @property
    def description(self) -> str:
        """The keyring backend's name and the service name."""
        return f"the system keyring ({self.backend.name}), service {self.service!r}"

    def load(self, device_id: str) -> DeviceSecrets | None:
        """The device's secrets from the keyring; VaultError if the keyring refuses."""
        try:
            text = self.backend.get_password(self.service, device_id)
        except keyring.errors.KeyringError as exc:
            raise _keyring_refused("read", exc) from exc
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            log.error("the keyring entry of device %s is not JSON; ignoring it", device_id)
            return None
        return DeviceSecrets.from_json(data)

    def save(self, device_id: str, secrets: DeviceSecrets) -> None:
        """Store the secrets in the keyring; VaultError if it refuses (e.g. locked)."""
        try:
            self.backend.set_password(self.service, device_id, json.dumps(secrets.to_json()))
        except keyring.errors.KeyringError as exc:
            raise _keyring_refused("store", exc) from exc

    def delete(self, device_id: str) -> None:
        """Remove the device's entry from the keyring, if there is one."""
        try:
            self.backend.delete_password(self.service, device_id)
        except keyring.errors.PasswordDeleteError:
            return  # nothing was kept
        except keyring.errors.KeyringError as exc:
            raise _keyring_refused("delete", exc) from exc


def _keyring_refused(doing: str, exc: Exception) -> VaultError:
    return VaultError(
        "vault_unavailable",
        f"The system keyring refused to {doing} this tablet's credentials ({exc}); unlock "
        "the keyring or sign in to the desktop session, then try again.",
    )


class FileVault:
    """Secrets in a JSON file only its owner may read (mode 0600), written atomically.

    A file others may read is made private again (with a warning) before it is used; one that
    belongs to another user is refused.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    @property
    def description(self) -> str:
        """The file's path."""
        return f"the file {self.path} (readable by its owner only)"

    def load(self, device_id: str) -> DeviceSecrets | None:
        """The device's secrets from the file."""
        with self._lock:
            return DeviceSecrets.from_json(self._read().get(device_id))

    def save(self, device_id: str, secrets: DeviceSecrets) -> None:
        """Write the file again with ``secrets`` for ``device_id``."""
        with self._lock:
            entries = self._read()
            entries[device_id] = secrets.to_json()
            self._write(entries)

    def delete(self, device_id: str) -> None:
        """Write the file again without ``device_id``."""
        with self._lock:
            entries = self._read()
            if entries.pop(device_id, None) is not None:
                self._write(entries)

    def _read(self) -> dict[str, Any]:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise _file_refused(self.path, f"cannot be opened: {exc}") from exc
        with os.fdopen(fd, "rb") as file:
            self._check_private(file.fileno())
            raw = file.read()
        try:
            data = json.loads(raw)
        except ValueError:
            log.error("%s is not valid JSON; treating it as empty", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def _check_private(self, fd: int) -> None:
        if os.name == "nt":  # the user profile's ACL protects it; mode bits mean little there
            return
        info = os.fstat(fd)
        if info.st_uid != os.getuid():
            raise _file_refused(self.path, "belongs to another user")
        if stat.S_IMODE(info.st_mode) & 0o077:
            log.warning(
                "%s was readable by others (mode %o); making it private again",
                self.path,
                stat.S_IMODE(info.st_mode),
            )
            try:
                os.fchmod(fd, _PRIVATE)
            except OSError as exc:
                raise _file_refused(self.path, f"is readable by others: {exc}") from exc

    def _write(self, entries: dict[str, Any]) -> None:
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        # mkstemp creates the file with mode 0600, so the secrets are never readable by others,
        # not even between writing and renaming.
        fd, tmp = tempfile.mkstemp(prefix=".device-secrets-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(entries, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_refused(path: Path, why: str) -> VaultError:
    return VaultError(
        "vault_unsafe",
        f"The credentials file {path} {why}; ask IT to check the tablet's user folder, then "
        "enroll the tablet again.",
    )


def _usable(backend: keyring.backend.KeyringBackend) -> str | None:
    """Why ``backend`` cannot keep secrets, or None if it can."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return f"no keyring backend is available ({backend.name})"
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "the keyring chainer has no backends"
    try:
        backend.get_password(KEYRING_SERVICE, _PROBE_USER)
    except Exception as exc:  # any failure of a third-party backend means "do not use it"
        return f"the keyring does not answer ({type(exc).__name__}: {exc})"
    return None


def usable_keyring() -> tuple[keyring.backend.KeyringBackend | None, str]:
    """The OS keyring backend if it can keep secrets (and ""), else None and why not."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the app
        return None, f"the keyring cannot be loaded ({type(exc).__name__}: {exc})"
    why = _usable(backend)
    return (backend, "") if why is None else (None, why)


def open_vault(fallback_dir: Path) -> CredentialVault:
    """The OS keyring if a usable one exists, else ``fallback_dir/device-secrets.json``.

    The fallback is logged as a warning: the token then lies in a file protected only by the
    file system's permissions.
    """
    backend, why = usable_keyring()
    if backend is not None:
        vault = KeyringVault(backend)
        log.info("device credentials are kept in %s", vault.description)
        return vault
    file_vault = FileVault(Path(fallback_dir) / SECRETS_FILE)
    log.warning("%s; device credentials are kept in %s instead", why, file_vault.description)
    return file_vault
