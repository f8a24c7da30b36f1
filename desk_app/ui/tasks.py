"""TaskRunner: slow work off the GUI thread, results delivered back on it."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


class _Delivery(QObject):
    """Lives in the GUI thread; a queued signal carries results across threads."""

    sig_done = Signal(object, object, object)
    """(callback, value, is_error) produced by a worker."""

    def __init__(self) -> None:
        super().__init__()
        self.sig_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _on_done(self, callback: Callable[[Any], None], value: Any, _is_error: object) -> None:
        callback(value)


class TaskRunner:
    """``run(fn, on_success=…, on_error=…, pool="render"|"io")``; ``immediate=True`` runs inline (tests)."""

    def __init__(self, *, immediate: bool = False) -> None:
        self.immediate = immediate
        self._delivery = _Delivery()
        self._pools = {
            "render": ThreadPoolExecutor(max_workers=1, thread_name_prefix="render"),
            "io": ThreadPoolExecutor(max_workers=1, thread_name_prefix="io"),
        }
        self.running = 0

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        pool: str = "render",
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        """Run ``fn`` in a worker; exactly one of the callbacks is called on the GUI thread."""
        if self.immediate:
            self._run_inline(fn, on_success, on_error, on_finished)
            return
        self.running += 1

        def done(future: Future[Any]) -> None:
            exc = future.exception()
            if exc is None:
                self._delivery.sig_done.emit(self._finishing(on_success, on_finished), future.result(), False)
            else:
                self._delivery.sig_done.emit(self._finishing(on_error, on_finished), exc, True)

        self._pools[pool].submit(fn).add_done_callback(done)

    def _finishing(
        self, callback: Callable[[Any], None], on_finished: Callable[[], None] | None
    ) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            self.running -= 1
            try:
                callback(value)
            finally:
                if on_finished is not None:
                    on_finished()

        return call

    @staticmethod
    def _run_inline(
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_finished: Callable[[], None] | None,
    ) -> None:
        try:
            value = fn()
        except Exception as exc:
            on_error(exc)
        else:
            on_success(value)
        finally:
            if on_finished is not None:
                on_finished()

    def shutdown(self) -> None:
        """Wait for running work (at exit)."""
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
