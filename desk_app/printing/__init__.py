"""Reserved for the printing layer (see architecture.md)."""
