"""Clerk's domain core: money, entities, policies, signed tokens and scans; pure Python.

No Qt, no SQL, no HTTP: the central service and the app both call these, so a rule is written once.
"""
