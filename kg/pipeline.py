"""The build: ingest → extract → resolve → graph → store, for a batch of sources.

The only module that knows the order of the stages. ``build`` runs them all;
``extract`` + ``load`` split them at the claims file so extraction can be sharded.
Bad inputs are collected in the report and the batch goes on; articles are written
whole (one named graph each, replaced atomically), so an interrupted build never
leaves half an article.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from pathlib import Path
from typing import IO, Any

from kg.claims import Extraction, read_extractions, write_extractions
from kg.errors import InputError, KgError
from kg.extract import Extractor, RuleExtractor, get_extractor
from kg.graph import article_graphs, entity_graph
from kg.graph.ontology import ontology_graph
from kg.graph.triples import Triple, Triples
from kg.infer import count_inferred
from kg.infer import infer as run_inference
from kg.ingest import Unchanged, read_sources
from kg.model import Claim, Document, Mention
from kg.resolve import resolve
from kg.store import Store, open_store
from kg.store.articles import StoredArticles
from kg.store.index import entity_updates, known_entities, prune_entities

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did: articles added, replaced, unchanged, and inputs skipped."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    facts: int = 0
    entities: int = 0
    inferred: int | None = None  # triples in the inferred graph, when recomputed

    @property
    def ok(self) -> bool:
        """True when every input was stored (or was already stored unchanged)."""
        return not self.skipped

    def summary(self) -> str:
        """One line for humans."""
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped; "
            f"{self.facts} facts about {self.entities} entities"
        )


def build(
    sources: Iterable[str | Path],
    store: Store | str | Path,
    *,
    extractor: Extractor | str = "rules",
    progress: Progress | None = None,
    strict: bool = False,
    force: bool = False,
    infer: bool = False,
    jobs: int = 1,
) -> BuildReport:
    """Build (or update) the graph in ``store`` from files and folders of articles.

    Unchanged articles (same content hash) are skipped unless ``force``; an edited
    article's facts are replaced. With ``strict`` the first bad input raises. With ``infer``
    (or when the store already holds inferences) the ontology's consequences are recomputed,
    so they never go stale. ``jobs`` > 1 extracts articles in that many processes.
    """
    st = open_store(store) if not isinstance(store, Store) else store
    try:
        stored = StoredArticles(st)  # looked up lazily: cheap for a small build
        report = BuildReport()
        found = extract(
            sources,
            extractor=extractor,
            jobs=jobs,
            strict=strict,
            unchanged=None if force else stored,
            unchanged_files=() if force else stored.files,
            report=report,
        )
        return _load(found, st, stored, report, progress, strict, force, infer)
    finally:
        if st is not store:
            st.close()


def load(
    claims_files: Iterable[str | Path],
    store: Store | str | Path,
    *,
    progress: Progress | None = None,
    strict: bool = False,
    force: bool = False,
    infer: bool = False,
) -> BuildReport:
    """Store what ``kg extract`` wrote: resolve, build the RDF and write it, as ``build`` does.

    Loading every shard of a sharded extraction at once gives the same graph as one
    ``build`` over all the articles. Bad lines are reported (file:line) and skipped.
    """
    st = open_store(store) if not isinstance(store, Store) else store
    try:
        stored = StoredArticles(st)
        report = BuildReport()
        return _load(
            read_extractions(claims_files), st, stored, report, progress, strict, force, infer
        )
    finally:
        if st is not store:
            st.close()


def extract(
    sources: Iterable[str | Path],
    *,
    extractor: Extractor | str = "rules",
    jobs: int = 1,
    strict: bool = False,
    unchanged: Mapping[str, str] | StoredArticles | None = None,
    unchanged_files: Container[str] = (),
    report: BuildReport | None = None,
) -> Iterator[Extraction | InputError]:
    """Extractions of the articles in ``sources``, and an InputError for each bad input.

    A pure function of the articles (no store involved), so it can run anywhere on any
    shard. Articles whose doc_id maps to their content hash in ``unchanged``, and files
    whose raw hash is in ``unchanged_files``, are not extracted (and are listed in
    ``report.unchanged``). ``strict`` raises the first error.
    """

    def wanted() -> Iterator[Document | InputError]:
        for item in read_sources(sources, known=unchanged_files):
            if isinstance(item, Unchanged):
                if report is not None:
                    report.unchanged.append(item.source)
            elif isinstance(item, InputError):
                if strict:
                    raise item
                yield item
            elif unchanged is not None and unchanged.get(item.doc_id) == item.content_hash:
                if report is not None:
                    report.unchanged.append(item.source)
            else:
                yield item

    for item in _analyse_all(wanted(), extractor, jobs):
        if isinstance(item, InputError):
            yield item
            continue
        doc, result = item
        if isinstance(result, KgError):
            err = InputError(doc.source, f"extraction failed ({result})")
            if strict:
                raise err from None
            yield err
            continue
        claims, mentions = result
        yield Extraction(doc, claims, mentions)


@dataclass
class ExtractReport:
    """What ``extract_to`` wrote: articles, claims, and inputs skipped."""

    articles: int = 0
    claims: int = 0
    skipped: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """One line for humans."""
        return f"{self.articles} articles, {self.claims} claims, {len(self.skipped)} skipped"


def extract_to(
    sources: Iterable[str | Path],
    output: IO[str],
    *,
    extractor: Extractor | str = "rules",
    jobs: int = 1,
    strict: bool = False,
    progress: Progress | None = None,
) -> ExtractReport:
    """Write the extractions of ``sources`` to ``output`` as claims JSON Lines (``kg extract``)."""
    say = progress or (lambda _msg: None)
    report = ExtractReport()
    for item in extract(sources, extractor=extractor, jobs=jobs, strict=strict):
        if isinstance(item, InputError):
            report.skipped.append(item)
            continue
        write_extractions([item], output)
        report.articles += 1
        report.claims += len(item.claims)
        say(f"read {item.document.source} ({item.document.lang}, {len(item.claims)} claims)")
    return report


#: Articles turned into RDF and written per transaction (bounds a big build's memory).
WRITE_CHUNK = 500


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector for a batch: it rescans every object the batch holds
    (all extractions) again and again as millions of triples are made, which halved the
    speed of a 10k-article write, and those objects hold no reference cycles to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_without_cycle_collector()
def _load(
    found: Iterable[Extraction | InputError],
    st: Store,
    stored: Mapping[str, str] | StoredArticles,
    report: BuildReport,
    progress: Progress | None,
    strict: bool,
    force: bool,
    infer: bool,
) -> BuildReport:
    """Resolve a batch against the store, then write it article graph by article graph."""
    say = progress or (lambda _msg: None)
    batch: dict[str, Extraction] = {}
    for item in found:
        if isinstance(item, InputError):
            if strict:
                raise item
            report.skipped.append(item)
            continue
        doc = item.document
        if not force and stored.get(doc.doc_id) == doc.content_hash:
            report.unchanged.append(doc.source)
            continue
        # the same article twice: the last one read wins. Its text is not kept: the claims
        # carry their evidence, and a big batch holds every article until it is resolved.
        batch[doc.doc_id] = Extraction(replace(doc, text=""), item.claims, item.mentions)
        (report.replaced if doc.doc_id in stored else report.added).append(doc.source)
        say(f"read {doc.source} ({doc.lang}, {len(item.claims)} claims)")
    if batch:
        # the order articles are listed in (or sharded) must not change the graph
        ordered = [batch[key] for key in sorted(batch)]
        say(f"resolving {len(ordered)} articles")
        resolution = resolve(
            [(x.document, x.claims, x.mentions) for x in ordered], known=known_entities(st)
        )
        # One writer thread: the store writes a chunk (outside the GIL) while the next one
        # is turned into RDF and serialised here; chunks are written in order, one at a time.
        described: set[Triple] = set()  # entity triples this build has sent already
        with ThreadPoolExecutor(max_workers=1) as writer:
            written: Future[None] | None = None
            for start in range(0, len(ordered), WRITE_CHUNK):
                chunk = [x.document for x in ordered[start : start + WRITE_CHUNK]]
                entities = entity_updates(_unsent(entity_graph(resolution, chunk), described))
                articles = st.prepare_articles(article_graphs(resolution, chunk))
                if written is not None:
                    written.result()
                say(f"storing articles {start + 1}-{start + len(chunk)} of {len(ordered)}")
                written = writer.submit(_write, st, entities, articles)
            if written is not None:
                written.result()
        if report.replaced:  # an edited article may no longer name some entity
            prune_entities(st)
        report.facts = len(resolution.facts)
        report.entities = sum(1 for e in resolution.entities.values() if e.type != "Deal")
    st.set_ontology(ontology_graph())
    if infer or (batch and count_inferred(st) > 0):
        say("recomputing inferences")
        report.inferred = run_inference(st).triples
    return report


def _unsent(triples: Triples, sent: set[Triple]) -> Triples:
    """The triples not in ``sent``, which they join: hub companies are described in every
    chunk of a big build, six times more entity triples than there are distinct ones."""
    new = Triples()
    for triple in triples:
        if triple not in sent:
            sent.add(triple)
            new.add(triple)
    return new


def _write(st: Store, entities: list[str], articles: Any) -> None:
    """Write one chunk: the entity descriptions first (SPARQL updates), then the articles
    that use them (as the store prepared them)."""
    for update in entities:
        st.update(update)
    st.write_prepared(articles)


Analysis = tuple[list[Claim], list[Mention]] | KgError


def _analyse(extractor: Extractor, doc: Document) -> Analysis:
    """Claims and mentions of one article, or the error that stopped its extraction."""
    try:
        if type(extractor).extract is RuleExtractor.extract:  # one pass for both
            return extractor.analyse(doc)  # type: ignore[attr-defined]
        mentions = extractor.mentions(doc) if hasattr(extractor, "mentions") else []
        return extractor.extract(doc), mentions
    except KgError as exc:
        return exc


@cache
def _worker_extractor(name: str) -> Extractor:
    return get_extractor(name)


def _analyse_by_name(name: str, docs: list[Document]) -> list[Analysis]:
    extractor = _worker_extractor(name)
    return [_analyse(extractor, doc) for doc in docs]


#: Articles sent to a worker at once, and chunks in flight per worker: enough to keep the
#: workers busy while the parent reads, few enough that memory does not grow with the input.
TASK_SIZE = 8
TASKS_PER_JOB = 16


def _analyse_all(
    items: Iterable[Document | InputError], extractor: Extractor | str, jobs: int
) -> Iterator[tuple[Document, Analysis] | InputError]:
    """Extract articles in order, in ``jobs`` processes when the extractor is named.

    Input errors pass through as they are read. In processes, the parent reads articles only
    a bounded number ahead of the extractions handed back, so a long input streams.
    """
    items = iter(items)
    head: list[Document | InputError] = []
    articles = 0
    while articles < 2:  # a single article is not worth starting processes
        item = next(items, None)
        if item is None:
            break
        head.append(item)
        articles += isinstance(item, Document)
    items = chain(head, items)
    if jobs > 1 and isinstance(extractor, str) and articles > 1:
        pool = ProcessPoolExecutor(max_workers=jobs)
        try:
            yield from _stream(pool, extractor, items, TASKS_PER_JOB * jobs)
        finally:
            pool.shutdown(cancel_futures=True)
        return
    ex = get_extractor(extractor) if isinstance(extractor, str) else extractor
    for item in items:
        yield item if isinstance(item, InputError) else (item, _analyse(ex, item))


def _stream(
    pool: ProcessPoolExecutor,
    extractor: str,
    items: Iterator[Document | InputError],
    in_flight: int,
) -> Iterator[tuple[Document, Analysis] | InputError]:
    """Results of ``items`` in order, at most ``in_flight`` tasks of articles submitted ahead."""
    pending: deque[tuple[list[Document], Future[list[Analysis]]]] = deque()
    task: list[Document] = []
    for item in chain(items, [None]):
        if isinstance(item, InputError):
            yield item
            continue
        if item is not None:
            task.append(item)
        if task and (len(task) == TASK_SIZE or item is None):
            pending.append((task, pool.submit(_analyse_by_name, extractor, task)))
            task = []
        while pending and (len(pending) >= in_flight or item is None):
            docs, future = pending.popleft()
            yield from zip(docs, future.result(), strict=True)
