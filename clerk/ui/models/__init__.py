"""Item models of the screens' lists and tables (plain data in, rows out; no services)."""
