"""Rules of kg/extract/relations.py on invented news sentences (not from the seed articles)."""

import pytest

from kg.extract import RuleExtractor
from kg.extract.gazetteer import Gazetteer, RefEntity
from kg.model import Document

EX = RuleExtractor(Gazetteer([]))  # names must come from the text alone


def facts(text: str, lang: str, published: str | None = "2025-03-04") -> set[tuple]:
    doc = Document("t", "t", "t", text, lang, published=published)
    out = set()
    for c in EX.extract(doc):
        obj = (c.object.label or c.object.text) if c.object else (c.amount.value, c.amount.currency)
        out.add((c.subject.label or c.subject.text, c.predicate, obj))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "fact"),
    [
        ("Le rachat de Brightwave Labs par Zephyr Robotics SAS a été validé.", "fr",
         ("Zephyr Robotics SAS", "acquires", "Brightwave Labs")),
        ("The acquisition of Tidewater Systems by Acme Corp closed on Monday.", "en",
         ("Acme Corp", "acquires", "Tidewater Systems")),
        ("L'acquisizione di Brightwave Labs da parte di Zephyr Robotics SpA è conclusa.", "it",
         ("Zephyr Robotics SpA", "acquires", "Brightwave Labs")),
    ],
)  # fmt: skip
def test_acquisition_of_a_by_b(text: str, lang: str, fact: tuple) -> None:
    assert fact in facts(text, lang)


def test_the_company_is_the_one_the_text_was_about() -> None:
    found = facts(
        "Zephyr Robotics SAS a levé 5 millions d'euros en 2022. "
        "Fondée en 2019 par Claire Dumas et Hugo Lefèvre, la société est aujourd'hui valorisée "
        "à 80 millions d'euros.",
        "fr",
    )
    assert ("Zephyr Robotics SAS", "foundedBy", "Claire Dumas") in found
    assert ("Zephyr Robotics SAS", "foundedBy", "Hugo Lefèvre") in found
    assert ("Zephyr Robotics SAS", "valuedAt", (80e6, "EUR")) in found


def test_without_a_company_before_an_anaphor_nothing_is_guessed() -> None:
    assert facts("La società è ora valutata 2 miliardi di euro.", "it") == set()


def test_unknown_founders_in_a_list() -> None:
    found = facts(
        "Tidewater Systems was founded in 2020 by Ola Brenn, Ike Sato and Uma Varga.", "en"
    )
    assert {f[2] for f in found if f[1] == "foundedBy"} == {"Ola Brenn", "Ike Sato", "Uma Varga"}


def test_round_participants_invest_in_the_raiser() -> None:
    found = facts(
        "Brightwave Labs raised $30 million in a Series B round. The round was led by "
        "Oakridge Capital, with participation from Northwind Ventures and Acme Corp.",
        "en",
    )
    for investor in ("Oakridge Capital", "Northwind Ventures", "Acme Corp"):
        assert (investor, "investsIn", "Brightwave Labs") in found


def test_possessive_title_apposition() -> None:
    found = facts("Ola Brenn, Tidewater Systems's chief executive, said the deal was done.", "en")
    assert ("Ola Brenn", "ceoOf", "Tidewater Systems") in found


def test_investment_firms_are_not_investees() -> None:
    found = facts("Acme Corp invested in Oakridge Capital and Brightwave Labs.", "en")
    assert ("Acme Corp", "investsIn", "Brightwave Labs") in found
    assert ("Acme Corp", "investsIn", "Oakridge Capital") not in found


def test_product_named_after_its_maker() -> None:
    found = facts("Brightwave Labs unveiled Brightwave Studio 2, a design assistant.", "en")
    assert ("Brightwave Labs", "develops", "Brightwave Studio 2") in found


def test_a_relative_clause_is_not_the_subject() -> None:
    found = facts(
        "Tidewater Systems, which competes with Acme Corp in logistics, is backed by "
        "Oakridge Capital.",
        "en",
    )
    assert ("Oakridge Capital", "investsIn", "Tidewater Systems") in found
    assert ("Oakridge Capital", "investsIn", "Acme Corp") not in found


def test_round_names_and_demonyms_are_not_companies() -> None:
    found = facts(
        "The German company Brightwave Labs raised $20 million in a Series B round led by "
        "Oakridge Capital.",
        "en",
    )
    names = {f[0] for f in found} | {f[2] for f in found if isinstance(f[2], str)}
    assert "Series B" not in names and "German" not in names
    assert ("Oakridge Capital", "investsIn", "Brightwave Labs") in found


def test_city_adjective_gives_the_head_office() -> None:
    gaz = Gazetteer(
        [RefEntity("turin", "Turin", "Place", ("Torino",), demonyms=("torinese",), country="italy"),
         RefEntity("italy", "Italy", "Place")]
    )  # fmt: skip
    doc = Document(
        "t", "t", "t", "Oakridge Capital ha investito in Zephyr Robotics, startup torinese.", "it"
    )
    found = {
        (c.subject.text, c.predicate, c.object.label)
        for c in RuleExtractor(gaz).extract(doc)
        if c.predicate == "headquarteredIn"
    }
    assert found == {("Zephyr Robotics", "headquarteredIn", "Turin")}


def test_title_and_name_without_organisation_belong_to_the_company_in_focus() -> None:
    found = facts(
        "Tidewater Systems raised $8 million last week. Chief executive Ola Brenn said the "
        "money will fund hiring.",
        "en",
    )
    assert ("Ola Brenn", "ceoOf", "Tidewater Systems") in found


def test_co_investors_invest_in_the_company_not_in_the_lead() -> None:
    found = facts(
        "Zephyr Robotics ha chiuso un round da 9 milioni di euro guidato da Acme Corp, con la "
        "partecipazione di Oakridge Capital.",
        "it",
    )
    assert ("Oakridge Capital", "investsIn", "Zephyr Robotics") in found
    assert ("Oakridge Capital", "investsIn", "Acme Corp") not in found


def test_amount_in_a_relative_clause_belongs_to_its_antecedent() -> None:
    found = facts(
        "Brightwave Labs, which was valued at $900 million after raising $120 million from "
        "Acme Corp, said it would expand.",
        "en",
    )
    assert ("Brightwave Labs", "raises", (120e6, "USD")) in found
    assert ("Brightwave Labs", "valuedAt", (900e6, "USD")) in found
    assert not any(f[0] == "Acme Corp" and f[1] == "raises" for f in found)


def test_hiring_means_employment() -> None:
    found = facts("Acme Corp has hired Ola Brenn and Uma Varga to lead its new lab.", "en")
    assert ("Ola Brenn", "employedBy", "Acme Corp") in found
    assert ("Uma Varga", "employedBy", "Acme Corp") in found
