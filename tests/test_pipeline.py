"""The whole build on small real files: facts, idempotence, edits, bad inputs."""

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.pipeline import build, extract
from kg.query import run_query
from kg.store import open_store

DATA = Path(__file__).parent / "data" / "pipeline"
GOOD = [DATA / "zephyr_round.txt", DATA / "brightwave_deal.md"]


def facts(store) -> set[tuple[str, str, str]]:
    result = run_query(store, "facts")
    cols = result.variables
    rows = [dict(zip(cols, row, strict=True)) for row in result.rows]
    return {(str(r["subject"]), str(r["predicate"]), str(r["object"] or r["amount"])) for r in rows}


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Sources our text reader decodes, in order (a spy on our own reader)."""
    import kg.ingest.formats as formats

    seen: list[str] = []
    real = formats.read_text

    def counting(data: bytes, *, source: str, name: str):
        seen.append(source)
        return real(data, source=source, name=name)

    monkeypatch.setattr(formats, "read_text", counting)
    return seen


@pytest.fixture
def store(tmp_path: Path):
    st = open_store(tmp_path / "store")
    yield st
    st.close()


def test_build_extracts_facts_with_sources(store) -> None:
    report = build(GOOD, store)
    assert report.ok and len(report.added) == 2
    found = facts(store)
    assert ("Zephyr Robotics SAS", "raises", "40000000") in found
    assert ("Northwind Capital", "investsIn", "Zephyr Robotics SAS") in found
    assert ("Brightwave Labs", "partnersWith", "Tidewater Systems") in found
    assert ("Oakridge Venture Partners", "investsIn", "Brightwave Labs") in found
    rows = run_query(store, "facts")
    sources = {str(row[rows.variables.index("source")]) for row in rows.rows}
    assert sources == {"https://news.example.org/zephyr-robotics-serie-b", "brightwave_deal.md"}


def test_second_build_changes_nothing(store) -> None:
    build(GOOD, store)
    before = store.stats().triples
    report = build(GOOD, store)
    assert report.unchanged and not report.added and not report.replaced
    assert store.stats().triples == before
    forced = build(GOOD, store, force=True)
    assert len(forced.replaced) == 2
    assert store.stats().triples == before


def test_edited_article_replaces_its_facts(store, tmp_path: Path) -> None:
    article = tmp_path / "deal.txt"
    article.write_text(
        "---\nurl: https://news.example.org/d\nlang: en\n---\nAcme Corp acquired Brightwave Labs.\n"
    )
    build([article], store)
    assert ("Acme Corp", "acquires", "Brightwave Labs") in facts(store)
    article.write_text(
        "---\nurl: https://news.example.org/d\nlang: en\n---\n"
        "Acme Corp acquired Tidewater Systems.\n"
    )
    report = build([article], store)
    assert report.replaced == [str(article)]
    found = facts(store)
    assert ("Acme Corp", "acquires", "Tidewater Systems") in found
    assert ("Acme Corp", "acquires", "Brightwave Labs") not in found


def test_bad_input_is_reported_and_the_batch_goes_on(store) -> None:
    report = build([DATA / "empty.txt", *GOOD], store)
    assert [str(e) for e in report.skipped] == [f"{DATA / 'empty.txt'}: empty file"]
    assert len(report.added) == 2


def test_strict_stops_at_the_first_bad_input(store) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="empty file"):
        build([DATA / "empty.txt", *GOOD], store, strict=True)


def test_inferences_follow_the_articles(store, tmp_path: Path) -> None:
    query = "PREFIX kg: <https://w3id.org/kg/ontology#>\nSELECT ?x WHERE { ?x a kg:Organization }"
    report = build(GOOD, store, infer=True)
    assert report.inferred and report.inferred > 0
    orgs = {str(r[0]).rsplit("/", 1)[-1] for r in run_query(store, query, inline=True).rows}
    assert {"northwind-capital", "brightwave-labs"} <= orgs  # an InvestmentFirm and a Company
    article = tmp_path / "late.txt"
    article.write_text("---\nlang: en\n---\nAcme Corp acquired Tidewater Systems.\n")
    again = build([article], store)  # no --infer: the existing inferences are kept fresh
    assert again.inferred is not None
    orgs = {str(r[0]).rsplit("/", 1)[-1] for r in run_query(store, query, inline=True).rows}
    assert "tidewater-systems" in orgs


def test_parallel_extraction_gives_the_same_graph(tmp_path: Path) -> None:
    one = open_store(tmp_path / "one")
    two = open_store(tmp_path / "two")
    try:
        build(GOOD, one)
        report = build(GOOD, two, jobs=2)
        assert len(report.added) == 2
        assert facts(one) == facts(two)
        assert one.stats().triples == two.stats().triples
    finally:
        one.close()
        two.close()


def test_unchanged_files_are_not_decoded_again(store, reads) -> None:
    build(GOOD, store)
    reads.clear()
    report = build(GOOD, store)
    assert sorted(report.unchanged) == sorted(map(str, GOOD)) and reads == []
    forced = build(GOOD, store, force=True)  # --force reads everything again
    assert len(forced.replaced) == 2 and reads == [str(DATA / "zephyr_round.txt")]


def test_parallel_extraction_reports_bad_inputs_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n")
    missing = tmp_path / "missing.txt"
    items = list(extract([GOOD[0], bad, GOOD[1], missing], jobs=2))
    errors = [i for i in items if isinstance(i, InputError)]
    done = [i for i in items if not isinstance(i, InputError)]
    assert {e.source for e in errors} == {str(bad), str(missing)}
    assert [x.document.name for x in done] == [p.name for p in GOOD]  # in input order
    assert [e.source for e in errors] == [str(bad), str(missing)]


def test_parallel_extraction_streams_a_long_input(tmp_path: Path, monkeypatch, reads) -> None:
    """The parent reads only a bounded number of articles ahead of the extractions it hands
    back, so a long input (kg extract of an archive) does not sit whole in memory."""
    import kg.pipeline as pipeline

    folder = tmp_path / "news"
    folder.mkdir()
    text = GOOD[0].read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(text.replace("Zephyr", f"Zephyr{i}"), "utf-8")
    monkeypatch.setattr(pipeline, "TASK_SIZE", 1)
    monkeypatch.setattr(pipeline, "TASKS_PER_JOB", 1)
    read_at_yield = []
    names = []
    for item in extract([folder], jobs=2):
        read_at_yield.append(len(reads))
        names.append(item.document.name)
    assert names == [f"{i:02d}.txt" for i in range(12)]
    assert read_at_yield[0] <= 3  # two tasks in flight (+ the one being read), not all 12
    assert all(n - i <= 3 for i, n in enumerate(read_at_yield, start=1))


def test_strict_parallel_build_raises_the_bad_input_and_stores_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n")
    st = open_store(tmp_path / "store")
    try:
        with pytest.raises(InputError, match="empty.txt"):
            build([*GOOD, bad], st, jobs=2, strict=True)
        assert st.stats().articles == 0
    finally:
        st.close()


def test_the_cycle_collector_is_back_on_after_a_build_even_a_failed_one(tmp_path: Path) -> None:
    import gc

    bad = tmp_path / "empty.txt"
    bad.write_text("   \n")
    st = open_store(tmp_path / "store")
    try:
        build(GOOD, st)
        assert gc.isenabled()
        with pytest.raises(InputError):
            build([bad], st, strict=True)
        assert gc.isenabled()
    finally:
        st.close()
