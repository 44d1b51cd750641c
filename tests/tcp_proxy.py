"""A small TCP proxy of the tests' own, on loopback, between the app and a manager: it can pass,
pause (hold every byte, connections stay open), slow and cut traffic. Only loopback and the test
nodes' addresses are ever connected to."""

from __future__ import annotations

import contextlib
import queue
import selectors
import socket
import threading
import time


class TCPProxy:
    def __init__(self, target: tuple[str, int], listen_host: str = "127.0.0.1") -> None:
        self.target = target
        self._server = socket.create_server((listen_host, 0))
        self.address = self._server.getsockname()
        self.endpoint = f"tcp://{self.address[0]}:{self.address[1]}"
        self._paused = threading.Event()
        self._refusing = threading.Event()
        self.delay = 0.0
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="test-proxy", daemon=True)
        self._thread.start()

    # -- control -----------------------------------------------------------------------------------
    def pause(self) -> None:
        """Hold all traffic: the app's calls hang as on a stalled network."""
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()
        self._refusing.clear()

    def cut(self) -> None:
        """Close every connection and drop new ones at once, as when a link goes down."""
        self._refusing.set()
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for a, b in pairs:
            for s in (a, b):
                s.close()

    def close(self) -> None:
        self._stop.set()
        self.cut()
        self._server.close()
        self._thread.join(5)

    # -- forwarding --------------------------------------------------------------------------------
    def _serve(self) -> None:
        self._server.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            if self._refusing.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        with selectors.DefaultSelector() as selector:
            for s in peers:
                s.settimeout(5)
                selector.register(s, selectors.EVENT_READ)
            while not self._stop.is_set():
                if self._paused.is_set():
                    time.sleep(0.02)
                    continue
                try:
                    ready = selector.select(0.2)
                    if self._paused.is_set():  # paused while waiting: what came stays held
                        continue
                    for key, _ in ready:
                        data = key.fileobj.recv(65536)
                        if not data:
                            raise OSError("closed")
                        if self.delay:
                            time.sleep(self.delay)
                        peers[key.fileobj].sendall(data)
                except (OSError, ValueError):
                    break
        for s in peers:
            s.close()


class SlowLinkProxy(TCPProxy):
    """The proxy as a slow link: `rtt` seconds of round trip (half each way) and `mbit` megabits a
    second each way. Every chunk is queued with the time it would arrive (sent after the chunks before
    it at the link's rate, then the one-way delay) and handed on at that time; pause and cut work as in
    TCPProxy. For benchmarks (a link as a VPN or a WAN gives it), where `tc netem` is not available."""

    def __init__(self, target: tuple[str, int], *, rtt: float, mbit: float) -> None:
        self.one_way = rtt / 2
        self.bytes_per_second = mbit * 1e6 / 8
        super().__init__(target)

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        for s in (a, b):
            s.settimeout(None)  # an event stream is silent for long
        senders = [
            threading.Thread(target=self._carry, args=(src, dst), daemon=True)
            for src, dst in ((a, b), (b, a))
        ]
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        for s in (a, b):
            s.close()

    def _carry(self, src: socket.socket, dst: socket.socket) -> None:
        """Read from `src` as it comes; deliver to `dst` when the link would have."""
        pending: queue.Queue[tuple[float, bytes]] = queue.Queue()
        deliver = threading.Thread(target=self._deliver, args=(pending, dst), daemon=True)
        deliver.start()
        link_free = 0.0  # when the link has sent what is queued
        try:
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                now = time.monotonic()
                link_free = max(now, link_free) + len(data) / self.bytes_per_second
                pending.put((link_free + self.one_way, data))
        except OSError:
            pass
        pending.put((0.0, b""))
        deliver.join()
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)  # the end of this direction, once all it sent has arrived

    def _deliver(self, pending: queue.Queue[tuple[float, bytes]], dst: socket.socket) -> None:
        while True:
            at, data = pending.get()
            if not data:
                return
            while self._paused.is_set() and not self._stop.is_set():
                time.sleep(0.02)
            time.sleep(max(0.0, at - time.monotonic()))
            try:
                dst.sendall(data)
            except OSError:
                return
