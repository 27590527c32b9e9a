"""Language detection from the lexicons' stopword lists."""

from __future__ import annotations

import tomllib

import pytest

from kg.datafiles import lexicon_dir
from kg.ingest.language import detect_language, stopwords, supported_languages

PARAGRAPHS = {
    "it": (
        "La società torinese Zephyr Robotics ha chiuso un round da 30 milioni di euro. "
        "Il fondo Northwind Capital guiderà l'operazione insieme ad altri investitori. "
        "Secondo il fondatore, le risorse serviranno per aprire una nuova sede a Milano."
    ),
    "fr": (
        "La start-up lyonnaise Zephyr Robotics a levé 30 millions d'euros cette semaine. "
        "Le fonds Northwind Capital mène le tour avec deux autres investisseurs. "
        "Selon sa dirigeante, la société veut recruter une centaine d'ingénieurs."
    ),
    "en": (
        "Zephyr Robotics, a warehouse automation start-up, has raised 30 million dollars. "
        "The round was led by Northwind Capital, which took a minority stake. "
        "The company said it would use the money to open an office in Boston."
    ),
    "de": (
        "Das Münchner Unternehmen Zephyr Robotics hat 30 Millionen Euro eingesammelt. "
        "Die Runde wird von Northwind Capital angeführt, die sich mit einer Minderheit beteiligt. "
        "Laut der Gründerin soll das Geld in die Entwicklung neuer Roboter fließen."
    ),
    "es": (
        "La empresa madrileña Zephyr Robotics ha cerrado una ronda de 30 millones de euros. "
        "El fondo Northwind Capital lidera la operación junto a otros inversores. "
        "Según su fundadora, el dinero servirá para abrir una oficina en Barcelona."
    ),
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_detects_supported_languages(lang: str) -> None:
    code, share = detect_language(PARAGRAPHS[lang])
    assert code == lang
    assert 0.15 <= share <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Spółka Zephyr Robotics z Krakowa pozyskała w poniedziałek nowe fundusze od Northwind "
        "Capital. Prezes powiedział, że pieniądze zostaną przeznaczone na rozwój robotów.",
        "总部位于深圳的机器人公司完成了三千万美元融资。本轮融资由北风资本领投。",
        "Het bedrijf Zephyr Robotics heeft een nieuwe investering aangekondigd in de sector.",
        "qwrt zxcv plmk ghjy trew bnmv lkjh poiu",
        "",
    ],
    ids=["polish", "chinese", "dutch", "random", "empty"],
)
def test_no_clear_language(text: str) -> None:
    assert detect_language(text)[0] is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = (PARAGRAPHS["it"] + " ") * 25 + (PARAGRAPHS["en"] + " ") * 500
    assert len(text) > 10 * 5000
    assert detect_language(text)[0] == "it"


def test_every_lexicon_file_is_a_language() -> None:
    files = sorted(lexicon_dir().glob("*.toml"))
    codes = set()
    for path in files:
        with path.open("rb") as handle:
            section = tomllib.load(handle).get("language")
        if section:  # files without [language] hold shared data
            codes.add(section["code"])
    assert set(supported_languages()) == codes
    assert {"it", "fr", "en", "de", "es"} <= codes
    assert all(stopwords()[code] for code in codes)
