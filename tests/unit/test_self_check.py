"""``clerk --self-check`` from source: every part reported in words, the exit code honest."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from clerk.self_check import Status, check_database, check_keyring, check_migrations
from clerk.store import LocalStore
from clerk.store.revision import HEAD
from tests.services.test_credentials import MemoryKeyring

PARTS = [
    "Qt",
    "Window system",
    "Icons",
    "Translations",
    "Printing",
    "Camera",
    "Code reading",
    "Time zone",
    "Database engine",
    "Local database",
    "Keyring",
]
LINE = re.compile(r"^  (OK|WARNING|PROBLEM) +([A-Za-z ]+): (.+)$")


def run_self_check(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``clerk --self-check`` in its own process, as a person runs it (off screen)."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from clerk.cli import clerk_main; raise SystemExit(clerk_main())",
            "--self-check",
            "--data-dir",
            str(data_dir),
        ],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def report(stdout: str) -> dict[str, tuple[str, str]]:
    """The self-check's lines: part -> (status, detail)."""
    found = {}
    for line in stdout.splitlines():
        match = LINE.match(line)
        if match:
            found[match[2]] = (match[1], match[3])
    return found


def test_every_part_is_reported_in_words_and_a_working_checkout_passes(tmp_path: Path) -> None:
    result = run_self_check(tmp_path / "data")

    assert result.returncode == 0, result.stdout + result.stderr
    lines = report(result.stdout)
    assert list(lines) == PARTS
    assert "running from source" in result.stdout.splitlines()[0]
    assert {status for status, _ in lines.values()} <= {"OK", "WARNING"}
    assert lines["Translations"][0] == "OK" and "clerk_pl.qm" in lines["Translations"][1]
    assert "offscreen" in lines["Qt"][1]
    assert "xcb" in lines["Window system"][1] and "wayland" in lines["Window system"][1]
    assert lines["Database engine"] == ("OK", lines["Database engine"][1])
    assert HEAD in lines["Database engine"][1]
    assert "not enrolled" in lines["Local database"][1]
    # No keyring here (the fail backend): the file the secrets would go to, as a warning.
    assert lines["Keyring"][0] == "WARNING"
    assert str(tmp_path / "data" / "device-secrets.json") in lines["Keyring"][1]
    assert result.stdout.rstrip().endswith("Clerk can run here.")
    assert not (tmp_path / "data" / "store.db").exists(), "the check creates nothing"


def test_missing_resources_are_problems_and_the_exit_code_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "resources"
    empty.mkdir()

    result = run_self_check(tmp_path / "data", CLERK_RESOURCES=str(empty))

    assert result.returncode == 1, result.stdout + result.stderr
    lines = report(result.stdout)
    assert lines["Icons"][0] == "PROBLEM" and "missing" in lines["Icons"][1]
    assert lines["Translations"][0] == "PROBLEM"
    assert lines["Time zone"][0] == "OK", "the other parts are still checked"
    assert "2 problem(s) (Icons, Translations)" in result.stdout


def test_an_enrolled_tablets_database_is_read_without_changing_it(tmp_path: Path) -> None:
    store = LocalStore.open(f"sqlite:///{tmp_path / 'store.db'}")
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_state (key, value) VALUES ('device.store_id', 'WAW-01')"
        )
    store.close()
    before = (tmp_path / "store.db").read_bytes()

    check = check_database(tmp_path)

    assert check.status is Status.OK
    assert f"schema {HEAD}" in check.detail and "enrolled to store WAW-01" in check.detail
    assert (tmp_path / "store.db").read_bytes() == before


def _store_at_revision(folder: Path, revision: str) -> None:
    store = LocalStore.open(f"sqlite:///{folder / 'store.db'}")
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"UPDATE clerk_store_version SET version_num = '{revision}'")
    finally:
        store.close()


def test_an_older_schema_is_fine_and_a_newer_one_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "older").mkdir()
    (tmp_path / "newer").mkdir()
    _store_at_revision(tmp_path / "older", "beda44bb4fd3")
    _store_at_revision(tmp_path / "newer", "ffffffffffff")

    older = check_database(tmp_path / "older")
    newer = check_database(tmp_path / "newer")

    assert older.status is Status.OK and f"upgraded to {HEAD}" in older.detail
    assert newer.status is Status.PROBLEM and "newer Clerk" in newer.detail


def test_a_damaged_database_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "store.db").write_bytes(b"this is not a database" * 100)

    check = check_database(tmp_path)

    assert check.status is Status.PROBLEM and "cannot be read" in check.detail


def test_an_unreachable_shared_database_is_a_problem_without_its_password(tmp_path: Path) -> None:
    check = check_database(tmp_path, "postgresql://clerk:secret@127.0.0.1:1/store")

    assert check.status is Status.PROBLEM
    assert "127.0.0.1:1/store" in check.detail and "secret" not in check.detail


def test_the_migrations_build_a_new_database() -> None:
    check = check_migrations()

    assert check.status is Status.OK and HEAD in check.detail


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_a_usable_keyring_is_named(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    check = check_keyring(tmp_path)

    assert check.status is Status.OK
    assert memory_keyring.name in check.detail
