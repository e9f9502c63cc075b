import unicodedata

import pytest

from core.names import has_a_letter, normalise_name


def test_a_name_typed_with_combining_accents_is_stored_precomposed():
    decomposed = unicodedata.normalize("NFD", "Šárka Nguyễn")
    assert decomposed != "Šárka Nguyễn"
    assert normalise_name(decomposed) == "Šárka Nguyễn"


def test_whitespace_collapses():
    assert normalise_name("  Anna \t  Petrova \n") == "Anna Petrova"


@pytest.mark.parametrize("name", ["\u200b", "\u200e\u200f", "\u2060\ufeff", "1234", "-- .", ""])
def test_no_letter_is_no_name(name):
    assert not has_a_letter(normalise_name(name))


@pytest.mark.parametrize("name", ["Ö", "李", "محمد", "Ελένη", "O'Neil-Ķēniņš"])
def test_any_script_has_letters(name):
    assert has_a_letter(name)
