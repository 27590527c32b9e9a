"""Where graphs live: ``open_store`` picks a backend from the location's form.

A directory means the embedded Oxigraph store, an http(s) URL a SPARQL 1.1
endpoint. Backends are imported on first use so ``kg --help`` stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import SelectResult, Store, StoreStats

#: Backend name → "module:Class"; the name is the URL scheme ("" for a directory).
BACKENDS: dict[str, str] = {
    "": "kg.store.embedded:EmbeddedStore",
    "file": "kg.store.embedded:EmbeddedStore",
    "http": "kg.store.remote:RemoteStore",
    "https": "kg.store.remote:RemoteStore",
}


def _backend(scheme: str) -> type:
    target = BACKENDS.get(scheme)
    if target is None:
        raise StoreError(f"{scheme}: unknown store kind (use a directory or an http(s) URL)")
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def open_store(location: str | Path | Store) -> Store:
    """Open the store at ``location``: a directory, an http(s) URL, or a Store (passed through).

    >>> open_store("http://localhost:7878/query").update_url
    'http://localhost:7878/update'
    """
    if isinstance(location, Store):
        return location
    directory = store_directory(location)
    if directory is not None:
        return _backend("")(directory)  # type: ignore[no-any-return]
    text = str(location).strip()
    return _backend(text.partition("://")[0].lower())(text)  # type: ignore[no-any-return]


def store_directory(location: str | Path) -> Path | None:
    """The directory of an embedded store's location (a path or file:// URL); None for a URL.

    >>> store_directory("file:///data/kg"), store_directory("http://localhost:7878/query")
    (PosixPath('/data/kg'), None)
    """
    if isinstance(location, Path):
        return location
    text = str(location).strip()
    if not text:
        raise StoreError("store location is empty (give a directory or an http(s) URL)")
    scheme, sep, rest = text.partition("://")
    if not sep:
        return Path(text)
    return Path(rest) if scheme.lower() == "file" else None


def store_stats(location: str | Path | Store) -> StoreStats:
    """Counts of the store at ``location`` (opened and closed here unless given as a Store)."""
    store = open_store(location)
    try:
        return store.stats()
    finally:
        if store is not location:
            store.close()


__all__ = [
    "BACKENDS",
    "SelectResult",
    "Store",
    "StoreStats",
    "open_store",
    "store_directory",
    "store_stats",
]
