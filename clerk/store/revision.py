"""The local schema's newest revision, importable without SQLAlchemy or Alembic."""

# The newest migration; a test keeps it equal to Alembic's head.  A database already there
# opens without loading Alembic, and the app's first paint reads it with the standard library.
HEAD = "5e1b9c07d3a4"
VERSION_TABLE = "clerk_store_version"
