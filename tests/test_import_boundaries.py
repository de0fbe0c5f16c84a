"""The house's boundaries: record-side packages stay free of the browser and the test runner,
and the import contracts in pyproject.toml hold (import-linter)."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import leganto_qa

REPO = Path(__file__).resolve().parents[1]
RECORD_SIDE = ("model", "config", "i18n", "compare", "reports", "evidence")
HEAVY = ("playwright", "pytest", "_pytest", "axe_playwright_python", "pytest_html", "flask")


def _modules(package: str) -> list[str]:
    path = [str(Path(leganto_qa.__file__).parent / package)]
    prefix = f"leganto_qa.{package}."
    return [f"leganto_qa.{package}"] + [m.name for m in pkgutil.walk_packages(path, prefix)]


@pytest.mark.parametrize("package", RECORD_SIDE)
def test_record_side_imports_neither_playwright_nor_pytest(package):
    modules = _modules(package)
    assert len(modules) > 1, f"no modules found in leganto_qa.{package}"
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [], f"leganto_qa.{package} loads {result.stdout.strip()}"


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports")
    assert lint_imports, "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_stand_in_libraries_are_an_extra_not_a_dependency():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    runtime = " ".join(project["dependencies"]).lower()
    for library in ("flask", "pyjwt", "pylti1p3", "openpyxl", "python-docx"):
        assert library not in runtime
        assert any(library in d.lower() for d in project["optional-dependencies"]["demo"])


def test_suites_import_only_public_names():
    import ast

    private = []
    for path in sorted((REPO / "suites").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("leganto_qa"):
                module_private = any(p.startswith("_") for p in node.module.split("."))
                names = [a.name for a in node.names if a.name.startswith("_")]
                if module_private or names:
                    private.append(f"{path.relative_to(REPO)}: {node.module} {names}")
    assert private == [], "suites import private names of leganto_qa:\n" + "\n".join(private)
