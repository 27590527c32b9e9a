"""The question library: ``queries/*.rq`` files and the header that documents each one.

A header is a block of ``# key: value`` comment lines at the top of the file::

    # title: Investors of a company
    # description: Who invests in a company, with amounts, dates and sources.
    # param: company (entity, required): the invested company, by label or alias
    # example: kg query investors --param company="Mistral AI"

A parameter's type says how the text a user gives is bound: ``entity`` (looked up by
label or alias, bound as the entity's IRI), ``article`` (by file name, URL or id, bound as
the article's IRI), ``string``, ``int``, ``decimal``, ``date`` or ``iri``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.datafiles import data_dir
from kg.errors import QueryError

#: Parameter types a header may declare.
PARAM_TYPES: tuple[str, ...] = (
    "entity",
    "article",
    "string",
    "int",
    "decimal",
    "date",
    "iri",
)

_HEADER_LINE = re.compile(r"#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[a-z]+)\s*(?:,\s*(?P<opts>[^)]*))?\)"
    r"\s*:?\s*(?P<description>.*)$"
)


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter: its SPARQL variable name, type and whether it is needed."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    def usage(self) -> str:
        """Short form for messages and listings, e.g. ``company (entity, required)``."""
        extra = "required" if self.required else f"default={self.default}" if self.default else ""
        return f"{self.name} ({self.type}{', ' + extra if extra else ''})"


@dataclass(frozen=True)
class QueryInfo:
    """A query of the library (or a user's file): its text and documented header."""

    name: str
    sparql: str
    title: str = ""
    description: str = ""
    params: tuple[ParamSpec, ...] = ()
    example: str = ""
    path: Path | None = None


def parse_query(text: str, name: str, path: Path | None = None) -> QueryInfo:
    """Read the header of a query text; lines that are not ``# key: value`` end it.

    >>> q = parse_query("# title: T\\n# param: x (int, default=3): how many\\nSELECT ?x {}", "q")
    >>> q.title, q.params[0].usage()
    ('T', 'x (int, default=3)')
    """
    fields: dict[str, str] = {}
    params: list[ParamSpec] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        match = _HEADER_LINE.match(stripped)
        if not stripped.startswith("#"):
            break
        if match is None:
            continue
        key, value = match["key"], match["value"]
        if key == "param":
            params.append(_parse_param(value, name))
        else:
            fields.setdefault(key, value)
    return QueryInfo(
        name=name,
        sparql=text,
        title=fields.get("title", ""),
        description=fields.get("description", ""),
        params=tuple(params),
        example=fields.get("example", ""),
        path=path,
    )


def _parse_param(value: str, query: str) -> ParamSpec:
    match = _PARAM.match(value)
    if match is None:
        raise QueryError(f"{query}: bad parameter declaration {value!r}")
    kind = match["type"]
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"{query}: parameter {match['name']!r} has unknown type {kind!r} "
            f"(use {', '.join(PARAM_TYPES)})"
        )
    required, default = False, None
    for option in (o.strip() for o in (match["opts"] or "").split(",")):
        if option == "required":
            required = True
        elif option.startswith("default="):
            default = option.partition("=")[2].strip().strip('"')
    return ParamSpec(match["name"], kind, required, default, match["description"].strip())


def library_dir() -> Path:
    """Folder of the shipped ``.rq`` files."""
    return data_dir("queries")


def list_queries() -> list[QueryInfo]:
    """Every query of the library, sorted by name."""
    return [load_query_file(path) for path in sorted(library_dir().glob("*.rq"))]


def load_query_file(path: Path) -> QueryInfo:
    """Read one ``.rq`` file; its name is the file name without the suffix."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query ({exc.__class__.__name__})") from None
    return parse_query(text, path.stem, path)


def find_query(name_or_path: str) -> QueryInfo:
    """A library query by name, or a query file by path; QueryError lists the names."""
    path = library_dir() / f"{name_or_path}.rq"
    if re.fullmatch(r"[A-Za-z0-9_-]+", name_or_path) and path.is_file():
        return load_query_file(path)
    candidate = Path(name_or_path)
    if candidate.is_file():
        return load_query_file(candidate)
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"{name_or_path}: no such query or file (library: {names})")
