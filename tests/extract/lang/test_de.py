"""German extraction: invented news sentences, one kind of statement per case."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.money import parse_amount
from kg.model import Amount

LANG = "de"

CASES = [
    pytest.param(
        "Die Zephyr Robotics GmbH hat in einer Finanzierungsrunde 40 Millionen Euro "
        "eingesammelt, angeführt von Northwind Capital.",
        {
            ("Zephyr Robotics GmbH", "raises", (40e6, "EUR")),
            ("Northwind Capital", "investsIn", "Zephyr Robotics GmbH"),
        },
        id="funding-round-legal-form",
    ),
    pytest.param(
        "Lukas Brenner, Mitgründer und Vorstandschef von Zephyr Robotics, kündigte den "
        "Börsengang an.",
        {
            ("Lukas Brenner", "ceoOf", "Zephyr Robotics"),
            ("Zephyr Robotics", "foundedBy", "Lukas Brenner"),
        },
        id="founder-apposition",
    ),
    pytest.param(
        "Zephyr Robotics wird nach Angaben von Insidern mit 1,2 Milliarden Euro bewertet.",
        {("Zephyr Robotics", "valuedAt", (1.2e9, "EUR"))},
        id="valuation-participle-last",
    ),
    pytest.param(
        "Zephyr Robotics übernimmt Brightwave Labs für 300 Millionen Euro.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition",
    ),
    pytest.param(
        "Brightwave Labs wurde im vergangenen Dezember von Zephyr Robotics übernommen.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition-passive-participle-last",
    ),
    pytest.param(
        "Zephyr Robotics hat Brightwave Labs im vergangenen Jahr übernommen.",
        {("Zephyr Robotics", "acquires", "Brightwave Labs")},
        id="acquisition-perfect-participle-last",
    ),
    pytest.param(
        "Zephyr Robotics und Brightwave Labs haben eine Partnerschaft vereinbart.",
        {("Zephyr Robotics", "partnersWith", "Brightwave Labs")},
        id="partnership-pair",
    ),
    pytest.param(
        "Die Zephyr Robotics GmbH mit Sitz in Leipzig beschäftigt 200 Mitarbeiter.",
        {("Zephyr Robotics GmbH", "headquarteredIn", "Leipzig")},
        id="headquarters",
    ),
    pytest.param(
        "Das Start-up Brightwave Labs sammelt 2,5 Mrd. Euro bei Investoren wie "
        "Northwind Capital und Harbor Ventures ein.",
        {
            ("Brightwave Labs", "raises", (2.5e9, "EUR")),
            ("Northwind Capital", "investsIn", "Brightwave Labs"),
            ("Harbor Ventures", "investsIn", "Brightwave Labs"),
        },
        id="investor-list",
    ),
    pytest.param(
        "Northwind Capital investiert 20 Millionen Euro in Zephyr Robotics.",
        {("Northwind Capital", "investsIn", "Zephyr Robotics")},
        id="investment-verb-second",
    ),
    pytest.param(
        "Das Bundeskartellamt prüft die geplante Übernahme von Brightwave Labs durch "
        "Zephyr Robotics.",
        {("Bundeskartellamt", "reviews", "Brightwave Labs")},
        id="regulator-review",
    ),
    pytest.param(
        "Zephyr Robotics wurde 2019 von Lukas Brenner und Jonas Keller gegründet.",
        {
            ("Zephyr Robotics", "foundedBy", "Lukas Brenner"),
            ("Zephyr Robotics", "foundedBy", "Jonas Keller"),
        },
        id="founded-by-participle-last",
    ),
    pytest.param(
        "Lukas Brenner gründete Zephyr Robotics im Jahr 2019.",
        {("Zephyr Robotics", "foundedBy", "Lukas Brenner")},
        id="founder-active-voice",
    ),
    pytest.param(
        "Zephyr Robotics stellt am Dienstag sein Sprachmodell Falke 2 vor.",
        {("Zephyr Robotics", "develops", "Falke 2")},
        id="product-separable-verb",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_facts(facts, text, expected):
    found = facts(text, LANG)
    assert expected <= found, f"missing {expected - found}; got {found}"


def test_capitalised_nouns_are_not_names(mentions):
    found = mentions(
        "Laut Angaben des Unternehmens will der Konzern die Bewertung der Finanzierungsrunde "
        "im Januar mit Investoren und der Regierung besprechen.",
        LANG,
    )
    assert found == {}


def test_title_marks_a_person(mentions):
    found = mentions("Am Montag sagte Vorstandschef Lukas Brenner, die Zahlen seien gut.", LANG)
    assert found.get("Lukas Brenner") == "Person"


def test_hedged_acquisition_has_lower_confidence(hedging):
    hedging(
        "Zephyr Robotics übernimmt Brightwave Labs.",
        "Zephyr Robotics könnte Medienberichten zufolge Brightwave Labs übernehmen.",
        LANG,
    )


def test_verb_final_clause_does_not_swap_roles(facts):
    found = facts("Bereits im Herbst hatte Northwind Capital in Brightwave Labs investiert.", LANG)
    assert ("Northwind Capital", "investsIn", "Brightwave Labs") in found
    assert not any(f[0] == "Brightwave Labs" and f[1] == "investsIn" for f in found)


def test_ordinal_date_inside_sentence(claims):
    found = claims(
        "Zephyr Robotics hat am 26. Februar 2024 eine Partnerschaft mit Brightwave Labs "
        "geschlossen.",
        LANG,
    )
    assert [(c.object.text, c.date) for c in found if c.predicate == "partnersWith"] == [
        ("Brightwave Labs", "2024-02-26")
    ]


def test_capitalised_demonym_before_head_noun(mentions):
    found = mentions("Das Münchner Start-up Brightwave Labs wächst schnell.", LANG)
    assert found.get("Brightwave Labs") == "Company"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("2,5 Mrd. Euro", Amount(2.5e9, "EUR")),
        ("40 Millionen Euro", Amount(40e6, "EUR")),
        ("rund 300 Mio. US-Dollar", Amount(300e6, "USD", approximate=True)),
        ("1,2 Milliarden Dollar", Amount(1.2e9, "USD")),
        ("15 Millionen Schweizer Franken", Amount(15e6, "CHF")),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text, LANG) == amount


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("am 26. Februar 2024", "2024-02-26"),
        ("im vergangenen Dezember", "2023-12"),
        ("gestern", "2024-03-14"),
        ("im vergangenen Jahr", "2023"),
        ("im Oktober 2023", "2023-10"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in find_dates(text, LANG, ref="2024-03-15")] == [iso]


def test_short_month_name_with_year():
    assert [d.iso for d in find_dates("im Mai 2023", LANG, ref="2024-03-15")] == ["2023-05"]
