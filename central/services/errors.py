"""Refusals the API turns into HTTP status codes (sync.md §2.3)."""

from __future__ import annotations

from typing import Any


class CentralError(Exception):
    """An HTTP status, an error code and details for the JSON body."""

    def __init__(self, status: int, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail

    def body(self) -> dict[str, Any]:
        """``{"error": code, "message": …, **detail}``."""
        return {"error": self.code, "message": self.message, **self.detail}


def unauthorized() -> CentralError:
    """Token unknown or revoked."""
    return CentralError(401, "unauthorized", "desk token unknown or revoked; enrol the desk again")


def bad_request(message: str) -> CentralError:
    """A malformed request."""
    return CentralError(400, "bad_request", message)
