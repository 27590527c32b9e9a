"""Spanish extraction: invented news sentences, one kind of statement per case."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.money import parse_amount
from kg.model import Amount

LANG = "es"

CASES = [
    pytest.param(
        "La startup Zephyr Robotics ha recaudado 1.500 millones de dólares en una ronda "
        "liderada por Northwind Capital.",
        {
            ("Zephyr Robotics", "raises", (1.5e9, "USD")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics"),
        },
        id="funding-round",
    ),
    pytest.param(
        "Quarzo Dinámica SL ha cerrado una ronda de 12 millones de euros con Harbor Ventures.",
        {
            ("Quarzo Dinámica SL", "raises", (12e6, "EUR")),
            ("Harbor Ventures", "investsIn", "Quarzo Dinámica SL"),
        },
        id="funding-round-legal-form",
    ),
    pytest.param(
        "La consejera delegada de Zephyr Robotics, Lucía Prieto, anunció el acuerdo.",
        {("Lucía Prieto", "ceoOf", "Zephyr Robotics")},
        id="title-before-person",
    ),
    pytest.param(
        "Lucía Prieto, cofundadora y consejera delegada de Brightwave Labs, defendió la operación.",
        {
            ("Lucía Prieto", "ceoOf", "Brightwave Labs"),
            ("Brightwave Labs", "foundedBy", "Lucía Prieto"),
        },
        id="founder-apposition",
    ),
    pytest.param(
        "Zephyr Robotics está valorada en 2 mil millones de euros.",
        {("Zephyr Robotics", "valuedAt", (2e9, "EUR"))},
        id="valuation-mil-millones",
    ),
    pytest.param(
        "Zephyr Robotics adquiere Brightwave Labs por 300 millones de euros.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition",
    ),
    pytest.param(
        "Brightwave Labs fue adquirida el pasado diciembre por Zephyr Robotics.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition-passive-with-gap",
    ),
    pytest.param(
        "El acuerdo entre Zephyr Robotics y Brightwave Labs se firmó el 26 de febrero de 2024.",
        {("Zephyr Robotics", "partnersWith", "Brightwave Labs")},
        id="partnership-pair",
    ),
    pytest.param(
        "Zephyr Robotics, fundada en 2019 por Javier Ortega y Carmen Ruiz, tiene su sede en "
        "Valencia.",
        {
            ("Zephyr Robotics", "foundedBy", "Javier Ortega"),
            ("Zephyr Robotics", "foundedBy", "Carmen Ruiz"),
            ("Zephyr Robotics", "headquarteredIn", "Valencia"),
        },
        id="founders-and-headquarters",
    ),
    pytest.param(
        "Zephyr Robotics, con sede en Valencia, cerró ayer una ronda de 40 millones de euros con "
        "inversores como Northwind Capital y Harbor Ventures.",
        {
            ("Zephyr Robotics", "headquarteredIn", "Valencia"),
            ("Zephyr Robotics", "raises", (40e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics"),
            ("Harbor Ventures", "investsIn", "Zephyr Robotics"),
        },
        id="investor-list",
    ),
    pytest.param(
        "Northwind Capital invierte 20 millones de euros en Zephyr Robotics.",
        {("Northwind Capital", "investsIn", "Zephyr Robotics")},
        id="investment",
    ),
    pytest.param(
        "La CNMC analiza la compra de Brightwave Labs por parte de Zephyr Robotics.",
        {("CNMC", "reviews", "Brightwave Labs")},
        id="regulator-review",
    ),
    pytest.param(
        "Javier Ortega fundó Zephyr Robotics en 2019.",
        {("Zephyr Robotics", "foundedBy", "Javier Ortega")},
        id="founder-active-voice",
    ),
    pytest.param(
        "Zephyr Robotics lanza su modelo Halcón 2, disponible en Nimbus Cloud.",
        {("Zephyr Robotics", "develops", "Halcón 2"), ("Halcón 2", "availableOn", "Nimbus Cloud")},
        id="product-availability",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_facts(facts, text, expected):
    found = facts(text, LANG)
    assert expected <= found, f"missing {expected - found}; got {found}"


def test_hedged_acquisition_has_lower_confidence(hedging):
    hedging(
        "Zephyr Robotics compra Brightwave Labs.",
        "Zephyr Robotics podría comprar Brightwave Labs, según fuentes cercanas a la operación.",
        LANG,
    )


def test_negated_statement_is_not_a_fact(facts):
    found = facts("Zephyr Robotics no comprará Brightwave Labs.", LANG)
    assert ("Zephyr Robotics", "acquires", "Brightwave Labs") not in found


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.500 millones de dólares", Amount(1.5e9, "USD")),
        ("2 mil millones de euros", Amount(2e9, "EUR")),
        ("2,5 millones de euros", Amount(2.5e6, "EUR")),
        ("cerca de 300 millones de libras", Amount(300e6, "GBP", approximate=True)),
        ("500 mil euros", Amount(500e3, "EUR")),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text, LANG) == amount


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("el 26 de febrero de 2024", "2024-02-26"),
        ("el pasado diciembre", "2023-12"),
        ("ayer", "2024-03-14"),
        ("el año pasado", "2023"),
        ("en octubre de 2023", "2023-10"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in find_dates(text, LANG, ref="2024-03-15")] == [iso]
