"""The bundle's entry point: the same ``desk-app`` command as in source mode."""

from __future__ import annotations

from desk_app.cli.main import main

raise SystemExit(main())
