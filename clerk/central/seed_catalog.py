"""Seed generators for the fixed parts: stores, staff, the 800-SKU catalogue and the customers.

Rows are plain dicts ready for ``session.execute(insert(Model), rows)``; the few facts the
order generator needs later are kept in compact lists (:class:`Catalogue`, :class:`People`).
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from typing import Any, Generic, TypeVar

from argon2 import PasswordHasher
from argon2.low_level import Type, hash_secret
from faker import Faker

from clerk.central import seed_data as data
from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number

Row = dict[str, Any]
T = TypeVar("T")


def cents_to_decimal(cents: int) -> Decimal:
    """Exact two-place Decimal of an amount in grosze."""
    return Decimal(cents).scaleb(-2)


class Weighted(Generic[T]):
    """A weighted choice prepared once (``random.choices`` re-adds the weights every call)."""

    def __init__(self, values: Sequence[T], weights: Sequence[float]) -> None:
        self.values = list(values)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        """One value, drawn with the weights."""
        return self.values[bisect(self.cum, rng.random() * self.total)]


# OWASP's minimum Argon2id profile (19 MiB, 2 passes): the demo PINs are public anyway, and a
# tablet verifies a PIN offline in a few tens of milliseconds.
DEMO_PIN_COST = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}


@lru_cache(maxsize=64)
def demo_pin_hash(staff_id: str, pin: str) -> str:
    """Argon2id hash of a demo PIN, verifiable with ``argon2.PasswordHasher().verify``.

    The salt is derived from the staff id so that the demo database is byte-for-byte
    reproducible (the PINs are public anyway); real staff PINs use random salts.
    """
    ph = PasswordHasher()
    salt = hashlib.sha256(f"clerk-demo-pin:{staff_id}".encode()).digest()[: ph.salt_len]
    encoded = hash_secret(pin.encode(), salt, hash_len=ph.hash_len, type=Type.ID, **DEMO_PIN_COST)
    return encoded.decode("ascii")


def store_rows() -> list[Row]:
    """The five demo stores."""
    return [{"id": s.id, "name": s.name, "city": s.city, "address": s.address} for s in data.STORES]


def staff_rows() -> tuple[list[Row], list[Row]]:
    """Staff rows and their store assignments (PINs hashed with Argon2)."""
    staff = [
        {
            "id": s.id,
            "name": s.name,
            "role": s.role,
            "pin_hash": demo_pin_hash(s.id, s.pin),
            "active": s.active,
        }
        for s in data.DEMO_STAFF
    ]
    links = [{"staff_id": s.id, "store_id": st} for s in data.DEMO_STAFF for st in s.store_ids]
    return staff, links


@dataclass
class Catalogue:
    """What the order generator needs to know about the products."""

    skus: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    prices: list[int] = field(default_factory=list)  # grosze
    final_sale: list[bool] = field(default_factory=list)
    cum_weights: list[float] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    def pick(self, rng: random.Random) -> int:
        """A product index, popular categories more often."""
        return bisect(self.cum_weights, rng.random() * self.cum_weights[-1])


def ean13(item: int) -> str:
    """A valid EAN-13 with the Polish prefix 590 for the given item reference."""
    first12 = f"{data.EAN_COMPANY_PREFIX}{item:05d}"
    return first12 + str(ean13_check_digit(first12))


def build_catalogue(rng: random.Random) -> Catalogue:
    """Exactly :data:`seed_data.SKU_COUNT` products: styles × colours × sizes."""
    cat = Catalogue()
    weights: list[float] = []
    style_no = 0
    while len(cat.skus) < data.SKU_COUNT:
        plan = data.CATEGORIES[style_no % len(data.CATEGORIES)]
        style_no += 1
        model = rng.choice(plan.models)
        style_name = f"{model} {rng.choice(data.STYLE_NAMES)}"
        brand = rng.choice(data.BRANDS)
        price = rng.randint(plan.price_range[0], plan.price_range[1])
        # Shelf prices end in 9: 149,00 zł or 149,99 zł.
        price_cents = (price - price % 10 + 9) * 100 + rng.choice((0, 0, 99))
        clearance = rng.random() < 0.04
        style = f"{plan.code}{style_no:04d}"
        for colour_code, colour in rng.sample(data.COLOURS, rng.randint(1, 3)):
            for size in plan.sizes:
                if len(cat.skus) >= data.SKU_COUNT:
                    break
                sku = f"{style}-{colour_code}-{size}"
                label = f"{style_name}, {colour}" + ("" if size == "ONE" else f", {size}")
                final_sale = plan.final_sale or clearance
                cat.rows.append(
                    {
                        "sku": sku,
                        "ean": ean13(len(cat.skus) + 1),
                        "name": label,
                        "brand": brand,
                        "category": plan.name,
                        "style": style,
                        "size": size,
                        "colour": colour,
                        "price": cents_to_decimal(price_cents),
                        "vat_rate": Decimal("0.23"),
                        "final_sale": final_sale,
                        "age_restricted": plan.age_restricted,
                    }
                )
                cat.skus.append(sku)
                cat.names.append(label)
                cat.prices.append(price_cents)
                cat.final_sale.append(final_sale)
                # Middle sizes sell best.
                middle = 1.0 if size in ("M", "L", "40", "41", "42", "ONE", "39-42") else 0.55
                weights.append(plan.popularity * middle)
    cat.cum_weights = list(accumulate(weights))
    return cat


def _ascii(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_MOBILE_PREFIXES = ("501", "502", "504", "508", "512", "530", "535", "570", "600", "601", "602",
                    "605", "660", "661", "664", "690", "691", "693", "721", "724", "780", "790",
                    "797", "880", "883", "889")  # fmt: skip


@dataclass
class People:
    """Compact facts about the customers that the order generator needs."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    homes: list[str] = field(default_factory=list)
    created: list[float] = field(default_factory=list)  # unix seconds
    cum_weights: list[float] = field(default_factory=list)


def _name_pools(seed: int) -> tuple[list[str], list[str], list[str], list[str]]:
    fake = Faker("pl_PL")
    fake.seed_instance(seed)
    female = list(dict.fromkeys(fake.first_name_female() for _ in range(600)))
    male = list(dict.fromkeys(fake.first_name_male() for _ in range(600)))
    last_f = list(dict.fromkeys(fake.last_name_female() for _ in range(3000)))
    last_m = list(dict.fromkeys(fake.last_name_male() for _ in range(3000)))
    return female, male, last_f, last_m


def build_customers(
    rng: random.Random, seed: int, count: int, now: datetime
) -> tuple[People, list[Row]]:
    """``count`` customers with Polish names, unique e-mails, phones and card numbers.

    Customer 0 is the showcase Gold member of WAW-01 with a long history.
    """
    female, male, last_f, last_m = _name_pools(seed)
    people = People()
    rows: list[Row] = []
    emails: set[str] = set()
    phones: set[str] = set()
    homes = [s.id for s in data.STORES]
    home_weights = list(accumulate(s.home_share for s in data.STORES))
    now_ts = now.timestamp()
    weights: list[float] = []
    for idx in range(count):
        is_female = rng.random() < 0.56
        first = rng.choice(female if is_female else male)
        last = rng.choice(last_f if is_female else last_m)
        email = f"{_ascii(first)}.{_ascii(last)}@{rng.choice(data.EMAIL_DOMAINS)}"
        while email in emails:
            user, domain = email.split("@")
            email = f"{user}{rng.randint(1, 999)}@{domain}"
        emails.add(email)
        phone = ""
        while not phone or phone in phones:
            digits = f"{rng.randrange(1_000_000):06d}"
            phone = f"+48 {rng.choice(_MOBILE_PREFIXES)} {digits[:3]} {digits[3:]}"
        phones.add(phone)
        roll = rng.random()
        tier = "gold" if roll < 0.08 else "silver" if roll < 0.30 else "basic"
        home = rng.choices(homes, cum_weights=home_weights)[0]
        # 75% joined before the two years of order history, the rest during it.
        age_days = rng.uniform(731, 6 * 365) if rng.random() < 0.75 else rng.uniform(20, 730)
        if idx == 0:
            tier, home, age_days = "gold", data.DEMO_STORE_ID, 5 * 365
        created = now - timedelta(days=age_days)
        sizes = [rng.choice(("S", "M", "L", "XL"))]
        if rng.random() < 0.6:
            sizes.append(rng.choice(("40", "41", "42", "43", "38", "39")))
        categories = rng.sample([c.name for c in data.CATEGORIES[:8]], rng.randint(1, 3))
        rows.append(
            {
                "id": f"C{idx + 1:07d}",
                "first_name": first,
                "last_name": last,
                "email": email,
                "phone": phone,
                "card_number": make_loyalty_card_number(idx + 1),
                "tier": tier,
                "points_balance": 0,
                "preferred_channel": rng.choices(
                    ("email", "sms", "app", "phone"), weights=(55, 22, 18, 5)
                )[0],
                "preferred_locale": "en" if rng.random() < 0.04 else "pl",
                "preferences": {"sizes": sizes, "categories": categories},
                "consents": {
                    "marketing_email": rng.random() < 0.62,
                    "marketing_sms": rng.random() < 0.35,
                    "profiling": rng.random() < 0.48,
                },
                "home_store_id": home,
                "created_at": created,
            }
        )
        people.ids.append(rows[-1]["id"])
        people.names.append(f"{first} {last}")
        people.tiers.append(tier)
        people.homes.append(home)
        people.created.append(min(created.timestamp(), now_ts))
        activity = min(rng.paretovariate(1.6), 40.0)
        activity *= {"gold": 3.0, "silver": 1.7, "basic": 1.0}[tier]
        weights.append(60.0 if idx == 0 else activity)
    people.cum_weights = list(accumulate(weights))
    return people, rows
