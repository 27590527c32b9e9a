"""Mention helpers agree with the plain regex they replace."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.extract.mentions import _word_count

EVAL = Path(__file__).parents[1] / "data" / "eval"


def test_word_count_is_the_findall_count():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(EVAL.glob("*.json"))]
    texts.append("aa aaa a_a a-a aa. 3aa aa3 ééa aaé")
    for text in texts[:20] + texts[-1:]:
        words = set(re.findall(r"\w+", text)[:40]) | {"a", "aa", "a_a", "é", "Run:ai", "e."}
        for word in words:
            expected = len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))
            assert _word_count(text, word, 99) == expected, (word, text[:40])
            assert _word_count(text, word, 2) == min(expected, 2)
