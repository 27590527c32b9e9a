"""Checks across the claims of one sentence: a valuation belongs to the company that
raised, a person who "leads" a company outside a funding round runs it, co-investors invest
in the company rather than in the lead investor."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Claim


def valuation_of_the_raiser(claims: list[Claim]) -> list[Claim]:
    """'Qonto raised €486m from A and B, valuing it at €4.4bn': the valuation is the raiser's,
    not that of the investor named last."""
    raiser = next((c.subject for c in claims if c.predicate == "raises"), None)
    if raiser is None:
        return claims
    investors = {
        c.subject.start for c in claims if c.predicate == "investsIn" and c.object is raiser
    }
    return [
        replace(c, subject=raiser)
        if c.predicate == "valuedAt"
        and c.subject is not raiser
        and (
            c.subject.type != "Company"
            or c.subject.start in investors
            or (c.subject.ref is None and raiser.type == "Company")
        )
        else c
        for c in claims
    ]


def roles_over_rounds(claims: list[Claim], round_talk: bool) -> list[Claim]:
    """'la società guidata da X': with no funding round in the sentence, a person 'leading'
    a company runs it (ceoOf), not an investor in it."""
    if round_talk:
        return claims
    ceo = {
        (c.start, c.subject.start, c.object.start)
        for c in claims
        if c.predicate in ("ceoOf", "employedBy") and c.object
    }
    return [
        c
        for c in claims
        if not (
            c.predicate == "investsIn"
            and c.object is not None
            and (c.start, c.subject.start, c.object.start) in ceo
        )
    ]


def co_investors(claims: list[Claim]) -> list[Claim]:
    """'led by X, with participation from Y': Y invests in what X invests in, not in X."""
    targets = {
        (c.start, c.subject.start): c.object
        for c in claims
        if c.predicate == "investsIn" and c.object is not None and "round" not in c.rule
    }
    out = []
    for c in claims:
        if c.predicate == "investsIn" and c.object is not None:
            target = targets.get((c.start, c.object.start))
            if target is not None and target.start != c.subject.start:
                c = replace(c, object=target, rule=c.rule + "+co-investor")
        out.append(c)
    return out


def priced_stakes(claims: list[Claim]) -> list[Claim]:
    """'Tpg ha acquisito una quota del 20% di Nexi per 1,2 miliardi': a stake bought for an
    amount is also an investment of that amount."""
    extra = [
        replace(c, predicate="investsIn", rule=c.rule + "+priced")
        for c in claims
        if c.predicate == "ownsStakeIn" and c.amount is not None
    ]
    return claims + extra
