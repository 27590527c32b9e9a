"""One build over a folder of good articles and every kind of bad input (issue 6, point 1).

Decisions pinned here:

* Latin-1, Windows-1252 and mixed UTF-8/Windows-1252 files are *repaired* and stored
  (news exports arrive like that); a byte that no encoding explains is an error.
* A 1 MB article on one line (no newline) is ingested: an article need not have line
  breaks, and the size guard, not the line length, protects memory.
* "Unreadable": the tests run as root, where ``chmod 000`` does not stop reads, so the
  unreadable inputs are a FIFO named ``.txt`` (never opened: "not a regular file") and a
  dangling symbolic link.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from robust_support import DATA
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.pipeline import build
from kg.store import open_store

runner = CliRunner()

#: Files that must end up stored (a jsonl line counts as its own article).
GOOD = [
    "feed.jsonl#1",
    "feed.jsonl#3",
    "good_en.txt",
    "good_it.md",
    "latin1.txt",
    "long_line.txt",
    "mixed_encoding.txt",
    "windows1252.txt",
]


def expected_problems(folder: Path) -> list[str]:
    """The exact line per bad input, in the order the folder is walked (by name)."""
    f = lambda name: str(folder / name)  # noqa: E731
    size = 100 * 1024 * 1024
    return [
        f"{f('archive.txt')}: binary file (ZIP archive)",
        f"{f('bad_date.txt')}:3: bad published date '2024-02-30' "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD, a real date)",
        f"{f('broken_frontmatter.md')}:1: broken front matter: no closing '---'",
        f"{f('dangling.txt')}: broken symbolic link",
        f"{f('document.md')}: binary file (PDF document)",
        f"{f('empty.txt')}: empty file",
        f"{f('feed.jsonl')}:2: malformed JSON (Expecting ',' delimiter at column 25)",
        f"{f('fifo.txt')}: not a regular file",
        f"{f('huge.txt')}: file too large ({size} bytes > 50000000)",
        f"{f('image.txt')}: binary file (PNG image)",
        f"{f('loop/again')}: symbolic link loop (a folder that contains itself)",
        f"{f('polish.txt')}: unsupported or undetected language",
        f"{f('scripts_only.html')}: no article text",
        f"{f('self_link.txt')}: symbolic link loop",
        f"{f('undecodable.txt')}: not UTF-8 and not repairable (byte 0x9d at 43)",
    ]


def make_folder(root: Path) -> Path:
    """Copy the static inputs and generate the binary, huge, looping and unreadable ones."""
    folder = root / "inbox"
    shutil.copytree(DATA / "corpus", folder)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    (folder / "document.md").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    (folder / "archive.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00article.txt")
    with open(folder / "huge.txt", "wb") as handle:  # sparse: costs no disk
        handle.truncate(100 * 1024 * 1024)
    lead = "Granite Peak Capital said that it has invested 3 million euros in Harrow Biotech. "
    filler = "The market grew and the analysts said that prices went up again this year. "
    line = lead + filler * ((1024 * 1024 - len(lead)) // len(filler) + 1)
    (folder / "long_line.txt").write_text(line[: 1024 * 1024], encoding="utf-8")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to("..")
    (folder / "self_link.txt").symlink_to("self_link.txt")
    (folder / "dangling.txt").symlink_to("gone-away.txt")
    os.mkfifo(folder / "fifo.txt")
    return folder


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("bad-inputs"))


def stored_sources(location: Path) -> list[str]:
    """kg:sourceName of every stored article."""
    store = open_store(location)
    try:
        result = store.query(
            "SELECT ?name WHERE { ?a a <https://w3id.org/kg/ontology#Article> ;"
            " <https://w3id.org/kg/ontology#sourceName> ?name }"
        )
        return sorted(str(row[0]) for row in result.rows)  # type: ignore[union-attr]
    finally:
        store.close()


def test_library_build_reports_each_bad_input_and_stores_every_good_one(
    inbox: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "store")
    try:
        report = build([inbox], store)
    finally:
        store.close()
    assert [str(problem) for problem in report.skipped] == expected_problems(inbox)
    assert all(isinstance(problem, InputError) for problem in report.skipped)
    assert len(report.added) == len(GOOD)
    assert stored_sources(tmp_path / "store") == GOOD


def test_cli_build_prints_one_line_per_bad_input_and_exits_2(inbox: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["--store", str(store), "build", "-q", str(inbox)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"skipped: {p}" for p in expected_problems(inbox)]
    assert result.stdout.startswith(
        f"{len(GOOD)} added, 0 replaced, 0 unchanged, {len(expected_problems(inbox))} skipped;"
    )
    assert stored_sources(store) == GOOD


def test_cli_build_again_leaves_good_articles_unchanged(inbox: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner.invoke(app, ["--store", str(store), "build", "-q", str(inbox)])
    again = runner.invoke(app, ["--store", str(store), "build", "-q", str(inbox)])
    assert again.exit_code == 2
    assert again.stdout.startswith(f"0 added, 0 replaced, {len(GOOD)} unchanged,")


def test_strict_makes_the_first_bad_input_fatal(inbox: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["--store", str(store), "build", "-q", "--strict", str(inbox)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {expected_problems(inbox)[0]}\n"
    assert result.stdout == ""


def test_strict_library_build_raises_the_first_input_error(inbox: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        build([inbox], tmp_path / "store", strict=True)
    assert str(caught.value) == expected_problems(inbox)[0]


def test_each_bad_file_named_alone_gets_its_line(inbox: Path, tmp_path: Path) -> None:
    """Named one at a time (not walked), every bad file still fails with the same line."""
    lines = expected_problems(inbox)
    names = ["empty.txt", "image.txt", "huge.txt", "fifo.txt", "dangling.txt", "polish.txt"]
    for name in names:
        result = runner.invoke(
            app, ["--store", str(tmp_path / "s"), "build", "-q", str(inbox / name)]
        )
        assert result.exit_code == 2, name
        [expected] = [line for line in lines if line.startswith(f"{inbox / name}:")]
        assert result.stderr == f"skipped: {expected}\n"
