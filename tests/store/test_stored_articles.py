"""StoredArticles answers the same whether it looks articles up one by one or reads all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store.articles import StoredArticles
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
