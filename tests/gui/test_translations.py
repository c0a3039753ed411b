"""Polish and English: every string the clerk can read is translated, the compiled .qm the app
loads matches its source, placeholders survive, and the app really speaks Polish."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clerk.ui.application import choose_language
from clerk.ui.i18n import LANGUAGES, lrelease, lupdate, qm_path, ts_path

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each committed .ts brought up to date with the code, in a temporary copy."""
    fresh = {}
    for language in LANGUAGES:
        copy = tmp_path_factory.mktemp("ts") / f"clerk_{language}.ts"
        shutil.copyfile(ts_path(language), copy)
        lupdate(copy)
        fresh[language] = copy
    return fresh


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_translated(language: str, fresh_ts: dict[str, Path]) -> None:
    missing = []
    for context, source, message in _messages(fresh_ts[language]):
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        if kind in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
            missing.append(f"{context}: {source!r}")
    assert not missing, (
        f"{len(missing)} strings without a {language} translation (run "
        f"`uv run python -m clerk.ui.i18n update`, translate, then `compile`):\n"
        + "\n".join(missing[:40])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    broken = []
    for context, source, message in _messages(ts_path(language)):
        text = message.findtext("translation") or ""
        if sorted(set(_PLACEHOLDER.findall(source))) != sorted(set(_PLACEHOLDER.findall(text))):
            broken.append(f"{context}: {source!r} → {text!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_qm_is_compiled_from_the_ts(language: str, tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    lrelease(ts_path(language), compiled)
    assert qm_path(language).read_bytes() == compiled.read_bytes(), (
        "resources/translations/*.qm is stale: run `uv run python -m clerk.ui.i18n compile`"
    )


def test_the_language_follows_the_system_unless_set() -> None:
    assert choose_language("system", "pl_PL") == "pl"
    assert choose_language("system", "de_DE") == "en"
    assert choose_language("en", "pl_PL") == "en"
    assert choose_language("pl", "en_GB") == "pl"


def test_the_app_speaks_polish(qapp: object) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from clerk.ui.chrome import NavRail, TopBar
    from clerk.ui.session import Screen
    from clerk.ui.theme import LIGHT

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = QTranslator()
    assert translator.load(str(qm_path("pl")))
    app.installTranslator(translator)
    try:
        titles = NavRail(LIGHT).titles()
        bar = TopBar(LIGHT)
        assert titles[Screen.COUNTER] == "Lada" and titles[Screen.RETURNS] == "Zwroty"
        assert bar.findChild(object, "lockButton").text() == "Zablokuj"
    finally:
        app.removeTranslator(translator)


def test_every_string_is_looked_up_where_lupdate_files_it() -> None:
    """``tr()`` looks a string up under the class of the object it is called on, lupdate files
    it under the class it is written in: only ``self.tr()`` keeps the two the same (elsewhere,
    ``QCoreApplication.translate("Context", …)``). And lupdate sees ``translate(…)`` calls,
    not an alias such as ``_(…)``."""
    root = Path(__file__).resolve().parents[2] / "clerk"
    tr_call = re.compile(r"(?<![\w.])(\w+(?:\.\w+)*)\.tr\(")
    alias = re.compile(r"^\s*\w+\s*=\s*QCoreApplication\.translate\b", re.MULTILINE)
    problems = []
    for path in sorted([*root.glob("ui/**/*.py"), *root.glob("printing/**/*.py")]):
        text = path.read_text(encoding="utf-8")
        for match in tr_call.finditer(text):
            if match.group(1) != "self":
                problems.append(f"{path.relative_to(root)}: {match.group(0)}")
        for match in alias.finditer(text):
            if not match.group(0).strip().startswith("translate "):
                problems.append(f"{path.relative_to(root)}: {match.group(0).strip()}")
    assert not problems, "\n".join(problems)
