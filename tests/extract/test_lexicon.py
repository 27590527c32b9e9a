"""Every language lexicon loads, has every required key and usable trigger patterns."""

from __future__ import annotations

import re

import pytest

from kg.datafiles import lexicon_dir
from kg.extract.lexicon import REQUIRED_KEYS, get_lexicon, load_file
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
