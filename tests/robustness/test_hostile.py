"""Hostile content: SPARQL- and HTML-shaped text in articles, names and parameters.

The rule extractor does not read ``Foo" . } DROP ALL {`` as one company name, so the
entity with that exact label is made by a small extractor plugged into the public
``build(extractor=...)`` hook: the name then goes through resolution, RDF, the store
(insert *and* the SPARQL UPDATE of a forced replace), the query library and the view.

Path rule: ``kg export/view --output`` writes exactly where the user says (relative
paths included, like any Unix tool); no value read from an article ever becomes a path,
so building hostile articles writes nothing outside the store.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from robust_support import DATA
from typer.testing import CliRunner

from kg.cli import app
from kg.extract import RuleExtractor
from kg.model import Claim, Document, Mention
from kg.pipeline import build
from kg.store import open_store

runner = CliRunner()
NAME = 'Foo" . } DROP ALL {'
HOSTILE = f"""---
title: <script>alert(1)</script> {NAME} news
url: javascript://evil.example/%0Aalert(document.cookie)
published: 2024-03-01
lang: en
---
{NAME} said that it has invested 5 million dollars in Zephyr Robotics <script>alert(1)</script>.
Northwind Capital acquired <img src=x onerror=alert(1)> Tidewater Systems.
"""
#: Front matter that looks like paths: none of them may be created.
PATHY = """---
title: ../../escaped.txt
url: file://localhost/tmp/kg-hostile-escape.txt
lang: en
---
Granite Peak Capital said that it has invested 2 million euros in Harrow Biotech.
"""


class HostileNames(RuleExtractor):
    """The rule extractor, plus one claim whose subject is the hostile name verbatim."""

    def extract(self, doc: Document) -> list[Claim]:
        claims = super().extract(doc)
        at = doc.text.find(NAME)
        if at < 0:
            return claims
        zephyr = doc.text.index("Zephyr Robotics")
        end = doc.text.index("\n", at)
        subject = Mention(NAME, at, at + len(NAME), "Company")
        target = Mention("Zephyr Robotics", zephyr, zephyr + 15, "Company")
        extra = Claim(
            doc.doc_id, subject, "investsIn", target, doc.text[at:end], at, end, 0.9, "test"
        )
        return [*claims, extra]


def rows(result) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return [dict(zip(result.variables, map(str, row), strict=True)) for row in result.rows]


def snapshot(location: Path) -> set[tuple[str, str, str, str]]:
    """Every quad of the article graphs, as text (the ontology graph is rewritten each build)."""
    store = open_store(location)
    try:
        result = store.query(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }"
            ' FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg/graph/article/")) }'
        )
        return {tuple(map(str, row)) for row in result.rows}  # type: ignore[union-attr,misc]
    finally:
        store.close()


@pytest.fixture
def built(tmp_path: Path) -> dict[str, Path]:
    """A store with the good corpus, then the hostile article added (and force-replaced)."""
    good = DATA / "corpus"
    hostile = tmp_path / "news" / "hostile.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    (hostile.parent / "pathy.txt").write_text(PATHY, encoding="utf-8")
    location = tmp_path / "store"
    store = open_store(location)
    try:
        build([good], store)
    finally:
        store.close()
    before = snapshot(location)
    for force in (False, True):  # the second pass replaces through a SPARQL UPDATE
        store = open_store(location)
        try:
            report = build([hostile.parent], store, extractor=HostileNames(), force=force)
        finally:
            store.close()
        assert not report.skipped, report.skipped
    after = snapshot(location)
    new_graphs = {quad[0] for quad in after - before}
    assert before <= after, "the hostile build removed or changed earlier data"
    assert len(new_graphs) == 2 and all("/graph/article/" in g for g in new_graphs)
    return {"store": location, "news": hostile.parent, "root": tmp_path}


def test_hostile_name_is_stored_as_a_literal_and_found_by_param(built: dict[str, Path]) -> None:
    location = built["store"]
    before = snapshot(location)
    result = runner.invoke(
        app, ["--store", str(location), "query", "investments", "--param", f"investor={NAME}",
              "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Zephyr Robotics" in result.stdout
    facts = runner.invoke(app, ["--store", str(location), "query", "facts", "--format", "csv"])
    assert facts.exit_code == 0, facts.output
    subjects = {row["subject"] for row in csv.DictReader(io.StringIO(facts.stdout))}
    assert NAME in subjects
    assert snapshot(location) == before


@pytest.mark.parametrize(
    "value",
    [
        NAME,
        'x" } ; DROP ALL ; INSERT DATA { <a:b> <a:b> "c" } #',
        "> } DELETE WHERE { ?s ?p ?o } #",
        "<https://w3id.org/kg/id/entity/zephyr-robotics>",
        "?company",
    ],
)
def test_param_values_cannot_change_data(built: dict[str, Path], value: str) -> None:
    location = built["store"]
    before = snapshot(location)
    for query in ("investors", "mentions"):
        key = "article" if query == "mentions" else "company"
        result = runner.invoke(
            app, ["--store", str(location), "query", query, "--param", f"{key}={value}"]
        )
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert snapshot(location) == before


def test_view_shows_hostile_text_only_escaped(built: dict[str, Path]) -> None:
    out = built["root"] / "graph.html"
    result = runner.invoke(app, ["--store", str(built["store"]), "view", "--output", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL
    )
    assert data is not None, "the explorer's JSON data block is missing"
    block = data.group(1)
    assert "<" not in block and ">" not in block
    assert "\\u003cscript\\u003ealert(1)" in block and "onerror=alert(1)" in block
    assert "DROP ALL" in block
    outside = page.replace(data.group(0), "")
    for raw in ("<script>alert", "<img src=x", "onerror=alert", "javascript://evil"):
        assert raw not in outside, raw


def test_view_around_the_hostile_entity(built: dict[str, Path]) -> None:
    out = built["root"] / "around.html"
    result = runner.invoke(
        app, ["--store", str(built["store"]), "view", "--around", NAME, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None and "&quot;" in title.group(1) and '"' not in title.group(1)


def test_export_writes_exactly_where_asked_and_articles_write_nothing(
    built: dict[str, Path], tmp_path: Path
) -> None:
    root = built["root"]
    inside = root / "work"
    inside.mkdir()
    cwd = os.getcwd()
    os.chdir(inside)
    try:
        result = runner.invoke(
            app, ["--store", str(built["store"]), "export", "--output", "../outside.ttl"]
        )
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert (root / "outside.ttl").is_file()  # the user's own relative path is honoured
    assert "DROP ALL" in (root / "outside.ttl").read_text(encoding="utf-8")
    # nothing named by front matter exists anywhere kg could have written it
    for suspect in (
        root / "escaped.txt",
        root.parent / "escaped.txt",
        built["news"].parent / "escaped.txt",
        Path("/tmp/kg-hostile-escape.txt"),
    ):
        assert not suspect.exists(), suspect
    written = {p.name for p in root.rglob("*") if p.is_file() and "store" not in p.parts}
    assert written == {"hostile.txt", "pathy.txt", "outside.ttl"}
