"""Split text into sentences while keeping character offsets into the text.

Evidence must point back into the cleaned article text, so sentences are
returned as ``(start, end)`` spans, never as copies.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.datafiles import lexicon_dir

# A sentence ends at . ! ? … (optionally followed by a closing quote/bracket), then
# whitespace and something that can start a sentence; or at a line break.
_END = re.compile(r"""[.!?…]+["'»”)\]]*(?=\s+["'«“(\[]?(?:[A-ZÀ-ÖØ-Þ0-9]|[a-z]+[A-Z]))|\n+""")
# Abbreviations (a dot that does not end a sentence): single capitals, titles, legal forms.
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sig|Dott|Ing|St|Inc|Corp|Co|Ltd|Jr|Sr|Mme|Mlle|"
    r"M|vs|ca|approx|Nr|Mrd|Mio|Bn|etc|ecc|p\.\s?es|S\.p|S\.r|U\.S|U\.K|e\.g|i\.e))\.$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text`` (stripped, non-empty).

    >>> t = "Acme Inc. raised $5m. It is based in Oslo.\\nNew line"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Acme Inc. raised $5m.', 'It is based in Oslo.', 'New line']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        if match.group().strip() and _ABBREV.search(text[max(start, end - 12) : end]):
            continue
        if match.group().strip() and _ordinal_date(text, end, match.end()):
            continue
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _ordinal_date(text: str, end: int, after: int) -> bool:
    """'am 26. Februar': a day number's dot before a month name does not end a sentence."""
    if not re.search(r"(?<![\d.,])\d{1,2}\.$", text[max(0, end - 4) : end]):
        return False
    word = re.match(r"\s*([^\W\d_]+)", text[after : after + 20])
    return bool(word) and word.group(1).lower() in _month_names()


@cache
def _month_names() -> frozenset[str]:
    """Month names of every language that has a lexicon (data, not code)."""
    names: set[str] = set()
    for path in lexicon_dir().glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        names.update(k.lower() for k in data.get("dates", {}).get("months", {}))
    return frozenset(names)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
