"""ontology/reference.toml: the list of well-known entities is well formed and unambiguous."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from typing import Any

import pytest

from kg.datafiles import data_dir
from kg.model import ENTITY_TYPES

FIELDS = {"key", "label", "type", "aliases", "wikidata", "hq", "demonyms", "developer", "country"}
ORGANIZATIONS = {"Organization", "Company", "InvestmentFirm", "Regulator", "GovernmentBody"}
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
#: Names deliberately given to more than one entity (casefolded); none so far.
KNOWN_AMBIGUOUS: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def entities() -> list[dict[str, Any]]:
    with (data_dir("ontology") / "reference.toml").open("rb") as handle:
        document = tomllib.load(handle)
    assert set(document) == {"entity"}
    return document["entity"]


@pytest.fixture(scope="module")
def by_key(entities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entity["key"]: entity for entity in entities}


def names(entity: dict[str, Any]) -> list[str]:
    return [entity["label"], *entity.get("aliases", [])]


def test_size(entities: list[dict[str, Any]]) -> None:
    assert len(entities) >= 250


def test_fields_and_types(entities: list[dict[str, Any]]) -> None:
    for entity in entities:
        where = entity.get("key", entity)
        assert {"key", "label", "type"} <= set(entity) <= FIELDS, where
        assert entity["type"] in ENTITY_TYPES, where
        assert isinstance(entity["label"], str) and entity["label"].strip() == entity["label"]
        assert entity["label"], where
        for field in ("aliases", "demonyms"):
            values = entity.get(field, [])
            assert isinstance(values, list), where
            assert all(isinstance(v, str) and v and v.strip() == v for v in values), where
            assert len(values) == len(set(values)), f"{where}: repeated {field}"
        assert entity["label"] not in entity.get("aliases", []), where
        if "demonyms" in entity:
            assert entity["type"] == "Place", where
        if "developer" in entity:
            assert entity["type"] == "Product", where
        if "hq" in entity:
            assert entity["type"] in ORGANIZATIONS, where


def test_keys_unique_and_well_formed(entities: list[dict[str, Any]]) -> None:
    keys = [entity["key"] for entity in entities]
    assert all(KEY.match(key) for key in keys), [k for k in keys if not KEY.match(k)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_references_point_at_existing_entities(by_key: dict[str, dict[str, Any]]) -> None:
    for entity in by_key.values():
        if "hq" in entity:
            assert by_key[entity["hq"]]["type"] == "Place", entity["key"]
        if "developer" in entity:
            assert by_key[entity["developer"]]["type"] in ORGANIZATIONS, entity["key"]


def test_wikidata_ids(entities: list[dict[str, Any]]) -> None:
    ids = [entity["wikidata"] for entity in entities if "wikidata" in entity]
    assert ids and all(QID.match(qid) for qid in ids)
    assert len(ids) == len(set(ids))


def test_no_name_belongs_to_two_entities(entities: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for name in names(entity):
            owners[name.casefold()].add(entity["key"])
    shared = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert set(shared) == set(KNOWN_AMBIGUOUS), shared


def test_demonyms_are_not_shared(entities: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    name_owner = {name: e["key"] for e in entities for name in names(e)}
    for entity in entities:
        for demonym in entity.get("demonyms", []):
            assert owner.setdefault(demonym, entity["key"]) == entity["key"], demonym
            assert name_owner.get(demonym, entity["key"]) == entity["key"], demonym


def test_every_type_is_covered(entities: list[dict[str, Any]]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        counts[entity["type"]] += 1
    for kind in ("Company", "InvestmentFirm", "Regulator", "GovernmentBody", "Person", "Product"):
        assert counts[kind] >= 15, kind
    assert counts["Place"] >= 100


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("european-commission", "Commissione europea"),
        ("european-commission", "Commission européenne"),
        ("european-commission", "Europäische Kommission"),
        ("european-commission", "Comisión Europea"),
        ("european-commission", "EU Commission"),
        ("agcm", "Antitrust"),
        ("agcm", "Autorità garante della concorrenza e del mercato"),
        ("uk-cma", "Competition and Markets Authority"),
        ("andreessen-horowitz", "a16z"),
        ("french-government", "governo francese"),
        ("french-government", "gouvernement français"),
        ("ibm", "Big Blue"),
        ("paris", "Parigi"),
        ("le-chat", "Le Chat"),
    ],
)
def test_names_news_uses(by_key: dict[str, dict[str, Any]], key: str, name: str) -> None:
    assert name in names(by_key[key])


def test_places_carry_demonyms(by_key: dict[str, dict[str, Any]]) -> None:
    assert {"parigino", "parisien", "Paris-based"} <= set(by_key["paris"]["demonyms"])
    with_demonyms = [e for e in by_key.values() if e.get("demonyms")]
    assert len(with_demonyms) >= 90


def test_countries_of_cities_are_places(by_key: dict[str, dict[str, Any]]) -> None:
    with_country = [e for e in by_key.values() if "country" in e]
    assert with_country, "cities should say which country they are in"
    for e in with_country:
        assert e["type"] == "Place", e["key"]
        assert by_key[e["country"]]["type"] == "Place", e["key"]
