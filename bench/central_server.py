"""Central under uvicorn in its own process for the sync benchmark, plus a bare ``/floor`` endpoint.

A separate process, as in production (another machine): the desk and the server do not share a GIL.
Usage: python bench/central_server.py DATABASE_URL PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from fastapi import Request

from central.app import build_central, create_app


def main(url: str, port: int) -> None:
    """Serve until killed."""
    app = create_app(build_central(url, migrate=False))

    @app.post("/floor")
    async def floor(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
