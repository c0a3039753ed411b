"""An enrolled tablet paints its sign-in screen before the core loads, then attaches it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from clerk.app import build_tablet
from clerk.central.enrollment import create_enrollment_code
from clerk.services.credentials import FileVault
from clerk.services.enrollment import enroll_device
from clerk.store import LocalStore
from clerk.store.quick import read_start_info
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.first_paint import paint_sign_in
from clerk.ui.shell import Shell
from tests.gui.app_rig import MANAGER, quick_settings
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401


@pytest.fixture
def data_dir(central_template: Path, tmp_path: Path) -> Iterator[tuple[Path, LiveCentral]]:  # noqa: F811
    """A tablet's data folder as `clerk` leaves it: store.db enrolled and synced, secrets."""
    folder = tmp_path / "data"
    folder.mkdir()
    with serve_copy(central_template, tmp_path) as central:
        store = LocalStore.open(f"sqlite:///{folder / 'store.db'}")
        vault = FileVault(folder / "device-secrets.json")
        with Session(central.engine) as session:
            code = create_enrollment_code(session, "WAW-01", datetime.now(UTC))
            session.commit()
        identity = enroll_device(store, vault, central.url, code, "fast-start")
        secrets = vault.load(identity.device_id)
        assert secrets is not None
        tablet = build_tablet(store, identity, secrets)
        tablet.engine.sync_once()
        tablet.close()
        store.close()
        yield folder, central


def test_the_start_info_is_read_without_the_core(
    data_dir: tuple[Path, LiveCentral], tmp_path: Path
) -> None:
    folder, _ = data_dir
    info = read_start_info(folder / "store.db")
    assert info is not None and info.store_id == "WAW-01"
    assert "Warszawa" in info.store_title
    assert MANAGER[0] in [s.id for s in info.staff]
    assert read_start_info(tmp_path / "nothing.db") is None
    fresh = LocalStore.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh.close()
    assert read_start_info(tmp_path / "fresh.db") is None, "not enrolled: start normally"


def test_the_painted_sign_in_waits_for_the_core_then_signs_in(
    qtbot: QtBot, data_dir: tuple[Path, LiveCentral]
) -> None:
    folder, central = data_dir
    info = read_start_info(folder / "store.db")
    assert info is not None
    app, colors, _ = make_application(language="en", theme="light")
    window = paint_sign_in(app, colors, info, idle_minutes=5, demo_pins=None)
    qtbot.addWidget(window)
    assert window.isVisible() and window.showing_sign_in is not None
    assert MANAGER[0] in window.sign_in.staff_ids
    window.sign_in.choose(MANAGER[0])
    qtbot.keyClicks(window.sign_in.findChild(object, "pinField"), MANAGER[1])
    qtbot.keyClick(window.sign_in.findChild(object, "pinField"), Qt.Key.Key_Return)
    assert window.sign_in.message == "Getting ready…"
    assert not window.sign_in.findChild(object, "signInButton").isEnabled()

    store = LocalStore.open(f"sqlite:///{folder / 'store.db'}")
    vault = FileVault(folder / "device-secrets.json")
    from clerk.app import _credentials

    found = _credentials(store, vault)
    assert found is not None
    tablet = build_tablet(store, *found, central_url=central.url)
    bridge = ServiceBridge()
    shell = Shell(app, bridge, tablet, colors, quick_settings(), folder / "s.json", None, window)
    assert shell.window is window
    window.sign_in._pin.setText(MANAGER[1])
    window.sign_in.submit()
    qtbot.waitUntil(lambda: not window.showing_sign_in)
    assert shell.session.is_manager
    shell.close()
    bridge.close()
    tablet.close()
    store.close()


def test_clerk_paints_then_readies_the_sign_in_screen(
    data_dir: tuple[Path, LiveCentral], tmp_path: Path
) -> None:
    folder, _ = data_dir
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    log = tmp_path / "clerk.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from clerk.cli import clerk_main; raise SystemExit(clerk_main())",
                "--data-dir",
                str(folder),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while "sign-in ready" not in log.read_text():
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            assert process.wait(30) == 0, log.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    text = log.read_text()
    assert text.index("sign-in screen shown") < text.index("sign-in ready")
    assert "Traceback" not in text
