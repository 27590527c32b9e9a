"""`kg build` through typer's runner and through the installed console script."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

DATA = Path(__file__).parents[1] / "data" / "pipeline"
runner = CliRunner()


def test_build_reports_a_summary_on_stdout(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(
        app, ["--store", str(store), "build", "-q", str(DATA / "zephyr_round.txt")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 added, 0 replaced, 0 unchanged, 0 skipped;")


def test_skipped_inputs_are_listed_and_exit_code_is_2(tmp_path: Path) -> None:
    store = tmp_path / "store"
    empty = DATA / "empty.txt"
    result = runner.invoke(
        app, ["--store", str(store), "build", "-q", str(empty), str(DATA / "zephyr_round.txt")]
    )
    assert result.exit_code == 2
    assert result.stderr == f"skipped: {empty}: empty file\n"
    assert "1 added" in result.stdout


def test_missing_source_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["--store", str(tmp_path / "s"), "build", "-q", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr


def test_store_from_environment(tmp_path: Path) -> None:
    store = tmp_path / "env-store"
    result = runner.invoke(
        app, ["build", "-q", str(DATA / "brightwave_deal.md")], env={"KG_STORE": str(store)}
    )
    assert result.exit_code == 0, result.output
    assert store.is_dir()


def test_installed_console_script(tmp_path: Path) -> None:
    kg = shutil.which("kg")
    if kg is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the kg console script is not installed")
        pytest.skip("kg is not installed (pip install -e .)")
    store = tmp_path / "store"
    done = subprocess.run(
        [kg, "--store", str(store), "build", str(DATA)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2  # empty.txt is skipped
    assert "2 added" in done.stdout
    stats = subprocess.run([kg, "--store", str(store), "stats"], capture_output=True, text=True)
    assert stats.returncode == 0 and "articles  2" in stats.stdout
