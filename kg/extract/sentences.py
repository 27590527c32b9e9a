"""Split text into sentences while keeping character offsets into the text.

Evidence must point back into the cleaned article text, so sentences are
returned as ``(start, end)`` spans, never as copies.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (optionally followed by a closing quote/bracket), then
# whitespace and something that can start a sentence; or at a line break.
_END = re.compile(r"""[.!?…]+["'»”)\]]*(?=\s+["'«“(\[]?[A-ZÀ-ÖØ-Þ0-9])|\n+""")
# Abbreviations (a dot that does not end a sentence): single capitals, titles, legal forms.
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sig|Dott|Ing|St|Inc|Corp|Co|Ltd|Jr|Sr|Mme|Mlle|"
    r"M|vs|ca|approx|Nr|Mrd|Mio|Bn|etc|ecc|p\.\s?es|S\.p|S\.r|U\.S|U\.K|e\.g|i\.e)|\b\d{1,2})\.$"
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
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
