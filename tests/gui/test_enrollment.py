"""First start and a revoked tablet: the enrollment dialog against a real central, and the
window handing a revoked tablet back to enrollment."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from clerk.central.embedded import free_loopback_port
from clerk.services.credentials import FileVault
from clerk.services.enrollment import enroll_device, load_identity
from clerk.services.settings import AppSettings
from clerk.store import LocalStore
from clerk.ui.application import make_application
from clerk.ui.bridge import ServiceBridge
from clerk.ui.enroll import EnrollmentDialog
from clerk.ui.settings_dialog import SettingsDialog
from clerk.ui.shell import Shell
from tests.gui.app_rig import TabletRig, enrolled_tablet, enrollment_code, quick_settings
from tests.sync.conftest import LiveCentral, central_template, serve_copy  # noqa: F401


@pytest.fixture
def central(central_template: Path, tmp_path: Path) -> Iterator[LiveCentral]:  # noqa: F811
    with serve_copy(central_template, tmp_path) as live:
        yield live


@pytest.fixture
def dialog_parts(
    qtbot: QtBot, bridge: ServiceBridge, tmp_path: Path
) -> Iterator[tuple[EnrollmentDialog, LocalStore]]:
    store = LocalStore.open(f"sqlite:///{tmp_path / 'new-tablet.db'}")
    vault = FileVault(tmp_path / "secrets.json")
    dialog = EnrollmentDialog(
        bridge, lambda url, code, name: enroll_device(store, vault, url, code, name)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, store
    store.close()


def fill(qtbot: QtBot, dialog: EnrollmentDialog, url: str, code: str) -> None:
    for name, text in (("centralUrl", url), ("enrollmentCode", code)):
        field = dialog.findChild(object, name)
        field.clear()
        qtbot.keyClicks(field, text)
    dialog.submit()


def test_a_wrong_code_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, dialog_parts: tuple[EnrollmentDialog, LocalStore], central: LiveCentral
) -> None:
    dialog, store = dialog_parts
    fill(qtbot, dialog, central.url, "WXYZ-1234")
    qtbot.waitUntil(lambda: "refused this enrollment code" in dialog.message)
    assert dialog.findChild(object, "centralUrl").text() == central.url
    assert dialog.findChild(object, "enrollButton").isEnabled()
    assert load_identity(store) is None


def test_an_expired_code_is_refused(
    qtbot: QtBot, dialog_parts: tuple[EnrollmentDialog, LocalStore], central: LiveCentral
) -> None:
    dialog, _ = dialog_parts
    fill(qtbot, dialog, central.url, enrollment_code(central, age=timedelta(hours=1)))
    qtbot.waitUntil(lambda: "refused this enrollment code" in dialog.message)


def test_an_unreachable_central_says_check_the_network(
    qtbot: QtBot, dialog_parts: tuple[EnrollmentDialog, LocalStore]
) -> None:
    dialog, _ = dialog_parts
    fill(qtbot, dialog, f"http://127.0.0.1:{free_loopback_port()}", "ABCD-EFGH")
    qtbot.waitUntil(lambda: "does not answer" in dialog.message, timeout=15000)


def test_a_right_code_enrolls_the_tablet(
    qtbot: QtBot, dialog_parts: tuple[EnrollmentDialog, LocalStore], central: LiveCentral
) -> None:
    dialog, store = dialog_parts
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        fill(qtbot, dialog, central.url, enrollment_code(central))
    assert dialog.identity is not None and dialog.identity.store_id == "WAW-01"
    assert load_identity(store) == dialog.identity


@pytest.fixture
def rig(central_template: Path, tmp_path: Path) -> Iterator[TabletRig]:  # noqa: F811
    with enrolled_tablet(central_template, tmp_path) as rig:
        yield rig


def test_a_revoked_tablet_goes_back_to_enrollment(
    qtbot: QtBot, rig: TabletRig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clerk.central.enrollment import revoke_device

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    app, colors, _ = make_application(language="en", theme="light")
    bridge = ServiceBridge()
    shell = Shell(app, bridge, rig.tablet, colors, quick_settings(), tmp_path / "s.json", None)
    qtbot.addWidget(shell.window)
    shell.window.show()
    with Session(rig.central.engine) as session:
        revoke_device(session, rig.tablet.identity.device_id, datetime.now(UTC))
        session.commit()
    rig.tablet.engine.sync_once()
    qtbot.waitUntil(lambda: shell.reenroll is not None)
    assert not shell.window.isVisible()
    assert told and "new enrollment code" in told[0]
    shell.close()
    bridge.close()


def test_settings_apply_the_idle_lock_at_once(
    qtbot: QtBot, rig: TabletRig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, colors, _ = make_application(language="en", theme="light")
    bridge = ServiceBridge()
    path = tmp_path / "settings.json"
    shell = Shell(app, bridge, rig.tablet, colors, AppSettings(), path, None)
    qtbot.addWidget(shell.window)

    def choose(dialog: SettingsDialog) -> int:
        dialog.findChild(object, "idleLockSetting").setValue(2)
        dialog.findChild(object, "wedgeLengthSetting").setValue(9)
        dialog._save()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    shell._settings()
    assert shell.settings.idle_lock_minutes == 2
    assert shell.window.idle._timer.interval() == 120_000
    assert shell.wedge.min_length == 9
    from clerk.services.settings import load_settings

    assert load_settings(path).idle_lock_minutes == 2
    shell.close()
    bridge.close()
