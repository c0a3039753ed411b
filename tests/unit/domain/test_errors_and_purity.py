"""Domain errors carry stable codes and messages; the domain imports nothing of other layers."""

from __future__ import annotations

import ast
from pathlib import Path

import clerk.domain
from clerk.domain import (
    DomainError,
    HoldError,
    RedemptionError,
    ReturnNotAllowed,
    ScanRejected,
    ScanRejection,
    TokenError,
    TokenRejection,
)

DOMAIN = Path(clerk.domain.__file__).parent
FORBIDDEN = ("PySide6", "sqlalchemy", "requests", "fastapi", "httpx", "uvicorn", "alembic")


def test_errors_have_code_and_message() -> None:
    for cls in (ReturnNotAllowed, RedemptionError, HoldError):
        error = cls("some_code", "Do this instead.")
        assert isinstance(error, DomainError)
        assert (error.code, error.message, str(error)) == (
            "some_code",
            "Do this instead.",
            "Do this instead.",
        )
        assert "some_code" in repr(error)


def test_every_rejection_reason_has_a_message() -> None:
    for token_reason in TokenRejection:
        token_error = TokenError(token_reason)
        assert token_error.reason is token_reason
        assert token_error.code == token_reason.value
        assert token_error.message.endswith(".")
    for scan_reason in ScanRejection:
        scan_error = ScanRejected(scan_reason)
        assert scan_error.reason is scan_reason
        assert scan_error.code == scan_reason.value
        assert scan_error.message.endswith(".")
    assert TokenError(TokenRejection.EXPIRED).message == (
        "This code has expired — ask the customer to refresh it in the app."
    )
    assert TokenError(TokenRejection.EXPIRED, "custom").message == "custom"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_imports_no_other_layer_and_no_io_framework() -> None:
    modules = sorted(DOMAIN.glob("*.py"))
    assert modules
    for module in modules:
        for name in _imports(module):
            top = name.split(".")[0]
            assert top not in FORBIDDEN, f"{module.name} imports {name}"
            if top == "clerk":
                assert name.startswith("clerk.domain"), f"{module.name} imports {name}"


def test_modules_stay_small() -> None:
    for module in DOMAIN.glob("*.py"):
        assert len(module.read_text(encoding="utf-8").splitlines()) < 500, module.name
