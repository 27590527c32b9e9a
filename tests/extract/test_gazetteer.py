"""The reference-list matcher finds exactly what its one big alternation would."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.extract.gazetteer import Gazetteer, RefEntity, gazetteer

EVAL = Path(__file__).parents[1] / "data" / "eval"


def _texts() -> list[str]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(EVAL.glob("*.json"))]
    return texts + [
        "La Banca d'Italia e la banca D'ITALIA; Straſse OpenAI-backed, Microsoft-Activision.",
        "openai OPENAI OpenAI's OpenAIs Meta-analysis Meta-backed",
    ]


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_indexed_matching_equals_the_whole_alternation():
    gaz = gazetteer()
    for names in (gaz._loose, gaz._exact):
        assert names.regex is not None and names.indexed
        for text in _texts():
            for start, end in ((0, len(text)), (5, len(text) - 7)):
                expected = _spans(names.regex.finditer(text, start, end))
                assert _spans(names.finditer(text, start, end)) == expected


def test_a_name_starting_with_punctuation_falls_back_to_the_whole_alternation():
    gaz = Gazetteer([RefEntity("x", "@Home Labs", "Company"), RefEntity("y", "Acme", "Company")])
    assert not gaz._loose.indexed
    text = "Partners of @home labs and Acme."
    assert [(g.start, g.end, g.key) for g in gaz.find(text)] == [(12, 22, "x"), (27, 31, "y")]


def test_longest_name_first_and_case_rules():
    gaz = Gazetteer(
        [
            RefEntity("bi", "Banca d'Italia", "Organization"),
            RefEntity("b", "Banca", "Company"),
            RefEntity("o", "OpenAI", "Company"),
        ]
    )
    text = "La banca  d'italia e OpenAI, non openai né Banca."
    found = [(text[g.start : g.end], g.key) for g in gaz.find(text)]
    assert found == [("banca  d'italia", "bi"), ("OpenAI", "o"), ("Banca", "b")]
    assert re.search("openai", text)  # lower case: not the single-word name
