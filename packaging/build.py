"""Build the store tablet's bundle: ``uv run --group packaging python packaging/build.py``.

Makes ``dist/clerk/`` (the ``clerk`` executable, ``_internal/`` with Python, Qt and the app)
with PyInstaller from ``packaging/clerk.spec``, then adds the launcher files a tablet's desktop
needs (``share/``: the ``.desktop`` entry, the AppStream metadata, the icon as SVG and PNGs) and,
on Linux, ``install.sh``.  ``--archive`` also packs the folder as ``dist/clerk-VERSION-OS-ARCH``
(``.tar.gz``; ``.zip`` on Windows).  Runs on the OS it builds for: a Windows bundle is built on
Windows.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ICON = ROOT / "resources" / "icons" / "clerk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def version() -> str:
    """The app's version, from ``pyproject.toml``."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def render_icons(target: Path) -> None:
    """The app icon as PNGs in the hicolor sizes and a Windows ``.ico``, drawn from its SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(APP_ICON))
    if not renderer.isValid():
        raise SystemExit(f"cannot read the app icon {APP_ICON}")
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        folder = target / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / "clerk.png")):
            raise SystemExit(f"cannot write {folder / 'clerk.png'}")
        if size == 256 and not image.save(str(target / "clerk.ico"), "ICO"):
            raise SystemExit("cannot write clerk.ico")
    scalable = target / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(APP_ICON, scalable / "clerk.svg")
    del app


def add_launcher_files(bundle: Path, icons: Path) -> None:
    """``share/`` (applications, metainfo, icons) and the Linux installer, into the bundle."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGING / "linux" / "clerk.desktop", share / "applications" / "clerk.desktop")
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        PACKAGING / "linux" / "clerk.metainfo.xml", share / "metainfo" / "clerk.metainfo.xml"
    )
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor", dirs_exist_ok=True)
    if sys.platform.startswith("linux"):
        installer = bundle / "install.sh"
        shutil.copyfile(PACKAGING / "linux" / "install.sh", installer)
        installer.chmod(0o755)


def archive(bundle: Path) -> Path:
    """Pack the bundle folder next to it; returns the archive's path."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    name = f"clerk-{version()}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(bundle.parent / name), fmt, bundle.parent, bundle.name))


def main(argv: list[str] | None = None) -> int:
    """Build the bundle; print where it is, its size and how long the build took."""
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (build)"
    )
    parser.add_argument("--archive", action="store_true", help="also pack it (.tar.gz / .zip)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    dist, work = args.dist.resolve(), args.work.resolve()
    icons = work / "icons"
    render_icons(icons)
    env = {**os.environ, "CLERK_BUNDLE_ICON": str(icons / "clerk.ico")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(PACKAGING / "clerk.spec"),
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    bundle = dist / "clerk"
    add_launcher_files(bundle, icons)
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle: {bundle} ({size / 2**20:.0f} MiB)")
    if args.archive:
        packed = archive(bundle)
        print(f"archive: {packed} ({packed.stat().st_size / 2**20:.0f} MiB)")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
