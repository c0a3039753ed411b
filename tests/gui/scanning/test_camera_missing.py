"""Without Qt Multimedia (a tablet missing libpulse, say) the camera says so in words."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clerk.ui.scanning import camera


@pytest.fixture
def no_multimedia(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(camera, "MULTIMEDIA_ERROR", "libpulse.so.0: cannot open shared object")


@pytest.mark.usefixtures("no_multimedia")
def test_the_view_says_the_camera_cannot_be_used(qtbot: QtBot) -> None:
    view = camera.CameraView()
    qtbot.addWidget(view)
    assert view.sink is None
    assert view.viewfinder is None
    assert not view.available
    assert "cannot be used" in view.status.text()
    assert not view.toggle.isEnabled()
    view.start()
    assert not view.active


@pytest.mark.usefixtures("no_multimedia")
def test_the_dialog_opens_and_closes_without_a_scanner(qtbot: QtBot) -> None:
    dialog = camera.CameraDialog()
    qtbot.addWidget(dialog)
    assert dialog.scanner is None
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()


@pytest.mark.usefixtures("no_multimedia")
def test_a_scanner_cannot_be_made() -> None:
    with pytest.raises(RuntimeError, match="Qt Multimedia"):
        camera.CameraScanner()
