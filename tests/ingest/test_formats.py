"""Readers by suffix: text, Markdown, HTML, JSON Lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.formats import read_html, read_jsonl, read_markdown, read_text, reader_for
from kg.model import Document

DATA = Path(__file__).parent.parent / "data" / "ingest"


def read(reader, name: str) -> list[Document | InputError]:  # type: ignore[no-untyped-def]
    return reader((DATA / name).read_bytes(), source=f"in/{name}", name=name)


def test_registry_by_suffix() -> None:
    assert reader_for(".txt") is read_text
    assert reader_for(".MD") is read_markdown
    assert reader_for(".htm") is read_html
    assert reader_for(".jsonl") is read_jsonl
    assert reader_for(".csv") is None


def test_markdown_with_front_matter() -> None:
    [doc] = read(read_markdown, "frontmatter_article.md")
    assert isinstance(doc, Document)
    assert doc.title == "Northwind Capital backs Zephyr Robotics"
    assert doc.url == "https://news.example/northwind-zephyr"
    assert doc.published == "2024-02-26"
    assert (doc.lang, doc.lang_detected) == ("en", False)
    assert "**" not in doc.text and "](" not in doc.text
    assert "Northwind Capital said on Monday that it has invested in Zephyr Robotics" in doc.text
    assert "\n\nThe deal values the company at 120 million dollars." in doc.text


def test_markdown_first_heading_is_the_title_without_front_matter() -> None:
    data = b"# Zephyr Robotics opens in Leeds\n\nZephyr Robotics said that it has opened an office."
    [doc] = read_markdown(data, source="a.md", name="a.md")
    assert isinstance(doc, Document)
    assert doc.title == "Zephyr Robotics opens in Leeds"


def test_html_article_text_and_metadata() -> None:
    [doc] = read(read_html, "article.html")
    assert isinstance(doc, Document)
    assert doc.title == "Zephyr Robotics erhält Geld von Northwind Capital"
    assert doc.url == "https://wirtschaft.example/zephyr-northwind"
    assert doc.published == "2024-03-14"
    assert (doc.lang, doc.lang_detected) == ("de", False)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[1] == (
        "Der Investor Northwind Capital hat sich an dem Münchner Unternehmen Zephyr Robotics "
        "beteiligt."
    )
    assert paragraphs[2].endswith("der Firma.\nSie wird für neue Roboter verwendet.")
    for dropped in (
        "tracking",
        "Startseite",
        "Lesen Sie auch",
        "nope",
        "Impressum",
        "Kurz notiert",
    ):
        assert dropped not in doc.text


def test_html_without_article_uses_main_then_body() -> None:
    page = (
        b"<html><body><nav>Menu Home</nav><div><p>Zephyr Robotics said that it has a new "
        b"office.</p><p>The company will hire ten engineers this year.</p></div>"
        b'<meta property="og:url" content="https://x.example/a">'
        b'<link rel="canonical" href="/relative/only"><time datetime="2024-06">June</time>'
        b"</body></html>"
    )
    [doc] = read_html(page, source="p.html", name="p.html")
    assert isinstance(doc, Document)
    assert doc.text == (
        "Zephyr Robotics said that it has a new office.\n\n"
        "The company will hire ten engineers this year.\n\nJune"
    )
    assert doc.url == "https://x.example/a"  # a relative canonical link cannot be used
    assert doc.published == "2024-06"
    assert doc.lang_detected


def test_html_with_only_scripts_has_no_article_text() -> None:
    with pytest.raises(InputError) as caught:
        read(read_html, "scripts_only.html")
    assert str(caught.value) == "in/scripts_only.html: no article text"


def test_jsonl_good_lines_survive_bad_ones() -> None:
    results = read(read_jsonl, "feed.jsonl")
    assert [type(r).__name__ for r in results] == [
        "Document",
        "InputError",
        "InputError",
        "Document",
    ]
    first, bad_json, no_text, last = results
    assert isinstance(first, Document) and isinstance(last, Document)
    assert (first.source, first.name) == ("in/feed.jsonl:1", "feed.jsonl#1")
    assert first.url == "https://feed.example/1"
    assert (last.source, last.name, last.lang, last.published) == (
        "in/feed.jsonl:5",
        "feed.jsonl#5",
        "es",
        "2024",
    )
    assert (
        str(bad_json) == "in/feed.jsonl:2: malformed JSON (Expecting ',' delimiter at column 120)"
    )
    assert bad_json.line == 2
    assert str(no_text) == "in/feed.jsonl:3: missing 'text' (a non-empty string)"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[1, 2]", "expected a JSON object, got list"),
        (b'{"text": "Zephyr Robotics said it has grown.", "title": 5}', "'title' must be a string"),
        (
            b'{"text": "Zephyr Robotics said that it has grown this year.", "published": "soon"}',
            "bad published date 'soon' (expected YYYY, YYYY-MM or YYYY-MM-DD, a real date)",
        ),
        (b'{"text": "Zephyr Robotics ha crecido.", "lang": "pl"}', "unsupported language 'pl'"),
    ],
)
def test_jsonl_line_errors(line: bytes, reason: str) -> None:
    [error] = read_jsonl(b"\n" + line + b"\n", source="f.jsonl", name="f.jsonl")
    assert isinstance(error, InputError)
    assert (error.reason, error.line) == (reason, 2)
