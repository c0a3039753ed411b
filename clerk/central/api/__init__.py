"""The routers of the central API, gathered into one ``api_router``.

Read-side routers live here with the framework; the mutation routers (``sales``,
``pickup``, ``returns``, ``reservations``, ``engagement``) are added as their modules land.
"""

from __future__ import annotations

import importlib

from fastapi import APIRouter

from clerk.central.api.changes import router as changes_router
from clerk.central.api.customers import router as customers_router
from clerk.central.api.devices import router as devices_router
from clerk.central.api.health import router as health_router
from clerk.central.api.orders_read import router as orders_read_router
from clerk.central.api.store_credits import router as store_credits_router

MUTATION_MODULES = ("sales", "pickup", "returns", "reservations", "engagement")

api_router = APIRouter()
for _router in (
    health_router,
    devices_router,
    changes_router,
    customers_router,
    orders_read_router,
    store_credits_router,
):
    api_router.include_router(_router)

for _name in MUTATION_MODULES:
    _qualified = f"{__name__}.{_name}"
    try:
        _mutations = importlib.import_module(_qualified)
    except ModuleNotFoundError as exc:  # that part is not written yet
        if exc.name != _qualified:
            raise
        continue
    api_router.include_router(_mutations.router)
