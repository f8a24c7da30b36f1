"""The reference central server (FastAPI + PostgreSQL); built by the sync issue."""
