"""Guess an article's language from the stopword lists of the installed lexicons.

Each ``kg/lexicons/<lang>.toml`` has a ``[language] stopwords`` list; a text's language is
the one whose stopwords make up the largest share of its words, if that share is clearly
ahead. Adding a lexicon file adds a language; no code names one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache

from kg.datafiles import lexicon_dir

#: Only the start of a text is read: enough words to decide, and fast on huge files.
SAMPLE_CHARS = 5000
#: A language is detected when its stopwords are at least this share of the words …
MIN_SHARE = 0.15
#: … at least this many different stopwords occur, and it beats the runner-up by this factor.
MIN_DISTINCT = 3
MIN_LEAD = 1.3

_WORD = re.compile(r"[^\W\d_]+")


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stopwords per language code, read once from every lexicon file."""
    table: dict[str, frozenset[str]] = {}
    for path in sorted(lexicon_dir().glob("*.toml")):
        with path.open("rb") as handle:
            section = tomllib.load(handle).get("language")
        if not isinstance(section, dict) or not section.get("stopwords"):
            continue  # shared data (common.toml), not a language
        code = str(section.get("code", path.stem)).lower()
        words = section["stopwords"]
        table[code] = frozenset(unicodedata.normalize("NFC", str(w)).lower() for w in words)
    return table


@cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """Stopword → the languages it is a stopword of (one lookup a word, not one a language)."""
    out: dict[str, list[str]] = {}
    for code, table in stopwords().items():
        for word in table:
            out.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in out.items()}


def supported_languages() -> tuple[str, ...]:
    """Language codes that have a lexicon, sorted."""
    return tuple(sorted(stopwords()))


def detect_language(text: str) -> tuple[str | None, float]:
    """Return (language code or None, share of words that are its stopwords).

    None means no language scored clearly: too few words, a language without a lexicon,
    or no language at all.

    >>> detect_language("The company said that it will invest in the start-up this year.")[0]
    'en'
    >>> detect_language("1234 5678")
    (None, 0.0)
    """
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS]).lower()
    words = _WORD.findall(sample)
    if not words:
        return None, 0.0
    found: dict[str, list[str]] = {code: [] for code in stopwords()}
    languages_of = _languages_of_words()
    for word in words:
        for code in languages_of.get(word, ()):
            found[code].append(word)
    if not found:
        return None, 0.0
    ranked = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    best, best_hits = ranked[0][0], len(ranked[0][1])
    runner_up = len(ranked[1][1]) if len(ranked) > 1 else 0
    share = best_hits / len(words)
    clear = (
        len(set(ranked[0][1])) >= MIN_DISTINCT
        and share >= MIN_SHARE
        and best_hits >= MIN_LEAD * runner_up
    )
    return (best if clear else None), round(share, 3)
