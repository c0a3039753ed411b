"""Scans: tokens by shape, EAN-13 products, loyalty cards, and a reason for everything else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk.domain.errors import ScanRejected, ScanRejection
from clerk.domain.scan import (
    LOYALTY_CARD_PREFIX,
    LoyaltyCardScan,
    ProductScan,
    SignedTokenScan,
    ean13_check_digit,
    is_valid_ean13,
    make_loyalty_card_number,
    parse_scan,
)
from clerk.domain.tokens import TokenKind, generate_private_key, loyalty_token, receipt_token

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
KEY = generate_private_key()


def _reason(raw: str | bytes) -> ScanRejection:
    with pytest.raises(ScanRejected) as info:
        parse_scan(raw)
    assert info.value.code == info.value.reason.value
    assert info.value.message
    return info.value.reason


def test_check_digit() -> None:
    assert ean13_check_digit("590123412345") == 7
    assert ean13_check_digit("400638133393") == 1
    assert ean13_check_digit("000000000000") == 0
    assert is_valid_ean13("5901234123457")
    assert not is_valid_ean13("5901234123458")
    assert not is_valid_ean13("590123412345")
    assert not is_valid_ean13("590123412345x")
    assert not is_valid_ean13("٥٩٠١٢٣٤١٢٣٤٥٧")  # Arabic-Indic digits are not barcode digits
    with pytest.raises(ValueError):
        ean13_check_digit("12345")


def test_loyalty_card_numbers() -> None:
    number = make_loyalty_card_number(1)
    assert number.startswith(LOYALTY_CARD_PREFIX)
    assert len(number) == 13
    assert is_valid_ean13(number)
    assert make_loyalty_card_number(99_999_999).startswith("299099999999")
    for bad in (-1, 10**8):
        with pytest.raises(ValueError):
            make_loyalty_card_number(bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5901234123457", ProductScan("5901234123457")),
        ("5901234123457\r\n", ProductScan("5901234123457")),
        ("  5901234123457\t", ProductScan("5901234123457")),
        ("]E05901234123457", ProductScan("5901234123457")),
        (b"]E05901234123457\r", ProductScan("5901234123457")),
        ("036000291452", ProductScan("0036000291452")),  # UPC-A
        ("\x005901234123457\x00", ProductScan("5901234123457")),
    ],
)
def test_products(raw: str | bytes, expected: ProductScan) -> None:
    assert parse_scan(raw) == expected


def test_loyalty_card() -> None:
    number = make_loyalty_card_number(4242)
    assert parse_scan(number + "\n") == LoyaltyCardScan(number)
    assert parse_scan(number.encode()) == LoyaltyCardScan(number)


def test_tokens() -> None:
    text = loyalty_token("c1", KEY, "k1", NOW)
    assert parse_scan(text) == SignedTokenScan(text, TokenKind.LOYALTY)
    assert parse_scan(f"]Q1{text}\r\n") == SignedTokenScan(text, TokenKind.LOYALTY)
    receipt = receipt_token("o", "s", "d", KEY, "k1", NOW)
    assert parse_scan(receipt.encode()) == SignedTokenScan(receipt, TokenKind.RECEIPT)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", ScanRejection.EMPTY),
        (" \r\n", ScanRejection.EMPTY),
        (b"", ScanRejection.EMPTY),
        ("]Q1", ScanRejection.EMPTY),
        ("5901234123458", ScanRejection.BAD_CHECK_DIGIT),
        ("036000291453", ScanRejection.BAD_CHECK_DIGIT),
        ("2990000000011", ScanRejection.BAD_CHECK_DIGIT),
        ("12345678", ScanRejection.UNKNOWN_FORMAT),  # EAN-8 is not used by the retailer
        ("59012341234570", ScanRejection.UNKNOWN_FORMAT),
        ("hello", ScanRejection.UNKNOWN_FORMAT),
        ("https://example.com/", ScanRejection.UNKNOWN_FORMAT),
        (b"\xff\xfe\x00", ScanRejection.UNKNOWN_FORMAT),
        ("CLK1.X.abc.def", ScanRejection.UNKNOWN_KIND),
        ("CLK1.L.abc", ScanRejection.MALFORMED_TOKEN),
        ("CLK1.L.abc.def.ghi", ScanRejection.MALFORMED_TOKEN),
        ("CLK1.L..def", ScanRejection.MALFORMED_TOKEN),
        ("CLK1.L.ab c.def", ScanRejection.MALFORMED_TOKEN),
        ("CLK1.", ScanRejection.MALFORMED_TOKEN),
        ("x" * 5000, ScanRejection.TOO_LONG),
        (b"x" * 100_000, ScanRejection.TOO_LONG),
    ],
)
def test_rejections(raw: str | bytes, reason: ScanRejection) -> None:
    assert _reason(raw) is reason


def test_wrong_input_type_is_a_bug() -> None:
    with pytest.raises(TypeError):
        parse_scan(12345)  # type: ignore[arg-type]


def _parse_or_reject(raw: str | bytes) -> None:
    try:
        result = parse_scan(raw)
    except ScanRejected as rejected:
        assert isinstance(rejected.reason, ScanRejection)
        return
    assert isinstance(result, SignedTokenScan | ProductScan | LoyaltyCardScan)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_parse_or_are_rejected(raw: bytes) -> None:
    _parse_or_reject(raw)


@settings(max_examples=150, deadline=None)
@given(raw=st.text(max_size=300))
def test_any_text_parses_or_is_rejected(raw: str) -> None:
    _parse_or_reject(raw)


scan_like = st.one_of(
    st.from_regex(r"\A(\][A-Za-z][0-9A-Za-z])?[0-9]{11,14}\s*\Z"),
    st.from_regex(r"\ACLK1\.[A-Z]?\.[A-Za-z0-9_.\-]{0,40}\.?[A-Za-z0-9_\-]{0,20}\s*\Z"),
)


@settings(max_examples=80, deadline=None)
@given(raw=scan_like)
def test_scan_like_input_parses_or_is_rejected(raw: str) -> None:
    _parse_or_reject(raw)
    _parse_or_reject(raw.encode())


@settings(max_examples=100, deadline=None)
@given(first12=st.from_regex(r"\A[0-9]{12}\Z"), wrong=st.integers(min_value=1, max_value=9))
def test_every_wrong_check_digit_is_caught(first12: str, wrong: int) -> None:
    digit = ean13_check_digit(first12)
    good = f"{first12}{digit}"
    assert isinstance(parse_scan(good), ProductScan | LoyaltyCardScan)
    bad = f"{first12}{(digit + wrong) % 10}"
    assert _reason(bad) is ScanRejection.BAD_CHECK_DIGIT
