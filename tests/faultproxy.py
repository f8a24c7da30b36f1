"""An asyncio HTTP/1.1 fault proxy between a desk and central (sync.md §3.7); stdlib only.

Requests pass through until the seeded schedule says a fault is due; then one fault is chosen by the
shares of sync.md §3.5. Every decision is logged with the seed. HTTP-aware faults toxiproxy lacks:
forward-then-drop-the-response (central committed, the desk never hears) and duplicate requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from dataclasses import dataclass, field

DROP_RESPONSE = "drop_response"
DROP_REQUEST = "drop_request"
DUPLICATE = "duplicate"
DELAY = "delay"
TRUNCATE = "truncate"
HTTP_503 = "http_503"
# Message-level faults and their shares (sync.md §3.5; the 10 % of process kills is the harness's).
SHARES = (
    (DROP_RESPONSE, 25),
    (DROP_REQUEST, 15),
    (DUPLICATE, 15),
    (DELAY, 15),
    (TRUNCATE, 10),
    (HTTP_503, 10),
)
UNAVAILABLE = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@dataclass
class FaultProxy:
    """Listens on 127.0.0.1:``port`` and forwards to ``upstream_port``."""

    upstream_port: int
    seed: int
    min_gap: float = 0.5  # seconds between faults (uniform in [min_gap, max_gap])
    max_gap: float = 3.0
    delay_range: tuple[float, float] = (1.0, 40.0)
    port: int = 0
    blackhole: bool = False  # a partition: connections are accepted and never answered
    # Every request waits uniform(latency) before it is forwarded and again before it is answered, so
    # a kill of the desk lands inside requests, before and after central commits (sync.md §3.4 B2).
    latency: tuple[float, float] = (0.0, 0.0)
    in_flight: int = 0
    enabled: bool = True
    log: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._next_fault = 0.0
        self._ready = threading.Event()
        # A hold (``arm``): the chosen request waits there until ``release``, so a kill of the desk
        # lands inside it by construction, not by how the timing fell.
        self._hold: tuple[str | None, int, str] | None = None
        self._arrivals = 0
        self._release: asyncio.Event | None = None
        self.held = threading.Event()
        self.held_path = ""

    # -- control ---------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        """Run the proxy's event loop in a thread."""
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"proxy-{self.seed}")
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        """Stop listening, cancel open connections, end the loop."""
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(60)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None
        self._loop = None  # a second stop (the test's finaliser) does nothing

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for _round in range(3):  # connections accepted meanwhile get cancelled too
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.sleep(0.05)  # closing transports finish before the loop ends
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    def arm(self, phase: str, *, path: str | None = None, nth: int = 1) -> None:
        """Hold the ``nth`` request (to ``path`` if given) from now on, ``before`` it is forwarded
        (central never sees it) or ``after`` central answered (central committed, the desk never
        hears); ``held`` is set when it is held."""
        assert phase in ("before", "after")
        assert self._loop is not None
        self.held.clear()
        self.held_path = ""
        self._arrivals = 0
        self._release = asyncio.Event()
        self._hold = (path, nth, phase)

    def release(self) -> None:
        """Let the held request end (its desk is gone: nothing more is sent either way)."""
        self._hold = None
        if self._loop is not None and self._release is not None:
            self._loop.call_soon_threadsafe(self._release.set)

    def _holds(self, path: str) -> str | None:
        """The phase this newly arrived request is to be held in, if it is the armed one."""
        if self._hold is None:
            return None
        want, nth, phase = self._hold
        if want is not None and path != want:
            return None
        self._arrivals += 1
        return phase if self._arrivals == nth else None

    async def _wait_held(self, path: str) -> None:
        assert self._release is not None
        self.held_path = path
        self.held.set()
        await self._release.wait()

    def heal(self) -> None:
        """No more faults, no partition."""
        self.enabled = False
        self.blackhole = False

    @property
    def faults(self) -> int:
        """Faults injected so far."""
        return sum(self.counts.values())

    # -- event loop ------------------------------------------------------------------------------
    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        # Connections cut in the middle are the point of this proxy: keep asyncio's notes in our log.
        self._loop.set_exception_handler(lambda _loop, ctx: self.log.append(f"asyncio: {ctx.get('message')}"))
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._next_fault = self._loop.time() + self._rng.uniform(self.min_gap, self.max_gap)
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            # Whatever is still pending is cancelled and awaited here, on its own loop, so no
            # coroutine is left unfinished for the garbage collector to complain about.
            pending = [t for t in asyncio.all_tasks(self._loop) if not t.done()]
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

    def _choose(self) -> str | None:
        assert self._loop is not None
        now = self._loop.time()
        if not self.enabled or now < self._next_fault:
            return None
        self._next_fault = now + self._rng.uniform(self.min_gap, self.max_gap)
        pick = self._rng.uniform(0, sum(share for _name, share in SHARES))
        for name, share in SHARES:
            pick -= share
            if pick <= 0:
                return name
        return SHARES[-1][0]

    async def _read_request(self, reader: asyncio.StreamReader) -> bytes:
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        body = await reader.readexactly(length) if length else b""
        return head + body

    async def _forward(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read()  # the upstream closes after one response (Connection: close)
        finally:
            await _close(writer)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        counted = False
        try:
            if self.blackhole:
                await asyncio.sleep(3600)
                return
            request = await self._read_request(reader)
            self.in_flight += 1
            counted = True
            path = request.split(b" ", 2)[1].decode(errors="replace").split("?")[0]
            hold = self._holds(path)
            if hold == "before":
                await self._wait_held(path)
                return
            if hold == "after":
                await self._forward(request)
                await self._wait_held(path)
                return
            fault = self._choose()
            if fault is not None:
                self.counts[fault] = self.counts.get(fault, 0) + 1
                self.log.append(
                    f"seed={self.seed} {fault} {request.split(b' ', 2)[1].decode(errors='replace')}"
                )
            if fault == DROP_REQUEST:
                return
            if fault == HTTP_503:
                writer.write(UNAVAILABLE)
                await writer.drain()
                return
            if fault == DELAY:
                await asyncio.sleep(self._rng.uniform(*self.delay_range))
            if self.latency[1]:
                await asyncio.sleep(self._rng.uniform(*self.latency) / 2)
            response = await self._forward(request)
            if self.latency[1]:
                await asyncio.sleep(self._rng.uniform(*self.latency) / 2)
            if fault == DROP_RESPONSE:
                return  # central has committed; the desk hears nothing
            if fault == TRUNCATE:
                writer.write(response[: max(1, len(response) // 2)])
                await writer.drain()
                return
            writer.write(response)
            await writer.drain()
            if fault == DUPLICATE:
                await asyncio.sleep(self._rng.uniform(0, 2))
                with contextlib.suppress(OSError):
                    await self._forward(request)  # the replay's answer goes nowhere
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # upstream down (a killed server) or the client gave up: the desk sees a reset
        except asyncio.CancelledError:
            pass  # the proxy is shutting down
        finally:
            if counted:
                self.in_flight -= 1
            await _close(writer)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close a connection; a peer that never reads gets at most a second (then the task ends anyway)."""
    writer.close()
    with contextlib.suppress(Exception, asyncio.CancelledError):
        await asyncio.wait_for(writer.wait_closed(), 1.0)
