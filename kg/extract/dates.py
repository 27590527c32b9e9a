"""Date expressions → ISO 8601 strings (year, year-month or full date).

Month names and relative words ("ieri", "hier", "last year") come from the
lexicon; relative dates and bare months are anchored on the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import alternation, get_lexicon
from kg.extract.prefilter import Words

#: every date without a month or relative word holds a year (ISO dates included)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateSpan:
    """A date found in text, with its offsets and ISO value."""

    start: int
    end: int
    iso: str


@cache
def _regex(code: str) -> re.Pattern[str]:
    lex = get_lexicon(code)
    # an abbreviation is a month name that is the start of a longer one ("feb" of "febbraio");
    # it counts only next to a day number, so "mar" (sea) is not March
    abbrev = _abbreviations(lex.months)
    months = alternation([m for m in lex.months if m not in abbrev])
    short = alternation(sorted(abbrev))
    d = lex.data["dates"]
    rel = {
        "yesterday": alternation(d["yesterday"]),
        "today": alternation(d["today"]),
        "lastyear": alternation(d["last_year"]),
        "thisyear": alternation(d["this_year"]),
    }
    last = alternation(d["last"])
    day = r"(?P<day>[0-3]?\d)(?:\.|er|st|nd|rd|th|º|°)?"
    month = rf"(?P<month>{months}|{short}\.?)"
    year = r"(?P<year>(?:19|20)\d\d)"
    pattern = rf"""
        (?P<iso>\b(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?\b)
      | (?:{day}\s+(?:de\s+)?{month}(?:\s+(?:de\s+|del\s+)?{year})?)(?!\w)
      | (?:(?P<month2>{months}|{short}\.)\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?
           (?:,?\s+(?P<year2>(?:19|20)\d\d))?)(?!\w)
      | (?:(?P<last>{last})\s+(?P<month3>{months}))(?!\w)
      | (?:(?P<month4>{months})\s+(?:(?:del|de|of)\s+)?
           (?P<last4>{last}|(?P<year4>(?:19|20)\d\d)))(?!\w)
      | (?:(?P<month5>{months}))(?!\w)
      | (?P<yesterday>{rel["yesterday"]})(?!\w)
      | (?P<today>{rel["today"]})(?!\w)
      | (?P<lastyear>{rel["lastyear"]})(?!\w)
      | (?P<thisyear>{rel["thisyear"]})(?!\w)
      | (?<![\d.,])(?P<year6>(?:19|20)\d\d)(?![\d%])
    """
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


@cache
def _words(code: str) -> tuple[Words, Words]:
    """Every date holds a year, one of the first words (month names, relative words), or a
    digit and one of the second (abbreviated months, which count next to a day only)."""
    lex = get_lexicon(code)
    d = lex.data["dates"]
    keys = ("yesterday", "today", "last_year", "this_year", "last")
    abbrev = _abbreviations(lex.months)
    full = [m for m in lex.months if m not in abbrev]
    return Words([*full, *(w for k in keys for w in d[k])]), Words(sorted(abbrev))


def _abbreviations(months: Iterable[str]) -> set[str]:
    """Month names that start a longer one ("feb" of "febbraio")."""
    months = list(months)
    return {m for m in months if any(o != m and o.startswith(m) for o in months)}


def _may_hold_date(text: str, lang: str, start: int, stop: int) -> bool:
    if _YEAR.search(text, start, stop):
        return True
    words, abbreviations = _words(lang)
    segment = text[max(start, 0) : max(stop, 0)]
    if words.may_occur(segment):
        return True
    return bool(_DIGIT.search(text, start, stop)) and abbreviations.may_occur(segment)


def _ref(ref: str | None) -> tuple[int | None, int | None, int | None]:
    if not ref:
        return None, None, None
    parts = [int(p) for p in ref.split("-")[:3]]
    return tuple(parts + [None] * (3 - len(parts)))  # type: ignore[return-value]


def _month_year(month: int, ref_year: int | None, ref_month: int | None) -> int | None:
    """The year of a bare month: the latest occurrence not after the article's month."""
    if ref_year is None:
        return None
    if ref_month is not None and month > ref_month:
        return ref_year - 1
    return ref_year


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def find_dates(
    text: str, lang: str, *, ref: str | None = None, start: int = 0, end: int | None = None
) -> list[DateSpan]:
    """Dates in ``text[start:end]``; ``ref`` is the article's ISO date, used for relative ones.

    >>> [d.iso for d in find_dates("annunciato lunedì 26 febbraio", "it", ref="2024-02")]
    ['2024-02-26']
    >>> [d.iso for d in find_dates("valued in December 2023", "en")]
    ['2023-12']
    >>> [d.iso for d in find_dates("lo scorso dicembre", "it", ref="2024-05")]
    ['2023-12']
    """
    lex = get_lexicon(lang)
    ry, rm, rd = _ref(ref)
    out: list[DateSpan] = []
    stop = len(text) if end is None else end
    if not _may_hold_date(text, lang, start, stop):
        return out
    for m in _regex(lang).finditer(text, start, stop):
        g = m.groupdict()
        iso = None
        if g["iso"]:
            parts = [int(x) for x in g["iso"].split("-")]
            iso = _fmt(*parts) if 1 <= parts[1] <= 12 else None
            if iso is not None and len(parts) == 3 and len(iso) != 10:
                iso = None  # "2024-02-30" is no date
        elif g["month"] or g["month2"]:
            mon = lex.months[(g["month"] or g["month2"]).lower().rstrip(".")]
            day = int(g["day"] or g["day2"])
            year = g["year"] or g["year2"]
            y = int(year) if year else _month_year(mon, ry, rm)
            iso = _fmt(y, mon, day) if 1 <= day <= 31 else None
        elif g["month3"] or g["month4"] or g["month5"]:
            mon = lex.months[(g["month3"] or g["month4"] or g["month5"]).lower()]
            if g["year4"]:
                iso = _fmt(int(g["year4"]), mon)
            elif g["last"] or g["last4"]:
                y = None if ry is None else (ry - 1 if rm is None or mon >= rm else ry)
                iso = _fmt(y, mon)
            else:
                iso = _fmt(_month_year(mon, ry, rm), mon)
        elif g["yesterday"] and ry is not None:
            if rd is not None and rm is not None:
                iso = (dt.date(ry, rm, rd) - dt.timedelta(days=1)).isoformat()
            else:
                iso = _fmt(ry, rm)
        elif g["today"]:
            iso = ref
        elif g["lastyear"] and ry is not None:
            iso = _fmt(ry - 1)
        elif g["thisyear"] and ry is not None:
            iso = _fmt(ry)
        elif g["year6"]:
            iso = g["year6"]
        if iso:
            out.append(DateSpan(m.start(), m.end(), iso))
    return out
