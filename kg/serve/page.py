"""The HTML page ``kg serve`` shows at ``/``: the query library and a query box.

Self-contained (inline style, no scripts, no external resources); every value
taken from the library or the request is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from kg.query.library import QueryInfo
from kg.serve.formats import page

_FORMATS = ("html", "json", "xml", "csv", "tsv", "turtle", "nt", "json-ld")
DEFAULT_QUERY = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?label WHERE { ?entity skos:prefLabel ?label } LIMIT 20"""


def _format_select() -> str:
    options = "".join(f"<option>{name}</option>" for name in _FORMATS)
    return f'<select name="format" aria-label="format">{options}</select>'


def _entry(query: QueryInfo) -> str:
    name = escape(query.name)
    inputs = "".join(
        f'<label>{escape(p.name)} <input name="{escape(p.name)}"'
        f"{' required' if p.required else ''}"
        f' placeholder="{escape(p.default or p.type)}" title="{escape(p.description)}"></label> '
        for p in query.params
    )
    items = "".join(
        f"<li><code>{escape(p.usage())}</code> {escape(p.description)}</li>" for p in query.params
    )
    params = f"<ul>{items}</ul>" if items else ""
    example = f"<div><code>{escape(query.example)}</code></div>" if query.example else ""
    return (
        f'<div class="q" id="q-{name}"><h3>{name} — {escape(query.title)}</h3>'
        f"<div>{escape(query.description)}</div>{params}{example}"
        f'<form method="get" action="/queries/{quote(query.name)}">{inputs}{_format_select()} '
        f'<button>run</button> <a href="/?name={quote(query.name)}">show SPARQL</a></form></div>'
    )


def library_page(queries: list[QueryInfo], *, selected: str | None, updates: bool) -> str:
    """The home page: a query box (prefilled with ``selected``'s text) and the library."""
    chosen = next((q for q in queries if q.name == selected), None)
    text = chosen.sparql if chosen is not None else DEFAULT_QUERY
    mode = "read-write (updates need a bearer token)" if updates else "read-only"
    body = (
        "<h1>kg SPARQL endpoint</h1>"
        f"<p>SPARQL 1.1 Protocol at <code>/sparql</code> ({mode}). "
        "Ask with GET or POST; pick JSON, XML, CSV or TSV results (Turtle, N-Triples or "
        "JSON-LD for CONSTRUCT) with <code>Accept</code> or <code>format</code>.</p>"
        '<form method="get" action="/sparql">'
        f'<textarea name="query" aria-label="SPARQL query">{escape(text)}</textarea>'
        f"<p>{_format_select()} <button>run</button></p></form>"
        f"<h2>Query library ({len(queries)})</h2>"
        "<p>Run one with its parameters bound safely: <code>/queries/NAME?param=value</code>.</p>"
        + "".join(_entry(q) for q in queries)
    )
    return page("kg SPARQL endpoint", body)
