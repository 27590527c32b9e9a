"""Italian extraction: invented news sentences, one kind of statement per case."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.money import parse_amount
from kg.model import Amount

LANG = "it"

CASES = [
    pytest.param(
        "La torinese Zephyr Robotics SpA ha raccolto 40 milioni di euro in un round "
        "guidato da Northwind Capital.",
        {
            ("Zephyr Robotics SpA", "raises", (40e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics SpA"),
        },
        id="funding-round-legal-form",
    ),
    pytest.param(
        "Nel 2018 Paolo Greco ha fondato Vetta Robotica, oggi attiva in tutta Europa.",
        {("Vetta Robotica", "foundedBy", "Paolo Greco")},
        id="founder-active-voice",
    ),
    pytest.param(
        "L'amministratore delegato di Zephyr Robotics, Marco Ferri, ha annunciato l'accordo.",
        {("Marco Ferri", "ceoOf", "Zephyr Robotics")},
        id="title-before-person",
    ),
    pytest.param(
        "Marta Ferri, cofondatrice e amministratore delegato di Brightwave Labs, "
        "ha parlato agli analisti.",
        {
            ("Marta Ferri", "ceoOf", "Brightwave Labs"),
            ("Brightwave Labs", "foundedBy", "Marta Ferri"),
        },
        id="founder-apposition-unknown-given-name",
    ),
    pytest.param(
        "Zephyr Robotics è ora valutata 1,2 miliardi di euro.",
        {("Zephyr Robotics", "valuedAt", (1.2e9, "EUR"))},
        id="valuation",
    ),
    pytest.param(
        "Zephyr Robotics ha acquisito Brightwave Labs per 300 milioni di euro.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition",
    ),
    pytest.param(
        "L'accordo tra Zephyr Robotics e Brightwave Labs è stato firmato lo scorso dicembre.",
        {("Zephyr Robotics", "partnersWith", "Brightwave Labs")},
        id="partnership-pair",
    ),
    pytest.param(
        "Zephyr Robotics, con sede a Torino, conta oggi duecento dipendenti.",
        {("Zephyr Robotics", "headquarteredIn", "Torino")},
        id="headquarters",
    ),
    pytest.param(
        "Zephyr Robotics ha raccolto 40 milioni di euro da investitori tra cui Northwind Capital, "
        "Harbor Ventures e Bluepeak Partners.",
        {
            ("Zephyr Robotics", "raises", (40e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics"),
            ("Harbor Ventures", "investsIn", "Zephyr Robotics"),
            ("Bluepeak Partners", "investsIn", "Zephyr Robotics"),
        },
        id="investor-list",
    ),
    pytest.param(
        "L'Antitrust esamina l'acquisizione di Brightwave Labs da parte di Zephyr Robotics.",
        {("Antitrust", "reviews", "Brightwave Labs")},
        id="regulator-review",
    ),
    pytest.param(
        "Zephyr Robotics è stata fondata nel 2019 da Marco Ferri e Luca Bianchi.",
        {
            ("Zephyr Robotics", "foundedBy", "Marco Ferri"),
            ("Zephyr Robotics", "foundedBy", "Luca Bianchi"),
        },
        id="founded-by-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_facts(facts, text, expected):
    found = facts(text, LANG)
    assert expected <= found, f"missing {expected - found}; got {found}"


def test_new_company_typed_from_legal_form(mentions):
    found = mentions("Ieri la Quarzo Dinamica SpA ha aperto un nuovo stabilimento.", LANG)
    assert found.get("Quarzo Dinamica SpA") == "Company"


def test_hedged_acquisition_has_lower_confidence(hedging):
    hedging(
        "Zephyr Robotics ha acquisito Brightwave Labs.",
        "Zephyr Robotics potrebbe annunciare l'acquisizione di Brightwave Labs, "
        "secondo indiscrezioni.",
        LANG,
    )


def test_negated_statement_is_not_a_fact(facts):
    found = facts("Zephyr Robotics non ha acquisito Brightwave Labs.", LANG)
    assert ("Zephyr Robotics", "acquires", "Brightwave Labs") not in found


def test_acquisition_date_from_relative_month(claims):
    found = claims(
        "Lo scorso dicembre Zephyr Robotics ha acquisito Brightwave Labs.",
        LANG,
        published="2024-03-15",
    )
    assert [c.date for c in found if c.predicate == "acquires"] == ["2023-12"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("13 miliardi di dollari", Amount(13e9, "USD")),
        ("1,5 milioni di euro", Amount(1.5e6, "EUR")),
        ("circa 250 mln di sterline", Amount(250e6, "GBP", approximate=True)),
        ("€ 2,5 mld", Amount(2.5e9, "EUR")),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text, LANG) == amount


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("il 26 febbraio 2024", "2024-02-26"),
        ("lo scorso dicembre", "2023-12"),
        ("ieri", "2024-03-14"),
        ("l'anno scorso", "2023"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in find_dates(text, LANG, ref="2024-03-15")] == [iso]
