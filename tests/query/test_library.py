"""The query library: shipped files, header parsing, lookup by name or path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import list_queries, resolve_query
from kg.query.library import ParamSpec, find_query, parse_query
from kg.store.embedded import EmbeddedStore

REQUIRED = {
    "facts", "investors", "deals-under-review", "investments", "shared-investors", "regulator",
    "valuations", "funding-rounds", "founders-and-executives", "partnerships", "competitors",
    "products", "sources", "conflicts", "mentions", "path", "entities",
}  # fmt: skip


def test_library_has_every_required_query() -> None:
    assert REQUIRED <= {q.name for q in list_queries()}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_is_documented_and_valid(query, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert query.title and query.description, query.name
    assert query.example.startswith(f"kg query {query.name}"), query.example
    for spec in query.params:
        assert re.search(rf"\?{spec.name}\b", query.sparql), spec.name
        assert f"--param {spec.name}=" in query.example
    with EmbeddedStore(tmp_path / "s") as store:
        store.query(query.sparql)  # parses and runs on an empty store


def test_parse_header() -> None:
    query = parse_query(
        "# title: Investors of a company\n"
        "# description: Who invests.\n"
        "# param: company (entity, required): the invested company\n"
        "# param: since (date, default=2020): earliest date\n"
        "# param: note (string): free text\n"
        "# example: kg query investors --param company=X\n"
        "SELECT * WHERE { ?s ?p ?o }\n"
        "# param: ignored (int): after the header\n",
        "investors",
    )
    assert query.title == "Investors of a company"
    assert query.description == "Who invests."
    assert query.example == "kg query investors --param company=X"
    assert query.params == (
        ParamSpec("company", "entity", True, None, "the invested company"),
        ParamSpec("since", "date", False, "2020", "earliest date"),
        ParamSpec("note", "string", False, None, "free text"),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# param: x (money): amount", "q: parameter 'x' has unknown type 'money' (use entity, "
         "article, string, int, decimal, date, iri)"),
        ("# param: not a param", "q: bad parameter declaration 'not a param'"),
    ],
)  # fmt: skip
def test_bad_param_declarations(line: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(line + "\nSELECT * {}", "q")
    assert str(info.value) == message


def test_unknown_name_lists_the_library() -> None:
    with pytest.raises(QueryError) as info:
        find_query("investorz")
    assert str(info.value).startswith("investorz: no such query or file (library: competitors, ")


def test_query_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    query = resolve_query(str(path))
    assert (query.name, query.title, query.path) == ("mine", "Mine", path)


def test_inline_sparql() -> None:
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }").name == "inline query"
    assert resolve_query("ASK {}", inline=True).sparql == "ASK {}"
