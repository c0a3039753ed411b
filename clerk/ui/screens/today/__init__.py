"""Today (F5): the store's day in one picture, its exports, and the overrides."""
