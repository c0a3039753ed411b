"""The tablet's own settings (language, theme, idle lock, scanner), kept in a small JSON file.

A settings file must never stop the app: a missing file gives the defaults, and a value that
is broken or out of range gives that setting's default with a warning in the log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

__all__ = [
    "LANGUAGES",
    "THEMES",
    "AppSettings",
    "default_settings_path",
    "load_settings",
    "save_settings",
]

log = logging.getLogger(__name__)

LANGUAGES = ("system", "pl", "en")
THEMES = ("system", "light", "dark")
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class AppSettings:
    """What the clerk or IT may set on this tablet; the defaults suit a store counter."""

    language: str = "system"
    theme: str = "system"
    idle_lock_minutes: int = 5
    # A HID wedge scanner types a code faster than this between keys, and at least this long.
    wedge_max_interval_ms: int = 40
    wedge_min_length: int = 6
    camera_enabled: bool = True


def _choice(options: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value in options


def _int_range(low: int, high: int) -> Callable[[Any], bool]:
    # bool is an int to Python, but "true" minutes is a broken file, not 1 minute.
    return lambda value: (
        isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    )


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


_VALID: Mapping[str, Callable[[Any], bool]] = {
    "language": _choice(LANGUAGES),
    "theme": _choice(THEMES),
    "idle_lock_minutes": _int_range(1, 60),
    "wedge_max_interval_ms": _int_range(5, 500),
    "wedge_min_length": _int_range(1, 128),
    "camera_enabled": _flag,
}
_RANGES = {
    "language": " or ".join(LANGUAGES),
    "theme": " or ".join(THEMES),
    "idle_lock_minutes": "1 to 60",
    "wedge_max_interval_ms": "5 to 500",
    "wedge_min_length": "1 to 128",
    "camera_enabled": "true or false",
}


def check_settings(settings: AppSettings) -> None:
    """ValueError naming the first setting out of its range (what :func:`save_settings`
    refuses to write)."""
    for item in fields(AppSettings):
        value = getattr(settings, item.name)
        if not _VALID[item.name](value):
            raise ValueError(f"{item.name} must be {_RANGES[item.name]}, not {value!r}")


def default_settings_path() -> Path:
    """``settings.json`` in the user's configuration folder for Clerk."""
    return platformdirs.user_config_path("clerk", appauthor=False) / SETTINGS_FILE


def load_settings(path: Path) -> AppSettings:
    """The settings in ``path``: defaults for a missing file, for a broken file, and for each
    broken or out-of-range value (each logged as a warning). Never raises for the file's
    content."""
    defaults = AppSettings()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return defaults
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read the settings file %s (%s); using the defaults", path, exc)
        return defaults
    try:
        data = json.loads(text)
    except ValueError as exc:
        log.warning("the settings file %s is not JSON (%s); using the defaults", path, exc)
        return defaults
    if not isinstance(data, dict):
        log.warning("the settings file %s holds no settings object; using the defaults", path)
        return defaults
    chosen: dict[str, Any] = {}
    for name, value in data.items():
        valid = _VALID.get(name)
        if valid is None:
            log.warning("the settings file %s has an unknown setting %r; ignoring it", path, name)
        elif valid(value):
            chosen[name] = value
        else:
            log.warning(
                "setting %s in %s must be %s, not %r; using the default %r",
                name,
                path,
                _RANGES[name],
                value,
                getattr(defaults, name),
            )
    return replace(defaults, **chosen)


def save_settings(path: Path, settings: AppSettings) -> None:
    """Write ``settings`` to ``path`` atomically (a crash leaves the old file or the new one).

    ValueError if a value is out of its range.
    """
    check_settings(settings)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(asdict(settings), file, indent=2)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
