"""Sharded `kg extract` + one `kg load` builds exactly the graph of one `kg build`."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).parents[2]
EVAL = ROOT / "tests" / "data" / "eval"
EXAMPLES = ROOT / "examples" / "news"


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def quads(location: Path) -> tuple[set[tuple[str, ...]], int]:
    """The article graphs' quads as text, and the number of quads in the whole store."""
    with EmbeddedStore(location) as store:
        result = store.query(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
            'FILTER(STRSTARTS(STR(?g), "https://w3id.org/kg/graph/article/")) }'
        )
        rows = {tuple(t.n3() for t in row) for row in result.rows}  # type: ignore[union-attr]
        total = store.stats().triples
    assert not any(term.startswith("_:") for row in rows for term in row)  # comparable as text
    return rows, total


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles plus 30 gold articles in five languages, as article files."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(EXAMPLES.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    for path in sorted(EVAL.glob("e*.json"))[:30]:
        item = json.loads(path.read_text(encoding="utf-8"))
        head = "".join(
            f"{key}: {item[key]}\n"
            for key in ("title", "url", "lang", "published")
            if item.get(key)
        )
        (folder / f"{item['id']}.txt").write_text(f"---\n{head}---\n{item['text']}\n", "utf-8")
    return folder


def test_sharded_extract_and_load_equal_one_build(corpus: Path, tmp_path: Path) -> None:
    whole = kg("--store", str(tmp_path / "built"), "build", "-q", str(corpus), cwd=tmp_path)
    assert whole.returncode == 0, whole.stderr
    files = sorted(corpus.iterdir())
    random.Random(3).shuffle(files)
    shards = []
    for n, part in enumerate((files[:7], files[7:20], files[20:])):  # uneven, shuffled shards
        out = tmp_path / f"shard-{n}.jsonl"
        done = kg("extract", "-q", "-o", str(out), *map(str, part), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        shards.append(out)
    loaded = kg(
        "--store", str(tmp_path / "loaded"), "load", "-q", *map(str, reversed(shards)), cwd=tmp_path
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split("→")[0] == whole.stdout.split("→")[0]  # same counts
    (built, built_total), (from_shards, shards_total) = (
        quads(tmp_path / "built"),
        quads(tmp_path / "loaded"),
    )
    assert len(built) > 3000
    assert from_shards == built
    assert shards_total == built_total  # the ontology graph too


def test_load_skips_bad_lines_and_keeps_the_rest(corpus: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    done = kg("extract", "-q", "-o", str(claims), str(corpus / "e01.txt"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    good = claims.read_text(encoding="utf-8")
    claims.write_text('{"format": "other"}\n' + good + "{broken\n", encoding="utf-8")
    loaded = kg("--store", str(tmp_path / "s"), "load", "-q", str(claims), cwd=tmp_path)
    assert loaded.returncode == 2
    problems = loaded.stderr.splitlines()
    assert problems[0].startswith(f"skipped: {claims}:1: not a kg-claims/1 record")
    assert problems[1].startswith(f"skipped: {claims}:3: malformed JSON")
    assert loaded.stdout.startswith("1 added, 0 replaced, 0 unchanged, 2 skipped;")
    again = kg("--store", str(tmp_path / "s"), "load", "-q", str(claims), cwd=tmp_path)
    assert again.stdout.startswith("0 added, 0 replaced, 1 unchanged, 2 skipped;")


def test_extract_names_bad_inputs_and_writes_the_good_ones(corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out.jsonl"
    done = kg("extract", "-q", "-o", str(out), str(empty), str(corpus / "e02.txt"), cwd=tmp_path)
    assert done.returncode == 2
    assert f"skipped: {empty}: empty file" in done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["doc"]["name"] == "e02.txt"


def test_extract_into_a_missing_folder_is_one_clear_error(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "claims.jsonl"
    done = kg("extract", "-q", "-o", str(target), str(corpus / "e02.txt"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().startswith(f"Error: {target}: cannot write")
