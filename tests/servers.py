"""Start and stop real servers for the tests: free loopback ports, waiting until a
server answers, stopping it by its PID."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from typing import Callable

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process: subprocess.Popen, url: str, log: Callable[[], str], *, seconds: float = 60) -> None:
    """Return once ``url`` answers; fail the test with the tail of ``log()`` if the
    server exits or does not answer within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{process.args[0]} did not start: {log()[-500:]}")
            time.sleep(0.1)


def stop(process: subprocess.Popen, *, seconds: float = 30) -> None:
    """SIGTERM, then SIGKILL if the server has not exited within ``seconds``."""
    os.kill(process.pid, 15)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, 9)
        process.wait()
