"""Stopping on SIGINT and SIGTERM alike, so every command that writes cleans up after itself.

Shared by the command line (which reports the stop), the build (which must not be cut short
while it swaps site/) and `serve` (which must let MkDocs remove its temporary site).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived. Unwinds like Ctrl+C, so every `finally` removes what it made, every
    running child process is killed by `subprocess.run`, and MkDocs' serve shuts down as it does on
    Ctrl+C; not an Exception, so nothing reports it as an internal error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stoppable() -> Iterator[list[int]]:
    """SIGINT and SIGTERM raise Stopped inside the block, once; yields the signals received.

    A second signal is ignored, so it cannot cut the clean-up short. Main thread only (elsewhere
    nothing changes); the previous handlers are back afterwards.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def stop(signum: int, _frame) -> None:
        received.append(signum)
        for stop_signal in STOP_SIGNALS:
            signal.signal(stop_signal, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {stop_signal: signal.signal(stop_signal, stop) for stop_signal in STOP_SIGNALS}
    try:
        yield received
    finally:
        for stop_signal, handler in previous.items():
            signal.signal(stop_signal, handler)
