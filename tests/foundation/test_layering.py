"""Imports flow one way: ui -> sync -> kiosk. The core knows nothing of Qt or transport."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "kiosk": {"ui", "sync", "PySide6", "shiboken6"},
    "sync": {"ui", "PySide6", "shiboken6"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_lower_layers(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {str(f.relative_to(ROOT)): sorted(imported_roots(f) & FORBIDDEN[package]) for f in files}
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_layering_check_detects_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sync.worker\n", encoding="utf-8")
    assert imported_roots(bad) >= {"PySide6", "sync"}


POSIX_ONLY = {"fcntl", "termios", "pwd", "grp", "resource"}


def test_app_code_imports_no_posix_only_module() -> None:
    """Counter PCs run Windows too: one `import fcntl` made the sync worker unimportable
    there. File locks go through kiosk.fileutil (filelock)."""
    files = [f for pkg in ("kiosk", "sync", "ui") for f in sorted((ROOT / pkg).rglob("*.py"))]
    offenders = {str(f.relative_to(ROOT)): sorted(imported_roots(f) & POSIX_ONLY) for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}
