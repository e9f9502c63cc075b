"""Certificate codes as people type them: from a printed PDF, a phone call, a CV."""

import math
import re

import pytest

from certificates.codes import new_code, normalize

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O or U
SHAPE = re.compile(
    rf"^[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}-[{CROCKFORD}]{{4}}$"
)


def test_a_new_code_is_four_groups_of_four_crockford_symbols():
    code = new_code()

    assert SHAPE.match(code), code
    symbols = code.replace("-", "")
    assert len(symbols) == 16
    assert len(symbols) * math.log2(len(CROCKFORD)) >= 80


def test_codes_do_not_repeat():
    codes = [new_code() for _ in range(20_000)]

    assert len(set(codes)) == len(codes)
    # Every symbol of the alphabet turns up: the codes use all 32 of them.
    assert set("".join(codes).replace("-", "")) == set(CROCKFORD)


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-9QXV-A2BC-DEFG",
        "7k3m-9qxv-a2bc-defg",
        "7K3m-9QxV-a2Bc-dEfG",
        "7K3M9QXVA2BCDEFG",
        "7K3M 9QXV A2BC DEFG",
        "  7k3m 9qxv-a2bc defg\n",
        "7K3M\t9QXV\tA2BC\tDEFG",
    ],
)
def test_a_typed_code_is_accepted_in_any_case_with_or_without_separators(typed):
    assert normalize(typed) == "7K3M-9QXV-A2BC-DEFG"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("OOOO-0000-1111-2222", "0000-0000-1111-2222"),
        ("oooo-0000-1111-2222", "0000-0000-1111-2222"),
        ("IIII-llll-LLLL-iiii", "1111-1111-1111-1111"),
        ("7K3M-9QXV-A2BC-DEFO", "7K3M-9QXV-A2BC-DEF0"),
        ("7K3M-9QXV-A2BC-DEFL", "7K3M-9QXV-A2BC-DEF1"),
    ],
)
def test_look_alike_letters_are_read_as_the_digits_they_resemble(typed, meant):
    assert normalize(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "7K3M-9QXV-A2BC",  # 12 symbols
        "7K3M-9QXV-A2BC-DEF",  # 15 symbols
        "7K3M-9QXV-A2BC-DEFGH",  # 17 symbols
        "7K3M-9QXV-A2BC-DEFU",  # U is not in the alphabet
        "7K3M-9QXV-A2BC-DEF!",
        "7K3M_9QXV_A2BC_DEFG",
        "7K3M.9QXV.A2BC.DEFG",
        "7K3M-9QXV-A2BC-DEFÄ",
        "７Ｋ３Ｍ-９ＱＸＶ-Ａ２ＢＣ-ＤＥＦＧ",  # full-width look-alikes
        "../../etc/passwd",
        "7K3M-" * 1000,
        None,
        12345678,
    ],
)
def test_malformed_codes_are_refused(typed):
    assert normalize(typed) is None


def test_a_normalized_code_stays_the_same():
    code = new_code()

    assert normalize(code) == code
    assert normalize(code.lower()) == code
