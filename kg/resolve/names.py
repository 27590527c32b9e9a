"""Name normalisation: the forms under which two mentions may name the same entity."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

from kg.extract.gazetteer import fold
from kg.extract.lexicon import common


@cache
def _suffixes() -> frozenset[str]:
    orgs = common()["orgs"]
    return frozenset(fold(w) for w in orgs["legal_forms"]) - {""}


def strip_possessive(name: str) -> str:
    """'OpenAI's' → 'OpenAI'.

    >>> strip_possessive("OpenAI’s")
    'OpenAI'
    """
    name = name.strip()
    return name[:-2] if name.endswith(("'s", "’s")) else name


@lru_cache(maxsize=1 << 16)  # resolution compares every short name with many long ones
def core(name: str) -> str:
    """Folded name without legal-form suffixes: 'Acme Corp.' and 'ACME' meet here.

    >>> core("Zephyr Robotics S.p.A.")
    'zephyr robotics'
    >>> core("Acme Inc")
    'acme'
    """
    words = fold(strip_possessive(name)).split()
    stripped = True
    while stripped:
        stripped = False
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]) in _suffixes():
                words, stripped = words[:-n], True
                break
    return " ".join(words)


def is_short_form(short: str, long: str) -> bool:
    """True when ``short`` leads ``long`` ('Lightspeed' of 'Lightspeed Venture Partners').

    >>> is_short_form("Mistral", "Mistral AI")
    True
    >>> is_short_form("AI", "Mistral AI")
    False
    """
    s, lg = core_words(short), core_words(long)
    return 0 < len(s) < len(lg) and lg[: len(s)] == s


@lru_cache(maxsize=1 << 16)
def core_words(name: str) -> tuple[str, ...]:
    """The words of :func:`core` (what :func:`is_short_form` compares)."""
    return tuple(core(name).split())


def is_surname(short: str, full: str) -> bool:
    """True when ``short`` is the surname of ``full`` ('Mensch' of 'Arthur Mensch').

    >>> is_surname("Mensch", "Arthur Mensch")
    True
    """
    s, f = fold(short).split(), fold(full).split()
    return len(s) == 1 and len(f) >= 2 and f[-1] == s[0]


def slug(text: str) -> str:
    """A lowercase ASCII slug for IRIs.

    >>> slug("Mistral AI")
    'mistral-ai'
    >>> slug("Autorité de la concurrence")
    'autorite-de-la-concurrence'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x" + hashlib.sha1(text.encode()).hexdigest()[:8]
