"""Front matter header and leading date token."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest.frontmatter import (
    check_url,
    parse_lang,
    parse_published,
    split_front_matter,
    take_date_token,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "2024"),
        ("2024-02", "2024-02"),
        ("2024-02-29", "2024-02-29"),
        ("2024-02-26T10:00:00Z", "2024-02-26"),
        ("2024-02-26T10:00:00.123+01:00", "2024-02-26"),
        ("2024-02-26 10:00", "2024-02-26"),
        (" 2023-12-01 ", "2023-12-01"),
    ],
)
def test_published_accepted(value: str, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-29",
        "2024-13",
        "2024-00-10",
        "24-02-26",
        "26/02/2024",
        "yesterday",
        "2024-02-26T25:00",
    ],
)
def test_published_refused(value: str) -> None:
    with pytest.raises(ValueError, match="bad published date"):
        parse_published(value)


def test_lang_and_url_checks() -> None:
    assert parse_lang("IT") == "it"
    assert parse_lang("pt_BR") == "pt"
    with pytest.raises(ValueError, match="bad language code"):
        parse_lang("italian!")
    with pytest.raises(ValueError, match="bad url"):
        check_url("news.example/zephyr")


def test_header_is_split_and_unknown_keys_ignored() -> None:
    text = (
        "---\n"
        'title: "Zephyr Robotics: a new round"\n'
        "# a comment line\n"
        "url: https://news.example/zephyr#top\n"
        "published: 2024-02-26T10:00:00Z\n"
        "lang: fr   # optional\n"
        "author: Jane Roe\n"
        "---\n"
        "Zephyr Robotics a levé des fonds.\n"
    )
    meta, body = split_front_matter(text, source="a.md")
    assert meta == {
        "title": "Zephyr Robotics: a new round",
        "url": "https://news.example/zephyr#top",
        "published": "2024-02-26",
        "lang": "fr",
    }
    assert body == "Zephyr Robotics a levé des fonds.\n"


def test_text_without_header_is_unchanged() -> None:
    assert split_front_matter("Northwind Capital: a note", source="a.txt") == (
        {},
        "Northwind Capital: a note",
    )


def test_header_not_closed() -> None:
    text = "---\ntitle: Zephyr\n\nZephyr Robotics raised funds: a lot.\n"
    with pytest.raises(InputError) as caught:
        split_front_matter(text, source="news/x.md")
    assert str(caught.value) == "news/x.md:1: broken front matter: no closing '---'"
    assert caught.value.line == 1


def test_header_line_without_colon() -> None:
    text = "---\ntitle: Zephyr\nno colon here\n---\nBody."
    with pytest.raises(InputError) as caught:
        split_front_matter(text, source="x.txt")
    assert str(caught.value) == (
        "x.txt:3: broken front matter: expected 'key: value', got 'no colon here'"
    )


def test_bad_date_names_its_line() -> None:
    text = "---\ntitle: Zephyr\npublished: 2024-02-30\n---\nBody."
    with pytest.raises(InputError) as caught:
        split_front_matter(text, source="x.txt")
    assert caught.value.line == 3
    assert str(caught.value).startswith("x.txt:3: bad published date '2024-02-30'")


def test_leading_date_token() -> None:
    assert take_date_token("date 2024-02-26 Zephyr") == ("2024-02-26", "Zephyr")
    assert take_date_token("\n  Date 2023-07\nNorthwind") == ("2023-07", "\nNorthwind")
    # not at the very start, or not a real date: left in the text
    assert take_date_token("Zephyr date 2024-02") == (None, "Zephyr date 2024-02")
    assert take_date_token("date 2024-13 Zephyr") == (None, "date 2024-13 Zephyr")
