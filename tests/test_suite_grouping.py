"""The suite's own plumbing: the tests of one built site run on one worker (tests/conftest.py groups them with
pytest-xdist's xdist_group mark and `--dist loadgroup`), so each site is built once, not once per worker."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GROUPED_MODULE = """\
import pytest

pytestmark = pytest.mark.xdist_group("one built site")


@pytest.mark.parametrize("number", range(4))
def test_part(number):
    pass
"""


def test_tests_of_one_group_run_on_one_worker(tmp_path: Path):
    """Check, with the installed pytest and pytest-xdist, that tests of two modules marked with one xdist_group run on
    one worker of two: pytest 9.2 stores node ids where pytest-xdist 3.8.0 does not write the group, and the suite
    then built every site on every worker, silently (pytest-dev/pytest-xdist#1386)."""
    for name in ("test_first.py", "test_second.py"):
        (tmp_path / name).write_text(GROUPED_MODULE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider",
                          str(tmp_path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    workers = set(re.findall(r"\[(gw\d+)\] .*PASSED", run.stdout))
    assert len(re.findall(r"PASSED", run.stdout)) == 8, run.stdout
    assert len(workers) == 1, f"one group's tests ran on {sorted(workers)}:\n{run.stdout}"
