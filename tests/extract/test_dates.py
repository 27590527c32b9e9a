"""Dates → ISO 8601, explicit and relative to the article's date."""

import pytest

from kg.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "lang", "ref", "iso"),
    [
        ("annunciato il 3 marzo 2023", "it", None, "2023-03-03"),
        ("le 14 juin 2022", "fr", None, "2022-06-14"),
        ("on February 26, 2024", "en", None, "2024-02-26"),
        ("in October 2021", "en", None, "2021-10"),
        ("a dicembre", "it", "2024-05-10", "2023-12"),
        ("a marzo", "it", "2024-05-10", "2024-03"),
        ("lo scorso novembre", "it", "2024-11-20", "2023-11"),
        ("hier", "fr", "2024-02-27", "2024-02-26"),
        ("yesterday", "en", "2024-03-01", "2024-02-29"),
        ("last year", "en", "2024-03-01", "2023"),
        ("nel 2019", "it", None, "2019"),
        ("2024-02-26", "en", None, "2024-02-26"),
    ],
)
def test_find_dates(text: str, lang: str, ref: str | None, iso: str) -> None:
    found = find_dates(text, lang, ref=ref)
    assert [d.iso for d in found] == [iso]


def test_relative_date_without_article_date_is_dropped() -> None:
    assert find_dates("ieri", "it", ref=None) == []


def test_percentages_are_not_years() -> None:
    assert find_dates("crescita del 2030%", "it") == []
