"""Every language lexicon loads, has every required key and usable trigger patterns."""

from __future__ import annotations

import random
import re

import pytest

from kg.datafiles import lexicon_dir
from kg.extract.lexicon import REQUIRED_KEYS, alternation, get_lexicon, load_file
from kg.model import PREDICATES

LANGS = sorted(p.stem for p in lexicon_dir().glob("*.toml") if p.stem != "common")
#: may rely on titles and appositions ("cofondatore e CEO di …") instead of triggers
TITLE_ONLY = {"foundedBy", "ceoOf", "employedBy"}


def test_the_five_languages_have_lexicons():
    assert {"it", "fr", "en", "de", "es"} <= set(LANGS)


@pytest.mark.parametrize("code", LANGS)
def test_lexicon_is_complete(code):
    data = load_file(lexicon_dir() / f"{code}.toml")
    lex = get_lexicon(code)
    assert lex.code == code == data["language"]["code"]
    for section, keys in REQUIRED_KEYS.items():
        for key in keys:
            assert key in data[section], f"{code}: missing {section}.{key}"
    assert isinstance(data["money"]["decimal_comma"], bool)
    assert all(isinstance(v, (int, float)) and v > 0 for v in data["money"]["scales"].values())
    assert all(re.fullmatch(r"[A-Z]{3}", v) for v in data["money"]["currencies"].values())
    assert sorted(set(data["dates"]["months"].values())) == list(range(1, 13))
    for prop, spec in data.get("relations", {}).items():
        assert prop in PREDICATES, f"{code}: unknown property relations.{prop}"
        for direction, patterns in spec.items():
            assert direction in ("forward", "reverse", "pair", "nominal"), (
                f"{code}: {prop}.{direction}"
            )
            for pattern in patterns:
                re.compile(pattern, re.IGNORECASE)  # raises on a bad pattern


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("prop", [p for p in PREDICATES if p not in TITLE_ONLY])
def test_every_property_has_a_trigger(code, prop):
    trig = get_lexicon(code).triggers[prop]
    assert any(r is not None for r in (trig.forward, trig.reverse, trig.pair)), (
        f"{code}: no trigger for {prop}"
    )


#: known gaps, reported to the owners of those files (strict: fails once fixed)
_TITLE_GAPS: dict[str, str] = {}


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=_TITLE_GAPS[c]))
        if c in _TITLE_GAPS
        else c
        for c in LANGS
    ],
)
def test_ceo_and_founder_titles_are_person_titles(code):
    # the apposition rule only sees titles listed in person_titles
    cues = get_lexicon(code).data["cues"]
    titles = {t.lower() for t in cues["person_titles"]}
    assert {t.lower() for t in cues["ceo_titles"]} <= titles
    assert {t.lower() for t in cues["founder_titles"]} <= titles


def _flat(words: list[str]) -> str:
    """The alternation as it was written before prefix trees: the escaped words, longest first."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


# what may follow the alternation inside a bigger pattern: nothing, a word end, or more text
# that forces the engine back into a shorter word
_CONTEXTS = ["", r"(?!\w)", r"\s+x", r"(?P<rest>[a-z]*)\b", r"(?:up)?\s"]
_LETTERS = list("abstuBSTU ſKk\u212aé.-'") + ["st", "sta", "up", "Up"]


def _words(rng: random.Random) -> list[str]:
    stems = ["".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 4))) for _ in range(4)]
    return [s + "".join(rng.choice(_LETTERS) for _ in range(rng.randint(0, 3))) for s in stems * 3]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_prefix_tree_alternation_matches_like_the_flat_list(flags: int) -> None:
    rng = random.Random(20261127 + flags)
    compared = matched = 0
    for _ in range(400):
        words = _words(rng)
        texts = [" ".join(rng.sample(words, 3)) + " " + rng.choice(words).upper()]
        texts += ["".join(rng.choice(_LETTERS) for _ in range(30)) for _ in range(3)]
        for context in _CONTEXTS:
            tree = re.compile(alternation(words) + context, flags)
            flat = re.compile(_flat(words) + context, flags)
            for text in texts:
                expected = [(m.span(), m.groupdict()) for m in flat.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in tree.finditer(text)] == expected, (
                    words,
                    context,
                    text,
                )
                compared += 1
                matched += bool(expected)
    assert matched > compared // 4  # the texts exercise the patterns


def test_every_lexicon_word_list_compiles_as_a_tree() -> None:
    for code in [p.stem for p in lexicon_dir().glob("*.toml") if p.stem != "common"]:
        lex = get_lexicon(code)
        for section in ("cues", "names"):
            for key, value in lex.data.get(section, {}).items():
                if isinstance(value, list) and all(isinstance(w, str) for w in value):
                    pattern = re.compile(alternation(value), re.IGNORECASE)
                    for word in value:
                        assert pattern.fullmatch(word), (code, key, word)


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["sauce", "sa", "ſab"], "sab"),  # the long s folds onto s
        (["kappa", "ka", "\u212aab"], "KAB"),  # so does the Kelvin sign onto k
        (["bank", "Banks"], "banks"),
        (["bankrupt", "bank", "Banks"], "banks"),
        (["ha", "ha investito"], "ha investito"),
    ],
)
def test_prefix_tree_alternation_on_words_that_fold_together(words: list[str], text: str) -> None:
    for flags in (0, re.IGNORECASE):
        tree, flat = re.compile(alternation(words), flags), re.compile(_flat(words), flags)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
