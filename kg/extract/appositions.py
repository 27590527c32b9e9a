"""Structural patterns that need no trigger verb: titles next to names, possessive titles,
"product of company" and "the acquisition of A by B".
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.lexicon import alternation
from kg.extract.sentence import PH, Arg, Sentence
from kg.model import Claim, Mention

if TYPE_CHECKING:
    from kg.extract.relations import SentenceExtractor

ORG = frozenset({"Organization", "Company", "InvestmentFirm", "Regulator", "GovernmentBody"})
ACQUIRERS = ORG - {"Regulator", "GovernmentBody"}


def appositions(ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool) -> list[Claim]:
    """Titles between a person and an organisation, and 'product of company'."""
    p = ex.p
    by_start = {a.start: a for a in runs}
    out: list[Claim] = []
    more = rf"\s*(?:,|{p.conj})\s*(?:\w{{1,3}}['’]\s*|\w{{1,4}}\s+)?{p.titles}"
    titles_re = rf"(?P<titles>{p.titles}(?:{more})*)"
    age = r"(?:\d{1,3}\s+\w+\s*,\s*)?"
    of = rf"\s+(?:{p.affil})(?:\s+|(?<=['’]))"  # "di X", "of X", "d'X"
    filler = r"(?:[\w'’]+\s+){0,4}?"  # "two of the three co-founders of"
    adjective = r"(?:\s+[a-zà-ÿ]+)?"  # "vice-présidente exécutive de"
    pat_after = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s*,\s*{age}{filler}{titles_re}{adjective}{of}{p.art}(?P<b>{PH})",
        re.I,
    )
    pat_before = re.compile(rf"{titles_re}{of}{p.art}(?P<b>{PH})(?P=b)*\s*,?\s*(?P<a>{PH})", re.I)
    # "OpenAI CEO Sam Altman", "OpenAI's chief executive, Sam Altman"
    pat_org_first = re.compile(
        rf"(?P<b>{PH})(?P=b)*(?:['’]s)?\s+{titles_re}\s*,?\s*(?P<a>{PH})", re.I
    )
    pat_possessive = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s*,\s*(?P<b>{PH})(?P=b)*['’]s\s+{titles_re}", re.I
    )
    # "Sean White will become Inflection's chief executive"
    pat_becomes = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s+(?:[\w'’]+\s+){{1,3}}(?P<b>{PH})(?P=b)*['’]s\s+{titles_re}", re.I
    )
    for pat in (pat_after, pat_before, pat_org_first, pat_possessive, pat_becomes):
        for m in pat.finditer(s.masked):
            person = by_start.get(m.start("a"))
            org = by_start.get(m.start("b"))
            if not person or not org:
                continue
            if ex._types(s, person) != "Person" or ex._types(s, org) not in ORG:
                continue
            for title in re.split(rf"\s*(?:,|\b{p.conj}\b)\s*", m.group("titles"), flags=re.I):
                if ex.lex.ceo_title_re.search(title):
                    c = ex._claim(
                        s,
                        "ceoOf",
                        person,
                        org,
                        0.85,
                        "rules:ceoOf/apposition",
                        m.start(),
                        None,
                        hedged,
                    )
                elif ex.lex.founder_title_re.search(title):
                    c = ex._claim(
                        s,
                        "foundedBy",
                        org,
                        person,
                        0.85,
                        "rules:foundedBy/apposition",
                        m.start(),
                        None,
                        hedged,
                    )
                elif title.strip():
                    c = ex._claim(
                        s,
                        "employedBy",
                        person,
                        org,
                        0.7,
                        "rules:employedBy/apposition",
                        m.start(),
                        None,
                        hedged,
                    )
                else:
                    c = None
                if c:
                    out.append(c)
    # "Eric Schmidt di Google", "GPT-4 di OpenAI", "OpenAI's GPT-4"
    of = re.compile(rf"(?P<a>{PH})(?P=a)*\s+(?:{p.affil})\s+(?P<b>{PH})", re.I)
    for m in of.finditer(s.masked):
        a, b = by_start.get(m.start("a")), by_start.get(m.start("b"))
        if not a or not b:
            continue
        ta, tb = ex._types(s, a), ex._types(s, b)
        if ta == "Person" and tb in ORG:
            c = ex._claim(
                s, "employedBy", a, b, 0.6, "rules:employedBy/of", m.start(), None, hedged
            )
        elif ta == "Product" and tb in ORG - {"Regulator", "GovernmentBody"}:
            c = ex._claim(s, "develops", b, a, 0.7, "rules:develops/of", m.start(), None, hedged)
        else:
            c = None
        if c:
            out.append(c)
    poss = re.compile(rf"(?P<b>{PH})(?P=b)*['’]s\s+(?:\w+\s+){{0,2}}(?P<a>{PH})")
    for m in poss.finditer(s.masked):
        a, b = by_start.get(m.start("a")), by_start.get(m.start("b"))
        if a and b and ex._types(s, a) == "Product" and ex._types(s, b) in ORG:
            c = ex._claim(
                s, "develops", b, a, 0.7, "rules:develops/possessive", m.start(), None, hedged
            )
            if c:
                out.append(c)
    return out


def possessive_titles(
    ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool
) -> list[Claim]:
    """'Son directeur général, Charles Kantor': a role at the company the text is about."""
    if ex.previous is None or not ex.lex.data["cues"].get("possessives"):
        return []
    by_start = {a.start: a for a in runs}
    out = []
    # "Juan de Antonio, que sigue siendo su consejero delegado": the person before the clause
    p = ex.p
    before = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:{alternation(ex.lex.data['cues'].get('relatives', []))})\s"
        rf"[^,.;]{{0,40}}?(?:{alternation(ex.lex.data['cues'].get('possessives', []))})\s+"
        rf"(?P<titles>{p.titles})(?!\w)",
        re.I,
    )
    possessives = alternation(ex.lex.data["cues"].get("possessives", []))
    after_name = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:{possessives})\s+"
        rf"(?P<titles>{p.titles})(?!\w)",
        re.I,
    )
    for m in [*before.finditer(s.masked), *after_name.finditer(s.masked)]:
        person = by_start.get(m.start("a"))
        if person is not None and ex._types(s, person) == "Person":
            pred = title_role(ex, m.group("titles"))  # "Arthur Waller, son président"
            subj, obj = _sides(pred, s.mentions[person.idx], ex.previous)
            out.append(
                ex._focus_claim(s, pred, subj, obj, f"rules:{pred}/possessive", 0.55, None, hedged)
            )
    for m in ex.p.possessive_title.finditer(s.masked):
        person = by_start.get(m.start("a"))
        if person is None:
            continue
        ex._as_person(s, person)  # "Su cofundador y consejero delegado, Oscar Pierre"
        if ex._types(s, person) != "Person":
            continue
        titles = re.split(rf"\s*(?:,|\b{p.conj}\b)\s*", m.group("titles"), flags=re.I)
        for title in filter(None, titles):
            pred = title_role(ex, title)
            subj, obj = _sides(pred, s.mentions[person.idx], ex.previous)
            rule = f"rules:{pred}/possessive"
            out.append(ex._focus_claim(s, pred, subj, obj, rule, 0.6, None, hedged))
    # "Il suo modello R1", "its new model X": a product of the company in focus
    product = re.compile(
        rf"(?<!\w)(?:{possessives})\s+(?:[a-zà-ÿ]+\s+)?"
        rf"(?:{alternation(ex.lex.data['cues']['product_heads'])})\s+(?P<a>{PH})",
        re.I,
    )
    for m in product.finditer(s.masked):
        item = by_start.get(m.start("a"))
        if item is not None and ex._types(s, item) == "Product":
            rule = "rules:develops/possessive"
            out.append(
                ex._focus_claim(
                    s, "develops", ex.previous, s.mentions[item.idx], rule, 0.6, m, hedged
                )
            )
    return out


def nominal_acquisitions(
    ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool
) -> list[Claim]:
    """'the acquisition of A by B', 'le rachat de A par B' → B acquires A."""
    nouns = ex.lex.data.get("relations", {}).get("acquires", {}).get("nominal", [])
    by = ex.lex.data["cues"].get("by", [])
    if not nouns or not by:
        return []
    p = ex.p
    # "de la start-up israélienne Run:ai par le fabricant américain de puces Nvidia"
    gap = r"(?:[^\W\d_][\w'’-]*\s+){0,5}?"
    pat = re.compile(
        rf"(?<!\w){alternation(nouns)}\s+(?:{p.affil})(?:\s+|(?<=['’])){gap}(?P<a>{PH})(?P=a)*"
        rf"\s+(?:{alternation(by)})\s+{gap}(?P<b>{PH})",
        re.I,
    )
    by_start = {a.start: a for a in runs}
    out = []
    allowed = ACQUIRERS
    for m in pat.finditer(s.masked):
        target, buyer = by_start.get(m.start("a")), by_start.get(m.start("b"))
        if target and buyer and {ex._types(s, target), ex._types(s, buyer)} <= allowed:
            c = ex._claim(
                s,
                "acquires",
                buyer,
                target,
                0.8,
                "rules:acquires/nominal",
                m.start(),
                None,
                hedged,
            )
            if c:
                out.append(c)
    return out


def city_adjectives(
    ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool
) -> list[Claim]:
    """'Zephyr Robotics, startup torinese' and 'la start-up nantaise Lengow': the adjective
    of a city (from the reference list) gives the company's head office."""
    heads = alternation(ex.lex.data["cues"]["org_heads"])
    after = re.compile(
        rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:\w{{1,4}}['’ ]\s*)?(?:{heads})\s+(?P<adj>[^\W\d_]+)", re.I
    )
    before = re.compile(rf"(?:{heads})\s+(?P<adj>[^\W\d_]+)\s+(?P<a>{PH})", re.I)
    # "das Heidelberger Unternehmen Aleph Alpha": adjective, head noun, name
    leading = re.compile(rf"(?P<adj>[^\W\d_]+)\s+[\w-]*?(?:{heads})\s+(?P<a>{PH})", re.I)
    by_start = {a.start: a for a in runs}
    out = []
    if ex.previous is not None:
        opening = re.compile(
            rf"^\s*\w{{1,5}}['’ ]\s*(?:{heads})(?:\s+[a-zà-ÿ]+)?\s+(?P<adj>[^\W\d_]+)(?!\s*{PH})",
            re.I,
        )
        m = opening.match(s.masked)
        place = (
            ex.gaz.place_of_adjective(
                m.group("adj"), ex.lex.data["cues"].get("place_adjective_suffixes", [])
            )
            if m
            else None
        )
        if m and place is not None and place.country and ex.previous.type in ACQUIRERS:
            start, end = s.start + m.start("adj"), s.start + m.end("adj")
            city = Mention(m.group("adj"), start, end, "Place", place.key, place.label)
            rule = "rules:headquarteredIn/adjective"
            out.append(
                ex._focus_claim(s, "headquarteredIn", ex.previous, city, rule, 0.55, m, hedged)
            )
    for pat in (after, before, leading):
        for m in pat.finditer(s.masked):
            org = by_start.get(m.start("a"))
            place = ex.gaz.place_of_adjective(
                m.group("adj"), ex.lex.data["cues"].get("place_adjective_suffixes", [])
            )
            if org is None or place is None or not place.country:  # cities only
                continue
            if ex._types(s, org) not in ACQUIRERS:
                continue
            start, end = s.start + m.start("adj"), s.start + m.end("adj")
            city = Mention(m.group("adj"), start, end, "Place", place.key, place.label)
            claim = ex._claim(
                s,
                "headquarteredIn",
                org,
                None,
                0.6,
                "rules:headquarteredIn/adjective",
                m.start(),
                None,
                hedged,
            )
            if claim is not None:
                out.append(replace(claim, object=city))
    return out


def focus_titles(ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool) -> list[Claim]:
    """'Chief executive Ali Ghodsi said', 'L'amministratore delegato Luca Rossettini':
    a title and a name with no organisation are a role at the company the text is about."""
    if ex.previous is None:
        return []
    p = ex.p
    more = rf"\s*(?:,|{p.conj})\s*(?:\w{{1,3}}['’]\s*|\w{{1,4}}\s+)?{p.titles}"
    pat = re.compile(rf"(?<![\w{PH[1:-1]}])(?P<titles>{p.titles}(?:{more})*)\s+(?P<a>{PH})", re.I)
    of = re.compile(rf"\s*,?\s*(?:{p.affil})\s", re.I)
    by_start = {a.start: a for a in runs}
    out = []
    for m in pat.finditer(s.masked):
        person = by_start.get(m.start("a"))
        if person is None or ex._types(s, person) != "Person":
            continue
        before = s.masked[max(0, m.start() - 4) : m.start()]
        if re.search(rf"{PH}['’]?s?\s*$", before) or of.match(s.masked, person.end):
            continue  # "OpenAI CEO Sam Altman", "CEO X of Y": the organisation is named
        for title in re.split(rf"\s*(?:,|\b{p.conj}\b)\s*", m.group("titles"), flags=re.I):
            pred = title_role(ex, title)
            if pred == "employedBy":
                continue  # other titles ("analyst", "spokesperson") may belong elsewhere
            subj, obj = _sides(pred, s.mentions[person.idx], ex.previous)
            out.append(
                ex._focus_claim(s, pred, subj, obj, f"rules:{pred}/title", 0.55, None, hedged)
            )
    return out


def title_role(ex: SentenceExtractor, title: str) -> str:
    """What a title says about a person and an organisation: ceoOf, foundedBy or employedBy."""
    if ex.lex.ceo_title_re.fullmatch(title.strip()):
        return "ceoOf"
    if ex.lex.founder_title_re.fullmatch(title.strip()):
        return "foundedBy"
    return "employedBy"


def _sides(pred: str, person: Mention, org: Mention) -> tuple[Mention, Mention]:
    """Subject and object of a role: foundedBy goes from the organisation to the person."""
    return (org, person) if pred == "foundedBy" else (person, org)
