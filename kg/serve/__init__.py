"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint (standard library HTTP only).

Routes:

* ``GET/POST /sparql`` (also ``/query``): queries, as ``query=`` (GET or form POST)
  or an ``application/sparql-query`` body. Updates (``update=`` or an
  ``application/sparql-update`` body, also on ``/update``) are refused with 403
  unless the server was made with ``updates=True``; then they need
  ``Authorization: Bearer <token>`` (401 otherwise).
* ``GET /queries/NAME?param=value``: a question of the library, parameters bound
  as RDF terms exactly as ``kg query`` does.
* ``GET /``: an HTML page listing the library, with a query box.

Answers are negotiated with ``Accept`` or a ``format``/``output`` parameter
(406 when nothing offered fits). Limits: a query runs in a worker thread and is
answered with 503 after ``timeout_s`` (the worker cannot be killed; it finishes
in the background and keeps its slot until then, at most ``workers`` at once);
answers longer than ``max_rows`` rows (triples for graphs) are **truncated**,
and the response then carries ``X-SPARQL-MaxRows: <max_rows>`` (Virtuoso's
header for the same thing). Errors are one-line ``text/plain`` bodies: invalid
SPARQL is 400 with the parser's message.
"""

from __future__ import annotations

import hmac
import re
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from rdflib import Graph

from kg.errors import KgError, QueryError, StoreError
from kg.query import list_queries, run_query
from kg.serve.formats import GRAPHS, ROWS, negotiate, render_graph, render_rows
from kg.serve.page import library_page
from kg.store import Store, open_store, store_directory
from kg.store.base import SelectResult, one_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Largest request body accepted (bytes); larger ones get 413.
MAX_BODY = 16 * 1024 * 1024
#: Response header set when an answer was cut at ``max_rows``.
TRUNCATED_HEADER = "X-SPARQL-MaxRows"

_QUERY_PATHS = ("/sparql", "/query")
_UPDATE_PATHS = ("/sparql", "/update")
_FORM = "application/x-www-form-urlencoded"
_LIBRARY_NAME = re.compile(r"[A-Za-z0-9_-]+")
_UPDATE_START = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|\s)*(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(?:#[^\n]*\n|\s)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"


class HttpError(Exception):
    """An answer other than 200: status code and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass
class ServerConfig:
    """What every request handler of one server shares."""

    store: Store
    updates: bool = False
    token: str | None = None
    timeout_s: float = 30.0
    max_rows: int = 100_000
    workers: int = 8
    log: Callable[[str], None] | None = None
    slots: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self.slots = threading.BoundedSemaphore(self.workers)


class KgServer(ThreadingHTTPServer):
    """A threading HTTP server that carries its :class:`ServerConfig`."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: ServerConfig) -> None:
        self.config = config
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(
    store: Store | str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    updates: bool = False,
    token: str | None = None,
    timeout_s: float = 30.0,
    max_rows: int = 100_000,
    workers: int = 8,
    log: Callable[[str], None] | None = None,
    memory: bool = False,
) -> KgServer:
    """A bound (not yet serving) SPARQL endpoint over ``store``; port 0 picks a free port.

    ``updates=True`` needs a non-empty ``token`` that clients send as a bearer token.
    ``memory=True`` serves a read-only in-memory copy of an embedded store (a directory):
    faster answers for a long session, without the writes made to it afterwards.
    """
    if updates and not token:
        raise StoreError(
            f"{getattr(store, 'location', store)}: updates need a bearer token "
            "(kg serve --allow-updates --token-env NAME, with NAME set in the environment)"
        )
    if timeout_s <= 0 or max_rows < 0 or workers < 1:
        raise QueryError("kg serve: timeout must be > 0, max rows >= 0 and workers >= 1")
    opened = _in_memory(store, updates) if memory else open_store(store)
    config = ServerConfig(opened, updates, token, timeout_s, max_rows, workers, log)
    try:
        return KgServer((host, port), config)
    except OSError as exc:
        raise StoreError(
            f"{host}:{port}: cannot listen ({one_line(exc.strerror or exc)})"
        ) from None


def serve(
    store: Store | str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    on_ready: Callable[[str], None] | None = None,
    **options: Any,
) -> None:
    """Serve until interrupted (Ctrl-C); ``on_ready`` gets the base URL once listening."""
    server = make_server(store, host, port, **options)
    try:
        if on_ready is not None:
            on_ready(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _in_memory(store: Store | str, updates: bool) -> Store:
    """The in-memory copy of the embedded store at ``store`` (a directory)."""
    from kg.store.embedded import EmbeddedStore

    where = getattr(store, "location", store)
    if updates:
        raise StoreError(f"{where}: an in-memory copy is read-only (drop --allow-updates)")
    directory = None if isinstance(store, Store) else store_directory(store)
    if directory is None:
        raise StoreError(f"{where}: only an embedded store (a directory) can be copied into memory")
    return EmbeddedStore.in_memory_copy(directory)


class SparqlHandler(BaseHTTPRequestHandler):
    """One HTTP request: route, run with limits, negotiate, answer."""

    server: KgServer
    server_version = "kg-sparql/1"

    # -- routing ----------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._answer(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(self._post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _get(self) -> tuple[int, str, bytes, dict[str, str]]:
        path, params = self._split()
        if path == "/":
            selected = params.get("name", [None])[0]
            html = library_page(list_queries(), selected=selected, updates=self._config.updates)
            return 200, "text/html", html.encode("utf-8"), {}
        if path.startswith("/queries/"):
            return self._library(path.removeprefix("/queries/"), params)
        if path in _QUERY_PATHS:
            if "update" in params:
                raise HttpError(405, "updates must be sent with POST")
            return self._query(_one(params, "query"), params)
        raise HttpError(404, f"{path}: not found (try /, /sparql or /queries/NAME)")

    def _post(self) -> tuple[int, str, bytes, dict[str, str]]:
        path, params = self._split()
        if path not in _QUERY_PATHS + _UPDATE_PATHS:
            raise HttpError(404, f"{path}: not found (POST to /sparql)")
        media = self.headers.get_content_type()
        body = self._body()
        if media == _FORM:
            params = {**params, **_parse_form(body)}
            if "update" in params:
                return self._update(_one(params, "update"))
            return self._query(_one(params, "query"), params)
        text = _decode(body)
        if media == "application/sparql-update":
            return self._update(text)
        if media == "application/sparql-query":
            return self._query(text, params)
        raise HttpError(
            415,
            f"{media}: unsupported content type (use {_FORM}, application/sparql-query "
            "or application/sparql-update)",
        )

    # -- operations -------------------------------------------------------------------------

    def _query(self, sparql: str, params: dict[str, list[str]]) -> tuple[int, str, bytes, dict]:  # type: ignore[type-arg]
        for unsupported in ("default-graph-uri", "named-graph-uri"):
            if unsupported in params:
                raise HttpError(400, f"{unsupported}: not supported (queries see all graphs)")
        if _UPDATE_START.match(sparql):
            if not self._config.updates:
                raise HttpError(403, _READ_ONLY)
            raise HttpError(400, "this is a SPARQL Update: send it as update= or with POST")
        store = self._config.store
        result = self._limited(lambda: store.query(sparql))
        return self._result(result, params)

    def _library(self, name: str, params: dict[str, list[str]]) -> tuple[int, str, bytes, dict]:  # type: ignore[type-arg]
        name = urllib.parse.unquote(name)
        names = [q.name for q in list_queries()]
        if not _LIBRARY_NAME.fullmatch(name) or name not in names:
            raise HttpError(404, f"{name}: no such query (library: {', '.join(names)})")
        values = {k: v[-1] for k, v in params.items() if k not in ("format", "output")}
        store = self._config.store
        result = self._limited(lambda: run_query(store, name, values))
        return self._result(result, params)

    def _update(self, sparql: str) -> tuple[int, str, bytes, dict]:  # type: ignore[type-arg]
        config = self._config
        if not config.updates:
            raise HttpError(403, _READ_ONLY)
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        expected = (config.token or "").encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            raise HttpError(
                401,
                "updates need the server's bearer token (Authorization: Bearer …)",
                {"WWW-Authenticate": 'Bearer realm="kg"'},
            )
        self._limited(lambda: _run_update(config.store, sparql))
        return 204, "text/plain", b"", {}

    def _result(
        self, result: SelectResult | Graph, params: dict[str, list[str]]
    ) -> tuple[int, str, bytes, dict[str, str]]:
        name = (params.get("format") or params.get("output") or [None])[0]
        choices = ROWS if isinstance(result, SelectResult) else GRAPHS
        fmt = negotiate(choices, self.headers.get("Accept", ""), name)
        if fmt is None:
            offered = ", ".join(f.media_type for f in choices)
            asked = f"format {name!r}" if name else f"Accept: {self.headers.get('Accept')}"
            raise HttpError(406, f"{asked}: not available for this query (offered: {offered})")
        headers: dict[str, str] = {}
        limit = self._config.max_rows
        if isinstance(result, SelectResult):
            if len(result.rows) > limit:
                result = SelectResult(result.variables, result.rows[:limit], result.boolean)
                headers[TRUNCATED_HEADER] = str(limit)
            return 200, fmt.media_type, render_rows(result, fmt), headers
        if len(result) > limit:
            cut = Graph()
            for number, triple in enumerate(result):
                if number >= limit:
                    break
                cut.add(triple)
            result = cut
            headers[TRUNCATED_HEADER] = str(limit)
        return 200, fmt.media_type, render_graph(result, fmt), headers

    def _limited(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` in a worker thread; 503 when it is too slow or all workers are busy."""
        config = self._config
        if not config.slots.acquire(blocking=False):
            raise HttpError(503, "server busy: every query worker is in use; try again later")
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["result"] = work()
            except BaseException as exc:  # handed to the request thread
                box["error"] = exc
            finally:
                config.slots.release()
                done.set()

        threading.Thread(target=run, name="kg-serve-query", daemon=True).start()
        if not done.wait(config.timeout_s):
            raise HttpError(503, f"query time limit of {config.timeout_s:g} s exceeded")
        if "error" in box:
            raise box["error"]
        return box["result"]

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def _config(self) -> ServerConfig:
        return self.server.config

    def _split(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        try:
            params = urllib.parse.parse_qs(
                parts.query, keep_blank_values=True, strict_parsing=False, errors="strict"
            )
        except UnicodeDecodeError:
            raise HttpError(400, "query string is not UTF-8") from None
        return parts.path or "/", params

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise HttpError(411, "POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise HttpError(400, f"Content-Length {length!r}: not a number") from None
        if size > MAX_BODY:
            raise HttpError(413, f"request body of {size} bytes exceeds {MAX_BODY} bytes")
        return self.rfile.read(size)

    def _answer(self, route: Callable[[], tuple[int, str, bytes, dict[str, str]]]) -> None:
        try:
            status, media, body, headers = route()
        except HttpError as exc:
            status, media, body, headers = exc.status, "text/plain", _line(exc.message), exc.headers
        except QueryError as exc:
            status, media, body, headers = 400, "text/plain", _line(str(exc)), {}
        except KgError as exc:
            status, media, body, headers = 500, "text/plain", _line(str(exc)), {}
        self.send_response(status)
        if body or status != 204:
            self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        if media == "text/html":
            self.send_header("Content-Security-Policy", _HTML_POLICY)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (base-class name)
        """Hand access-log lines to the configured logger (silent by default)."""
        log = self._config.log
        if log is not None:
            log(f"{self.address_string()} {format % args}")


_READ_ONLY = (
    "updates are disabled: this endpoint is read-only "
    "(start kg serve with --allow-updates --token-env NAME to accept them)"
)


def _one(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name)
    if not values:
        raise HttpError(400, f"missing {name}= parameter")
    if len(values) > 1:
        raise HttpError(400, f"{name}= given {len(values)} times; give it once")
    return values[0]


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "request body is not UTF-8") from None


def _parse_form(body: bytes) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(_decode(body), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, "form is not UTF-8") from None


def _line(message: str) -> bytes:
    return (one_line(message, limit=1000) + "\n").encode("utf-8")


def _run_update(store: Store, sparql: str) -> None:
    """Run a SPARQL Update through the store (errors are the store's typed errors)."""
    store.update(sparql)


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "KgServer",
    "ServerConfig",
    "TRUNCATED_HEADER",
    "make_server",
    "serve",
]
