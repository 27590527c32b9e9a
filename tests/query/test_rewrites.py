"""Questions rewritten for speed give the rows their previous text gave.

``tests/data/query/before/<name>.rq`` holds the text of a library question before it was
rewritten for Oxigraph's planner (issue 7). Both texts run on the same stores with the
same parameters: the example corpus built by ``kg build``, and the hand-written fixture on
the embedded store and on a SPARQL server (which binds parameters with a VALUES block
instead of substituting them). Rows are compared as multisets, and the columns of the
ORDER BY must come out in the same sequence (rows that tie on every sort key may come out
in any order, as before).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.query import run_query
from kg.query.library import find_query, parse_query
from kg.query.tables import plain
from kg.store import open_store
from kg.store.base import SelectResult, Store
from kg.store.embedded import EmbeddedStore

BEFORE = Path(__file__).parents[1] / "data" / "query" / "before"
EXAMPLES = Path(__file__).parents[2] / "examples" / "news"
REWRITTEN = sorted(path.stem for path in BEFORE.glob("*.rq"))

Rows = list[tuple[str, ...]]

_ENTITIES = """SELECT DISTINCT ?node WHERE {
  ?node <http://www.w3.org/2004/02/skos/core#prefLabel> ?label
  FILTER(STRSTARTS(STR(?node), "https://w3id.org/kg/id/entity/"))
}"""
_ARTICLE_KEYS = """SELECT DISTINCT ?key WHERE {
  ?node a <https://w3id.org/kg/ontology#Article> .
  { ?node <https://schema.org/url> ?k } UNION { ?node <https://w3id.org/kg/ontology#sourceName> ?k }
  UNION { BIND(STRAFTER(STR(?node), "/article/") AS ?k) }
  BIND(STR(?k) AS ?key)
}"""


def table(store: Store, text: str, values: dict[str, str]) -> tuple[list[str], Rows]:
    result = run_query(store, text, values, inline=True)
    assert isinstance(result, SelectResult)
    return result.variables, [tuple(plain(term) for term in row) for row in result.rows]


def sort_columns(text: str, columns: list[str]) -> list[int]:
    """Positions of the output columns named in the query's final ORDER BY."""
    clause = text.rsplit("ORDER BY", 1)[1] if "ORDER BY" in text else ""
    return [columns.index(name) for name in re.findall(r"\?(\w+)", clause) if name in columns]


def assert_same(name: str, values: dict[str, str], store: Store) -> None:
    before_text = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    columns, before = table(store, before_text, values)
    after_columns, after = table(store, find_query(name).sparql, values)
    where = f"{name} {values}"
    assert after_columns == columns, where
    assert Counter(after) == Counter(before), where
    keys = sort_columns(before_text, columns)
    assert [tuple(row[i] for i in keys) for row in after] == [
        tuple(row[i] for i in keys) for row in before
    ], f"{where}: rows in another order"


def column(store: Store, sparql: str) -> list[str]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return sorted(str(row[0]) for row in result.rows if row[0] is not None)


def parameter_sets(store: Store, name: str, *, every: int = 1, pairs: int = 0) -> list[dict]:
    """Values for each declared parameter: entities (by IRI) or article keys.

    ``every`` thins the entities; ``pairs`` > 0 caps how many entities two-entity
    questions combine (the old ``path`` text is slow).
    """
    specs = parse_query((BEFORE / f"{name}.rq").read_text(encoding="utf-8"), name).params
    if not specs:
        return [{}]
    if specs[0].type == "string":  # mentions: an article by URL, file name or id
        # (an unknown key gave no rows before; now it is an error, tested with find_article)
        return [{specs[0].name: key} for key in column(store, _ARTICLE_KEYS)]
    entities = column(store, _ENTITIES)[::every]
    if len(specs) == 1:
        return [{specs[0].name: iri} for iri in entities]
    chosen = entities[:pairs] if pairs else entities
    return [{specs[0].name: a, specs[1].name: b} for a, b in itertools.product(chosen, chosen)]


def test_every_rewritten_question_is_in_the_library() -> None:
    assert REWRITTEN, "no earlier texts to compare with"
    for name in REWRITTEN:
        assert find_query(name).sparql != (BEFORE / f"{name}.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path_factory.mktemp("rewrites") / "store")
    build([EXAMPLES], store)
    yield store
    store.close()


@pytest.mark.parametrize("name", REWRITTEN)
def test_same_rows_on_the_example_graph(examples: Store, name: str) -> None:
    # two entities: a sample of pairs (the earlier path text enumerates every chain of up to 4 hops)
    two = len(find_query(name).params) == 2
    sets = parameter_sets(examples, name, every=(9 if name == "path" else 4) if two else 1)
    assert sets
    for values in sets:
        assert_same(name, values, examples)


@pytest.mark.parametrize("name", REWRITTEN)
def test_same_rows_on_the_fixture(loaded: Store, name: str) -> None:
    remote = not isinstance(loaded, EmbeddedStore)
    sets = parameter_sets(loaded, name, pairs=2 if remote and name == "path" else 0)
    assert sets
    for values in sets:
        assert_same(name, values, loaded)


_TO_OLD_LAYOUT = """
INSERT { GRAPH ?g { ?e ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/kg/graph/entities> { ?e ?p ?o }
  GRAPH ?g { { ?e ?p2 ?o2 } UNION { ?s2 ?p2 ?e } }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg/graph/article/"))
} ;
DROP GRAPH <https://w3id.org/kg/graph/entities>
"""


@pytest.fixture(scope="module")
def old_layout(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The examples as stores written before ``kgg:entities`` held them: every article graph
    repeats the class and label of each entity it names."""
    store = open_store(tmp_path_factory.mktemp("old-layout") / "store")
    build([EXAMPLES], store)
    store.update(_TO_OLD_LAYOUT)
    copies = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g "
        "{ ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"
    )
    entities = column(store, _ENTITIES)
    assert isinstance(copies, SelectResult)
    assert int(copies.rows[0][0]) > len(entities)  # labels repeated across article graphs
    yield store
    store.close()


@pytest.mark.parametrize("name", REWRITTEN)
def test_same_rows_on_a_store_in_the_old_layout(old_layout: Store, name: str) -> None:
    two = len(find_query(name).params) == 2
    sets = parameter_sets(old_layout, name, every=(9 if name == "path" else 4) if two else 1)
    assert sets
    for values in sets:
        assert_same(name, values, old_layout)
