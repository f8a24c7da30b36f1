"""The ``desk-app`` command line."""
