"""The tablet's settings file: defaults, broken values, atomic saves."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from clerk.services.settings import (
    AppSettings,
    default_settings_path,
    load_settings,
    save_settings,
)


def write(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_defaults() -> None:
    assert AppSettings() == AppSettings(
        language="system",
        theme="system",
        idle_lock_minutes=5,
        wedge_max_interval_ms=40,
        wedge_min_length=6,
        camera_enabled=True,
    )


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.json") == AppSettings()


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.json"
    chosen = AppSettings(language="pl", theme="dark", idle_lock_minutes=15, camera_enabled=False)
    save_settings(path, chosen)
    assert load_settings(path) == chosen
    save_settings(path, AppSettings())
    assert load_settings(path) == AppSettings()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


@pytest.mark.parametrize("text", ["{broken", "[1, 2]", '"pl"', "", "\xff"])
def test_a_broken_file_gives_the_defaults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    path = tmp_path / "settings.json"
    if text == "\xff":
        path.write_bytes(b"\xff\xfe")
    else:
        write(path, text)
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == AppSettings()
    assert str(path) in caplog.text


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("language", "de"),
        ("language", 1),
        ("theme", "blue"),
        ("idle_lock_minutes", 0),
        ("idle_lock_minutes", 61),
        ("idle_lock_minutes", "5"),
        ("idle_lock_minutes", True),
        ("idle_lock_minutes", 2.5),
        ("wedge_max_interval_ms", -1),
        ("wedge_min_length", 0),
        ("camera_enabled", "yes"),
        ("camera_enabled", 1),
    ],
)
def test_a_bad_value_falls_back_to_its_default_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, value: Any
) -> None:
    good = {"language": "en", "theme": "light", "idle_lock_minutes": 10}
    path = write(tmp_path / "settings.json", good | {name: value})
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert getattr(settings, name) == getattr(AppSettings(), name)
    for other, kept in good.items():
        if other != name:
            assert getattr(settings, other) == kept
    assert name in caplog.text


def test_unknown_settings_are_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "settings.json", {"theme": "dark", "volume": 11})
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == AppSettings(theme="dark")
    assert "volume" in caplog.text


def test_out_of_range_settings_are_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, AppSettings(theme="dark"))
    with pytest.raises(ValueError, match="idle_lock_minutes"):
        save_settings(path, AppSettings(idle_lock_minutes=0))
    assert load_settings(path) == AppSettings(theme="dark")


def test_the_default_path_is_the_users_config_folder() -> None:
    path = default_settings_path()
    assert path.parent == platformdirs.user_config_path("clerk", appauthor=False)
    assert path.name == "settings.json"
