"""Open the written explorer in real headless Chromium and check that it ran, safely."""

from __future__ import annotations

import json
import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.graph.namespaces import KG
from kg.view import write_html

CHROMIUM = Path("/usr/bin/chromium")
NIMBUS = "https://w3id.org/kg/id/entity/nimbus-works"

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI") != "true",
        reason="needs /usr/bin/chromium (never skipped when CI=true)",
    ),
]


class _Dom(HTMLParser):
    """Attributes of the elements the test looks at, from Chromium's dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.body: dict[str, str | None] = {}
        self.imgs: list[dict[str, str | None]] = []
        self.links: list[str | None] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.by_id[str(found["id"])] = found
        if tag == "body":
            self.body = found
        elif tag == "img":
            self.imgs.append(found)
        elif tag == "a":
            self.links.append(found.get("href"))
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> tuple[str, _Dom]:
    """Run the page in headless Chromium and return the DOM after its scripts ran."""
    profile = tmp_path / "profile"
    try:
        result = _run(profile, page.resolve().as_uri() + fragment)
    except subprocess.TimeoutExpired:
        pytest.fail("Chromium did not finish: did the page open a dialog (alert)?")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    return result.stdout, dom


def _run(profile: Path, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def painted(dom: _Dom) -> int:
    """Non-transparent pixels of the network canvas, as counted by the page after drawing."""
    value = dom.by_id["kg-status"].get("data-painted")
    assert value is not None, "the page never finished drawing (no data-painted)"
    return int(value)


def test_explorer_draws_every_node(tmp_path: Path, small: Graph) -> None:
    page = write_html(
        small, tmp_path / "small.html", focus="https://w3id.org/kg/id/entity/aurora-robotics"
    )
    html, dom = dump_dom(page, tmp_path)
    status = dom.by_id["kg-status"]
    assert (status["data-nodes"], status["data-edges"]) == ("13", "15")
    assert (status["data-visible-nodes"], status["data-visible-edges"]) == ("13", "15")
    # 13 shapes, 15 edges and their labels: thousands of pixels, not a blank canvas
    assert painted(dom) > 5000
    assert str(status.get("data-first-draw-ms")).isdigit()  # what benchmarks/browser.py reads
    assert dom.by_id["kg-panel"]["data-selected"] == "https://w3id.org/kg/id/entity/aurora-robotics"
    assert "Borealis Capital invested 50 million euros in Aurora Robotics." in html
    assert "https://news.example/a1" in dom.links
    assert "canvas" in html


def test_folded_deals_and_pagerank_sizes_are_drawn(tmp_path: Path, small: Graph) -> None:
    page = write_html(small, tmp_path / "folded.html", fold_deals=True, size="pagerank")
    _, dom = dump_dom(page, tmp_path)
    status = dom.by_id["kg-status"]
    # the deal node and its two role edges go; the review becomes one edge per party
    assert (status["data-nodes"], status["data-edges"]) == ("12", "14")
    assert (status["data-visible-nodes"], status["data-visible-edges"]) == ("12", "14")
    assert painted(dom) > 3000  # thousands of pixels: drawn, not a blank canvas


def test_edge_panel_from_the_url(tmp_path: Path, small: Graph) -> None:
    page = write_html(small, tmp_path / "small.html")
    html, dom = dump_dom(page, tmp_path, "#edge=e0")
    assert dom.by_id["kg-panel"]["data-selected"] == "e0"
    assert dom.by_id["kg-status"]["data-nodes"] == "13"


def test_blank_canvas_counts_zero(tmp_path: Path, small: Graph) -> None:
    """Negative control: when the network box collapses, nothing is drawn and the count says 0."""
    page = write_html(small, tmp_path / "small.html")
    text = page.read_text(encoding="utf-8")
    broken = text.replace(
        "</style>\n</head>", "#kg-network { height: 0 !important; }</style>\n</head>"
    )
    assert broken != text
    page.write_text(broken, encoding="utf-8")
    _, dom = dump_dom(page, tmp_path)
    assert dom.by_id["kg-status"]["data-nodes"] == "13"  # the data loaded ...
    assert painted(dom) == 0  # ... but no pixel reached the canvas


def test_hostile_payload_does_not_run(tmp_path: Path, hostile: Graph) -> None:
    page = write_html(hostile, tmp_path / "hostile.html", focus=NIMBUS, title="Hostile")
    html, dom = dump_dom(page, tmp_path)
    assert dom.by_id["kg-status"]["data-nodes"] == "2"  # the page ran ...
    assert dom.by_id["kg-panel"]["data-selected"] == NIMBUS  # ... and showed the evidence
    assert dom.title == "Hostile"  # no injected script set document.title
    assert "data-pwned" not in dom.body  # no onerror handler ran
    assert dom.imgs == []  # the <img> in the evidence stayed text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert not any(link and link.lower().startswith("javascript:") for link in dom.links)


AURORA = "https://w3id.org/kg/id/entity/aurora-robotics"
A2 = "https://w3id.org/kg/id/article/a2"
ALL_CLASSES = "Company,InvestmentFirm,Regulator,GovernmentBody,Person,Place,Product,Deal,Valuation"


def shown(dom: _Dom) -> tuple[int, int]:
    """Nodes and edges the page left visible after applying its filters."""
    status = dom.by_id["kg-status"]
    return int(status["data-visible-nodes"] or -1), int(status["data-visible-edges"] or -1)


@pytest.mark.parametrize(
    ("fragment", "expected", "stated"),
    [
        ("#props=investsIn", (5, 3), "properties: invests in | 8 unconnected nodes hidden"),
        ("#since=2024-01", (10, 11), "dates: 2024-01 to … | 3 unconnected nodes hidden"),
        ("#until=2023-12", (5, 4), "dates: … to 2023-12 | 8 unconnected nodes hidden"),
        (
            "#source=" + A2.replace(":", "%3A").replace("/", "%2F"),
            (5, 4),
            "source: Cobalt Systems and its backers | 8 unconnected nodes hidden",
        ),
        (f"#focus={AURORA}&hops=1", (9, 10), "focus: Aurora Robotics (1 hop)"),
        (f"#focus={AURORA}&hops=2", (12, 14), "focus: Aurora Robotics (2 hops)"),
        ("#hide=Deal", (11, 12), "classes hidden: Deal | 1 unconnected node hidden"),
    ],
)
def test_filters_from_the_url_are_applied_and_stated(
    tmp_path: Path, small: Graph, fragment: str, expected: tuple[int, int], stated: str
) -> None:
    page = write_html(small, tmp_path / "small.html")
    _, dom = dump_dom(page, tmp_path, fragment)
    assert shown(dom) == expected
    assert dom.by_id["kg-filters"]["data-active"] == stated
    assert painted(dom) > 1000


def test_nothing_shown_nothing_painted(tmp_path: Path, small: Graph) -> None:
    page = write_html(small, tmp_path / "small.html")
    _, dom = dump_dom(page, tmp_path, "#hide=" + ALL_CLASSES)
    assert shown(dom) == (0, 0)
    assert painted(dom) == 0


def test_unconnected_nodes_hidden_until_asked(tmp_path: Path, small: Graph) -> None:
    lonely = Graph() + small
    zephyr = URIRef("https://w3id.org/kg/id/entity/zephyr-ltd")
    lonely.add((zephyr, RDF.type, KG.Company))
    lonely.add((zephyr, SKOS.prefLabel, Literal("Zephyr Ltd")))
    page = write_html(lonely, tmp_path / "lonely.html")
    _, dom = dump_dom(page, tmp_path)
    assert dom.by_id["kg-status"]["data-nodes"] == "14"
    assert shown(dom) == (13, 15)
    assert dom.by_id["kg-filters"]["data-active"] == "1 unconnected node hidden"
    _, dom = dump_dom(page, tmp_path, "#unconnected=1")
    assert shown(dom) == (14, 15)
    assert dom.by_id["kg-filters"]["data-active"] == ""
    # a search hit that is hidden is brought back rather than silently ignored
    _, dom = dump_dom(_with_driver(page, _SEARCH_ZEPHYR), tmp_path)
    assert shown(dom) == (14, 15)
    assert dom.by_id["kg-panel"]["data-selected"] == str(zephyr)


_SEARCH_ZEPHYR = """
var search = document.getElementById("kg-search");
search.value = "zephyr";
search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
"""

_CLICK_THROUGH = """
var kgStatus = document.getElementById("kg-status");
var steps = [];
function snap(name) {
  steps.push(name + "=" + kgStatus.getAttribute("data-visible-nodes") + "/" +
    kgStatus.getAttribute("data-visible-edges") + " [" +
    document.getElementById("kg-filters").getAttribute("data-active") + "]");
}
snap("start");
document.getElementById("kg-focus").click();
snap("focus");
var box = document.querySelector('input[data-property="develops"]');
box.checked = false;
box.dispatchEvent(new Event("change"));
snap("develops-off");
document.getElementById("kg-reset").click();
snap("reset");
document.body.setAttribute("data-steps", steps.join("; "));
document.body.setAttribute("data-develops", String(box.checked));
"""


def _with_driver(page: Path, script: str) -> Path:
    """A copy of the page with a test script run after the explorer's own (clicks, typing)."""
    text = page.read_text(encoding="utf-8")
    driven = page.with_name("driven-" + page.name)
    driven.write_text(
        text.replace("</body>", f"<script>(function () {{{script}}})();</script></body>"), "utf-8"
    )
    return driven


def test_focus_button_property_box_and_reset(tmp_path: Path, small: Graph) -> None:
    page = write_html(small, tmp_path / "small.html", focus=AURORA)
    _, dom = dump_dom(_with_driver(page, _CLICK_THROUGH), tmp_path)
    assert str(dom.body["data-steps"]).split("; ") == [
        "start=13/15 []",
        "focus=9/10 [focus: Aurora Robotics (1 hop)]",
        "develops-off=8/9 [properties: invests in, partners with, reviews, founded by, CEO of,"
        " headquartered in, available on, supports, valued at, investor, investee"
        " | focus: Aurora Robotics (1 hop)]",
        "reset=13/15 []",
    ]
    assert dom.body["data-develops"] == "true"  # reset ticked the box again
    assert "kg-panel" in dom.by_id and "data-selected" not in dom.by_id["kg-panel"]
    assert painted(dom) > 5000


def test_the_panel_says_how_many_claims_were_left_out(tmp_path: Path, many_dir: Path) -> None:
    from kg.store import open_store
    from kg.view import build_view

    store = open_store(many_dir)
    try:
        page = build_view(store, tmp_path / "many.html", around="Nimbus Foods", evidence=3).path
    finally:
        store.close()
    data = json.loads(page.read_text("utf-8").split('id="kg-data">', 1)[1].split("</script>")[0])
    index = {
        (f["property"], f["subject"].rsplit("/", 1)[1]): i for i, f in enumerate(data["facts"])
    }
    edge = {e["fact"]: e["id"] for e in data["edges"]}
    html, dom = dump_dom(page, tmp_path, "#edge=" + edge[index[("investsIn", "orla-ventures")]])
    assert "showing 3 of 8 claims \u00b7 7 sources in all" in html
    assert "Orla Ventures led the Nimbus Foods round (b5)." in html  # the most confident
    assert "Orla Ventures may have invested in Nimbus Foods (b6)." not in html  # the least
    hq, _ = dump_dom(page, tmp_path, "#edge=" + edge[index[("headquarteredIn", "nimbus-foods")]])
    assert "Nimbus Foods, based in Port Aster (b1)." in hq  # both claims carried ...
    assert "The Port Aster company Nimbus Foods (b2)." in hq
    assert " claims \u00b7 " not in hq  # ... so no "showing k of n" line
