"""Where the library questions spend their time on a big store, and what a read costs.

    python -m benchmarks.floors                                # 1M-triple graph, 3 repeats
    python -m benchmarks.floors --triples 200000 --repeat 1    # a quick look
    python -m benchmarks.floors --workdir /tmp/kg-floors --append docs/benchmarks.md

The harness (``benchmarks.run``) says which questions miss their target; this says why,
so the next change aims at the right cost. On the generated graph (``benchmarks.graph``)
bulk-loaded into an embedded store it measures:

- Oxigraph's unit costs: counting the claims (an index scan, nothing decoded), listing
  their IRIs (one string decoded per row), one bound lookup per claim, and a whole
  property column joined by hash;
- for every question in ``queries/``: the whole call as ``kg query`` makes it (rows
  converted to rdflib terms), the same without its final ``ORDER BY``, the evaluation
  alone (``COUNT(*)`` over the unordered query: no row leaves Oxigraph), and the whole
  query on an in-memory Oxigraph copy of the store (no RocksDB reads).

Medians over ``--repeat`` runs. By hand only: nothing here is collected by pytest. Work
files go to ``--workdir`` (default: a temporary folder, removed at the end).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.graph import write_graph
from benchmarks.run import NEIGHBOURHOOD, machine, question_values

HEADING = "## Floors of the library questions"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def split_prologue(sparql: str) -> tuple[str, str]:
    """(PREFIX lines and comments, the query from its first ``SELECT`` line)."""
    parts = re.split(r"(?m)^SELECT", sparql, maxsplit=1)
    if len(parts) != 2:
        raise ValueError("not a SELECT query")
    return parts[0], "SELECT" + parts[1]


def unordered(body: str) -> str:
    """``body`` without its final top-level ``ORDER BY`` (unchanged when it has none)."""
    text = body.rstrip()
    at = text.rfind("\nORDER BY")
    if at < 0 or "}" in text[at:]:
        return text
    return text[:at]


def counted(body: str, params: list[str]) -> str:
    """``body`` (unordered) as a subquery whose rows are only counted.

    The parameters stay projected, so the store can substitute them as in ``body``.
    """
    names = "".join(f"?{name} " for name in params)
    group = f"\nGROUP BY {names}" if params else ""
    return f"SELECT {names}(COUNT(*) AS ?rows) WHERE {{\n{{\n{body}\n}}\n}}{group}"


def unit_costs(db: object, repeat: int) -> list[tuple[str, float, int]]:
    """(what, ms, rows) for Oxigraph's basic reads on the claims of the store."""
    from kg.graph.namespaces import PREFIXES

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    probes = [
        (
            "count the claims (index scan, nothing decoded)",
            "SELECT (COUNT(*) AS ?k) WHERE { ?c a kg:Claim }",
        ),
        ("list the claim IRIs (one string decoded a row)", "SELECT ?c WHERE { ?c a kg:Claim }"),
        (
            "5,000 claims, counted",
            "SELECT (COUNT(*) AS ?k) WHERE { { SELECT ?c WHERE { ?c a kg:Claim } LIMIT 5000 } }",
        ),
        (
            "5,000 claims + one bound lookup each (kg:date), counted",
            "SELECT (COUNT(*) AS ?k) WHERE { { SELECT ?c WHERE { ?c a kg:Claim } LIMIT 5000 }"
            " ?c kg:date ?d }",
        ),
        (
            "5,000 claims + every property of each (one prefix scan), counted",
            "SELECT (COUNT(*) AS ?k) WHERE { { SELECT ?c WHERE { ?c a kg:Claim } LIMIT 5000 }"
            " ?c ?p ?v }",
        ),
        (
            "every claim joined with its subject by lookup, counted",
            "SELECT (COUNT(*) AS ?k) WHERE { ?c a kg:Claim ; rdf:subject ?s }",
        ),
        (
            "every claim joined with its subject by hash, counted",
            "SELECT (COUNT(*) AS ?k) WHERE { { SELECT ?c WHERE { ?c a kg:Claim } }"
            " { SELECT ?c ?s WHERE { ?c rdf:subject ?s } } }",
        ),
    ]
    found = []
    for what, sparql in probes:
        rows: list = []

        def run(text: str = prologue + sparql, rows: list = rows) -> None:
            rows[:] = list(db.query(text, use_default_graph_as_union=True))  # type: ignore[attr-defined]

        ms = median_ms(run, repeat)
        n = len(rows)
        if n == 1 and "COUNT" in sparql:
            n = int(rows[0][0].value)
        found.append((what, ms, n))
    return found


def question_costs(store: object, memory: object, info: object, repeat: int) -> list[list[str]]:
    """Table rows: question, rows, target, whole, unordered, evaluation only, in memory."""
    from kg.query.library import list_queries
    from kg.query.params import bind_params

    table = []
    for q in list_queries():
        bindings = bind_params(store, q, question_values(q, info))  # type: ignore[arg-type]
        prologue, body = split_prologue(q.sparql)
        rows: list = []

        def timed(where: object, text: str, b: dict = bindings, rows: list = rows) -> float:
            """Median ms of ``text`` run by ``where`` (a kg store) with the parameters."""

            def call() -> None:
                rows[:] = where.query(text, b).rows  # type: ignore[attr-defined]

            return median_ms(call, repeat)

        full = timed(store, q.sparql)
        n = len(rows)
        no_order = timed(store, prologue + unordered(body))
        evaluation = timed(store, prologue + counted(unordered(body), list(bindings)))
        in_memory = timed(memory, q.sparql)
        limit = 300 if q.name in NEIGHBOURHOOD else 100
        table.append(
            [
                q.name,
                f"{n:,}",
                f"≤ {limit} ms",
                f"{full:.0f} ms",
                f"{no_order:.0f} ms",
                f"{evaluation:.0f} ms",
                f"{in_memory:.0f} ms",
            ]
        )
        print(" | ".join(table[-1]), flush=True)
    return table


def run(args: argparse.Namespace, work: Path) -> str:
    """Generate and load the graph, measure, and return the markdown section."""
    import pyoxigraph as ox

    from kg.store.embedded import EmbeddedStore

    info = write_graph(work / f"graph-{args.triples}.nq", args.triples)
    target = work / f"store-{args.triples}"
    shutil.rmtree(target, ignore_errors=True)
    loader = ox.Store(str(target))
    loader.bulk_load(path=str(info.path), format=ox.RdfFormat.N_QUADS)
    loader.flush()
    del loader
    header = machine(("kg", "pyoxigraph", "rdflib"))
    header.append(
        f"- command: `python -m benchmarks.floors {' '.join(args.argv)}` "
        f"({info.triples:,} quads, {args.repeat} repeats, medians)"
    )
    print("\n".join(header), flush=True)
    lines = [HEADING + f" ({header[0][len('- date: ') :]})", "", *header, ""]
    memory = EmbeddedStore.in_memory_copy(target)
    with EmbeddedStore(target) as store:
        lines += ["| Oxigraph read | median | rows |", "|---|---|---|"]
        for what, ms, n in unit_costs(store._db, args.repeat):
            lines.append(f"| {what} | {ms:.1f} ms | {n:,} |")
            print(f"{what}: {ms:.1f} ms ({n:,})", flush=True)
        lines += [
            "",
            "| question | rows | target | whole call | without final ORDER BY "
            "| evaluation only (rows counted) | in-memory Oxigraph copy |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in question_costs(store, memory, info, args.repeat):
            lines.append("| " + " | ".join(row) + " |")
    memory.close()
    lines += [
        "",
        "- whole call: `EmbeddedStore.query` with the parameters bound, rows converted to"
        " rdflib terms, as `kg query` runs it (the harness's figure).",
        "- the other columns go the same way: without the final ORDER BY; evaluation only"
        " counts the rows of the unordered query inside Oxigraph, so no term is decoded for"
        " output; in memory runs the whole question on `EmbeddedStore.in_memory_copy` of the"
        " store (what `kg serve --memory` serves).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the graph")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--workdir", type=Path, default=None, help="keep work files here")
    parser.add_argument("--append", type=Path, default=None, help="append the table here")
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-floors-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        section = run(args, work)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(section)
    if args.append is not None:
        with args.append.open("a", encoding="utf-8") as fh:
            fh.write("\n" + section)


if __name__ == "__main__":
    main()
