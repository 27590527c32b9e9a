"""Helpers for the per-language extraction tests.

Sentences are invented news about invented companies. Places are only recognised
through the reference list, so a few invented-article places (and the regulators the
tests name) are added on top of the shipped list; an entry already in the shipped list
wins, so these extras only fill gaps while ``ontology/reference.toml`` grows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from kg.extract import RuleExtractor
from kg.extract.gazetteer import Gazetteer, RefEntity, gazetteer
from kg.model import AMOUNT_PREDICATES, Claim, Document

_EXTRA = [
    RefEntity("test-turin", "Turin", "Place", ("Torino", "Turín")),
    RefEntity("test-lyon", "Lyon", "Place", ("Lione",)),
    RefEntity("test-leeds", "Leeds", "Place"),
    RefEntity("test-leipzig", "Leipzig", "Place", ("Lipsia",)),
    RefEntity("test-valencia", "Valencia", "Place", ("Valence",)),
    RefEntity("test-agcm", "AGCM", "Regulator", ("Antitrust", "Autorità Antitrust")),
    RefEntity("test-adlc", "Autorité de la concurrence", "Regulator"),
    RefEntity("test-cma", "Competition and Markets Authority", "Regulator", ("CMA",)),
    RefEntity("test-bkarta", "Bundeskartellamt", "Regulator", ("Kartellamt",)),
    RefEntity("test-cnmc", "CNMC", "Regulator"),
]

Fact = tuple[str, str, object]


@cache
def _extractor() -> RuleExtractor:
    shipped = list(gazetteer().entities.values())
    return RuleExtractor(Gazetteer(shipped + _EXTRA))


def run_claims(text: str, lang: str, published: str | None = "2024-03-15") -> list[Claim]:
    """Claims of a one-sentence (or short) article in ``lang``."""
    doc = Document(doc_id="t", source="t", name="t", text=text, lang=lang, published=published)
    return _extractor().extract(doc)


def as_fact(claim: Claim) -> Fact:
    """(subject, predicate, object): surface texts; amount facts get (value, currency)."""
    if claim.predicate in AMOUNT_PREDICATES:
        obj: object = (claim.amount.value, claim.amount.currency) if claim.amount else None
    else:
        obj = claim.object.text if claim.object else None
    return (claim.subject.text, claim.predicate, obj)


def run_facts(text: str, lang: str, published: str | None = "2024-03-15") -> set[Fact]:
    """The set of (subject, predicate, object) facts of ``text``."""
    return {as_fact(c) for c in run_claims(text, lang, published)}


@pytest.fixture
def facts() -> Callable[..., set[Fact]]:
    """``facts(text, lang)`` → {(subject text, predicate, object text or (amount, currency))}."""
    return run_facts


@pytest.fixture
def claims() -> Callable[..., list[Claim]]:
    """``claims(text, lang)`` → the extractor's claims, for confidence, dates and hedging."""
    return run_claims


@pytest.fixture
def mentions() -> Callable[[str, str], dict[str, str]]:
    """``mentions(text, lang)`` → {surface text: entity type}."""

    def find(text: str, lang: str) -> dict[str, str]:
        doc = Document(doc_id="t", source="t", name="t", text=text, lang=lang)
        return {m.text: m.type for m in _extractor().mentions(doc)}

    return find


def check_hedging(sure_text: str, hedged_text: str, lang: str) -> None:
    """The acquisition in ``hedged_text`` is flagged hedged and trusted less than the plain one."""
    sure = [c for c in run_claims(sure_text, lang) if c.predicate == "acquires"]
    maybe = [c for c in run_claims(hedged_text, lang) if c.predicate == "acquires"]
    assert sure and maybe
    assert not sure[0].hedged and maybe[0].hedged
    assert maybe[0].confidence < sure[0].confidence


@pytest.fixture
def hedging() -> Callable[[str, str, str], None]:
    """``hedging(sure_text, hedged_text, lang)`` asserts that hedging lowers confidence."""
    return check_hedging
