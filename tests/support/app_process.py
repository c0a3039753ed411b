"""``clerk`` as a person starts it: a real process, its log read until it says something."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path


def run_clerk_until(
    args: list[str],
    env: dict[str, str],
    log: Path,
    marker: str,
    timeout: float,
    *,
    program: list[str] | None = None,
) -> str:
    """Start ``clerk args``, wait until its log says ``marker``, stop it with SIGTERM (it must
    exit 0) and return the whole log.  ``program``: another ``clerk`` (an installed bundle's)."""
    command = program or [
        sys.executable,
        "-c",
        "from clerk.cli import clerk_main; raise SystemExit(clerk_main())",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while marker not in log.read_text():
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            assert process.wait(30) == 0, log.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return log.read_text()
