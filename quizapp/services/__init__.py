"""Use cases the UI and CLI call. They own transactions and return plain values."""
