"""A seeded generator of multilingual business-news articles for the benchmarks.

Articles are in Italian, French, English, German and Spanish, about invented companies,
investors and people, with real regulator names, and with amounts and dates written the way
each language's press writes them ("13 miliardi di dollari", "16 millions de dollars",
"$10bn", "2,5 Mrd. Euro", "1.500 millones de euros"). Every article has a front-matter header
(title, url, published) and 150-400 words: a handful of fact sentences (funding rounds,
valuations, acquisitions, partnerships, regulator reviews, founders and CEOs, headquarters)
padded with neutral filler sentences in the same language.

The same ``seed`` and ``n`` always give byte-identical files, so runs are comparable.

Usage::

    python -m benchmarks.corpus OUTPUT_DIR -n 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

LANGS = ("it", "fr", "en", "de", "es")

REGULATORS = {  # with the article each language puts before the name
    "it": ["la Commissione europea", "l'AGCM", "la FTC", "la CMA", "il Bundeskartellamt"],
    "fr": [
        "la Commission européenne",
        "l'Autorité de la concurrence",
        "la FTC",
        "la CMA",
        "la CNMC",
    ],
    "en": ["the European Commission", "the FTC", "the CMA", "the Bundeskartellamt", "the AGCM"],
    "de": [
        "die EU-Kommission",
        "das Bundeskartellamt",
        "die FTC",
        "die CMA",
        "die Autorité de la concurrence",
    ],
    "es": ["la Comisión Europea", "la CNMC", "la FTC", "la CMA", "la AGCM"],
}

_SYLLABLES = (
    "al ver ka no tri lu zen ox mi ra vo qu el sta fin ion neu tec bri cor dal mar sol "
    "vit aur gen lin pax rho sig tor ul vex wyn xan yor zep cal dor fen"
).split()
_COMPANY_TAILS = ["AI", "Labs", "Robotics", "Systems", "Bio", "Energy", "Pay", "Cloud", "Health"]
_INVESTOR_TAILS = ["Capital", "Ventures", "Partners"]
_INVESTOR_HEADS = (
    "Northwind Bluecrest Ironbridge Silverlake Redwood Harbor Granite Summit Meridian "
    "Lakeshore Aster Kestrel Orchard Beacon Lantern Foxglove Tidewater Highgate"
).split()
_FIRST = {
    "it": ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo", "Elena", "Davide"],
    "fr": ["Camille", "Julien", "Claire", "Thomas", "Sophie", "Antoine", "Léa", "Hugo"],
    "en": ["Sarah", "James", "Emily", "Daniel", "Olivia", "Michael", "Grace", "Ethan"],
    "de": ["Anna", "Lukas", "Katrin", "Jonas", "Miriam", "Felix", "Sabine", "Tobias"],
    "es": ["Lucía", "Javier", "Marta", "Pablo", "Carmen", "Diego", "Elena", "Sergio"],
}
_LAST = {
    "it": ["Rossi", "Bianchi", "Ferrari", "Esposito", "Colombo", "Ricci", "Marino", "Greco"],
    "fr": ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux"],
    "en": ["Smith", "Carter", "Hughes", "Bennett", "Turner", "Walsh", "Foster", "Reed"],
    "de": ["Müller", "Schmidt", "Becker", "Hoffmann", "Wagner", "Schulz", "Koch", "Richter"],
    "es": ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres"],
}
_CITIES = {
    "it": ["Milano", "Torino", "Roma", "Bologna"],
    "fr": ["Paris", "Lyon", "Toulouse", "Nantes"],
    "en": ["London", "Boston", "Austin", "Dublin"],
    "de": ["Berlin", "München", "Hamburg", "Köln"],
    "es": ["Madrid", "Barcelona", "Valencia", "Bilbao"],
}
_MONTHS = {
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
    "novembre dicembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
MONTHS = {lang: text.split() for lang, text in _MONTHS.items()}

# Fact templates. Fields: {co} {co2} company, {inv} investor, {amt} amount, {val} valuation,
# {reg} regulator, {person} {title} a person with a title, {city} city, {date} a date.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "it": {
        "round": [
            "{co} ha raccolto {amt} in un round di finanziamento guidato da {inv}.",
            "La startup {co} chiude un round da {amt}, con la partecipazione di {inv}.",
        ],
        "valuation": ["Dopo l'operazione {co} è valutata {val}, secondo fonti vicine al dossier."],
        "acquisition": ["{co} ha acquisito {co2} per {amt}, ha annunciato {date} la società."],
        "partnership": ["{co} ha firmato un accordo con {co2} per sviluppare servizi cloud."],
        "review": ["{reg} esamina l'accordo tra {co} e {co2}, secondo quanto riferito {date}."],
        "founder": ["{co}, fondata da {person} nel 2019, conta oggi circa 200 dipendenti."],
        "ceo": ["{person}, {title} di {co}, ha detto che i ricavi sono raddoppiati."],
        "hq": ["{co}, con sede a {city}, punta ad aprire nuovi uffici in Europa."],
        "invest": ["{inv} ha investito {amt} in {co}."],
    },
    "fr": {
        "round": [
            "{co} a levé {amt} lors d'un tour de table mené par {inv}.",
            "La jeune pousse {co} boucle un tour de financement de {amt} auprès de {inv}.",
        ],
        "valuation": ["À l'issue de l'opération, {co} est valorisée {val}."],
        "acquisition": ["{co} a racheté {co2} pour {amt}, a annoncé la société {date}."],
        "partnership": ["{co} a signé un accord avec {co2} pour commercialiser ses logiciels."],
        "review": [
            "{reg} examine l'accord entre {co} et {co2}, selon un communiqué publié {date}."
        ],
        "founder": ["{co}, fondée par {person} en 2020, emploie désormais 150 personnes."],
        "ceo": ["{person}, {title} de {co}, a indiqué que le chiffre d'affaires a doublé."],
        "hq": ["{co}, basée à {city}, veut recruter une centaine d'ingénieurs."],
        "invest": ["{inv} a investi {amt} dans {co}."],
    },
    "en": {
        "round": [
            "{co} has raised {amt} in a funding round led by {inv}.",
            "Start-up {co} closed a {amt} Series B round backed by {inv}.",
        ],
        "valuation": ["The deal values {co} at {val}, people familiar with the matter said."],
        "acquisition": ["{co} agreed to acquire {co2} for {amt}, the company said {date}."],
        "partnership": ["{co} signed a partnership with {co2} to sell its software to banks."],
        "review": ["{reg} is reviewing the deal between {co} and {co2}, it said {date}."],
        "founder": ["{co}, founded by {person} in 2018, now employs about 300 people."],
        "ceo": ["{person}, {title} of {co}, said revenue had doubled last year."],
        "hq": ["{co}, based in {city}, plans to open offices across Europe."],
        "invest": ["{inv} invested {amt} in {co}."],
    },
    "de": {
        "round": [
            "{co} hat in einer Finanzierungsrunde unter Führung von {inv} {amt} eingesammelt.",
            "Das Start-up {co} sammelt {amt} ein, angeführt von {inv}.",
        ],
        "valuation": ["Nach der Runde wird {co} mit {val} bewertet."],
        "acquisition": ["{co} übernimmt {co2} für {amt}, wie das Unternehmen {date} mitteilte."],
        "partnership": ["{co} hat eine Partnerschaft mit {co2} vereinbart."],
        "review": ["{reg} prüft die Übernahme von {co2} durch {co}, hieß es {date}."],
        "founder": ["{co} wurde von {person} gegründet und beschäftigt rund 120 Mitarbeiter."],
        "ceo": ["{person}, {title} von {co}, sagte, der Umsatz habe sich verdoppelt."],
        "hq": ["{co} mit Sitz in {city} will neue Büros in Europa eröffnen."],
        "invest": ["{inv} investiert {amt} in {co}."],
    },
    "es": {
        "round": [
            "{co} ha recaudado {amt} en una ronda de financiación liderada por {inv}.",
            "La emergente {co} cierra una ronda de {amt} con la participación de {inv}.",
        ],
        "valuation": ["Tras la operación, {co} está valorada en {val}."],
        "acquisition": ["{co} ha adquirido {co2} por {amt}, según anunció la empresa {date}."],
        "partnership": ["{co} ha firmado un acuerdo con {co2} para distribuir sus productos."],
        "review": ["{reg} analiza la compra de {co2} por parte de {co}, informó {date}."],
        "founder": ["{co}, fundada por {person} en 2021, cuenta ya con 90 empleados."],
        "ceo": ["{person}, {title} de {co}, afirmó que la facturación se ha duplicado."],
        "hq": ["{co}, con sede en {city}, prevé abrir nuevas oficinas en Europa."],
        "invest": ["{inv} ha invertido {amt} en {co}."],
    },
}

CEO_TITLES = {
    "it": ["amministratore delegato", "ceo"],
    "fr": ["directeur général", "PDG"],
    "en": ["chief executive", "CEO"],
    "de": ["Vorstandschef", "CEO"],
    "es": ["consejero delegado", "CEO"],
}

TITLES = {
    "it": ["{co} accelera: nuovi investitori", "Operazione {co}", "{co}, la mossa di mercato"],
    "fr": ["{co} change de dimension", "Opération {co}", "{co} : les coulisses d'un accord"],
    "en": ["{co} bets big", "Inside the {co} deal", "{co} makes its move"],
    "de": ["{co} setzt auf Wachstum", "Der {co}-Deal", "{co} im Aufwind"],
    "es": ["{co} acelera", "La operación {co}", "{co} mueve ficha"],
}

FILLER = {
    "it": [
        "Il settore ha attraversato un anno complesso, tra tassi elevati e prudenza dei fondi.",
        "Gli analisti si aspettano che la domanda di servizi digitali continui a crescere.",
        "Molte aziende europee stanno rivedendo i propri piani di assunzione per il prossimo anno.",
        "La concorrenza sui talenti tecnici resta forte nelle grandi città del continente.",
        "Negli ultimi mesi il mercato ha premiato i progetti con ricavi ricorrenti.",
        "Secondo diversi osservatori, il consolidamento del comparto proseguirà ancora a lungo.",
    ],
    "fr": [
        "Le secteur a traversé une année difficile, entre taux élevés et prudence des fonds.",
        "Les analystes s'attendent à ce que la demande de services numériques continue de croître.",
        "De nombreuses entreprises européennes revoient leurs plans d'embauche pour l'an prochain.",
        "La concurrence pour attirer les ingénieurs reste vive dans les grandes villes.",
        "Ces derniers mois, le marché a récompensé les projets aux revenus récurrents et solides.",
        "Selon plusieurs observateurs, la consolidation du secteur devrait se poursuivre.",
    ],
    "en": [
        "The sector has been through a difficult year, with high rates and cautious funds.",
        "Analysts expect demand for digital services to keep growing over the coming years.",
        "Many European companies are revisiting their hiring plans for next year.",
        "Competition for engineering talent remains fierce in the continent's largest cities.",
        "In recent months the market has rewarded recurring revenue and solid margins.",
        "Several observers expect consolidation in the industry to continue for some time.",
    ],
    "de": [
        "Die Branche hat ein schwieriges Jahr mit hohen Zinsen und vorsichtigen Fonds hinter sich.",
        "Analysten erwarten, dass die Nachfrage nach digitalen Diensten weiter wächst.",
        "Viele europäische Unternehmen überdenken derzeit ihre Einstellungspläne für das Jahr.",
        "Der Wettbewerb um Fachkräfte bleibt in den großen Städten des Kontinents hart.",
        "In den vergangenen Monaten belohnte der Markt Projekte mit wiederkehrenden Umsätzen.",
        "Mehrere Beobachter rechnen damit, dass die Konsolidierung der Branche weitergeht.",
    ],
    "es": [
        "El sector ha atravesado un año complicado, con tipos altos y fondos más prudentes.",
        "Los analistas esperan que la demanda de servicios digitales siga creciendo.",
        "Muchas empresas europeas están revisando sus planes de contratación para el próximo año.",
        "La competencia por el talento técnico sigue siendo intensa en las grandes ciudades.",
        "En los últimos meses el mercado ha premiado los proyectos con ingresos recurrentes.",
        "Varios observadores prevén que la consolidación del sector continúe durante años.",
    ],
}


def money(rng: random.Random, lang: str, *, big: bool = False) -> str:
    """An amount as the language's business press writes it.

    >>> money(random.Random(1), "de")
    '12 Mio. Euro'
    """
    value = rng.choice([2.5, 4, 12, 16, 40, 85, 150, 300, 600]) * 1e6
    if big:
        value = rng.choice([1.2, 2, 2.5, 6, 10, 13, 45]) * 1e9
    cur = rng.choice(["EUR", "USD", "USD", "EUR", "GBP"] if lang == "en" else ["EUR", "USD"])
    billions = value >= 1e9
    number = value / (1e9 if billions else 1e6)
    text = f"{number:g}"
    if lang == "en":
        symbol = {"EUR": "€", "USD": "$", "GBP": "£"}[cur]
        return f"{symbol}{text}{'bn' if billions else 'm'}"
    comma = text.replace(".", ",")
    if lang == "it":
        word = ("miliardo" if number == 1 else "miliardi") if billions else "milioni"
        return f"{comma} {word} di {'euro' if cur == 'EUR' else 'dollari'}"
    if lang == "fr":
        word = ("milliard" if number < 2 else "milliards") if billions else "millions"
        return f"{comma} {word} {'d’euros' if cur == 'EUR' else 'de dollars'}"
    if lang == "de":
        word = "Mrd." if billions else rng.choice(["Millionen", "Mio."])
        return f"{comma} {word} {'Euro' if cur == 'EUR' else 'Dollar'}"
    # es: thousands of millions, with a thousands dot ("1.500 millones de euros")
    millions = value / 1e6
    digits = f"{millions:,.1f}".rstrip("0").rstrip(".").replace(",", "·")
    digits = digits.replace(".", ",").replace("·", ".")
    return f"{digits} millones de {'euros' if cur == 'EUR' else 'dólares'}"


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def date_text(lang: str, year: int, month: int, day: int) -> str:
    """A date the way a news sentence gives it.

    >>> date_text("de", 2024, 3, 12), date_text("es", 2024, 3, 12)
    ('am 12. März 2024', 'el 12 de marzo de 2024')
    """
    name = MONTHS[lang][month - 1]
    return {
        "it": f"il {day} {name} {year}",
        "fr": f"le {day} {name} {year}",
        "en": f"on {name} {day}, {year}",
        "de": f"am {day}. {name} {year}",
        "es": f"el {day} de {name} de {year}",
    }[lang]


@dataclass(frozen=True)
class Universe:
    """The invented world the articles talk about (shared, so entities recur)."""

    companies: list[str]
    investors: list[str]
    people: dict[str, list[str]]


def make_universe(rng: random.Random, n_articles: int) -> Universe:
    """Companies, investors and people, scaled to the corpus so names recur across articles."""
    n_companies = max(100, n_articles // 4)
    seen: set[str] = set()
    companies: list[str] = []
    while len(companies) < n_companies:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice([2, 2, 3]))).capitalize()
        name = f"{stem} {rng.choice(_COMPANY_TAILS)}"
        if name not in seen:
            seen.add(name)
            companies.append(name)
    investors = sorted(
        {f"{h} {t}" for h in _INVESTOR_HEADS for t in _INVESTOR_TAILS}
        | {
            f"{''.join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()} "
            f"{rng.choice(_INVESTOR_TAILS)}"
            for _ in range(max(20, n_articles // 50))
        }
    )
    people = {lang: [f"{f} {last}" for f in _FIRST[lang] for last in _LAST[lang]] for lang in LANGS}
    return Universe(companies, investors, people)


def article(rng: random.Random, uni: Universe, index: int) -> tuple[str, str]:
    """One article: (file name, text with front matter)."""
    lang = LANGS[index % len(LANGS)]
    year = rng.choice([2022, 2023, 2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    co, co2 = rng.sample(uni.companies, 2)
    inv = rng.choice(uni.investors)
    tpl = TEMPLATES[lang]
    fields = {
        "co": co,
        "co2": co2,
        "inv": inv,
        "amt": money(rng, lang),
        "val": money(rng, lang, big=True),
        "reg": rng.choice(REGULATORS[lang]),
        "person": rng.choice(uni.people[lang]),
        "title": rng.choice(CEO_TITLES[lang]),
        "city": rng.choice(_CITIES[lang]),
        "date": date_text(lang, year, month, day),
    }
    kinds = rng.sample(sorted(tpl), rng.randint(3, 6))
    facts = [_capital(rng.choice(tpl[k]).format(**fields)) for k in kinds]
    target = rng.randint(150, 400)
    words = sum(len(s.split()) for s in facts)
    body: list[str] = list(facts)
    while words < target:
        filler = rng.choice(FILLER[lang])
        body.insert(rng.randint(0, len(body)), filler)
        words += len(filler.split())
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    title = rng.choice(TITLES[lang]).format(co=co)
    slug = f"{co.lower().replace(' ', '-')}-{index}"
    header = (
        f"---\ntitle: {title}\nurl: https://news.example/{lang}/{slug}\n"
        f"published: {year}-{month:02d}-{day:02d}\n---\n"
    )
    return f"{index:06d}-{lang}.txt", header + "\n\n".join(paragraphs) + "\n"


def generate(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """The first ``n`` articles of the corpus for ``seed`` (file name, text)."""
    rng = random.Random(seed)
    uni = make_universe(rng, n)
    return [article(random.Random(f"{seed}/{i}"), uni, i) for i in range(n)]


def write_corpus(folder: str | Path, n: int, seed: int = 7, per_dir: int = 1000) -> Path:
    """Write ``n`` articles into ``folder`` (sub-folders of ``per_dir`` files); return it."""
    root = Path(folder)
    for name, text in generate(n, seed):
        sub = root / f"{int(name[:6]) // per_dir:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_corpus(args.output, args.n, args.seed)


if __name__ == "__main__":
    main()
