"""Stopping a waitress server without resetting a connection.

Closing a listening socket resets every connection waiting in its accept queue, and closing a
connection a client has just opened resets the request it is about to send. So a stop here goes:
refuse new handshakes (a socket filter drops incoming SYNs: the client retries a second later, by
then on another worker's socket or refused), let handshakes already under way complete, accept
everything queued, close the listener, let every accepted connection finish its request, close each
one once it is idle, and only then return from `serve()`.
"""

from __future__ import annotations

import ctypes
import os
import select
import socket
import sys
import threading
import time

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.trigger import _triggerbase

SO_ATTACH_FILTER = 26          # Linux
HANDSHAKE_GRACE = 0.2          # seconds for handshakes under way when SYNs stop being answered
USED_IDLE = 0.5                # a kept-alive connection quiet this long is closed
FRESH_IDLE = 5.0               # a connection that has not sent its first byte yet gets this long
STOP_DEADLINE = 30.0           # requests still running after this are cut off


class _Insn(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Insn))]


def refuse_new_connections(sock: socket.socket) -> bool:
    """Make the kernel drop SYNs sent to listening `sock` (a TCP socket filter sees the TCP header:
    byte 13 holds the flags). Handshakes already under way still complete. False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    code = (_Insn * 4)(_Insn(0x30, 0, 0, 13),            # A = tcp flags
                       _Insn(0x45, 0, 1, 0x02),          # if A & SYN:
                       _Insn(0x06, 0, 0, 0),             #     drop
                       _Insn(0x06, 0, 0, 0xFFFFFFFF))    # else keep
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, bytes(_Program(len(code), code)))
    except OSError:
        return False
    return True


class GracefulServer:
    """Runs a waitress server until `stop()` (or a signal handled by `handle_signal`, or the parent
    process going away), then stops it as the module docstring says.

    `refuse`: filter the listening sockets' SYNs before draining them (right for sockets of this
    process alone; a socket shared with other workers is the parent's to filter)."""

    def __init__(self, server, *, refuse: bool = True, parent: int | None = None):
        self.server = server
        self.refuse = refuse
        self.parent = parent
        self.map = getattr(server, "_map", None) or server.map
        self._wake_read, self._wake_write = os.pipe()
        self._watcher = threading.Thread(target=self._watch, name="khobao-graceful-stop", daemon=True)
        self._loop_ended = False

    def handle_signal(self, *_args) -> None:
        """A signal handler: only writes to a pipe, which is safe whatever the main thread holds."""
        self.stop()

    def stop(self) -> None:
        if self._wake_write < 0:
            return                                      # served and closed already
        try:
            os.write(self._wake_write, b".")
        except OSError:
            pass

    def serve(self) -> None:
        """Serve until stopped and every accepted connection is done with."""
        self._watcher.start()
        try:
            self.server.run()
        finally:
            self._loop_ended = True                    # (also when run() failed: the watcher must not wait on it)
            self.stop()
            self.server.task_dispatcher.shutdown()
            self._watcher.join(timeout=STOP_DEADLINE + 10)
            wake_read, wake_write, self._wake_write = self._wake_read, self._wake_write, -1
            os.close(wake_read)
            os.close(wake_write)

    def _listeners(self) -> list[BaseWSGIServer]:
        return [d for d in list(self.map.values()) if isinstance(d, BaseWSGIServer)]

    def _channels(self) -> list[HTTPChannel]:
        return [d for d in list(self.map.values()) if isinstance(d, HTTPChannel)]

    def _watch(self) -> None:
        while not select.select([self._wake_read], [], [], 1.0)[0]:
            if self.parent is not None and os.getppid() != self.parent:
                break                                   # the parent is gone: stop with it
        if self._loop_ended:
            return
        if self.refuse:
            for listener in self._listeners():
                refuse_new_connections(listener.socket)
        time.sleep(HANDSHAKE_GRACE)
        self._in_loop(self._drain_and_close_listeners)
        deadline = time.monotonic() + STOP_DEADLINE
        while self._in_loop(self._close_idle_channels) and time.monotonic() < deadline:
            time.sleep(0.05)
        self._in_loop(lambda: wasyncore.close_all(self.map))

    def _in_loop(self, work):
        """Run `work` in the server's loop thread (channels are not thread-safe) and return its result."""
        if self._loop_ended:
            return None
        trigger = next((d for d in list(self.map.values()) if isinstance(d, _triggerbase)), None)
        if trigger is None:                             # nothing left to run the loop: already stopped
            return None
        done, result = threading.Event(), []

        def thunk():
            try:
                result.append(work())
            finally:
                done.set()
        trigger.pull_trigger(thunk)
        done.wait(timeout=10)
        return result[0] if result else None

    def _drain_and_close_listeners(self) -> None:
        for listener in self._listeners():
            for _ in range(100_000):
                try:
                    conn, addr = listener.socket.accept()
                except BlockingIOError:
                    break
                except OSError:
                    continue                            # aborted before we got to it
                listener.set_socket_options(conn)
                listener.channel_class(listener, conn, listener.fix_addr(addr), listener.adj, map=self.map)
            wasyncore.dispatcher.close(listener)       # not listener.close(): it closes the trigger channels still use

    def _close_idle_channels(self) -> int:
        """Close connections with no request under way that have been quiet long enough; return how many remain."""
        dispatcher = self.server.task_dispatcher
        now, remaining = time.time(), int(bool(dispatcher.active_count or dispatcher.queue))  # a task's last words
        for channel in self._channels():
            with channel.requests_lock:
                busy = channel.requests or channel.request is not None or channel.total_outbufs_len
            fresh = channel.last_activity == channel.creation_time
            if not busy and now - channel.last_activity >= (FRESH_IDLE if fresh else USED_IDLE):
                channel.handle_close()
            else:
                remaining += 1
        return remaining
