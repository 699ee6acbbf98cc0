"""`make run` as a person types it: it serves the app on loopback only, unless ADDRESS opens it."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
from support.browser import ROOT, _healthy, free_port, wait_until


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    found.add(address)
    return found


@pytest.mark.parametrize("address, expected", [(None, {"0100007F"}), ("0.0.0.0", {"00000000"})])
def test_make_run_listens_on_loopback_unless_told(address, expected):
    port = free_port()
    args = ["make", "-s", "run", f"PORT={port}"] + ([f"ADDRESS={address}"] if address else [])
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_until(lambda: proc.poll() is not None or _healthy(f"http://127.0.0.1:{port}"), timeout=90, what="make run")
        assert proc.poll() is None, f"make run exited with {proc.returncode}"
        assert _listening(port) == expected
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
