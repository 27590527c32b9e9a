"""Facts from sentences: trigger phrases of the lexicon, applied to masked sentences.

A trigger ("ha investito in", "founded by") is matched in the masked sentence; its
arguments are the mentions beside it whose types fit the property's signature, with
coordinated lists, the company in focus for anaphors ("la società"), and amounts and
dates nearby. Patterns without a trigger verb live in ``appositions.py``.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.appositions import (
    appositions,
    city_adjectives,
    focus_titles,
    nominal_acquisitions,
    possessive_titles,
)
from kg.extract.arguments import FAR, NEAR, ArgumentFinder
from kg.extract.consistency import (
    co_investors,
    priced_stakes,
    roles_over_rounds,
    valuation_of_the_raiser,
)
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ORG_TYPES
from kg.extract.money import MoneySpan
from kg.extract.prefilter import Gate, first_words, plain
from kg.extract.sentence import (
    PH,
    Arg,
    Sentence,
    adjacent,
    ends_in_particle,
    mention_runs,
)
from kg.model import AMOUNT_PREDICATES, Amount, Claim, Mention

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
    "partnersWith": (ORG - {"Regulator"}, ORG - {"Regulator"} | PRODUCT),  # "Google Cloud"
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


@cache
def _gates(lex: Lexicon) -> dict[tuple[str, str], Gate]:
    """For each property and direction, whether a sentence's words can hold a trigger."""
    relations = lex.data.get("relations", {})
    return {
        (prop, direction): Gate(relations.get(prop, {}).get(direction, []))
        for prop in lex.triggers
        for direction in ("forward", "reverse", "pair")
    }


def _beaten(m: re.Match[str], o: re.Match[str], same: bool, pred: str, other: str) -> bool:
    """A trigger loses to a longer one: inside it for the same property ("quote" in "quote
    minoritarie a"), overlapping it for another ("ha acquisito" vs "acquisito il 10% di");
    amounts are exempt, a round can be led (investsIn) and raised (raises) at once."""
    if o.end() - o.start() <= m.end() - m.start():
        return False
    if same:
        return o.start() <= m.start() and m.end() <= o.end()
    if pred in AMOUNT_PREDICATES or other in AMOUNT_PREDICATES:
        return False
    return o.start() < m.end() and m.start() < o.end()


class SentenceExtractor(ArgumentFinder):
    """Applies the rules of one language to the sentences of one document."""

    _round_of: Sentence | None = None  # the sentence _round was computed for
    _round = False

    # -- helpers -------------------------------------------------------------------------------
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
        if self.round_before:  # "Cisco, AMD and Fujitsu also participated." after a round
            return True
        if self._round_of is not s:  # asked once per trigger: the sentence's answer is kept
            trig = self.lex.triggers["raises"].forward
            self._round_of = s
            self._round = (
                bool(trig and trig.search(s.masked))
                or bool(self.p.investors.search(s.masked))
                or bool(self.p.round_word.search(s.masked))
            )
        return self._round

    def _claim(
        self,
        s: Sentence,
        pred: str,
        subj: Arg,
        obj: Arg | None,
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
        runs = mention_runs(s.masked)
        if not runs and not (previous and s.amounts):
            return []
        hedged = bool(self.lex.hedge_re.search(s.masked))
        self.relative_spans = [m.span() for m in self.p.relative_clause.finditer(s.masked)]
        claims: list[Claim] = []
        found = []
        # a trigger's pattern runs only from the first word one of its phrases starts with
        gates = _gates(self.lex)
        low = s.masked.lower() if plain(s.masked) else None
        first = first_words(low) if low is not None else {}
        for pred, trig in self.lex.triggers.items():
            for direction, regex in (
                ("forward", trig.forward),
                ("reverse", trig.reverse),
                ("pair", trig.pair),
            ):
                if regex is None:
                    continue
                at = gates[pred, direction].start(low, first)
                if at is not None:
                    found += [(pred, direction, m) for m in regex.finditer(s.masked, at)]
        for pred, direction, m in found:
            # a trigger inside a longer one loses: "quote minoritarie a" (reverse) beats "quote",
            # "acquisirà una partecipazione" (ownsStakeIn) beats "acquisirà" (acquires);
            # amounts are exempt, a round can be led (investsIn) and raised (raises) at once
            if any(_beaten(m, o, p == pred, pred, p) for p, _, o in found):
                continue
            if self._negated(s, m.start()):
                continue
            short = len(m.group().split()) == 1 and len(m.group()) <= 5
            if pred == "investsIn" and direction == "reverse" and short:
                if not self._mentions_round(s):
                    continue  # "from X" is an investment only when money is being raised
            self.others = [o for p, _, o in found if p != pred and p not in AMOUNT_PREDICATES]
            claims += self._from_trigger(s, runs, pred, direction, m, hedged)
        claims += self._round_investors(s, runs, claims, hedged)
        # structural patterns last: trigger rules may have typed unknown names as people
        claims += appositions(self, s, runs, hedged)
        claims += nominal_acquisitions(self, s, runs, hedged)
        claims += possessive_titles(self, s, runs, hedged)
        claims += city_adjectives(self, s, runs, hedged)
        claims += focus_titles(self, s, runs, hedged)
        claims = valuation_of_the_raiser(claims)
        return priced_stakes(co_investors(roles_over_rounds(claims, self._mentions_round(s))))

    def _round_investors(
        self, s: Sentence, runs: list[Arg], claims: list[Claim], hedged: bool
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
        runs: list[Arg],
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
            clause = next((a for a, b in self.relative_spans if a <= m.start() < b), None)
            subj = (
                self._nearest_left(s, runs, clause + 1, subj_types) if clause is not None else None
            ) or (
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
        if left is not None and direction == "forward" and self._coordinated(s, left, m.start()):
            # "xAI develops the Grok chatbot and competes with OpenAI": the verb's subject is
            # the sentence's (or the company in focus), not the object of the verb before
            first = next((r for r in runs if self._types(s, r) in left_types), None)
            opening = self.p.anaphor.match(s.masked.lstrip()) is not None
            if first is not None and first is not left and first.start <= 20 and not opening:
                left = first
            elif opening and self.previous is not None and self.previous.type in left_types:
                left = None  # "The startup, which …, develops X and competes with Y"
        after = len(s.masked) - len(s.masked[m.end() :].lstrip())  # first character after it
        ana = self.p.anaphor.match(s.masked, after)
        if (
            ana is not None
            and self.previous is not None
            and self.previous.type in right_types
            # "la start-up parisienne LightOn" introduces a name: not an anaphor
            and not re.match(rf"\s+(?:[a-zà-ÿ-]+\s+){{0,2}}{PH}", s.masked[ana.end() :])
        ):
            # "Cristobal Valenzuela co-founded the company": the company in focus
            s.mentions.append(self.previous)
            right: Arg | None = Arg(len(s.mentions) - 1, -1, -1)
        else:
            # a product is named right after the verb that introduces it ("released X")
            right = self._pick(s, runs, m.end(), right_types, "right", near_only=pred == "develops")
        if (
            right is None
            and right_types == PERSON
            and (pred in ("employedBy", "foundedBy") or not self._mentions_round(s))
        ):
            # "has hired Ola Brenn": an unknown name right after a person-only trigger
            first = next((r for r in runs if r.start >= m.end()), None)
            if first is not None and adjacent(s.masked, m.end(), first.start, words=1):
                self._as_person(s, first)
                right = first if self._types(s, first) == "Person" else None
        if (
            right is not None
            and pred != "reviews"  # a regulator looks "at the deal between A and B"
            and ends_in_particle(m.group())
            and not adjacent(
                self._without_demonyms(
                    s.masked, m.end(), right.start, titles=self._types(s, right) == "Person"
                ),
                0,
                None,
                heads=self.p.head_gap,
            )
        ):
            # "investimento nel settore per X": a preposition wants its object next (or a list
            # that starts next: "invested in Oakridge Capital and Brightwave Labs")
            first = next((r for r in runs if r.start >= m.end()), None)
            listed = (
                self._list_right(s, runs, first, ORG | PERSON | PRODUCT | PLACE) if first else []
            )
            if not (
                first
                and adjacent(s.masked, m.end(), first.start, heads=self.p.head_gap)
                and right in listed
            ):
                right = None
        if (
            pred in ("ownsStakeIn", "investsIn")
            and direction == "forward"
            and right is not None
            and self._types(s, right) in subj_types
        ):
            # "una partecipazione di X nell'azienda Y", "a stake by X in Y": holder first
            nxt = self._counterparty(s, runs, right, right_types)
            if nxt and adjacent(s.masked, right.end, nxt[0].start, words=1):
                left, right = right, nxt[0]
        if (
            pred == "develops"
            and right is not None
            and any(m.end() <= o.start() and o.end() <= right.start for o in self.others)
        ):
            right = None  # another relation's trigger stands between: "its models available on X"
        if right is not None and pred == "competesWith":
            # "competes with OpenAI's ChatGPT": the product is the head of the phrase
            nxt = next((r for r in runs if r.start > right.end), None)
            if (
                nxt
                and self._types(s, nxt) == "Product"
                and re.fullmatch(r"['’]s\s+", s.masked[right.end : nxt.start])
            ):
                right = nxt

        if pred == "reviews" and direction == "reverse" and right is None:
            first = next((r for r in runs if r.start >= m.end()), None)
            if first is not None and adjacent(s.masked, m.end(), first.start, words=1):
                fm = s.mentions[first.idx]
                if fm.type == "Organization" and fm.ref is None:  # "autorizzata dall'Ivass"
                    s.mentions[first.idx] = Mention(
                        fm.text, fm.start, fm.end, "Regulator", None, fm.label
                    )
                    right = first
        if pred == "headquarteredIn" and direction == "forward" and right is None:
            right = self._unknown_place(s, runs, m.end())  # "con sede a Bergamo"
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
            rights = self._founders(s, runs, m.end())
        elif right is not None:
            rights = [right] if right.start < 0 else self._list_right(s, runs, right, right_types)
            if pred == "reviews" and len(rights) == 1 and right.start >= 0:
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
            # the subject opens the main clause: a name or "la société" right after a comma
            while comma != -1 and not re.match(
                rf"\s*(?:{PH}|\w{{1,5}}['’ ])", s.masked[comma + 1 :]
            ):
                comma = s.masked.find(",", comma + 1)  # skip asides (", son président,")
            left = next((r for r in after if comma != -1 and comma < r.start <= comma + 4), None)
            if left is None and comma != -1 and self.previous is not None and not head:
                if self.p.anaphor.search(s.masked[comma : comma + 30]):
                    return [  # "…, la société": the company the text was last about
                        self._focus_claim(
                            s, pred, self.previous, s.mentions[r.idx], rule, 0.55, m, hedged
                        )
                        for r in rights
                    ]
        if (
            pred == "reviews"
            and direction == "reverse"
            and left is None
            and rights
            and self.last_deal
            and self.p.deal_word.search(s.masked, 0, m.start())
        ):
            # "The deal is expected to face scrutiny from the US Department of Justice"
            return [
                self._focus_claim(s, pred, s.mentions[r.idx], party, rule, 0.55, m, hedged)
                for r in rights
                for party in self.last_deal
            ]
        if pred == "reviews" and left is not None and not rights and direction == "forward":
            # "Critics question X's deal with Y, as the EU is set to look into it"
            before = [r for r in runs if r.end <= left.start and self._types(s, r) in right_types]
            rights = before if len(before) == 2 else []
            if not rights and self.last_deal and self.p.deal_word.search(s.masked, m.end()):
                # "The European Commission had already cleared the deal": the deal read before
                return [
                    self._focus_claim(s, pred, s.mentions[left.idx], party, rule, 0.55, m, hedged)
                    for party in self.last_deal
                ]
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
                role = self._titled_role(s, subj) if pred == "ceoOf" else pred
                c = self._claim(s, role, subj, obj, conf, rule, m.start(), amount, hedged)
                if c:
                    out.append(c)
        return out

    def _pair(
        self, s: Sentence, runs: list[Arg], pred: str, m: re.Match[str], hedged: bool, rule: str
    ) -> list[Claim]:
        """'partnership tra A e B', 'A and B ... agreement'."""
        subj_types, obj_types = SIGNATURES[pred]
        allowed = subj_types | (obj_types or frozenset())
        ph = PH + "+"
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
