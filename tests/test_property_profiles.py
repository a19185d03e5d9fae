"""The property tests' profiles: one verdict per commit in CI, new examples each night with their failures reported."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from conftest import REPO

NIGHTLY = REPO / ".github" / "workflows" / "nightly.yml"

# A property test that, with FAIL=1, fails on every number from FAILING_FROM on (found in any run: a run that drew
# no such number among its examples would be a test that passes by chance), and writes every input it draws to DRAWN.
PROPERTY = '''
import os, sys
sys.path.insert(0, {tests!r})
import conftest  # registers the profiles and loads the one LCE_HYPOTHESIS_PROFILE names
from hypothesis import given, settings, strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

profile = settings.get_profile(os.environ["LCE_HYPOTHESIS_PROFILE"])
kept = DirectoryBasedExampleDatabase(os.environ["EXAMPLES"]) if profile.database is not None else None

@settings(max_examples=60, database=kept)
@given(title=st.text(max_size=6), number=st.integers(0, 10**6))
def test_property(title, number):
    with open(os.environ["DRAWN"], "a", encoding="utf-8") as drawn:
        drawn.write(repr((title, number)) + "\\n")
    assert os.environ.get("FAIL") != "1" or number < {failing_from}
'''


FAILING_FROM = 1000
"""With FAIL=1 the property fails from this number on; shrunk, the failing input is this number."""


def run_property(tmp_path: Path, profile: str, run: str, fail: bool = False) -> tuple[str, list[str]]:
    """Run the property test above with pytest under `profile`: its output and the inputs it drew."""
    folder = tmp_path / run
    folder.mkdir()
    property_test = PROPERTY.format(tests=str(REPO / "tests"), failing_from=FAILING_FROM)
    (folder / "test_generated_property.py").write_text(property_test, encoding="utf-8")
    drawn = folder / "drawn.txt"
    environ = {**os.environ, "LCE_HYPOTHESIS_PROFILE": profile, "DRAWN": str(drawn), "FAIL": "1" if fail else "0",
               "EXAMPLES": str(tmp_path / "examples"), "PYTHONHASHSEED": str(len(run))}
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
                           "-p", "no:randomly", str(folder)], cwd=folder, env=environ, capture_output=True,
                          text=True, timeout=120)
    return done.stdout + done.stderr, drawn.read_text(encoding="utf-8").splitlines() if drawn.exists() else []


def test_ci_is_derandomized_without_a_database_and_nightly_keeps_failures():
    """Check that the `ci` profile draws fixed examples with no database and `nightly` new ones with a database."""
    ci, nightly = settings.get_profile("ci"), settings.get_profile("nightly")
    assert ci.derandomize and ci.database is None and ci.max_examples == 400
    assert not nightly.derandomize and nightly.max_examples == 4000
    assert isinstance(nightly.database, DirectoryBasedExampleDatabase)
    assert Path(nightly.database.path) == REPO / ".hypothesis" / "examples"
    assert ".hypothesis/" in (REPO / ".gitignore").read_text(encoding="utf-8")


def test_the_ci_profile_draws_the_same_inputs_in_every_run(tmp_path):
    """Check that two runs under `ci` (different hash seeds, as on two machines) draw the very same inputs, and two
    runs under `nightly` do not."""
    first, drawn_first = run_property(tmp_path, "ci", "first")
    second, drawn_second = run_property(tmp_path, "ci", "second-run")
    assert "1 passed" in first and "1 passed" in second, first + second
    assert len(drawn_first) >= 50 and drawn_first == drawn_second
    _out, night_one = run_property(tmp_path, "nightly", "night")
    _out, night_two = run_property(tmp_path, "nightly", "night-two")
    assert night_one != night_two


def test_a_nightly_failure_is_reported_ready_to_paste_and_replayed_first(tmp_path):
    """Check that a failing input found under `nightly` reaches the workflow's summary (its own filter over pytest's
    output) as the test's arguments, and that the next night's run draws that input first, from the database."""
    steps = yaml.safe_load(NIGHTLY.read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    report = next(step for step in steps if step.get("name") == "Report the failing inputs")
    command = next(line.strip() for line in report["run"].splitlines() if "nightly-test.log" in line)
    output, drawn = run_property(tmp_path, "nightly", "night", fail=True)
    assert "1 failed" in output, output
    (tmp_path / "nightly-test.log").write_text(output, encoding="utf-8")
    summary = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True).stdout
    failing = re.search(r"^Failing test case: test_property\(\n    title=(.*?),(  #.*)?\n    number=(\d+),\n\)$",
                        summary, re.MULTILINE)
    assert failing and int(failing.group(3)) == FAILING_FROM, summary
    assert "@reproduce_failure(" in summary
    assert any((tmp_path / "examples").rglob("*")), "the failing input is not in the example database"
    _output, replayed = run_property(tmp_path, "nightly", "next-night", fail=True)
    first = repr((ast.literal_eval(failing.group(1)), int(failing.group(3))))
    assert replayed[0] == first, (replayed[:3], failing.groups())


def test_the_nightly_workflow_keeps_its_database_also_when_tests_fail():
    """Check that the nightly workflow restores the example database before the tests and saves it whatever they
    gave, and runs the suite under the `nightly` profile."""
    workflow = yaml.safe_load(NIGHTLY.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    names = [step.get("uses", step.get("run", "")) for step in steps]
    restore = next(n for n, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache/restore@"))
    test = next(n for n, step in enumerate(steps) if step.get("run", "").startswith("make test "))
    save = next(n for n, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache/save@"))
    assert restore < test < save, names
    assert steps[save]["if"] == "always()" and steps[save]["with"]["path"] == steps[restore]["with"]["path"] == \
        ".hypothesis/examples"
    assert workflow["env"]["LCE_HYPOTHESIS_PROFILE"] == "nightly"
