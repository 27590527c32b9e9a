"""French extraction: invented news sentences, one kind of statement per case."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.money import parse_amount
from kg.model import Amount

LANG = "fr"

CASES = [
    pytest.param(
        "La start-up lyonnaise Zephyr Robotics SAS a levé 40 millions d'euros auprès de "
        "Northwind Capital.",
        {
            ("Zephyr Robotics SAS", "raises", (40e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics SAS"),
        },
        id="funding-round-legal-form",
    ),
    pytest.param(
        "Claire Dubreuil a cofondé Lumio Énergie en 2019 avec Hugo Martel.",
        {("Lumio Énergie", "foundedBy", "Claire Dubreuil")},
        id="founder-active-voice",
    ),
    pytest.param(
        "La banque publique Caisse Horizon est entrée au capital de Lumio Énergie SAS.",
        {
            ("Caisse Horizon", "investsIn", "Lumio Énergie SAS"),
            ("Caisse Horizon", "ownsStakeIn", "Lumio Énergie SAS"),
        },
        id="entree-au-capital-feminine",
    ),
    pytest.param(
        "Le PDG de Zephyr Robotics, Julien Morel, a confirmé l'opération.",
        {("Julien Morel", "ceoOf", "Zephyr Robotics")},
        id="title-before-person",
    ),
    pytest.param(
        "Julien Morel, cofondateur et PDG de Brightwave Labs, a présenté les résultats.",
        {
            ("Julien Morel", "ceoOf", "Brightwave Labs"),
            ("Brightwave Labs", "foundedBy", "Julien Morel"),
        },
        id="founder-apposition",
    ),
    pytest.param(
        "Zephyr Robotics est désormais valorisée 1,2 milliard d'euros.",
        {("Zephyr Robotics", "valuedAt", (1.2e9, "EUR"))},
        id="valuation",
    ),
    pytest.param(
        "Zephyr Robotics a racheté Brightwave Labs pour 300 millions d'euros.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition",
    ),
    pytest.param(
        "Le partenariat entre Zephyr Robotics et Brightwave Labs a été signé en décembre dernier.",
        {("Zephyr Robotics", "partnersWith", "Brightwave Labs")},
        id="partnership-pair",
    ),
    pytest.param(
        "Zephyr Robotics, basée à Lyon, emploie deux cents personnes.",
        {("Zephyr Robotics", "headquarteredIn", "Lyon")},
        id="headquarters",
    ),
    pytest.param(
        "Zephyr Robotics a levé 25 millions d'euros lors d'un tour mené par Northwind Capital, "
        "Harbor Ventures et Bluepeak Partners.",
        {
            ("Zephyr Robotics", "raises", (25e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics"),
            ("Harbor Ventures", "investsIn", "Zephyr Robotics"),
            ("Bluepeak Partners", "investsIn", "Zephyr Robotics"),
        },
        id="investor-list",
    ),
    pytest.param(
        "L'Autorité de la concurrence examine le rachat de Brightwave Labs par Zephyr Robotics.",
        {("Autorité de la concurrence", "reviews", "Brightwave Labs")},
        id="regulator-review",
    ),
    pytest.param(
        "Zephyr Robotics a été fondée en 2019 par Julien Morel et Claire Dubois.",
        {
            ("Zephyr Robotics", "foundedBy", "Julien Morel"),
            ("Zephyr Robotics", "foundedBy", "Claire Dubois"),
        },
        id="founded-by-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_facts(facts, text, expected):
    found = facts(text, LANG)
    assert expected <= found, f"missing {expected - found}; got {found}"


def test_new_company_typed_from_sector_word(mentions):
    found = mentions("Hier, Quartz Dynamics a ouvert une usine près de Grenoble.", LANG)
    assert found.get("Quartz Dynamics") == "Company"


def test_hedged_acquisition_has_lower_confidence(hedging):
    hedging(
        "Zephyr Robotics rachète Brightwave Labs.",
        "Zephyr Robotics pourrait annoncer le rachat de Brightwave Labs, selon des sources.",
        LANG,
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,5 milliard d'euros", Amount(1.5e9, "EUR")),
        ("environ 400 millions de dollars", Amount(400e6, "USD", approximate=True)),
        ("12 M€", Amount(12e6, "EUR")),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text, LANG) == amount


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("le 26 février 2024", "2024-02-26"),
        ("en décembre dernier", "2023-12"),
        ("hier", "2024-03-14"),
        ("l'an dernier", "2023"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in find_dates(text, LANG, ref="2024-03-15")] == [iso]
