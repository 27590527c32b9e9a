"""Which of the articles a build reads are already stored, asked of the store lazily.

A build of one article into a store of a million triples should not read every
stored hash; a build of ten thousand should read them once. ``StoredArticles``
does the first until enough lookups make the second cheaper.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KGG, SCHEMA, article_iri
from kg.ingest.frontmatter import check_url
from kg.store.base import (
    _IRI_UNSAFE,
    _PREFIXES,
    Store,
    _select,
    article_graph_iri,
    read_article_hashes,
)

_SOURCE_HASHES = (
    _PREFIXES
    + f"""SELECT DISTINCT ?hash WHERE {{
  GRAPH ?g {{ ?article a kg:Article ; kg:sourceHash ?hash }}
  FILTER(STRSTARTS(STR(?g), "{KGG}article/"))
}}"""
)


_SCHEMA = f"PREFIX schema: <{SCHEMA}>\n"
# one pattern each, so that the bound key is looked up in an index (a pattern joined
# with another is evaluated whole by Oxigraph, then hash-joined: 100 ms at 1M triples)
_BY_NAME = _PREFIXES + "SELECT ?node ?key WHERE { ?node kg:sourceName ?key }"
_BY_URL = _PREFIXES + _SCHEMA + "SELECT ?node ?url WHERE { ?node schema:url ?url }"
_ARTICLE = _PREFIXES + "SELECT ?node WHERE { ?node a kg:Article }"


def find_article(store: Store, key: str) -> URIRef:
    """The article a user names by URL, file name or id, looked up by index (milliseconds
    in a store of a million triples, where comparing every key took 100 ms).

    A key that names no article, or several (one file name in two folders), is an error
    that says so: a question about "this article" must not silently merge two.
    """
    key = key.strip()
    nodes: set[str] = set()
    lookups = [(_BY_NAME, "key", Literal(key)), (_BY_URL, "url", Literal(key))]
    try:  # stored URLs passed the same check when their article was read
        lookups.append((_BY_URL, "url", URIRef(check_url(key))))
    except ValueError:
        pass
    for sparql, name, term in lookups:
        try:
            result = store.query(sparql, {name: term})
        except QueryError:  # a key the store cannot take as an IRI is no stored URL
            if isinstance(term, Literal):
                raise
            continue
        nodes.update(str(row[0]) for row in getattr(result, "rows", []) if row[0] is not None)
    if key and "/" not in key and not _IRI_UNSAFE.search(key):  # what an id may hold
        nodes.add(str(article_iri(key)))
    found = sorted(n for n in nodes if _is_article(store, n))
    if not found:
        raise QueryError(f"no stored article has the URL, file name or id {key!r}")
    if len(found) > 1:
        ids = ", ".join(iri.rsplit("/", 1)[-1] for iri in found)
        raise QueryError(f"article {key!r} is ambiguous: ids {ids} (give the id or the URL)")
    return URIRef(found[0])


def _is_article(store: Store, iri: str) -> bool:
    return bool(getattr(store.query(_ARTICLE, {"node": URIRef(iri)}), "rows", None))


def read_source_hashes(store: Store) -> set[str]:
    """Raw-file hashes of the stored articles (files with these bytes need no reading)."""
    return {str(digest) for (digest,) in _select(store, _SOURCE_HASHES).rows if digest is not None}


class StoredArticles:
    """What a build asks the store about the articles it reads, asked lazily.

    A build of a few articles into a big store looks each one up (a millisecond each);
    once more than ``eager_after`` lookups are needed, every hash is read in one query.
    """

    def __init__(self, store: Store, eager_after: int = 64) -> None:
        self._store = store
        self._eager_after = eager_after
        self._hashes: dict[str, str] | None = None
        self._files: set[str] | None = None
        self._seen_hashes: dict[str, str | None] = {}
        self._seen_files: dict[str, bool] = {}

    def get(self, doc_id: str, default: str | None = None) -> str | None:
        """The stored content hash of article ``doc_id`` (``default`` when not stored)."""
        if self._hashes is None and len(self._seen_hashes) >= self._eager_after:
            self._hashes = read_article_hashes(self._store)
        if self._hashes is not None:
            return self._hashes.get(doc_id, default)
        if doc_id not in self._seen_hashes:
            name = article_graph_iri(doc_id)
            rows = _select(self._store, _HASH_OF.replace("?g", f"<{name}>")).rows
            self._seen_hashes[doc_id] = str(rows[0][0]) if rows and rows[0][0] else None
        found = self._seen_hashes[doc_id]
        return default if found is None else found

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None

    def has_file(self, digest: str) -> bool:
        """Whether a stored article was read from a file with these raw bytes."""
        if self._files is None and len(self._seen_files) >= self._eager_after:
            self._files = read_source_hashes(self._store)
        if self._files is not None:
            return digest in self._files
        if digest not in self._seen_files:
            result = self._store.query(_FILE_KNOWN, {"hash": Literal(digest)})
            self._seen_files[digest] = bool(getattr(result, "boolean", False))
        return self._seen_files[digest]

    @property
    def files(self) -> _Files:
        """The raw-file hashes as a container (``digest in stored.files``)."""
        return _Files(self)


class _Files:
    def __init__(self, stored: StoredArticles) -> None:
        self._stored = stored

    def __contains__(self, digest: object) -> bool:
        return isinstance(digest, str) and self._stored.has_file(digest)


_HASH_OF = (
    _PREFIXES + "SELECT ?hash WHERE { GRAPH ?g { ?article a kg:Article ; kg:contentHash ?hash } }"
)
_FILE_KNOWN = _PREFIXES + "ASK { GRAPH ?g { ?article kg:sourceHash ?hash } }"  # from the value
