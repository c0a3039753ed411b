"""The error codes the core raises, found by reading its source (no import, no running).

A code is the first argument (a string literal, or a module constant naming one) of a call to
a :class:`DomainError` subclass, of its ``super().__init__`` in such a class, or of a function
declared to return one that passes its first parameter on as the code (a small factory such
as ``_refused``); and the first item of the ``(code, message)`` pairs of a ``*_REFUSALS``
table. Codes built at run time (an enum's value, an f-string) are not literals: the caller
lists those.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

__all__ = ["raised_codes"]

_BASES = {"DomainError"}


def _trees(packages: Iterable[Path]) -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for package in packages
        for path in sorted(package.rglob("*.py"))
    ]


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split(".")[-1]
    return None


def _error_classes(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    known = set(_BASES) | {"ReturnNotAllowed", "RedemptionError", "HoldError"}
    grew = True
    while grew:
        grew = False
        for _path, tree in trees:
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in known
                    and any(_name(base) in known for base in node.bases)
                ):
                    known.add(node.name)
                    grew = True
    return known


def _passes_code_on(function: ast.FunctionDef, errors: set[str]) -> bool:
    if not function.args.args:
        return False
    first = function.args.args[0].arg
    return any(
        isinstance(call, ast.Call)
        and _name(call.func) in errors
        and bool(call.args)
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == first
        for call in ast.walk(function)
    )


def _factories(trees: list[tuple[Path, ast.Module]], errors: set[str]) -> set[str]:
    return {
        node.name
        for _path, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.returns is not None
        and _name(node.returns) in errors
        and _passes_code_on(node, errors)
    }


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """The module's ``NAME = "text"`` constants (a code given a name, like ORDER_NOT_FOUND)."""
    return {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and _literal(node.value) is not None
    }


def _super_codes(tree: ast.Module, errors: set[str]) -> list[tuple[str, int]]:
    found = []
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef) or cls.name not in errors:
            continue
        for call in ast.walk(cls):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "__init__"
                and isinstance(call.func.value, ast.Call)
                and _name(call.func.value.func) == "super"
                and (code := _literal(call.args[0] if call.args else None)) is not None
            ):
                found.append((code, call.lineno))
    return found


def _table_codes(tree: ast.Module) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not (isinstance(target, ast.Name) and target.id.endswith("_REFUSALS")):
            continue
        if isinstance(value, ast.Dict):
            for pair in value.values:
                if isinstance(pair, ast.Tuple) and (code := _literal(pair.elts[0])) is not None:
                    found.append((code, pair.lineno))
    return found


def raised_codes(packages: Iterable[Path]) -> dict[str, list[str]]:
    """Every literal error code raised under ``packages``: code -> where (path:line)."""
    trees = _trees(packages)
    errors = _error_classes(trees)
    makers = errors | _factories(trees, errors)
    found: dict[str, list[str]] = {}
    for path, tree in trees:
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in makers:
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Name):
                first = constants.get(first.id)
            code = _literal(first)
            if code is not None:
                found.setdefault(code, []).append(f"{path}:{node.lineno}")
        for code, line in _super_codes(tree, errors) + _table_codes(tree):
            found.setdefault(code, []).append(f"{path}:{line}")
    return found
