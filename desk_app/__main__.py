"""Allow ``python -m desk_app``."""

from __future__ import annotations

from desk_app.cli.main import main

raise SystemExit(main())
