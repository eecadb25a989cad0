"""Independent, pure work spread over the machine's cores: per-file checks, QR codes.

At 5,000 records a build does a few seconds of such work at a time, one item after another, on
a machine that has a second core idle. Workers are forked, and only from a process with a single
thread (`make site`, `check`): `serve` runs inside MkDocs' server, which has threads, and a forked
copy of a threaded process can hang on a lock another thread held, so there the work stays in
order on one core. (Spawned workers would be safe anywhere, but re-run the caller's main script,
which not every caller guards.) Results always come back in the order of the items.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

SPREAD_FROM = 400
"""Below this many items, starting worker processes costs more than it saves."""


def parallel_map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], on every core when there are many items.

    `function` must be a module-level function (workers receive it by name) and return
    something that can be pickled."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(items) < SPREAD_FROM or threading.active_count() > 1:
        return [function(item) for item in items]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (workers * 4))))
