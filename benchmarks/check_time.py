"""How long `lce check` takes on a content folder (default the repo's): python benchmarks/check_time.py [content]."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7


def main() -> None:
    """Time RUNS runs of the console script and print the median and the range."""
    content = sys.argv[1] if len(sys.argv) > 1 else "content"
    lce = Path(sys.executable).parent / "lce"
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([str(lce), "check", "--content", content], check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    print(f"lce check {content}: median {statistics.median(seconds):.2f} s "
          f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {RUNS} runs)")


if __name__ == "__main__":
    main()
