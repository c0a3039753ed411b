"""The Returns screen (F3): anything bought anywhere, returned here under one policy."""
