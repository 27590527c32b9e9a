"""The shared entities graph: one description per entity, pruned with the last article."""

from __future__ import annotations

from pathlib import Path

from kg.graph.namespaces import ENTITIES_GRAPH
from kg.pipeline import build
from kg.remove import remove
from kg.store.base import SelectResult, Store

LABELS = """SELECT ?g ?l WHERE {
  GRAPH ?g { <https://w3id.org/kg/id/entity/quillon-robotics>
             <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"""


def label_copies(store: Store) -> list[tuple[str, str]]:
    result = store.query(LABELS)
    assert isinstance(result, SelectResult)
    return sorted((str(g), str(label)) for g, label in result.rows)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(f"---\nlang: en\nurl: https://news.example.net/{name}\n---\n{text}\n")
    return path


def test_an_entity_named_by_many_articles_is_described_once(store: Store, tmp_path: Path) -> None:
    articles = [
        write(tmp_path, f"a{i}.txt", f"Quillon Robotics raised $ {i + 2} million from Fenwick "
              f"Ventures in round {i}. Quillon Robotics is based in Leeds.")
        for i in range(3)
    ]  # fmt: skip
    build(articles, store)
    assert label_copies(store) == [(str(ENTITIES_GRAPH), "Quillon Robotics")]
    remove(articles[:2], store)
    assert label_copies(store) == [(str(ENTITIES_GRAPH), "Quillon Robotics")]  # one still names it
    remove(articles[2:], store)
    assert label_copies(store) == []


def test_an_edited_article_that_drops_an_entity_prunes_it(store: Store, tmp_path: Path) -> None:
    article = write(tmp_path, "b.txt", "Quillon Robotics signed a partnership with Ardent Labs.")
    build([article], store)
    assert label_copies(store)
    write(tmp_path, "b.txt", "Ardent Labs signed a partnership with Brimstone Systems.")
    report = build([article], store)
    assert len(report.replaced) == 1
    assert label_copies(store) == []
