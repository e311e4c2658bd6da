"""What a benchmark phase used: wall time, CPU time and peak memory of this
process and of every process it starts, directly or not.

Worker pools start their processes from a fork server, so they are not children
that ``getrusage(RUSAGE_CHILDREN)`` counts; this samples the whole process tree
instead (psutil), keeping each process's last CPU time and the peak of the
summed resident memory, and the peak of each process on its own.

The CPU of this process alone (``own_cpu``: the coordinating process of a build,
which reads, dispatches, merges and writes) is counted from the start of the
phase to its end, less what the sampling thread itself used.
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
        self.peaks: dict[int, int] = {}  # pid of a worker -> its peak RSS
        self.kinds: dict[int, bool] = {}  # pid -> is it a worker?
        self.peak_rss = 0
        self.sampler_cpu = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total = 0
        for process in [self.me, *self.me.children(recursive=True)]:
            try:
                with process.oneshot():
                    times, rss, parent = process.cpu_times(), process.memory_info().rss, process.ppid()
            except psutil.Error:  # a process that just ended
                continue
            self.cpu[process.pid] = times.user + times.system
            if process is not self.me and self._is_worker(process, parent):
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
            total += rss
        self.peak_rss = max(self.peak_rss, total)

    def _is_worker(self, process: psutil.Process, parent: int) -> bool:
        """Pool workers are forked by the fork server (grandchildren of this
        process); Dask workers of a local cluster are spawned children."""
        if process.pid not in self.kinds:
            try:
                spawned = "spawn_main" in " ".join(process.cmdline())
            except psutil.Error:
                spawned = False
            self.kinds[process.pid] = parent != self.me.pid or spawned
        return self.kinds[process.pid]

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self._sample()
        self.sampler_cpu = time.thread_time()

    def __enter__(self):
        times = self.me.cpu_times()
        self.own_started = times.user + times.system
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.stop.set()
        self.thread.join()
        times = self.me.cpu_times()
        self.own_cpu = times.user + times.system - self.own_started - self.sampler_cpu
        self._sample()

    def figures(self) -> dict:
        """``seconds`` (wall), ``cpu`` (seconds, all processes), ``own_cpu`` (this
        process alone, sampling excluded), ``peak_mb`` (this process),
        ``tree_peak_mb`` (all processes together) and ``worker_peak_mb`` (the
        largest peak of one worker process, of a pool or a local Dask cluster; 0
        when there is none)."""
        return {
            "seconds": self.seconds,
            "cpu": sum(self.cpu.values()),
            "own_cpu": self.own_cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "tree_peak_mb": self.peak_rss / 2**20,
            "worker_peak_mb": max(self.peaks.values(), default=0) / 2**20,
        }

