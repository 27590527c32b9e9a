"""Stage 1 — files on disk → Documents: clean text, metadata, language.

``read_sources`` takes files and folders and yields a Document per article and an
InputError per input that could not be read; it never raises for a bad input, so one
broken file does not stop a batch.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.decode import check_size, clean_text, normalize_text
from kg.ingest.frontmatter import check_url, parse_lang, parse_published, take_date_token
from kg.ingest.language import detect_language, supported_languages
from kg.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "Unchanged", "document_from_text", "read_file", "read_sources"]

#: Files larger than this are refused unread (a news article is a few kilobytes).
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Unchanged:
    """A file whose bytes are those of an article already stored: not decoded again."""

    source: str


def document_from_text(
    text: str,
    *,
    source: str,
    name: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    lang: str | None = None,
    repairs: Iterable[str] = (),
) -> Document:
    """Build a Document from an article's text and metadata: clean, validate, identify.

    Raises InputError naming ``source`` when the text is empty after cleaning, a value is
    invalid, or the language has no lexicon / cannot be detected.

    >>> doc = document_from_text("date 2024-03 Zephyr Robotics said that it has raised "
    ...     "funds for the company.", source="a.txt", name="a.txt")
    >>> doc.lang, doc.published, doc.text[:15]
    ('en', '2024-03', 'Zephyr Robotics')
    """
    body, notes = clean_text(text)
    token_date, body = take_date_token(body)
    if not body:
        raise InputError(source, "no article text")
    try:
        published = parse_published(published) if published else token_date
        url = check_url(url) if url else None
        code = parse_lang(lang) if lang else None
    except ValueError as err:
        raise InputError(source, str(err)) from None
    if title:
        title = " ".join(normalize_text(clean_text(title)[0]).split()) or None
    if title and not body.casefold().startswith(title.casefold()[:60]):
        # the headline is part of what the article says (and often its densest sentence):
        # it leads the cleaned text, so facts in it keep offsets like every other sentence
        body = f"{title}\n\n{body}"
    if code is not None and code not in supported_languages():
        raise InputError(source, f"unsupported language {code!r}")
    detected = code is None
    if code is None:
        code, _ = detect_language(body)
        if code is None:
            raise InputError(source, "unsupported or undetected language")
    identity = url if url else body
    fingerprint = "\x1f".join((body, title or "", url or "", published or "", code))
    return Document(
        doc_id=hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16],
        source=source,
        name=name,
        text=body,
        lang=code,
        title=title,
        url=url,
        published=published,
        content_hash=hashlib.sha256(fingerprint.encode("utf-8")).hexdigest(),
        lang_detected=detected,
        repairs=(*repairs, *notes),
    )


def read_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, known: Container[str] = ()
) -> list[Document | InputError | Unchanged]:
    """Read one file with the reader for its suffix; bad input comes back as InputError.

    A file holding one article gets its raw bytes' hash (``Document.source_hash``); when
    that hash is in ``known`` the file is not decoded and comes back as Unchanged.
    """
    source = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        return [InputError(source, _os_reason(path, err))]
    if stat.S_ISDIR(info.st_mode):
        return [InputError(source, "is a folder (pass it to read_sources)")]
    from kg.ingest.formats import READERS, reader_for  # formats imports this module

    suffix = Path(path).suffix
    reader = reader_for(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        shown = f"{suffix!r}" if suffix else "no suffix"
        return [InputError(source, f"unsupported file type ({shown}; expected {known})")]
    if not stat.S_ISREG(info.st_mode):
        return [InputError(source, "not a regular file")]
    try:
        check_size(info.st_size, max_bytes, source=source)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        check_size(len(data), max_bytes, source=source)  # it may have grown meanwhile
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            return [Unchanged(source)]
        found = reader(data, source=source, name=Path(path).name)
        if len(found) == 1 and isinstance(found[0], Document):
            return [replace(found[0], source_hash=digest)]
        return list(found)
    except InputError as err:
        return [err]
    except OSError as err:
        return [InputError(source, _os_reason(path, err))]


def read_sources(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known: Container[str] = (),
) -> Iterator[Document | InputError | Unchanged]:
    """Yield a Document per article and an InputError per bad input, folders walked in order.

    Folders are walked recursively in name order, skipping hidden entries and files of
    unknown type; a file named explicitly with an unknown type is an InputError. Files
    whose raw hash is in ``known`` (see :func:`read_file`) come back as Unchanged.
    """
    visited: set[tuple[int, int]] = set()
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(str(path), (), visited, max_bytes, known)
        else:
            yield from read_file(path, max_bytes=max_bytes, known=known)


def _walk(
    folder: str,
    ancestors: tuple[tuple[int, int], ...],
    visited: set[tuple[int, int]],
    max_bytes: int,
    known: Container[str],
) -> Iterator[Document | InputError | Unchanged]:
    """Walk one folder; a folder reached again through a link is read only once."""
    from kg.ingest.formats import reader_for

    try:
        info = os.stat(folder)
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            yield InputError(folder, "symbolic link loop (a folder that contains itself)")
            return
        if key in visited:
            return
        visited.add(key)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(folder, _os_reason(folder, err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(folder, entry.name)
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(child, (*ancestors, key), visited, max_bytes, known)
        elif reader_for(Path(entry.name).suffix) is not None:
            yield from read_file(child, max_bytes=max_bytes, known=known)


def _os_reason(path: str | Path, err: OSError) -> str:
    """A short reason for an OS error on ``path``."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(err, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if isinstance(err, PermissionError):
        return "permission denied"
    return f"cannot read ({err.strerror or err})"
