"""Central's use cases; each owns its transaction and commits before the API answers."""
