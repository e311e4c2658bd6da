"""What a benchmark phase used: wall time, CPU time and peak memory of this
process and of every process it starts, directly or not.

Worker pools start their processes from a fork server, so they are not children
that ``getrusage(RUSAGE_CHILDREN)`` counts; this samples the whole process tree
instead (psutil), keeping each process's last CPU time and the peak of the
summed resident memory.
"""

from __future__ import annotations

import resource
import threading
import time

import psutil

__all__ = ["TreeUsage"]


class TreeUsage:
    """Use as ``with TreeUsage() as usage: ...``; then ``usage.figures()``."""

    def __init__(self, interval: float = 0.2):
        self.me, self.interval = psutil.Process(), interval
        self.cpu: dict[int, float] = {}
        self.peak_rss = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total = 0
        for process in [self.me, *self.me.children(recursive=True)]:
            try:
                with process.oneshot():
                    times, rss = process.cpu_times(), process.memory_info().rss
            except psutil.Error:  # a process that just ended
                continue
            self.cpu[process.pid] = times.user + times.system
            total += rss
        self.peak_rss = max(self.peak_rss, total)

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.stop.set()
        self.thread.join()
        self._sample()

    def figures(self) -> dict:
        """``seconds`` (wall), ``cpu`` (seconds, all processes), ``peak_mb`` (this
        process) and ``tree_peak_mb`` (all processes together)."""
        return {
            "seconds": self.seconds,
            "cpu": sum(self.cpu.values()),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "tree_peak_mb": self.peak_rss / 2**20,
        }
