"""Locate the data shipped with kg: ontology, query library and lexicons.

``ontology/`` and ``queries/`` live at the top of the repository (the single
source of truth) and are packed into the wheel as ``kg/_data/...``; an
editable install reads them from the checkout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory of shipped data ``name`` (``ontology`` or ``queries``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} is missing from the installation")


def lexicon_dir() -> Path:
    """Return the folder of per-language lexicon files (``<lang>.toml``)."""
    return _PACKAGE / "lexicons"
