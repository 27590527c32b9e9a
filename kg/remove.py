"""Remove articles from the store, and with them every fact only they supported.

Each article lives in its own named graph (docs/rdf-model.md), so removing one is
dropping its graph: a fact that another article also reports stays, with that
article as its source. Articles are named the way ``kg build`` names them: by
reading the files (their ``doc_id``), or directly by doc id or URL.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.graph.namespaces import KG, SCHEMA, doc_id_of_graph
from kg.ingest import read_sources
from kg.ingest.frontmatter import check_url
from kg.store import SelectResult, Store, open_store
from kg.store.index import prune_entities

#: A doc id to remove, or why a source names none.
Target = tuple[str | None, InputError | None]

_DOC_ID = re.compile(r"[0-9a-f]{16}")
_BY_URL = f"""SELECT ?g WHERE {{
  GRAPH ?g {{ ?article a <{KG.Article}> ; <{SCHEMA.url}> ?url }}
}}"""
_BY_NAME = f"""SELECT ?g WHERE {{
  GRAPH ?g {{ ?article a <{KG.Article}> ; <{KG.sourceName}> ?name }}
}}"""


@dataclass
class RemoveReport:
    """What a removal did: doc ids removed, and sources that named no stored article."""

    removed: list[str] = field(default_factory=list)
    not_found: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every source named a stored article."""
        return not self.not_found

    def summary(self) -> str:
        """One line for humans.

        >>> RemoveReport(removed=["a1"]).summary()
        '1 removed, 0 not found'
        """
        return f"{len(self.removed)} removed, {len(self.not_found)} not found"


def remove(sources: Iterable[str | Path], store: Store | str | Path) -> RemoveReport:
    """Remove the articles named by ``sources`` (files, folders, doc ids or URLs).

    A file or folder is read as ``kg build`` reads it and each article in it is
    removed by its doc id; a source that is not a path may be a doc id (16 hex
    digits) or an article URL. Sources that match no stored article are reported,
    not raised, so one typo does not stop the rest.
    """
    st = open_store(store)
    try:
        return _remove([str(s) for s in sources], st)
    finally:
        if st is not store:
            st.close()


def _remove(sources: list[str], store: Store) -> RemoveReport:
    report = RemoveReport()
    stored = set(store.article_hashes())
    for source in sources:
        for doc_id, err in _targets(source, store, stored):
            if err is not None:
                report.not_found.append(err)
            elif doc_id is None or doc_id in report.removed:
                continue
            elif store.remove_article(doc_id):
                report.removed.append(doc_id)
            else:
                report.not_found.append(InputError(source, "no stored article for it"))
    if report.removed:
        prune_entities(store)  # entities no remaining article names
    return report


def _targets(source: str, store: Store, stored: set[str]) -> list[Target]:
    """Doc ids named by one source, or the reason it names none."""
    if os.path.lexists(source):
        out: list[Target] = []
        for item in read_sources([source]):
            if isinstance(item, InputError):
                out.append((None, item))
            elif item.doc_id in stored:
                out.append((item.doc_id, None))
            else:
                out.append((None, InputError(item.source, "no stored article for it")))
        return out
    if _DOC_ID.fullmatch(source):
        return [(source, None)] if source in stored else [(None, _unknown(source))]
    if "://" in source or source.startswith("urn:"):
        return _by_url(source, store, stored)
    return _by_name(source, store)


def _by_url(source: str, store: Store, stored: set[str]) -> list[Target]:
    """Articles whose URL is ``source`` (build identifies them by its hash)."""
    try:
        url = check_url(source)
    except ValueError as exc:
        return [(None, InputError(source, str(exc)))]
    doc_ids = {hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]} & stored
    doc_ids |= _graphs(store, _BY_URL, "url", url, URIRef(url))
    if not doc_ids:
        return [(None, _unknown(source))]
    return [(doc_id, None) for doc_id in sorted(doc_ids)]


def _by_name(source: str, store: Store) -> list[Target]:
    """A file that no longer exists: the one stored article with that file name."""
    doc_ids = _graphs(store, _BY_NAME, "name", Path(source).name)
    if len(doc_ids) == 1:
        return [(doc_ids.pop(), None)]
    if len(doc_ids) > 1:
        reason = f"{len(doc_ids)} stored articles have this file name; give a doc id or URL"
        return [(None, InputError(source, reason))]
    return [(None, InputError(source, "no such file, and no stored article by that name"))]


def _graphs(store: Store, sparql: str, variable: str, *values: str | URIRef) -> set[str]:
    """Doc ids of the article graphs matching ``sparql`` with ``variable`` bound to a value."""
    found: set[str] = set()
    for value in values:
        term = value if isinstance(value, URIRef) else Literal(value)
        result = store.query(sparql, {variable: term})
        if isinstance(result, SelectResult):
            for (graph,) in result.rows:
                doc_id = doc_id_of_graph(str(graph))
                if doc_id is not None:
                    found.add(doc_id)
    return found


def _unknown(source: str) -> InputError:
    return InputError(source, "no stored article with this id or URL")


__all__ = ["RemoveReport", "remove"]
