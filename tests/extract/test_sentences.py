"""Sentence spans keep offsets and do not break at abbreviations."""

from kg.extract.sentences import split_sentences


def test_spans_are_offsets_into_the_text() -> None:
    text = "  Northwind Capital Ltd. led the round. Zephyr Inc. said so!\n\nA title line\nNext"
    spans = split_sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == [
        "Northwind Capital Ltd. led the round.",
        "Zephyr Inc. said so!",
        "A title line",
        "Next",
    ]


def test_decimal_numbers_do_not_split() -> None:
    text = "La società vale 1.5 miliardi. Lo ha detto il CEO."
    assert len(split_sentences(text)) == 2
