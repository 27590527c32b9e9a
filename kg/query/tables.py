"""Write query results: SELECT rows as table / csv / tsv / json, graphs as Turtle.

Numbers print as plain numbers (``2.0E9`` → ``2000000000``) and dates as their
lexical form, so a CSV is ready for a spreadsheet.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.store.base import SelectResult

_NUMERIC = {
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
}
#: Widest cell of the aligned table; longer text is cut with "…".
TABLE_CELL_WIDTH = 80


class OutputFormat(enum.Enum):
    """Formats ``kg query --format`` accepts."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TURTLE = "turtle"

    @classmethod
    def from_name(cls, name: str) -> OutputFormat:
        """The format called ``name``; QueryError lists the choices otherwise."""
        try:
            return cls(name.lower())
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise QueryError(f"--format {name!r}: unknown format (choose {choices})") from None


def plain(term: Identifier | None) -> str:
    """A term as a user reads it: numbers without exponent, dates and IRIs as written.

    >>> plain(Literal("2.0E9", datatype=XSD.double)), plain(Literal("1.5e6", datatype=XSD.double))
    ('2000000000', '1500000')
    >>> plain(Literal("0.90", datatype=XSD.decimal)), plain(None)
    ('0.9', '')
    """
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return _number(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _number(lexical: str) -> str:
    try:
        value = Decimal(lexical.strip())
    except InvalidOperation:
        return lexical
    if value.is_nan():
        return "NaN"
    if value.is_infinite():
        return "-INF" if value < 0 else "INF"
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def render(result: SelectResult | Graph, fmt: OutputFormat | str) -> str:
    """The text of ``result`` in format ``fmt`` (ends with a newline unless empty)."""
    fmt = fmt if isinstance(fmt, OutputFormat) else OutputFormat.from_name(fmt)
    if isinstance(result, Graph):
        if fmt is not OutputFormat.TURTLE:
            raise QueryError(f"--format {fmt.value}: this query returns a graph; use turtle")
        return result.serialize(format="turtle")
    if fmt is OutputFormat.TURTLE:
        raise QueryError("--format turtle: this query returns rows; use table, csv, tsv or json")
    if fmt is OutputFormat.JSON:
        return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
    if result.boolean is not None:
        return ("true" if result.boolean else "false") + "\n"
    if fmt is OutputFormat.CSV:
        return _delimited(result, ",")
    if fmt is OutputFormat.TSV:
        return _delimited(result, "\t")
    return table(result)


def _delimited(result: SelectResult, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        cells = [plain(t) for t in row]
        if delimiter == "\t":
            cells = [" ".join(c.split()) if ("\t" in c or "\n" in c) else c for c in cells]
        writer.writerow(cells)
    return out.getvalue()


def table(result: SelectResult) -> str:
    """An aligned text table with a header rule; cells on one line, long cells cut."""
    header = list(result.variables)
    body = [[_cell(plain(t)) for t in row] for row in result.rows]
    widths = [len(h) for h in header]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def to_json(result: SelectResult) -> dict[str, object]:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = []
    for row in result.rows:
        bindings.append(
            {n: _json_term(t) for n, t in zip(result.variables, row, strict=True) if t is not None}
        )
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        value: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype is not None:
            value["datatype"] = str(term.datatype)
        return value
    return {"type": "literal", "value": str(term)}
