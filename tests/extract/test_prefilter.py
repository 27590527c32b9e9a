"""The prefilters skip only regex work that cannot match: lower-casing plain text compares
words the way case-insensitive patterns do, and a closed gate means no trigger matches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.datafiles import lexicon_dir
from kg.extract.lexicon import get_lexicon
from kg.extract.prefilter import Gate, Words, first_words, literal_heads, plain

LANGS = sorted(p.stem for p in lexicon_dir().glob("*.toml") if p.stem != "common")
PLAIN = [
    chr(c) for c in [*range(0x180), *range(0x2000, 0x2070), *range(0x20A0, 0x20C1)] if plain(chr(c))
]
EVAL = Path(__file__).parents[1] / "data" / "eval"


def test_plain_characters_compare_like_the_regex_engine():
    for a in PLAIN:
        assert len(a.lower()) == 1
        assert bool(re.fullmatch(r"\w", a)) == bool(re.fullmatch(r"\w", a.lower()))
        for b in PLAIN:
            same = re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None
            assert same == (a.lower() == b.lower()), (a, b)


def test_masking_characters_are_plain_and_uncased():
    masks = "".join(chr(c) for c in range(0xE000, 0xF900))
    assert plain(masks)
    assert masks.lower() == masks == masks.upper()


@pytest.mark.parametrize("text", ["ſ", "ı", "İ", "µ", "\u212a", "\u212b", "ẞ", "Σ", "日本"])
def test_characters_folded_with_others_are_not_plain(text):
    assert not plain(f"Straße {text}")


@pytest.mark.parametrize(
    ("pattern", "heads"),
    [
        ("acquired by", [("acquired", True)]),
        ("Series [A-E]", [("series", True)]),
        ("investments? in", [("investment", False)]),
        (r"founded (?:\w+ ){0,4}by", [("founded", True)]),
        ("ha ?investito", [("ha", False)]),
        ("-backed", [("-backed", True)]),
        ("l'accordo", [("l'accordo", True)]),
        ("(?:hat|haben) sich", [("hat", True), ("haben", True)]),
        (r"(?:stellt|stellte)(?=\s+vor)", [("stellt", False), ("stellte", False)]),
        ("(?:a|b)? c", None),
        ("a|b", None),
        ("(?:acquire[sd]?|took) a stake", None),
        (r"\d+ ?%", None),
        ("ſtake", None),
    ],
)
def test_literal_heads(pattern, heads):
    assert literal_heads(pattern) == heads


def _sentences() -> list[tuple[str, str]]:
    out = []
    for path in sorted(EVAL.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out += [(doc["lang"], s) for s in re.split(r"(?<=[.!?])\s+", doc["text"])]
    return out


@pytest.mark.parametrize("code", LANGS)
def test_no_trigger_match_starts_before_the_gate(code):
    lex = get_lexicon(code)
    sentences = [s for lang, s in _sentences()] + ["", "Plain words only."]
    checked = 0
    for prop, spec in lex.data.get("relations", {}).items():
        for direction in ("forward", "reverse", "pair"):
            regex = getattr(lex.triggers[prop], direction)
            if regex is None:
                continue
            gate = Gate(spec[direction])
            for s in sentences:
                low = s.lower() if plain(s) else None
                at = gate.start(low, first_words(low) if low is not None else {})
                expected = [m.span() for m in regex.finditer(s)]
                if at is None:
                    assert expected == [], (prop, direction, s)
                    checked += 1
                else:
                    assert [m.span() for m in regex.finditer(s, at)] == expected
    assert checked


PREFILTER_TEXTS = [
    "Helvetia Robotics raised 5m from two funds in 1999.",
    "La société lève 12 M€ et vise 1,5 milliard d'euros d'ici 2027.",
    "Die Firma sammelte 2,5 Mrd. Euro ein; der Umsatz stieg um 40 %.",
    "Il fondo ha versato tre miliardi di dollari lo scorso dicembre.",
    "El grupo invirtió 300 mil millones de pesos el 12 de marzo.",
    "Revenue reached USD 600m, up from $10bn, £5m and ¥3 in 2018-04.",
    "Nordlicht erhielt zwei Millionen ohne Währung gestern.",
    "Quattro milioni di euro, due miliardi e 7 mln: il 2025 è vicino.",
    "It employs 120 people and has 3 offices; 45% of them in Leeds.",
    "Pas de chiffre ici, seulement des mots et des euros.",
    "Un milliard, mille projets, 10 000 employés, 3 k€, 7M.",
    "Straſse 12 Mio. Euro",
    "Firmato il 3 feb, chiuso il 12 dic. e annunciato a set. 9; due le 4 mar.",
    "Signed on Sept. 4 and Jan 12th; closed 3 Oct, reviewed in mid-May.",
    "",
]


@pytest.mark.parametrize("code", LANGS)
def test_money_and_date_prefilters_never_change_what_is_found(code, monkeypatch):
    from kg.extract import dates, money

    texts = PREFILTER_TEXTS + [s for _, s in _sentences()]

    def found() -> list:
        return [
            (money.find_amounts(t, code), dates.find_dates(t, code, ref="2024-05")) for t in texts
        ]

    with_gate = found()
    monkeypatch.setattr(money, "_may_hold_amount", lambda *_args: True)
    monkeypatch.setattr(dates, "_YEAR", re.compile(""))  # every text may hold a date
    without = found()
    assert with_gate == without
    assert any(amounts for amounts, _ in with_gate) and any(found for _, found in with_gate)


@pytest.mark.parametrize("code", LANGS)
def test_words_occur_exactly_when_one_is_a_substring(code):
    import random

    lex = get_lexicon(code)
    lists = [list(lex.scales), list(lex.currencies), list(lex.months)]
    lists += [["start", "startup", "stake", "big tech", "l'accordo", "s.p.a."], []]
    rng = random.Random(5)
    texts = [s for _, s in _sentences()] + PREFILTER_TEXTS
    texts += [t[i : i + rng.randint(1, 40)] for t in texts if t for i in range(0, len(t), 17)]
    for words in lists:
        words_ = Words(words)
        low = [w.lower() for w in words if w]
        for text in texts:
            if plain(text):
                expected = any(w in text.lower() for w in low)
                assert words_.may_occur(text) == expected, (words, text)
