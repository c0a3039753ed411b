"""An enrolled tablet paints its sign-in screen before the core loads, then attaches it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerk.app import build_tablet
from clerk.services.credentials import FileVault
from clerk.store import LocalStore
from clerk.store.quick import read_start_info
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.first_paint import paint_sign_in
from clerk.ui.shell import Shell
from tests.gui.app_rig import MANAGER, enroll_tablet, quick_settings
from tests.support.app_process import run_clerk_until
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401


@pytest.fixture
def data_dir(central_template: Path, tmp_path: Path) -> Iterator[tuple[Path, LiveCentral]]:  # noqa: F811
    """A tablet's data folder as `clerk` leaves it: store.db enrolled and synced, secrets."""
    folder = tmp_path / "data"
    folder.mkdir()
    with serve_copy(central_template, tmp_path) as central:
        store, _vault, tablet = enroll_tablet(central, folder, store_name="store.db")
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
    window = paint_sign_in(colors, info, idle_minutes=5, demo_pins=None)
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
    text = run_clerk_until(["--data-dir", str(folder)], env, log, "sign-in ready", 60)
    assert text.index("sign-in screen shown") < text.index("sign-in ready")
    assert "Traceback" not in text
