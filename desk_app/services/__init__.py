"""Use cases: each owns its transactions and returns DTOs."""
