"""The processes that clean pages: cleaning is the crawl's CPU cost, so it runs in a pool beside
the event loop that fetches (shared by crawls, re-extraction and WARC imports)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import WorkersUnavailable
from .page_processing import ignore_sigint


def make_pool(workers: int) -> Executor:
    """Cleaning is the crawl's CPU cost: a process per core; 0 workers cleans in threads (tests, tiny crawls)."""
    if workers <= 0:
        return ThreadPoolExecutor(max_workers=2, thread_name_prefix="clean")
    context = multiprocessing.get_context("spawn")  # fork is unsafe beside threads
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(),))
    try:  # start every worker now, so a broken start is one clear error rather than one per page
        list(pool.map(_ready, range(workers)))
    except (BrokenProcessPool, RuntimeError, OSError) as exc:
        pool.shutdown(wait=False, cancel_futures=True)
        raise WorkersUnavailable(
            f"the {workers} cleaning processes could not start ({type(exc).__name__}); a script that calls"
            " crawl() needs an `if __name__ == \"__main__\":` guard, or set [crawl] workers = 0") from exc
    return pool


def _ready(_: int) -> bool:
    import crawler.clean  # noqa: F401 - import the cleaner once per worker, before the first page

    return True


def _worker_init(parent_pid: int) -> None:
    ignore_sigint()

    def watch() -> None:  # a worker must not outlive a crawl that was killed
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
