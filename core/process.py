"""How a web process treats Python's garbage collector.

A worker holds a large, long-lived heap (Django, Wagtail, the templates, the content
cache's pages), and CPython's cyclic collector scans all of it in each full collection: in
a signed-in lesson view that was a pause of over 100 ms every few hundred requests, and
about 6 % of the time on average. As large Python sites do, the web process collects the
young generation less often, and after its first request moves what it has built so far
(the code, the templates, the settings) out of the collector's sight with `gc.freeze()`.
Reference counting still frees almost everything at once; only cycles wait longer.

GC_THRESHOLD (50000; 0 keeps Python's defaults) sets the young generation's threshold.
"""

from __future__ import annotations

import gc
import os

from django.core.signals import request_finished


def _freeze_after_first_request(**kwargs) -> None:
    request_finished.disconnect(_freeze_after_first_request)
    gc.collect()
    gc.freeze()


def tune_garbage_collector() -> None:
    threshold = int(os.environ.get("GC_THRESHOLD", "50000"))
    if threshold <= 0:
        return
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(threshold, middle, old)
    request_finished.connect(_freeze_after_first_request)
