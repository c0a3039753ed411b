"""JSON-safe encoding of the domain's dataclasses, driven by their type hints.

One converter for every entity keeps the change feed, the API and the app's cache agreeing on
how a Money, a Decimal, a datetime or an enum looks on the wire.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, Literal, Self, Union

from clerk.domain.money import Money

__all__ = ["Record", "decode", "encode", "require_aware"]


def require_aware(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` if it carries a UTC offset; naive datetimes are a bug here."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return value


def encode(value: Any) -> Any:
    """Turn a domain value into plain JSON types (str, int, bool, None, list, dict)."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Money | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return require_aware(value).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


_DATETIME_FIELDS: dict[type, tuple[str, ...]] = {}


def _datetime_fields(cls: type) -> tuple[str, ...]:
    names = _DATETIME_FIELDS.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if _hints(cls)[f.name] is datetime or datetime in typing.get_args(_hints(cls)[f.name])
        )
        _DATETIME_FIELDS[cls] = names
    return names


def _fail(tp: Any, raw: Any) -> ValueError:
    return ValueError(f"expected {getattr(tp, '__name__', tp)}, got {raw!r}")


def decode(tp: Any, raw: Any) -> Any:
    """Turn plain JSON data back into the type ``tp`` (a type hint of a domain dataclass)."""
    if tp is Any:
        return raw
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        options = typing.get_args(tp)
        if raw is None:
            if type(None) in options:
                return None
            raise _fail(tp, raw)
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            return decode(real[0], raw)
        for option in real:  # plain unions such as str | int: take the first that fits
            if isinstance(option, type) and _is_instance(raw, option):
                return raw
        raise _fail(tp, raw)
    if origin is Literal:
        if raw in typing.get_args(tp):
            return raw
        raise _fail(tp, raw)
    if origin is list:
        if not isinstance(raw, list):
            raise _fail(tp, raw)
        (item,) = typing.get_args(tp)
        return [decode(item, v) for v in raw]
    if origin is dict:
        if not isinstance(raw, Mapping):
            raise _fail(tp, raw)
        _, value_type = typing.get_args(tp)
        return {str(k): decode(value_type, v) for k, v in raw.items()}
    if tp is Money:
        if isinstance(raw, Money):
            return raw
        if not isinstance(raw, str | int | Decimal) or isinstance(raw, bool):
            raise _fail(tp, raw)
        return Money(raw)
    if tp is Decimal:
        if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
            raise _fail(tp, raw)
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise _fail(tp, raw) from None
        if not value.is_finite():
            raise _fail(tp, raw)
        return value
    if tp is datetime:
        parsed = raw if isinstance(raw, datetime) else datetime.fromisoformat(_str(tp, raw))
        return require_aware(parsed).astimezone(UTC)
    if tp is date:
        return raw if isinstance(raw, date) else date.fromisoformat(_str(tp, raw))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(raw)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return decode_dataclass(tp, raw)
    if isinstance(tp, type) and tp in (str, int, bool):
        if _is_instance(raw, tp):
            return raw
        raise _fail(tp, raw)
    raise TypeError(f"no decoder for {tp!r}")


def _is_instance(raw: Any, tp: type) -> bool:
    if tp is int and isinstance(raw, bool):
        return False
    return isinstance(raw, tp)


def _str(tp: Any, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _fail(tp, raw)
    return raw


def decode_dataclass(cls: type, raw: Any) -> Any:
    """Build dataclass ``cls`` from a mapping; unknown keys are ignored (newer senders)."""
    if not isinstance(raw, Mapping):
        raise _fail(cls, raw)
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if f.name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValueError(f"{cls.__name__}: missing field {f.name!r}")
            continue
        kwargs[f.name] = decode(hints[f.name], raw[f.name])
    return cls(**kwargs)


class Record:
    """Mixin for domain dataclasses: ``to_dict``/``from_dict`` and aware-datetime checks."""

    def __post_init__(self) -> None:
        for name in _datetime_fields(type(self)):
            value = getattr(self, name)
            if value is not None:
                require_aware(value, f"{type(self).__name__}.{name}")

    def to_dict(self) -> dict[str, Any]:
        """This record as JSON-safe data (Money/Decimal as strings, datetimes ISO in UTC)."""
        data: dict[str, Any] = encode(self)
        return data

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Self:
        """The record back from ``to_dict`` output (or the API's / change feed's JSON)."""
        record: Self = decode_dataclass(cls, d)
        return record
