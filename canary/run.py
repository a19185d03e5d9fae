"""`make canary`: the site on the newest release of every dependency, to hear of the next break before it lands.

The lock (requirements.lock) is what CI and deploys install, and it stays so. This installs, in a scratch virtual
environment per Python (.canary/python-X.Y), the newest release of every dependency pyproject.toml names, ignoring
the lock and pyproject's own pins and ranges, with every one of their dependencies upgraded too. Then it runs:

1. the compatibility table's probes (lce_platform/mkdocs_adapter/compat.py), each failure in the table's words;
2. the fast tier (no build, no browser);
3. the quality gates that need no browser, on real builds of the repo's content and the hostile fixtures.

For every failing test it looks for the package that broke it: each upgraded package in turn goes back to its locked
version, and the failing tests run again; a package whose return makes them pass is named. It prints one report
(also written to .canary/report-X.Y.md for a workflow's summary) and exits 1 when anything broke.

Usage: canary/run.py [--python PYTHON …] [--work FOLDER] [--skip-gates]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAST_TIER = ["-m", "not build and not browser"]
GATES_WITHOUT_BROWSER = ["-m", "build and not browser", "tests/quality", "tests/test_framework_compat.py"]
PROBES = """
from lce_platform.mkdocs_adapter.compat import INTERNALS, changed_material_files
for internal in INTERNALS:
    if not internal.probe():
        print(internal.failure())
        if internal.probe.__name__ == "_material_files_unchanged":
            print("  Material's files that changed: " + ", ".join(changed_material_files()))
"""


def normalized(name: str) -> str:
    """A distribution's name as PyPI compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names() -> list[str]:
    """Every dependency pyproject.toml names, without its version range."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return sorted({re.match(r"[A-Za-z0-9_.-]+(\[[^\]]*\])?", requirement)[0] for requirement in requirements})


def excluded_from_the_lock() -> set[str]:
    """The packages the lock leaves out on purpose (MkDocs, which ProperDocs replaces)."""
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8")).get("tool", {}).get("uv", {})
    return {normalized(name) for name in settings.get("exclude-dependencies", [])}


def locked_versions() -> dict[str, str]:
    """The lock's exact versions, by normalized name."""
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    return {normalized(name): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


@dataclass
class Canary:
    """One Python's scratch environment with the newest releases, and what was found in it."""

    python: str
    work: Path
    lines: list[str] = field(default_factory=list)
    broken: bool = False

    @property
    def venv(self) -> Path:
        return self.work / f"python-{self.version}"

    @cached_property
    def version(self) -> str:
        return subprocess.run([self.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                              capture_output=True, text=True, check=True).stdout.strip()

    def run(self, *command: str, **options) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, **options)

    def pip(self, *arguments: str) -> subprocess.CompletedProcess:
        return self.run(str(self.venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", *arguments)

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def install_newest(self) -> dict[str, str]:
        """A fresh environment with the newest release of everything; return what differs from the lock."""
        subprocess.run(["rm", "-rf", str(self.venv)], check=True)
        subprocess.run([self.python, "-m", "venv", str(self.venv)], check=True)
        installed = self.pip("install", "--upgrade", "--upgrade-strategy", "eager", *requirement_names())
        if installed.returncode != 0:
            self.broken = True
            self.say(f"- The newest releases do not install together:\n```\n{installed.stderr[-3000:]}\n```")
            return {}
        self.pip("install", "--no-deps", "--no-build-isolation", "-e", ".").check_returncode()
        listed = json.loads(self.pip("list", "--format", "json").stdout)
        newest = {normalized(package["name"]): package["version"] for package in listed}
        locked = locked_versions()
        upgraded = {name: version for name, version in newest.items()
                    if name in locked and locked[name] != version}
        self.say(f"Installed {len(newest)} packages; {len(upgraded)} differ from the lock:")
        for name in sorted(upgraded):
            self.say(f"- {name} {locked[name]} -> {upgraded[name]}")
        left_out = excluded_from_the_lock()
        for name in sorted(set(newest) - set(locked) - {"lce-platform", "pip", "setuptools", "wheel"}):
            why = "left out of the lock on purpose (pyproject.toml)" if name in left_out else "not in the lock"
            self.say(f"- {name} {newest[name]} ({why})")
        return upgraded

    def probes(self) -> None:
        found = self.run(str(self.venv / "bin" / "python"), "-c", PROBES)
        failures = [line for line in found.stdout.splitlines() if line.strip()]
        if found.returncode != 0:
            failures.append(f"the compatibility table itself did not load: {found.stderr.strip()[-2000:]}")
        rows = sum(not line.startswith("  ") for line in failures)
        self.say(f"\nCompatibility table: {f'{rows} row(s) broken' if failures else 'every row holds'}")
        for failure in failures:
            self.broken = True
            self.say(failure if failure.startswith("  ") else f"- {failure}")

    def pytest(self, name: str, selection: list[str]) -> dict[str, str]:
        """Run a selection of the suite; return each failing test and the first line of its failure."""
        report = self.work / f"junit-{self.version}-{name}.xml"
        started = time.monotonic()
        result = self.run(str(self.venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-n", "auto", "--dist", "loadgroup", f"--junitxml={report}", *selection)
        failing = {}
        if report.exists():
            for case in ElementTree.parse(report).iter("testcase"):
                problem = case.find("failure")
                if problem is None:
                    problem = case.find("error")
                if problem is not None:
                    test = f"{case.get('classname', '').replace('.', '/')}.py::{case.get('name')}"
                    failing[test] = (problem.get("message") or "").splitlines()[0][:300] if problem.get("message") else ""
        summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
        self.say(f"\n{name}: {summary} ({time.monotonic() - started:.0f} s)")
        if result.returncode not in (0, 1) and not failing:
            self.broken = True
            self.say(f"- did not run: {result.stderr.strip()[-1500:] or result.stdout.strip()[-1500:]}")
        return failing

    def culprits(self, failing: dict[str, str], upgraded: dict[str, str]) -> None:
        """Name, for the failing tests, the upgraded package whose locked version makes them pass again."""
        locked = locked_versions()
        blamed: dict[str, list[str]] = {}
        for name in sorted(upgraded):
            if self.pip("install", "--no-deps", f"{name}=={locked[name]}").returncode != 0:
                continue
            try:
                rerun = self.run(str(self.venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "-n", "0" if len(failing) < 8 else "auto", "-rA", *failing)
                passed = {test for test in failing if f"PASSED {test}" in rerun.stdout}
                for test in passed:
                    blamed.setdefault(test, []).append(f"{name} {upgraded[name]} (passes with {locked[name]})")
            finally:
                self.pip("install", "--no-deps", f"{name}=={upgraded[name]}")
        for test, message in failing.items():
            self.broken = True
            who = "; ".join(blamed.get(test, [])) or "no single package: several together, or the Python version"
            self.say(f"- {test}: {message}\n  broken by: {who}")


def main(argv: list[str] | None = None) -> int:
    """Run the canary on each Python asked for; exit 1 when anything broke."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", nargs="+", default=[sys.executable],
                        help="the Pythons to try (default: the one running this)")
    parser.add_argument("--work", type=Path, default=REPO / ".canary")
    parser.add_argument("--skip-gates", action="store_true", help="the fast tier only, without the build's gates")
    options = parser.parse_args(argv)
    options.work.mkdir(parents=True, exist_ok=True)
    broken = False
    for python in options.python:
        canary = Canary(python, options.work)
        canary.say(f"## Canary on Python {canary.version} (newest releases, not the lock)\n")
        upgraded = canary.install_newest()
        if not canary.broken:
            canary.probes()
            failing = canary.pytest("fast tier", FAST_TIER)
            if not options.skip_gates:
                failing |= canary.pytest("gates without a browser", GATES_WITHOUT_BROWSER)
            if failing:
                canary.say("\nFailing tests, and the package whose locked version makes them pass again:")
                canary.culprits(failing, upgraded)
        canary.say(f"\nVerdict on Python {canary.version}: {'BROKEN' if canary.broken else 'nothing broke'}\n")
        (options.work / f"report-{canary.version}.md").write_text("\n".join(canary.lines) + "\n", encoding="utf-8")
        broken |= canary.broken
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
