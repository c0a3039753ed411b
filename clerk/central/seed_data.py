"""Fixed demo data of the seed: stores, staff with their documented PINs, the catalogue plan.

Everything here is constant; the random parts of the demo database (customers, orders, …)
are generated from these tables by :mod:`clerk.central.seed` with a seeded generator.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_STORE_ID = "WAW-01"


@dataclass(frozen=True)
class DemoStore:
    """One of the five demo stores."""

    id: str
    name: str
    city: str
    address: str
    # Share of the customer base whose home store this is.
    home_share: float


STORES: tuple[DemoStore, ...] = (
    DemoStore(
        "WAW-01", "Warszawa Centrum", "Warszawa", "ul. Marszałkowska 104/122, 00-017 Warszawa", 0.30
    ),
    DemoStore("WAW-02", "Warszawa Mokotów", "Warszawa", "ul. Wołoska 12, 02-675 Warszawa", 0.20),
    DemoStore("KRK-01", "Kraków Rynek", "Kraków", "ul. Floriańska 24, 31-021 Kraków", 0.20),
    DemoStore("GDA-01", "Gdańsk Długa", "Gdańsk", "ul. Długa 45, 80-827 Gdańsk", 0.15),
    DemoStore("POZ-01", "Poznań Stary Browar", "Poznań", "ul. Półwiejska 42, 61-888 Poznań", 0.15),
)
STORE_IDS: tuple[str, ...] = tuple(s.id for s in STORES)


@dataclass(frozen=True)
class DemoStaff:
    """A demo staff member; the PIN is public on purpose (the demo sign-in screen shows it)."""

    id: str
    name: str
    role: str
    pin: str
    store_ids: tuple[str, ...]
    active: bool = True


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("STF-WAW01-01", "Anna Nowak", "sales", "1111", ("WAW-01",)),
    DemoStaff("STF-WAW01-02", "Piotr Zieliński", "pickup", "2222", ("WAW-01",)),
    DemoStaff("STF-WAW01-03", "Maria Kowalczyk", "manager", "9999", ("WAW-01",)),
    DemoStaff("STF-WAW01-04", "Tomasz Wiśniewski", "sales", "3333", ("WAW-01",)),
    DemoStaff("STF-WAW01-05", "Katarzyna Wójcik", "pickup", "4444", ("WAW-01",)),
    DemoStaff("STF-WAW01-06", "Jakub Lewandowski", "manager", "8888", ("WAW-01", "WAW-02")),
    DemoStaff("STF-WAW01-07", "Robert Jankowski", "sales", "7777", ("WAW-01",), active=False),
    DemoStaff("STF-WAW02-01", "Ewa Dąbrowska", "sales", "1212", ("WAW-02",)),
    DemoStaff("STF-WAW02-02", "Michał Kamiński", "pickup", "2323", ("WAW-02",)),
    DemoStaff("STF-WAW02-03", "Agnieszka Szymańska", "manager", "9898", ("WAW-02",)),
    DemoStaff("STF-KRK01-01", "Barbara Mazur", "sales", "1313", ("KRK-01",)),
    DemoStaff("STF-KRK01-02", "Krzysztof Krawczyk", "pickup", "2424", ("KRK-01",)),
    DemoStaff("STF-KRK01-03", "Joanna Wojciechowska", "manager", "9797", ("KRK-01",)),
    DemoStaff("STF-GDA01-01", "Magdalena Kaczmarek", "sales", "1414", ("GDA-01",)),
    DemoStaff("STF-GDA01-02", "Paweł Piotrowski", "pickup", "2525", ("GDA-01",)),
    DemoStaff("STF-GDA01-03", "Aleksandra Grabowska", "manager", "9696", ("GDA-01",)),
    DemoStaff("STF-POZ01-01", "Monika Pawłowska", "sales", "1515", ("POZ-01",)),
    DemoStaff("STF-POZ01-02", "Marcin Michalski", "pickup", "2626", ("POZ-01",)),
    DemoStaff("STF-POZ01-03", "Łukasz Król", "manager", "9595", ("POZ-01",)),
)


def staff_of(store_id: str, role: str) -> list[DemoStaff]:
    """Active demo staff of a store with the given role."""
    return [s for s in DEMO_STAFF if s.active and s.role == role and store_id in s.store_ids]


@dataclass(frozen=True)
class CategoryPlan:
    """How to generate the styles of one product category."""

    code: str
    name: str
    sizes: tuple[str, ...]
    models: tuple[str, ...]
    price_range: tuple[int, int]  # whole PLN, inclusive
    final_sale: bool = False
    age_restricted: bool = False
    popularity: float = 1.0


_CLOTHES = ("XS", "S", "M", "L", "XL", "XXL")
_SHOES = ("37", "38", "39", "40", "41", "42", "43", "44", "45")

CATEGORIES: tuple[CategoryPlan, ...] = (
    CategoryPlan(
        "KUR",
        "Kurtki",
        _CLOTHES,
        ("Kurtka puchowa", "Kurtka softshell", "Kurtka przeciwdeszczowa", "Parka zimowa"),
        (299, 899),
        popularity=0.8,
    ),
    CategoryPlan(
        "BLU", "Bluzy", _CLOTHES, ("Bluza z kapturem", "Polar", "Bluza techniczna"), (149, 329)
    ),
    CategoryPlan(
        "KOS",
        "Koszulki",
        _CLOTHES,
        ("Koszulka bawełniana", "Koszulka termoaktywna", "Koszula flanelowa"),
        (49, 149),
        popularity=1.6,
    ),
    CategoryPlan(
        "SPO", "Spodnie", _CLOTHES, ("Spodnie trekkingowe", "Jeansy", "Chinosy"), (159, 399)
    ),
    CategoryPlan(
        "SUK",
        "Sukienki",
        ("XS", "S", "M", "L", "XL"),
        ("Sukienka dzianinowa", "Sukienka lniana"),
        (179, 399),
        popularity=0.7,
    ),
    CategoryPlan(
        "BUT", "Buty", _SHOES, ("Buty trekkingowe", "Sneakersy", "Sandały sportowe"), (249, 699)
    ),
    CategoryPlan("PLE", "Plecaki", ("ONE",), ("Plecak miejski", "Plecak turystyczny"), (149, 499)),
    CategoryPlan("CZA", "Czapki", ("ONE",), ("Czapka zimowa", "Czapka z daszkiem"), (49, 119)),
    CategoryPlan(
        "SKA",
        "Skarpety",
        ("35-38", "39-42", "43-46"),
        ("Skarpety trekkingowe",),
        (19, 45),
        final_sale=True,
        popularity=1.3,
    ),
    CategoryPlan(
        "BIE",
        "Bielizna termoaktywna",
        ("S", "M", "L", "XL"),
        ("Koszulka termo", "Legginsy termo"),
        (79, 169),
        final_sale=True,
        popularity=0.7,
    ),
    CategoryPlan(
        "NOZ",
        "Noże i multitoole",
        ("ONE",),
        ("Nóż składany", "Multitool"),
        (89, 349),
        age_restricted=True,
        popularity=0.3,
    ),
)

# Model names are completed with a Polish landmark: "Kurtka puchowa Giewont".
STYLE_NAMES: tuple[str, ...] = (
    "Giewont",
    "Rysy",
    "Śnieżka",
    "Babia Góra",
    "Tarnica",
    "Kasprowy",
    "Hel",
    "Rozewie",
    "Mazury",
    "Bieszczady",
    "Pieniny",
    "Gorce",
    "Wigry",
    "Śniardwy",
    "Wawel",
    "Motława",
    "Odra",
    "Warta",
    "Narew",
    "Biebrza",
    "Karkonosze",
    "Sudety",
    "Beskid",
    "Jura",
)
BRANDS: tuple[str, ...] = (
    "Tatra Trail",
    "Bałtyk",
    "Mazury Outdoor",
    "Wisła Urban",
    "Karkonosze",
    "Sudety Pro",
)
COLOURS: tuple[tuple[str, str], ...] = (
    ("BLK", "czarny"),
    ("NAV", "granatowy"),
    ("GRY", "szary"),
    ("GRN", "zielony"),
    ("RED", "czerwony"),
    ("BEI", "beżowy"),
    ("WHT", "biały"),
    ("BLU", "niebieski"),
    ("OLV", "oliwkowy"),
    ("BRD", "bordowy"),
)
SKU_COUNT = 800
EAN_COMPANY_PREFIX = (
    "5901234"  # 590 = Poland; 5 digits of item reference and the check digit follow
)

EMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "wp.pl",
    "onet.pl",
    "o2.pl",
    "interia.pl",
    "poczta.fm",
    "outlook.com",
)

RETURN_REASONS: tuple[tuple[str, float], ...] = (
    ("too_small", 0.28),
    ("too_big", 0.24),
    ("not_as_described", 0.12),
    ("damaged_on_arrival", 0.06),
    ("changed_mind", 0.25),
    ("other", 0.05),
)

TICKET_TOPICS: tuple[tuple[str, str, str], ...] = (
    (
        "Gdzie jest moja paczka?",
        "Dzień dobry, zamówienie {order} miało dotrzeć wczoraj, a status się nie zmienia. "
        "Proszę o informację, kiedy mogę się go spodziewać.",
        "Dzień dobry, paczka jest już w sortowni kuriera i powinna dotrzeć jutro. "
        "Przepraszamy za opóźnienie.",
    ),
    (
        "Pytanie o rozmiar",
        "Czy kurtki z kolekcji zimowej są rozmiarowo mniejsze? Zwykle noszę M.",
        "Dzień dobry, ten model jest szyty na wymiar standardowy — rozmiar M będzie dobry. "
        "W razie czego zwrot jest bezpłatny przez 30 dni.",
    ),
    (
        "Reklamacja: rozklejona podeszwa",
        "Buty z zamówienia {order} rozkleiły się po dwóch tygodniach. Co mogę zrobić?",
        "Bardzo nam przykro. Prosimy o przyniesienie butów do dowolnego sklepu — "
        "reklamację przyjmiemy od ręki.",
    ),
    (
        "Zwrot zamówienia internetowego w sklepie",
        "Czy mogę oddać rzeczy kupione w aplikacji w sklepie stacjonarnym?",
        "Oczywiście — zwrot przyjmie każdy nasz sklep, pieniądze wrócą na kartę w ciągu 3 dni.",
    ),
    (
        "Punkty lojalnościowe nie zostały naliczone",
        "Po zakupie {order} nie widzę punktów na koncie. Proszę o sprawdzenie.",
        "Punkty zostały już naliczone — dziękujemy za cierpliwość i dopisaliśmy 50 punktów "
        "w ramach przeprosin.",
    ),
    (
        "Zmiana danych kontaktowych",
        "Proszę o zmianę numeru telefonu w moim koncie klubowym.",
        "Dane zostały zaktualizowane. Dziękujemy!",
    ),
)

STORE_NOTES: tuple[str, ...] = (
    "Klientka pytała o dostawę kurtki Giewont w rozmiarze S — oddzwonić po dostawie.",
    "Klient preferuje kontakt SMS, nie dzwonić w godzinach pracy.",
    "Dopasowanie butów trekkingowych — najlepiej pasuje rozmiar o pół numeru większy.",
    "Zainteresowana kolekcją wiosenną, prosi o informację o premierze.",
    "Stały klient, kupuje prezenty firmowe pod koniec roku.",
)
