"""The layout holds: dependency rules checked by import-linter, no import hidden inside a
function to dodge a circle, and a question type that lives in one class."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "accounts", "courses", "certificates", "events", "plans", "cms"]


def _python_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _nested_first_party_imports(path: Path) -> list[str]:
    """Imports of the project's own modules made inside a function body."""
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        # Django's documented place to connect signal receivers.
        if path.name == "apps.py" and function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in APPS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_no_module_imports_another_inside_a_function():
    found = [hit for path in _python_files() for hit in _nested_first_party_imports(path)]
    assert found == []


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree_copy(tmp_path):
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "wrong_way_import", "broken"),
    [
        # courses never depends on certificates
        ("courses/outline.py", "import certificates.models", "Apps:"),
        # a rule never reaches up into the pages that use it
        ("courses/progress.py", "from courses.models.pages import CoursePage", "courses:"),
        # the certificate rules know nothing of Celery
        ("certificates/issuing.py", "from certificates import tasks", "certificates:"),
        # the shared core knows no app
        ("core/blocks.py", "import courses.blocks", "Apps:"),
        # events and certificates are siblings on courses: neither knows the other
        ("events/signup.py", "import certificates.models", "Apps:"),
        # the sign-up rules know nothing of Celery
        ("events/signup.py", "from events import tasks", "events:"),
    ],
)
def test_a_wrong_way_import_breaks_the_contracts(tree_copy, module, wrong_way_import, broken):
    assert _lint_imports(tree_copy).returncode == 0
    with (tree_copy / module).open("a") as handle:
        handle.write(f"\n{wrong_way_import}  # noqa\n")
    result = _lint_imports(tree_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert any(
        line.startswith(broken) and "BROKEN" in line
        for line in result.stdout.replace(" \n", " ").splitlines()
    ), result.stdout
