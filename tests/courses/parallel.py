"""Running one learner's action from many threads at the same moment, as double clicks over
several tabs or a script would: each thread has its own database connection."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from django.db import OperationalError, connection

from courses.quizzes.attempts import AttemptLimitReached

if TYPE_CHECKING:
    from collections.abc import Callable


def in_parallel(action: Callable[[], object], threads: int) -> list:
    """Each thread's outcome: what `action` returned, or "refused" for AttemptLimitReached.

    On SQLite writers queue up, and a thread told "database is locked" tries again; on
    PostgreSQL (CI) every thread runs at once."""
    barrier = threading.Barrier(threads)

    def run(_number: int):
        try:
            barrier.wait(timeout=30)
            for _try in range(200):
                try:
                    return action()
                except AttemptLimitReached:
                    return "refused"
                except OperationalError as error:
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            return "locked out"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, range(threads)))
