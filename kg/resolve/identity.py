"""Which mentions name the same entity: links inside an article, then across articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.extract.gazetteer import Gazetteer, fold
from kg.model import Entity, Mention
from kg.resolve.names import (
    core,
    core_words,
    is_short_form,
    is_surname,
    slug,
    strip_possessive,
)

T = TypeVar("T")

# how much a mention's type says about the entity (weak "Organization" says least)
TYPE_WEIGHT = {
    "Organization": 1,
    "Company": 3,
    "InvestmentFirm": 4,
    "Regulator": 5,
    "GovernmentBody": 5,
    "Person": 4,
    "Place": 5,
    "Product": 3,
}
ORG_FAMILY = {"Organization", "Company", "InvestmentFirm", "Regulator", "GovernmentBody"}


def family(type_: str) -> str:
    """Types that may name the same thing: all organisations form one family."""
    return "org" if type_ in ORG_FAMILY else type_


@dataclass
class Cluster:
    """The mentions (over all articles) believed to name one entity."""

    cid: str
    ref: str | None = None
    forms: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    known: Entity | None = None

    def label(self, gaz: Gazetteer) -> str:
        if self.known is not None:
            return self.known.label
        if self.ref:
            return gaz.entities[self.ref].label
        return max(self.forms, key=lambda f: (len(f.split()), self.forms[f], f))

    def type(self, gaz: Gazetteer) -> str:
        if self.ref:
            return gaz.entities[self.ref].type
        if self.known is not None and self.known.type != "Organization":
            return self.known.type
        return max(self.types, key=lambda t: (self.types[t] * TYPE_WEIGHT.get(t, 1), t))


class Linker:
    """Assigns every mention a cluster id; clusters become entities."""

    def __init__(self, gaz: Gazetteer, known: Mapping[str, Entity] | None = None) -> None:
        self.gaz = gaz
        self.clusters: dict[str, Cluster] = {}
        self.alias: dict[str, str] = {}  # cluster id → cluster id it was merged into
        self.known_by_core = {}
        self.known_led = _Led[Entity]()  # stored entities by the short names they may have
        for ent in (known or {}).values():
            for name in (ent.label, *ent.aliases):
                key = (core(name), family(ent.type))
                self.known_by_core.setdefault(key, ent)
                self.known_led.add(key[1], core_words(key[0]), ent.key, ent)

    def find(self, cid: str) -> str:
        while cid in self.alias:
            cid = self.alias[cid]
        return cid

    def _cluster(self, cid: str, ref: str | None = None) -> Cluster:
        cid = self.find(cid)
        if cid not in self.clusters:
            self.clusters[cid] = Cluster(cid, ref)
        return self.clusters[cid]

    def link_document(self, mentions: list[Mention]) -> dict[tuple[int, int], str]:
        """Cluster ids of one article's mentions, by (start, end)."""
        # longer names indexed by (family, first word) and persons by surname, so linking
        # stays linear in the number of mentions
        by_first: dict[tuple[str, str], set[tuple[str | None, str]]] = defaultdict(set)
        by_surname: dict[str, set[str]] = defaultdict(set)
        for name, type_, ref in {(x.label or x.text, x.type, x.ref) for x in mentions}:
            words = core_words(name)
            if len(strip_possessive(name).split()) < 2 or not words:
                continue
            if family(type_) == "Person":
                by_surname[fold(name).split()[-1]].add(name)
            elif type_ != "Product":
                by_first[(family(type_), words[0])].add((ref, name))
        out: dict[tuple[int, int], str] = {}
        # an article names the same thing many times: each (family, name) is looked up once
        linked: dict[tuple[str, str], tuple[str, str | None]] = {}
        for m in mentions:
            if m.ref:
                out[(m.start, m.end)] = self._add("ref:" + m.ref, m.ref, m)
                continue
            name = strip_possessive(m.label or m.text)
            fam = family(m.type)
            cid_ref = linked.get((fam, name))
            if cid_ref is None:
                cid_ref = linked[(fam, name)] = _link(name, fam, by_first, by_surname)
            out[(m.start, m.end)] = self._add(cid_ref[0], cid_ref[1], m)
        return out

    def _add(self, cid: str, ref: str | None, m: Mention) -> str:
        c = self._cluster(cid, ref)
        c.forms[strip_possessive(m.text)] += 1
        c.types[m.type] += 1
        return c.cid

    def merge_across(self) -> None:
        """Short names that fit exactly one longer entity of the batch join it ('Lightspeed')."""
        named = [c for c in self.clusters.values() if c.cid.startswith("name:")]
        # labels are compared many times: computed once, and again when a merge changes one
        labels = {cid: o.label(self.gaz) for cid, o in self.clusters.items()}
        # a cluster may host the short names its label starts with, while its label still
        # starts with the word it had at first (and in the family it had at first)
        led = _Led[Cluster]()
        first_of: dict[str, tuple[str, str]] = {}

        def entry(o: Cluster) -> tuple[str, tuple[str, ...]] | None:
            """(family, words) ``o`` is indexed under; None once its first word changed."""
            words = core_words(labels[o.cid])
            fam, first = first_of.get(o.cid, ("", ""))
            return (fam, words) if words and words[0] == first else None

        def relabel(o: Cluster) -> None:
            """Recompute the label of ``o`` after it changed, moving it in the index."""
            old = entry(o)
            if old is not None:
                led.remove(*old, o.cid)
            labels[o.cid] = o.label(self.gaz)
            new = entry(o)
            if new is not None:
                led.add(*new, o.cid, o)

        for o in self.clusters.values():
            words = core_words(labels[o.cid])
            if words:
                first_of[o.cid] = (family(o.type(self.gaz)), words[0])
                led.add(first_of[o.cid][0], words, o.cid, o)
        for c in named:
            fam = c.cid.split(":")[1]
            label = labels[c.cid]
            known = self.known_by_core.get((core(label), fam))
            if known is None and fam != "Product":
                hosts_known = self.known_led.led_by(fam, core_words(label))
                known = next(iter(hosts_known.values())) if len(hosts_known) == 1 else None
            if known is not None:
                c.known = known
                relabel(c)
                continue
            if fam == "Product":
                continue
            hosts = [o for o in led.led_by(fam, core_words(label)).values() if o is not c]
            if len(hosts) == 1:
                host = hosts[0]
                host.forms.update(c.forms)
                host.types.update(c.types)
                relabel(host)
                self.alias[c.cid] = host.cid
        for cid in list(self.alias):
            self.clusters.pop(cid, None)

    def entities(self) -> dict[str, Entity]:
        """Cluster id → Entity with a stable key."""
        out = {}
        for c in self.clusters.values():
            label = c.label(self.gaz)
            if c.known is not None:
                key = c.known.key
            elif c.ref:
                key = c.ref
            else:
                key = slug(label)
            ref = self.gaz.entities.get(c.ref) if c.ref else None
            aliases = tuple(sorted(f for f in c.forms if f != label))
            wikidata = ref.wikidata if ref else None
            out[c.cid] = Entity(key, label, c.type(self.gaz), aliases, wikidata)
        return out


class _Led(Generic[T]):
    """Things by the (family, leading words) of their names: the names a short name may be
    the short form of (see :func:`is_short_form`), found in one lookup. Comparing a short
    name with every name that shares its first word grows with the square of a batch."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, tuple[str, ...]], dict[str, T]] = defaultdict(dict)

    def add(self, fam: str, words: tuple[str, ...], key: str, item: T) -> None:
        for n in range(1, len(words)):
            self._by[(fam, words[:n])].setdefault(key, item)

    def remove(self, fam: str, words: tuple[str, ...], key: str) -> None:
        for n in range(1, len(words)):
            self._by[(fam, words[:n])].pop(key, None)

    def led_by(self, fam: str, short: tuple[str, ...]) -> dict[str, T]:
        """Key → thing for the names in ``fam`` that ``short`` (core words) is a short form of."""
        return self._by.get((fam, short), {}) if short else {}


def _link(
    name: str,
    fam: str,
    by_first: Mapping[tuple[str, str], set[tuple[str | None, str]]],
    by_surname: Mapping[str, set[str]],
) -> tuple[str, str | None]:
    """Cluster id (and gazetteer ref) of a name without a ref, within its article: a lone
    surname joins the one full name it ends, a short name the one longer name it leads."""
    target = None
    words = core_words(name)
    if fam == "Person" and len(name.split()) == 1:
        full = {f for f in by_surname.get(fold(name), ()) if is_surname(name, f)}
        target = full.pop() if len(full) == 1 else None
    elif fam in ("org", "Product") and words:
        hosts = {h for h in by_first.get((fam, words[0]), ()) if is_short_form(name, h[1])}
        if len(hosts) == 1:
            ref, target = hosts.pop()
            if ref:
                return "ref:" + ref, ref
    return f"name:{fam}:{core(target or name)}", None


def deal_key(a: str, b: str) -> str:
    """Key of the deal between two parties, whatever the order they are named in."""
    x, y = sorted((a, b))
    return f"deal/{x}+{y}"


def group_by(items, key):  # type: ignore[no-untyped-def]
    """Group items into lists by key (insertion order kept)."""
    out = defaultdict(list)
    for it in items:
        out[key(it)].append(it)
    return out
