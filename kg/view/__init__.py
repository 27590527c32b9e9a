"""A subgraph as one self-contained HTML page (pyvis / vis-network, no CDN).

pyvis builds the nodes and edges; the page itself comes from kg's own small
template, which inlines the vis-network script and style shipped inside pyvis,
so the file opens offline and loads nothing from the network. Graph text is
embedded as JSON (``<``, ``>`` and ``&`` escaped) and reaches the DOM only as
text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.errors import KgError
from kg.network import MEASURES, check_measure
from kg.store.base import Store
from kg.subgraph import Cut, select
from kg.subgraph.direct import read_records
from kg.subgraph.evidence import EVIDENCE_PER_FACT
from kg.view.payload import MAX_NODES, PAGE_LIMIT, Explorer, build_explorer, explorer_from_records

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def _package_text(name: str) -> str:
    return resources.files("kg.view").joinpath(name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """vis-network's bundled script or style from the installed pyvis package."""
    text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    # an inline <script>/<style> ends at the first "</script" / "</style"
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def json_for_script(value: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> json_for_script({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options() -> dict[str, object]:
    """vis-network options: a fixed precomputed layout, labels readable at the first zoom."""
    return {
        "autoResize": True,
        "physics": {
            "enabled": False,
            "stabilization": {"iterations": 150},
            "barnesHut": {"springLength": 150, "avoidOverlap": 0.3},
        },
        "interaction": {"hover": True, "navigationButtons": False, "multiselect": False},
        "layout": {"improvedLayout": False},
        "edges": {
            "font": {"size": 14, "color": "#555", "align": "middle", "strokeWidth": 4},
            "scaling": {"label": {"drawThreshold": 8}},
            "color": {"color": "#9aa4b1", "highlight": "#333", "hover": "#333"},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.25},
            "arrows": {"to": {"scaleFactor": 0.6}},
        },
        "nodes": {
            "font": {"size": 26, "strokeWidth": 5, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 7, "maxVisible": 26}},
        },
    }


def _payload(
    explorer: Explorer, focus: str | None, scope: list[str] | None = None
) -> dict[str, object]:
    notes = list(scope or [])
    if explorer.folded:
        notes.append("deals folded into direct edges")
    if explorer.size_by != "degree":
        notes.append(f"node size by {explorer.size_by}")
    if explorer.ranked_by is not None:
        notes.append(truncation_note(explorer))
    return {
        "nodes": list(explorer.network.nodes),
        "edges": list(explorer.network.edges),
        "facts": explorer.facts,
        "classes": explorer.classes,
        "properties": explorer.properties,
        "articles": explorer.articles,
        "notes": notes,
        "sizeBy": explorer.size_by,
        "options": _options(),
        "focus": focus,
    }


def truncation_note(explorer: Explorer) -> str:
    """One line saying how many nodes the max_nodes cap left out, and how they were chosen."""
    kept = explorer.network.num_nodes()
    return (
        f"showing the {kept} most central of {explorer.total_nodes} nodes"
        f" (by {explorer.ranked_by}); {explorer.dropped} left out"
        " — narrow with --around/--types or raise --max-nodes"
    )


def render_html(
    graph: Graph,
    *,
    lang: str = "en",
    title: str | None = None,
    focus: str | None = None,
    max_nodes: int | None = None,
    size: str = "degree",
    fold_deals: bool = False,
) -> str:
    """The explorer page for ``graph`` as one HTML string.

    ``focus`` is the IRI of the node selected when the page opens (its facts shown);
    ``max_nodes`` keeps only the most central nodes when the graph has more;
    ``size`` sizes nodes by degree, pagerank or betweenness; ``fold_deals`` draws
    deal nodes as direct edges between their parties.
    """
    explorer = build_explorer(
        graph, lang=lang, max_nodes=max_nodes, size=size, fold_deals=fold_deals
    )
    return _page(explorer, lang=lang, title=title, focus=focus)


def _page(
    explorer: Explorer,
    *,
    lang: str,
    title: str | None,
    focus: str | None,
    scope: list[str] | None = None,
) -> str:
    nodes, edges = explorer.counts()
    heading = title or f"kg explorer — {nodes} nodes, {edges} edges"
    parts = {
        "LANG": html.escape(lang),
        "TITLE": html.escape(heading),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "CSS": _package_text("explorer.css"),
        "JS": _package_text("explorer.js"),
        "DATA": json_for_script(_payload(explorer, focus, scope)),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _package_text("explorer.html"))


def write_html(graph: Graph, path: str | Path, **kw: object) -> Path:
    """Write the explorer page for ``graph`` to ``path``; keyword options as render_html."""
    return _write(render_html(graph, **kw), path)  # type: ignore[arg-type]


def _write(page: str, path: str | Path) -> Path:
    target = Path(path)
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise KgError(f"{target}: cannot write the explorer ({exc.strerror})") from exc
    return target


@dataclass(frozen=True)
class ViewReport:
    """Where the explorer was written and what it shows."""

    path: Path
    nodes: int
    edges: int
    #: Set when --max-nodes left nodes out: the line the page and the CLI show.
    note: str | None = None


def describe_scope(
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
) -> list[str]:
    """The subgraph's restrictions in words, one item each, for the page header.

    >>> describe_scope(around="Mistral AI", hops=1, since="2024-01", min_confidence=0.8)
    ['around Mistral AI (1 hop)', 'facts since 2024-01', 'confidence ≥ 0.8']
    """
    found = []
    if around is not None:
        found.append(f"around {around} ({hops} hop{'' if hops == 1 else 's'})")
    if types is not None:
        found.append("types: " + ", ".join(types))
    if properties is not None:
        found.append("properties: " + ", ".join(properties))
    if since is not None and until is not None:
        found.append(f"facts from {since} to {until}")
    elif since is not None:
        found.append(f"facts since {since}")
    elif until is not None:
        found.append(f"facts until {until}")
    if min_confidence is not None:
        found.append(f"confidence ≥ {min_confidence:g}")
    if source is not None:
        found.append(f"source: {source}")
    return found


def build_view(
    store: Store,
    output: str | Path = "graph.html",
    *,
    around: str | None = None,
    hops: int = 2,
    lang: str = "en",
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
    max_nodes: int | None = MAX_NODES,
    size: str = "degree",
    fold_deals: bool = False,
    evidence: int | None = EVIDENCE_PER_FACT,
) -> ViewReport:
    """Write the explorer for the neighbourhood of ``around`` (None = whole graph).

    The filters are those of :func:`kg.subgraph.subgraph`; above ``max_nodes``
    nodes only the most central are kept and the page and report say so. A page
    never draws more than ``PAGE_LIMIT`` nodes, whatever ``max_nodes`` asks.
    Each fact carries at most ``evidence`` claims (most confident, then newest;
    None: all) and the true number of claims and sources, which the page shows.
    ``size`` and ``fold_deals`` are as in :func:`render_html`.
    """
    check_measure(size)
    clamped = max_nodes is None or max_nodes > PAGE_LIMIT
    if clamped:  # a bigger page would hang the browser: draw the best-connected part
        max_nodes = PAGE_LIMIT
    filters = {
        "types": None if types is None else list(types),
        "properties": None if properties is None else list(properties),
        "since": since,
        "until": until,
        "min_confidence": min_confidence,
        "source": source,
    }
    chosen = select(
        store,
        around=around,
        hops=hops,
        limit=max_nodes,
        **filters,  # type: ignore[arg-type]
    )
    cut = chosen.cut
    focus = str(chosen.focus) if chosen.focus is not None else None
    scope = describe_scope(around=around, hops=hops, **filters)  # type: ignore[arg-type]
    if cut is not None:
        scope.append(cut_note(cut))
    if clamped:
        scope.append(f"at most {PAGE_LIMIT} nodes are drawn on one page")
    title = f"kg explorer — {scope[0]}" if around is not None else None
    recs = read_records(chosen, lang=lang, fold_deals=fold_deals, evidence=evidence)
    explorer = explorer_from_records(recs, max_nodes=max_nodes, size=size, folded=fold_deals)
    page = _page(explorer, lang=lang, title=title, focus=focus, scope=scope)
    path = _write(page, output)
    notes = [cut_note(cut)] if cut is not None else []
    if explorer.ranked_by is not None:
        notes.append(truncation_note(explorer))
    return ViewReport(path, *explorer.counts(), note="; ".join(notes) or None)


def cut_note(cut: Cut) -> str:
    """One line saying which nodes a big request kept without reading the rest of the store."""
    return (
        f"showing {cut.kept} of {cut.total} nodes, chosen by {cut.by}"
        " — narrow with --around/--types or raise --max-nodes"
    )


__all__ = [
    "EVIDENCE_PER_FACT",
    "MAX_NODES",
    "MEASURES",
    "ViewReport",
    "build_view",
    "describe_scope",
    "json_for_script",
    "render_html",
    "write_html",
]
