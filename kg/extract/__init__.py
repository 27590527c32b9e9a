"""Stage 2: Document → claims (facts with evidence, offsets, confidence and rule).

Extractors are pluggable: anything with ``name`` and ``extract(doc) -> list[Claim]``
can be registered in :data:`EXTRACTORS` (name → "module:attribute", imported on
first use). The default is the rule-based multilingual extractor below, whose
language knowledge lives in ``kg/lexicons/<lang>.toml``.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Protocol

from kg.extract.dates import find_dates
from kg.extract.gazetteer import Gazetteer, gazetteer
from kg.extract.lexicon import get_lexicon
from kg.extract.mentions import find_mentions
from kg.extract.money import find_amounts
from kg.extract.relations import SentenceExtractor
from kg.extract.sentence import Sentence, blank, mask
from kg.extract.sentences import split_sentences
from kg.model import Claim, Document, Mention


class Extractor(Protocol):
    """What the pipeline needs from an extractor."""

    name: str

    def extract(self, doc: Document) -> list[Claim]:
        """Claims stated by ``doc``."""


class RuleExtractor:
    """Lexicon-driven rules: mentions, amounts, dates, then trigger and apposition patterns."""

    name = "rules"

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz if gaz is not None else gazetteer()

    def mentions(self, doc: Document) -> list[Mention]:
        """Entity mentions of ``doc`` (also used by resolution to list what an article names)."""
        lex = get_lexicon(doc.lang)
        return find_mentions(doc.text, split_sentences(doc.text), lex, self.gaz)

    def extract(self, doc: Document) -> list[Claim]:
        """Claims stated by ``doc``."""
        return self.analyse(doc)[0]

    def analyse(self, doc: Document) -> tuple[list[Claim], list[Mention]]:
        """Claims and every entity mention of ``doc``, in one pass."""
        lex = get_lexicon(doc.lang)
        spans = split_sentences(doc.text)
        mentions = find_mentions(doc.text, spans, lex, self.gaz)
        rules = SentenceExtractor(lex, doc.doc_id, self.gaz)
        claims: list[Claim] = []
        previous: Mention | None = None  # the company the text was last about
        i = 0
        for start, end in spans:
            while i < len(mentions) and mentions[i].end <= start:
                i += 1
            j = i
            while j < len(mentions) and mentions[j].start < end:
                j += 1
            in_sentence = mentions[i:j]
            sentence = Sentence(
                start=start,
                end=end,
                text=doc.text[start:end],
                masked=blank(mask(doc.text, start, end, in_sentence), lex.adverb_re),
                mentions=in_sentence,
                amounts=find_amounts(doc.text, doc.lang, start=start, end=end),
                dates=find_dates(doc.text, doc.lang, ref=doc.published, start=start, end=end),
            )
            found = rules.extract(sentence, previous)
            claims.extend(found)
            previous = _about(found, in_sentence if previous is None else []) or previous
            rules.last_deal = _deal(found) or rules.last_deal
            rules.round_before = any(c.predicate == "raises" for c in found)
        claims += self._makers(doc, spans, mentions)
        return _free_amounts(_dedupe(_inherit_currency(claims))), mentions

    def _makers(
        self, doc: Document, spans: list[tuple[int, int]], mentions: list[Mention]
    ) -> list[Claim]:
        """Products named after their maker ("Mistral Small", "Google Gemini"), or known to be
        made by a company named in the same sentence, are developed by it."""
        orgs = [m for m in mentions if m.type in ("Company", "Organization")]
        out = []
        seen: set[str] = set()  # one claim per product and article: its first mention
        for p in (m for m in mentions if m.type == "Product"):
            if (p.label or p.text) in seen:
                continue
            start, end = next(((s, e) for s, e in spans if s <= p.start < e), (p.start, p.end))
            ref = self.gaz.entities.get(p.ref or "")
            maker = None
            for o in orgs:
                names = {o.text, o.label or o.text}
                if o.ref and o.ref in self.gaz.entities:
                    names |= {self.gaz.entities[o.ref].label, *self.gaz.entities[o.ref].aliases}
                if any(p.text.startswith(n + " ") for n in names if n):
                    maker, rule = o, "rules:develops/name"
                    break
                if ref and ref.developer and o.ref == ref.developer and start <= o.start < end:
                    maker, rule = o, "rules:develops/known-maker"
            if maker is not None:
                seen.add(p.label or p.text)
                out.append(
                    Claim(
                        doc.doc_id, maker, "develops", p, doc.text[start:end], start, end, 0.6, rule
                    )
                )
        return out


def _deal(claims: list[Claim]) -> tuple[Mention, Mention] | None:
    """The parties of the last deal a sentence reports (for "the deal" later on)."""
    for c in claims:  # a stake ("which owns Coach") is background, not the deal
        if c.predicate in ("acquires", "investsIn", "partnersWith") and c.object:
            return c.subject, c.object
    return None


def _about(claims: list[Claim], mentions: list[Mention]) -> Mention | None:
    """The company a sentence is about: who raised or is valued, else who received an
    investment, else the subject of its first fact, else (at the start of an article
    only: ``mentions`` is empty later) the first company it names."""
    companies = ("Company", "Organization")
    for c in claims:
        if c.predicate in ("raises", "valuedAt") and c.subject.type in companies:
            return c.subject
    for c in claims:
        if c.predicate in ("investsIn", "ownsStakeIn", "acquires") and c.object:
            if c.object.type in companies:
                return c.object
    for c in claims:
        if c.subject.type in companies:
            return c.subject
    for c in claims:  # "a regulator examines X and Y": X is what the text turns to
        if c.object is not None and c.object.type in companies:
            return c.object
    return next((m for m in mentions if m.type == "Company"), None)


def _inherit_currency(claims: list[Claim]) -> list[Claim]:
    """'raises 189 millones' in a headline is the '189 millones de euros' of the body."""
    known: dict[tuple, str] = {}
    for c in claims:
        if c.amount and c.amount.currency:
            known.setdefault(
                (c.subject.label or c.subject.text, c.predicate, c.amount.value), c.amount.currency
            )
    out = []
    for c in claims:
        key = (c.subject.label or c.subject.text, c.predicate, c.amount.value if c.amount else None)
        if c.amount and not c.amount.currency and key in known:
            c = replace(c, amount=replace(c.amount, currency=known[key]))
        out.append(c)
    return out


def _free_amounts(claims: list[Claim]) -> list[Claim]:
    """An amount that a sentence raises or is valued at is not also a stake's or a deal's price."""
    used = {
        (c.start, c.amount.value)
        for c in claims
        if c.predicate in ("raises", "valuedAt") and c.amount
    }
    return [
        replace(c, amount=None)
        if c.amount
        and c.predicate not in ("raises", "valuedAt")
        and (c.start, c.amount.value) in used
        else c
        for c in claims
    ]


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (sentence, subject, predicate, object, amount): keep the most confident."""
    best: dict[tuple, Claim] = {}
    for c in claims:
        if c.predicate in ("raises", "valuedAt") and c.amount is not None:
            # one amount states one thing: the trigger closest to it (highest confidence) wins
            key: tuple = ("amount", c.start, c.amount.value, c.amount.currency)
        else:
            key = (
                c.start,
                c.subject.label or c.subject.text,
                c.predicate,
                (c.object.label or c.object.text) if c.object else None,
                c.amount.value if c.amount else None,
            )
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.start, c.predicate))


#: name → "module:attribute" of an Extractor class; imported on first use.
EXTRACTORS: dict[str, str] = {"rules": "kg.extract:RuleExtractor"}


def get_extractor(name: str = "rules") -> Extractor:
    """Instantiate a registered extractor by name."""
    module, _, attr = EXTRACTORS[name].partition(":")
    return getattr(importlib.import_module(module), attr)()


def extract(doc: Document, extractor: Extractor | str = "rules") -> list[Claim]:
    """Claims of one document with the given extractor (default: rules)."""
    ex = get_extractor(extractor) if isinstance(extractor, str) else extractor
    return ex.extract(doc)
