"""Resolution: one entity per real-world thing inside and across articles."""

from kg.extract import RuleExtractor
from kg.extract.gazetteer import Gazetteer, RefEntity
from kg.model import Document, Entity
from kg.resolve import resolve


def _doc(doc_id: str, text: str, lang: str = "en") -> Document:
    return Document(doc_id=doc_id, source=doc_id, name=doc_id, text=text, lang=lang)


def _run(docs, gaz=None, known=None):
    ex = RuleExtractor(gaz if gaz is not None else Gazetteer([]))
    batch = [(d, ex.extract(d), ex.mentions(d)) for d in docs]
    return resolve(batch, gaz=ex.gaz, known=known)


def _labels(res):
    return {e.label for e in res.entities.values() if e.type != "Deal"}


def test_surname_joins_the_full_name() -> None:
    res = _run(
        [_doc("a", "Zephyr Robotics named Marta Ferri as CEO. Ferri said the company will grow.")]
    )
    people = [e for e in res.entities.values() if e.type == "Person"]
    assert [p.label for p in people] == ["Marta Ferri"]
    assert "Ferri" in res.mentions["a"][people[0].key]


def test_short_name_joins_long_name_across_articles() -> None:
    res = _run(
        [
            _doc("a", "Oakridge Venture Partners invested in Brightwave Labs."),
            _doc("b", "Tidewater Systems raised $8 million from Oakridge."),
        ]
    )
    facts = [f for f in res.facts if f.predicate == "investsIn"]
    assert {f.doc_id for f in facts} == {"a", "b"}
    assert {res.entities[f.subject].label for f in facts} == {"Oakridge Venture Partners"}


def test_known_entities_from_the_store_are_reused() -> None:
    key = "oakridge-venture-partners"
    known = {key: Entity(key, "Oakridge Venture Partners", "InvestmentFirm")}
    res = _run([_doc("b", "Tidewater Systems raised $8 million from Oakridge.")], known=known)
    (fact,) = [f for f in res.facts if f.predicate == "investsIn"]
    assert fact.subject == key


def test_reference_aliases_in_other_languages_meet() -> None:
    gaz = Gazetteer(
        [
            RefEntity(
                "nordic-competition-board",
                "Nordic Competition Board",
                "Regulator",
                ("Conseil nordique de la concurrence", "Consiglio nordico della concorrenza"),
            )
        ]
    )
    res = _run(
        [
            _doc(
                "a",
                "The Nordic Competition Board is reviewing the deal between Acme Corp "
                "and Brightwave Labs.",
                "en",
            ),
            _doc(
                "b",
                "Le Conseil nordique de la concurrence examine l'accord entre Acme Corp "
                "et Brightwave Labs.",
                "fr",
            ),
        ],
        gaz=gaz,
    )
    regulators = [e for e in res.entities.values() if e.type == "Regulator"]
    assert [r.key for r in regulators] == ["nordic-competition-board"]
    reviews = [f for f in res.facts if f.predicate == "reviews"]
    assert {f.doc_id for f in reviews} == {"a", "b"}
    deals = {f.object for f in reviews}
    assert len(deals) == 1
    deal = res.entities[deals.pop()]
    assert deal.type == "Deal" and {k for _, k in deal.parties} == {"acme-corp", "brightwave-labs"}
