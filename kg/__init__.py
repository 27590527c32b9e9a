"""kg: turn multilingual business news into a source-backed knowledge graph.

>>> import kg
>>> report = kg.build(["examples/news"], "kg-store")           # doctest: +SKIP
>>> kg.run_query("kg-store", "investors", {"company": "Mistral AI"})  # doctest: +SKIP

Names are imported on first use, so ``import kg`` (and ``kg --help``) stay fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kg.pipeline:build",
    "BuildReport": "kg.pipeline:BuildReport",
    "open_store": "kg.store:open_store",
    "run_query": "kg.query:run_query",
    "list_queries": "kg.query:list_queries",
    "extract": "kg.extract:extract",
    "read_sources": "kg.ingest:read_sources",
    "KgError": "kg.errors:KgError",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, _, attr = _EXPORTS[name].partition(":")
    return getattr(importlib.import_module(module), attr)
