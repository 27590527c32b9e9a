"""The headline leads the cleaned text once, so its facts have offsets like any sentence."""

from kg.ingest import document_from_text

TITLE = "Zephyr Robotics raises $40m"
BODY = "Zephyr Robotics raised $40 million from Northwind Capital, the company said on Monday."


def test_headline_is_prepended() -> None:
    doc = document_from_text(BODY, source="a", name="a", title=TITLE)
    assert doc.text == "Zephyr Robotics raises $40m\n\n" + BODY
    assert doc.title == "Zephyr Robotics raises $40m"


def test_headline_already_in_the_text_is_not_repeated() -> None:
    text = "Zephyr Robotics raises $40m\n\n" + BODY
    doc = document_from_text(text, source="a", name="a", title=TITLE)
    assert doc.text.count("Zephyr Robotics raises $40m") == 1
