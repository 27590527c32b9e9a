"""Money expressions → :class:`Amount` (value in units, ISO 4217 currency).

Scale words and currency words come from the language's lexicon, signs and
codes from ``common.toml``: "13 miliardi di dollari", "€15 million", "$10bn",
"USD 600m", "1,5 milliard d'euros", "2,5 Mrd. Euro".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import Lexicon, alternation, get_lexicon
from kg.extract.prefilter import Words
from kg.model import Amount

_DIGIT = re.compile(r"\d")
_NUM = r"\d{1,3}(?:[.,\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class MoneySpan:
    """An amount found in text, with its offsets."""

    start: int
    end: int
    amount: Amount


@dataclass(frozen=True)
class _Patterns:
    regex: re.Pattern[str]
    symbols: dict[str, str]
    suffixes: dict[str, float]
    number_words: Words  # an amount holds a digit or one of these
    # ... and a sign or currency word, or a scale word after a digit or a number word
    signs: Words
    scale_words: Words
    scaled_number: re.Pattern[str]


@cache
def _patterns(code: str) -> _Patterns:
    lex = get_lexicon(code)
    symbols = dict(lex.common["money"]["symbols"])
    suffixes = dict(lex.common["money"]["suffixes"])
    sym = alternation(list(symbols))
    scale = alternation(list(lex.scales))
    cur = alternation(list(lex.currencies))
    suf = alternation(list(suffixes))
    approx = alternation(list(lex.data["money"]["approximate"]))
    words = alternation(list(lex.data["money"].get("number_words", {})))
    of = r"(?:\s+(?:di|de|d['’]|of|en|von|du|des|dei|degli)\s*|\s+)"
    pattern = rf"""
        (?P<approx>{approx}\s+)?
        (?:
          (?P<sym1>{sym})\s?(?P<n1>{_NUM})(?:\s?-\s?(?:{_NUM}))?
              (?:(?P<suf1>{suf})(?![\w])|\s+(?P<sc1>{scale})(?![\w]))?
        |
          (?P<n2>{_NUM})(?:\s?(?:-|–|a|to|à|bis)\s?(?:{_NUM}))?
              (?:(?P<suf2>{suf})(?![\w])|\s*(?P<sc2>{scale})(?![\w]))?
              (?:{of}(?P<cur2>{cur})(?![\w])|\s?(?P<sym2>{sym})(?![\w]))
        |
          (?P<n3>{_NUM})\s*(?P<sc3>{scale})(?![\w])
        |
          (?<!\w)(?P<nw>{words})\s+(?P<sc4>{scale})(?![\w])(?:{of}(?P<cur4>{cur})(?![\w]))?
        )
    """
    return _Patterns(
        re.compile(pattern, re.IGNORECASE | re.VERBOSE),
        symbols,
        suffixes,
        Words(list(lex.data["money"].get("number_words", {}))),
        Words([*symbols, *lex.currencies]),
        Words(list(lex.scales)),
        re.compile(rf"\d\s*(?:{scale})(?![\w])", re.IGNORECASE),
    )


def parse_number(text: str, *, decimal_comma: bool) -> float:
    """Read a number written with the language's separators.

    >>> parse_number("1,5", decimal_comma=True)
    1.5
    >>> parse_number("1.500", decimal_comma=True)
    1500.0
    >>> parse_number("2,500,000", decimal_comma=False)
    2500000.0
    """
    text = text.replace("\u202f", "").replace(" ", "")
    seps = [c for c in text if c in ".,"]
    if not seps:
        return float(text)
    if len(set(seps)) == 2:  # "1.234,5" / "1,234.5": the last separator is the decimal one
        whole, _, frac = text.rpartition(seps[-1])
        return float(re.sub(r"[.,]", "", whole) + "." + frac)
    parts = text.split(seps[0])
    if len(parts) > 2:  # "1.000.000"
        return float("".join(parts))
    whole, frac = parts
    thousands = "." if decimal_comma else ","
    if seps[0] == thousands and len(frac) == 3:
        return float(whole + frac)
    return float(f"{whole}.{frac}")


def _may_hold_amount(pats: _Patterns, text: str, start: int, stop: int) -> bool:
    """False when no branch of the amount pattern can match: every branch needs a sign or
    currency word, or a scale word after a number (a digit or a number word)."""
    segment = text[max(start, 0) : max(stop, 0)]
    if pats.signs.may_occur(segment):
        return bool(_DIGIT.search(text, start, stop)) or pats.number_words.may_occur(segment)
    if pats.scaled_number.search(text, start, stop):
        return True
    return pats.number_words.may_occur(segment) and pats.scale_words.may_occur(segment)


def find_amounts(
    text: str, lang: str, *, start: int = 0, end: int | None = None
) -> list[MoneySpan]:
    """Every money expression in ``text[start:end]`` with offsets into ``text``."""
    pats = _patterns(lang)
    lex: Lexicon = get_lexicon(lang)
    decimal_comma = bool(lex.data["money"]["decimal_comma"])
    found: list[MoneySpan] = []
    stop = len(text) if end is None else end
    if not _may_hold_amount(pats, text, start, stop):
        return found
    for m in pats.regex.finditer(text, start, stop):
        g = m.groupdict()
        num = g["n1"] or g["n2"] or g["n3"]
        if num:
            value = parse_number(num, decimal_comma=decimal_comma)
        elif g["nw"]:
            value = float(lex.data["money"]["number_words"][g["nw"].lower()])
        else:
            continue
        scale_word = g["sc1"] or g["sc2"] or g["sc3"] or g["sc4"]
        suffix = g["suf1"] or g["suf2"]
        if scale_word:
            value *= lex.scales[scale_word.lower()]
        elif suffix:
            value *= pats.suffixes.get(suffix, pats.suffixes.get(suffix.lower(), 1.0))
        symbol = g["sym1"] or g["sym2"]
        currency = None
        if symbol:
            currency = pats.symbols.get(symbol) or pats.symbols.get(symbol.upper())
        elif g["cur2"] or g["cur4"]:
            currency = lex.currencies[(g["cur2"] or g["cur4"]).lower()]
        if not math.isfinite(value):
            continue  # "1111…1 miliardi": no real amount
        if currency is None and not scale_word:
            continue  # a bare number is not money
        if (g["n3"] or (g["nw"] and not g["cur4"])) and value < 1e5:
            continue  # "3 mila dipendenti": small bare scaled numbers are rarely money
        s = m.start("approx") if g["approx"] else m.start()
        found.append(MoneySpan(s, m.end(), Amount(value, currency, bool(g["approx"]))))
    return found


def parse_amount(text: str, lang: str = "en") -> Amount | None:
    """The first amount in ``text``, or None.

    >>> parse_amount("13 miliardi di dollari", "it")
    Amount(value=13000000000.0, currency='USD', approximate=False)
    >>> parse_amount("$10bn", "en")
    Amount(value=10000000000.0, currency='USD', approximate=False)
    >>> parse_amount("environ 1,5 milliard d'euros", "fr")
    Amount(value=1500000000.0, currency='EUR', approximate=True)
    """
    spans = find_amounts(text, lang)
    return spans[0].amount if spans else None
