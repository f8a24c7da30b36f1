"""Reserved for the sync layer (see architecture.md)."""
