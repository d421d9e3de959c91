"""The solver's worker processes end with the publish that started them, also when it is killed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

START = """
import numpy as np
from examencijfers.publish import intervals
from examencijfers.publish.intervals import Solver, _solve_task
solver = Solver(4, workers=2)
empty = intervals._Block([], *[np.zeros(0, dtype=np.int64)] * 8)
list(solver._pool([(empty, np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0), 4, False)] * 2))
print(' '.join(str(pid) for pid in solver._executor._processes), flush=True)
input()                      # wait to be killed
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_workers_exit_when_their_publish_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", START], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30          # a worker looks for its parent every PARENT_CHECK seconds
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
