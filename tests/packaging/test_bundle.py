"""The store tablet's bundle, built as a release is (``packaging/build.py``), run as a tablet
runs it: ``--version``, ``--self-check``, the launcher files, the Linux installer, and the app
itself enrolled to a real central service reaching its sign-in screen.

Not in the default run (``-m packaging``): the build takes about a minute.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from clerk.central.embedded import embedded_central
from clerk.central.enrollment import create_enrollment_code
from clerk.services.credentials import SECRETS_FILE, FileVault
from clerk.services.enrollment import enroll_device
from clerk.store import LocalStore
from tests.support.app_process import run_clerk_until
from tests.sync.conftest import STORE, central_template  # noqa: F401 (a fixture)
from tests.unit.test_self_check import PARTS, report

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
SERVER_OR_TEST = ("clerk.central", "clerk.demo", "fastapi", "starlette", "uvicorn", "pydantic")
SERVER_OR_TEST += (
    "faker",
    "pytest",
    "_pytest",
    "hypothesis",
    "schemathesis",
    "mypy",
    "PyInstaller",
)


def _version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundle folder and PyInstaller's work folder of one build."""
    out = tmp_path_factory.mktemp("bundle")
    if importlib.util.find_spec("PyInstaller") is not None:
        python = [sys.executable]
    elif shutil.which("uv"):
        python = ["uv", "run", "--group", "packaging", "python"]
    else:
        pytest.fail("PyInstaller is not installed: uv sync --group packaging")
    build = [str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist")]
    subprocess.run(
        [*python, *build, "--work", str(out / "work")],
        cwd=ROOT,
        check=True,
        timeout=840,
    )
    return out / "dist" / "clerk", out / "work"


@pytest.fixture(scope="module")
def bundle(built: tuple[Path, Path]) -> Path:
    return built[0]


def _env(tmp_path: Path) -> dict[str, str]:
    """A tablet without a display or keyring, with its own settings and data folders."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VIRTUAL_ENV", "PYTHON", "UV_")) and key != "DISPLAY"
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "share"),
        HOME=str(tmp_path / "home"),
    )
    return env


def test_version_answers_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [bundle / "clerk", "--version"], env=_env(tmp_path), capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"clerk {_version()}"


def test_the_self_check_passes_in_the_bundle_as_it_does_from_source(
    bundle: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    args = ["--self-check", "--data-dir", str(tmp_path / "data")]
    frozen = subprocess.run(
        [bundle / "clerk", *args], env=env, capture_output=True, text=True, timeout=60
    )
    source = subprocess.run(
        [
            sys.executable,
            "-c",
            "from clerk.cli import clerk_main; raise SystemExit(clerk_main())",
            *args,
        ],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    assert f"running from the installed bundle in {bundle}" in frozen.stdout
    lines = report(frozen.stdout)
    assert list(lines) == PARTS
    # The same machine: the bundle must be able to do all that the checkout can.
    assert {part: status for part, (status, _) in lines.items()} == {
        part: status for part, (status, _) in report(source.stdout).items()
    }
    assert str(bundle) in lines["Icons"][1] and str(bundle) in lines["Translations"][1]
    assert "ffmpeg" in lines["Camera"][1]
    for platform in ("offscreen", "xcb", "wayland"):
        assert platform in lines["Window system"][1]
    assert "Traceback" not in frozen.stderr


def test_the_bundle_has_no_demo_and_says_what_a_tablet_does(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [bundle / "clerk", "demo"], env=_env(tmp_path), capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "not part of this installation" in result.stderr
    assert "enrollment code" in result.stderr


def test_the_bundle_carries_the_tablet_and_nothing_of_the_server(built: tuple[Path, Path]) -> None:
    bundle, work = built
    modules = (work / "clerk" / "tablet-modules.txt").read_text().split()
    internal = bundle / "_internal"

    assert {"clerk.ui.main_window", "clerk.store.models", "clerk.sync.engine"} <= set(modules)
    assert [m for m in modules if m.startswith(SERVER_OR_TEST)] == []
    assert [n for n in SERVER_OR_TEST if internal.joinpath(*n.split(".")).exists()] == []
    # Alembic reads the local store's migrations as files.
    assert (internal / "clerk" / "store" / "migrations" / "env.py").is_file()
    assert len(list((internal / "clerk" / "store" / "migrations" / "versions").glob("*.py"))) >= 2
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
    ):
        assert (plugins / plugin).is_file(), plugin
    assert (plugins / "multimedia" / "libffmpegmediaplugin.so").is_file()
    assert not (plugins / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so").exists()
    qt_languages = {
        f.stem.split("_")[-1] for f in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")
    }
    assert qt_languages == {"en", "pl"}


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_the_launcher_files_name_the_app_its_icon_and_version(bundle: Path) -> None:
    share = bundle / "share"
    desktop = (share / "applications" / "clerk.desktop").read_text()
    assert "Exec=clerk" in desktop and "Icon=clerk" in desktop
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", share / "applications" / "clerk.desktop"],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout

    info = ET.parse(share / "metainfo" / "clerk.metainfo.xml").getroot()
    assert info.findtext("launchable") == "clerk.desktop"
    assert info.findtext("icon") == "clerk"
    assert info.find("releases/release").get("version") == _version()  # type: ignore[union-attr]

    icons = share / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "clerk.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert _png_size(icons / f"{size}x{size}" / "apps" / "clerk.png") == (size, size)


def test_install_sh_puts_the_app_in_the_launcher_for_a_user(bundle: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    (tmp_path / "home").mkdir()

    installed = subprocess.run(
        ["sh", bundle / "install.sh", "--user"], env=env, capture_output=True, text=True
    )

    assert installed.returncode == 0, installed.stderr
    home = tmp_path / "home"
    app = home / ".local" / "lib" / "clerk"
    desktop = (tmp_path / "share" / "applications" / "clerk.desktop").read_text()
    assert f"Exec={app}/clerk" in desktop
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "clerk.png").is_file()
    assert (tmp_path / "share" / "metainfo" / "clerk.metainfo.xml").is_file()
    linked = subprocess.run(
        [home / ".local" / "bin" / "clerk", "--version"], env=env, capture_output=True, text=True
    )
    assert linked.stdout.strip() == f"clerk {_version()}"


def test_the_bundled_app_enrolled_to_a_real_central_reaches_sign_in(
    bundle: Path,
    central_template: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    central_db = tmp_path / "central.db"
    shutil.copyfile(central_template, central_db)
    data = tmp_path / "data"
    data.mkdir()
    with embedded_central(f"sqlite:///{central_db}") as url:
        from clerk.central.db import make_engine

        engine = make_engine(f"sqlite:///{central_db}")
        with Session(engine) as session:
            code = create_enrollment_code(session, STORE, datetime.now(UTC))
            session.commit()
        engine.dispose()
        # Enrolled as the tablet's first start does; the bundle finds the device file vault
        # because this tablet has no keyring either.
        store = LocalStore.open(f"sqlite:///{data / 'store.db'}")
        try:
            enroll_device(store, FileVault(data / SECRETS_FILE), url, code, "Bundle tablet")
        finally:
            store.close()

        log = run_clerk_until(
            ["--data-dir", str(data)],
            _env(tmp_path),
            tmp_path / "clerk.log",
            "sign-in screen shown",
            90,
            program=[str(bundle / "clerk")],
        )

    assert "Traceback" not in log
    assert "device-secrets.json" in log
