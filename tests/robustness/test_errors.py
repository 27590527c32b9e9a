"""Errors for humans: expected failures are one ``Error: …`` line, never a traceback.

Run through the real ``python -m kg`` so what is checked is exactly what a user sees;
``--debug`` is the one way to get the traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from robust_support import DATA, run_kg


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("errors") / "store"
    done = run_kg(location, "build", "-q", str(DATA / "corpus" / "good_en.txt"))
    assert done.returncode == 0, done.stderr
    return location


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


def test_missing_path_is_a_skipped_line(store: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "x.txt"
    done = run_kg(store, "build", "-q", str(missing))
    assert done.returncode == 2
    assert done.stderr == f"skipped: {missing}: no such file or folder\n"


def test_unknown_entity_in_view_around(store: Path, tmp_path: Path) -> None:
    done = run_kg(store, "view", "--around", "Nobody Such", "--output", str(tmp_path / "v.html"))
    assert done.returncode == 1
    assert one_error_line(done.stderr) == "Error: entity 'Nobody Such' not found in the graph"
    assert not (tmp_path / "v.html").exists()


def test_unknown_query_name(store: Path) -> None:
    done = run_kg(store, "query", "no-such-query")
    assert done.returncode == 1
    line = one_error_line(done.stderr)
    assert line.startswith("Error: no-such-query: no such query or file (library: ")
    assert "facts" in line


def test_unreachable_endpoint() -> None:
    done = run_kg("http://127.0.0.1:9/query", "query", "facts")
    assert done.returncode == 1
    line = one_error_line(done.stderr)
    assert line.startswith("Error: http://127.0.0.1:9/query: cannot reach the SPARQL endpoint (")


def test_invalid_sparql_names_line_and_column(store: Path) -> None:
    done = run_kg(store, "query", "-e", "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert done.returncode == 1
    line = one_error_line(done.stderr)
    assert re.match(r"Error: inline query: invalid SPARQL: error at 3:\d+: ", line), line


def test_debug_shows_the_traceback(store: Path) -> None:
    done = run_kg(store, "query", "no-such-query", debug=True)
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "QueryError" in done.stderr and "no-such-query" in done.stderr
