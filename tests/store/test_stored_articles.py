"""StoredArticles answers the same whether it looks articles up one by one or reads all;
find_article finds an article by any of the keys a user may give."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.pipeline import build
from kg.query import run_query
from kg.store.articles import StoredArticles, find_article
from kg.store.base import Store


@pytest.mark.parametrize("eager_after", [0, 2, 1000])
def test_lookups_match_a_full_read(store: Store, tmp_path: Path, eager_after: int) -> None:
    files = []
    for i, name in enumerate(["Orvane Biotech", "Pellucid Foods", "Quarrystone Energy"]):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"---\nlang: en\n---\n{name} raised $ {i + 3} million from Tarn Capital.\n")
        files.append(path)
    build(files, store)
    everything = store.article_hashes()
    assert len(everything) == 3
    stored = StoredArticles(store, eager_after=eager_after)
    for doc_id, digest in everything.items():
        assert stored.get(doc_id) == digest and doc_id in stored
    assert stored.get("0123456789abcdef") is None and "0123456789abcdef" not in stored
    for path in files:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in stored.files
    assert hashlib.sha256(b"never stored").hexdigest() not in stored.files


def _article(folder: Path, name: str, company: str, url: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    header = f"lang: en\nurl: {url}\n" if url else "lang: en\n"
    path = folder / name
    path.write_text(f"---\n{header}---\n{company} raised $ 4 million from Tarn Capital.\n")
    return path


def test_find_article_by_file_name_url_or_id(store: Store, tmp_path: Path) -> None:
    _article(tmp_path, "plain.txt", "Orvane Biotech")
    _article(tmp_path, "linked.txt", "Pellucid Foods", "https://news.example/pellucid")
    _article(tmp_path, "odd.txt", "Quarrystone Energy", "https://news.example/a|b")  # kept as text
    build([tmp_path], store)
    ids = {}
    for doc_id in store.article_hashes():
        names = run_query(store, "mentions", {"article": doc_id})
        ids[doc_id] = {str(row[0]) for row in getattr(names, "rows", [])}
    by_company = {next(iter(n & {"Orvane Biotech", "Pellucid Foods", "Quarrystone Energy"})): d
                  for d, n in ids.items()}  # fmt: skip
    expect = {
        "plain.txt": by_company["Orvane Biotech"],
        "  linked.txt ": by_company["Pellucid Foods"],
        "https://news.example/pellucid": by_company["Pellucid Foods"],
        "https://news.example/a|b": by_company["Quarrystone Energy"],
        "odd.txt": by_company["Quarrystone Energy"],
    }
    for key, doc_id in expect.items():
        assert str(find_article(store, key)).endswith("/article/" + doc_id), key
        assert str(find_article(store, doc_id)).endswith("/article/" + doc_id)


@pytest.mark.parametrize(
    "key",
    [
        "missing.txt",
        "https://news.example/missing",
        "0123456789abcdef",
        'x" } #',
        "a/b",
        "http://[bad",  # IRIs Oxigraph rejects: no stored URL, not a crash
        "ftp://%zz",
    ],
)
def test_an_unknown_article_is_named_in_the_error(store: Store, tmp_path: Path, key: str) -> None:
    build([_article(tmp_path, "plain.txt", "Orvane Biotech")], store)
    with pytest.raises(QueryError, match="no stored article has the URL, file name or id"):
        find_article(store, key)


def test_a_file_name_shared_by_two_articles_is_ambiguous(store: Store, tmp_path: Path) -> None:
    build(
        [
            _article(tmp_path / "monday", "brief.txt", "Orvane Biotech"),
            _article(tmp_path / "tuesday", "brief.txt", "Pellucid Foods"),
        ],
        store,
    )
    with pytest.raises(QueryError, match=r"'brief.txt' is ambiguous: ids \w+, \w+ \(give"):
        find_article(store, "brief.txt")
    for doc_id in store.article_hashes():
        assert str(find_article(store, doc_id)).endswith(doc_id)
