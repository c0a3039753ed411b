"""Customer search: prefix, case and diacritics insensitive the Polish way; phone fragments."""

from __future__ import annotations

import pytest

from clerk.store import LocalStore
from clerk.store.search import fold, query_tokens, terms_of
from tests.store.feed import change, customer

PEOPLE = [
    customer("C1", "Łukasz", "Wójcik", email="lukasz.w@example.pl", phone="+48 570 754 630"),
    customer("C2", "Iga", "Świątek", email="iga@tenis.pl", phone="+48 601 222 333"),
    customer("C3", "Anna", "Nowak-Kowalska", phone="+48 512 000 111", card_number="2990000000019"),
    customer("C4", "Łucja", "Żółć", phone="+48 600 999 888"),
    customer("C5", "Anna", "Lukas", phone="+48 790 111 222"),
]


@pytest.fixture
def store(local_store: LocalStore) -> LocalStore:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("customer", c["id"], c) for c in PEOPLE])
    return local_store


def found(store: LocalStore, query: str, limit: int = 20) -> list[str]:
    with store.unit(read_only=True) as unit:
        return [c.id for c in unit.customers.search(query, limit)]


def test_folding_is_polish() -> None:
    assert fold("Łukasz ŚWIĄTEK Wójcik Żółć") == "lukasz swiatek wojcik zolc"


def test_terms_cover_names_parts_email_card_and_phone_suffixes() -> None:
    terms = terms_of(PEOPLE[2])
    assert {"anna", "nowak-kowalska", "nowak", "kowalska", "2990000000019"} <= terms
    assert {"48512000111", "512000111", "111"} <= terms
    assert "11" not in terms


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lukasz", ["C1"]),
        ("ŁUKASZ", ["C1"]),
        ("swiatek", ["C2"]),
        ("świątek", ["C2"]),
        ("wojcik", ["C1"]),
        ("zolc", ["C4"]),
        ("kowalska", ["C3"]),
        ("nowak-kow", ["C3"]),
    ],
)
def test_names_without_diacritics(store: LocalStore, query: str, expected: list[str]) -> None:
    assert found(store, query) == expected


def test_prefixes(store: LocalStore) -> None:
    assert sorted(found(store, "lu")) == ["C1", "C4", "C5"]
    assert sorted(found(store, "Ł")) == ["C1", "C4", "C5"]
    assert found(store, "wó") == ["C1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("754 63", ["C1"]),
        ("570754630", ["C1"]),
        ("+48 570 754 630", ["C1"]),
        ("0048 570", ["C1"]),
        ("601-222", ["C2"]),
        ("333", ["C2"]),
    ],
)
def test_phone_fragments(store: LocalStore, query: str, expected: list[str]) -> None:
    assert found(store, query) == expected


def test_email_whole_and_local_part(store: LocalStore) -> None:
    assert found(store, "iga@tenis") == ["C2"]
    assert found(store, "lukasz.w") == ["C1"]
    assert found(store, "LUKASZ.W@EXAMPLE.PL") == ["C1"]


def test_card_number(store: LocalStore) -> None:
    assert found(store, "2990000000019") == ["C3"]
    with store.unit(read_only=True) as unit:
        by_card = unit.customers.by_card("2990000000019")
    assert by_card is not None and by_card.last_name == "Nowak-Kowalska"


def test_every_word_must_match(store: LocalStore) -> None:
    assert sorted(found(store, "anna")) == ["C3", "C5"]
    assert found(store, "anna luk") == ["C5"]
    assert found(store, "  luk   anna ") == ["C5"]
    assert found(store, "lukasz swiatek") == []


def test_limit_and_empty_queries(store: LocalStore) -> None:
    assert len(found(store, "lu", limit=2)) == 2
    assert found(store, "lu", limit=0) == []
    assert found(store, "   ") == []
    assert found(store, "zzz") == []
    assert query_tokens("+ -") == []


def test_limit_with_many_terms_per_customer(local_store: LocalStore) -> None:
    """Each customer matches "a" through several terms; the limit counts customers."""
    people = [customer(f"C{n:03d}", "Adam", "Abacki", email=f"adam{n}@a.pl") for n in range(60)]
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("customer", c["id"], c) for c in people])
    hits = found(local_store, "a", limit=50)
    assert len(hits) == len(set(hits)) == 50


def test_terms_follow_changes_and_deletes(store: LocalStore) -> None:
    renamed = customer("C2", "Iga", "Kowalczyk", email="iga@tenis.pl", phone="+48 601 222 333")
    with store.unit() as unit:
        unit.cache.apply_changes([change("customer", "C2", renamed)])
    assert found(store, "swiatek") == []
    assert found(store, "kowalczyk") == ["C2"]
    with store.unit() as unit:
        unit.cache.apply_changes([change("customer", "C2", None)])
    assert found(store, "kowalczyk") == []
    assert found(store, "601") == []
