"""``clerk demo`` as a person starts it: a subprocess on a virtual X screen (Xvfb) that
reaches the painted sign-in screen, then stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.app_process import run_clerk_until
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A virtual X screen; CI installs Xvfb (.ci/run), a developer machine may not have it."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (CI installs it; apt-get install xvfb)")
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_clerk_demo_reaches_the_sign_in_screen_under_xvfb(
    xvfb: str,
    central_template: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    # A small demo database, so the first run does not spend a minute seeding.
    demo = tmp_path / "data" / "demo"
    demo.mkdir(parents=True)
    shutil.copyfile(central_template, demo / "central.db")
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
    }
    log = tmp_path / "demo.log"
    text = run_clerk_until(
        ["demo", "--data-dir", str(tmp_path / "data")], env, log, "sign-in screen shown", 90
    )
    assert "enrolled as device" in text
    assert "Traceback" not in text
    assert (tmp_path / "data" / "demo" / "tablet" / "store.db").exists()
