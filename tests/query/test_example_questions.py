"""Every library question on the example graph, against what the example articles say.

The expectations were written from reading examples/news, not captured from kg's output.
"""

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.query import list_queries, run_query
from kg.store import open_store

EXAMPLES = Path(__file__).parents[2] / "examples" / "news"

# question → (parameters, column, values that must appear in that column)
EXPECTED: dict[str, tuple[dict[str, str], str, set[str]]] = {
    "facts": ({}, "subject", {"Microsoft", "Mistral AI", "European Commission"}),
    "investors": ({"company": "Mistral AI"}, "investor", {"Microsoft", "General Catalyst"}),
    "investments": ({"investor": "Microsoft"}, None, {"OpenAI", "Mistral AI"}),
    "shared-investors": ({"company": "Mistral AI", "other": "OpenAI"}, None, {"Microsoft"}),
    "deals-under-review": ({}, "regulator", {"European Commission"}),
    "regulator": ({"regulator": "European Commission"}, None, {"Microsoft – Mistral AI"}),
    "valuations": ({"company": "Mistral AI"}, "amount", {"2000000000", "6000000000"}),
    "funding-rounds": ({}, None, {"105000000", "600000000"}),
    "founders-and-executives": ({"company": "Mistral AI"}, None, {"Arthur Mensch"}),
    "partnerships": ({"company": "Microsoft"}, None, {"Mistral AI"}),
    "competitors": ({"company": "Mistral AI"}, None, {"DeepSeek"}),
    "products": ({}, None, {"Mistral Large", "GPT-4"}),
    "sources": ({"subject": "Microsoft", "object": "OpenAI"}, None, {"13 miliardi investiti"}),
    "mentions": ({"article": "2025-02-mistral-open-source.txt"}, None, {"DeepSeek", "Paris"}),
    "path": ({"from": "European Commission", "to": "Microsoft"}, None, {"Microsoft"}),
    "entities": ({}, "entity", {"Mistral AI", "Microsoft", "Arthur Mensch"}),
    "explain": ({"entity": "Arthur Mensch"}, "predicate", {"ceoOf", "foundedBy"}),
    # two articles disagree on the Microsoft–Mistral deal (15 million EUR vs 16 million USD)
    "conflicts": ({}, None, {"15000000", "16000000"}),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    st = open_store(tmp_path_factory.mktemp("questions") / "store")
    build([EXAMPLES], st)
    yield st
    st.close()


def test_every_question_has_an_expectation() -> None:
    names = {q.name for q in list_queries()}
    assert names <= set(EXPECTED), "add expectations for new questions"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_question_on_the_example_graph(store, name: str) -> None:
    params, column, wanted = EXPECTED[name]
    result = run_query(store, name, params)
    assert result.rows, f"{name} returned no rows"
    if column is None:
        values = {str(v) for row in result.rows for v in row if v is not None}
    else:
        i = result.variables.index(column)
        values = {str(row[i]) for row in result.rows if row[i] is not None}
    missing = {w for w in wanted if not any(w == v or w in v for v in values)}
    assert not missing, f"{name}: missing {missing}"


def test_conflicts_only_lists_disagreements(store) -> None:
    result = run_query(store, "conflicts")
    cols = result.variables
    for row in result.rows:
        r = dict(zip(cols, row, strict=True))
        mine, theirs = (r["amount"], r["currency"]), (r["other_amount"], r["other_currency"])
        assert mine != theirs
        assert r["source"] != r["other_source"]
