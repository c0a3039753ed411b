"""Reservations (F4): the store manager's holds and the stock they keep aside."""
