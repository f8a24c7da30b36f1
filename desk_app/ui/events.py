"""Application-wide signals: what changed, and the sync state."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """One instance per window; screens connect once and refresh only what the flags name."""

    sig_changed = Signal(object)
    """A write committed; the argument is its ``Changes`` flags."""

    sig_sync_state = Signal(object)
    """The sync engine reported progress (a state object from the sync service)."""

    sig_scanned = Signal(object)
    """A scanner burst was recognised; the argument is a ``ScanResult``."""

    sig_open_dossier = Signal(str)
    """Something asked to show a dossier (by code or id)."""

    sig_scan_verdict = Signal(str)
    """How a scan went (a ``ScanVerdict``): the beep and the flash."""
