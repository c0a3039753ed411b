"""Refusals of the use cases, as domain errors the clerk can act on.

Codes follow central's problem types (``role_not_allowed`` here is ``role-not-allowed``
there), so the UI translates one code whether the tablet or central refused.
"""

from __future__ import annotations

from clerk.domain.errors import DomainError

__all__ = ["InvalidRequest", "NotAllowed", "NotFound", "WrongState"]


class NotAllowed(DomainError):
    """The acting staff member may not do this (unknown, inactive, other store, wrong role)."""


class NotFound(DomainError):
    """Something the action needs is not on this tablet (yet): sync, or look it up first."""


class WrongState(DomainError):
    """The order, reservation or command is not in a state that allows this step."""


class InvalidRequest(DomainError):
    """The request itself does not fit: quantities, lines, payments, missing reasons."""
