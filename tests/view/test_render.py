"""kg.view: the page is self-contained, escapes graph text and carries the facts."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import pytest
from rdflib import Graph

from kg.errors import QueryError
from kg.view import render_html, write_html
from kg.view.payload import CLASS_STYLE, build_explorer, layout

AURORA = "https://w3id.org/kg/id/entity/aurora-robotics"


class _Refs(HTMLParser):
    """Collects tags, their src/href attributes and the JSON data block."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._in_data = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href"):
                self.refs.append((tag, name, value or ""))
        self._in_data = ("id", "kg-data") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def parse(page: str) -> _Refs:
    refs = _Refs()
    refs.feed(page)
    return refs


def payload(page: str) -> dict:
    return json.loads(parse(page).data)


def test_page_loads_nothing_from_the_network(small: Graph) -> None:
    page = render_html(small)
    refs = parse(page)
    assert refs.refs == []  # no src= or href= at all: scripts and styles are inline
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.I)
    cdn = r"//[\w.-]*(cdn|jsdelivr|unpkg|cloudflare|googleapis|bootstrap)"
    assert not re.search(cdn, page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", page, re.I)
    assert "vis.Network" in page and "vis-network" in page  # vis-network is inlined
    assert refs.tags.count("script") == 3


def test_nodes_edges_and_legend(small: Graph) -> None:
    data = payload(render_html(small))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert len(data["nodes"]) == 13 and len(data["edges"]) == 15
    aurora = by_id[AURORA]
    assert aurora["label"] == "Aurora Robotics" and aurora["aliases"] == ["Aurora"]
    assert (aurora["color"], aurora["shape"]) == CLASS_STYLE["Company"]
    regulator = by_id["https://w3id.org/kg/id/entity/competition-authority-of-ruritania"]
    assert (regulator["color"], regulator["shape"]) == CLASS_STYLE["Regulator"]
    assert aurora["size"] > regulator["size"]  # size grows with degree
    assert {c["name"] for c in data["classes"]} == {
        "Company", "InvestmentFirm", "Regulator", "GovernmentBody", "Person", "Place",
        "Product", "Deal", "Valuation",
    }  # fmt: skip
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    labels = {e["label"] for e in data["edges"]}
    assert {"invests in", "partners with", "reviews", "CEO of", "founded by"} <= labels


def test_edge_carries_fact_amount_date_and_evidence(small: Graph) -> None:
    data = payload(render_html(small))
    invest = [f for f in data["facts"] if f["property"] == "investsIn" and f["object"] == AURORA]
    assert len(invest) == 1
    (claim,) = invest[0]["claims"]
    assert claim["evidence"] == "Borealis Capital invested 50 million euros in Aurora Robotics."
    assert claim["amount"] == "50,000,000 EUR" and claim["date"] == "2024-03"
    assert claim["confidence"] == 0.9
    assert claim["article"] == {
        "title": "Borealis backs Aurora Robotics",
        "date": "2024-03-01",
        "url": "https://news.example/a1",
        "source": "a1.txt",
    }


def test_edge_width_counts_sources(small: Graph) -> None:
    doubled = Graph() + small
    from rdflib import URIRef
    from rdflib.namespace import PROV

    doubled.add((URIRef("https://w3id.org/kg/id/claim/c2b"), PROV.wasDerivedFrom,
                 URIRef("https://w3id.org/kg/id/article/a2")))  # fmt: skip
    for p, o in small.predicate_objects(URIRef("https://w3id.org/kg/id/claim/c2")):
        if p != PROV.wasDerivedFrom:
            doubled.add((URIRef("https://w3id.org/kg/id/claim/c2b"), p, o))
    explorer = build_explorer(doubled)
    widths = {e["kgProperty"]: e["width"] for e in explorer.network.edges}
    assert widths["partnersWith"] > widths["develops"]


def test_italian_labels(small: Graph) -> None:
    data = payload(render_html(small, lang="it"))
    assert "investe in" in {e["label"] for e in data["edges"]}


def test_hostile_text_is_escaped(hostile: Graph) -> None:
    page = render_html(hostile, title="<script>alert('t')</script>")
    block = page[page.index('id="kg-data">') : page.index("</script>", page.index('id="kg-data">'))]
    assert "<" not in block.split(">", 1)[1] and "&" not in block.split(">", 1)[1]
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
    data = payload(page)
    (fact,) = data["facts"]
    (claim,) = fact["claims"]
    assert "<img src=x onerror=alert(1)>" in claim["evidence"]  # kept as text
    assert claim["article"]["url"] is None  # javascript: never becomes a link
    assert claim["article"]["title"].startswith("<script>alert(1)</script>")


def test_write_html(tmp_path, small: Graph) -> None:
    path = write_html(small, tmp_path / "g.html", title="Aurora")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<title>Aurora</title>" in path.read_text(encoding="utf-8")


def test_layout_packs_components_apart_and_spreads_a_hub() -> None:
    hub = [f"leaf{i:02d}" for i in range(20)]
    pairs = [("hub", leaf) for leaf in hub] + [("a", "b")]
    pos = layout(["hub", *hub, "a", "b", "alone"], pairs)
    star = [pos[n] for n in ("hub", *hub)]
    box = (min(x for x, _ in star), max(x for x, _ in star))
    box_y = (min(y for _, y in star), max(y for _, y in star))

    def inside(p: tuple[float, float]) -> bool:
        return box[0] <= p[0] <= box[1] and box_y[0] <= p[1] <= box_y[1]

    assert not any(inside(pos[n]) for n in ("a", "b", "alone"))  # side by side, no overlap
    closest = min(math.dist(p, q) for i, p in enumerate(star) for q in star[i + 1 :])
    assert closest > 100  # the hub's 20 leaves are not piled on each other
    assert math.dist(pos["a"], pos["b"]) < 400  # but an edge stays short


def test_deals_are_drawn_smaller_than_entities(small: Graph) -> None:
    data = payload(render_html(small))
    deal = max(n["size"] for n in data["nodes"] if n["kgClass"] in ("Deal", "Valuation"))
    entity = min(n["size"] for n in data["nodes"] if n["kgClass"] not in ("Deal", "Valuation"))
    assert deal < entity
    assert data["options"]["physics"]["enabled"] is False


def test_filter_choices_come_with_the_page(small: Graph) -> None:
    data = payload(render_html(small))
    props = {p["name"]: p["count"] for p in data["properties"]}
    assert props["investsIn"] == 3 and props["develops"] == 2 and props["investor"] == 1
    assert [a["title"] for a in data["articles"]] == [
        "Cobalt Systems and its backers",  # 2023-11-15 first
        "Borealis backs Aurora Robotics",
    ]
    assert data["notes"] == []


def test_max_nodes_keeps_the_most_central(small: Graph) -> None:
    explorer = build_explorer(small, max_nodes=4)
    kept = {n["label"] for n in explorer.network.nodes}
    assert len(kept) == 4 and "Aurora Robotics" in kept and "Quasar Fund" not in kept
    assert (explorer.total_nodes, explorer.dropped, explorer.ranked_by) == (13, 9, "PageRank")
    ids = {n["id"] for n in explorer.network.nodes}
    assert all(f["subject"] in ids and f["object"] in ids for f in explorer.facts)
    assert [e["fact"] for e in explorer.network.edges] == list(range(len(explorer.facts)))
    data = payload(render_html(small, max_nodes=4))
    assert data["notes"] == [
        "showing the 4 most central of 13 nodes (by PageRank); 9 left out"
        " — narrow with --around/--types or raise --max-nodes"
    ]
    assert build_explorer(small, max_nodes=13).ranked_by is None  # at the cap: nothing dropped


DEAL = "https://w3id.org/kg/id/deal/aurora-robotics+borealis-capital"


def test_fold_deals_removes_deal_nodes_from_the_payload(small: Graph) -> None:
    data = payload(render_html(small, fold_deals=True))
    assert DEAL not in {n["id"] for n in data["nodes"]}
    assert "Deal" not in {n["kgClass"] for n in data["nodes"]}
    assert (len(data["nodes"]), len(data["edges"])) == (12, 14)  # 13 - deal; 15 - 2 roles + 1
    assert not {"investor", "investee"} & {e["kgProperty"] for e in data["edges"]}
    reviews = [f for f in data["facts"] if f["property"] == "reviews"]
    assert sorted(f["object"] for f in reviews) == [
        AURORA, "https://w3id.org/kg/id/entity/borealis-capital",
    ]  # fmt: skip
    assert {f["viaLabel"] for f in reviews} == {"Borealis Capital – Aurora Robotics"}
    assert reviews[0]["claims"][0]["evidence"] == (
        "The Competition Authority of Ruritania is looking at the investment."
    )
    assert data["notes"] == ["deals folded into direct edges"]


def test_node_size_by_degree_by_default(small: Graph) -> None:
    data = payload(render_html(small))
    size = {n["label"]: n["size"] for n in data["nodes"]}
    assert size["Aurora Robotics"] == 12 + 5 * 3  # 8 facts + the deal's investee edge
    assert size["Lumen City"] == 12 + 5 * 1
    assert data["sizeBy"] == "degree"


def test_node_size_by_a_chosen_measure(small: Graph) -> None:
    data = payload(render_html(small, size="betweenness"))
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["Lumen City"]["size"] == 12 and nodes["Lumen City"]["score"] == 0  # a leaf
    entities = [n for n in data["nodes"] if n["kgClass"] not in ("Deal", "Valuation")]
    assert max(entities, key=lambda n: n["size"])["label"] == "Aurora Robotics"
    assert data["sizeBy"] == "betweenness" and data["notes"] == ["node size by betweenness"]
    ranked = payload(render_html(small, size="pagerank"))
    biggest = max(ranked["nodes"], key=lambda n: n["size"])
    assert biggest["label"] == "Aurora Robotics"


def test_unknown_size_measure(small: Graph) -> None:
    with pytest.raises(QueryError) as err:
        render_html(small, size="closeness")
    assert str(err.value) == "unknown measure 'closeness' (choose degree, pagerank, betweenness)"
