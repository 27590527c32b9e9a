"""``kg serve``: expose the store as a SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import os

import typer

from kg.cli.context import err, reports_errors, state

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@reports_errors
def serve_command(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (loopback unless told otherwise)."
    ),
    port: int = typer.Option(7878, "--port", help="Port to listen on (0 picks a free one)."),
    allow_updates: bool = typer.Option(
        False, "--allow-updates", help="Accept SPARQL Update from clients with the bearer token."
    ),
    token_env: str | None = typer.Option(
        None,
        "--token-env",
        help="Name of the environment variable holding the bearer token for updates.",
        show_default=False,
    ),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run (then 503)."),
    max_rows: int = typer.Option(
        100_000, "--max-rows", help="Rows (or triples) per answer; longer answers are truncated."
    ),
    memory: bool = typer.Option(
        False,
        "--memory",
        help="Serve an in-memory copy of the store directory: answers 2-4x faster on big "
        "stores, ~0.5 GB and ~6 s per million triples at start; builds made later are not "
        "seen. Read-only.",
    ),
) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol (read-only by default) until Ctrl-C.

    Open http://127.0.0.1:7878/ for the query library; clients use /sparql.

    Example: kg serve --port 7878 & curl 'http://127.0.0.1:7878/sparql?query=ASK{?s?p?o}'

    Example: kg --store kg-store serve --memory   (a long session on a big store)
    """
    from kg.errors import StoreError
    from kg.serve import serve

    token = None
    if allow_updates:
        if not token_env:
            raise StoreError(
                "kg serve --allow-updates: give --token-env NAME (the token's variable)"
            )
        token = os.environ.get(token_env, "")
        if not token:
            raise StoreError(f"{token_env}: environment variable is not set or empty")
    if host not in _LOOPBACK:
        err(f"warning: listening on {host}: other machines can query this store")

    if memory and not allow_updates:
        err(f"copying {state(ctx).store} into memory…")

    def ready(url: str) -> None:
        mode = "updates with bearer token" if allow_updates else "read-only"
        if memory:
            mode += ", in-memory copy"
        err(f"SPARQL endpoint at {url}/sparql ({mode}); query library at {url}/ — Ctrl-C to stop")

    serve(
        state(ctx).store,
        host,
        port,
        on_ready=ready,
        updates=allow_updates,
        token=token,
        timeout_s=timeout,
        max_rows=max_rows,
        log=err,
        memory=memory,
    )


def register(app: typer.Typer) -> None:
    """Add ``kg serve`` to the application."""
    app.command("serve")(serve_command)
