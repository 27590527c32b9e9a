"""English extraction: invented news sentences, one kind of statement per case."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.money import parse_amount
from kg.model import Amount

LANG = "en"

CASES = [
    pytest.param(
        "Zephyr Robotics Ltd raised $40 million from Northwind Capital.",
        {
            ("Zephyr Robotics Ltd", "raises", (40e6, "USD")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics Ltd"),
        },
        id="funding-round-legal-form",
    ),
    pytest.param(
        "Quartzline Inc agreed to buy cloud security provider Brightwave Labs for $900 million.",
        {("Quartzline Inc", "acquires", "Brightwave Labs")},
        id="object-after-descriptor-nouns",
    ),
    pytest.param(
        "Regulators cleared Ostara Group's planned acquisition of home care operator Veldt Health.",
        {("Ostara Group", "acquires", "Veldt Health")},
        id="possessive-planned-acquisition",
    ),
    pytest.param(
        "Dana Whitfield, co-founder and chief executive of Brightwave Labs, announced the deal.",
        {
            ("Dana Whitfield", "ceoOf", "Brightwave Labs"),
            ("Brightwave Labs", "foundedBy", "Dana Whitfield"),
        },
        id="founder-apposition-unknown-given-name",
    ),
    pytest.param(
        "Zephyr Robotics is now valued at $1.2 billion.",
        {("Zephyr Robotics", "valuedAt", (1.2e9, "USD"))},
        id="valuation",
    ),
    pytest.param(
        "Zephyr Robotics acquired Brightwave Labs for $300 million.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition",
    ),
    pytest.param(
        "The partnership between Zephyr Robotics and Brightwave Labs was signed last December.",
        {("Zephyr Robotics", "partnersWith", "Brightwave Labs")},
        id="partnership-pair",
    ),
    pytest.param(
        "Zephyr Robotics, headquartered in Leeds, employs 200 people.",
        {("Zephyr Robotics", "headquarteredIn", "Leeds")},
        id="headquarters",
    ),
    pytest.param(
        "Zephyr Robotics raised £40m in a round led by Northwind Capital, Harbor Ventures "
        "and Bluepeak Partners.",
        {
            ("Zephyr Robotics", "raises", (40e6, "GBP")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics"),
            ("Harbor Ventures", "investsIn", "Zephyr Robotics"),
            ("Bluepeak Partners", "investsIn", "Zephyr Robotics"),
        },
        id="investor-list",
    ),
    pytest.param(
        "The Competition and Markets Authority is reviewing the acquisition of Brightwave Labs "
        "by Zephyr Robotics.",
        {("Competition and Markets Authority", "reviews", "Brightwave Labs")},
        id="regulator-review",
    ),
    pytest.param(
        "Zephyr Robotics was founded in 2019 by Mark Whitfield and Claire Dubois.",
        {
            ("Zephyr Robotics", "foundedBy", "Mark Whitfield"),
            ("Zephyr Robotics", "foundedBy", "Claire Dubois"),
        },
        id="founded-by-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_facts(facts, text, expected):
    found = facts(text, LANG)
    assert expected <= found, f"missing {expected - found}; got {found}"


def test_person_after_title_is_a_person(mentions):
    found = mentions("On Tuesday, CEO Dana Whitfield said hiring would double.", LANG)
    assert found.get("Dana Whitfield") == "Person"


def test_city_based_prefix(facts):
    found = facts("Leeds-based Zephyr Robotics Ltd raised $40 million.", LANG)
    assert ("Zephyr Robotics Ltd", "headquarteredIn", "Leeds") in found


def test_hedged_acquisition_has_lower_confidence(hedging):
    hedging(
        "Zephyr Robotics acquired Brightwave Labs.",
        "Zephyr Robotics is in talks to acquire Brightwave Labs, people familiar with the "
        "matter said.",
        LANG,
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$10bn", Amount(10e9, "USD")),
        ("€15 million", Amount(15e6, "EUR")),
        ("about 2.5 billion dollars", Amount(2.5e9, "USD", approximate=True)),
        ("USD 600m", Amount(600e6, "USD")),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text, LANG) == amount


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("on February 26, 2024", "2024-02-26"),
        ("last December", "2023-12"),
        ("yesterday", "2024-03-14"),
        ("last year", "2023"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in find_dates(text, LANG, ref="2024-03-15")] == [iso]
