"""Claims files: what `kg extract` writes reads back as the same extraction."""

from dataclasses import replace
from pathlib import Path

import pytest

from kg.claims import Extraction, dumps, loads, read_extractions
from kg.errors import InputError
from kg.model import Amount, Claim, Document, Mention


def sample() -> Extraction:
    doc = Document(
        doc_id="d1",
        source="feeds/a.jsonl:4",
        name="a.jsonl",
        text="Quillon Tech raised €12 million from Harbourline; Harbourline may buy it.",
        lang="en",
        title="Quillon raises",
        url="https://news.example.net/q",
        published="2025-03-02",
        content_hash="abc",
        lang_detected=True,
        repairs=("cp1252 mojibake",),
    )
    quillon = Mention("Quillon Tech", 0, 12, "Company")
    harbour = Mention("Harbourline", 37, 48, "InvestmentFirm", ref="harbourline", label="H. Ltd")
    richer = Mention("Harbourline", 37, 48, "InvestmentFirm", ref="harbourline", label="H.")
    claims = [
        Claim("d1", quillon, "raises", None, doc.text[:49], 0, 49, 0.9, "rules:raise",
              amount=Amount(12e6, "EUR", approximate=True), date="2025-03"),
        Claim("d1", richer, "investsIn", quillon, doc.text[:49], 0, 49, 0.8, "rules:invest"),
        Claim("d1", harbour, "acquires", quillon, doc.text, 0, 72, 0.5, "rules:buy", hedged=True),
    ]  # fmt: skip
    return Extraction(doc, claims, [quillon, harbour])


def test_round_trip_keeps_every_field_and_shared_mentions() -> None:
    original = sample()
    back = loads(dumps(original))
    assert back.document == replace(original.document, text="")  # the text is not written
    assert back.claims == original.claims and back.mentions == original.mentions
    # one mention object shared by a claim and the mention list stays one object
    assert back.claims[0].subject is back.mentions[0] is back.claims[1].object
    assert back.claims[1].subject is not back.mentions[1]  # a different view of the span


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"format": "kg-claims/0"}', "not a kg-claims/1 record"),
        ("[1, 2]", "not a kg-claims/1 record"),
        ('{"format": "kg-claims/1", "doc": {}}', "incomplete record"),
    ],
)
def test_bad_lines_say_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        loads(line)


def test_unknown_predicate_is_refused() -> None:
    line = dumps(sample()).replace('"p":"raises"', '"p":"likes"')
    with pytest.raises(ValueError, match="unknown predicate 'likes'"):
        loads(line)


def test_reader_names_file_and_line_and_goes_on(tmp_path: Path) -> None:
    good = dumps(sample())
    path = tmp_path / "shard.jsonl"
    path.write_text(f"{good}\n\n{{oops\n{good}\n", encoding="utf-8")
    items = list(read_extractions([path, tmp_path / "missing.jsonl"]))
    assert [type(x).__name__ for x in items] == [
        "Extraction", "InputError", "Extraction", "InputError"
    ]  # fmt: skip
    assert str(items[1]).startswith(f"{path}:3: malformed JSON")
    assert isinstance(items[3], InputError) and "missing.jsonl: cannot read" in str(items[3])
