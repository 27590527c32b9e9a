"""Shared helpers for the robustness tests: invented corpora, kg in a subprocess, checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kg.graph.namespaces import KGG
from kg.store import Store, open_store

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "robustness"

_COMPANIES = [
    "Zephyr Robotics", "Brightwave Labs", "Tidewater Systems", "Quillfeather Analytics",
    "Harrow Biotech", "Lumenfield Energy", "Corvid Logistics", "Saltmarsh Foods",
]  # fmt: skip
_INVESTORS = [
    "Northwind Capital", "Oakridge Venture Partners", "Bluefin Ventures", "Granite Peak Capital",
]  # fmt: skip


def invented_article(i: int) -> str:
    """A small English article (front matter + two facts) that differs for every ``i``."""
    company = _COMPANIES[i % len(_COMPANIES)]
    investor = _INVESTORS[(i // len(_COMPANIES)) % len(_INVESTORS)]
    other = _COMPANIES[(i + 3) % len(_COMPANIES)]
    return (
        "---\n"
        f"url: https://news.example.org/invented/{i}\n"
        f"published: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
        "lang: en\n"
        "---\n"
        f"{investor} said that it has invested {i + 1} million euros in {company}.\n"
        f"{company} said on Tuesday that it signed a partnership with {other}.\n"
    )


def write_corpus(folder: Path, count: int) -> Path:
    """Write ``count`` invented articles into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:04d}.txt").write_text(invented_article(i), encoding="utf-8")
    return folder


def kg_command(store: Path | str, *args: str, debug: bool = False) -> list[str]:
    """The argv of ``kg [--debug] --store STORE ARGS…`` run with this interpreter."""
    return [
        sys.executable,
        "-m",
        "kg",
        *(["--debug"] if debug else []),
        "--store",
        str(store),
        *args,
    ]


def run_kg(store: Path | str, *args: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    """Run kg to completion in a subprocess."""
    return subprocess.run(
        kg_command(store, *args, debug=debug), capture_output=True, text=True, cwd=ROOT, env=_env()
    )


def start_kg(store: Path, *args: str) -> subprocess.Popen[str]:
    """Start kg in a subprocess; stderr is a pipe read line by line."""
    return subprocess.Popen(
        kg_command(store, *args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KG_STORE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def wait_for_line(proc: subprocess.Popen[str], prefix: str, nth: int = 1) -> bool:
    """Read the process's stderr until the ``nth`` line starting with ``prefix``.

    Bounded by the output itself: returns False when stderr ends (the process exited)
    before that line appeared.
    """
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        if line.startswith(prefix):
            seen += 1
            if seen == nth:
                return True
    return False


_ARTICLE_GRAPHS = f"""PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?g
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?hash) AS ?hashes)
  (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?own) AS ?own_claims)
WHERE {{
  {{ SELECT DISTINCT ?g WHERE {{
      GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KGG}article/"))
  }} }}
  OPTIONAL {{ GRAPH ?g {{ ?article a kg:Article ; kg:contentHash ?hash }} }}
  OPTIONAL {{ GRAPH ?g {{ ?claim a kg:Claim }} }}
  OPTIONAL {{
    GRAPH ?g {{ ?own a kg:Claim ; prov:wasDerivedFrom ?from ;
                   kg:evidence ?ev ; kg:evidenceStart ?b ; kg:evidenceEnd ?e .
               ?from a kg:Article }}
  }}
}} GROUP BY ?g"""


def article_health(store: Store) -> dict[str, tuple[int, int, int, int]]:
    """Per article graph: (Article nodes, content hashes, claims, whole own claims)."""
    result = store.query(_ARTICLE_GRAPHS)
    return {
        str(g): tuple(int(v.toPython()) for v in rest)  # type: ignore[union-attr,misc]
        for g, *rest in result.rows  # type: ignore[union-attr]
    }


def assert_whole_articles(location: Path) -> tuple[int, int]:
    """Open the store and check every article graph is whole; return (articles, triples)."""
    store = open_store(location)
    try:
        health = article_health(store)
        broken = {
            g: counts
            for g, counts in health.items()
            if counts[0] != 1 or counts[1] != 1 or counts[2] != counts[3]
        }
        assert not broken, f"half-written articles (articles, hashes, claims, whole): {broken}"
        return len(health), store.stats().triples
    finally:
        store.close()
