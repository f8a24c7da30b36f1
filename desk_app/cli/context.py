"""Opening the services for one command and closing them whatever happens."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from desk_app.services.container import Services, build_services

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator


@contextmanager
def services_for(args: argparse.Namespace) -> Iterator[Services]:
    """The services over ``--db``, closed when the command ends."""
    services = build_services(args.db)
    try:
        yield services
    finally:
        services.close()
