"""The reference list of well-known entities (``ontology/reference.toml``) as a matcher.

It adds multilingual aliases, Wikidata identifiers and headquarters for names the
press uses every day; extraction also works without it (names are found from
the text), so a missing or empty file only lowers recall.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.datafiles import data_dir
from kg.extract.prefilter import WORD, plain


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name.

    >>> fold("Commission  Européenne")
    'commission europeenne'
    >>> fold("l’Autorité")
    'l autorite'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class RefEntity:
    """One entry of the reference list."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    hq: str | None = None
    developer: str | None = None
    demonyms: tuple[str, ...] = ()
    country: str | None = None  # places: key of the country a city is in


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    key: str


class Gazetteer:
    """Find reference entities: single words case-sensitively, phrases case-insensitively."""

    def __init__(self, entities: list[RefEntity]) -> None:
        self.entities = {e.key: e for e in entities}
        self.by_name: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        exact, loose = [], []
        for ent in entities:
            for name in (ent.label, *ent.aliases):
                self.by_name.setdefault(fold(name), ent.key)
                (
                    loose if " " in name.strip() or not any(c.isupper() for c in name) else exact
                ).append(name)
            for dem in ent.demonyms:
                self.demonyms.setdefault(fold(dem), ent.key)
        self._exact = _Names(exact, 0)
        self._loose = _Names(loose, re.IGNORECASE)

    def lookup(self, name: str) -> RefEntity | None:
        """The entity whose label or alias is ``name`` (folded), if any."""
        key = self.by_name.get(fold(name))
        return self.entities.get(key) if key else None

    def place_of_demonym(self, word: str) -> RefEntity | None:
        """The place an adjective points at ("parigina" → Paris)."""
        key = self.demonyms.get(fold(word))
        return self.entities.get(key) if key else None

    def place_of_adjective(self, word: str, suffixes: list[str]) -> RefEntity | None:
        """A place from its adjective: listed demonyms, or the place's name plus a suffix the
        language uses for them ("Freiburger" = Freiburg + "er")."""
        place = self.place_of_demonym(word)
        if place is not None:
            return place
        for suffix in suffixes:
            if len(word) > len(suffix) + 2 and word.endswith(suffix):
                ent = self.lookup(word[: -len(suffix)])
                if ent is not None and ent.type == "Place":
                    return ent
        return None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[GazetteerMatch]:
        """Non-overlapping matches in ``text[start:end]``, longest first."""
        end = len(text) if end is None else end
        found: list[GazetteerMatch] = []
        words = [(w.start(), w.group()) for w in WORD.finditer(text, start, end)]
        for names in (self._loose, self._exact):
            for m in names.finditer(text, start, end, words):
                key = self.by_name.get(fold(m.group()))
                if key:
                    found.append(GazetteerMatch(m.start(), m.end(), key))
        found.sort(key=lambda g: (g.start, -(g.end - g.start)))
        kept: list[GazetteerMatch] = []
        for g in found:
            if kept and g.start < kept[-1].end:
                if g.end - g.start > kept[-1].end - kept[-1].start:
                    kept[-1] = g
                continue
            kept.append(g)
        return kept


class _Names:
    """One alternation of names, longest first, that is tried only where a name can start.

    A name starts at a word whose first word it shares (case-insensitively for ``IGNORECASE``
    when both are plain, see ``prefilter``), so at each word only the names with that first
    word are tried, in the alternation's order: the matches are those of the whole pattern.
    """

    def __init__(self, names: list[str], flags: int) -> None:
        self.fold = bool(flags & re.IGNORECASE)
        ordered = sorted(set(names), key=len, reverse=True)
        self.regex = _names_regex(ordered, flags)
        self.flags = flags
        by_head: dict[str, list[str]] = {}
        self.indexed = True  # every name starts with a (plain, when folded) word
        for name in ordered:
            head = WORD.match(name)
            if head is None or (self.fold and not plain(head.group())):
                self.indexed = False
                break
            key = head.group().lower() if self.fold else head.group()
            by_head.setdefault(key, []).append(name)
        self.by_head = by_head
        self.compiled: dict[str, re.Pattern[str] | None] = {}

    def finditer(
        self, text: str, start: int, end: int, words: list[tuple[int, str]] | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of ``regex.finditer(text, start, end)``; ``words`` are the (offset,
        word) of ``WORD.finditer(text, start, end)`` when the caller has them."""
        if self.regex is None:
            return
        if not self.indexed:
            yield from self.regex.finditer(text, start, end)
            return
        if words is None:
            words = [(w.start(), w.group()) for w in WORD.finditer(text, start, end)]
        pos = start
        for at, token in words:
            if at < pos:
                continue
            key = token.lower() if self.fold else token
            if key in self.by_head:
                regex = self._regex(key)
            elif self.fold and not token.isascii() and not plain(token):
                regex = self.regex  # no cheap comparison: try every name
            else:
                continue
            m = regex.match(text, at, end)  # type: ignore[union-attr]
            if m is not None:
                pos = m.end()
                yield m

    def _regex(self, key: str) -> re.Pattern[str] | None:
        if key not in self.compiled:
            self.compiled[key] = _names_regex(self.by_head[key], self.flags)
        return self.compiled[key]


def _names_regex(ordered: list[str], flags: int) -> re.Pattern[str] | None:
    if not ordered:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
    # "Microsoft-backed" names Microsoft; "Microsoft-Activision" or "Meta-analysis" do not
    return re.compile(rf"(?<![\w-])(?:{body})(?!\w|-(?:(?-i:[A-Z0-9])|analys)|'s\w)", flags)


@cache
def gazetteer() -> Gazetteer:
    """The reference list shipped in ``ontology/reference.toml`` (empty if absent)."""
    try:
        path = data_dir("ontology") / "reference.toml"
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return Gazetteer([])
    entities = [
        RefEntity(
            key=e["key"],
            label=e["label"],
            type=e["type"],
            aliases=tuple(e.get("aliases", ())),
            wikidata=e.get("wikidata"),
            hq=e.get("hq"),
            developer=e.get("developer"),
            demonyms=tuple(e.get("demonyms", ())),
            country=e.get("country"),
        )
        for e in raw.get("entity", [])
    ]
    return Gazetteer(entities)
