"""One direction of dependencies: units ← targets ← projects ← reports ← workbook ← ops.

A module may import its own app and the apps below it, never one above (imports under
``if TYPE_CHECKING:`` excepted: they never run). The test reads every module's imports — at the top and
inside functions alike — so a lazy import against the direction is caught too. ``bin/test`` also runs
import-linter's contract (pyproject.toml) over the same layers.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LAYERS = ["units", "targets", "projects", "reports", "workbook", "ops"]
ROOT = Path(settings.BASE_DIR)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Line numbers of statements inside ``if TYPE_CHECKING:`` blocks."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING":
            for child in node.body:
                for sub in ast.walk(child):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def imported_apps(source: str) -> list[tuple[int, str]]:
    """(line, app) of every import of one of the layered apps in ``source``."""
    tree = ast.parse(source)
    skip = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if node.lineno in skip:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                found.append((node.lineno, top))
    return found


def violations(app: str, source: str, where: str = "<source>") -> list[str]:
    """Imports in a module of ``app`` that point to an app above it."""
    level = LAYERS.index(app)
    return [f"{where}:{line}: {app} imports {other}" for line, other in imported_apps(source)
            if LAYERS.index(other) > level]


def test_a_wrong_import_direction_is_caught():
    wrong = "from reports.progress import progress_report\n\ndef f():\n    import workbook.importer\n"
    assert violations("units", wrong) == ["<source>:1: units imports reports", "<source>:4: units imports workbook"]
    assert violations("targets", "from projects.models import MonthSubmission\n") == [
        "<source>:1: targets imports projects"]


def test_imports_for_type_checking_only_and_downward_imports_are_allowed():
    allowed = (
        "from typing import TYPE_CHECKING\nfrom units.models import Unit\n"
        "if TYPE_CHECKING:\n    from projects.models import Project\n"
    )
    assert violations("units", allowed) == []
    assert violations("reports", "from projects.models import Project\nfrom units import periods\n") == []


def test_no_module_of_the_portal_imports_against_the_direction():
    found = []
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            found += violations(app, path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_import_linter_keeps_the_layers_contract():
    lint = shutil.which("lint-imports") or str(ROOT / ".venv" / "bin" / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed (it comes with the test extras: bash bin/test)")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_outside_migrations_is_over_400_lines():
    long = []
    for app in [*LAYERS, "config"]:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > 400:
                long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert long == []
