"""Frozen records passed between stages: Document → Mention/Claim → Entity/Fact.

Stages talk only through these types, so each stage can be replaced without
touching the others. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

#: Entity classes of the ontology (local names), most specific first.
ENTITY_TYPES: tuple[str, ...] = (
    "Regulator",
    "GovernmentBody",
    "InvestmentFirm",
    "Company",
    "Organization",
    "Person",
    "Place",
    "Product",
)
#: Deal classes; a deal node carries the union of the kinds its facts report.
DEAL_TYPES: tuple[str, ...] = ("Deal", "Investment", "Partnership", "Acquisition", "FundingRound")

#: Fact properties of the ontology (DESIGN §2), by local name.
PREDICATES: tuple[str, ...] = (
    "investsIn",
    "ownsStakeIn",
    "acquires",
    "partnersWith",
    "competesWith",
    "reviews",
    "foundedBy",
    "ceoOf",
    "employedBy",
    "headquarteredIn",
    "develops",
    "availableOn",
    "supports",
    "valuedAt",
    "raises",
)
SYMMETRIC: frozenset[str] = frozenset({"partnersWith", "competesWith"})
#: Properties whose object is an amount (a Valuation or FundingRound node), not an entity.
AMOUNT_PREDICATES: frozenset[str] = frozenset({"valuedAt", "raises"})


@dataclass(frozen=True, slots=True)
class Document:
    """One article after ingest: clean text plus metadata."""

    doc_id: str  # stable identity: from the URL when given, else from the text
    source: str  # where it came from, as given by the user ("news/a.txt", "feed.jsonl:3")
    name: str  # file name (the facts table's `source` when there is no URL)
    text: str  # cleaned text (NFC, normalized quotes and whitespace, mojibake repaired)
    lang: str  # ISO 639-1 code
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    content_hash: str = ""  # changes whenever text or metadata change
    lang_detected: bool = False  # True when `lang` was guessed, not given
    repairs: tuple[str, ...] = ()  # human-readable notes on what ingest repaired
    # SHA-256 of the raw bytes of a one-article file ("" for feed lines): the same bytes
    # make the same article, so a re-build can skip the file without decoding it
    source_hash: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document's text that names an entity."""

    text: str
    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    ref: str | None = None  # reference-list key when the name is a known entity
    label: str | None = None  # preferred label when known (reference list or resolution)


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money in units (2 billion → 2e9) and an ISO 4217 code."""

    value: float
    currency: str | None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact as stated in one sentence of one document (before resolution)."""

    doc_id: str
    subject: Mention
    predicate: str  # one of PREDICATES
    object: Mention | None  # None for valuedAt / raises
    evidence: str  # the sentence, verbatim from Document.text
    start: int  # offsets of the evidence in Document.text
    end: int
    confidence: float
    rule: str  # which extractor rule produced it, e.g. "rules:invest/active"
    amount: Amount | None = None
    date: str | None = None  # ISO 8601
    hedged: bool = False  # reported as possible / planned / denied


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing after resolution; `key` mints its IRI."""

    key: str  # stable slug, e.g. "mistral-ai"; deals: "deal/a+b"
    label: str
    type: str  # one of ENTITY_TYPES or DEAL_TYPES
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # Q-identifier
    parties: tuple[tuple[str, str], ...] = ()  # deals only: (role, entity key)


@dataclass(frozen=True, slots=True)
class Fact:
    """A claim whose subject and object point at resolved entities."""

    doc_id: str
    subject: str  # Entity.key
    predicate: str
    object: str | None  # Entity.key (a deal's key for `reviews`), None for amounts
    evidence: str
    start: int
    end: int
    confidence: float
    rule: str
    amount: Amount | None = None
    date: str | None = None
    hedged: bool = False


@dataclass(frozen=True)
class Resolution:
    """Entities and facts of a batch of documents, with the entities each one mentions."""

    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    mentions: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # mentions[doc_id][entity key] = surface forms seen in that document

    @cached_property
    def facts_by_doc(self) -> dict[str, list[Fact]]:
        """doc_id → its facts, indexed once (a big build writes its articles in chunks)."""
        index: dict[str, list[Fact]] = {}
        for f in self.facts:
            index.setdefault(f.doc_id, []).append(f)
        return index
