"""`make bench --prism` leaves nothing running: the child npx starts dies with it."""
from __future__ import annotations

import os
import signal
import sys
import time

from benchmarks.run import start_group, stop_group


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_stopping_the_group_stops_the_child_a_launcher_started(tmp_path):
    pid_file = tmp_path / "child.pid"
    # A launcher that, like npx, runs the real server as a child and would leave it behind on its own end.
    launcher = (f"import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', 'import time; "
                f"time.sleep(60)']); open({str(pid_file)!r}, 'w').write(str(child.pid)); time.sleep(60)")
    process = start_group([sys.executable, "-c", launcher])
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.05)
    child = int(pid_file.read_text())
    assert _alive(child)
    try:
        stop_group(process, grace=3)
        for _ in range(50):
            if not _alive(child):
                break
            time.sleep(0.05)
        assert not _alive(child) and process.poll() is not None
    finally:
        for pid in (child, process.pid):  # a failed stop must not leave them sleeping
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert os.getpgid(os.getpid()) != process.pid, "the group was the test's own"
