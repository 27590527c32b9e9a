"""Structural patterns that need no trigger verb: titles next to names, possessive titles,
"product of company" and "the acquisition of A by B".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, alternation
from kg.extract.prefilter import Words
from kg.extract.sentence import PH, Arg, Sentence, patterns
from kg.model import Claim, Mention

if TYPE_CHECKING:
    from kg.extract.relations import SentenceExtractor

ORG = frozenset({"Organization", "Company", "InvestmentFirm", "Regulator", "GovernmentBody"})
ACQUIRERS = ORG - {"Regulator", "GovernmentBody"}
_NAMED_BEFORE = re.compile(rf"{PH}['’]?s?\s*$")  # "OpenAI CEO …": an organisation before


@dataclass(frozen=True)
class _Regexes:
    titled: tuple[re.Pattern[str], ...]  # a title between a person and an organisation
    titles: Words  # the titled and focus_title patterns hold one of them
    title_sep: re.Pattern[str]  # splits "founder and CEO"
    of: re.Pattern[str]
    poss: re.Pattern[str]
    relative_title: re.Pattern[str]
    name_title: re.Pattern[str]
    product: re.Pattern[str]
    nominal: re.Pattern[str] | None
    city_after: re.Pattern[str]
    city_before: re.Pattern[str]
    city_leading: re.Pattern[str]
    city_opening: re.Pattern[str]
    city_heads: Words  # every city pattern holds a head noun
    focus_title: re.Pattern[str]
    focus_of: re.Pattern[str]


_LETTERS_START = r"(?<![^\W\d_])"  # not after a letter: where a run of letters starts


@cache
def _regexes(lex: Lexicon) -> _Regexes:
    """The structural patterns of one language, compiled once (they only depend on it)."""
    p = patterns(lex)
    cues = lex.data["cues"]
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
    possessives = alternation(cues.get("possessives", []))
    nouns = lex.data.get("relations", {}).get("acquires", {}).get("nominal", [])
    by = cues.get("by", [])
    # "de la start-up israélienne Run:ai par le fabricant américain de puces Nvidia"
    gap = r"(?:[^\W\d_][\w'’-]*\s+){0,5}?"
    heads = alternation(cues["org_heads"])
    return _Regexes(
        titled=(pat_after, pat_before, pat_org_first, pat_possessive, pat_becomes),
        titles=Words(cues["person_titles"]),
        title_sep=re.compile(rf"\s*(?:,|\b{p.conj}\b)\s*", re.I),
        of=re.compile(rf"(?P<a>{PH})(?P=a)*\s+(?:{p.affil})\s+(?P<b>{PH})", re.I),
        poss=re.compile(rf"(?P<b>{PH})(?P=b)*['’]s\s+(?:\w+\s+){{0,2}}(?P<a>{PH})"),
        # "Juan de Antonio, que sigue siendo su consejero delegado": the person before the clause
        relative_title=re.compile(
            rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:{alternation(cues.get('relatives', []))})\s"
            rf"[^,.;]{{0,40}}?(?:{possessives})\s+"
            rf"(?P<titles>{p.titles})(?!\w)",
            re.I,
        ),
        name_title=re.compile(
            rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:{possessives})\s+(?P<titles>{p.titles})(?!\w)",
            re.I,
        ),
        # "Il suo modello R1", "its new model X": a product of the company in focus
        product=re.compile(
            rf"(?<!\w)(?:{possessives})\s+(?:[a-zà-ÿ]+\s+)?"
            rf"(?:{alternation(cues['product_heads'])})\s+(?P<a>{PH})",
            re.I,
        ),
        nominal=re.compile(
            rf"(?<!\w){alternation(nouns)}\s+(?:{p.affil})(?:\s+|(?<=['’])){gap}(?P<a>{PH})(?P=a)*"
            rf"\s+(?:{alternation(by)})\s+{gap}(?P<b>{PH})",
            re.I,
        )
        if nouns and by
        else None,
        city_after=re.compile(
            rf"(?P<a>{PH})(?P=a)*\s*,\s*(?:\w{{1,4}}['’ ]\s*)?(?:{heads})\s+(?P<adj>[^\W\d_]+)",
            re.I,
        ),
        city_before=re.compile(rf"(?:{heads})\s+(?P<adj>[^\W\d_]+)\s+(?P<a>{PH})", re.I),
        # "das Heidelberger Unternehmen Aleph Alpha": adjective, head noun, name. Tried only
        # where a run of letters starts: a match starting inside one would also match from
        # the run's start (the adjective must end where the run ends), and no match ends
        # with a letter, so every match is found as before at a fraction of the attempts.
        city_leading=re.compile(
            rf"{_LETTERS_START}(?P<adj>[^\W\d_]+)\s+[\w-]*?(?:{heads})\s+(?P<a>{PH})", re.I
        ),
        city_opening=re.compile(
            rf"^\s*\w{{1,5}}['’ ]\s*(?:{heads})(?:\s+[a-zà-ÿ]+)?\s+(?P<adj>[^\W\d_]+)(?!\s*{PH})",
            re.I,
        ),
        city_heads=Words(cues["org_heads"]),
        focus_title=re.compile(
            rf"(?<![\w{PH[1:-1]}])(?P<titles>{p.titles}(?:{more})*)\s+(?P<a>{PH})", re.I
        ),
        focus_of=re.compile(rf"\s*,?\s*(?:{p.affil})\s", re.I),
    )


def appositions(ex: SentenceExtractor, s: Sentence, runs: list[Arg], hedged: bool) -> list[Claim]:
    """Titles between a person and an organisation, and 'product of company'."""
    rx = _regexes(ex.lex)
    by_start = {a.start: a for a in runs}
    out: list[Claim] = []
    for pat in rx.titled if rx.titles.may_occur(s.masked) else ():
        for m in pat.finditer(s.masked):
            person = by_start.get(m.start("a"))
            org = by_start.get(m.start("b"))
            if not person or not org:
                continue
            if ex._types(s, person) != "Person" or ex._types(s, org) not in ORG:
                continue
            for title in rx.title_sep.split(m.group("titles")):
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
    for m in rx.of.finditer(s.masked):
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
    for m in rx.poss.finditer(s.masked) if "'s" in s.masked or "’s" in s.masked else ():
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
    rx = _regexes(ex.lex)
    before, after_name = rx.relative_title, rx.name_title
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
        titles = rx.title_sep.split(m.group("titles"))
        for title in filter(None, titles):
            pred = title_role(ex, title)
            subj, obj = _sides(pred, s.mentions[person.idx], ex.previous)
            rule = f"rules:{pred}/possessive"
            out.append(ex._focus_claim(s, pred, subj, obj, rule, 0.6, None, hedged))
    product = rx.product
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
    pat = _regexes(ex.lex).nominal
    if pat is None:
        return []
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
    rx = _regexes(ex.lex)
    if not rx.city_heads.may_occur(s.masked):
        return []
    after, before, leading = rx.city_after, rx.city_before, rx.city_leading
    by_start = {a.start: a for a in runs}
    out = []
    if ex.previous is not None:
        opening = rx.city_opening
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
    rx = _regexes(ex.lex)
    pat, of = rx.focus_title, rx.focus_of
    if not rx.titles.may_occur(s.masked):
        return []
    by_start = {a.start: a for a in runs}
    out = []
    for m in pat.finditer(s.masked):
        person = by_start.get(m.start("a"))
        if person is None or ex._types(s, person) != "Person":
            continue
        before = s.masked[max(0, m.start() - 4) : m.start()]
        if _NAMED_BEFORE.search(before) or of.match(s.masked, person.end):
            continue  # "OpenAI CEO Sam Altman", "CEO X of Y": the organisation is named
        for title in rx.title_sep.split(m.group("titles")):
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
