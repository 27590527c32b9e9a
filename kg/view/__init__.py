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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.errors import KgError
from kg.store.base import Store
from kg.subgraph import resolve_entity, subgraph
from kg.view.payload import Explorer, build_explorer

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


def _payload(explorer: Explorer, focus: str | None) -> dict[str, object]:
    options = {
        "physics": {"enabled": False, "stabilization": {"iterations": 150}},
        "interaction": {"hover": True, "navigationButtons": False, "multiselect": False},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": {"type": "dynamic"}},
        "nodes": {"font": {"size": 13}},
    }
    return {
        "nodes": list(explorer.network.nodes),
        "edges": list(explorer.network.edges),
        "facts": explorer.facts,
        "classes": explorer.classes,
        "options": options,
        "focus": focus,
    }


def render_html(
    graph: Graph, *, lang: str = "en", title: str | None = None, focus: str | None = None
) -> str:
    """The explorer page for ``graph`` as one HTML string.

    ``focus`` is the IRI of the node selected when the page opens (its facts shown).
    """
    return _page(build_explorer(graph, lang=lang), lang=lang, title=title, focus=focus)


def _page(explorer: Explorer, *, lang: str, title: str | None, focus: str | None) -> str:
    nodes, edges = explorer.counts()
    heading = title or f"kg explorer — {nodes} nodes, {edges} edges"
    parts = {
        "LANG": html.escape(lang),
        "TITLE": html.escape(heading),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "CSS": _package_text("explorer.css"),
        "JS": _package_text("explorer.js"),
        "DATA": json_for_script(_payload(explorer, focus)),
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


def build_view(
    store: Store,
    output: str | Path = "graph.html",
    *,
    around: str | None = None,
    hops: int = 2,
    lang: str = "en",
) -> ViewReport:
    """Write the explorer for the neighbourhood of ``around`` (None = whole graph)."""
    graph = subgraph(store, around=around, hops=hops)
    focus = str(resolve_entity(store, around)) if around is not None else None
    title = f"kg explorer — {around} ({hops} hops)" if around is not None else None
    explorer = build_explorer(graph, lang=lang)
    path = _write(_page(explorer, lang=lang, title=title, focus=focus), output)
    return ViewReport(path, *explorer.counts())


__all__ = ["ViewReport", "build_view", "json_for_script", "render_html", "write_html"]
