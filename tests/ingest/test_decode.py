"""Decoding and cleaning: guards, charsets, mojibake repair, normalization."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.decode import (
    binary_kind,
    check_size,
    clean_text,
    decode_bytes,
    normalize_text,
    repair_codepage_mojibake,
)

DATA = Path(__file__).parent.parent / "data" / "ingest"
# the example article that arrived as UTF-8 read through a Thai codepage
THAI_SEED = Path(__file__).parents[2] / "examples" / "news" / "2025-02-mistral-open-source.txt"


def mangle_through_thai(text: str) -> str:
    """What a lossy round trip does: UTF-8 bytes read as TIS-620, bytes it lacks dropped."""
    raw = text.encode("utf-8")
    return bytes(b for b in raw if not 0x80 <= b <= 0xA0).decode("cp874", errors="ignore")


def test_utf8_is_decoded_unchanged() -> None:
    decoded = decode_bytes("Zephyr Robotics è più grande".encode(), source="a.txt")
    assert decoded.text == "Zephyr Robotics è più grande"
    assert decoded.repairs == ()


def test_utf8_bom_is_dropped() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbfNorthwind Capital", source="a.txt")
    assert decoded.text == "Northwind Capital"


def test_utf16_with_bom_fixture() -> None:
    decoded = decode_bytes((DATA / "utf16_bom_article.txt").read_bytes(), source="u.txt")
    assert decoded.text.startswith("Zephyr Robotics a levé des fonds")


def test_utf16_without_bom() -> None:
    decoded = decode_bytes("Società Zephyr, città di Torino".encode("utf-16-le"), source="u.txt")
    assert decoded.text == "Società Zephyr, città di Torino"
    assert decoded.repairs == ("decoded as UTF-16 without byte order mark",)


def test_windows_1252_file_is_decoded_and_noted() -> None:
    decoded = decode_bytes((DATA / "latin1_article.txt").read_bytes(), source="l.txt")
    assert "La società Zephyr Robotics è stata valutata" in decoded.text
    assert "un’operazione più ampia" in decoded.text
    assert decoded.repairs == ("decoded as Windows-1252 (not valid UTF-8)",)


def test_mixed_encodings_are_decoded_line_by_line() -> None:
    decoded = decode_bytes((DATA / "mixed_encoding.txt").read_bytes(), source="m.txt")
    assert decoded.text.splitlines() == [
        "Northwind Capital investirà nella società di Torino.",
        "Il fondo ha già raccolto capitali per la crescita.",
        "La decisione è attesa entro l’estate.",
    ]
    assert decoded.repairs == ("mixed encodings: 1 of 3 lines decoded as Windows-1252",)


def test_unrepairable_byte_is_named_with_its_offset() -> None:
    data = b"Zephyr Robotics " * 10 + b"caf\x9d"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="news/x.txt")
    assert str(caught.value) == "news/x.txt: not UTF-8 and not repairable (byte 0x9d at 163)"


def test_implausible_legacy_text_is_refused() -> None:
    data = b"Zephyr " + bytes([0xA4, 0xA6, 0xA8, 0xAC, 0xB1, 0xB4, 0xB8, 0xBC, 0xBE, 0xD7])
    with pytest.raises(InputError, match=r"not UTF-8 and not repairable \(byte 0xa4 at 7\)"):
        decode_bytes(data, source="x.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="empty.txt")
    assert str(caught.value) == "empty.txt: empty file"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "GZIP archive"),
        (b"Zephyr\x00Robotics\x00", "NUL bytes"),
    ],
)
def test_binary_files_are_refused(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="doc.txt")
    assert str(caught.value) == f"doc.txt: binary file ({kind})"


def test_size_guard_message() -> None:
    with pytest.raises(InputError) as caught:
        check_size(104_857_600, 50_000_000, source="big.txt")
    assert str(caught.value) == "big.txt: file too large (104857600 bytes > 50000000)"
    check_size(50_000_000, 50_000_000, source="ok.txt")  # the limit itself is allowed


def test_classic_mojibake_is_repaired_by_ftfy() -> None:
    broken = "La società Zephyr è più grande".encode().decode("cp1252")
    assert "Ã¨" in broken
    text, repairs = clean_text(broken)
    assert text == "La società Zephyr è più grande"
    assert repairs and repairs[0].startswith("repaired mojibake")


@pytest.mark.parametrize(
    "sentence",
    ["La società Zephyr è più grande", "Die Firma Zephyr ist größer und schöner"],
)
def test_cyrillic_codepage_mojibake_of_latin_text(sentence: str) -> None:
    text, repairs = clean_text(sentence.encode("utf-8").decode("cp1251"))
    assert text == sentence
    assert repairs[0].endswith("(Cyrillic codepage cp1251)")


def test_real_russian_quote_in_english_text_is_left_alone() -> None:
    text = "Zephyr Robotics signed a deal with Газпром нефть in Saint Petersburg on Monday."
    assert repair_codepage_mojibake(text) == (text, ())


def test_thai_codepage_seed_is_repaired() -> None:
    text, repairs = clean_text(THAI_SEED.read_text(encoding="utf-8"))
    for word in ("permetterà", " è ", "più", "possibilità", "qualità, grazie"):
        assert word in text
    assert not any("\u0e00" <= c <= "\u0e7f" for c in text)
    assert repairs == ("repaired 18 mojibake sequences (Thai codepage cp874)",)


@pytest.mark.parametrize(
    "sentence",
    [
        "La società Zephyr Robotics è più forte: la città potrà crescere – così dice l’analista.",
        "À Lyon, la société Zephyr Robotics a levé des fonds auprès de Northwind Capital : "
        "c’est déjà un succès – et le cœur du projet.",
        "La empresa Zephyr Robotics recibió una inversión de Northwind Capital en Málaga; "
        "¿será el año de la expansión? Sí, según el señor Núñez.",
        "Die größte Straße in München gehört nun Zephyr Robotics – sagt Northwind.",
    ],
    ids=["it", "fr", "es", "de"],
)
def test_thai_codepage_mojibake_is_repaired(sentence: str) -> None:
    mangled = mangle_through_thai(sentence)
    assert any("\u0e00" <= c <= "\u0e7f" for c in mangled)  # the helper did mangle it
    text, repairs = clean_text(mangled)
    assert text == normalize_text(sentence)
    assert repairs[0].startswith("repaired ")


def test_lost_no_break_space_before_punctuation_is_not_kept() -> None:
    mangled = "modelli di alta qualit\u0e23 , grazie"
    assert repair_codepage_mojibake(mangled) == (
        "modelli di alta qualità, grazie",
        ("repaired 1 mojibake sequences (Thai codepage cp874)",),
    )


@pytest.mark.parametrize(
    "text",
    [
        "บริษัทเซเฟอร์โรโบติกส์ได้รับเงินลงทุนใหม่จากนักลงทุนในกรุงเทพฯ เมื่อวันจันทร์",
        "Zephyr Robotics opened an office in Bangkok (กรุงเทพมหานคร) this year.",
    ],
    ids=["thai", "thai-name-in-english"],
)
def test_real_thai_is_left_alone(text: str) -> None:
    assert repair_codepage_mojibake(text) == (text, ())
    assert clean_text(text) == (text, ())


def test_normalize_quotes_spaces_and_paragraphs() -> None:
    raw = "  \u201cZephyr\u201d  e \u2018Northwind\u2019\t\tfirmano\u00a0l\u2019accordo "
    raw += "\u00abora\u00bb \r\n"
    raw += "seconda riga\n\n\n\n  nuovo paragrafo\u202f!  "
    assert normalize_text(raw) == (
        "\"Zephyr\" e 'Northwind' firmano l'accordo «ora»\nseconda riga\n\nnuovo paragrafo !"
    )


def test_normalize_composes_to_nfc() -> None:
    decomposed = "citta\u0300"
    assert normalize_text(decomposed) == "città"
    assert unicodedata.is_normalized("NFC", normalize_text(decomposed))


SHORTCUT_TEXTS = [
    "La società è stata fondata nel 2019 – «un passo avanti» per l’Italia.",
    "L’entreprise a levé 12 M€ auprès d’investisseurs européens.",
    "Die Übernahme durch Nordlicht AG wurde im März geprüft.",
    "El fondo invirtió en la compañía española de Bilbao.",
    "The startup\u2019s founders met investors in Zürich.",
    "Ã¨ stata approvata la fusione tra le societÃ\xa0",  # UTF-8 read as Latin-1
    "CafeÌ\x81 au lait",  # mojibake of a decomposed accent
    "Cafe\u0301 au lait",  # not NFC
    "ﬁnanziamento di ＡＢＣ Ｃｏｒｐ",  # ligature and full-width forms
    "line one\r\nline two\rline three\u2028four\u2029five\x85six",
    "bell\x07 and escape \x1b[31mred\x1b[0m and C1 \x91quoted\x92",
    "surrogate \ud83d\ude00 and lone \ud800 here",
    "plain ASCII text, nothing to fix.",
    "",
]


def test_ftfy_shortcut_gives_what_the_whole_of_ftfy_gives() -> None:
    import random

    import ftfy

    from kg.ingest.decode import _FTFY, _ftfy

    rng = random.Random(11)
    pool = "".join({c for t in SHORTCUT_TEXTS for c in t}) + "éàüñçÂÃ€™œ\u00a0\u0301"
    texts = SHORTCUT_TEXTS + ["".join(rng.choice(pool) for _ in range(40)) for _ in range(400)]
    shortcut_taken = 0
    for text in texts:
        fast, steps = _ftfy(text)
        whole = ftfy.fix_and_explain(text, _FTFY)
        assert (fast, steps or []) == (whole.text, whole.explanation or []), repr(text)
        shortcut_taken += fast == text
    assert shortcut_taken > 5


@pytest.mark.parametrize(
    ("pattern", "proven"),
    [("é|aé|a\\s?é", True), ("ab|é", False), ("abcé", False), ("[a-zé]é", True), ("(?=é)é", False)],
)
def test_non_ascii_analysis(pattern: str, proven: bool) -> None:
    import re._parser as sre_parse

    from kg.ingest.decode import _non_ascii_within

    assert _non_ascii_within(list(sre_parse.parse(pattern)), 3) is proven


def test_quick_mojibake_check_answers_as_ftfy() -> None:
    import random

    from ftfy.badness import is_bad

    from kg.ingest.decode import _quick_badness

    quick_badness = _quick_badness()
    assert quick_badness is not None  # proven for the installed ftfy
    rng = random.Random(3)
    pool = "aeiou AEZ.,?!-'\"\n0123456789éàèüñçÂÃÎÐ€œŠš¢£Ÿž\xa0\xad®©°·»«–—´×²³ØÙ√≈‚ÄвЂГўВРСβΒΓΞΟ"
    texts = SHORTCUT_TEXTS + ["".join(rng.choice(pool) for _ in range(12)) for _ in range(3000)]
    texts += ["voilà a Ã  peine", "it is Â so", "naïve ×² café"]  # bad from 2 characters ahead
    flagged = 0
    for text in texts:
        quick = quick_badness.search(text) is not None
        assert quick == is_bad(text), repr(text)
        flagged += quick
    assert 0 < flagged < len(texts)


def test_typographic_characters_are_replaced_as_the_table_says() -> None:
    import random

    from kg.ingest.decode import _TRANSLATE, _UNTYPOGRAPHIC, _untypographic

    rng = random.Random(9)
    pool = "".join(map(chr, _TRANSLATE)) + "abc é«»\n"
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(30))
        assert _UNTYPOGRAPHIC.sub(_untypographic, text) == text.translate(_TRANSLATE)
