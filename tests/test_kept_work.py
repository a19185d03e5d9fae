"""What builds keep for the next build besides pages (LCE_SHARE_CARD_CACHE, LCE_CHART_CACHE, LCE_TEMPLATE_CACHE):
a build that finds them writes what a build that makes everything anew writes, and nothing kept outlives a change
to what it was made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import KEPT_WORK_FOLDERS, NO_KEPT_WORK, REPO, build_site, make_content


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def kept_in(folder: Path) -> dict[str, str]:
    return {variable: str(folder / name) for variable, name in KEPT_WORK_FOLDERS.items()}


@pytest.mark.build
def test_a_build_from_kept_work_is_a_build_from_nothing_and_a_changed_template_is_compiled_anew(tmp_path):
    """Check that the site built with an empty folder of kept work, then again from what that build kept, is byte
    for byte the site built without any; that the kept charts are what the second build copies (not drawn again);
    and that a theme template changed after it was kept is compiled anew, not served from the kept code."""
    content = make_content(tmp_path / "project")
    shutil.copytree(REPO / "overrides", tmp_path / "project" / "overrides")
    kept = tmp_path / "kept"
    anew = build_site(content, extra_env=NO_KEPT_WORK)
    assert anew.returncode == 0, anew.output
    made = tree(anew.site)
    shutil.rmtree(anew.site)

    for round_ in ("filling", "reading"):
        build = build_site(content, extra_env=kept_in(kept))
        assert build.returncode == 0, build.output
        assert tree(build.site) == made, f"the build {round_} the kept work wrote another site"
        shutil.rmtree(build.site)
    charts = sorted((kept / KEPT_WORK_FOLDERS["LCE_CHART_CACHE"]).glob("*.svg"))
    templates = list((kept / KEPT_WORK_FOLDERS["LCE_TEMPLATE_CACHE"]).iterdir())
    assert charts and templates and any((kept / KEPT_WORK_FOLDERS["LCE_SHARE_CARD_CACHE"]).iterdir())

    # A kept chart is named by what it shows: the next build copies it (so marking it shows in the site).
    chart = charts[0]
    chart.write_bytes(chart.read_bytes().replace(b"<svg ", b"<svg data-kept='yes' ", 1))
    main = tmp_path / "project" / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block site_meta %}", "{% block site_meta %}<!-- a changed template -->", 1), encoding="utf-8")
    build = build_site(content, extra_env=kept_in(kept))
    assert build.returncode == 0, build.output
    assert any(b"data-kept='yes'" in data for path, data in tree(build.site).items() if path.endswith(".svg"))
    assert "<!-- a changed template -->" in build.page("")
