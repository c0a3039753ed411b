"""The whole app on a real central: a served copy of the demo central, a tablet enrolled
through the app's own enrollment, its slice synced, and the window the composition root
builds (``clerk.ui.shell.Shell``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from clerk.app import Tablet, build_tablet
from clerk.central.enrollment import create_enrollment_code
from clerk.services.credentials import FileVault
from clerk.services.enrollment import enroll_device
from clerk.services.settings import AppSettings
from clerk.store import LocalStore
from tests.sync.conftest import LiveCentral, serve_copy

# The demo central's staff of WAW-01 (clerk.central.seed_data.DEMO_STAFF).
SALES = ("STF-WAW01-01", "1111")
PICKUP = ("STF-WAW01-02", "2222")
MANAGER = ("STF-WAW01-03", "9999")
SALES_2 = ("STF-WAW01-04", "3333")


@dataclass
class TabletRig:
    """A central, a tablet enrolled to it and synced, and the vault of its secrets."""

    central: LiveCentral
    store: LocalStore
    vault: FileVault
    tablet: Tablet
    folder: Path


def enrollment_code(central: LiveCentral, *, age: timedelta = timedelta(0)) -> str:
    """A one-time code of WAW-01 (``age``: made that long ago)."""
    with Session(central.engine) as session:
        code = create_enrollment_code(session, "WAW-01", datetime.now(UTC) - age)
        session.commit()
    return code


def enroll_tablet(
    central: LiveCentral, folder: Path, *, store_name: str = "tablet.db", sync: bool = True
) -> tuple[LocalStore, FileVault, Tablet]:
    """A tablet in ``folder`` enrolled the way the app enrolls, its slice pulled (``sync``)."""
    store = LocalStore.open(f"sqlite:///{folder / store_name}")
    vault = FileVault(folder / "device-secrets.json")
    identity = enroll_device(store, vault, central.url, enrollment_code(central), "gui-test")
    secrets = vault.load(identity.device_id)
    assert secrets is not None
    tablet = build_tablet(store, identity, secrets, sync_interval=3600)
    if sync:
        tablet.engine.sync_once()
    return store, vault, tablet


@contextmanager
def enrolled_tablet(template: Path, folder: Path, *, sync: bool = True) -> Iterator[TabletRig]:
    """A served copy of ``template`` and a tablet enrolled to it (see :func:`enroll_tablet`)."""
    with serve_copy(template, folder) as central:
        store, vault, tablet = enroll_tablet(central, folder, sync=sync)
        try:
            yield TabletRig(central, store, vault, tablet, folder)
        finally:
            tablet.close()
            store.close()


def quick_settings(**changes: object) -> AppSettings:
    """Default settings with ``changes``."""
    from dataclasses import replace

    return replace(AppSettings(), **changes)  # type: ignore[arg-type]
