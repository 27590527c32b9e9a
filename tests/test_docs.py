"""The docs are executable: README commands, CI script and command help agree."""

import re
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _blocks() -> list[str]:
    return re.findall(r"```\n(.*?)```", README, flags=re.S)


def test_first_screen_has_the_two_commands() -> None:
    first = README[:1500]
    assert "pip install -e . && kg build examples/news" in first
    assert 'pip install -e ".[test]" && pytest' in first


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = next(b.strip() for b in _blocks() if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    commands = sorted(c.name for c in app.registered_commands)
    assert {"build", "query", "view", "export", "stats", "validate"} <= set(commands)
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, name
        assert f"kg {name}" in README, name


def test_main_job_folder_exists() -> None:
    assert sorted(p.suffix for p in (ROOT / "examples" / "news").iterdir()) == [".txt"] * 5
