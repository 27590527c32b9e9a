"""`kg eval`: the scorer's rules, and the extractor on gold articles it was not written from."""

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import evaluate, norm, score

GOLD = Path(__file__).parent / "data" / "eval"

DOC = {
    "id": "x",
    "entities": [{"name": "Acme Corp", "aliases": ["Acme"]}, {"name": "Brightwave Labs"}],
    "relations": [
        {"s": "Acme Corp", "p": "invests_in", "o": "Brightwave Labs"},
        {"s": "Brightwave Labs", "p": "raises", "o": None, "amount": 1e7, "currency": "EUR"},
        {"s": "Acme Corp", "p": "partners_with", "o": "Brightwave Labs"},
    ],
}


def _aliases():
    return {norm(n): e["name"] for e in DOC["entities"] for n in [e["name"], *e.get("aliases", [])]}


def test_aliases_amount_tolerance_and_symmetry() -> None:
    rows = [
        {"subject": "ACME Inc.", "predicate": "investsIn", "object": "Brightwave Labs"},
        {"subject": "Brightwave Labs", "predicate": "raises", "object": "", "amount": "10300000",
         "currency": "EUR"},
        {"subject": "Brightwave Labs", "predicate": "partnersWith", "object": "Acme"},
        {"subject": "Acme", "predicate": "acquires", "object": "Brightwave Labs"},
        {"subject": "Acme", "predicate": "notAProperty", "object": "Brightwave Labs"},
    ]  # fmt: skip
    result = score([DOC], _aliases(), rows)
    assert (result.gold, result.found, result.matched_gold, result.matched_found) == (3, 4, 3, 3)
    assert [k[0] for k in result.spurious] == ["acquires"]


def test_wrong_currency_or_amount_does_not_match() -> None:
    rows = [
        {
            "subject": "Brightwave Labs",
            "predicate": "raises",
            "amount": "10000000",
            "currency": "USD",
        },
        {
            "subject": "Brightwave Labs",
            "predicate": "raises",
            "amount": "20000000",
            "currency": "EUR",
        },
    ]
    assert score([DOC], _aliases(), rows).matched_gold == 0


def test_extractor_on_gold_articles_it_was_not_written_from() -> None:
    result = evaluate(GOLD)
    assert result.gold == 395  # distinct facts over the sixty-five articles
    # a floor, not a snapshot: five languages, names the lexicons and reference list lack
    assert result.f1 >= 0.6, result.text()
    assert result.precision >= 0.65, result.text()


def test_cli_prints_the_table_and_enforces_min_f1() -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", str(GOLD), "--no-errors"])
    assert ok.exit_code == 0 and ok.stdout.splitlines()[-1].startswith("F1 ")
    strict = runner.invoke(app, ["eval", str(GOLD), "--min-f1", "0.99"])
    assert strict.exit_code == 1
    missing = runner.invoke(app, ["eval", str(GOLD / "nope")])
    assert missing.exit_code == 1 and "no gold .json files" in missing.stderr
