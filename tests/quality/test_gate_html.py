"""Valid-HTML gate: the Nu HTML checker (vnu.jar from npm, one JVM for every file) finds no error on any page, nor in
any SVG file the build writes (the impact pages' charts)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from quality.built_site import NODE_MODULES, html_files

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
"""One short run: the quick compiler only and one garbage collector thread (half the checker's CPU: 9.4 → 4.5 s on
150 pages), and the larger stack the checker asks for when its schema is run by that compiler's code."""


def nu_errors(files: list) -> list[str]:
    """Every error the Nu HTML checker reports for `files`, as 'file:line: message'."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("the Nu HTML checker needs java and node_modules/vnu-jar: run `make test` (see .ci/run)")
    result = subprocess.run([java, *JVM_OPTIONS, "-jar", str(VNU), "--errors-only", "--also-check-svg", "--format",
                             "json", *map(str, files)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    return [f"{message.get('url', '?').rsplit('/site/', 1)[-1]}:{message.get('lastLine', '?')}: {message['message']}"
            for message in report["messages"] if message["type"] == "error"
            or message.get("subType") == "fatal"]


def test_every_page_is_valid_html(served_site):
    """Check that every HTML file of the built site, in both languages, has no HTML error."""
    files = html_files(served_site.root)
    assert len(files) > 5
    assert nu_errors(files) == []


def test_every_svg_file_is_valid_svg(served_site):
    """Check that every SVG file of the built site, in both languages, has no SVG error."""
    files = sorted(served_site.root.rglob("*.svg"))
    assert any(path.parent.name == "impact" for path in files), "the built site has no impact chart"
    assert nu_errors(files) == []
