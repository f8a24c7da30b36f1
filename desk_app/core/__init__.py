"""Pure domain rules: standard library, ``holidays`` and ``desk_app.i18n`` only."""
