"""open_store: locations map to backends through the scheme registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store import open_store, store_stats
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore


def test_directory_opens_the_embedded_store(tmp_path: Path) -> None:
    for location in (tmp_path / "one", str(tmp_path / "two"), f"file://{tmp_path}/three"):
        store = open_store(location)
        assert isinstance(store, EmbeddedStore)
        store.close()


def test_url_opens_the_remote_store() -> None:
    store = open_store("https://sparql.example.org/query")
    assert isinstance(store, RemoteStore)
    assert store.location == "https://sparql.example.org/query"


def test_a_store_passes_through(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert open_store(store) is store
    assert store_stats(store).triples == 0
    assert store.stats().articles == 0  # store_stats did not close a store it was given
    store.close()


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("ftp://example.org/x", "ftp: unknown store kind (use a directory or an http(s) URL)"),
        ("  ", "store location is empty (give a directory or an http(s) URL)"),
    ],
)
def test_bad_locations(location: str, message: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(location)
    assert str(info.value) == message
