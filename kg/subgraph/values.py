"""How the values of explorer and export records are written, whatever they were read from.

Property labels in the page's language, amounts (``~50,000,000 EUR``), node
labels and classes, and article entries with only http(s) links. Plain strings
and numbers, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from rdflib import Literal
from rdflib.term import Identifier

from kg.model import DEAL_TYPES, ENTITY_TYPES

_FALLBACK_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "investsIn": "invests in", "ownsStakeIn": "owns a stake in", "acquires": "acquires",
        "partnersWith": "partners with", "competesWith": "competes with",
        "reviews": "reviews", "foundedBy": "founded by", "ceoOf": "CEO of",
        "employedBy": "employed by", "headquarteredIn": "headquartered in",
        "develops": "develops", "availableOn": "available on", "supports": "supports",
        "valuedAt": "valued at", "raises": "raises", "investor": "investor",
        "investee": "investee", "partner": "partner", "acquirer": "acquirer",
        "target": "target",
    },
    "it": {
        "investsIn": "investe in", "ownsStakeIn": "detiene una quota di",
        "acquires": "acquisisce", "partnersWith": "partner di",
        "competesWith": "concorre con", "reviews": "esamina", "foundedBy": "fondata da",
        "ceoOf": "CEO di", "employedBy": "lavora per", "headquarteredIn": "ha sede a",
        "develops": "sviluppa", "availableOn": "disponibile su", "supports": "sostiene",
        "valuedAt": "valutata", "raises": "raccoglie", "investor": "investitore",
        "investee": "partecipata", "partner": "partner", "acquirer": "acquirente",
        "target": "obiettivo",
    },
    "fr": {
        "investsIn": "investit dans", "ownsStakeIn": "détient une part de",
        "acquires": "acquiert", "partnersWith": "partenaire de",
        "competesWith": "concurrent de", "reviews": "examine", "foundedBy": "fondée par",
        "ceoOf": "PDG de", "employedBy": "employé par", "headquarteredIn": "siège à",
        "develops": "développe", "availableOn": "disponible sur", "supports": "soutient",
        "valuedAt": "valorisée à", "raises": "lève", "investor": "investisseur",
        "investee": "bénéficiaire", "partner": "partenaire", "acquirer": "acquéreur",
        "target": "cible",
    },
}  # fmt: skip


def property_labels(lang: str) -> dict[str, str]:
    """Local name → human label, from the ontology when available, else built in."""
    labels = dict(_FALLBACK_LABELS["en"])
    labels.update(_FALLBACK_LABELS.get(lang, {}))
    try:
        from kg.graph.ontology import property_labels as from_ontology
    except ImportError:
        return labels
    labels.update(from_ontology(lang))
    return labels


def safe_url(value: object) -> str | None:
    """The URL when its scheme is http or https, else None (no ``javascript:`` links).

    >>> safe_url("https://news.example/a"), safe_url("javascript:alert(1)")
    ('https://news.example/a', None)
    """
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in {"http", "https"} else None


def amount_text(value: object, currency: object, approximate: object) -> str | None:
    """``50,000,000 EUR`` (``~`` when approximate) from a MonetaryAmount's values.

    >>> amount_text(Literal(5e7), Literal("EUR"), Literal(True))
    '~50,000,000 EUR'
    """
    if value is None:
        return None
    if currency is not None and str(currency) == "XXX":  # ISO 4217 "no currency": none stated
        currency = None
    number = f"{float(str(value)):,.0f}"
    return f"{'~' if is_true(approximate) else ''}{number} {currency or ''}".strip()


def is_true(value: object) -> bool:
    """Whether an xsd:boolean (a term or its lexical form) is true; None is false."""
    return value is not None and str(value).strip() in {"true", "1"}


def label_from(labels: Iterable[Identifier], node: Identifier, lang: str) -> str:
    """The label in ``lang``, else one without a language, else any, else the IRI's tail.

    Among several (articles may name a deal's parties in either order) the first in
    sorted order, so every reader of the store picks the same one.

    >>> label_from([Literal("B – A"), Literal("A – B"), Literal("A", lang="fr")], None, "en")
    'A – B'
    """
    labels = list(labels)
    for wanted in (lang, None):
        found = sorted(
            str(lit) for lit in labels if isinstance(lit, Literal) and lit.language == wanted
        )
        if found:
            return found[0]
    if labels:
        return str(sorted(labels)[0])
    return str(node).rsplit("/", 1)[-1]


def class_from_types(types: Iterable[Identifier]) -> str:
    """The explorer's class for a node with these rdf:types (``Other`` when none fits)."""
    kinds = {str(t).rsplit("#", 1)[-1] for t in types}
    for kind in ENTITY_TYPES:
        if kind in kinds:
            return "Company" if kind == "Organization" else kind
    if kinds & set(DEAL_TYPES):
        return "Deal"
    return "Valuation" if "Valuation" in kinds else "Other"


def article_record(
    art: Identifier, title: object, source: object, date: object, url: object
) -> dict[str, object]:
    """What the page shows of an article: title (else source name, else id), date, safe URL."""
    name = title or source
    return {
        "title": str(name) if name is not None else str(art).rsplit("/", 1)[-1],
        "date": str(date) if date is not None else None,
        "url": safe_url(url),
        "source": str(source or ""),
    }
