"""The structural patterns find the same matches however they are sped up."""

from __future__ import annotations

import random
import re

import pytest

from kg.datafiles import lexicon_dir
from kg.extract.appositions import _LETTERS_START, _regexes
from kg.extract.lexicon import get_lexicon

LANGS = sorted(p.stem for p in lexicon_dir().glob("*.toml") if p.stem != "common")
MASK = "\ue000\ue001\ue002"


def _texts(heads: list[str], seed: int, n: int) -> list[str]:
    """Masked sentences made of head nouns, adjectives, masked names and glue that the
    pattern's letter classes treat differently (digits, underscores, hyphens, apostrophes)."""
    rng = random.Random(seed)
    pieces = [
        *heads,
        "Heidelberger", "torinese", "nantaise", "große", "x", "ÉTÉ", "l'", "d’",
        "3", "1abc", "_q", "ab_cd", "a-b", "-", ",", ".", "  ", "\n", "Über", "é",
    ]  # fmt: skip
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(2, 12)):
            piece = rng.choice(pieces) if rng.random() < 0.8 else MASK[rng.randrange(3)] * 3
            if rng.random() < 0.2:  # glue it to the previous word
                words.append(piece)
            else:
                words.extend([" ", piece])
        out.append("".join(words))
    return out


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("lang", LANGS)
def test_city_leading_finds_what_it_found_from_every_position(lang: str) -> None:
    fast = _regexes(get_lexicon(lang)).city_leading
    assert fast.pattern.startswith(_LETTERS_START)
    slow = re.compile(fast.pattern[len(_LETTERS_START) :], fast.flags)
    heads = get_lexicon(lang).data["cues"]["org_heads"]
    found = 0
    for text in _texts(heads, seed=len(lang) * 7919, n=4000):
        expected = _matches(slow, text)
        assert _matches(fast, text) == expected, text
        found += len(expected)
    assert found > 50  # the texts exercise the pattern


@pytest.mark.parametrize(
    "text",
    [
        "das Heidelberger Unternehmen \ue000\ue000 wächst",
        "1abc Unternehmen \ue000",  # the adjective starts after a digit
        "x_torinese startup \ue001",
        "\ue000\ue000Münchner Start-up \ue001\ue001",  # right after a masked name
    ],
)
def test_city_leading_on_edge_cases(text: str) -> None:
    fast = _regexes(get_lexicon("de")).city_leading
    slow = re.compile(fast.pattern[len(_LETTERS_START) :], fast.flags)
    assert _matches(fast, text) == _matches(slow, text)
