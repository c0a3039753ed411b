"""The local schema's newest revision, importable without SQLAlchemy or Alembic."""

# The newest migration; a test keeps it equal to Alembic's head.  A database already there
# opens without loading Alembic, and the app's first paint reads it with the standard library.
HEAD = "3c8e7c64a04b"
VERSION_TABLE = "clerk_store_version"
