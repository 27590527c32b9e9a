"""Nothing lost: a killed build, a Ctrl-C and a second kg process never cost stored data.

Each test runs ``kg build`` in a real subprocess on an invented corpus, stops it at a
point observed on its stderr (no sleeps), then opens the store and checks that every
article graph is whole, that what was stored before is still there, and that re-running
the build ends exactly where a clean build ends.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from robust_support import (
    article_health,
    assert_whole_articles,
    invented_article,
    run_kg,
    start_kg,
    wait_for_line,
    write_corpus,
)

from kg.store import open_store

BEFORE = 100  # articles stored before the interrupted build
EDITED = 20  # of those, edited in the corpus of the interrupted build
TOTAL = 400  # articles in the corpus of the interrupted build


def graph_sizes(location: Path) -> dict[str, int]:
    """Triples per named graph (article graphs and the ontology)."""
    store = open_store(location)
    try:
        result = store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        return {str(g): int(n.toPython()) for g, n in result.rows}  # type: ignore[union-attr]
    finally:
        store.close()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store holding the first articles, the full corpus (some edited), and a clean build."""
    root = tmp_path_factory.mktemp("crash")
    first = write_corpus(root / "first", BEFORE)
    full = write_corpus(root / "full", TOTAL)
    for i in range(EDITED):
        edited = invented_article(i) + "The company said that it will open an office in Lyon.\n"
        (full / f"a{i:04d}.txt").write_text(edited, encoding="utf-8")
    before = root / "before-store"
    done = run_kg(before, "build", "-q", str(first))
    assert done.returncode == 0, done.stderr
    clean = root / "clean-store"
    for corpus in (first, full):  # the same history, never interrupted
        done = run_kg(clean, "build", "-q", str(corpus))
        assert done.returncode == 0, done.stderr
    return {"first": first, "full": full, "before": before, "clean": clean}


def interrupted_build(
    corpora: dict[str, Path], tmp_path: Path, marker: str, nth: int, sig: signal.Signals
) -> tuple[Path, int, str]:
    """Copy the earlier store, start the full build, signal it at the marker line."""
    store = tmp_path / "store"
    shutil.copytree(corpora["before"], store)
    proc = start_kg(store, "build", str(corpora["full"]))
    try:
        reached = wait_for_line(proc, marker, nth)
        assert reached, f"the build ended before its {nth}. {marker!r} line"
        proc.send_signal(sig)
        assert proc.stderr is not None
        rest = proc.stderr.read()
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return store, code, rest


def check_after_interruption(corpora: dict[str, Path], store: Path) -> None:
    """Whole articles only, nothing stored before is lost, and a re-run equals a clean build."""
    before = graph_sizes(corpora["before"])
    assert_whole_articles(store)
    after = graph_sizes(store)
    lost = set(before) - set(after)
    assert not lost, f"{len(lost)} article graphs stored before the interruption are gone"
    clean = graph_sizes(corpora["clean"])
    mixed = {g: n for g, n in after.items() if n not in (before.get(g), clean.get(g))}
    assert not mixed, f"graphs that are neither their old nor their new version: {mixed}"
    done = run_kg(store, "build", "-q", str(corpora["full"]))
    assert done.returncode == 0, done.stderr
    articles, triples = assert_whole_articles(store)
    assert articles == TOTAL
    assert graph_sizes(store) == clean
    clean_store = open_store(corpora["clean"])
    try:
        assert triples == clean_store.stats().triples
    finally:
        clean_store.close()


@pytest.mark.parametrize(
    ("marker", "nth"),
    [("read ", 1), ("read ", 250), ("storing", 1)],
    ids=["first-article-read", "mid-extraction", "while-storing"],
)
def test_sigkill_leaves_whole_articles_and_rerun_completes(
    corpora: dict[str, Path], tmp_path: Path, marker: str, nth: int
) -> None:
    store, code, _ = interrupted_build(corpora, tmp_path, marker, nth, signal.SIGKILL)
    assert code == -signal.SIGKILL  # killed while still running, not finished
    check_after_interruption(corpora, store)


@pytest.mark.parametrize("wait", [0.05, 0.1, 0.15, 0.3])
def test_sigkill_shortly_after_storing_began(
    corpora: dict[str, Path], tmp_path: Path, wait: float
) -> None:
    """Killed in or just after the write (or finished first): old or new versions only."""
    store = tmp_path / "store"
    shutil.copytree(corpora["before"], store)
    proc = start_kg(store, "build", str(corpora["full"]))
    try:
        assert wait_for_line(proc, "storing"), "the build ended before storing"
        try:
            proc.wait(timeout=wait)  # bounded: the process may finish first, which is fine
        except subprocess.TimeoutExpired:
            proc.kill()
        assert proc.stderr is not None
        proc.stderr.read()
        assert proc.wait(timeout=120) in (-signal.SIGKILL, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    check_after_interruption(corpora, store)


def test_ctrl_c_stops_cleanly(corpora: dict[str, Path], tmp_path: Path) -> None:
    store, code, rest = interrupted_build(corpora, tmp_path, "read ", 100, signal.SIGINT)
    assert code == 130  # 128 + SIGINT, as shells report an interrupted command
    assert "Traceback" not in rest
    check_after_interruption(corpora, store)


def test_the_second_process_on_a_store_fails_clearly_and_the_first_finishes(
    corpora: dict[str, Path], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(corpora["before"], store)
    first = start_kg(store, "build", str(corpora["full"]))
    try:
        assert wait_for_line(first, "read ", 1), "the first build ended before reading"
        first.send_signal(signal.SIGSTOP)  # hold it mid-build, store open, however fast it is
        try:
            for args in (("build", "-q", str(corpora["first"])), ("stats",), ("query", "facts")):
                second = run_kg(store, *args)
                assert second.returncode == 1, second.stderr
                assert second.stderr == (
                    f"Error: {store}: store in use by another kg process "
                    "(wait for it to finish or choose another --store)\n"
                )
        finally:
            first.send_signal(signal.SIGCONT)
        assert first.stderr is not None
        rest = first.stderr.read()
        assert first.wait(timeout=300) == 0, rest
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert_whole_articles(store)
    assert graph_sizes(store) == graph_sizes(corpora["clean"])


def test_health_check_sees_a_half_written_article(tmp_path: Path) -> None:
    """The whole-article check can fail: an article graph without its claims' source is caught."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from kg.graph.namespaces import KG, KGID

    store = open_store(tmp_path / "store")
    try:
        graph = Graph()
        claim = URIRef(KGID["claim/orphan"])
        graph.add((claim, RDF.type, KG.Claim))
        graph.add((claim, KG.evidence, Literal("no article node here")))
        store.replace_article("0123456789abcdef", graph)
        health = article_health(store)
    finally:
        store.close()
    assert list(health.values()) == [(0, 0, 1, 0)]
    with pytest.raises(AssertionError, match="half-written"):
        assert_whole_articles(tmp_path / "store")
