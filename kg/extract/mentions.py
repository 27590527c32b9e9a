"""Find the entities a document names: organisations, people, places, products.

Three sources, merged per sentence: the reference list (well-known names and
aliases), capitalised name sequences typed by cues from the lexicons (legal
forms, sector words, given names, titles, head nouns like "la startup X"), and
descriptive mentions ("il colosso di Redmond") resolved through the place they
point at when exactly one organisation of the article fits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from kg.extract.gazetteer import Gazetteer, fold
from kg.extract.lexicon import Lexicon, alternation
from kg.extract.prefilter import Words
from kg.model import Mention

ORG_TYPES = frozenset({"Organization", "Company", "InvestmentFirm", "Regulator", "GovernmentBody"})

_TOKEN = re.compile(  # a hyphen goes on inside a name only before a capital or digit ("GPT-4")
    r"[^\W_]\w*(?:-(?=[A-Z0-9])\w+)*(?:\.(?=[A-Z0-9])\w*(?:-(?=[A-Z0-9])\w+)*)*(?::(?=[a-z])\w+)?"
    r"|\d+(?:[.,]\d+)?[A-Za-z]{0,2}\b"
)

_TAIL = re.compile(r"-([a-zà-ÿ]+)")  # "-based", "-Start-up" after a token
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD_CHAR = re.compile(r"\w")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+\.?)")


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    ref: str | None = None
    label: str | None = None
    strong: bool = True


@dataclass(frozen=True)
class _Cues:
    legal: frozenset[str]
    sector: frozenset[str]
    investor: frozenset[str]
    regulator: frozenset[str]
    product: frozenset[str]
    given: frozenset[str]
    stop: frozenset[str]
    title_before: re.Pattern[str]
    title_after: re.Pattern[str]
    head_before: re.Pattern[str]
    title_words: Words  # title_before holds one of them
    head_words: Words  # head_before holds one of them
    descriptor: re.Pattern[str]
    based: re.Pattern[str]
    heads: frozenset[str]
    title_word: re.Pattern[str]
    place_suffix: re.Pattern[str] | None
    not_acronyms: frozenset[str]


@cache
def _cues(lex: Lexicon) -> _Cues:
    c = lex.common
    cues = lex.data["cues"]
    titles = alternation(cues["person_titles"])
    heads = {
        "Company": cues["org_heads"],
        "InvestmentFirm": cues["investor_heads"],
        "Product": cues["product_heads"],
    }
    head_alt = "|".join(f"(?P<{k}>{alternation(v)})" for k, v in heads.items())
    hq = lex.data.get("relations", {}).get("headquarteredIn", {})
    hq_re = hq.get("forward", []) or ["(?!x)x"]
    suffixes = [w for w in hq.get("reverse", []) if w.startswith("-")]
    art = r"(?:\b\w{1,3}['’]|\b\w{1,4}\s+)?"
    return _Cues(
        legal=frozenset(c["orgs"]["legal_forms"]),
        sector=frozenset(c["orgs"]["sector_words"]),
        investor=frozenset(c["orgs"]["investor_words"]),
        regulator=frozenset(c["orgs"]["regulator_words"]),
        product=frozenset(c["orgs"]["product_words"]),
        given=frozenset(c["people"]["given_names"]),
        stop=frozenset(w.lower() for w in lex.data["language"]["stopwords"]),
        title_before=re.compile(
            rf"(?<!\w){titles}(?:\s+(?:{alternation(cues['affiliation'])})\s+\S+)?[\s,]*$", re.I
        ),
        title_after=re.compile(
            rf"^\s*,\s*(?:\w{{1,3}}['’]|\w{{1,4}}\s+)?(?:\d+\s+\w+,\s*)?"
            rf"(?:(?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*['’]s\s+)?{titles}(?!\w)",
            re.I,
        ),
        # "la startup X", "la start-up française X": a head noun (and one adjective) before a name
        head_before=re.compile(rf"(?<!\w)[\w-]*?(?:{head_alt})(?:\s+[a-zà-ÿ]+)?\s*$", re.I),
        title_words=Words(cues["person_titles"]),
        head_words=Words([w for v in heads.values() for w in v]),
        descriptor=re.compile(
            rf"(?<!\w)(?P<head>{art}(?:{alternation(cues['org_heads'])}))"
            rf"(?:\s+[^\W\d_]+){{0,2}}?"
            rf"(?:\s+(?:(?P<of>{alternation(cues['affiliation'])})|{'|'.join(hq_re)})\s+"
            rf"(?P<place>(?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+)?)"
            rf"|\s+(?P<adj>[^\W\d_]+)\b(?!\s+(?-i:[A-Z])))",
            re.I,
        ),
        based=re.compile(
            # "the Paris-based company", "the San Francisco startup"
            rf"(?P<place>[A-Z][\w]+(?:\s+[A-Z]\w+)?)(?:-based)?\s+"
            rf"(?P<head>{alternation(cues['org_heads'])})(?!\w)"
        ),
        title_word=re.compile(titles, re.I),
        not_acronyms=frozenset(c["orgs"].get("not_acronyms", [])),
        place_suffix=re.compile(alternation(suffixes), re.I) if suffixes else None,
        heads=frozenset(
            c["orgs"]["regulator_words"]
            + c["orgs"]["sector_words"]
            + [
                "Bank",
                "University",
                "Università",
                "Université",
                "Universität",
                "Universidad",
                "Institute",
                "Istituto",
                "Institut",
                "Instituto",
                "Cassa",
                "Banca",
                "Banque",
                "Caisse",
                "Fondazione",
                "Fondation",
                "Stiftung",
                "Fundación",
            ]
        ),
    )


def _is_cap(tok: str) -> bool:
    # an all-lower-case rest has no capital: skip looking at each character
    return tok[0].isupper() or (
        tok[0].isalpha() and not tok[1:].islower() and any(ch.isupper() for ch in tok[1:])
    )


def _sequences(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    heads: frozenset[str],
    given: frozenset[str] = frozenset(),
    particles: frozenset[str] = frozenset(),
) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised tokens in text[start:end].

    A connector ("of", "di") joins two runs only after an institutional head word
    ("Bank of America", "Banca d'Italia"), so "CEO di Mistral" stays two names.
    """
    runs: list[tuple[int, int, list[str]]] = []
    cur: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []

    def flush() -> None:
        if cur:
            runs.append((cur[0].start(), cur[-1].end(), [m.group() for m in cur]))
        cur.clear()
        pending.clear()

    suffixes = _suffixes(lex)
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group()
        prev_end = (pending[-1] if pending else cur[-1]).end() if cur else None
        gap = text[prev_end : m.start()] if prev_end is not None else ""
        joined = gap in (" ", "-", " & ", "'", "’") or (gap == " " and pending)
        if cur and not joined:
            flush()
        cap = _is_cap(tok)
        tail = _TAIL.match(text[m.end() : m.end() + 20]) if text.startswith("-", m.end()) else None
        if tail and cap and f"-{tail.group(1)}" not in suffixes:
            flush()  # "KI-Start-up", "Start-up": a compound common noun, not a name
            continue
        if cap:
            cur.extend(pending)
            pending.clear()
            cur.append(m)
        elif cur and not pending and tok[0].isdigit() and not _YEAR.fullmatch(tok):
            cur.extend(pending)
            pending.clear()
            cur.append(m)
        elif (
            cur
            and tok in lex.connectors
            and not pending
            and len(cur) == 1
            and cur[0].group() in heads
        ):
            pending.append(m)
        elif (
            cur
            and tok in particles
            and len(cur) == 1
            and cur[0].group() in given
            and len(pending) < 2
        ):
            pending.append(m)  # "Juan de Antonio", "Ursula von der Leyen"
        else:
            flush()
    flush()
    return runs


@cache
def _suffixes(lex: Lexicon) -> frozenset[str]:
    """Trigger suffixes that follow a name with a hyphen ("-based", "-backed")."""
    out = set()
    for spec in lex.data.get("relations", {}).values():
        for words in spec.values():
            out.update(w for w in words if re.fullmatch(r"-[a-zà-ÿ]+", w))
    return frozenset(out)


def _compound_noun(token: str, lex: Lexicon) -> bool:
    """In languages that write nouns as compounds (``names.compound_nouns``), a capitalised
    word ending with a common noun of the lexicon is a common noun too."""
    if not lex.data["names"].get("compound_nouns"):
        return False
    low = token.lower()
    nouns, lengths = _common_nouns(lex)
    return any(low[-k:] in nouns for k in lengths if k < len(low) - 2)


@cache
def _common_nouns(lex: Lexicon) -> tuple[frozenset[str], tuple[int, ...]]:
    """The lexicon's capitalised common nouns, lower-cased, and their lengths."""
    nouns = frozenset(w.lower() for w in lex.not_names if len(w) >= 5 and w[0].isupper())
    return nouns, tuple(sorted({len(n) for n in nouns}))


def _type_of(tokens: list[str], cues: _Cues) -> str | None:
    last = tokens[-1]
    if len(tokens) >= 2 and " ".join(tokens[-2:]) in cues.investor or last in cues.investor:
        return "InvestmentFirm"
    if len(tokens) >= 2 and (
        last in cues.legal or last.rstrip(".") in cues.legal or last in cues.sector
    ):
        return "Company"
    if len(tokens) >= 2 and any(t in cues.investor for t in tokens):
        return "InvestmentFirm"  # "Canada Pension Plan Investment Board"
    if len(tokens) >= 2 and any(t in cues.regulator for t in tokens):
        return "Regulator"
    if any(any(ch.isdigit() for ch in t) for t in tokens) or (
        len(tokens) >= 2 and last in cues.product
    ):
        return "Product"
    if 2 <= len(tokens) <= 4 and tokens[0] in cues.given and all(t[0].isupper() for t in tokens):
        return "Person"
    return None


def find_mentions(
    text: str, sentences: list[tuple[int, int]], lex: Lexicon, gaz: Gazetteer
) -> list[Mention]:
    """Every entity mention of a document, sorted by position, without overlaps."""
    cues = _cues(lex)
    cands: list[_Cand] = []
    for s_start, s_end in sentences:
        cands.extend(_sentence_candidates(text, s_start, s_end, lex, gaz, cues))
    cands = _infer_weak_types(text, cands, cues)
    cands.extend(_descriptive(text, sentences, cands, lex, gaz, cues))
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Mention] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            continue
        out.append(Mention(text[c.start : c.end], c.start, c.end, c.type, c.ref, c.label))
        last_end = c.end
    return out


def _sentence_candidates(
    text: str, s_start: int, s_end: int, lex: Lexicon, gaz: Gazetteer, cues: _Cues
) -> list[_Cand]:
    found: list[_Cand] = []
    gmatches = gaz.find(text, s_start, s_end)
    for g in gmatches:
        ent = gaz.entities[g.key]
        found.append(_Cand(g.start, g.end, ent.type, ent.key, ent.label))
    covered = [(g.start, g.end) for g in gmatches]
    adj_suffixes = lex.data["cues"].get("place_adjective_suffixes", [])
    people = lex.common["people"]
    particles = frozenset(people.get("particles", []))
    for r_start, r_end, tokens in _sequences(
        text, s_start, s_end, lex, cues.heads, cues.given, particles
    ):
        # drop leading function words ("Il", "Dopo") and trailing connectors
        offs = [m.start() for m in _TOKEN.finditer(text, r_start, r_end)]
        while tokens and (
            tokens[0] in lex.not_names
            or tokens[0].lower() in lex.connectors
            or ("-" in tokens[0] and tokens[0].rsplit("-", 1)[-1] in lex.not_names)
            or _compound_noun(tokens[0], lex)  # "US-Softwarehersteller", "Softwareunternehmen"
            or (len(tokens) > 1 and gaz.place_of_adjective(tokens[0], adj_suffixes) is not None)
        ):
            tokens, offs = tokens[1:], offs[1:]
        while tokens and tokens[-1].lower() in lex.connectors:
            tokens, offs = tokens[:-1], offs[:-1]
        # "Finanzierungsrunde 450 Millionen Euro", "Apple 1.8 billion euros": money, not a name
        for k, tok in enumerate(tokens):
            nxt = _NEXT_WORD.match(text[offs[k] + len(tok) : offs[k] + len(tok) + 30])
            if k and tok[0].isdigit() and nxt and nxt.group(1).lower().rstrip(".") in lex.scales:
                tokens, offs = tokens[:k], offs[:k]
                break
        while tokens and tokens[0][0].isdigit():
            tokens, offs = tokens[1:], offs[1:]
        if not tokens:
            continue
        r_start = offs[0]
        r_end = offs[-1] + len(tokens[-1])
        inside = [c for c in covered if c[0] < r_end and c[1] > r_start]
        if inside:
            _extend_known(text, r_start, r_end, inside, found, cues)
            continue
        if all(t[0].isdigit() for t in tokens):
            continue
        suffixes = lex.data["cues"].get("place_adjective_suffixes", [])
        if len(tokens) == 1 and (
            fold(tokens[0]) in gaz.demonyms or gaz.place_of_adjective(tokens[0], suffixes)
        ):
            continue  # "German", "British", "Freiburger": adjectives of places, not names
        money_words = set(lex.scales) | set(lex.currencies)
        if all(t.lower() in money_words for t in tokens):
            continue  # "Millionen Dollar"
        head = _head_before(cues, text[max(s_start, r_start - 40) : r_start])
        headed = head is not None and not head.group("Product")  # "la start-up française H"
        if len(tokens) == 1 and (
            cues.title_word.fullmatch(tokens[0])
            or (tokens[0] in cues.not_acronyms and not headed)
            or (len(tokens[0]) == 1 and not headed)
        ):
            continue  # "CEO", "AI", "API": titles and short acronyms are not names on their own
        kind = _type_of(tokens, cues)
        before = text[max(s_start, r_start - 40) : r_start]
        after = text[r_end : min(s_end, r_end + 60)]
        if kind is None or kind == "Product":
            head = _head_before(cues, before)
            if head:
                kind = next(k for k, v in head.groupdict().items() if v)
        if kind is None and cues.place_suffix and cues.place_suffix.match(text, r_end):
            kind = "Place"  # "Leeds-based": a name glued to a head-office suffix is a place
        if (
            kind is None
            and len(tokens) <= 3
            and cues.title_words.may_occur(before)
            and cues.title_before.search(before)
        ):
            kind = "Person"  # "le PDG Julien Morel", "CEO Nadella"
        elif kind is None and 2 <= len(tokens) <= 3 and cues.title_after.match(after):
            kind = "Person"  # "Marta Ferri, amministratrice delegata"; not "Bloomberg, un …"
        sentence_initial = text[s_start:r_start].strip(" \"'«“(-–") == ""
        if kind is None:
            if len(tokens) == 1 and tokens[0].lower() in cues.stop:
                continue
            found.append(_Cand(r_start, r_end, "Organization", strong=False))
            if sentence_initial:
                found[-1].ref = "initial"
            continue
        found.append(_Cand(r_start, r_end, kind))
    return found


def _head_before(cues: _Cues, before: str) -> re.Match[str] | None:
    """'la startup ' right before a name (the pattern runs only if a head noun is there)."""
    return cues.head_before.search(before) if cues.head_words.may_occur(before) else None


def _extend_known(
    text: str,
    r_start: int,
    r_end: int,
    inside: list[tuple[int, int]],
    found: list[_Cand],
    cues: _Cues,
) -> None:
    """A name run that contains a known name: "Mistral Large", "Acme Corp", "Google DeepMind"."""
    first, last = inside[0], inside[-1]
    tail = text[last[1] : r_end].split()
    head = text[r_start : first[0]].split()
    if not tail or head or len(inside) > 1:
        return
    known = next(c for c in found if (c.start, c.end) == last)
    if all(t in cues.legal or t.rstrip(".") in cues.legal or t in cues.sector for t in tail):
        known.end = r_end  # "Acme" + "Corp": same entity, longer surface
        return
    if known.type in ("InvestmentFirm", "Company") and all(
        re.fullmatch(r"\d{1,2}|[IVX]{1,4}", t) for t in tail
    ):
        known.end = r_end  # "SoftBank Vision Fund 2", "Fund III": the same kind of entity
        known.ref, known.label = None, None
        return
    if all(t in cues.product or any(ch.isdigit() for ch in t) or t[0].isupper() for t in tail):
        if known.type == "Product" or any(t in cues.product or t[0].isdigit() for t in tail):
            found.remove(known)
            found.append(_Cand(known.start, r_end, "Product"))


def _infer_weak_types(text: str, cands: list[_Cand], cues: _Cues) -> list[_Cand]:
    """Type weak names by the strong ones of the same article ("Mensch" after "Arthur Mensch")."""
    strong_people = {text[c.start : c.end].split()[-1]: c for c in cands if c.type == "Person"}
    strong_orgs = {}
    for c in cands:
        if c.strong and c.type in ORG_TYPES | {"Product"}:
            strong_orgs.setdefault(text[c.start : c.end].split()[0], c)
    mid_sentence = Counter(text[c.start : c.end] for c in cands if c.ref != "initial")
    out = []
    for c in cands:
        if c.strong:
            out.append(c)
            continue
        surface = text[c.start : c.end]
        if surface in strong_people:
            out.append(replace(c, type="Person", ref=None, strong=True))
        elif surface in strong_orgs and strong_orgs[surface].type != "Product":
            o = strong_orgs[surface]
            out.append(replace(c, type=o.type, ref=o.ref, label=o.label, strong=True))
        elif surface.split()[0] in cues.given and len(surface.split()) == 1:
            continue  # a lone first name is too vague
        elif (
            c.ref == "initial"
            and len(surface.split()) == 1
            and not re.search(r".[A-Z0-9]", surface)  # "OpenAI", "iGenius", "DeepL" are names
            and _word_count(text, surface, 2) < 2  # "Doctolib" twice
            and mid_sentence[surface] == 0
            and not any(o.strong and text[o.start : o.end].startswith(surface + " ") for o in cands)
        ):
            continue  # one word capitalised only because it starts a sentence
        else:
            out.append(replace(c, ref=None))
    return out


def _word_count(text: str, word: str, limit: int) -> int:
    r"""How many times ``word`` stands alone in ``text`` (not inside a longer word), up to
    ``limit``: the count of ``re.findall(r"(?<!\w)word(?!\w)", text)``, without compiling
    a pattern per word.

    >>> _word_count("Doctolib, not Doctolibs; Doctolib.", "Doctolib", 5)
    2
    """
    count, at = 0, text.find(word)
    while at != -1 and count < limit:
        end = at + len(word)
        if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and not _WORD_CHAR.match(text, end):
            count += 1
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return count


def _descriptive(
    text: str,
    sentences: list[tuple[int, int]],
    cands: list[_Cand],
    lex: Lexicon,
    gaz: Gazetteer,
    cues: _Cues,
) -> list[_Cand]:
    """'il colosso di Redmond', 'la startup parigina', 'the Paris-based company'.

    The place a description points at (a city, or a country through its cities)
    selects the article's known organisations based there; the most recently
    mentioned one before the description wins, and with none the mention is left out.
    """
    # an "entreprise", "startup" or "colosso" is a company, not an investment firm or regulator
    known = sorted(
        (c for c in cands if c.type in ("Company", "Organization") and c.ref in gaz.entities),
        key=lambda c: c.start,
    )
    found = []
    for regex in (cues.descriptor, cues.based):
        for m in regex.finditer(text):
            place = None
            if m.group("place"):
                ent = gaz.lookup(m.group("place"))
                place = ent if ent and ent.type == "Place" else None
            elif m.groupdict().get("adj"):
                place = gaz.place_of_demonym(m.group("adj"))
            if place is None:
                continue
            fits = [c for c in known if _based_in(gaz, c.ref, place.key)]
            before = [c for c in fits if c.end <= m.start()]
            if not before or _in_apposition(text, cands, m.start("head"), before[-1].ref):
                continue  # no antecedent, or it describes the name before ("X, startup torinese")
            pick = before[-1]
            ent = gaz.entities[pick.ref]
            # "il colosso di Redmond" is one mention; in "la società con sede a Parigi"
            # only "la società" is, so the head office stays a fact of its own
            hq_phrase = (
                m.groupdict().get("place")
                and not m.groupdict().get("of")
                and regex is cues.descriptor
            )
            if hq_phrase:
                start, end = m.span("head")
            elif regex is cues.based:  # "the San Francisco startup": place and head together
                start, end = m.span()
            else:
                start, end = m.start("head"), m.end()
            found.append(_Cand(start, end, ent.type, ent.key, ent.label))
    return found


def _in_apposition(text: str, cands: list[_Cand], start: int, ref: str | None) -> bool:
    """True when a name ends right before ``start`` with only a comma (and an article)
    between, and that name is unknown or the very entity described: "Zephyr Robotics,
    startup torinese" and "iGenius, la società italiana" describe the name before (no new
    mention needed). After a known name of another city, "OpenAI, le géant de Redmond …"
    starts a new clause."""
    gap = re.compile(r"\s*,\s*(?:\w{1,4}['’ ]\s*)?")
    return any(
        (c.ref is None or c.ref == ref) and gap.fullmatch(text[c.end : start])
        for c in cands
        if c.end <= start
    )


def _based_in(gaz: Gazetteer, key: str | None, place: str) -> bool:
    """True when the reference list puts the entity's head office in ``place`` (city or country)."""
    ent = gaz.entities.get(key or "")
    if ent is None or not ent.hq:
        return False
    if ent.hq == place:
        return True
    city = gaz.entities.get(ent.hq)
    return city is not None and city.country == place


def mention_key(m: Mention) -> str:
    """A folding of a mention's name used to group repeated mentions."""
    return fold(m.label or m.text)
