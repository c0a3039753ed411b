"""The composition root: builds the tablet's core and its window, and wires them together.

Nothing is looked up globally: the local store, the credential vault, the central client, the
sync engine and runner, the service context, the bridge, the PIN gate, the scan router and the
screens are made here and handed to whoever needs them.  This module imports no Qt itself; it
uses :mod:`clerk.ui`'s constructors.

Start-up is kept flat: the window with the sign-in screen is shown before any sync work; the
sync runner starts on the first turn of the event loop, in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clerk.services.settings import AppSettings, default_settings_path, load_settings

# The core is imported where it is first needed: the sign-in screen is painted before it loads.
if TYPE_CHECKING:
    from clerk.demo import DemoCard
    from clerk.services import ServiceContext
    from clerk.services.credentials import CredentialVault, DeviceSecrets
    from clerk.services.enrollment import DeviceIdentity
    from clerk.services.signin import PinGate
    from clerk.store import LocalStore
    from clerk.sync.client import CentralClient
    from clerk.sync.engine import SyncEngine
    from clerk.sync.runner import SyncRunner
    from clerk.ui.main_window import MainWindow
    from clerk.ui.theme import Colors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoHooks:
    """What ``clerk demo`` adds: its embedded central, fresh codes and the public PINs."""

    central_url: str
    enrollment_code: Callable[[], str]
    cards: Callable[[], list[DemoCard]]
    pins: dict[str, str]


@dataclass(frozen=True)
class LaunchOptions:
    """Where the tablet keeps its data and how it starts."""

    data_dir: Path
    store_url: str | None = None  # None: SQLite in data_dir; or a PostgreSQL shared by tablets
    settings_path: Path | None = None
    demo: DemoHooks | None = None
    vault: CredentialVault | None = None
    argv: list[str] = field(default_factory=list)
    sync_interval: float = 30.0


@dataclass
class Tablet:
    """The running core of one enrolled tablet (no Qt)."""

    store: LocalStore
    identity: DeviceIdentity
    client: CentralClient
    engine: SyncEngine
    runner: SyncRunner
    ctx: ServiceContext
    pins: PinGate
    # The device's own private key (text): it signs the R codes of the receipts printed here.
    receipt_key: str = field(default="", repr=False)

    def close(self) -> None:
        """Stop syncing and let go of the network (the store stays open)."""
        self.runner.stop()
        self.client.close()


def build_tablet(
    store: LocalStore,
    identity: DeviceIdentity,
    secrets: DeviceSecrets,
    *,
    central_url: str | None = None,
    sync_interval: float = 30.0,
) -> Tablet:
    """The core of an enrolled tablet: client, engine, runner, services and PIN gate."""
    from clerk.services import ServiceContext
    from clerk.services.signin import PinGate
    from clerk.sync.client import CentralClient
    from clerk.sync.engine import SyncEngine
    from clerk.sync.runner import SyncRunner

    client = CentralClient(central_url or identity.central_url, secrets.token)
    # On a PostgreSQL shared by a store's tablets each engine sends only its own device's
    # commands; a tablet with its own SQLite sends all of them, including those queued before
    # it was enrolled again (central revoked it), which would otherwise never leave.
    shared = store.engine.dialect.name != "sqlite"
    # Pages of 1,000: a page in flight is garbage the collector walks, and a full pass over
    # a 5,000-entity page stalled the UI thread for 150–350 ms (tests/benchmarks/bench_app.py).
    engine = SyncEngine(
        store,
        client,
        identity.store_id,
        batch_size=1000,
        device_id=identity.device_id if shared else None,
    )
    runner = SyncRunner(engine, interval=sync_interval)
    ctx = ServiceContext(
        store=store,
        device_id=identity.device_id,
        store_id=identity.store_id,
        on_command=runner.request_sync,
    )
    return Tablet(
        store, identity, client, engine, runner, ctx, PinGate(ctx), receipt_key=secrets.private_key
    )


def _credentials(
    store: LocalStore, vault: CredentialVault
) -> tuple[DeviceIdentity, DeviceSecrets] | None:
    from clerk.services.enrollment import load_identity

    identity = load_identity(store)
    if identity is None:
        return None
    secrets = vault.load(identity.device_id)
    if secrets is None:
        log.warning(
            "device %s has no token in %s; enrolling again", identity.device_id, vault.description
        )
        return None
    return identity, secrets


def _early_sign_in(
    colors: Colors, options: LaunchOptions, settings: AppSettings
) -> MainWindow | None:
    """Paint the sign-in screen of an enrolled tablet with its own SQLite file before the core
    loads (None: a first start, a shared PostgreSQL, or anything unusual — start normally)."""
    if options.store_url is not None:
        return None
    from clerk.store.quick import read_start_info

    info = read_start_info(options.data_dir / "store.db")
    if info is None or not info.staff:
        return None
    from clerk.ui.first_paint import paint_sign_in

    return paint_sign_in(
        colors,
        info,
        idle_minutes=settings.idle_lock_minutes,
        demo_pins=options.demo.pins if options.demo else None,
    )


def run_app(options: LaunchOptions) -> int:
    """Run the app until its window closes; returns the process exit code."""
    from clerk.ui.application import make_application, quit_on_signals, quitting
    from clerk.ui.bridge import ServiceBridge

    settings_path = options.settings_path or default_settings_path()
    settings: AppSettings = load_settings(settings_path)
    app, colors, language = make_application(
        options.argv, language=settings.language, theme=settings.theme
    )
    quit_on_signals(app)
    options.data_dir.mkdir(parents=True, exist_ok=True)
    early = _early_sign_in(colors, options, settings)

    from clerk.services.credentials import open_vault
    from clerk.services.enrollment import enroll_device, forget_device, last_central_url
    from clerk.store import LocalStore
    from clerk.ui.shell import ask_enrollment, run_window

    store_url = options.store_url or f"sqlite:///{options.data_dir / 'store.db'}"
    store = LocalStore.open(store_url)
    vault = options.vault or open_vault(options.data_dir)
    log.info("device secrets are kept in %s", vault.description)
    bridge = ServiceBridge()
    reason = ""
    try:
        while True:
            found = _credentials(store, vault)
            if found is None and early is not None:
                early.close()  # the token is gone: enroll first, then a fresh window
                early = None
            if found is None:
                if options.demo is not None:
                    demo = options.demo
                    enroll_device(
                        store, vault, demo.central_url, demo.enrollment_code(), "Demo tablet"
                    )
                else:
                    identity = ask_enrollment(
                        bridge,
                        lambda url, code, name: enroll_device(store, vault, url, code, name),
                        reason=reason,
                        central_url=last_central_url(store),
                    )
                    if identity is None:
                        return 1
                found = _credentials(store, vault)
                assert found is not None, "enrollment stored no credentials"
            identity, secrets = found
            if quitting(app):
                return 0
            tablet = build_tablet(
                store,
                identity,
                secrets,
                central_url=options.demo.central_url if options.demo else None,
                sync_interval=options.sync_interval,
            )
            try:
                outcome = run_window(
                    app,
                    bridge,
                    tablet,
                    colors,
                    settings,
                    settings_path,
                    language,
                    options.demo,
                    window=early,
                )
                early = None
            finally:
                tablet.close()
            if outcome.reenroll is None:
                return 0
            # Central revoked this tablet: forget its token and ask for a new code.
            forget_device(store, vault)
            reason = outcome.reenroll
    finally:
        bridge.close()
        store.close()
