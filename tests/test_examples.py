"""The main job: the example corpus builds into a graph with the facts its articles state.

Expectations are written from reading examples/news (not captured from kg's output):
each names a fact an analyst would take from those articles.
"""

from pathlib import Path

import pytest

from kg.ingest import read_sources
from kg.pipeline import build
from kg.query import run_query
from kg.store import open_store
from kg.validate import validate

EXAMPLES = Path(__file__).parents[1] / "examples" / "news"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    st = open_store(tmp_path_factory.mktemp("examples") / "store")
    report = build([EXAMPLES], st)
    assert report.ok and len(report.added) == 5
    yield st
    st.close()


@pytest.fixture(scope="module")
def rows(store) -> list[dict[str, str]]:
    result = run_query(store, "facts")
    return [
        {k: ("" if v is None else str(v)) for k, v in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def has(rows, s: str, p: str, o: str = "", amount: float | None = None, currency: str = "") -> bool:
    for r in rows:
        if (r["subject"], r["predicate"]) != (s, p) or (o and r["object"] != o):
            continue
        if amount is not None and (
            not r["amount"] or abs(float(r["amount"]) - amount) > amount * 0.05
        ):
            continue
        if currency and r["currency"] != currency:
            continue
        return True
    return False


@pytest.mark.parametrize(
    ("s", "p", "o"),
    [
        ("Microsoft", "investsIn", "Mistral AI"),
        ("Microsoft", "partnersWith", "Mistral AI"),
        ("Microsoft", "ownsStakeIn", "Mistral AI"),
        ("European Commission", "reviews", "Microsoft"),
        ("European Commission", "reviews", "Mistral AI"),
        ("Mistral AI", "foundedBy", "Arthur Mensch"),
        ("Arthur Mensch", "ceoOf", "Mistral AI"),
        ("Mistral AI", "headquarteredIn", "Paris"),
        ("Mistral AI", "develops", "Mistral Large"),
        ("OpenAI", "develops", "GPT-4"),
    ],
)
def test_facts_the_articles_state(rows, s: str, p: str, o: str) -> None:
    assert has(rows, s, p, o), f"missing {s} {p} {o}"


def test_amounts_with_currencies(rows) -> None:
    assert has(rows, "Microsoft", "investsIn", "OpenAI", amount=13e9)
    assert has(rows, "Mistral AI", "valuedAt", amount=2e9, currency="USD")
    assert has(rows, "Mistral AI", "raises", amount=105e6, currency="EUR")
    assert has(rows, "Mistral AI", "raises", amount=600e6, currency="USD")


def test_every_fact_has_a_source_and_its_sentence(rows, store) -> None:
    names = {p.name for p in EXAMPLES.iterdir()}
    for r in rows:
        assert r["source"] in names
        assert r["evidence"] and 0 < float(r["confidence"]) <= 1
    texts = {d.name: d.text for d in read_sources([EXAMPLES])}
    result = run_query(
        store,
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "SELECT ?name ?e ?s ?t WHERE { ?c kg:evidence ?e ; kg:evidenceStart ?s ;"
        " kg:evidenceEnd ?t ; prov:wasDerivedFrom ?a . ?a kg:sourceName ?name }",
        inline=True,
    )
    assert result.rows
    for name, evidence, start, end in result.rows:
        assert texts[str(name)][int(start) : int(end)] == str(evidence)


def test_the_repaired_article_reads_correctly(store) -> None:
    result = run_query(
        store,
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?e WHERE { ?c kg:evidence ?e FILTER(CONTAINS(?e, 'rilascer')) }",
        inline=True,
    )
    evidence = " ".join(str(r[0]) for r in result.rows)
    assert "rilascerà" in evidence and "più" in evidence
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in evidence)


def test_example_graph_validates_clean(store) -> None:
    report = validate(store)
    assert report.conforms, report.text()
