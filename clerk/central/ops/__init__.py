"""The central service's use cases: one function per state change, no HTTP.

Each use case takes the request's database session (it runs inside the caller's one
transaction), the acting device, a validated command and ``now``; it refuses with
:class:`clerk.central.problems.Problem` subclasses, publishes what it changed to the
change feed and queues the customer notifications that belong to it.
"""
