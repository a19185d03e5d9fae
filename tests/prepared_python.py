"""Run the site's own Python commands (`python -m properdocs build`, `python -m lce_platform.publishing.cli …`) for
the tests in a process forked from one that has already imported the engine, the theme and the platform.

Why: the suite runs about 300 of these commands, and a new interpreter spends 0.5-0.9 s of CPU importing before it
does anything, more than half of what a small test site's build costs; the suite is bound by the CPU of a 2-core
machine. A child forked from a server that imported those modules (and did nothing else) runs the command as
`python -m` would: in its own working directory, with its own environment and arguments, its standard output and
error captured apart, its exit status returned. What it cannot share is what an interpreter fixes as it starts: a
command whose environment changes any of that (a hash seed, a preloaded library, any PYTHON… variable) runs in a new
interpreter, as does every command on a platform without forkserver.

The platform reads its environment when a command runs, never at import (a module that read it at import would see
the server's environment here): `test_the_preloaded_modules_read_no_build_setting_as_they_are_imported`
(tests/test_suite_grouping.py) holds that for every module preloaded.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOADED = ("properdocs.__main__", "properdocs.commands.build", "material", "lce_platform.mkdocs_adapter.events",
             "lce_platform.publishing.cli", "prepared_python")
"""What the server imports once: the engine and its command line, the theme, the platform's build hooks and its
command line (this module too, whose function each child runs)."""

INTERPRETER_SETTINGS = ("PYTHON", "LD_", "FAKETIME", "MALLOC")
"""Prefixes of environment variables read as the interpreter or the C library starts: a command that changes one
runs in a new interpreter."""

_server = None
_server_environment: dict[str, str] = {}
"""The prepared server (a forkserver context, started at its first command) and the environment it started with."""


def _context():
    global _server, _server_environment
    if _server is None:
        _server, _server_environment = multiprocessing.get_context("forkserver"), dict(os.environ)
        _server.set_forkserver_preload(list(PRELOADED))
    return _server


def _same_interpreter(env: dict[str, str]) -> bool:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    started = _server_environment if _server is not None else os.environ
    changed = {name for name in env.keys() | started.keys() if env.get(name) != started.get(name)}
    return not any(name.startswith(INTERPRETER_SETTINGS) for name in changed)


def _run_module(module: str, arguments: list[str], cwd: str, env: dict[str, str], stdout: str, stderr: str) -> None:
    """In the forked child: become `python -m module arguments…` run in `cwd` with `env`."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for stream, path in ((1, stdout), (2, stderr)):
        descriptor = os.open(path, os.O_WRONLY)
        os.dup2(descriptor, stream)
        os.close(descriptor)
    sys.path.insert(0, cwd)  # as `python -m` puts the working directory first
    sys.argv = [module, *arguments]
    for name in (module, f"{module}.__main__"):
        sys.modules.pop(name, None)  # run afresh as __main__ alone, as `python -m` runs it (what it imports stays)
    runpy.run_module(module, run_name="__main__", alter_sys=True)


def run_python_module(module: str, arguments: list[str], cwd: Path, env: dict[str, str] | None = None,
                      timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m module arguments…` in `cwd` with `env` (else this process's environment), its output captured as
    text, as `subprocess.run` with `capture_output=True, text=True` gives it, its input empty; a forked child of the
    prepared server when `env` allows it."""
    command = [sys.executable, "-m", module, *arguments]
    env = dict(os.environ) if env is None else env
    if not _same_interpreter(env):
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=timeout)
    with tempfile.TemporaryDirectory(prefix="lce-command-") as folder:
        stdout, stderr = Path(folder) / "stdout", Path(folder) / "stderr"
        stdout.touch()
        stderr.touch()
        child = _context().Process(target=_run_module,
                                   args=(module, arguments, str(cwd), dict(env), str(stdout), str(stderr)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(command, timeout)
        return subprocess.CompletedProcess(command, child.exitcode, stdout.read_text(encoding="utf-8"),
                                           stderr.read_text(encoding="utf-8"))
