"""read_sources / read_file / document_from_text: walking, guards, identity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import document_from_text, read_file, read_sources
from kg.model import Document

DATA = Path(__file__).parent.parent / "data" / "ingest"
ENGLISH = "Zephyr Robotics said that it has raised funds from Northwind Capital for the company."


def messages(results: list[Document | InputError]) -> list[str]:
    return [str(r) if isinstance(r, InputError) else f"doc {r.source}" for r in results]


def test_folder_is_walked_in_order_skipping_hidden_and_unknown() -> None:
    folder = str(DATA / "folder")
    assert messages(list(read_sources([folder]))) == [
        f"doc {folder}/a_article.txt",
        f"doc {folder}/sub/b_article.md",
        f"{folder}/sub/c_binary.txt: binary file (PNG image)",
    ]


def test_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    paths = [
        DATA / "broken_frontmatter.md",
        tmp_path / "missing.txt",
        DATA / "folder" / "notes.csv",
        DATA / "latin1_article.txt",
    ]
    results = list(read_sources(paths))
    assert messages(results) == [
        f"{paths[0]}:1: broken front matter: no closing '---'",
        f"{paths[1]}: no such file or folder",
        f"{paths[2]}: unsupported file type ('.csv'; expected .htm, .html, .jsonl, .markdown, "
        ".md, .txt)",
        f"doc {paths[3]}",
    ]
    doc = results[-1]
    assert isinstance(doc, Document)
    assert doc.name == "latin1_article.txt"
    assert doc.repairs == ("decoded as Windows-1252 (not valid UTF-8)",)


def test_front_matter_language_without_lexicon() -> None:
    [error] = read_file(DATA / "unsupported_lang.txt")
    assert str(error) == f"{DATA / 'unsupported_lang.txt'}: unsupported language 'pl'"


def test_undetected_language() -> None:
    [error] = read_file(DATA / "polish_article.txt")
    assert str(error).endswith("polish_article.txt: unsupported or undetected language")


def test_leading_date_token_sets_published() -> None:
    [doc] = read_file(DATA / "date_token_article.txt")
    assert isinstance(doc, Document)
    assert doc.published == "2023-11-15"
    assert doc.text.startswith("Northwind Capital ha annunciato")


def test_front_matter_date_wins_over_date_token() -> None:
    doc = document_from_text(
        "date 2020-01 " + ENGLISH, source="a.txt", name="a.txt", published="2024-05-06"
    )
    assert doc.published == "2024-05-06"
    assert doc.text == ENGLISH


def test_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(104_857_600)  # sparse: no 100 MB written to disk
    [error] = read_file(big)
    assert str(error) == f"{big}: file too large (104857600 bytes > 50000000)"
    small = tmp_path / "small.txt"
    small.write_text(ENGLISH, encoding="utf-8")
    [error] = read_file(small, max_bytes=10)
    assert str(error) == f"{small}: file too large ({len(ENGLISH)} bytes > 10)"


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    [error] = read_sources([tmp_path / "empty.md"])
    assert str(error) == f"{tmp_path / 'empty.md'}: empty file"


def test_broken_symlink_and_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    assert messages(list(read_sources([tmp_path]))) == [
        f"{tmp_path}/dangling.txt: broken symbolic link",
        f"{tmp_path}/loop_a.txt: symbolic link loop",
        f"{tmp_path}/loop_b.txt: symbolic link loop",
    ]


def test_folder_link_loop_is_reported_once(tmp_path: Path) -> None:
    inner = tmp_path / "news"
    inner.mkdir()
    (inner / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (inner / "back").symlink_to(tmp_path)
    assert messages(list(read_sources([tmp_path]))) == [
        f"doc {tmp_path}/news/a.txt",
        f"{tmp_path}/news/back: symbolic link loop (a folder that contains itself)",
    ]


def test_special_file_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [error] = read_file(fifo)  # reading a FIFO would block forever
    assert str(error) == f"{fifo}: not a regular file"


def _error_as_unprivileged_user(path: Path) -> str:
    """Read *path* in a forked child that dropped root, since root ignores file modes."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)  # nobody
            [error] = read_file(path)
            os.write(write_end, str(error).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    return message


def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        message = _error_as_unprivileged_user(locked)
    else:
        [error] = read_file(locked)
        message = str(error)
    assert message == f"{locked}: permission denied"


def test_identity_from_url_else_text() -> None:
    by_url = document_from_text(ENGLISH, source="a", name="a", url="https://n.example/1")
    same_url = document_from_text(
        ENGLISH + " More.", source="b", name="b", url="https://n.example/1"
    )
    by_text = document_from_text(ENGLISH, source="c", name="c")
    assert by_url.doc_id == same_url.doc_id
    assert by_text.doc_id != by_url.doc_id
    assert len(by_text.doc_id) == 16 and int(by_text.doc_id, 16) >= 0
    assert document_from_text("  " + ENGLISH + "\n", source="d", name="d").doc_id == by_text.doc_id


def test_content_hash_follows_text_and_metadata() -> None:
    base = document_from_text(ENGLISH, source="a", name="a")
    hashes = {
        base.content_hash,
        document_from_text(ENGLISH, source="a", name="a", title="Zephyr").content_hash,
        document_from_text(ENGLISH, source="a", name="a", published="2024").content_hash,
        document_from_text(ENGLISH, source="a", name="a", lang="en").content_hash,
        document_from_text(ENGLISH + "!", source="a", name="a").content_hash,
    }
    assert len(hashes) == 4  # giving lang "en" equals detecting it: same content
    assert document_from_text(ENGLISH, source="other", name="o").content_hash == base.content_hash


def test_document_from_text_errors() -> None:
    with pytest.raises(InputError, match=r"^a: no article text$"):
        document_from_text(" \n\u00a0 ", source="a", name="a")
    with pytest.raises(InputError, match=r"^a: bad url 'zephyr'"):
        document_from_text(ENGLISH, source="a", name="a", url="zephyr")
    with pytest.raises(InputError, match=r"^a: unsupported or undetected language$"):
        document_from_text("12345 67890", source="a", name="a")
