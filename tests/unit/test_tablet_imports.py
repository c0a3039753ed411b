"""The tablet's code never needs the reference central service nor its server packages: the
store tablet's bundle leaves them out (packaging/clerk.spec checks the same with PyInstaller's
import analysis when it builds)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import clerk
from clerk import cli

PACKAGE = Path(clerk.__file__).parent
SERVER = ("clerk.central", "clerk.demo", "fastapi", "starlette", "uvicorn", "pydantic", "faker")
# Where naming the central service is the point: the demo, and `clerk-central`'s own commands.
CENTRAL_SIDE = {"central", "demo.py"}
CLI_CENTRAL_FUNCTIONS = {"central_main", "_engine", "_serve", "_seed", "_enroll_code", "_token"}
CLI_CENTRAL_FUNCTIONS |= {"_keys"}


def tablet_modules() -> list[str]:
    """Every module of the app that a store tablet runs."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in CENTRAL_SIDE or "migrations" in relative.parts:
            continue
        parts = ["clerk", *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def is_server(name: str) -> bool:
    return any(name == s or name.startswith(s + ".") for s in SERVER)


def test_importing_every_tablet_module_loads_nothing_of_the_server() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {tablet_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(result.stdout.splitlines()[-1])

    assert "clerk.ui.main_window" in loaded and "clerk.store.models" in loaded
    assert [name for name in loaded if is_server(name)] == []


class _Imports(ast.NodeVisitor):
    """Every import in a module, with the function it is in (lazy imports count too) and
    whether it is for type checkers only."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str | None, int]] = []
        self._function: list[str] = []
        self._typing_only = 0

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function.append(node.name)
        self.generic_visit(node)
        self._function.pop()

    def visit_If(self, node: ast.If) -> None:
        typing_only = isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        self._typing_only += typing_only
        for child in node.body:
            self.visit(child)
        self._typing_only -= typing_only
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.level == 0:
            self._add(node.module, node.lineno)

    def _add(self, name: str, line: int) -> None:
        if not self._typing_only:
            self.found.append((name, self._function[0] if self._function else None, line))


def test_no_tablet_code_path_imports_the_server_even_lazily() -> None:
    offending = []
    for name in tablet_modules():
        path = PACKAGE.joinpath(*name.split(".")[1:])
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for imported, function, line in visitor.found:
            if not is_server(imported):
                continue
            if name == "clerk.cli" and function in CLI_CENTRAL_FUNCTIONS:
                continue  # clerk-central's own commands
            if name == "clerk.cli" and function == "clerk_main" and imported == "clerk.demo":
                continue  # `clerk demo`, answered in words where the demo is not installed
            offending.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {imported}")

    assert offending == []


def test_without_the_demo_clerk_demo_says_what_a_tablet_does_instead(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_demo_installed", lambda: False)

    with pytest.raises(SystemExit) as exited:
        cli.clerk_main(["demo"])

    assert exited.value.code == 2
    assert "not part of this installation" in capsys.readouterr().err
