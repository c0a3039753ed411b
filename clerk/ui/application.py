"""The QApplication: high-DPI, the app's language (Qt translations) and theme."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from clerk.ui.resources import icon_path, resources_dir
from clerk.ui.theme import Colors, apply_theme

log = logging.getLogger(__name__)

LANGUAGES = ("en", "pl")


def choose_language(setting: str, system_locale: str | None = None) -> str:
    """``pl`` or ``en``: the setting, or for "system" the system locale (English otherwise)."""
    if setting in LANGUAGES:
        return setting
    name = system_locale if system_locale is not None else QLocale.system().name()
    return "pl" if name.lower().startswith("pl") else "en"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations of ``language`` (none for English)."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "translations" / f"clerk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no %s translation found in %s", language, resources_dir())
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(
        QLocale(QLocale.Language.Polish if language == "pl" else QLocale.Language.English)
    )
    return installed


QUITTING = "clerkQuitting"


def quitting(app: QApplication) -> bool:
    """Whether Ctrl+C or SIGTERM asked the app to stop."""
    return bool(app.property(QUITTING))


def quit_on_signals(app: QApplication) -> QTimer:
    """Close the app cleanly on Ctrl+C or SIGTERM (the sync thread stops, the store closes).

    Python runs signal handlers only between bytecodes; a short timer gives it the chance
    while Qt's event loop waits."""

    def stop(_signum: int, _frame: object) -> None:
        app.setProperty(QUITTING, True)
        for widget in app.topLevelWidgets():
            widget.close()
        app.quit()
        # During start-up the event loop may not run yet; quit as soon as it does.
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def make_application(
    argv: Sequence[str] | None = None, *, language: str = "system", theme: str = "system"
) -> tuple[QApplication, Colors, str]:
    """The one QApplication, translated and themed; returns it, its colours and the language."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (125%, 150%) as the tablet asks, not rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv or sys.argv))
    app.setApplicationName("Clerk")
    app.setOrganizationName("Clerk")
    app.setDesktopFileName("clerk")
    app.setWindowIcon(QIcon(str(icon_path("clerk"))))
    chosen = choose_language(language)
    install_translations(app, chosen)
    colors = apply_theme(app, theme)
    return app, colors, chosen
