"""The suite's own plumbing: the tests of one built site run on one worker (tests/conftest.py groups them with
pytest-xdist's xdist_group mark and `--dist loadgroup`), so each site is built once, not once per worker; and a
command the tests run in a child of the prepared server (tests/prepared_python.py) runs as `python -m` runs it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from prepared_python import PRELOADED, run_python_module

GROUPED_MODULE = """\
import pytest

pytestmark = pytest.mark.xdist_group("one built site")


@pytest.mark.parametrize("number", range(4))
def test_part(number):
    pass
"""


def run_to_the_end(command: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    """Run `command` and give its output; if it has not ended after `timeout` seconds, fail with what it printed and
    where every thread of it and of the processes it started stood (Python's faulthandler, on SIGABRT)."""
    run = subprocess.Popen(command, cwd=cwd, env={**os.environ, "PYTHONFAULTHANDLER": "1"}, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        stdout, stderr = run.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGABRT)
        stdout, stderr = run.communicate()
        pytest.fail(f"{' '.join(command)} had not ended after {timeout} s; it printed:\n{stdout}\n{stderr}")
    return subprocess.CompletedProcess(command, run.returncode, stdout, stderr)


def test_tests_of_one_group_run_on_one_worker(tmp_path: Path):
    """Check, with the installed pytest and pytest-xdist, that tests of two modules marked with one xdist_group run on
    one worker of two: pytest 9.2 stores node ids where pytest-xdist 3.8.0 does not write the group, and the suite
    then built every site on every worker, silently (pytest-dev/pytest-xdist#1386). The run costs about 4 CPU-s;
    beside the suite's other workers it took up to 35 s here (3 s alone), hence the generous time."""
    for name in ("test_first.py", "test_second.py"):
        (tmp_path / name).write_text(GROUPED_MODULE, encoding="utf-8")
    run = run_to_the_end([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider",
                          str(tmp_path)], cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    workers = set(re.findall(r"\[(gw\d+)\] .*PASSED", run.stdout))
    assert len(re.findall(r"PASSED", run.stdout)) == 8, run.stdout
    assert len(workers) == 1, f"one group's tests ran on {sorted(workers)}:\n{run.stdout}"


PROBE = """\
import os, sys
print(os.getcwd(), sys.argv[1:], os.environ.get("PROBE"), sys.path[0] == os.getcwd())
print(hash("lce"))
print("to stderr", file=sys.stderr)
raise SystemExit(3)
"""


def test_a_prepared_command_runs_as_python_m_runs_it(tmp_path: Path):
    """Check that a command run in a child of the prepared server sees its own working directory, arguments and
    environment, and gives the output and exit status `python -m` gives; and that a command whose environment sets
    how the interpreter starts (here its hash seed) runs in a new one."""
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    env = {**os.environ, "PROBE": "seen"}
    prepared = run_python_module("probe", ["one", "two"], cwd=tmp_path, env=env, timeout=60)
    new = subprocess.run([sys.executable, "-m", "probe", "one", "two"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert (prepared.returncode, prepared.stderr) == (new.returncode, new.stderr) == (3, "to stderr\n")
    assert prepared.stdout.splitlines()[0] == new.stdout.splitlines()[0] == f"{tmp_path} ['one', 'two'] seen True"
    for module in ("properdocs", "lce_platform.publishing.cli"):  # preloaded by the server
        prepared = run_python_module(module, ["--help"], cwd=tmp_path, timeout=60)
        new = subprocess.run([sys.executable, "-m", module, "--help"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=60)
        assert (prepared.returncode, prepared.stdout, prepared.stderr) == (new.returncode, new.stdout, new.stderr)
    seeded = {**env, "PYTHONHASHSEED": "7"}
    assert run_python_module("probe", [], cwd=tmp_path, env=seeded, timeout=60).stdout.splitlines()[1] == \
        subprocess.run([sys.executable, "-m", "probe"], cwd=tmp_path, env=seeded, capture_output=True, text=True,
                       timeout=60).stdout.splitlines()[1]


RECORD_IMPORT_READS = """\
import json, os, sys
reads = []
read = os._Environ.__getitem__
def recorded(environ, name):
    frame = sys._getframe(1)
    while frame.f_globals.get("__name__", "") in ("os", "_collections_abc", "collections.abc"):
        frame = frame.f_back
    reads.append((name, frame.f_globals.get("__name__", "")))
    return read(environ, name)
os._Environ.__getitem__ = recorded
for module in sys.argv[1:]:
    __import__(module)
print(json.dumps(reads))
"""
BUILD_SETTINGS = ("SITE_", "LCE_", "CMS_", "GITHUB_")
"""The environment variables a test's build sets or changes (its day, address, kept work, editor repository)."""


def test_the_preloaded_modules_read_no_build_setting_as_they_are_imported():
    """Check that importing the modules the prepared server preloads reads none of the environment variables a build
    is given (a module that read one at import would keep the server's value in every test build)."""
    run = subprocess.run([sys.executable, "-c", RECORD_IMPORT_READS, *PRELOADED], cwd=Path(__file__).parent,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    reads = json.loads(run.stdout.splitlines()[-1])
    assert reads, "no read of the environment recorded: the recorder no longer sees them"
    assert [(name, module) for name, module in reads if name.startswith(BUILD_SETTINGS)] == []
