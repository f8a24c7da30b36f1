"""Desk ↔ central sync (sync.md): wire format, HTTP client, engine. Qt-free; the database is a port."""
