"""A seeded generator of large graphs shaped like kg's own, written as N-Quads.

The shape follows docs/rdf-model.md and what ``kg build`` writes: one named graph per
article holding the article node, the types and labels of the entities it mentions, the
direct fact edges, deal / funding-round / valuation nodes, and one claim node per fact
(reified subject, predicate, object, evidence sentence, offsets, confidence, extractor,
amount node) — the claims and amounts make up about 60% of the triples, as in real kg graphs.

Entities are drawn with a skewed distribution (a few are in many articles), and one "hub"
company is in a fixed share of the articles so that its 1-hop neighbourhood has about a
thousand nodes whatever the size: the explorer benchmark centres on it.

Usage::

    python -m benchmarks.graph OUTPUT.nq --triples 1000000 [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import LANGS, make_universe

KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"
GR = "https://w3id.org/kg/graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TRIPLES_PER_ARTICLE = 160  # measured on kg builds of the generated corpus (about 145-190)
REGULATORS = ["European Commission", "FTC", "CMA", "Bundeskartellamt"] + [
    "Autorité de la concurrence",
    "AGCM",
    "CNMC",
]
PLACES = "Milano Torino Roma Paris Lyon London Boston Berlin München Madrid Barcelona".split()


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


@dataclass(frozen=True)
class Node:
    """An entity of the generated world."""

    iri: str
    label: str
    cls: str


@dataclass
class GraphInfo:
    """What was written, and labels the query benchmark can bind parameters to."""

    path: Path
    triples: int
    provenance: int
    articles: int
    hub: str
    company: str
    other: str
    investor: str
    regulator: str
    person: str
    article: str

    @property
    def provenance_share(self) -> float:
        """Share of triples that are claim nodes and their amounts."""
        return self.provenance / self.triples if self.triples else 0.0


class _World:
    def __init__(self, rng: random.Random, n_articles: int) -> None:
        uni = make_universe(rng, n_articles * 2)
        self.rng = rng
        self.companies = [Node(f"{ID}entity/{_slug(c)}", c, "Company") for c in uni.companies]
        self.investors = [
            Node(f"{ID}entity/{_slug(i)}", i, "InvestmentFirm") for i in uni.investors
        ]
        people = sorted({p for names in uni.people.values() for p in names})
        self.people = [Node(f"{ID}entity/{_slug(p)}", p, "Person") for p in people]
        self.regulators = [Node(f"{ID}entity/{_slug(r)}", r, "Regulator") for r in REGULATORS]
        self.places = [Node(f"{ID}entity/{_slug(p)}", p, "Place") for p in PLACES]
        self.hub = self.companies[0]
        self.hub_every = max(1, n_articles // 250)  # ~250 articles: ~1,000 nodes at 1 hop
        self.described: set[str] = set()  # entities already written to the entities graph

    def pick(self, pool: list[Node]) -> Node:
        # skewed: the head of each pool recurs in many articles
        return pool[int(len(pool) * self.rng.random() ** 2.5)]


def _article(w: _World, i: int, out: list[str]) -> int:
    """Append article ``i``'s quads to ``out``; return how many are provenance triples."""
    rng = w.rng
    lang = LANGS[i % len(LANGS)]
    doc = hashlib.sha256(f"doc{i}".encode()).hexdigest()[:16]
    art = f"<{ID}article/{doc}>"
    g = f"<{GR}article/{doc}>"
    year, month, day = rng.choice([2022, 2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    co = w.hub if i % w.hub_every == 0 else w.pick(w.companies)
    co2 = w.pick(w.companies)
    if co2 == co:
        co2 = w.companies[-1 - i % 50]
    inv, person = w.pick(w.investors), w.pick(w.people)
    reg, place = w.pick(w.regulators), w.pick(w.places)

    def q(s: str, p: str, o: str) -> None:
        out.append(f"{s} {p} {o} {g} .\n")

    a = f"<{RDF}type>"
    q(art, a, f"<{KG}Article>")
    q(art, a, f"<{PROV}Entity>")
    q(art, f"<{SCHEMA}name>", _lit(f"{co.label} news {i}"))
    q(art, f"<{SCHEMA}url>", f"<https://news.example/{lang}/{_slug(co.label)}-{i}>")
    q(art, f"<{SCHEMA}datePublished>", _typed(date, "date"))
    q(art, f"<{KG}sourceName>", _lit(f"{i:06d}-{lang}.txt"))
    q(art, f"<{KG}language>", _lit(lang))
    q(art, f"<{KG}contentHash>", _lit(hashlib.sha256(doc.encode()).hexdigest()))
    mentioned = [co, co2, inv, person, reg, place]
    for node in mentioned:
        q(art, f"<{SCHEMA}mentions>", f"<{node.iri}>")
        if node.iri not in w.described:  # class and label once, in the entities graph
            w.described.add(node.iri)
            out.append(f"<{node.iri}> {a} <{KG}{node.cls}> <{GR}entities> .\n")
            out.append(f"<{node.iri}> <{SKOS}prefLabel> {_lit(node.label)} <{GR}entities> .\n")

    amount = rng.choice([16, 40, 150, 300, 600]) * 10**6
    valuation = rng.choice([2, 6, 10, 13]) * 10**9
    rnd = f"<{ID}fundinground/{doc}>"
    val = f"<{ID}valuation/{doc}>"
    pair = sorted([_slug(co.label), _slug(co2.label)])
    deal = f"<{ID}deal/{pair[0]}+{pair[1]}>"
    inv_deal = f"<{ID}deal/{'+'.join(sorted([_slug(inv.label), _slug(co.label)]))}>"
    facts = [
        (inv, "investsIn", f"<{co.iri}>", amount),
        (co, "raises", rnd, amount),
        (co, "valuedAt", val, valuation),
        (co, "acquires" if rng.random() < 0.5 else "partnersWith", f"<{co2.iri}>", amount),
        (reg, "reviews", deal, None),
        (co, "foundedBy", f"<{person.iri}>", None),
        (person, "ceoOf", f"<{co.iri}>", None),
        (co, "headquarteredIn", f"<{place.iri}>", None),
    ]
    facts = rng.sample(facts, rng.randint(4, len(facts)))
    provenance = 0
    for n, (subj, pred, obj, money) in enumerate(facts):
        s = f"<{subj.iri}>"
        q(s, f"<{KG}{pred}>", obj)
        claim = f"<{ID}claim/{doc}{n:02d}>"
        start = rng.randint(0, 1500)
        before = len(out)
        q(claim, a, f"<{KG}Claim>")
        q(claim, a, f"<{RDF}Statement>")
        q(claim, a, f"<{PROV}Entity>")
        q(claim, f"<{RDF}subject>", s)
        q(claim, f"<{RDF}predicate>", f"<{KG}{pred}>")
        q(claim, f"<{RDF}object>", obj)
        sentence = f"{subj.label} {pred} {obj.rsplit('/', 1)[-1][:-1]} ({lang}, article {i})."
        q(claim, f"<{KG}evidence>", _lit(sentence))
        q(claim, f"<{KG}evidenceStart>", _typed(start, "integer"))
        q(claim, f"<{KG}evidenceEnd>", _typed(start + len(sentence), "integer"))
        q(claim, f"<{KG}confidence>", _typed(round(rng.uniform(0.5, 0.95), 3), "decimal"))
        q(claim, f"<{KG}hedged>", _typed("false", "boolean"))
        q(claim, f"<{KG}extractor>", _lit(f"rules:{pred}/forward"))
        q(claim, f"<{KG}language>", _lit(lang))
        q(claim, f"<{PROV}wasDerivedFrom>", art)
        if pred in ("raises", "valuedAt", "acquires", "investsIn"):
            q(claim, f"<{KG}date>", _typed(date[:7], "gYearMonth"))
        if money is not None:
            m = f"<{ID}claim/{doc}{n:02d}/amount>"
            q(claim, f"<{KG}amount>", m)
            q(m, a, f"<{KG}MonetaryAmount>")
            q(m, a, f"<{SCHEMA}MonetaryAmount>")
            q(m, f"<{SCHEMA}value>", _typed(f"{money}.0", "decimal"))
            q(m, f"<{SCHEMA}currency>", _lit(rng.choice(["EUR", "USD"])))
            q(m, f"<{KG}approximate>", _typed("false", "boolean"))
        provenance += len(out) - before
        if pred == "raises":
            q(rnd, a, f"<{KG}FundingRound>")
            q(rnd, a, f"<{KG}Deal>")
            q(rnd, f"<{KG}investee>", s)
            q(rnd, f"<{KG}investor>", f"<{inv.iri}>")
            q(rnd, f"<{KG}date>", _typed(date[:7], "gYearMonth"))
        elif pred == "valuedAt":
            q(val, a, f"<{KG}Valuation>")
            q(val, f"<{KG}date>", _typed(date[:7], "gYearMonth"))
        elif pred == "investsIn":
            q(inv_deal, a, f"<{KG}Deal>")
            q(inv_deal, a, f"<{KG}Investment>")
            q(inv_deal, f"<{SKOS}prefLabel>", _lit(f"{inv.label} – {co.label}"))
            q(inv_deal, f"<{KG}investor>", f"<{inv.iri}>")
            q(inv_deal, f"<{KG}investee>", s)
            q(inv_deal, f"<{PROV}wasDerivedFrom>", art)
        elif pred in ("acquires", "partnersWith", "reviews"):
            kind = "Acquisition" if pred == "acquires" else "Partnership"
            q(deal, a, f"<{KG}Deal>")
            q(deal, a, f"<{KG}{kind}>")
            q(deal, f"<{SKOS}prefLabel>", _lit(f"{co.label} – {co2.label}"))
            if pred == "acquires":
                q(deal, f"<{KG}acquirer>", f"<{co.iri}>")
                q(deal, f"<{KG}target>", f"<{co2.iri}>")
            else:
                q(deal, f"<{KG}partner>", f"<{co.iri}>")
                q(deal, f"<{KG}partner>", f"<{co2.iri}>")
            q(deal, f"<{PROV}wasDerivedFrom>", art)
    return provenance


def iter_quads(triples: int, seed: int = 7) -> Iterator[tuple[list[str], int]]:
    """Yield (N-Quads lines, provenance count) per article until ``triples`` are reached."""
    rng = random.Random(seed)
    world = _World(rng, max(1, triples // TRIPLES_PER_ARTICLE))
    written, i = 0, 0
    while written < triples:
        lines: list[str] = []
        prov = _article(world, i, lines)
        written += len(lines)
        i += 1
        yield lines, prov


def write_graph(path: str | Path, triples: int = 1_000_000, seed: int = 7) -> GraphInfo:
    """Write about ``triples`` quads (whole articles) to ``path``; return what was written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    total = prov = articles = 0
    first_article = ""
    with target.open("w", encoding="utf-8") as fh:
        for lines, p in iter_quads(triples, seed):
            if not first_article:
                first_article = f"{0:06d}-{LANGS[0]}.txt"
            fh.writelines(lines)
            total += len(lines)
            prov += p
            articles += 1
    world = _World(random.Random(seed), max(1, triples // TRIPLES_PER_ARTICLE))
    return GraphInfo(
        path=target,
        triples=total,
        provenance=prov,
        articles=articles,
        hub=world.hub.label,
        company=world.companies[1].label,
        other=world.companies[2].label,
        investor=world.investors[0].label,
        regulator=world.regulators[0].label,
        person=world.people[0].label,
        article=first_article,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: write a graph."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    info = write_graph(args.output, args.triples, args.seed)
    print(
        f"{info.path}: {info.triples} triples in {info.articles} article graphs, "
        f"{info.provenance_share:.0%} provenance"
    )


if __name__ == "__main__":
    main()
