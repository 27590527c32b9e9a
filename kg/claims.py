"""Extraction results as JSON Lines: the hand-off between sharded extraction and loading.

``kg extract`` writes one line per article (its metadata, every mention, every claim);
``kg load`` reads such files back. Extraction is a pure function of the article, so
any engine (xargs over machines, Spark, Ray, Dask) can run it on shards and one
``kg load`` of all the shards builds the same graph as one ``kg build``.

The article text is not written (nothing after extraction reads it). Mentions are
stored once in a table and claims point into it, so a mention shared by several
claims is still one object after reading, as it was after extraction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError
from kg.model import PREDICATES, Amount, Claim, Document, Mention

#: Written in every line; a reader refuses lines of another format.
FORMAT = "kg-claims/1"

_DOC_FIELDS = (
    "doc_id",
    "source",
    "name",
    "lang",
    "title",
    "url",
    "published",
    "content_hash",
    "lang_detected",
    "source_hash",
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one article: the document, its claims and mentions."""

    document: Document
    claims: list[Claim]
    mentions: list[Mention]


def dumps(ex: Extraction) -> str:
    """One JSON line (no newline) for an article's extraction."""
    table: list[Mention] = []
    index: dict[int, int] = {}

    def ref(m: Mention) -> int:
        if id(m) not in index:
            index[id(m)] = len(table)
            table.append(m)
        return index[id(m)]

    mentions = [ref(m) for m in ex.mentions]
    claims = [_claim_record(c, ref) for c in ex.claims]
    doc = {name: getattr(ex.document, name) for name in _DOC_FIELDS}
    doc["repairs"] = list(ex.document.repairs)
    record = {
        "format": FORMAT,
        "doc": doc,
        "table": [[m.text, m.start, m.end, m.type, m.ref, m.label] for m in table],
        "mentions": mentions,
        "claims": claims,
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _claim_record(c: Claim, ref: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "s": ref(c.subject),
        "p": c.predicate,
        "o": ref(c.object) if c.object is not None else None,
        "evidence": c.evidence,
        "span": [c.start, c.end],
        "confidence": c.confidence,
        "rule": c.rule,
    }
    if c.amount is not None:
        record["amount"] = [c.amount.value, c.amount.currency, c.amount.approximate]
    if c.date is not None:
        record["date"] = c.date
    if c.hedged:
        record["hedged"] = True
    return record


def loads(line: str) -> Extraction:
    """Read one line written by :func:`dumps`; ValueError says what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} record (was it written by `kg extract`?)")
    try:
        meta = dict(record["doc"])
        meta["repairs"] = tuple(meta.get("repairs", ()))
        document = Document(text="", **meta)
        table = [
            Mention(str(t), int(a), int(b), str(ty), r, lab)
            for t, a, b, ty, r, lab in record["table"]
        ]
        mentions = [table[i] for i in record["mentions"]]
        claims = [_claim(document.doc_id, c, table) for c in record["claims"]]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"incomplete record ({type(exc).__name__}: {exc})") from None
    return Extraction(document, claims, mentions)


def _claim(doc_id: str, c: dict[str, Any], table: list[Mention]) -> Claim:
    if c["p"] not in PREDICATES:
        raise ValueError(f"unknown predicate {c['p']!r}")
    amount = c.get("amount")
    start, end = c["span"]
    return Claim(
        doc_id=doc_id,
        subject=table[c["s"]],
        predicate=c["p"],
        object=table[c["o"]] if c["o"] is not None else None,
        evidence=str(c["evidence"]),
        start=int(start),
        end=int(end),
        confidence=float(c["confidence"]),
        rule=str(c["rule"]),
        amount=Amount(float(amount[0]), amount[1], bool(amount[2])) if amount else None,
        date=c.get("date"),
        hedged=bool(c.get("hedged", False)),
    )


def write_extractions(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write one line per extraction to ``out``; the number written."""
    n = 0
    for ex in extractions:
        out.write(dumps(ex) + "\n")
        n += 1
    return n


def read_extractions(paths: Iterable[str | Path]) -> Iterator[Extraction | InputError]:
    """Extractions from claims files, and an InputError (file:line) for each bad line."""
    for path in paths:
        name = str(path)
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            yield InputError(name, f"cannot read claims file ({exc.strerror or exc})")
            continue
        with handle:
            try:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        yield loads(line)
                    except ValueError as exc:
                        yield InputError(name, str(exc), line=number)
            except UnicodeDecodeError as exc:
                yield InputError(name, f"not UTF-8 (byte at {exc.start})")
