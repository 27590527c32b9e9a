"""Typed errors whose ``str()`` is the one-line message a user sees.

Every message names the input it is about, so a batch log reads like
``examples/x.txt: not UTF-8 and not repairable (byte 0x9d at 1832)``.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class for expected failures; the CLI prints them without a traceback."""


class InputError(KgError):
    """A source (file, line of a JSON Lines file, URL) that could not be ingested."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = str(source)
        self.reason = reason
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {reason}")


class QueryError(KgError):
    """A query that is unknown, malformed, or called with bad parameters."""


class StoreError(KgError):
    """A store that cannot be opened, reached, read or written."""


class EntityNotFound(KgError):
    """An entity name given by the user that matches nothing in the graph."""

    def __init__(self, name: str, close: list[str] | None = None) -> None:
        self.name = name
        self.close = close or []
        hint = f"; did you mean: {', '.join(self.close)}" if self.close else ""
        super().__init__(f"entity {name!r} not found in the graph{hint}")
