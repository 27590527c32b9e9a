"""Every library query on both backends, against rows written by hand from news.trig."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import EntityNotFound, QueryError
from kg.query import run_query
from kg.query.tables import plain
from kg.store.base import SelectResult, Store

A1 = "https://news.example/a1"
C3 = "https://news.example/c3"
OFFICE = "Office Fédéral de la Concurrence Numérique"
DEAL = "Kestrel Systems – Orion Labs"
EV_INVEST_A1 = "Northwind Capital invested 50 million euros in Orion Labs."
EV_INVEST_B2 = "Northwind avait investi 55 millions d'euros dans Orion."
EV_ROUND = "Orion Labs raised 120 million euros from Northwind Capital and Bluepeak Ventures."
EV_REVIEW = "L'Office fédéral examine l'accord entre Kestrel et Orion."
EV_PARTNER = "Kestrel Systems et Orion Labs ont signé un partenariat en mai 2024."
EV_COMPETE = "Kestrel konkurriert direkt mit Orion Labs."
EV_VALUE_A1 = "The round values Orion Labs at 2 billion euros."
EV_VALUE_B2 = "Orion est valorisée 2 milliards de dollars."


def table(store: Store, name: str, **params: str) -> tuple[list[str], list[tuple[str, ...]]]:
    result = run_query(store, name, params)
    assert isinstance(result, SelectResult)
    return result.variables, [tuple(plain(t) for t in row) for row in result.rows]


FACT_COLUMNS = [
    "subject", "predicate", "object", "amount", "currency", "date", "source", "evidence",
    "confidence",
]  # fmt: skip
FACTS = [
    ("Bluepeak Ventures", "investsIn", "Kestrel Systems", "30000000", "USD", "2023", C3,
     "Bluepeak Ventures investierte 2023 30 Millionen Dollar in Kestrel.", "0.85"),
    ("Hugo Brandt", "ceoOf", "Orion Labs", "", "", "", A1,
     "Hugo Brandt, chief executive of Orion Labs, welcomed the deal.", "0.9"),
    ("Hugo Brandt", "employedBy", "Kestrel Systems", "", "", "", C3,
     "Hugo Brandt arbeitete früher bei Kestrel.", "0.65"),
    ("Kestrel Systems", "competesWith", "Orion Labs", "", "", "", C3, EV_COMPETE, "0.7"),
    ("Kestrel Systems", "develops", "Kestrel Vision", "", "", "", C3,
     "Kestrel entwickelt das Modell Kestrel Vision.", "0.9"),
    ("Kestrel Systems", "partnersWith", "Orion Labs", "", "", "2024-05", "b2.txt", EV_PARTNER,
     "0.8"),
    ("Kestrel Vision", "availableOn", "Nimbus Cloud", "", "", "", C3,
     "Kestrel Vision ist auf Nimbus Cloud verfügbar.", "0.8"),
    ("Northwind Capital", "investsIn", "Orion Labs", "55000000", "EUR", "2024-03", "b2.txt",
     EV_INVEST_B2, "0.6"),
    ("Northwind Capital", "investsIn", "Orion Labs", "50000000", "EUR", "2024-03", A1,
     EV_INVEST_A1, "0.9"),
    (OFFICE, "reviews", "Kestrel Systems", "", "", "2024-06", "b2.txt", EV_REVIEW, "0.7"),
    (OFFICE, "reviews", DEAL, "", "", "2024-06", "b2.txt", EV_REVIEW, "0.7"),
    (OFFICE, "reviews", "Orion Labs", "", "", "2024-06", "b2.txt", EV_REVIEW, "0.7"),
    ("Orion Labs", "foundedBy", "Lena Varga", "", "", "", A1,
     "Orion Labs was founded by Lena Varga.", "0.95"),
    ("Orion Labs", "raises", "", "120000000", "EUR", "2024-03", A1, EV_ROUND, "0.8"),
    ("Orion Labs", "valuedAt", "", "2000000000", "USD", "2024-03", "b2.txt", EV_VALUE_B2, "0.75"),
    ("Orion Labs", "valuedAt", "", "2000000000", "EUR", "2024-03", A1, EV_VALUE_A1, "0.85"),
]  # fmt: skip


def test_facts(loaded: Store) -> None:
    columns, rows = table(loaded, "facts")
    assert columns[:9] == FACT_COLUMNS
    assert rows == FACTS


def test_investors(loaded: Store) -> None:
    columns, rows = table(loaded, "investors", company="orion labs")
    assert columns == ["investor", "amount", "currency", "date", "source", "evidence"]
    assert rows == [
        ("Bluepeak Ventures", "120000000", "EUR", "2024-03", A1, EV_ROUND),
        ("Northwind Capital", "55000000", "EUR", "2024-03", "b2.txt", EV_INVEST_B2),
        ("Northwind Capital", "50000000", "EUR", "2024-03", A1, EV_INVEST_A1),
        ("Northwind Capital", "120000000", "EUR", "2024-03", A1, EV_ROUND),
    ]


def test_investors_by_alias_ignoring_accents_and_case(loaded: Store) -> None:
    assert (
        table(loaded, "investors", company="ORION")[1]
        == table(loaded, "investors", company="Orion Labs")[1]
    )


def test_deals_under_review(loaded: Store) -> None:
    columns, rows = table(loaded, "deals-under-review")
    assert columns == ["regulator", "deal", "parties", "source", "evidence"]
    assert rows == [(OFFICE, DEAL, "Kestrel Systems, Orion Labs", "b2.txt", EV_REVIEW)]


def test_investments(loaded: Store) -> None:
    columns, rows = table(loaded, "investments", investor="Northwind")
    assert columns == ["company", "amount", "currency", "date", "source", "evidence"]
    assert rows == [
        ("Orion Labs", "55000000", "EUR", "2024-03", "b2.txt", EV_INVEST_B2),
        ("Orion Labs", "50000000", "EUR", "2024-03", A1, EV_INVEST_A1),
        ("Orion Labs", "120000000", "EUR", "2024-03", A1, EV_ROUND),
    ]


def test_shared_investors(loaded: Store) -> None:
    columns, rows = table(loaded, "shared-investors", company="Orion Labs", other="Kestrel Systems")
    assert columns == ["investor", "sources_company", "sources_other"]
    assert rows == [("Bluepeak Ventures", "1", "1")]


def test_regulator(loaded: Store) -> None:
    columns, rows = table(
        loaded, "regulator", regulator="office federal de la concurrence numerique"
    )
    assert columns == ["target", "kind", "date", "source", "evidence"]
    assert rows == [(DEAL, "deal", "2024-06", "b2.txt", EV_REVIEW)]


def test_valuations(loaded: Store) -> None:
    _, rows = table(loaded, "valuations", company="Orion Labs")
    assert rows == [
        ("2024-03", "2000000000", "USD", "b2.txt", EV_VALUE_B2),
        ("2024-03", "2000000000", "EUR", A1, EV_VALUE_A1),
    ]


def test_funding_rounds(loaded: Store) -> None:
    columns, rows = table(loaded, "funding-rounds")
    assert columns == ["company", "amount", "currency", "date", "investors", "source", "evidence"]
    assert rows == [
        ("Orion Labs", "120000000", "EUR", "2024-03", "Bluepeak Ventures, Northwind Capital", A1,
         EV_ROUND),
    ]  # fmt: skip


def test_founders_and_executives(loaded: Store) -> None:
    _, rows = table(loaded, "founders-and-executives", company="Orion Labs")
    assert [row[:2] for row in rows] == [("Hugo Brandt", "ceo"), ("Lena Varga", "founder")]
    _, rows = table(loaded, "founders-and-executives", company="Kestrel Systems")
    assert [row[:3] for row in rows] == [("Hugo Brandt", "employee", C3)]


def test_partnerships_either_direction(loaded: Store) -> None:
    expected = [("Kestrel Systems", "2024-05", "b2.txt", EV_PARTNER)]
    assert table(loaded, "partnerships", company="Orion Labs")[1] == expected
    _, rows = table(loaded, "partnerships", company="Kestrel Systems")
    assert rows == [("Orion Labs", "2024-05", "b2.txt", EV_PARTNER)]


def test_competitors(loaded: Store) -> None:
    _, rows = table(loaded, "competitors", company="Orion Labs")
    assert rows == [("Kestrel Systems", "", C3, EV_COMPETE)]


def test_products(loaded: Store) -> None:
    columns, rows = table(loaded, "products")
    assert columns == ["product", "developers", "available_on"]
    assert rows == [("Kestrel Vision", "Kestrel Systems", "Nimbus Cloud"), ("Nimbus Cloud", "", "")]


def test_sources_between_two_entities(loaded: Store) -> None:
    _, rows = table(loaded, "sources", subject="Orion Labs", object="Kestrel Systems")
    assert rows == [
        ("competesWith", "<-", "", C3, EV_COMPETE, "0.7"),
        ("partnersWith", "<-", "2024-05", "b2.txt", EV_PARTNER, "0.8"),
    ]


def test_conflicts(loaded: Store) -> None:
    columns, rows = table(loaded, "conflicts")
    assert columns[:4] == ["subject", "predicate", "object", "date"]
    assert rows == [
        ("Northwind Capital", "investsIn", "Orion Labs", "2024-03", "50000000", "EUR", A1,
         "55000000", "EUR", "b2.txt"),
        ("Orion Labs", "valuedAt", "", "2024-03", "2000000000", "EUR", A1, "2000000000", "USD",
         "b2.txt"),
    ]  # fmt: skip


def test_mentions(loaded: Store) -> None:
    expected = [
        ("Kestrel Systems", "Company"),
        ("Northwind Capital", "InvestmentFirm"),
        (OFFICE, "Regulator"),
        ("Orion Labs", "Company"),
    ]
    assert table(loaded, "mentions", article="b2.txt")[1] == expected
    assert table(loaded, "mentions", article="b2")[1] == expected
    assert len(table(loaded, "mentions", article=C3)[1]) == 6


def test_path_lists_only_the_shortest_chains(loaded: Store) -> None:
    columns, rows = table(loaded, "path", **{"from": "Lena Varga", "to": "Kestrel Vision"})
    assert columns == ["hops", "path"]
    assert rows == [
        ("3", "Lena Varga <-foundedBy- Orion Labs <-competesWith- Kestrel Systems "
              "-develops-> Kestrel Vision"),
        ("3", "Lena Varga <-foundedBy- Orion Labs <-partnersWith- Kestrel Systems "
              "-develops-> Kestrel Vision"),
    ]  # fmt: skip
    _, rows = table(loaded, "path", **{"from": "Orion Labs", "to": "Northwind Capital"})
    assert rows == [("1", "Orion Labs <-investsIn- Northwind Capital")]


def test_path_through_a_deal(loaded: Store) -> None:
    _, rows = table(loaded, "path", **{"from": "Nimbus Cloud", "to": OFFICE})
    assert rows == [
        ("4", f"Nimbus Cloud <-availableOn- Kestrel Vision <-develops- Kestrel Systems "
              f"<-partner- {DEAL} <-reviews- {OFFICE}"),
    ]  # fmt: skip


def test_entities(loaded: Store) -> None:
    columns, rows = table(loaded, "entities")
    assert columns == ["entity", "class", "facts"]
    assert rows == [
        ("Orion Labs", "Company", "9"),
        ("Kestrel Systems", "Company", "5"),
        ("Hugo Brandt", "Person", "2"),
        ("Kestrel Vision", "Product", "2"),
        ("Northwind Capital", "InvestmentFirm", "2"),
        ("Bluepeak Ventures", "InvestmentFirm", "1"),
        ("Lena Varga", "Person", "1"),
        ("Nimbus Cloud", "Product", "1"),
        (OFFICE, "Regulator", "1"),
    ]


INJECTION = 'x" } ; DROP ALL ; #'


def test_injection_in_an_entity_parameter(loaded: Store) -> None:
    before = loaded.stats().triples
    with pytest.raises(EntityNotFound):
        run_query(loaded, "investors", {"company": INJECTION})
    assert loaded.stats().triples == before


def test_injection_in_a_string_parameter(loaded: Store, tmp_path: Path) -> None:
    question = tmp_path / "by-name.rq"
    question.write_text(
        "# param: file (string, required): a file name\n"
        "SELECT ?article ?file WHERE { ?article <https://w3id.org/kg/ontology#sourceName> ?file }\n"
    )
    before = loaded.stats().triples
    assert len(table(loaded, str(question), file="b2.txt")[1]) == 1
    assert table(loaded, str(question), file=INJECTION)[1] == []
    assert loaded.stats().triples == before


def test_injection_in_an_article_parameter(loaded: Store) -> None:
    before = loaded.stats().triples
    with pytest.raises(QueryError, match="no stored article has the URL, file name or id"):
        table(loaded, "mentions", article=INJECTION)
    assert loaded.stats().triples == before


@pytest.mark.parametrize("value", ["http://[bad", "ftp://%zz"])
def test_an_iri_parameter_the_store_rejects_is_a_query_error(
    loaded: Store, tmp_path: Path, value: str
) -> None:
    question = tmp_path / "about.rq"
    question.write_text(
        "# param: node (iri, required): a node\nSELECT ?node ?p WHERE { ?node ?p ?o }\n"
    )
    with pytest.raises(QueryError):
        table(loaded, str(question), node=value)
