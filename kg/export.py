"""A subgraph written as RDF, as a property graph (GraphML, GEXF, CSV) or as HTML.

The whole store in a quad format (N-Quads, TriG) is streamed by the store's own
``dump``, quad by quad, with every named graph kept: memory stays flat and the
file grows as the store is read. Otherwise RDF formats keep every triple of the
subgraph (rdflib serializers); the property-graph formats
keep the entities and fact edges (built by :func:`kg.network.to_networkx`),
with labels, classes and amounts as attributes, plus degree and PageRank on
every node in GraphML and GEXF, for tools such as Gephi or networkx.
"""

from __future__ import annotations

import csv
import enum
import importlib
import io
import os
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph
from rdflib.namespace import SKOS

from kg.errors import KgError
from kg.graph.namespaces import PREFIXES
from kg.network import flatten as _as_graph
from kg.network import to_networkx
from kg.store.base import DUMP_FORMATS, Store, one_line
from kg.subgraph import subgraph

#: Node measures the GraphML and GEXF exports carry as attributes.
EXPORT_MEASURES = ("degree", "pagerank")


class ExportFormat(enum.Enum):
    """Output formats of ``kg export``; the value is the usual file suffix."""

    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    html = "html"

    @classmethod
    def from_suffix(cls, name: str | Path) -> ExportFormat:
        """The format of a file name or a bare suffix (``x.ttl``, ``.jsonld``, ``turtle``).

        >>> ExportFormat.from_suffix("graph.TTL"), ExportFormat.from_suffix("json")
        (<ExportFormat.ttl: 'ttl'>, <ExportFormat.jsonld: 'jsonld'>)
        """
        text = str(name).strip().lower()
        suffix = text.rsplit(".", 1)[-1] if "." in text else text
        suffix = _ALIASES.get(suffix, suffix)
        try:
            return cls(suffix)
        except ValueError:
            known = ", ".join(f.value for f in cls)
            raise KgError(f"{name}: unknown export format (known: {known})") from None

    @property
    def is_rdf(self) -> bool:
        """Whether the format is an RDF serialization."""
        return self.value in _RDFLIB_NAMES

    @property
    def streams(self) -> bool:
        """Whether the whole store is exported in this format by streaming ``Store.dump``."""
        return self.value in DUMP_FORMATS


_WRITERS = {"html": "kg.view:render_html"}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json": "jsonld", "htm": "html"}
_RDFLIB_NAMES = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
}


def _rdf(data: Graph | Dataset, fmt: ExportFormat) -> str:
    name = _RDFLIB_NAMES[fmt.value]
    if fmt in (ExportFormat.nq, ExportFormat.trig) and not isinstance(data, Dataset):
        dataset = Dataset()
        for prefix, ns in PREFIXES.items():
            dataset.bind(prefix, ns)
        for triple in data:
            dataset.add(triple)
        data = dataset
    if fmt is ExportFormat.jsonld:
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        return data.serialize(format=name, context=context, indent=2)
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns, override=False)
    return data.serialize(format=name)


def _csv(data: Graph | Dataset) -> tuple[str, str]:
    """Nodes and edges tables as two CSV texts."""
    g = to_networkx(data)
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["id", "label", "class"])
    for n, attrs in g.nodes(data=True):
        w.writerow([n, attrs["label"], attrs["kgClass"]])
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["source", "target", "property", "label", "amount", "date", "sources"])
    for s, o, a in g.edges(data=True):
        w.writerow([s, o, a["property"], a["label"], a["amount"], a["date"], a["sources"]])
    return nodes.getvalue(), edges.getvalue()


def render(data: Graph | Dataset, fmt: ExportFormat) -> str:
    """The export as text (CSV: nodes table, a blank line, then the edges table)."""
    if fmt.is_rdf:
        return _rdf(data, fmt)
    if fmt is ExportFormat.html:
        # registry entry, imported on first use: kg.view is a sibling layer
        module, func = _WRITERS["html"].split(":")
        return getattr(importlib.import_module(module), func)(_as_graph(data))
    if fmt is ExportFormat.csv:
        return "\n".join(_csv(data))
    import networkx as nx

    g = to_networkx(data, measures=EXPORT_MEASURES)
    lines = nx.generate_graphml(g) if fmt is ExportFormat.graphml else nx.generate_gexf(g)
    return "\n".join(lines) + "\n"


def export(
    data: Graph | Dataset, fmt: ExportFormat | str, output: Path | None = None
) -> str | Path:
    """Write ``data`` in ``fmt`` to ``output`` and return the path, or return the text.

    CSV writes two files: ``output`` (nodes) and ``<stem>.edges.csv`` beside it.
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.from_suffix(fmt)
    if output is None:
        return render(data, fmt)
    output = Path(output)
    try:
        if fmt is ExportFormat.csv:
            nodes, edges = _csv(data)
            output.write_text(nodes, encoding="utf-8")
            output.with_name(output.stem + ".edges.csv").write_text(edges, encoding="utf-8")
        else:
            output.write_text(render(data, fmt), encoding="utf-8")
    except OSError as exc:
        raise KgError(f"{output}: cannot write the export ({exc.strerror})") from exc
    return output


def export_store(
    store: Store,
    fmt: ExportFormat | str,
    output: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    around: str | None = None,
    hops: int = 2,
) -> str | Path | BinaryIO:
    """Export the neighbourhood of ``around`` (None = the whole graph) from ``store``.

    ``output`` is a file path, a binary stream, or None to get the text back; the
    path or stream written is returned. The whole store in ``nq`` or ``trig`` is
    streamed by :meth:`Store.dump`: every quad of every named graph (articles,
    ontology, inferences), written while it is read.
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.from_suffix(fmt)
    if isinstance(output, str | os.PathLike):
        output = Path(output)
    if around is None and fmt.streams:
        return _dump(store, fmt, output)
    if output is None or isinstance(output, Path):
        return export(subgraph(store, around=around, hops=hops), fmt, output)
    output.write(render(subgraph(store, around=around, hops=hops), fmt).encode("utf-8"))
    return output


def _dump(store: Store, fmt: ExportFormat, output: Path | BinaryIO | None) -> str | Path | BinaryIO:
    """Stream the whole store; a failed export removes the file it had created."""
    if output is None:
        buffer = io.BytesIO()
        store.dump(buffer, fmt.value)
        return buffer.getvalue().decode("utf-8")
    if not isinstance(output, Path):
        store.dump(output, fmt.value)
        return output
    created = not output.exists()
    try:
        stream = output.open("wb")
    except OSError as exc:
        raise KgError(f"{output}: cannot write the export ({_reason(exc)})") from exc
    try:
        with stream:
            store.dump(stream, fmt.value)
    except BaseException as exc:
        if created:  # a half-written file of our own would pass for an export
            output.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise KgError(f"{output}: cannot write the export ({_reason(exc)})") from exc
        raise
    return output


def _reason(exc: OSError) -> str:
    return exc.strerror or one_line(exc)


def node_labels(graph: Graph) -> dict[str, str]:
    """IRI → preferred label of every labelled node (handy for reading exports)."""
    return {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel)}


__all__ = ["EXPORT_MEASURES", "ExportFormat", "export", "export_store", "render", "to_networkx"]
