"""Money expressions in five languages → value in units and ISO 4217 code."""

import math

import pytest

from kg.extract.money import find_amounts, parse_amount, parse_number


@pytest.mark.parametrize(
    ("text", "lang", "value", "currency"),
    [
        ("13 miliardi di dollari", "it", 13e9, "USD"),
        ("16 millions de dollars", "fr", 16e6, "USD"),
        ("€15 million", "en", 15e6, "EUR"),
        ("$10bn", "en", 10e9, "USD"),
        ("USD 600m", "en", 600e6, "USD"),
        ("1,5 milliard d'euros", "fr", 1.5e9, "EUR"),
        ("$4 billion", "en", 4e9, "USD"),
        ("£250,000", "en", 250_000, "GBP"),
        ("3,2 milioni di euro", "it", 3.2e6, "EUR"),
        ("700 millions d’euros", "fr", 700e6, "EUR"),
        ("CHF 45 million", "en", 45e6, "CHF"),
    ],
)
def test_parse_amount(text: str, lang: str, value: float, currency: str) -> None:
    amount = parse_amount(text, lang)
    assert amount is not None
    assert math.isclose(amount.value, value)
    assert amount.currency == currency


def test_approximate_words_mark_the_amount() -> None:
    amount = parse_amount("a raccolto circa 80 milioni di euro", "it")
    assert amount is not None and amount.approximate and amount.value == 80e6
    assert not parse_amount("raised $80 million", "en").approximate


def test_scaled_number_without_currency_keeps_no_currency() -> None:
    amount = parse_amount("dopo gli 8 miliardi investiti", "it")
    assert amount is not None and amount.value == 8e9 and amount.currency is None


@pytest.mark.parametrize("text", ["in 2023 the firm grew 20 %", "it has 300 employees", "Series B"])
def test_numbers_that_are_not_money(text: str) -> None:
    assert parse_amount(text, "en") is None


def test_offsets_point_into_the_text() -> None:
    text = "Brightwave Labs raised $12.5 million from Oakridge Partners."
    (span,) = find_amounts(text, "en")
    assert text[span.start : span.end] == "$12.5 million"
    assert span.amount.value == 12.5e6


@pytest.mark.parametrize(
    ("text", "comma", "value"),
    [
        ("1.234,5", True, 1234.5),
        ("1,234.5", False, 1234.5),
        ("2.000.000", True, 2e6),
        ("7", True, 7),
    ],
)
def test_parse_number(text: str, comma: bool, value: float) -> None:
    assert parse_number(text, decimal_comma=comma) == value
