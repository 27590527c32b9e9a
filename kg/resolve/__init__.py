"""Stage 3: claims from many articles → one entity per real-world thing.

Mentions are linked inside each article (surnames, short names, descriptive
mentions already resolved by extraction), then across the batch and against the
entities already stored, so "Lightspeed" joins "Lightspeed Venture Partners" and
"Commissione europea" joins "European Commission".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.extract.gazetteer import Gazetteer, gazetteer
from kg.model import Claim, Document, Entity, Fact, Mention, Resolution
from kg.resolve.identity import Linker, deal_key, group_by

DEAL_PREDICATES = {
    "investsIn": ("investor", "investee"),
    "ownsStakeIn": ("investor", "investee"),
    "acquires": ("acquirer", "target"),
    "partnersWith": ("partner", "partner"),
}


def resolve(
    batch: Iterable[tuple[Document, list[Claim], list[Mention]]],
    *,
    known: Mapping[str, Entity] | None = None,
    gaz: Gazetteer | None = None,
) -> Resolution:
    """Entities and facts of a batch of (document, claims, mentions).

    ``known`` are entities already in the store (key → Entity), so a new article's
    "Lightspeed" lands on the stored "Lightspeed Venture Partners".
    """
    gaz = gaz if gaz is not None else gazetteer()
    linker = Linker(gaz, known)
    per_doc = []
    for doc, claims, mentions in batch:
        pool = {(m.start, m.end): m for m in mentions}
        for c in claims:
            for m in (c.subject, c.object):
                if m is not None:
                    pool[(m.start, m.end)] = m  # a fact's view of a mention knows more
        ids = linker.link_document(sorted(pool.values(), key=lambda m: m.start))
        per_doc.append((doc, claims, pool, ids))
    linker.merge_across()
    by_cluster = linker.entities()
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    mentions: dict[str, dict[str, tuple[str, ...]]] = {}
    for doc, claims, pool, ids in per_doc:

        def ent(m: Mention, ids: dict = ids) -> Entity:
            e = by_cluster[linker.find(ids[(m.start, m.end)])]
            entities.setdefault(e.key, e)
            return e

        seen: dict[str, set[str]] = {}
        in_facts = {id(m) for c in claims for m in (c.subject, c.object)}
        for m in pool.values():
            if m.type == "Organization" and id(m) not in in_facts:
                continue  # weak names that take part in no fact are not worth a node
            seen.setdefault(ent(m).key, set()).add(m.text)
        mentions[doc.doc_id] = {k: tuple(sorted(v)) for k, v in seen.items()}
        facts.extend(_facts(doc, claims, ent, entities))
    return Resolution(entities=entities, facts=tuple(facts), mentions=mentions)


def _facts(doc: Document, claims: list[Claim], ent, entities: dict[str, Entity]) -> list[Fact]:  # type: ignore[no-untyped-def]
    out: list[Fact] = []
    reviews = [c for c in claims if c.predicate == "reviews"]
    others = [c for c in claims if c.predicate != "reviews"]
    for c in others:
        s, o = ent(c.subject), (ent(c.object) if c.object else None)
        if o is not None and o.key == s.key:
            continue
        out.append(_fact(doc, c, s.key, o.key if o else None))
        if c.predicate in DEAL_PREDICATES and o is not None:
            _deal(entities, s, o, c.predicate)
    # a regulator reviewing two parties in one sentence reviews the deal between them
    for (_start, _subj), group in group_by(reviews, lambda c: (c.start, c.subject.start)).items():
        s = ent(group[0].subject)
        objs = []
        for c in group:
            o = ent(c.object)
            if o.key != s.key and o.key not in [x.key for x in objs]:
                objs.append(o)
        if len(objs) == 2:
            deal = _deal(entities, objs[0], objs[1], None)
            out.append(_fact(doc, group[0], s.key, deal.key))
        else:
            out.extend(_fact(doc, c, s.key, o.key) for c, o in zip(group, objs, strict=False))
    return out


def _fact(doc: Document, c: Claim, subject: str, obj: str | None) -> Fact:
    return Fact(
        doc.doc_id,
        subject,
        c.predicate,
        obj,
        c.evidence,
        c.start,
        c.end,
        c.confidence,
        c.rule,
        c.amount,
        c.date,
        c.hedged,
    )


def _deal(entities: dict[str, Entity], a: Entity, b: Entity, predicate: str | None) -> Entity:
    key = deal_key(a.key, b.key)
    old = entities.get(key)
    parties = set(old.parties) if old else set()
    if predicate is not None:
        ra, rb = DEAL_PREDICATES[predicate]
        parties |= {(ra, a.key), (rb, b.key)}
    else:
        parties |= {("party", a.key), ("party", b.key)}
    x, y = sorted((a, b), key=lambda e: e.key)
    entities[key] = Entity(key, f"{x.label} – {y.label}", "Deal", (), None, tuple(sorted(parties)))
    return entities[key]
