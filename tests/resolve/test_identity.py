"""Linking across a batch: indexed lookups give what comparing every pair of names gives."""

import copy
import random

from kg.extract.gazetteer import Gazetteer
from kg.model import Entity, Mention
from kg.resolve.identity import Linker, family
from kg.resolve.names import core, is_short_form

TYPES = ["Organization", "Company", "InvestmentFirm", "Regulator", "Person", "Product", "Place"]


def merge_by_comparing_every_pair(linker: Linker) -> None:
    """The rule of ``Linker.merge_across`` written the slow, obvious way: every short name
    is compared with every cluster and every stored name of its family."""
    gaz = linker.gaz
    labels = {cid: o.label(gaz) for cid, o in linker.clusters.items()}
    first_of = {}
    for o in linker.clusters.values():
        words = core(labels[o.cid]).split()
        if words:
            first_of[o.cid] = (family(o.type(gaz)), words[0])
    stored = [(family(e.type), n, e) for e in linker.known_entities for n in (e.label, *e.aliases)]
    for c in [c for c in linker.clusters.values() if c.cid.startswith("name:")]:
        fam = c.cid.split(":")[1]
        label = labels[c.cid]
        known = next((e for f, n, e in stored if (core(n), f) == (core(label), fam)), None)
        first = (core(label).split() or [""])[0]
        if known is None and fam != "Product":
            leads = {
                e.key: e
                for f, n, e in stored
                if f == fam and core(n).split()[:1] == [first] and is_short_form(label, core(n))
            }
            known = next(iter(leads.values())) if len(leads) == 1 else None
        if known is not None:
            c.known = known
            labels[c.cid] = c.label(gaz)
            continue
        if fam == "Product":
            continue
        hosts = [
            o
            for o in linker.clusters.values()
            if o is not c
            and first_of.get(o.cid) == (fam, first)
            and is_short_form(label, labels[o.cid])
        ]
        if len(hosts) == 1:
            hosts[0].forms.update(c.forms)
            hosts[0].types.update(c.types)
            labels[hosts[0].cid] = hosts[0].label(gaz)
            linker.alias[c.cid] = hosts[0].cid
    for cid in list(linker.alias):
        linker.clusters.pop(cid, None)


def _random_batch(rnd: random.Random) -> tuple[dict[str, Entity], list[list[Mention]]]:
    # few words, so that names lead one another often and merges change labels
    words = rnd.sample(["Nord", "Banca", "Fondo", "Alpha", "Capital", "Bio", "AI", "Group"], 4)
    words += ["SpA", "Inc.", "Ltd"]

    def name() -> str:
        n = rnd.choice([1, 1, 2, 2, 3, 4])
        return " ".join(rnd.choice(words) for _ in range(n)) + rnd.choice(["", "", "'s", "'S"])

    known = {}
    for i in range(rnd.randint(0, 5)):
        aliases = tuple(name() for _ in range(rnd.randint(0, 2)))
        known[f"k{i}"] = Entity(f"k{i}", name(), rnd.choice(TYPES), aliases, None)
    docs = []
    for _ in range(rnd.randint(1, 25)):
        mentions, pos = [], 0
        for _ in range(rnd.randint(1, 10)):
            text = name()
            pos += rnd.randint(1, 4)
            mentions.append(Mention(text, pos, pos + len(text), rnd.choice(TYPES)))
            pos += len(text)
        docs.append(mentions)
    return known, docs


def _state(linker: Linker) -> tuple:
    clusters = [
        (c.cid, dict(c.forms), dict(c.types), c.known and c.known.key)
        for c in linker.clusters.values()
    ]
    return dict(linker.alias), clusters, list(linker.entities().items())


def test_merges_are_those_of_comparing_every_pair() -> None:
    gaz = Gazetteer([])
    merges = known_used = 0
    for seed in range(400):
        known, docs = _random_batch(random.Random(seed))
        linker = Linker(gaz, known)
        for mentions in docs:
            linker.link_document(mentions)
        slow = copy.deepcopy(linker)
        slow.known_entities = list(known.values())
        merge_by_comparing_every_pair(slow)
        linker.merge_across()
        assert _state(linker) == _state(slow), f"seed {seed}"
        merges += len(linker.alias)
        known_used += sum(c.known is not None for c in linker.clusters.values())
    assert merges > 500 and known_used > 100  # the cases that matter did occur


def test_a_short_name_leading_two_names_joins_neither() -> None:
    linker = Linker(Gazetteer([]))
    for text in ("Nord Capital", "Nord Capital Partners", "Nord Bio"):
        linker.link_document([Mention(text, 0, len(text), "Company")])
    linker.link_document([Mention("Nord", 0, 4, "Company")])
    linker.merge_across()
    assert "name:org:nord" in linker.clusters  # "Nord" leads three names: left alone
    linker = Linker(Gazetteer([]))
    for text in ("Nord Capital Partners", "Nord Capital"):
        linker.link_document([Mention(text, 0, len(text), "Company")])
    linker.merge_across()  # "Nord Capital" leads one name only: it joins it
    assert linker.alias == {"name:org:nord capital": "name:org:nord capital partners"}
