"""Store-credit codes: one per return, the same on every device, forgiving when typed."""

from __future__ import annotations

from clerk.domain.entities import Refund, Tender
from clerk.domain.money import Money
from clerk.domain.returns import EXCHANGE_REFERENCE
from clerk.domain.store_credit import credit_code, normalize_code, with_credit_code


def test_a_code_is_stable_per_return_and_differs_between_returns() -> None:
    codes = {credit_code(f"ret-{n}") for n in range(5000)}
    assert len(codes) == 5000
    assert credit_code("ret-1") == credit_code("ret-1")
    code = credit_code("ret-1")
    assert code.startswith("SC-") and len(code) == 13
    assert not set(code[3:]) & set("ILOU")


def test_a_typed_code_is_read_forgivingly_and_anything_else_is_not_a_code() -> None:
    code = credit_code("ret-7")
    assert normalize_code(f"  {code.lower()} ") == code
    assert normalize_code(code[:3] + " " + code[3:8] + "-" + code[8:]) == code
    assert normalize_code("SC-O1L0000000") == "SC-0110000000"
    for text in ("", "SC-", "SC-12345", "R:abc", code + "X", "XX-0000000000"):
        assert normalize_code(text) is None


def test_only_store_credit_without_a_reference_gets_the_code() -> None:
    refunds = [
        Refund(Tender.STORE_CREDIT, Money.of("10.00")),
        Refund(Tender.STORE_CREDIT, Money.of("5.00"), reference=EXCHANGE_REFERENCE),
        Refund(Tender.CARD, Money.of("3.00"), reference="4242"),
    ]
    done = with_credit_code(refunds, "ret-9")
    assert [r.reference for r in done] == [credit_code("ret-9"), EXCHANGE_REFERENCE, "4242"]
