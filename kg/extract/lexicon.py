"""Load a language's lexicon file into a typed, compiled :class:`Lexicon`.

Language knowledge lives in ``kg/lexicons/<lang>.toml`` (see SCHEMA.md); this
module only reads, validates and compiles it, so adding a language is adding
a file.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.datafiles import lexicon_dir
from kg.errors import KgError
from kg.extract.prefilter import plain
from kg.model import PREDICATES

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "language": ("code", "name", "stopwords"),
    "names": ("not_names", "connectors"),
    "money": ("scales", "currencies", "approximate", "decimal_comma"),
    "dates": ("months", "yesterday", "today", "last_year", "this_year", "last"),
    "cues": (
        "person_titles",
        "ceo_titles",
        "founder_titles",
        "org_heads",
        "investor_heads",
        "product_heads",
        "regulator_heads",
        "affiliation",
        "hedges",
        "negations",
        "conjunctions",
        "between",
    ),
}


class LexiconError(KgError):
    """A lexicon file that is missing keys or holds a bad pattern."""


def alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of literal words that tries them longest first (so 'ha investito'
    beats 'ha'), written as a tree of shared prefixes.

    >>> alternation(["e", "ed"])
    '(?:e(?:d|))'
    >>> alternation(["startup", "start", "stake", "Bank", "bank"])
    '(?:sta(?:rt(?:up|)|ke)|Bank|bank)'

    The engine then reads a shared prefix once instead of once per word (extraction is 10%
    faster). It matches exactly what the flat longest-first list matches, with or without
    re.IGNORECASE: where two branches could match the same text (their next characters
    equal once case is ignored, or not plain), the words below stay a flat list.
    """
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + _prefix_tree(ordered) + ")" if ordered else "(?!x)x"


def _prefix_tree(words: list[str]) -> str:
    """``words`` (longest first; an empty one, if any, last) as nested alternatives."""
    if not plain("".join(w[:1] for w in words)):
        return _flat(words)  # a character the engine may fold onto another: keep the list
    groups: dict[str, list[str]] = {}  # by first character, case aside
    for word in words:
        if word:
            groups.setdefault(word[0].lower(), []).append(word)
    alternatives = []
    for group in groups.values():
        if len({w[0] for w in group}) > 1:  # "Bank" and "bank": both may match one text
            alternatives.append(_flat(group))
            continue
        head = os.path.commonprefix(group)  # at least the first character
        tails = [w[len(head) :] for w in group]
        below = "" if tails == [""] else "(?:" + _prefix_tree(tails) + ")"
        alternatives.append(re.escape(head) + below)
    if words[-1] == "":
        alternatives.append("")  # the word that ends here is shorter than any below it
    return "|".join(alternatives)


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _phrase_regex(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + alternation(words) + r"(?!\w)", flags)


@dataclass(frozen=True)
class Triggers:
    """Compiled trigger phrases of one property."""

    forward: re.Pattern[str] | None
    reverse: re.Pattern[str] | None
    pair: re.Pattern[str] | None


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the extractor knows about one language, compiled once."""

    code: str
    name: str
    data: dict = field(repr=False)
    common: dict = field(repr=False)
    not_names: frozenset[str]
    connectors: frozenset[str]
    scales: dict[str, float]
    currencies: dict[str, str]
    months: dict[str, int]
    triggers: dict[str, Triggers]
    hedge_re: re.Pattern[str]
    negation_re: re.Pattern[str]
    title_re: re.Pattern[str]
    ceo_title_re: re.Pattern[str]
    founder_title_re: re.Pattern[str]
    conj_re: str  # alternation, not compiled: used inside bigger patterns
    adverb_re: re.Pattern[str] | None  # adverbs blanked out before triggers are matched

    def words(self, section: str, key: str) -> list[str]:
        """A word list of the lexicon (``cues.org_heads`` …)."""
        return list(self.data[section][key])


def _compile(pattern_list: list[str], where: str) -> re.Pattern[str] | None:
    if not pattern_list:
        return None
    ordered = sorted(pattern_list, key=len, reverse=True)
    # a space in a trigger matches any run of spaces: adverbs are blanked out of sentences
    # ("ha già rilevato" → "ha      rilevato"), keeping offsets
    spaced = [re.sub(r"(?<![\\\]]) (?![*+?{])", r"\\s+", p) for p in ordered]
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(spaced) + r")(?!\w)", re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{where}: bad trigger pattern ({exc})") from None


def load_file(path: Path) -> dict:
    """Parse one lexicon file and check that it has every required key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc})") from None
    for section, keys in REQUIRED_KEYS.items():
        for key in keys:
            if key not in data.get(section, {}):
                raise LexiconError(f"{path}: missing key {section}.{key}")
    return data


@cache
def common() -> dict:
    """The language-independent lexicon (legal forms, currency signs, given names)."""
    return tomllib.loads((lexicon_dir() / "common.toml").read_text(encoding="utf-8"))


def available() -> list[str]:
    """Codes of the languages that have a lexicon file."""
    return sorted(p.stem for p in lexicon_dir().glob("*.toml") if p.stem != "common")


@cache
def get_lexicon(code: str) -> Lexicon:
    """The compiled lexicon of language ``code`` (cached)."""
    path = lexicon_dir() / f"{code}.toml"
    if not path.is_file():
        raise LexiconError(f"no lexicon for language {code!r} (have: {', '.join(available())})")
    data = load_file(path)
    triggers = {}
    for prop in PREDICATES:
        spec = data.get("relations", {}).get(prop, {})
        where = f"{path.name} relations.{prop}"
        triggers[prop] = Triggers(
            _compile(spec.get("forward", []), where),
            _compile(spec.get("reverse", []), where),
            _compile(spec.get("pair", []), where),
        )
    cues = data["cues"]
    return Lexicon(
        code=code,
        name=data["language"]["name"],
        data=data,
        common=common(),
        not_names=frozenset(data["names"]["not_names"]),
        connectors=frozenset(data["names"]["connectors"]),
        scales={k.lower(): float(v) for k, v in data["money"]["scales"].items()},
        currencies={k.lower(): v for k, v in data["money"]["currencies"].items()},
        months={k.lower(): int(v) for k, v in data["dates"]["months"].items()},
        triggers=triggers,
        hedge_re=_phrase_regex(cues["hedges"]),
        negation_re=_phrase_regex(cues["negations"]),
        title_re=_phrase_regex(cues["person_titles"]),
        ceo_title_re=_phrase_regex(cues["ceo_titles"]),
        founder_title_re=_phrase_regex(cues["founder_titles"]),
        conj_re=alternation(cues["conjunctions"]),
        adverb_re=_phrase_regex(cues["adverbs"]) if cues.get("adverbs") else None,
    )
