"""Keeping the translations in step with the code: ``python -m clerk.ui.i18n``.

``update`` runs ``pyside6-lupdate`` over every module that shows text (``clerk/ui``,
``clerk/printing``) into ``resources/translations/clerk_pl.ts``, keeping existing
translations and marking strings gone from the code obsolete; ``compile`` runs
``pyside6-lrelease`` to the ``.qm`` the app loads.  A test fails when a string in the code is
missing from the ``.ts``, untranslated, or the ``.qm`` is stale.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from clerk.ui.resources import resources_dir

PACKAGE = Path(__file__).resolve().parents[1]
LANGUAGES = ("pl",)


def source_files() -> list[Path]:
    """Every module whose strings the clerk may read."""
    files = sorted((PACKAGE / "ui").rglob("*.py")) + sorted((PACKAGE / "printing").rglob("*.py"))
    return [f for f in files if f.name != "i18n.py"]


def ts_path(language: str) -> Path:
    """The translation source of ``language``."""
    return resources_dir() / "translations" / f"clerk_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled translation the app loads."""
    return ts_path(language).with_suffix(".qm")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} not found; it comes with PySide6")
    return found


def lupdate(target: Path, *, drop_obsolete: bool = True) -> None:
    """Update (or create) ``target`` from the code's strings."""
    target.parent.mkdir(parents=True, exist_ok=True)
    args = [_tool("pyside6-lupdate"), *map(str, source_files()), "-locations", "none"]
    if drop_obsolete:
        args.append("-no-obsolete")
    subprocess.run([*args, "-ts", str(target)], check=True, capture_output=True)


def lrelease(source: Path, target: Path) -> None:
    """Compile ``source`` (.ts) to ``target`` (.qm)."""
    subprocess.run(
        [_tool("pyside6-lrelease"), str(source), "-qm", str(target)],
        check=True,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    """``update`` the .ts files from the code, ``compile`` them, or ``all`` (both)."""
    parser = argparse.ArgumentParser(prog="python -m clerk.ui.i18n", description=__doc__)
    parser.add_argument("action", choices=("update", "compile", "all"))
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if args.action in ("update", "all"):
            lupdate(ts_path(language))
            print(f"updated {ts_path(language)}")
        if args.action in ("compile", "all"):
            lrelease(ts_path(language), qm_path(language))
            print(f"compiled {qm_path(language)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
