"""Facts from sentences: trigger phrases of the lexicon plus a few structural patterns.

Each sentence is *masked*: every mention's characters are replaced by one
private-use character that encodes the mention's index, keeping offsets. Trigger
phrases then never match inside names, and patterns such as "A, B e C" or
"Arthur Mensch, cofondatore e CEO di Mistral AI" become short regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.dates import DateSpan
from kg.extract.lexicon import Lexicon, alternation
from kg.extract.mentions import ORG_TYPES
from kg.extract.money import MoneySpan
from kg.model import AMOUNT_PREDICATES, Amount, Claim, Mention

_BASE = 0xE000  # mention i is chr(_BASE + i)
_PH = r"[\ue000-\uf8ff]"
ORG = ORG_TYPES
COMPANY_LIKE = frozenset({"Company", "Organization"})
PERSON = frozenset({"Person"})
PLACE = frozenset({"Place"})
PRODUCT = frozenset({"Product"})

#: Allowed (subject types, object types) of each property; None object = an amount.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str] | None]] = {
    # investment firms are investors, not investees, in the news kg reads
    "investsIn": (ORG | PERSON, ORG - {"Regulator", "GovernmentBody", "InvestmentFirm"}),
    "ownsStakeIn": (ORG - {"Regulator"}, ORG - {"Regulator", "GovernmentBody"}),
    "acquires": (ORG - {"Regulator", "GovernmentBody"}, ORG - {"Regulator", "GovernmentBody"}),
    "partnersWith": (ORG - {"Regulator"}, ORG - {"Regulator"}),
    "competesWith": (
        ORG - {"Regulator", "GovernmentBody"} | PRODUCT,
        ORG - {"Regulator", "GovernmentBody"} | PRODUCT,
    ),
    "reviews": (frozenset({"Regulator", "GovernmentBody"}), ORG - {"Regulator", "GovernmentBody"}),
    "foundedBy": (ORG - {"Regulator", "GovernmentBody"}, PERSON),
    "ceoOf": (PERSON, ORG),
    "employedBy": (PERSON, ORG),
    "headquarteredIn": (ORG - {"Regulator", "GovernmentBody"}, PLACE),
    "develops": (ORG - {"Regulator", "GovernmentBody", "InvestmentFirm"}, PRODUCT),
    "availableOn": (PRODUCT, PRODUCT | (ORG - {"Regulator", "GovernmentBody"})),
    "supports": (frozenset({"GovernmentBody", "Person"}), ORG - {"Regulator", "GovernmentBody"}),
    "valuedAt": (COMPANY_LIKE, None),
    "raises": (COMPANY_LIKE, None),
}
NEAR = 45  # characters between a trigger and an argument that is syntactically close
FAR = 160


@dataclass(frozen=True)
class Sentence:
    """One sentence with everything found in it; offsets are into the document text."""

    start: int
    end: int
    text: str  # the sentence itself
    masked: str  # same length, mentions replaced by private-use characters
    mentions: list[Mention]  # index i ↔ chr(_BASE + i)
    amounts: list[MoneySpan]
    dates: list[DateSpan]


def mask(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    """The sentence with each mention replaced by its index character (same length)."""
    chars = list(text[start:end])
    for i, m in enumerate(mentions):
        for k in range(max(m.start, start), min(m.end, end)):
            chars[k - start] = chr(_BASE + i)
    return "".join(chars)


def _ends_in_particle(trigger: str) -> bool:
    """Triggers ending in a short function word ("in", "nel", "by", "à") take the next name."""
    last = re.split(r"[\s']+", trigger.strip())[-1]
    return 0 < len(last) <= 4 and last.islower()


def _close(masked: str, start: int, end: int, words: int = 2) -> bool:
    """Only up to ``words`` short words (articles, determiners) between two positions."""
    gap = masked[start:end]
    return bool(re.fullmatch(rf"\s*(?:[^\W\d_]{{1,6}}['’]?\s*){{0,{words}}}", gap))


@dataclass(frozen=True)
class _Args:
    idx: int
    start: int  # in sentence coordinates
    end: int


def _runs(masked: str) -> list[_Args]:
    out = []
    for m in re.finditer(r"([\ue000-\uf8ff])\1*", masked):
        out.append(_Args(ord(m.group(1)) - _BASE, m.start(), m.end()))
    return out


@dataclass(frozen=True)
class _Patterns:
    art: str
    conj: str
    affil: str
    titles: str
    between: str
    anaphor: re.Pattern[str]  # "la società", "the company" not followed by a name
    head_after: re.Pattern[str]  # an organisation head noun right after a trigger
    investors: re.Pattern[str]  # "investors", "investitori", "Investoren"
    possessive_title: re.Pattern[str]  # "son directeur général, X"


@cache
def _patterns(lex: Lexicon) -> _Patterns:
    cues = lex.data["cues"]
    return _Patterns(
        investors=re.compile(rf"(?<!\w){alternation(cues['investor_heads'])}(?!\w)", re.I),
        possessive_title=re.compile(
            rf"(?<!\w)(?:{alternation(cues.get('possessives', []))})\s+"
            rf"(?P<titles>{alternation(cues['person_titles'])})\s*,?\s*(?P<a>{_PH})",
            re.I,
        ),
        head_after=re.compile(
            rf"(?:\s+[^\W\d_]+){{0,2}}?\s+(?:{alternation(cues['org_heads'])})(?!\w)", re.I
        ),
        anaphor=re.compile(
            rf"(?<!\w)\w{{1,5}}['’ ]\s*(?:{alternation(cues['org_heads'])})"
            rf"(?!\w)(?!\s+[{_PH[1:-1]}])",
            re.I,
        ),
        art=r"(?:\w{1,3}['’]\s*|\w{1,5}\s+)?",
        conj=lex.conj_re,
        affil=alternation(cues["affiliation"]),
        titles=alternation(cues["person_titles"]),
        between=alternation(cues["between"]),
    )


class SentenceExtractor:
    """Applies the rules of one language to the sentences of one document."""

    def __init__(self, lex: Lexicon, doc_id: str) -> None:
        self.lex = lex
        self.doc_id = doc_id
        self.p = _patterns(lex)

    # -- helpers -------------------------------------------------------------------------------
    def _types(self, s: Sentence, a: _Args) -> str:
        return s.mentions[a.idx].type

    def _pick(
        self,
        s: Sentence,
        runs: list[_Args],
        pos: int,
        allowed: frozenset[str],
        side: str,
        near_only: bool = False,
    ) -> _Args | None:
        # the closest mention on that side, whatever its type, is the syntactic neighbour:
        # accept it when its type fits; otherwise fall back to the clause's first fitting
        # mention (left: the sentence subject) or the next fitting one (right)
        if side == "left":
            left = [r for r in runs if r.end <= pos]
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

    def _focus_claim(
        self,
        s: Sentence,
        pred: str,
        subject: Mention,
        obj: Mention | None,
        rule: str,
        conf: float,
        m: re.Match[str] | None,
        hedged: bool,
        amount: Amount | None = None,
    ) -> Claim:
        """A claim one of whose sides is the company in focus, named in an earlier sentence."""
        return Claim(
            doc_id=self.doc_id, subject=subject, predicate=pred, object=obj, evidence=s.text,
            start=s.start, end=s.end, confidence=round(conf * (0.6 if hedged else 1.0), 3),
            rule=rule + "+anaphor", amount=amount,
            date=self._date_near(s, m.start()) if m else None, hedged=hedged,
        )  # fmt: skip

    def _anaphoric_amount(
        self, s: Sentence, pred: str, m: re.Match[str], amount: MoneySpan, rule: str, hedged: bool
    ) -> list[Claim]:
        """'la società è ora valutata 2 miliardi': the company the text was last about."""
        if self.previous is None or not self.p.anaphor.search(s.masked):
            return []
        return [
            self._focus_claim(s, pred, self.previous, None, rule, 0.55, m, hedged, amount.amount)
        ]

    def _mentions_round(self, s: Sentence) -> bool:
        """True when the sentence speaks of a funding round (any raises trigger)."""
        trig = self.lex.triggers["raises"].forward
        return bool(trig and trig.search(s.masked)) or bool(self.p.investors.search(s.masked))

    def _founder(self, s: Sentence, r: _Args) -> bool:
        """A person, or an unknown two- or three-word name in a founders list ("Ami Luttwak")."""
        m = s.mentions[r.idx]
        if m.type == "Person":
            return True
        if m.type == "Organization" and m.ref is None and 2 <= len(m.text.split()) <= 3:
            s.mentions[r.idx] = Mention(m.text, m.start, m.end, "Person", None, m.label)
            return True
        return False

    def _nearest_left(
        self, s: Sentence, runs: list[_Args], pos: int, allowed: frozenset[str]
    ) -> _Args | None:
        """The closest mention of a fitting type before ``pos`` (within FAR characters)."""
        ok = [r for r in runs if r.end <= pos and self._types(s, r) in allowed]
        return ok[-1] if ok and pos - ok[-1].end <= FAR else None

    def _counterparty(
        self, s: Sentence, runs: list[_Args], first: _Args, allowed: frozenset[str]
    ) -> list[_Args]:
        """The other party of a deal named right after the first ("X's deal with Y", "X in Y")."""
        nxt = next((r for r in runs if r.start >= first.end), None)
        if nxt is None or self._types(s, nxt) not in allowed:
            return []
        between = s.masked[first.end : nxt.start]
        if len(between) > 45 or re.search(r"[.;:()\[\]]|\s[-–—]\s", between):
            return []
        return [nxt]

    def _list_right(
        self, s: Sentence, runs: list[_Args], first: _Args, allowed: frozenset[str]
    ) -> list[_Args]:
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
            if not nxt or self._types(s, nxt) not in allowed:
                return out[: joined + 1]
            out.append(nxt)
            if conj.search(m.group()):
                joined = len(out) - 1

    def _list_left(
        self, s: Sentence, runs: list[_Args], last: _Args, allowed: frozenset[str]
    ) -> list[_Args]:
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
                else (pos - (a.end - s.start)) * 1.5
            )
            if d < dist:
                best, dist = a, d
        return best

    def _date_near(self, s: Sentence, pos: int) -> str | None:
        if not s.dates:
            return None
        return min(s.dates, key=lambda d: abs(d.start - s.start - pos)).iso

    def _claim(
        self,
        s: Sentence,
        pred: str,
        subj: _Args,
        obj: _Args | None,
        conf: float,
        rule: str,
        pos: int,
        amount: Amount | None = None,
        hedged: bool = False,
    ) -> Claim | None:
        sm = s.mentions[subj.idx]
        om = s.mentions[obj.idx] if obj is not None else None
        if om is not None and (om.label or om.text) == (sm.label or sm.text):
            return None
        if hedged:
            conf *= 0.6
        return Claim(
            doc_id=self.doc_id,
            subject=sm,
            predicate=pred,
            object=om,
            evidence=s.text,
            start=s.start,
            end=s.end,
            confidence=round(conf, 3),
            rule=rule,
            amount=amount,
            date=self._date_near(s, pos),
            hedged=hedged,
        )

    def _negated(self, s: Sentence, pos: int) -> bool:
        window = s.masked[max(0, pos - 25) : pos]
        return bool(self.lex.negation_re.search(window))

    # -- rules ---------------------------------------------------------------------------------
    def extract(self, s: Sentence, previous: Mention | None = None) -> list[Claim]:
        """Claims of one sentence; ``previous`` is the company the text was last about."""
        self.previous = previous
        runs = _runs(s.masked)
        if not runs and not (previous and s.amounts):
            return []
        hedged = bool(self.lex.hedge_re.search(s.masked))
        claims: list[Claim] = []
        claims += self._appositions(s, runs, hedged)
        claims += self._nominal_acquisitions(s, runs, hedged)
        claims += self._possessive_titles(s, runs, hedged)
        found = []
        for pred, trig in self.lex.triggers.items():
            for direction, regex in (
                ("forward", trig.forward),
                ("reverse", trig.reverse),
                ("pair", trig.pair),
            ):
                if regex is not None:
                    found += [(pred, direction, m) for m in regex.finditer(s.masked)]
        for pred, direction, m in found:
            # a trigger inside a longer one loses: "quote minoritarie a" (reverse) beats "quote",
            # "acquisirà una partecipazione" (ownsStakeIn) beats "acquisirà" (acquires);
            # amounts are exempt, a round can be led (investsIn) and raised (raises) at once
            if any(
                o.start() <= m.start()
                and m.end() <= o.end()
                and o.end() - o.start() > m.end() - m.start()
                and (p == pred or (pred not in AMOUNT_PREDICATES and p not in AMOUNT_PREDICATES))
                for p, _, o in found
            ):
                continue
            if self._negated(s, m.start()):
                continue
            self.others = [o for p, _, o in found if p != pred and p not in AMOUNT_PREDICATES]
            claims += self._from_trigger(s, runs, pred, direction, m, hedged)
        claims += self._round_investors(s, runs, claims, hedged)
        return claims

    def _possessive_titles(self, s: Sentence, runs: list[_Args], hedged: bool) -> list[Claim]:
        """'Son directeur général, Charles Kantor': a role at the company the text is about."""
        if self.previous is None or not self.lex.data["cues"].get("possessives"):
            return []
        by_start = {a.start: a for a in runs}
        out = []
        for m in self.p.possessive_title.finditer(s.masked):
            person = by_start.get(m.start("a"))
            if person is None or self._types(s, person) != "Person":
                continue
            title = m.group("titles")
            if self.lex.ceo_title_re.fullmatch(title):
                pred, subj, obj = "ceoOf", s.mentions[person.idx], self.previous
            elif self.lex.founder_title_re.fullmatch(title):
                pred, subj, obj = "foundedBy", self.previous, s.mentions[person.idx]
            else:
                pred, subj, obj = "employedBy", s.mentions[person.idx], self.previous
            rule = f"rules:{pred}/possessive"
            out.append(self._focus_claim(s, pred, subj, obj, rule, 0.6, None, hedged))
        return out

    def _nominal_acquisitions(self, s: Sentence, runs: list[_Args], hedged: bool) -> list[Claim]:
        """'the acquisition of A by B', 'le rachat de A par B' → B acquires A."""
        nouns = self.lex.data.get("relations", {}).get("acquires", {}).get("nominal", [])
        by = self.lex.data["cues"].get("by", [])
        if not nouns or not by:
            return []
        p = self.p
        pat = re.compile(
            rf"(?<!\w){alternation(nouns)}\s+(?:{p.affil})(?:\s+|(?<=['’])){p.art}(?P<a>{_PH})(?P=a)*"
            rf"\s+(?:{alternation(by)})\s+{p.art}(?P<b>{_PH})",
            re.I,
        )
        by_start = {a.start: a for a in runs}
        out = []
        allowed = SIGNATURES["acquires"][0]
        for m in pat.finditer(s.masked):
            target, buyer = by_start.get(m.start("a")), by_start.get(m.start("b"))
            if target and buyer and {self._types(s, target), self._types(s, buyer)} <= allowed:
                c = self._claim(
                    s,
                    "acquires",
                    buyer,
                    target,
                    0.8,
                    "rules:acquires/nominal",
                    m.start(),
                    None,
                    hedged,
                )
                if c:
                    out.append(c)
        return out

    def _round_investors(
        self, s: Sentence, runs: list[_Args], claims: list[Claim], hedged: bool
    ) -> list[Claim]:
        """Investment firms named in a sentence reporting a funding round invest in the raiser."""
        out = []
        best: dict[float, Claim] = {}
        for c in claims:
            if (
                c.predicate == "raises"
                and c.amount
                and (c.amount.value not in best or c.confidence > best[c.amount.value].confidence)
            ):
                best[c.amount.value] = c
        for c in best.values():
            subj = next((r for r in runs if s.mentions[r.idx] is c.subject), None)
            for r in runs:
                if subj is not None and self._types(s, r) == "InvestmentFirm":
                    claim = self._claim(
                        s,
                        "investsIn",
                        r,
                        subj,
                        0.7,
                        "rules:investsIn/round",
                        r.start,
                        None,  # the round's total is not this investor's share
                        hedged,
                    )
                    if claim:
                        out.append(claim)
        return out

    def _from_trigger(
        self,
        s: Sentence,
        runs: list[_Args],
        pred: str,
        direction: str,
        m: re.Match[str],
        hedged: bool,
    ) -> list[Claim]:
        subj_types, obj_types = SIGNATURES[pred]
        rule = f"rules:{pred}/{direction}"
        if obj_types is None:  # valuedAt / raises: subject + amount
            amount = self._amount_near(s, m.end())
            if amount is None:
                return []
            subj = (
                self._pick(s, runs, m.start(), subj_types, "left", near_only=True)
                or self._pick(s, runs, m.end(), subj_types, "right", near_only=True)
                or self._nearest_left(s, runs, m.start(), subj_types)
            )
            if subj is None:
                return self._anaphoric_amount(s, pred, m, amount, rule, hedged)
            gap = (
                amount.start - s.start - m.end()
                if amount.start - s.start >= m.end()
                else m.start() - (amount.end - s.start)
            )
            conf = round(0.85 - min(abs(gap), FAR) / FAR * 0.3, 3)
            c = self._claim(s, pred, subj, None, conf, rule, m.start(), amount.amount, hedged)
            return [c] if c else []
        if direction == "pair":
            return self._pair(s, runs, pred, m, hedged, rule)
        left_types, right_types = (
            (subj_types, obj_types) if direction == "forward" else (obj_types, subj_types)
        )
        # people's roles are stated next to the person: no reaching for the sentence subject
        close = pred in ("employedBy", "ceoOf") and direction == "forward"
        left = self._pick(s, runs, m.start(), left_types, "left", near_only=close)
        # a product is named right after the verb that introduces it ("released X")
        right = self._pick(s, runs, m.end(), right_types, "right", near_only=pred == "develops")
        if (
            right is not None
            and _ends_in_particle(m.group())
            and not _close(s.masked, m.end(), right.start)
        ):
            # "investimento nel settore per X": a preposition wants its object next (or a list
            # that starts next: "invested in Oakridge Capital and Brightwave Labs")
            first = next((r for r in runs if r.start >= m.end()), None)
            listed = (
                self._list_right(s, runs, first, ORG | PERSON | PRODUCT | PLACE) if first else []
            )
            if not (first and _close(s.masked, m.end(), first.start) and right in listed):
                right = None
        if (
            pred in ("ownsStakeIn", "investsIn")
            and direction == "forward"
            and right is not None
            and self._types(s, right) in subj_types
        ):
            # "una partecipazione di X nell'azienda Y", "a stake by X in Y": holder first
            nxt = self._counterparty(s, runs, right, right_types)
            if nxt and _close(s.masked, right.end, nxt[0].start, words=1):
                left, right = right, nxt[0]
        if (
            pred == "develops"
            and right is not None
            and any(m.end() <= o.start() and o.end() <= right.start for o in self.others)
        ):
            right = None  # another relation's trigger stands between: "its models available on X"
        if (
            pred == "headquarteredIn"
            and direction == "reverse"
            and self.p.head_after.match(s.masked, m.end())
        ):
            # "Anthropic, the San Francisco-based AI startup": the company is the apposition's head
            place = self._pick(s, runs, m.start(), obj_types, "left", near_only=True)
            before = [r for r in runs if place and r.end <= place.start]
            if place and before and self._types(s, before[-1]) in subj_types:
                left, right = place, before[-1]
        if pred == "foundedBy" and direction == "forward":  # "fondata da A, B e C": every founder
            rights = [r for r in runs if r.start >= m.end() and self._founder(s, r)]
        elif right is not None:
            rights = self._list_right(s, runs, right, right_types)
            if pred == "reviews" and len(rights) == 1:
                rights += self._counterparty(s, runs, right, right_types)
        else:
            rights = []
        openers = self.lex.data["cues"].get("clause_openers", [])
        head = s.masked[: m.start()].strip().lower()
        opened = any(head.startswith(w) for w in openers) or not head  # "Fondée en 2019 par …"
        if left is None and direction == "forward" and rights and opened:
            # "Après avoir investi … dans Y, Z a annoncé …": the subject follows the clause
            after = [
                r for r in runs if r.start >= rights[-1].end + 1 and self._types(s, r) in left_types
            ]
            comma = s.masked.find(",", rights[-1].end)
            left = next((r for r in after if comma != -1 and r.start > comma), None)
            if left is None and comma != -1 and self.previous is not None and not head:
                if self.p.anaphor.match(s.masked, comma + 1) or self.p.anaphor.search(
                    s.masked[comma : comma + 30]
                ):
                    return [  # "…, la société": the company the text was last about
                        self._focus_claim(
                            s, pred, self.previous, s.mentions[r.idx], rule, 0.55, m, hedged
                        )
                        for r in rights
                    ]
        if pred == "reviews" and left is not None and not rights and direction == "forward":
            # "Critics question X's deal with Y, as the EU is set to look into it"
            before = [r for r in runs if r.end <= left.start and self._types(s, r) in right_types]
            rights = before if len(before) == 2 else []
        if (
            left is None
            and rights
            and self.previous is not None
            and self.previous.type in left_types
            and self.p.anaphor.search(s.masked, 0, m.start())
            and not (pred == "investsIn" and direction == "reverse")
        ):
            # "L'entreprise, installée à Paris", "Das Unternehmen wurde von X gegründet"
            pairs = [(self.previous, s.mentions[r.idx]) for r in rights]
            if direction == "reverse":
                pairs = [(o, p) for p, o in pairs]
            return [self._focus_claim(s, pred, a, b, rule, 0.55, m, hedged) for a, b in pairs]
        if (
            pred == "investsIn"
            and direction == "reverse"
            and left is None
            and rights
            and self.previous is not None
            and self._mentions_round(s)
        ):
            # "The round was led by X, with participation from Y": they invest in the raiser
            return [
                self._focus_claim(s, pred, s.mentions[r.idx], self.previous, rule, 0.55, m, hedged)
                for r in rights
            ]
        if (
            pred == "investsIn"
            and direction == "forward"
            and left is not None
            and not rights
            and self.previous is not None
            and self._mentions_round(s)
        ):
            # "… auch Accel und Saab beteiligten sich": they joined the round of the company
            return [
                self._focus_claim(s, pred, s.mentions[r.idx], self.previous, rule, 0.5, m, hedged)
                for r in self._list_left(s, runs, left, left_types)
                if s.mentions[r.idx] is not self.previous
            ]
        if left is None or not rights:
            return []
        lefts = self._list_left(s, runs, left, left_types)
        near = m.start() - left.end <= NEAR and rights[0].start - m.end() <= NEAR
        conf = 0.8 if near else 0.6
        amount = None
        if pred in ("investsIn", "acquires", "ownsStakeIn", "partnersWith"):
            a = self._amount_near(s, m.end(), limit=NEAR * 2)
            amount = a.amount if a else None
        out = []
        for lft in lefts:
            for rgt in rights:
                subj, obj = (lft, rgt) if direction == "forward" else (rgt, lft)
                c = self._claim(s, pred, subj, obj, conf, rule, m.start(), amount, hedged)
                if c:
                    out.append(c)
        return out

    def _pair(
        self, s: Sentence, runs: list[_Args], pred: str, m: re.Match[str], hedged: bool, rule: str
    ) -> list[Claim]:
        """'partnership tra A e B', 'A and B ... agreement'."""
        subj_types, obj_types = SIGNATURES[pred]
        allowed = subj_types | (obj_types or frozenset())
        ph = _PH + "+"
        right = re.compile(
            rf"(?:\s+[\w'’-]+){{0,3}}?\s+{self.p.between}\s+{self.p.art}({ph})\s*(?:,|{self.p.conj})\s+{self.p.art}({ph})",
            re.I,
        )
        r = right.match(s.masked, m.end())
        pairs = []
        if r:
            pairs.append((r.start(1), r.start(2)))
        else:
            left = re.compile(rf"({ph})\s+{self.p.conj}\s+({ph})(?=[^.;]{{0,60}}$)", re.I)
            lm = left.search(s.masked, 0, m.start())
            if lm:
                pairs.append((lm.start(1), lm.start(2)))
        by_start = {a.start: a for a in runs}
        out = []
        for a_pos, b_pos in pairs:
            a, b = by_start.get(a_pos), by_start.get(b_pos)
            if a and b and self._types(s, a) in allowed and self._types(s, b) in allowed:
                c = self._claim(s, pred, a, b, 0.75, rule, m.start(), None, hedged)
                if c:
                    out.append(c)
        return out

    def _appositions(self, s: Sentence, runs: list[_Args], hedged: bool) -> list[Claim]:
        """Titles between a person and an organisation, and 'product of company'."""
        p = self.p
        by_start = {a.start: a for a in runs}
        out: list[Claim] = []
        more = rf"\s*(?:,|{p.conj})\s*(?:\w{{1,3}}['’]\s*|\w{{1,4}}\s+)?{p.titles}"
        titles_re = rf"(?P<titles>{p.titles}(?:{more})*)"
        age = r"(?:\d{1,3}\s+\w+\s*,\s*)?"
        of = rf"\s+(?:{p.affil})(?:\s+|(?<=['’]))"  # "di X", "of X", "d'X"
        pat_after = re.compile(
            rf"(?P<a>{_PH})(?P=a)*\s*,\s*{age}{p.art}{titles_re}{of}{p.art}(?P<b>{_PH})", re.I
        )
        pat_before = re.compile(
            rf"{titles_re}{of}{p.art}(?P<b>{_PH})(?P=b)*\s*,?\s*(?P<a>{_PH})", re.I
        )
        # "OpenAI CEO Sam Altman", "OpenAI's chief executive, Sam Altman"
        pat_org_first = re.compile(
            rf"(?P<b>{_PH})(?P=b)*(?:['’]s)?\s+{titles_re}\s*,?\s*(?P<a>{_PH})", re.I
        )
        pat_possessive = re.compile(
            rf"(?P<a>{_PH})(?P=a)*\s*,\s*(?P<b>{_PH})(?P=b)*['’]s\s+{titles_re}", re.I
        )
        for pat in (pat_after, pat_before, pat_org_first, pat_possessive):
            for m in pat.finditer(s.masked):
                person = by_start.get(m.start("a"))
                org = by_start.get(m.start("b"))
                if not person or not org:
                    continue
                if self._types(s, person) != "Person" or self._types(s, org) not in ORG:
                    continue
                for title in re.split(rf"\s*(?:,|\b{p.conj}\b)\s*", m.group("titles"), flags=re.I):
                    if self.lex.ceo_title_re.search(title):
                        c = self._claim(
                            s,
                            "ceoOf",
                            person,
                            org,
                            0.85,
                            "rules:ceoOf/apposition",
                            m.start(),
                            None,
                            hedged,
                        )
                    elif self.lex.founder_title_re.search(title):
                        c = self._claim(
                            s,
                            "foundedBy",
                            org,
                            person,
                            0.85,
                            "rules:foundedBy/apposition",
                            m.start(),
                            None,
                            hedged,
                        )
                    elif title.strip():
                        c = self._claim(
                            s,
                            "employedBy",
                            person,
                            org,
                            0.7,
                            "rules:employedBy/apposition",
                            m.start(),
                            None,
                            hedged,
                        )
                    else:
                        c = None
                    if c:
                        out.append(c)
        # "Eric Schmidt di Google", "GPT-4 di OpenAI", "OpenAI's GPT-4"
        of = re.compile(rf"(?P<a>{_PH})(?P=a)*\s+(?:{p.affil})\s+(?P<b>{_PH})", re.I)
        for m in of.finditer(s.masked):
            a, b = by_start.get(m.start("a")), by_start.get(m.start("b"))
            if not a or not b:
                continue
            ta, tb = self._types(s, a), self._types(s, b)
            if ta == "Person" and tb in ORG:
                c = self._claim(
                    s, "employedBy", a, b, 0.6, "rules:employedBy/of", m.start(), None, hedged
                )
            elif ta == "Product" and tb in ORG - {"Regulator", "GovernmentBody"}:
                c = self._claim(
                    s, "develops", b, a, 0.7, "rules:develops/of", m.start(), None, hedged
                )
            else:
                c = None
            if c:
                out.append(c)
        poss = re.compile(rf"(?P<b>{_PH})(?P=b)*['’]s\s+(?:\w+\s+){{0,2}}(?P<a>{_PH})")
        for m in poss.finditer(s.masked):
            a, b = by_start.get(m.start("a")), by_start.get(m.start("b"))
            if a and b and self._types(s, a) == "Product" and self._types(s, b) in ORG:
                c = self._claim(
                    s, "develops", b, a, 0.7, "rules:develops/possessive", m.start(), None, hedged
                )
                if c:
                    out.append(c)
        return out
