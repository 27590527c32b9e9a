"""Name forms that may name one entity."""

import pytest

from kg.resolve.names import core, is_short_form, is_surname, slug


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Corp.", "ACME"),
        ("Zephyr Robotics S.p.A.", "Zephyr Robotics"),
        ("Brightwave GmbH", "Brightwave"),
    ],
)
def test_legal_forms_do_not_matter(a: str, b: str) -> None:
    assert core(a) == core(b)


def test_short_forms_and_surnames() -> None:
    assert is_short_form("Oakridge", "Oakridge Venture Partners")
    assert not is_short_form("Partners", "Oakridge Venture Partners")
    assert is_surname("Ferri", "Marta Ferri")
    assert not is_surname("Marta", "Marta Ferri")


def test_slug_is_ascii_and_stable() -> None:
    assert slug("Société Générale") == "societe-generale"
    assert slug("Autorità Garante") == slug("autorita  garante")
