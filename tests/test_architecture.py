"""Guard-rails: data flows one way between stages, the code is lint clean, --help is fast."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: pip install -e '.[test]'")
    return path


def test_stages_import_only_earlier_stages() -> None:
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_ruff_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "check", "kg", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_help_does_not_import_the_heavy_stages() -> None:
    code = (
        "import sys; from kg.cli import app; "
        "heavy = ('pyoxigraph', 'pyshacl', 'pyvis', 'networkx', 'ftfy');"
        "heavy = [m for m in heavy if m in sys.modules];"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
