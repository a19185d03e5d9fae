"""Serve a built site for every worker of a test run: `python -m quality.serve_site ROOT RUN_PID` serves ROOT on a free
port of 127.0.0.1, prints its address, and serves until the process RUN_PID (the pytest-xdist controller) has ended;
the process started ends at once, its child serves."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from quality.built_site import serve


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main(root: str, run_pid: str) -> None:
    server = serve(Path(root))
    site = next(server)
    print(site.base_url, flush=True)
    sys.stdout.close()
    while _running(int(run_pid)):
        time.sleep(0.5)
    server.close()


if __name__ == "__main__":
    # The server outlives the worker that starts it: served by a child, so that the process the worker started
    # ends at once and the worker leaves no process of its own running behind it (Popen warns of one at exit).
    if os.fork():
        os._exit(0)
    main(*sys.argv[1:])
