"""Sync with central: the API client, the sync engine and its runner thread (no Qt)."""
