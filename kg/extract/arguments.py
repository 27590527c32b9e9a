"""Which mentions fill a trigger's slots: the neighbour on each side, lists, asides,
the company in focus, the amount and date nearby.

The rules in ``relations.py`` decide *what* a trigger means; this module decides *who*
it is about, with the same habits for every property and language.
"""

from __future__ import annotations

import re

from kg.extract.gazetteer import Gazetteer
from kg.extract.lexicon import Lexicon, alternation
from kg.extract.money import MoneySpan
from kg.extract.sentence import Arg, Sentence, adjacent, patterns
from kg.model import Mention

NEAR = 45  # characters between a trigger and an argument that is syntactically close
FAR = 160


class ArgumentFinder:
    """The state of one document's reading (company in focus, last deal) and the ways to
    find arguments in a masked sentence."""

    def __init__(self, lex: Lexicon, doc_id: str, gaz: Gazetteer | None = None) -> None:
        self.lex = lex
        self.gaz = gaz if gaz is not None else Gazetteer([])
        self.doc_id = doc_id
        self.p = patterns(lex)
        self.previous: Mention | None = None  # the company the text is about so far
        self.relative_spans: list[tuple[int, int]] = []  # ", which …," clauses of the sentence
        self.others: list[re.Match[str]] = []  # triggers of other properties in the sentence
        self.last_deal: tuple[Mention, Mention] | None = None  # parties of the last deal read
        self.round_before = False  # the sentence before reported a funding round
        self.demonyms = frozenset(self.gaz.demonyms)

    def _types(self, s: Sentence, a: Arg) -> str:
        return s.mentions[a.idx].type

    def _pick(
        self,
        s: Sentence,
        runs: list[Arg],
        pos: int,
        allowed: frozenset[str],
        side: str,
        near_only: bool = False,
    ) -> Arg | None:
        # the closest mention on that side, whatever its type, is the syntactic neighbour:
        # accept it when its type fits; otherwise fall back to the clause's first fitting
        # mention (left: the sentence subject) or the next fitting one (right)
        if side == "left":
            # names inside a relative clause (", which competes with X,") are not the subject
            left = [r for r in runs if r.end <= pos and not self._aside(r, pos)]
            if left and pos - left[-1].end <= NEAR and self._types(s, left[-1]) in allowed:
                return left[-1]
            if near_only:
                return None
            ok = [r for r in left if self._types(s, r) in allowed]
            return ok[0] if ok and pos - ok[0].end <= FAR * 2 else None
        right = [r for r in runs if r.start >= pos]
        if near_only:
            ok = right[:1] if right and right[0].start - pos <= NEAR else []
            return ok[0] if ok and self._types(s, ok[0]) in allowed else None
        ok = [r for r in right if self._types(s, r) in allowed]
        return ok[0] if ok and ok[0].start - pos <= FAR else None

    def _without_demonyms(self, masked: str, start: int, end: int, titles: bool = False) -> str:
        """The text between two positions with place adjectives ("l'américain") left out, and
        titles too before a person ("guidato dall'amministratore delegato X")."""
        gap = masked[start:end]
        if titles:
            gap = self.lex.title_re.sub(" ", gap)
        words = re.split(r"(\s+|['’])", gap)
        return "".join(w for w in words if w.casefold() not in self.demonyms)

    def _unknown_place(self, s: Sentence, runs: list[Arg], pos: int) -> Arg | None:
        """A name the reference list does not know, right after 'based in': a place."""
        nxt = next((r for r in runs if r.start >= pos), None)
        if nxt is None or not adjacent(s.masked, pos, nxt.start, words=0):
            return None
        m = s.mentions[nxt.idx]
        if m.type != "Organization" or m.ref is not None:
            return None
        s.mentions[nxt.idx] = Mention(m.text, m.start, m.end, "Place", None, m.label)
        return nxt

    def _coordinated(self, s: Sentence, left: Arg, pos: int) -> bool:
        """True when only a conjunction stands between a name and the trigger ("X and competes")."""
        return bool(
            re.fullmatch(rf"\s*(?:\w+\s+)?(?:{self.p.conj})\s+", s.masked[left.end : pos], re.I)
        )

    def _titled_role(self, s: Sentence, person: Arg) -> str:
        """'led by chairman X and chief executive Y': a title right before the person decides
        whether 'led by' means running the company (ceoOf) or another role (employedBy)."""
        if person.start < 0:
            return "ceoOf"
        before = s.masked[max(0, person.start - 30) : person.start]
        title = re.search(rf"({self.p.titles})\s*,?\s*$", before, re.I)
        if title is None or self.lex.ceo_title_re.fullmatch(title.group(1)):
            return "ceoOf"
        return "employedBy"

    def _as_person(self, s: Sentence, r: Arg) -> None:
        """Retype an unknown two- or three-word name that continues a list of people."""
        m = s.mentions[r.idx]
        if m.type == "Organization" and m.ref is None and 2 <= len(m.text.split()) <= 3:
            s.mentions[r.idx] = Mention(m.text, m.start, m.end, "Person", None, m.label)

    def _founders(self, s: Sentence, runs: list[Arg], pos: int) -> list[Arg]:
        """Every person named after 'founded by' ("fondata da tre giovani …: A, 31 anni, e B"),
        and unknown two- or three-word names that continue a list of founders ("Ami Luttwak")."""
        out: list[Arg] = []
        sep = re.compile(rf"\s*(?:,\s*(?:{self.p.conj}\s+)?|\s+{self.p.conj}\s+)", re.I)
        by = alternation(self.lex.data["cues"].get("by", []) + ["da", "by", "par", "von", "por"])
        agent = re.compile(rf"(?:,\s*|\s)(?:{self.p.conj})\s+(?:{by})\s+$", re.I)
        for r in (r for r in runs if r.start >= pos):
            m = s.mentions[r.idx]
            if out:
                listed = bool(sep.fullmatch(s.masked[out[-1].end : r.start])) or bool(
                    agent.search(s.masked, 0, r.start)  # "… e da Eiso Kant", "and by X"
                )
            else:
                listed = adjacent(s.masked, pos, r.start, words=3)
            if m.type == "Person":
                out.append(r)
            elif (
                listed
                and m.type == "Organization"
                and m.ref is None
                and 2 <= len(m.text.split()) <= 3
            ):
                s.mentions[r.idx] = Mention(m.text, m.start, m.end, "Person", None, m.label)
                out.append(r)
        return out

    def _nearest_left(
        self, s: Sentence, runs: list[Arg], pos: int, allowed: frozenset[str]
    ) -> Arg | None:
        """The closest mention of a fitting type before ``pos`` (within FAR characters)."""
        ok = [
            r
            for r in runs
            if r.end <= pos and self._types(s, r) in allowed and not self._aside(r, pos)
        ]
        return ok[-1] if ok and pos - ok[-1].end <= FAR else None

    def _aside(self, r: Arg, pos: int) -> bool:
        """True when ``r`` sits in a ", which …," / ", fondée par …," aside that ends before pos."""
        return any(a <= r.start < b <= pos for a, b in self.relative_spans)

    def _counterparty(
        self, s: Sentence, runs: list[Arg], first: Arg, allowed: frozenset[str]
    ) -> list[Arg]:
        """The other party of a deal named right after the first ("X's deal with Y", "X in Y")."""
        nxt = next((r for r in runs if r.start >= first.end), None)
        if nxt is None or self._types(s, nxt) not in allowed:
            return []
        between = s.masked[first.end : nxt.start]
        if len(between) > 45 or re.search(r"[.;:()\[\]]|\s[-–—]\s", between):
            return []
        return [nxt]

    def _list_right(
        self, s: Sentence, runs: list[Arg], first: Arg, allowed: frozenset[str]
    ) -> list[Arg]:
        out = [first]
        by_start = {r.start: r for r in runs}
        sep = re.compile(
            rf"\s*(?:,\s*(?:{self.p.conj}\s+)?|\s+{self.p.conj}\s+(?:\w{{1,3}}\s+)?)", re.I
        )
        conj = re.compile(rf"\b{self.p.conj}\b", re.I)
        joined = 0  # a list ends with a conjunction ("A, B and C"); "A, B" is an apposition
        while True:
            m = sep.match(s.masked, out[-1].end)
            nxt = by_start.get(m.end()) if m else None
            if nxt and self._types(s, first) == "Person" and "Person" in allowed:
                self._as_person(s, nxt)  # "Mustafa Suleyman and Karén Simonyan"
            if not nxt or self._types(s, nxt) not in allowed:
                return out[: joined + 1]
            out.append(nxt)
            if conj.search(m.group()):
                joined = len(out) - 1

    def _list_left(
        self, s: Sentence, runs: list[Arg], last: Arg, allowed: frozenset[str]
    ) -> list[Arg]:
        out = [last]
        by_end = {r.end: r for r in runs}
        sep = re.compile(rf"(?:\s*,|\s+{self.p.conj})\s*$", re.I)
        first = True
        while True:
            m = sep.search(s.masked, 0, out[0].start)
            prev = by_end.get(m.start()) if m else None
            if not prev or self._types(s, prev) not in allowed:
                return out
            if first and "," in m.group() and not re.search(rf"\b{self.p.conj}\b", m.group(), re.I):
                return out  # "OpenAI, le géant de Redmond": an apposition, not a list
            first = False
            out.insert(0, prev)

    def _amount_near(self, s: Sentence, pos: int, limit: int = FAR) -> MoneySpan | None:
        best, dist = None, limit + 1
        for a in s.amounts:
            d = (
                a.start - s.start - pos
                if a.start - s.start >= pos
                else (pos - (a.end - s.start)) * 3  # "valued at X" reads forward
            )
            if d < dist:
                best, dist = a, d
        return best

    def _date_near(self, s: Sentence, pos: int) -> str | None:
        if not s.dates:
            return None
        return min(s.dates, key=lambda d: abs(d.start - s.start - pos)).iso
