"""The Qt half of ``clerk --self-check``: Qt and its plugins, icons, translations, printing,
the camera and reading codes.  Each check returns :class:`clerk.self_check.Check` lines."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLibraryInfo, QTranslator, qVersion
from PySide6.QtGui import QGuiApplication, QIcon, QImageReader
from PySide6.QtWidgets import QApplication

from clerk.self_check import Check, Status
from clerk.ui.resources import icon_path, icon_pixmap, resources_dir

# The window system plugins a tablet may use, per OS; one of them must be there.
NATIVE_PLATFORMS = {"linux": ("xcb", "wayland"), "win32": ("windows",), "darwin": ("cocoa",)}


def _plugins(kind: str) -> list[str]:
    """The plugin names of ``kind`` ("platforms", "multimedia" …) Qt finds, without prefixes."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / kind
    names = []
    for file in sorted(folder.glob("*")):
        if file.suffix in (".so", ".dll", ".dylib"):
            stem = file.name.split(".")[0].removeprefix("lib").removeprefix("q")
            names.append(stem.removesuffix("mediaplugin"))
    return names


def _application() -> tuple[QApplication, str]:
    """The QApplication, and a note when it runs offscreen because there is no display."""
    note = ""
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        # Without a display Qt would abort the process; the check still runs, off screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        note = " (no display in this session, so off screen)"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["clerk"])
    return app, note


def check_qt() -> list[Check]:
    """Qt loads, and the window system plugins for this OS are installed."""
    app, note = _application()
    platforms = _plugins("platforms")
    lines = [
        Check(
            "Qt",
            Status.OK,
            f"PySide6 {pyside_version}, Qt {qVersion()}; running on {app.platformName()}{note}",
        )
    ]
    native = next((v for k, v in NATIVE_PLATFORMS.items() if sys.platform.startswith(k)), ())
    found = [p for p in platforms if p.split("-")[0] in native]
    shown = ", ".join(platforms) or "none"
    if native and not found:
        lines.append(
            Check(
                "Window system",
                Status.PROBLEM,
                f"no {' or '.join(native)} plugin (found: {shown}): no window can open",
            )
        )
    else:
        lines.append(Check("Window system", Status.OK, f"platform plugins: {shown}"))
    return lines


def check_icons() -> Check:
    """The app's icons are installed and SVG drawing works (QtSvg and its icon engine)."""
    folder = resources_dir() / "icons"
    count = len(list(folder.glob("*.svg")))
    if not icon_path("clerk").is_file():
        return Check("Icons", Status.PROBLEM, f"the app's icons are missing from {folder}")
    image = icon_pixmap("clerk", "#000000", 32).toImage()
    drawn = any(
        image.pixelColor(x, y).alpha() > 0
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    window_icon = QIcon(str(icon_path("clerk"))).pixmap(64)
    if not drawn or window_icon.isNull():
        return Check("Icons", Status.PROBLEM, "SVG icons cannot be drawn (Qt's SVG support)")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpeg", "svg"} - formats
    if missing:
        return Check(
            "Icons",
            Status.WARNING,
            f"{count} icons draw, but pictures in {', '.join(sorted(missing))} cannot be opened",
        )
    return Check("Icons", Status.OK, f"{count} icons in {folder} draw; PNG, JPEG and SVG open")


def check_translations() -> Check:
    """The Polish translation of the app and Qt's own Polish strings load."""
    ours = QTranslator()
    path = resources_dir() / "translations" / "clerk_pl.qm"
    if not ours.load(str(path)) or ours.isEmpty():
        return Check("Translations", Status.PROBLEM, f"the Polish translation {path} is missing")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    if not qt.load("qtbase_pl", qt_folder):
        return Check(
            "Translations",
            Status.WARNING,
            f"Polish: {path.name} loads; Qt's own Polish (qtbase_pl.qm) is missing from "
            f"{qt_folder}, so Qt's standard dialogs stay in English",
        )
    return Check(
        "Translations",
        Status.OK,
        f"Polish: {path} and Qt's own qtbase_pl.qm load; English built in",
    )


def check_printing() -> Check:
    """Qt's printing support loads; which printers the system offers."""
    from PySide6.QtPrintSupport import QPrinterInfo

    printers = QPrinterInfo.availablePrinterNames()
    if not printers:
        return Check(
            "Printing",
            Status.OK,
            "printing support loads; no printer is installed (receipts are saved as PDF)",
        )
    default = QPrinterInfo.defaultPrinterName() or "none"
    return Check(
        "Printing",
        Status.OK,
        f"{len(printers)} printer(s), default {default}: " + ", ".join(printers),
    )


def check_camera() -> Check:
    """Qt Multimedia loads with a backend, and which cameras it sees."""
    from clerk.ui.scanning.camera import MULTIMEDIA_ERROR

    if MULTIMEDIA_ERROR is not None:
        return Check(
            "Camera",
            Status.WARNING,
            f"Qt Multimedia cannot load ({MULTIMEDIA_ERROR}): the camera cannot scan; a "
            "scanner, typing a code and opening a picture still work",
        )
    from PySide6.QtMultimedia import QMediaDevices

    backends = _plugins("multimedia")
    if not backends:
        return Check(
            "Camera",
            Status.WARNING,
            "Qt Multimedia has no backend plugin installed: the camera cannot scan",
        )
    cameras = [c.description() for c in QMediaDevices.videoInputs()]
    seen = ", ".join(cameras) if cameras else "no camera is connected"
    return Check("Camera", Status.OK, f"Qt Multimedia with {', '.join(backends)}; {seen}")


def check_code_reading() -> Check:
    """A QR code drawn here is read back (qrcode draws, zxing-cpp reads)."""
    from clerk.printing.qr import qr_image
    from clerk.ui.scanning.decoding import pixels_of_image, read_codes

    text = "CLK1.L.self-check"
    pixels = pixels_of_image(qr_image(text))
    found = read_codes(pixels) if pixels is not None else []
    if found != [text]:
        return Check("Code reading", Status.PROBLEM, f"a test QR code read back as {found!r}")
    return Check("Code reading", Status.OK, "a QR code drawn here reads back (zxing-cpp)")


def qt_checks() -> list[Check]:
    """Every Qt check, each guarded so one failure does not hide the others."""
    lines: list[Check] = []
    steps: list[tuple[str, Callable[[], list[Check]]]] = [
        ("Qt", check_qt),
        ("Icons", lambda: [check_icons()]),
        ("Translations", lambda: [check_translations()]),
        ("Printing", lambda: [check_printing()]),
        ("Camera", lambda: [check_camera()]),
        ("Code reading", lambda: [check_code_reading()]),
    ]
    for part, step in steps:
        try:
            lines.extend(step())
        except Exception as exc:  # report it and go on with the next part
            lines.append(Check(part, Status.PROBLEM, f"the check failed: {exc!r}"))
        if part == "Qt" and any(c.status is Status.PROBLEM for c in lines):
            break
    QGuiApplication.processEvents()
    return lines
