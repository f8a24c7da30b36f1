"""The reference central server: desks enrol with it, push their events and pull updates (sync.md)."""
