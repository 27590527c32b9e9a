"""Literals the graph stage writes again and again (languages, flags, rules, scores, dates).

rdflib checks and normalises every ``Literal`` it builds, which cost more than the rest
of an article's graph; a build repeats the same few thousand values, so each is built once.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef


def literal(value: str | int | bool, datatype: URIRef | None = None) -> Literal:
    """The Literal for ``value`` (and ``datatype``), shared with earlier calls.

    >>> literal(True) is literal(True), literal(1) == literal(True)
    (True, False)
    """
    return _made(type(value), value, datatype)  # the type keeps True and 1 apart


@lru_cache(maxsize=1 << 16)
def _made(_kind: type, value: str | int | bool, datatype: URIRef | None) -> Literal:
    return Literal(value, datatype=datatype)
