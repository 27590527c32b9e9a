"""The remote store next to the embedded one: load, library queries and export, timed.

    python -m benchmarks.remote -n 1000                  # ~1000 articles, 3 repeats
    python -m benchmarks.remote -n 1000 --batch 2000     # KG_REMOTE_BATCH for the remote build
    python -m benchmarks.remote --workdir /tmp/kg-remote --append docs/benchmarks.md

Starts ``oxigraph serve`` on a free 127.0.0.1 port with its data in the work folder,
generates a corpus with ``python -m benchmarks.corpus``, then, ``--repeat`` times each:
``kg --store URL build`` into the server (emptied first) and ``kg --store DIR build`` into
a fresh embedded store, both as child processes (wall time, the child's peak RSS). Then a
few ``kg.query.run_query`` questions in this process on both stores, and ``kg export -f nq``
of each whole store. Prints one markdown table (median, min–max over the repeats) under a
header naming the machine and versions; ``--append FILE`` also appends it there.

By hand only: nothing here is collected by pytest. Work files go to ``--workdir`` (default:
a temporary folder, removed at the end); nothing is written to the current directory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.run import machine

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Remote store (oxigraph serve on loopback)"


@dataclass
class Child:
    """What a child process cost: wall seconds and its own peak RSS."""

    seconds: float
    peak_mb: float
    output: str


def run_child(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Child:
    """Run ``cmd`` to the end; fail loudly on an exit code other than 0 (or 2: some skipped)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(dir=cwd) as out:
        child = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):
        raise SystemExit(f"{' '.join(cmd)} exited with {code}:\n{text[-2000:]}")
    return Child(seconds, usage.ru_maxrss / 1024, text)


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """``median (min–max)`` of repeated measurements."""
    med = fmt.format(statistics.median(values))
    if len(values) == 1:
        return f"{med} (1 run)"
    return f"{med} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, body: bytes, content_type: str) -> None:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()


@contextmanager
def oxigraph_server(location: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real ``oxigraph serve`` on a free loopback port; yields its query URL and process."""
    binary = shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("the oxigraph server CLI is needed (pip install oxigraph)")
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=location.parent,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(400):
                if process.poll() is not None:
                    raise SystemExit(f"oxigraph serve exited with {process.returncode}; see {log}")
                try:
                    with urllib.request.urlopen(base + "/", timeout=1):
                        break
                except (urllib.error.URLError, OSError):
                    time.sleep(0.05)
            else:
                raise SystemExit("oxigraph serve did not answer within 20 s")
            yield base + "/query", process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (Linux ``VmHWM``), if readable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def busiest_company(store: object) -> str:
    """Label of the company with the most facts, so parameterised questions return rows."""
    from kg.query import run_query
    from kg.store.base import SelectResult

    result = run_query(store, "entities")  # type: ignore[arg-type]
    assert isinstance(result, SelectResult)
    companies = [
        (int(facts.toPython()), str(entity))  # type: ignore[union-attr]
        for entity, kind, facts in result.rows
        if str(kind) == "Company" and facts is not None
    ]
    if not companies:
        raise SystemExit("no company found by `kg query entities`")
    return max(companies)[1]


def time_queries(
    store: object, questions: list[tuple[str, dict[str, str]]], repeat: int
) -> dict[str, tuple[list[float], int]]:
    """Milliseconds of each ``run_query`` call, and the row count of the last one."""
    from kg.query import run_query
    from kg.store.base import SelectResult

    timings: dict[str, tuple[list[float], int]] = {}
    for name, params in questions:
        times, rows = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            result = run_query(store, name, params)  # type: ignore[arg-type]
            times.append((time.perf_counter() - start) * 1000)
            rows = len(result.rows) if isinstance(result, SelectResult) else len(result)
        timings[name] = (times, rows)
    return timings


def measure(
    label: str, fn: Callable[[], Child], repeat: int, before: Callable[[], None] = lambda: None
) -> list[Child]:
    runs = []
    for i in range(repeat):
        before()
        runs.append(fn())
        print(
            f"  {label} #{i + 1}: {runs[-1].seconds:.2f} s, {runs[-1].peak_mb:.0f} MB", flush=True
        )
    return runs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=1000, help="corpus size")
    parser.add_argument("--repeat", type=int, default=3, help="builds and exports per store")
    parser.add_argument("--query-repeat", type=int, default=5, help="runs of each question")
    parser.add_argument("--batch", type=int, help="KG_REMOTE_BATCH for the remote build")
    parser.add_argument("--workdir", type=Path, help="keep work files here (default: temporary)")
    parser.add_argument("--append", type=Path, help="also append the table to this markdown file")
    args = parser.parse_args(argv)

    keep = args.workdir is not None
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="kg-remote-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        table = run(args, work)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n" + table)
    if args.append:
        with args.append.open("a", encoding="utf-8") as doc:
            doc.write("\n" + HEADING + "\n\n" + table)
        print(f"appended to {args.append}")


def run(args: argparse.Namespace, work: Path) -> str:
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    corpus = work / f"corpus-{args.articles}"
    if not corpus.is_dir():
        cmd = [sys.executable, "-m", "benchmarks.corpus", str(corpus), "-n", str(args.articles)]
        run_child(cmd, work, env)
    articles = sum(1 for p in corpus.rglob("*") if p.is_file())
    version = subprocess.run(["oxigraph", "--version"], capture_output=True, text=True)
    server = version.stdout.strip() or "oxigraph (version unknown)"
    header = machine(("kg", "pyoxigraph", "rdflib"), f"; {server}")
    remote_env = dict(env)
    if args.batch:
        remote_env["KG_REMOTE_BATCH"] = str(args.batch)

    server_dir = work / "oxigraph-server"
    shutil.rmtree(server_dir, ignore_errors=True)
    with oxigraph_server(server_dir, work / "oxigraph-server.log") as (url, server):
        update_url = url.removesuffix("/query") + "/update"
        print(f"corpus: {articles} files in {corpus}; server {url}", flush=True)

        def build(store: str, extra: dict[str, str]) -> Callable[[], Child]:
            return lambda: run_child(kg("--store", store, "build", "-q", str(corpus)), work, extra)

        embedded_builds = measure(
            "embedded build",
            build(str(work / "embedded"), env),
            args.repeat,
            lambda: shutil.rmtree(work / "embedded", ignore_errors=True),
        )
        remote_builds = measure(
            "remote build",
            build(url, remote_env),
            args.repeat,
            lambda: post(update_url, b"DROP ALL", "application/sparql-update"),
        )
        remote_rebuild = measure("remote re-build (unchanged)", build(url, remote_env), 1)

        # Exports before anything is imported or opened here: a child's peak RSS counts
        # the parent's at fork time (Linux keeps it across exec).
        def export(store: str, name: str) -> Callable[[], Child]:
            out = str(work / f"export-{name}.nq")
            return lambda: run_child(
                kg("--store", store, "export", "-f", "nq", "-o", out), work, env
            )

        embedded_exports = measure(
            "embedded export", export(str(work / "embedded"), "embedded"), args.repeat
        )
        remote_exports = measure("remote export", export(url, "remote"), args.repeat)

        from kg.store import open_store

        embedded = open_store(work / "embedded")
        remote = open_store(url)
        try:
            stats = embedded.stats()
            if remote.stats().triples != stats.triples:
                raise SystemExit("the two stores differ after the build")
            company = busiest_company(embedded)
            questions = [
                ("facts", {}),
                ("entities", {}),
                ("deals-under-review", {}),
                ("conflicts", {}),
                ("investors", {"company": company}),
                ("explain", {"entity": company}),
            ]
            on_embedded = time_queries(embedded, questions, args.query_repeat)
            on_remote = time_queries(remote, questions, args.query_repeat)
        finally:
            embedded.close()
            remote.close()

        server_peak = peak_rss_mb(server.pid)

    def secs(runs: list[Child]) -> str:
        return spread([r.seconds for r in runs])

    def mem(runs: list[Child]) -> str:
        return spread([r.peak_mb for r in runs], "{:.0f}")

    batch = args.batch or "default (20000)"
    lines = [
        *header,
        f"- corpus: `python -m benchmarks.corpus DIR -n {args.articles}` ({articles} articles); "
        f"store after build: {stats.articles} articles, {stats.triples:,} triples",
        f"- remote: `oxigraph serve` on 127.0.0.1, KG_REMOTE_BATCH {batch}; "
        f"server peak RSS {server_peak:.0f} MB"
        if server_peak
        else "- remote: oxigraph serve",
        f"- repeats: {args.repeat} builds/exports, {args.query_repeat} runs per question; "
        "`median (min–max)`; build = `kg build -q` as a child process (client peak RSS only)",
        "",
        "| step | embedded | remote |",
        "|---|---|---|",
        f"| build, s | {secs(embedded_builds)} | {secs(remote_builds)} |",
        f"| build peak RSS of kg, MB | {mem(embedded_builds)} | {mem(remote_builds)} |",
        f"| re-build unchanged, s | – | {secs(remote_rebuild)} |",
    ]
    for name, _ in questions:
        (emb, rows), (rem, rows_remote) = on_embedded[name], on_remote[name]
        count = str(rows) if rows == rows_remote else f"{rows} vs {rows_remote}"
        lines.append(
            f"| `run_query {name}`, ms ({count} rows) "
            f"| {spread(emb, '{:.0f}')} | {spread(rem, '{:.0f}')} |"
        )
    lines += [
        f"| `kg export -f nq` whole store, s | {secs(embedded_exports)} | {secs(remote_exports)} |",
        f"| export peak RSS, MB | {mem(embedded_exports)} | {mem(remote_exports)} |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
