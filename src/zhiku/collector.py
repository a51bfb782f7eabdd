"""Python's cyclic garbage collector held off while a batch of records goes through the pipeline.

A batch allocates hundreds of thousands of short-lived containers (tagged words, spans, evidence) that die by
reference counting; the collector, run every 700 allocations, scans each survivor again and again, and its
full collections walk every cached dictionary and model. Measured on 2,000 articles (``bench/stage_speed.py``
corpus, 2026-12-07): 0.71-0.76 ms an article in the collector, 0.22-0.24 ms with collections between batches only.
The few cycles a batch makes (under one an article) wait until the batch ends; nothing else changes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # batches running now, in any thread
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector's state before it is restored when the last of the
    blocks running at once (nested or in other threads) ends. A collector disabled by the caller stays disabled."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
