"""Money: exact cents, refusal of floats, Polish and English display, cent-exact allocation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk.domain.money import Money, allocate, format_money

NBSP = "\u00a0"


def test_quantizes_half_up_to_the_cent() -> None:
    assert Money(Decimal("12.345")).amount == Decimal("12.35")
    assert Money(Decimal("12.344")).amount == Decimal("12.34")
    assert Money(Decimal("-0.005")).amount == Decimal("-0.01")
    assert Money.of("12.3").amount == Decimal("12.30")
    assert Money.of(12) == Money.of("12.00")


def test_refuses_float_bool_nan_and_infinity() -> None:
    with pytest.raises(TypeError):
        Money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.of(True)
    for bad in ("NaN", "Infinity", "-Infinity", "sNaN"):
        with pytest.raises(ValueError):
            Money.of(bad)
    with pytest.raises(ValueError):
        Money(Decimal("NaN"))
    with pytest.raises(ValueError):
        Money.of("twelve")


def test_refuses_bad_currency() -> None:
    with pytest.raises(ValueError):
        Money.of(1, "zl")


def test_negative_zero_is_plain_zero() -> None:
    assert str(Money(Decimal("-0.001"))) == "0.00"
    assert format_money(Money(Decimal("-0.001"))) == f"0,00{NBSP}zł"


def test_arithmetic() -> None:
    a, b = Money.of("10.10"), Money.of("0.25")
    assert a + b == Money.of("10.35")
    assert a - b == Money.of("9.85")
    assert -a == Money.of("-10.10")
    assert a * 3 == Money.of("30.30")
    assert 3 * a == Money.of("30.30")
    assert Money.of("10.00") * Decimal("0.333") == Money.of("3.33")
    assert Money.of("0.05") * Decimal("0.5") == Money.of("0.03")  # half up
    assert sum([a, b]) == Money.of("10.35")
    assert abs(Money.of("-1")) == Money.of("1")


def test_multiplying_by_float_is_refused() -> None:
    with pytest.raises(TypeError):
        Money.of(1) * 1.5  # type: ignore[operator]


def test_comparisons_and_currency_mixing() -> None:
    assert Money.of("1.00") < Money.of("1.01") <= Money.of("1.01")
    assert Money.of("2") > Money.of("1") >= Money.of("1")
    assert Money.of("1.0") == Money.of("1.00")
    assert hash(Money.of("1.0")) == hash(Money.of("1.00"))
    assert Money.of(1) != Money.of(1, "EUR")
    with pytest.raises(ValueError):
        Money.of(1) + Money.of(1, "EUR")
    with pytest.raises(ValueError):
        _ = Money.of(1) < Money.of(1, "EUR")


def test_cents_roundtrip() -> None:
    assert Money.of("12.30").cents == 1230
    assert Money.of("-0.07").cents == -7
    assert Money.from_cents(123456) == Money.of("1234.56")
    assert Money.from_cents(-5) == Money.of("-0.05")
    assert Money.zero().is_zero()
    assert not Money.of("0.01").is_zero()


def test_str() -> None:
    assert str(Money.of("12.3")) == "12.30"
    assert str(Money.of("-1234.5")) == "-1234.50"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", f"0,00{NBSP}zł"),
        ("5", f"5,00{NBSP}zł"),
        ("999.99", f"999,99{NBSP}zł"),
        ("1234.50", f"1{NBSP}234,50{NBSP}zł"),
        ("1234567.89", f"1{NBSP}234{NBSP}567,89{NBSP}zł"),
        ("-1234.50", f"-1{NBSP}234,50{NBSP}zł"),
    ],
)
def test_format_polish(amount: str, expected: str) -> None:
    assert format_money(Money.of(amount)) == expected
    assert format_money(Money.of(amount), "pl_PL") == expected


def test_format_polish_exact_example() -> None:
    assert format_money(Money.of("1234.50"), "pl") == "1\u00a0234,50\u00a0zł"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1234.50", "PLN 1,234.50"),
        ("0.5", "PLN 0.50"),
        ("-1234567.5", "-PLN 1,234,567.50"),
    ],
)
def test_format_english(amount: str, expected: str) -> None:
    assert format_money(Money.of(amount), "en") == expected
    assert format_money(Money.of(amount), "en-GB") == expected


def test_format_other_currency_and_unknown_locale() -> None:
    assert format_money(Money.of("3", "EUR")) == f"3,00{NBSP}EUR"
    with pytest.raises(ValueError):
        format_money(Money.of(1), "de")


def test_allocate_examples() -> None:
    assert allocate(Money.of("10.00"), [Money.of(1)] * 3) == [
        Money.of("3.34"),
        Money.of("3.33"),
        Money.of("3.33"),
    ]
    assert allocate(Money.of("100"), [Money.of("70"), Money.zero(), Money.of("30")]) == [
        Money.of("70"),
        Money.zero(),
        Money.of("30"),
    ]
    assert allocate(Money.of("-0.01"), [Money.of(1), Money.of(1)]) == [
        Money.of("-0.01"),
        Money.zero(),
    ]


def test_allocate_refuses_degenerate_weights() -> None:
    with pytest.raises(ValueError):
        allocate(Money.of(1), [Money.zero(), Money.zero()])
    with pytest.raises(ValueError):
        allocate(Money.of(1), [])
    with pytest.raises(ValueError):
        allocate(Money.of(1), [Money.of(1), Money.of(-1)])


cents = st.integers(min_value=-10_000_000, max_value=10_000_000)
weights = st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=1, max_size=8).filter(
    any
)


@settings(max_examples=200, deadline=None)
@given(total=cents, weight_cents=weights)
def test_allocate_sums_exactly(total: int, weight_cents: list[int]) -> None:
    parts = allocate(Money.from_cents(total), [Money.from_cents(w) for w in weight_cents])
    assert sum(parts, Money.zero()) == Money.from_cents(total)
    for part, weight in zip(parts, weight_cents, strict=True):
        if weight == 0:
            assert part.is_zero()
        # each share is within a cent of its exact proportion
        exact = Decimal(total) * weight / sum(weight_cents)
        assert abs(Decimal(part.cents) - exact) < 1


@settings(max_examples=100, deadline=None)
@given(a=cents, b=cents)
def test_cents_arithmetic_matches_integers(a: int, b: int) -> None:
    assert (Money.from_cents(a) + Money.from_cents(b)).cents == a + b
    assert (Money.from_cents(a) - Money.from_cents(b)).cents == a - b
    assert Money.from_cents(a).cents == a


@settings(max_examples=100, deadline=None)
@given(amount=cents)
def test_polish_format_uses_only_nbsp(amount: int) -> None:
    text = format_money(Money.from_cents(amount))
    assert " " not in text
    assert text.endswith(f"{NBSP}zł")
    digits = text.replace(NBSP, "").replace("zł", "").replace(",", "").replace("-", "")
    assert int(digits) == abs(amount)
