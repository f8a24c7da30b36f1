"""One desk application per data folder: a second launch shows the running window and quits.

A local socket (a named pipe on Windows, a socket file on Linux) named after the data folder. The
socket file left by a crash or ``kill -9`` accepts no connection, so it is recognised as stale and
replaced: no lock outlives its process.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

CONNECT_MS = 500


def server_name(data_dir: Path) -> str:
    """The socket's name: one per user and data folder (the same folder reached by any path)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"onestopdesk-{digest}"


class SingleInstance(QObject):
    """``claim()`` once at start-up; the first process listens, later ones knock and leave."""

    sig_raise_requested = Signal()
    """Another launch on the same data folder asked this one to show itself."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process is the desk's only one; False after waking the running one."""
        if _knock(self.name):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # stale: nobody answered the knock above
            if not server.listen(self.name):
                log.warning("single-instance lock unavailable: %s", server.errorString())
                return True
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening (at exit; the OS would drop it anyway)."""
        if self._server is not None:
            self._server.close()
            self._server = None

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            connection.disconnectFromServer()
            self.sig_raise_requested.emit()


def _knock(name: str) -> bool:
    """True when a running instance accepted the connection."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


def bring_to_front() -> None:
    """Show the running windows, restored and on top; a modal dialog (the login) ends up first."""
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    modal = QApplication.activeModalWidget()
    if modal is not None:
        windows = [w for w in windows if w is not modal] + [modal]
    for window in windows:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
