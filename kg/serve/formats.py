"""Content negotiation and the SPARQL 1.1 result formats of ``kg serve``.

SELECT/ASK answers: Query Results JSON, XML, CSV and TSV (and an HTML table for
browsers). CONSTRUCT/DESCRIBE answers: Turtle, N-Triples, JSON-LD, RDF/XML.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.graph.namespaces import PREFIXES
from kg.query.tables import to_json
from kg.store.base import SelectResult


@dataclass(frozen=True)
class Format:
    """One answer format: its media type, the short names a ``format`` parameter may use."""

    media_type: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other media types that mean the same


ROWS: tuple[Format, ...] = (
    Format("application/sparql-results+json", ("json", "srj"), ("application/json",)),
    Format("application/sparql-results+xml", ("xml", "srx"), ("application/xml", "text/xml")),
    Format("text/csv", ("csv",)),
    Format("text/tab-separated-values", ("tsv",)),
    Format("text/html", ("html",)),
)
GRAPHS: tuple[Format, ...] = (
    Format("text/turtle", ("turtle", "ttl", "n3"), ("application/x-turtle", "text/n3")),
    Format("application/n-triples", ("nt", "ntriples", "n-triples"), ("text/plain",)),
    Format("application/ld+json", ("json-ld", "jsonld", "json"), ("application/json",)),
    Format("application/rdf+xml", ("xml", "rdf", "rdfxml"), ("application/xml", "text/xml")),
    Format("text/html", ("html",)),
)


def _accept(header: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) of an Accept header, best first.

    >>> [m for m, _, _ in _accept("text/csv;q=0.5, application/json")]
    ['application/json', 'text/csv']
    """
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((media, q, position))
    # more specific ranges win ties: type/sub before type/* before */*
    return sorted(ranges, key=lambda r: (-r[1], r[0].count("*"), r[2]))


def negotiate(choices: tuple[Format, ...], accept: str, name: str | None) -> Format | None:
    """The format named by ``name`` (a short name or media type) or the best for ``accept``.

    None when nothing offered is acceptable. No header (or ``*/*``) gives the first choice.

    >>> negotiate(ROWS, "text/csv", None).media_type
    'text/csv'
    >>> negotiate(GRAPHS, "application/sparql-results+json, application/n-triples;q=0.9", None)
    Format(media_type='application/n-triples', names=('nt', 'ntriples', 'n-triples'), \
aliases=('text/plain',))
    """
    if name:
        wanted = name.strip().lower()
        for fmt in choices:
            if wanted in fmt.names or wanted == fmt.media_type or wanted in fmt.aliases:
                return fmt
        return None
    if not accept.strip():
        return choices[0]
    for media, _, _ in _accept(accept):
        if media == "*/*":
            return choices[0]
        for fmt in choices:
            if media == fmt.media_type:
                return fmt
        for fmt in choices:
            if media in fmt.aliases:
                return fmt
        if media.endswith("/*"):
            major = media[:-1]
            for fmt in choices:
                if fmt.media_type.startswith(major) and fmt.media_type != "text/html":
                    return fmt
    return None


def render_rows(result: SelectResult, fmt: Format) -> bytes:
    """A SELECT or ASK answer in ``fmt`` (UTF-8)."""
    writer = _ROW_WRITERS[fmt.media_type]
    return writer(result).encode("utf-8")


def render_graph(graph: Graph, fmt: Format) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in ``fmt`` (UTF-8)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    if fmt.media_type == "text/html":
        text = graph.serialize(format="turtle")
        return _page("CONSTRUCT result", f"<pre>{escape(text)}</pre>").encode("utf-8")
    rdflib_name = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
    }[fmt.media_type]
    return graph.serialize(format=rdflib_name, encoding="utf-8")


def _json(result: SelectResult) -> str:
    return json.dumps(to_json(result), ensure_ascii=False) + "\n"


def _xml(result: SelectResult) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "  <head>",
    ]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.boolean is not None:
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for name, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"      <binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: Identifier) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attributes = ""
    if term.language:
        attributes = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None:
        attributes = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attributes}>{xml_escape(str(term))}</literal>"


def _csv(result: SelectResult) -> str:
    """SPARQL 1.1 CSV: lexical forms only, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return out.getvalue()


def _csv_value(term: Identifier) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv(result: SelectResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in Turtle/N-Triples syntax."""
    if result.boolean is not None:
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _nt(t) for t in row))
    return "\n".join(lines) + "\n"


def _nt(term: Identifier) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    text: str = term.n3()
    return text


def _html(result: SelectResult) -> str:
    if result.boolean is not None:
        body = f"<p>{'true' if result.boolean else 'false'}</p>"
    else:
        head = "".join(f"<th>{escape(v)}</th>" for v in result.variables)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(_csv_value(t)) if t else ''}</td>" for t in r) + "</tr>"
            for r in result.rows
        )
        body = (
            f"<p>{len(result.rows)} rows</p><table><tr>{head}</tr>{rows}</table>"
            '<p><a href="/">back</a></p>'
        )
    return _page("Query result", body)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


PAGE_CSS = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;"
    "text-align:left;vertical-align:top}code,pre,textarea{font:13px monospace}"
    "textarea{width:100%;height:14em}.q{margin:.4em 0}"
)

_ROW_WRITERS: dict[str, Callable[[SelectResult], str]] = {
    "application/sparql-results+json": _json,
    "application/sparql-results+xml": _xml,
    "text/csv": _csv,
    "text/tab-separated-values": _tsv,
    "text/html": _html,
}


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML page (inline style, no external resources)."""
    return _page(title, body)
