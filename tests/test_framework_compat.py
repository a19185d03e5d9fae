"""The internals of MkDocs and Material the site relies on (lce_platform/mkdocs_adapter/compat.py) are still there."""

import pytest

from lce_platform.mkdocs_adapter.compat import INTERNALS, Internal


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda internal: internal.what[:60])
def test_each_internal_the_adapter_relies_on_is_still_there(internal: Internal):
    """Check that an internal of the compatibility table is as the adapter relies on, or fail in the table's words."""
    assert internal.probe(), internal.failure()


def test_the_table_names_every_framework_module_the_core_imports():
    """Check that only the adapter package imports MkDocs or Material (the rest of the core knows neither)."""
    import ast
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "lce_platform"
    importers = set()
    for path in core.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importers.add(path.relative_to(core).parts[0])
    assert importers == {"mkdocs_adapter"}, importers


@pytest.mark.build
def test_the_site_opens_only_the_files_of_material_the_table_lists(tmp_path):
    """Check that a real build of the repo's content, both languages, opens exactly the files of Material listed in
    compat.MATERIAL_FILES (a new template, icon or asset in use fails here), and none of its JavaScript or plugins."""
    import json
    import os
    import subprocess
    import sys

    from conftest import PINNED_TODAY, REPO, SITE_URL

    from lce_platform.mkdocs_adapter.compat import MATERIAL_FILES

    opened: set[str] = set()
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        listing = tmp_path / f"{config}.json"
        env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": SITE_URL}
        env.pop("SITE_URL_EN", None)
        result = subprocess.run([sys.executable, str(REPO / "tests" / "theme_files_opened.py"), str(listing),
                                 "properdocs", "build", "-f", config, "-d", str(tmp_path / f"site-{config}")],
                                cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        opened |= set(json.loads(listing.read_text(encoding="utf-8")))
    assert not opened - set(MATERIAL_FILES), (
        f"The site now uses these files of Material: {sorted(opened - set(MATERIAL_FILES))}. Material is frozen "
        "(compat.py): read each, then list it in MATERIAL_FILES with its hash, or own it in overrides/.")
    assert not set(MATERIAL_FILES) - opened, (
        f"The site no longer uses these files of Material: {sorted(set(MATERIAL_FILES) - opened)}; drop them from "
        "MATERIAL_FILES.")
    assert not [name for name in opened if name.endswith(".js") or name.startswith("plugins/")]


def test_a_build_that_another_engine_started_stops_and_says_what_to_run():
    """Check that the hooks refuse a build whose configuration is not ProperDocs' (MkDocs' own `mkdocs build`,
    which stays installable as Material's dependency) with the command to run, and accept ProperDocs' own."""
    from properdocs.config.defaults import MkDocsConfig

    from lce_platform.mkdocs_adapter.engine import WrongEngine, require_engine

    require_engine(MkDocsConfig())
    mkdocs_config = type("MkDocsConfig", (), {"__module__": "mkdocs.config.defaults"})
    with pytest.raises(WrongEngine, match=r"built with ProperDocs \(ProperDocs 1\.6\.\d+\), not mkdocs: run `make build`"):
        require_engine(mkdocs_config())


def test_the_lock_installs_properdocs_and_not_mkdocs():
    """Check that the one lock file, which CI and deploys install, pins ProperDocs and Material exactly and leaves
    MkDocs (Material's declared dependency) out, so that nothing can start the unmaintained engine."""
    import re
    from pathlib import Path

    pins = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+)", (Path(__file__).resolve().parents[1] / "requirements.lock")
                           .read_text(encoding="utf-8"), re.MULTILINE))
    assert "properdocs" in pins and pins["mkdocs-material"] == "9.8.1"
    assert "mkdocs" not in pins


@pytest.mark.build
def test_a_build_reads_and_writes_in_the_folder_of_the_site_it_builds(tmp_path):
    """Check that the CMS copied to /admin/ comes from the built site's own node_modules and the share-card cache is
    kept beside its configuration, not where the code is installed (a scratch site, a second site on one code)."""
    import shutil

    from conftest import REPO, build_site, make_content

    content = make_content(tmp_path)
    shutil.copytree(REPO / "node_modules", tmp_path / "node_modules", symlinks=True)
    marker = tmp_path / "node_modules" / "@sveltia" / "cms" / "dist" / "chunks" / "this-site-s-own-copy.js"
    marker.write_text("/* a chunk only this site's copy of the CMS has */\n", encoding="utf-8")
    build = build_site(content, "sv", extra_env={"LCE_SHARE_CARD_CACHE": "share-card-cache"})
    assert build.returncode == 0, build.output
    assert (build.site / "admin" / "chunks" / marker.name).read_bytes() == marker.read_bytes()
    assert any((tmp_path / "share-card-cache").iterdir())
