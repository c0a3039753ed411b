"""Which table holds which feed entity, and how a feed entry becomes a table row."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Table

from clerk.store import models as m

Extract = Callable[[Mapping[str, Any]], Any]


# One encoder for every row: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: Any) -> str:
    """Compact JSON text, Polish letters kept as they are."""
    return _ENCODE(value)


def loads(text: str) -> Any:
    """The value of a row's JSON text (orjson: a 360 decodes hundreds of rows in a frame)."""
    return orjson.loads(text)


@dataclass(frozen=True)
class CachedEntity:
    """A feed entity: its table, the data key that is its id, and its query columns."""

    name: str
    table: Table
    key: str
    columns: Mapping[str, Extract]

    def key_of(self, data: Mapping[str, Any]) -> str:
        return str(data[self.key])

    def row(self, entity_id: str, data: Mapping[str, Any], origin: str) -> dict[str, Any]:
        row: dict[str, Any] = {"id": entity_id, "data": dumps(data), "origin": origin}
        for column, extract in self.columns.items():
            row[column] = extract(data)
        return row


def _get(name: str, default: Any = None) -> Extract:
    return lambda data: data.get(name, default)


def _collected_at(data: Mapping[str, Any]) -> Any:
    pickup = data.get("pickup")
    return pickup.get("collected_at") if isinstance(pickup, Mapping) else None


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


ENTITIES: dict[str, CachedEntity] = {
    e.name: e
    for e in (
        CachedEntity("store", _table(m.StoreRow), "id", {}),
        CachedEntity("settings", _table(m.SettingsRow), "store_id", {}),
        CachedEntity("signing_key", _table(m.SigningKeyRow), "key_id", {}),
        CachedEntity("device_key", _table(m.DeviceKeyRow), "key_id", {}),
        CachedEntity("staff", _table(m.StaffRow), "id", {}),
        CachedEntity(
            "product",
            _table(m.ProductRow),
            "sku",
            {"ean": _get("ean", ""), "style": _get("style", "")},
        ),
        CachedEntity(
            "inventory", _table(m.InventoryRow), "sku", {"store_id": _get("store_id", "")}
        ),
        CachedEntity(
            "customer", _table(m.CustomerRow), "id", {"card_number": _get("card_number", "")}
        ),
        CachedEntity(
            "cart",
            _table(m.CartRow),
            "id",
            {"customer_id": _get("customer_id", ""), "status": _get("status", "active")},
        ),
        CachedEntity(
            "order",
            _table(m.OrderRow),
            "id",
            {
                "number": _get("number", ""),
                "customer_id": _get("customer_id"),
                "store_id": _get("store_id"),
                "pickup_store_id": _get("pickup_store_id"),
                "status": _get("status", ""),
                "created_at": _get("created_at", ""),
                "collected_at": _collected_at,
            },
        ),
        CachedEntity(
            "return",
            _table(m.ReturnRow),
            "id",
            {
                "order_id": _get("order_id", ""),
                "store_id": _get("store_id"),
                "created_at": _get("created_at"),
            },
        ),
        CachedEntity(
            "reservation",
            _table(m.ReservationRow),
            "id",
            {
                "customer_id": _get("customer_id", ""),
                "store_id": _get("store_id", ""),
                "status": _get("status", ""),
            },
        ),
        CachedEntity(
            "loyalty", _table(m.LoyaltyRow), "id", {"customer_id": _get("customer_id", "")}
        ),
        CachedEntity(
            "interaction",
            _table(m.InteractionRow),
            "id",
            {
                "customer_id": _get("customer_id", ""),
                "kind": _get("kind"),
                "store_id": _get("store_id"),
                "created_at": _get("created_at"),
            },
        ),
    )
}


def entity(name: str) -> CachedEntity:
    """The cached entity called ``name``; KeyError for names the store does not cache."""
    try:
        return ENTITIES[name]
    except KeyError:
        raise KeyError(f"the local store does not cache {name!r}") from None
