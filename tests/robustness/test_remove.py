"""`kg remove`: an article goes, with every fact only it supported; shared facts stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import build as build_cli
from kg.cli import remove as remove_cli
from kg.pipeline import build
from kg.query import run_query
from kg.remove import remove
from kg.store import open_store

runner = CliRunner()

A = """---
url: https://news.example.org/remove/a
lang: en
---
Northwind Capital said that it has invested 4 million euros in Zephyr Robotics.
Acme Corp acquired Tidewater Systems.
"""
B = """---
url: https://news.example.org/remove/b
lang: en
---
Northwind Capital said on Friday that it has invested 4 million euros in Zephyr Robotics.
"""


def facts(store) -> set[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    result = run_query(store, "facts")
    cols = result.variables
    return {
        (str(r[cols.index("subject")]), str(r[cols.index("predicate")]),
         str(r[cols.index("object")]), str(r[cols.index("source")]))
        for r in result.rows
    }  # fmt: skip


def labels(store) -> set[str]:  # type: ignore[no-untyped-def]
    result = store.query(
        "SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    return {str(row[0]) for row in result.rows}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path, news: Path):  # type: ignore[no-untyped-def]
    st = open_store(tmp_path / "store")
    report = build([news], st)
    assert len(report.added) == 2
    yield st
    st.close()


def test_removing_a_file_drops_what_only_it_supported(store, news: Path) -> None:  # type: ignore[no-untyped-def]
    before = facts(store)
    only_b = store.stats().triples
    a_url, b_url = "https://news.example.org/remove/a", "https://news.example.org/remove/b"
    assert ("Acme Corp", "acquires", "Tidewater Systems", a_url) in before
    assert ("Northwind Capital", "investsIn", "Zephyr Robotics", b_url) in before
    report = remove([news / "a.txt"], store)
    assert report.ok and len(report.removed) == 1
    after = facts(store)
    assert {f for f in after if f[3] == a_url} == set()
    assert after == {f for f in before if f[3] == b_url}
    assert ("Northwind Capital", "investsIn", "Zephyr Robotics", b_url) in after
    assert "Acme Corp" not in labels(store) and "Tidewater Systems" not in labels(store)
    assert "Northwind Capital" in labels(store)
    assert store.stats().articles == 1 and store.stats().triples < only_b


def test_remove_then_rebuild_restores_the_same_graph(store, news: Path) -> None:  # type: ignore[no-untyped-def]
    triples = store.stats().triples
    remove([news / "a.txt"], store)
    report = build([news], store)
    assert len(report.added) == 1 and len(report.unchanged) == 1
    assert store.stats().triples == triples


@pytest.mark.parametrize("how", ["url", "doc-id", "deleted-file"])
def test_remove_by_url_doc_id_or_deleted_file_name(store, news: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    [doc_id] = [d for d, _ in store.article_hashes().items() if d in _ids_of(news / "a.txt")]
    if how == "url":
        source = "https://news.example.org/remove/a"
    elif how == "doc-id":
        source = doc_id
    else:
        (news / "a.txt").unlink()
        source = str(news / "a.txt")
    report = remove([source], store)
    assert report.removed == [doc_id] and report.ok
    assert doc_id not in store.article_hashes()


def _ids_of(path: Path) -> set[str]:
    from kg.ingest import read_sources

    return {d.doc_id for d in read_sources([path]) if hasattr(d, "doc_id")}


def test_unknown_sources_are_reported_and_the_rest_removed(store, news: Path) -> None:  # type: ignore[no-untyped-def]
    unknown = ["0123456789abcdef", "https://news.example.org/never", "gone.txt"]
    report = remove([*unknown, news / "b.txt"], store)
    assert len(report.removed) == 1
    assert [str(e) for e in report.not_found] == [
        "0123456789abcdef: no stored article with this id or URL",
        "https://news.example.org/never: no stored article with this id or URL",
        "gone.txt: no such file, and no stored article by that name",
    ]
    assert report.summary() == "1 removed, 3 not found"
    again = remove([news / "b.txt"], store)
    assert [str(e) for e in again.not_found] == [f"{news / 'b.txt'}: no stored article for it"]


def cli_app() -> typer.Typer:
    """build + remove, registered as kg.cli registers them (store from KG_STORE)."""
    app = typer.Typer()
    build_cli.register(app)
    remove_cli.register(app)
    return app


def test_cli_remove(tmp_path: Path, news: Path) -> None:
    env = {"KG_STORE": str(tmp_path / "cli-store")}
    app = cli_app()
    assert runner.invoke(app, ["build", "-q", str(news)], env=env).exit_code == 0
    done = runner.invoke(app, ["remove", str(news / "a.txt"), "0123456789abcdef"], env=env)
    assert done.exit_code == 2
    assert done.stderr == "not removed: 0123456789abcdef: no stored article with this id or URL\n"
    assert done.stdout == f"1 removed, 1 not found → store {tmp_path / 'cli-store'}\n"
    ok = runner.invoke(app, ["remove", "https://news.example.org/remove/b"], env=env)
    assert ok.exit_code == 0 and ok.stdout.startswith("1 removed, 0 not found")


def test_kg_remove_is_registered_in_the_kg_command() -> None:
    from kg.cli import app

    result = runner.invoke(app, ["remove", "--help"])
    assert result.exit_code == 0, result.output
    assert "Remove articles from the graph" in result.stdout
