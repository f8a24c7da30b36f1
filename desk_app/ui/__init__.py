"""Reserved for the ui layer (see architecture.md)."""
