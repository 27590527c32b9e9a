"""One small reader per file format, found by suffix through the ``READERS`` registry.

A reader takes a file's bytes and returns one Document per article in it, or an InputError
per article it could not read (a JSON Lines file holds many); a file that cannot be read at
all raises InputError, which ``read_file`` turns into the file's one result. Registry values are
``"module:function"`` strings, imported on first use, so a new format is one line here.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Protocol

from kg.errors import InputError
from kg.ingest import document_from_text
from kg.ingest.decode import decode_bytes
from kg.ingest.frontmatter import check_url, parse_lang, parse_published, split_front_matter
from kg.model import Document

Result = list[Document | InputError]


class Reader(Protocol):
    """Signature every reader has."""

    def __call__(self, data: bytes, *, source: str, name: str) -> Result: ...


#: File suffix (lower case) → "module:function" of its reader.
READERS: dict[str, str] = {
    ".txt": "kg.ingest.formats:read_text",
    ".md": "kg.ingest.formats:read_markdown",
    ".markdown": "kg.ingest.formats:read_markdown",
    ".html": "kg.ingest.formats:read_html",
    ".htm": "kg.ingest.formats:read_html",
    ".jsonl": "kg.ingest.formats:read_jsonl",
}


def reader_for(suffix: str) -> Reader | None:
    """Return the reader registered for a file suffix such as ".txt", or None.

    >>> reader_for(".TXT") is read_text
    True
    >>> reader_for(".pdf") is None
    True
    """
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module, _, function = target.partition(":")
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def read_text(data: bytes, *, source: str, name: str) -> Result:
    """A plain-text article, with an optional ``---`` front matter header."""
    decoded = decode_bytes(data, source=source)
    meta, body = split_front_matter(decoded.text, source=source)
    return [document_from_text(body, source=source, name=name, repairs=decoded.repairs, **meta)]


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"^ {0,3}(```|~~~).*$", re.MULTILINE), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE), r"\1"),
    (re.compile(r"^ {0,3}> ?", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
)


def markdown_to_text(markdown: str) -> str:
    """Drop Markdown markup that is not prose: heading marks, link targets, emphasis, fences.

    >>> markdown_to_text("## Zephyr Robotics\\n\\n**Northwind** [invests](https://x.example).")
    'Zephyr Robotics\\n\\nNorthwind invests.'
    """
    for pattern, replacement in _MD_RULES:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def read_markdown(data: bytes, *, source: str, name: str) -> Result:
    """A Markdown article: front matter as for text; the first ``# heading`` is the title."""
    decoded = decode_bytes(data, source=source)
    meta, body = split_front_matter(decoded.text, source=source)
    heading = re.search(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)
    if heading and "title" not in meta:
        meta["title"] = heading.group(1)
    text = markdown_to_text(body)
    return [document_from_text(text, source=source, name=name, repairs=decoded.repairs, **meta)]


def read_jsonl(data: bytes, *, source: str, name: str) -> Result:
    """JSON Lines: one article object per line (``text`` required); bad lines are reported."""
    decoded = decode_bytes(data, source=source)
    results: Result = []
    lines = decoded.text.replace("\r\n", "\n").split("\n")  # not splitlines: keep U+2028
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = _json_article(line)
            text = fields.pop("text")
            doc = document_from_text(
                text,
                source=f"{source}:{number}",
                name=f"{name}#{number}",
                repairs=decoded.repairs,
                **fields,
            )
        except (ValueError, InputError) as err:
            reason = err.reason if isinstance(err, InputError) else str(err)
            results.append(InputError(source, reason, line=number))
        else:
            results.append(doc)
    return results or [InputError(source, "no JSON lines")]


def _json_article(line: str) -> dict[str, str]:
    """Parse and check one JSON line; raise ValueError with a user-facing reason."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        where = "column" if err.msg.endswith(" at") else "at column"  # "starting at": no "at at"
        raise ValueError(f"malformed JSON ({err.msg} {where} {err.colno})") from None
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    if not isinstance(value.get("text"), str) or not value["text"].strip():
        raise ValueError("missing 'text' (a non-empty string)")
    fields = {"text": value["text"]}
    for key in ("title", "url", "published", "lang"):
        item = value.get(key)
        if isinstance(item, int) and not isinstance(item, bool) and key == "published":
            item = str(item)
        if item is not None and not isinstance(item, str):
            raise ValueError(f"{key!r} must be a string")
        if item and item.strip():
            fields[key] = item
    return fields


#: Elements whose content is never article text.
_DROPPED = frozenset(
    "script style nav header footer aside form noscript svg template iframe button select "
    "textarea head title canvas object dialog menu".split()
)
#: Elements that end a paragraph.
_BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr dl dt dd "
    "figcaption address hr".split()
)
_CONTAINERS = ("article", "main")


class _ArticleParser(HTMLParser):
    """Collects page text (whole body and each <article>/<main>) and metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.body: list[str] = []
        self.open: list[tuple[str, list[str]]] = []
        self.closed: list[tuple[str, list[str]]] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] | None = None
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: (value or "").strip() for key, value in attrs}
        self._metadata(tag, attr)
        if tag == "body":
            self.skipping.clear()  # a <head> that was never closed ends here
        if tag in _DROPPED:
            self.skipping.append(tag)
        elif not self.skipping:
            if tag in _CONTAINERS:
                self.open.append((tag, []))
            if tag == "br":
                self._emit("\n")
            elif tag in _BLOCKS:
                self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.meta.setdefault("title", " ".join("".join(self.title).split()))
            self.title = None
        if tag in self.skipping:
            del self.skipping[self.skipping.index(tag) :]
            return
        if self.skipping:
            return
        if tag in _BLOCKS:
            self._emit("\n\n")
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                self.closed.append(self.open.pop(index))
                break

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if not self.skipping:
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        self.body.append(text)
        for _, parts in self.open:
            parts.append(text)

    def _metadata(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "html" and attr.get("lang"):
            self.meta.setdefault("lang", attr["lang"])
        elif tag == "title":
            self.title = []
        elif tag == "time" and attr.get("datetime"):
            self.times.append(attr["datetime"])
        elif tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attr.get("href", ""))
        elif tag == "meta" and attr.get("content"):
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            self.meta.setdefault(key, attr["content"])

    def article_text(self) -> str:
        """Text of the longest <article>, else of <main>, else of the whole page."""
        for container in _CONTAINERS:
            texts = [_paragraphs(p) for tag, p in self.closed + self.open if tag == container]
            best = max(texts, key=len, default="")
            if best:
                return best
        return _paragraphs(self.body)


def _paragraphs(parts: list[str]) -> str:
    """Join emitted pieces; one blank line between paragraphs, spaces collapsed."""
    blocks = "".join(parts).split("\n\n")
    cleaned = ("\n".join(" ".join(line.split()) for line in b.split("\n")).strip() for b in blocks)
    return "\n\n".join(block for block in cleaned if block)


def _first_valid(values: list[str | None], check: Callable[[str], str]) -> str | None:
    """The first value that passes ``check`` (page metadata is noisy: skip, don't fail)."""
    for value in values:
        if value:
            try:
                return check(value)
            except ValueError:
                continue
    return None


def read_html(data: bytes, *, source: str, name: str) -> Result:
    """An HTML page: its main article text, title, canonical URL, date and language."""
    decoded = decode_bytes(data, source=source)
    parser = _ArticleParser()
    parser.feed(decoded.text)
    parser.close()
    text = parser.article_text()
    if not text:
        raise InputError(source, "no article text")
    meta = parser.meta
    dates = ["article:published_time", "datepublished", "date", "pubdate", "dc.date"]
    return [
        document_from_text(
            text,
            source=source,
            name=name,
            title=meta.get("og:title") or meta.get("title") or None,
            url=_first_valid([meta.get("canonical"), meta.get("og:url")], check_url),
            published=_first_valid([*(meta.get(k) for k in dates), *parser.times], parse_published),
            lang=_first_valid([meta.get("lang")], parse_lang),
            repairs=decoded.repairs,
        )
    ]
