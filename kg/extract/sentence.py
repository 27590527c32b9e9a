"""A sentence ready for the rules: masked mentions, amounts, dates, compiled cue patterns.

Each sentence is *masked*: every mention's characters are replaced by one
private-use character that encodes the mention's index, keeping offsets. Trigger
phrases then never match inside names, and patterns such as "A, B e C" or
"Arthur Mensch, cofondatore e CEO di Mistral AI" become short regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.dates import DateSpan
from kg.extract.lexicon import Lexicon, alternation
from kg.extract.money import MoneySpan
from kg.model import Mention

_BASE = 0xE000  # mention i is chr(_BASE + i)
PH = r"[\ue000-\uf8ff]"  # one masked character (regex)
_RUN = re.compile(r"([\ue000-\uf8ff])\1*")  # one mention's masked characters
_ARTICLE_ADJECTIVE = re.compile(r"\s*(?:[^\W\d_]{1,4}['’ ]\s*)[a-zà-ÿ]{3,15}\s+")


@dataclass(frozen=True)
class Sentence:
    """One sentence with everything found in it; offsets are into the document text."""

    start: int
    end: int
    text: str  # the sentence itself
    masked: str  # same length, mentions replaced by private-use characters
    mentions: list[Mention]  # index i ↔ chr(_BASE + i)
    amounts: list[MoneySpan]
    dates: list[DateSpan]


def blank(masked: str, pattern: re.Pattern[str] | None) -> str:
    """Replace the matches of ``pattern`` (adverbs) by spaces, keeping offsets."""
    if pattern is None:
        return masked
    return pattern.sub(lambda m: " " * len(m.group()), masked)


def mask(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    """The sentence with each mention replaced by its index character (same length)."""
    chars = list(text[start:end])
    for i, m in enumerate(mentions):
        for k in range(max(m.start, start), min(m.end, end)):
            chars[k - start] = chr(_BASE + i)
    return "".join(chars)


def ends_in_particle(trigger: str) -> bool:
    """Triggers ending in a short function word ("in", "nel", "by", "à") take the next name."""
    last = re.split(r"[\s']+", trigger.strip())[-1]
    return 0 < len(last) <= 4 and last.islower()


def adjacent(
    masked: str, start: int, end: int, words: int = 2, heads: re.Pattern[str] | None = None
) -> bool:
    """Only up to ``words`` short words (articles, determiners) between two positions, or a
    head noun with its adjective ("dans la start-up nantaise X") when ``heads`` is given."""
    gap = masked[start:end]
    if re.fullmatch(rf"\s*(?:[^\W\d_]{{1,6}}['’]?\s*){{0,{words}}}", gap):
        return True
    if words and _ARTICLE_ADJECTIVE.fullmatch(gap):
        return True  # "par le néerlandais ASML": article and one adjective
    return bool(heads and heads.fullmatch(gap))


@dataclass(frozen=True)
class Arg:
    idx: int
    start: int  # in sentence coordinates
    end: int


def mention_runs(masked: str) -> list[Arg]:
    out = []
    for m in _RUN.finditer(masked):
        out.append(Arg(ord(m.group(1)) - _BASE, m.start(), m.end()))
    return out


@dataclass(frozen=True)
class Patterns:
    art: str
    conj: str
    affil: str
    titles: str
    between: str
    anaphor: re.Pattern[str]  # "la società", "the company" not followed by a name
    head_after: re.Pattern[str]  # an organisation head noun right after a trigger
    investors: re.Pattern[str]  # "investors", "investitori", "Investoren"
    possessive_title: re.Pattern[str]  # "son directeur général, X"
    relative_clause: re.Pattern[str]  # ", which competes with Google in search,"
    head_gap: re.Pattern[str]  # "la start-up nantaise ": an organisation head and adjectives
    deal_word: re.Pattern[str]  # "the deal", "l'accordo", "l'opération"
    round_word: re.Pattern[str]  # "the financing", "l'operazione", "la ronda"


def _pair_words(lex: Lexicon) -> list[str]:
    """Nouns that name a deal: the lexicon's two-party nouns and acquisition nouns."""
    rel = lex.data.get("relations", {})
    words = rel.get("partnersWith", {}).get("pair", []) + rel.get("acquires", {}).get("nominal", [])
    return [w for w in words if re.fullmatch(r"[\w' -]+", w)]


def _aside_triggers(lex: Lexicon) -> str:
    """Trigger phrases that open a descriptive aside: founded by, based in, led by, owned by."""
    words: list[str] = []
    for prop in ("foundedBy", "headquarteredIn", "ceoOf", "ownsStakeIn"):
        spec = lex.data.get("relations", {}).get(prop, {})
        words += [w for w in spec.get("forward", []) + spec.get("reverse", []) if w[:1].isalpha()]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")" if words else "(?!x)x"


@cache
def patterns(lex: Lexicon) -> Patterns:
    cues = lex.data["cues"]
    return Patterns(
        deal_word=re.compile(
            rf"(?<!\w)(?:{alternation(cues.get('deal_words', []) + _pair_words(lex))})(?!\w)", re.I
        ),
        round_word=re.compile(
            rf"(?<!\w)(?:{alternation(cues.get('round_words', []))})(?!\w)", re.I
        ),
        head_gap=re.compile(
            # "the home health provider X": an article, up to two modifiers, the head noun
            rf"\s*(?:[^\W\d_]{{1,6}}['’ ]\s*)?(?:[^\W\d_][\w-]*\s+){{0,2}}?[\w-]*?"
            rf"(?:{alternation(cues['org_heads'] + cues['investor_heads'])})"
            rf"(?:\s+[^\W\d_][\w-]*){{0,2}}\s*",
            re.I,
        ),
        # ", which competes with X,", ", fondée par X,", ", basée à Paris,": asides
        relative_clause=re.compile(
            rf",\s*(?:{alternation(cues.get('relatives', []))}|{_aside_triggers(lex)}"
            # ", the search startup backed by X and Y,": an apposition describing the name
            rf"|\w{{1,5}}\s+(?:[a-zà-ÿ-]+\s+){{0,2}}{alternation(cues['org_heads'])})\s[^,;:]*,",
            re.I,
        ),
        investors=re.compile(rf"(?<!\w){alternation(cues['investor_heads'])}(?!\w)", re.I),
        possessive_title=re.compile(
            rf"(?<!\w)(?:{alternation(cues.get('possessives', []))})\s+"
            rf"(?P<titles>{alternation(cues['person_titles'])}"
            rf"(?:\s*(?:,|{lex.conj_re})\s*{alternation(cues['person_titles'])})*)\s*,?\s*(?P<a>{PH})",
            re.I,
        ),
        head_after=re.compile(
            rf"(?:\s+[^\W\d_]+){{0,2}}?\s+(?:{alternation(cues['org_heads'])})(?!\w)", re.I
        ),
        anaphor=re.compile(
            rf"(?<!\w)\w{{1,5}}['’ ]\s*(?:{alternation(cues['org_heads'])})"
            rf"(?!\w)(?!\s+[{PH[1:-1]}])",
            re.I,
        ),
        art=r"(?:\w{1,3}['’]\s*|\w{1,5}\s+)?",
        conj=lex.conj_re,
        affil=alternation(cues["affiliation"]),
        titles=alternation(cues["person_titles"]),
        between=alternation(cues["between"]),
    )
