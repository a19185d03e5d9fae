"""Fast preview: after a file is saved, a --dirty rebuild rewrites exactly the pages made from it."""

from __future__ import annotations

import pytest
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from lce_platform.plan import BuildPlan
from lce_platform.mkdocs_adapter.preview import outdated_pages, outdated_since_last_build
from lce_platform.facts.urls import url_of
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.source import read_source, read_yaml_file
from lce_platform.verdict import markdown_problems

from conftest import build_site, make_content

DISRUPT = "activities/2025/disrupt-for-success"
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}


def written_site(tmp_path: Path, language: str = "sv") -> tuple[BuildPlan, dict[str, Path]]:
    """The minimal content, every file saved an hour ago, and every page's HTML written just now."""
    content = make_content(tmp_path)
    an_hour_ago = time.time() - 3600
    for path in content.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    build = BuildPlan.start(content, language, date(2025, 3, 15), ROOTS)
    outputs = {}
    for src_uri in build.site.entries:
        output = tmp_path / "site" / url_of(src_uri) / "index.html"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("old", encoding="utf-8")
        outputs[src_uri] = output
    return build, outputs


def saved(path: Path) -> None:
    later = time.time() + 60
    os.utime(path, (later, later))


def outdated_urls(build: BuildPlan, outputs: dict[str, Path]) -> set[str]:
    return {url_of(src_uri) for src_uri, path in outputs.items() if path in outdated_pages(build, outputs)}


def test_nothing_is_outdated_when_nothing_was_saved(tmp_path):
    """Check that a rebuild with no saved file rewrites no content page."""
    build, outputs = written_site(tmp_path)
    assert outdated_pages(build, outputs) == []


def test_saving_an_activity_outdates_its_page_and_the_pages_that_may_list_it(tmp_path):
    """Check that saving one activity outdates its page, the home page and programme pages, and no other item."""
    build, outputs = written_site(tmp_path)
    saved(build.site.content_dir / f"{DISRUPT}.md")
    assert outdated_urls(build, outputs) == {f"{DISRUPT}/", "", "programmes/learn-create-engage/"}


def test_saving_a_translation_outdates_the_page_in_every_language(tmp_path):
    """Check that saving x.en.md outdates the page in both builds (the Swedish file holds the data)."""
    for language in ("sv", "en"):
        build, outputs = written_site(tmp_path / language, language)
        saved(build.site.content_dir / f"{DISRUPT}.en.md")
        assert f"{DISRUPT}/" in outdated_urls(build, outputs)


def test_saving_a_resource_outdates_its_activity_page(tmp_path):
    """Check that saving a recording outdates the page of the activity it belongs to, and the recording's own."""
    build, outputs = written_site(tmp_path)
    saved(build.site.content_dir / "resources/recording/ai-and-creativity.md")
    urls = outdated_urls(build, outputs)
    assert {"resources/recording/ai-and-creativity/", "activities/2024/ai-and-creativity/"} <= urls
    assert f"{DISRUPT}/" not in urls


def test_saving_a_vocabulary_outdates_every_page(tmp_path):
    """Check that saving a vocabulary (labels shown everywhere) outdates every content page."""
    build, outputs = written_site(tmp_path)
    saved(build.site.content_dir / "vocabularies/sectors.yml")
    assert len(outdated_pages(build, outputs)) == len(outputs)


def test_a_saved_file_is_read_again_and_an_unchanged_one_is_not(tmp_path, preview_reuse):
    """Check that the parse cache of the preview returns the same parse for an unchanged file (content or
    vocabulary) and a new one after a save."""
    content = make_content(tmp_path)
    path = content / f"{DISRUPT}.md"
    first = read_source(path, f"content/{DISRUPT}.md")
    assert read_source(path, f"content/{DISRUPT}.md") is first
    path.write_text(path.read_text(encoding="utf-8").replace("Disrupt for Success", "Disrupt Again"), encoding="utf-8")
    again = read_source(path, f"content/{DISRUPT}.md")
    assert again.data["title"].startswith("Disrupt Again")
    sectors = content / "vocabularies" / "sectors.yml"
    first_vocabulary = read_yaml_file(sectors, "content/vocabularies/sectors.yml")
    assert read_yaml_file(sectors, "content/vocabularies/sectors.yml") is first_vocabulary
    sectors.write_text(sectors.read_text(encoding="utf-8") + "\ncircus:\n  label: {sv: Cirkus, en: Circus}\n",
                       encoding="utf-8")
    assert "circus" in read_yaml_file(sectors, "content/vocabularies/sectors.yml")[0]


@pytest.mark.build
def test_a_dirty_rebuild_rewrites_the_saved_page_and_keeps_the_others(tmp_path):
    """Check with the real MkDocs that `build --dirty` after a save shows the change and leaves other items alone."""
    content = make_content(tmp_path)
    first = build_site(content, "sv")
    assert first.returncode == 0, first.output
    untouched = first.site / "activities/2025/peer-learning-ai-tools/index.html"
    untouched_written = untouched.stat().st_mtime_ns
    time.sleep(0.05)
    source = content / f"{DISRUPT}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Disrupt for Success", "Disrupt Again"), encoding="utf-8")
    second = build_site(content, "sv", strict=False, extra_args=("--dirty",))
    assert second.returncode == 0, second.output
    assert "Disrupt Again" in second.page(DISRUPT)
    assert untouched.stat().st_mtime_ns == untouched_written
    assert (second.site / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.build
def test_a_preview_rebuild_rewrites_only_the_generated_pages_and_feeds_that_change(tmp_path):
    """Check, with two real MkDocs builds in one process as in `make serve`, that after a save the calendar page and
    feeds listing the saved activity are rewritten with the change, and those that do not list it are left alone;
    and that a page whose HTML was deleted meanwhile is written again, though nothing it is made from changed."""
    content = make_content(tmp_path)
    build_site(content, "sv")  # links the configuration and theme into the project folder
    site = tmp_path / "preview-site"
    deleted = "activities/2024/ai-and-creativity/index.html"
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "preview_rebuilds.py"), "mkdocs.yml", str(site),
         str(content / f"{DISRUPT}.md"), "Disrupt for Success", "Disrupt Again", deleted],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SITE_TODAY": "2025-03-15"})
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout.splitlines()[-1])
    rewritten = {name for name in second if second[name] != first.get(name)}
    # Disrupt for Success is a class for design and media in the 2025 calendar.
    for listing in ("calendar/2025/index.html", "sectors/design/index.html", "calendar.ics",
                    "sectors/design/calendar.ics", f"{DISRUPT}/index.html"):
        assert listing in rewritten
        assert "Disrupt Again" in (site / listing).read_text(encoding="utf-8")
    assert deleted in rewritten and "<h1" in (site / deleted).read_text(encoding="utf-8")
    for not_listing in ("sectors/music/index.html", "sectors/music/calendar.ics", "types/peer-learning/index.html",
                        "activities/2025/peer-learning-ai-tools/peer-learning-ai-tools.ics",
                        "activities/2025/peer-learning-ai-tools/index.html"):
        assert not_listing not in rewritten, " ".join(sorted(rewritten))
        assert "Disrupt Again" not in (site / not_listing).read_text(encoding="utf-8")


def test_a_preview_rebuild_validates_only_what_a_save_can_have_changed(tmp_path, preview_reuse):
    """Check that a preview reload keeps the validated data of an unchanged file, validates a saved one again, and
    validates every file again when what they may refer to changes (a new vocabulary entry); and that a broken
    file's errors are reported by every reload, not only by the first."""
    content = make_content(tmp_path)
    today = date(2025, 3, 15)
    first = load_site(content, today)
    second = load_site(content, today)
    assert second.entries[f"{DISRUPT}.md"].data is first.entries[f"{DISRUPT}.md"].data
    saved_file = content / f"{DISRUPT}.md"
    saved_file.write_text(saved_file.read_text(encoding="utf-8").replace("Disrupt for Success", "Disrupt Again"),
                          encoding="utf-8")
    third = load_site(content, today)
    assert third.entries[f"{DISRUPT}.md"].data.title.startswith("Disrupt Again")
    untouched = "activities/2025/peer-learning-ai-tools.md"
    assert third.entries[untouched].data is first.entries[untouched].data
    sectors = content / "vocabularies" / "sectors.yml"
    sectors.write_text(sectors.read_text(encoding="utf-8") + "\ncircus:\n  label: {sv: Cirkus, en: Circus}\n",
                       encoding="utf-8")
    fourth = load_site(content, today)
    assert fourth.entries[untouched].data is not third.entries[untouched].data
    assert fourth.entries[untouched].data == third.entries[untouched].data
    saved_file.write_text(saved_file.read_text(encoding="utf-8").replace("type: class", "type: clas"), encoding="utf-8")
    for _reload in range(2):
        with pytest.raises(ContentErrors) as raised:
            load_site(content, today)
        assert [(error.field, error.suggestion) for error in raised.value.errors] == [("type", "class")]


def test_a_preview_rebuild_lists_what_changed_in_an_entry_its_resources_and_the_vocabularies(tmp_path, preview_reuse):
    """Check that the lists a preview rebuild keeps from the last one show a saved title, a changed type label and a
    resource added to an activity, and that lists nothing changed in come out the same."""
    content = make_content(tmp_path)
    today = date(2025, 3, 15)

    def sector_pages() -> dict[str, str]:
        plan = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
        return {src_uri: page.html for src_uri, page in plan.generated.items() if src_uri.startswith("sectors/")}

    first = sector_pages()
    assert "Disrupt for Success" in first["sectors/design/index.md"]
    assert sector_pages() == first
    saved_file = content / f"{DISRUPT}.md"
    saved_file.write_text(saved_file.read_text(encoding="utf-8").replace("Disrupt for Success", "Disrupt Again"),
                          encoding="utf-8")
    second = sector_pages()
    assert "Disrupt Again" in second["sectors/design/index.md"]
    assert second["sectors/music/index.md"] == first["sectors/music/index.md"]
    types = content / "vocabularies" / "activity-types.yml"
    types.write_text(types.read_text(encoding="utf-8").replace("{sv: Klass,", "{sv: Engångsklass,"), encoding="utf-8")
    assert "Engångsklass" in sector_pages()["sectors/design/index.md"]

    def disrupt_item() -> str:
        page = sector_pages()["sectors/design/index.md"]
        title = page.index("Disrupt Again")
        return page[page.rindex("<li", 0, title):page.index("</li>", title)]

    assert "Inspelning finns" not in disrupt_item()
    recording = content / "resources" / "recording" / "ai-and-creativity.md"
    recording.write_text(recording.read_text(encoding="utf-8").replace("activity: 2024/ai-and-creativity",
                                                                       "activity: 2025/disrupt-for-success"),
                         encoding="utf-8")
    assert "Inspelning finns" in disrupt_item()


def test_a_preview_rebuild_still_has_the_body_of_a_page_the_last_rebuild_rendered(tmp_path, preview_reuse):
    """Check that handing a page's Markdown to the theme leaves the kept entry whole: the next rebuild renders the
    same body again (a programme page is rendered after every save) and finds the anchors links lead to."""
    content = make_content(tmp_path)
    today = date(2025, 3, 15)
    programme = "programmes/learn-create-engage.md"
    first = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
    body = first.page_markdown(programme)
    assert body.strip()
    second = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
    assert second.site.entries[programme] is first.site.entries[programme]
    assert second.page_markdown(programme) == body


def test_a_preview_rebuild_outdates_the_pages_made_from_a_changed_entry_and_no_other(tmp_path, preview_reuse):
    """Check that after the first preview build (file times), a rebuild outdates exactly the pages whose entries are
    not the same as last time: a saved title, a resource moved to another activity, a new file (other entries are
    validated again but come out equal), a changed vocabulary label; and nothing for a file saved unchanged."""
    build, outputs = written_site(tmp_path)
    content = build.site.content_dir
    today = date(2025, 3, 15)
    config_key = str(tmp_path / "mkdocs.yml")
    on_every_entry = {"", "programmes/learn-create-engage/"}

    def rebuild() -> set[str]:
        plan = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
        paths = {src_uri: str(path) for src_uri, path in outputs.items()}
        outdated = outdated_since_last_build(config_key, plan, paths)
        return {url_of(src_uri) for src_uri, path in outputs.items() if path in outdated}

    assert rebuild() == set()
    assert rebuild() == set()
    saved(content / f"{DISRUPT}.md")
    assert rebuild() == set()
    activity = content / f"{DISRUPT}.md"
    activity.write_text(activity.read_text(encoding="utf-8").replace("Disrupt for Success", "Disrupt Again"),
                        encoding="utf-8")
    assert rebuild() == {f"{DISRUPT}/"} | on_every_entry
    recording = content / "resources" / "recording" / "ai-and-creativity.md"
    recording.write_text(recording.read_text(encoding="utf-8").replace("activity: 2024/ai-and-creativity",
                                                                       "activity: 2025/disrupt-for-success"),
                         encoding="utf-8")
    assert rebuild() == {"resources/recording/ai-and-creativity/", "activities/2024/ai-and-creativity/",
                         f"{DISRUPT}/"} | on_every_entry
    (content / "activities" / "2025" / "one-more.md").write_text(
        activity.read_text(encoding="utf-8").replace("Disrupt Again", "One More"), encoding="utf-8")
    assert rebuild() == on_every_entry  # the new page has no HTML yet: MkDocs writes it
    types = content / "vocabularies" / "activity-types.yml"
    types.write_text(types.read_text(encoding="utf-8").replace("{sv: Klass,", "{sv: Engångsklass,"), encoding="utf-8")
    assert rebuild() == {url_of(src_uri) for src_uri in outputs}
    assert rebuild() == set()


def test_a_preview_rebuild_on_another_day_outdates_every_page(tmp_path, preview_reuse):
    """Check that the preview's first rebuild on a new day outdates every content page (what is upcoming changes)."""
    build, outputs = written_site(tmp_path)
    content = build.site.content_dir
    config_key = str(tmp_path / "mkdocs.yml")
    paths = {src_uri: str(path) for src_uri, path in outputs.items()}
    for today in (date(2025, 3, 15), date(2025, 3, 15)):
        plan = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
        assert outdated_since_last_build(config_key, plan, paths) == []
    plan = BuildPlan.start(content, "sv", date(2025, 3, 16), ROOTS, site=load_site(content, date(2025, 3, 16)))
    assert len(outdated_since_last_build(config_key, plan, paths)) == len(outputs)


def test_a_preview_rebuild_checks_the_links_of_a_saved_file_again(tmp_path, preview_reuse):
    """Check that the links a preview rebuild keeps from the last one are those of unchanged files: a link added by
    a save is reported, and no more once it is fixed."""
    content = make_content(tmp_path)
    today = date(2025, 3, 15)

    def link_problems() -> list[str]:
        plan = BuildPlan.start(content, "sv", today, ROOTS, site=load_site(content, today))
        return [problem.problem for problem in markdown_problems(plan)]

    assert link_problems() == []
    assert link_problems() == []
    activity = content / f"{DISRUPT}.md"
    original = activity.read_text(encoding="utf-8")
    activity.write_text(original + "\nSe [programmet](../../programmes/nowhere.md).\n", encoding="utf-8")
    assert [problem.split(":")[0] for problem in link_problems()] == ["link '../../programmes/nowhere.md' leads nowhere"]
    activity.write_text(original, encoding="utf-8")
    assert link_problems() == []


def mkdocs_config(tmp_path: Path, site_url: str = "https://lce.test/"):
    """A validated MkDocs configuration over tmp_path/docs (sub/ outside the navigation), with tmp_path/theme as the
    theme's custom_dir."""
    from properdocs.config.defaults import MkDocsConfig

    for folder in ("docs/sub", "theme"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "kept", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "site_url": site_url, "nav": ["index.md"], "not_in_nav": "/sub/",
                      "theme": {"name": "material", "custom_dir": str(tmp_path / "theme")}, "plugins": []})
    assert config.validate() == ([], [])
    return config


def test_a_preview_rebuild_makes_the_files_of_mkdocs_again_only_after_a_folder_changed(tmp_path, preview_reuse):
    """Check that the preview's MkDocs files are fresh copies of the last rebuild's, as MkDocs makes them, and that
    a file added, removed or renamed in the content or the theme is found by the next rebuild."""
    from properdocs.structure.files import Files, get_files

    from lce_platform.mkdocs_adapter.kept_structure import content_files_as_last_time, theme_files_as_last_time

    config = mkdocs_config(tmp_path)
    for name in ("index.md", "sub/page.md", "sub/image.png"):
        (tmp_path / "docs" / name).write_text("x", encoding="utf-8")
    (tmp_path / "theme" / "extra.css").write_text("x", encoding="utf-8")
    content_files = content_files_as_last_time(get_files)
    add_theme_files = theme_files_as_last_time(Files.add_files_from_theme)

    def files() -> Files:
        found = content_files(config)
        add_theme_files(found, config.theme.get_env(), config)
        return found

    def as_mkdocs_makes_them() -> list[tuple]:
        found = get_files(config)
        found.add_files_from_theme(config.theme.get_env(), config)
        return [(file.src_uri, file.abs_src_path, file.abs_dest_path, file.url, file.inclusion) for file in found]

    first = files()
    first.get_file_from_path("index.md").abs_src_path = "elsewhere.md"  # as on_files does with a translation
    second = files()
    assert [(file.src_uri, file.abs_src_path, file.abs_dest_path, file.url, file.inclusion)
            for file in second] == as_mkdocs_makes_them()
    assert not set(map(id, first)) & set(map(id, second))
    (tmp_path / "docs" / "sub" / "new.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "index.md").unlink()
    (tmp_path / "theme" / "more.css").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "extra.css").write_text("x", encoding="utf-8")  # the content's file hides the theme's
    assert [file.src_uri for file in files()] == [entry[0] for entry in as_mkdocs_makes_them()]
    assert {"sub/new.md", "more.css"} <= set(files().src_uris) and "index.md" not in files().src_uris
    (tmp_path / "docs" / "sub" / "deeper").mkdir()
    (tmp_path / "docs" / "sub" / "deeper" / "page.md").write_text("x", encoding="utf-8")
    assert "sub/deeper/page.md" in files().src_uris
    assert files().get_file_from_path("extra.css").abs_src_path == str(tmp_path / "docs" / "extra.css")


def test_a_preview_rebuild_copies_the_pages_outside_the_navigation_as_mkdocs_makes_them(tmp_path, preview_reuse):
    """Check that the preview's pages outside the navigation are each rebuild's own, with what MkDocs' Page gives
    them, and follow a change of the site's address."""
    from properdocs.structure.files import get_files
    from properdocs.structure.nav import get_navigation
    from properdocs.structure.pages import Page

    from lce_platform.mkdocs_adapter.kept_structure import pages_as_last_time

    config = mkdocs_config(tmp_path)
    for name in ("index.md", "sub/page.md", "sub/other.md"):
        (tmp_path / "docs" / name).write_text("# x", encoding="utf-8")
    navigation = pages_as_last_time(get_navigation)

    def pages(site_url: str) -> dict[str, Page]:
        config = mkdocs_config(tmp_path, site_url)
        files = get_files(config)
        navigation(files, config)
        return {file.src_uri: file.page for file in files.documentation_pages()}

    def shown(page: Page) -> tuple:
        return (page.file.src_uri, page.canonical_url, page.abs_url, page.edit_url, page.update_date, page.toc,
                page.meta, page.active, page.title)

    first, second = pages("https://lce.test/"), pages("https://lce.test/")
    for src_uri in ("sub/page.md", "sub/other.md"):
        assert second[src_uri] is not first[src_uri] and second[src_uri].file.page is second[src_uri]
        assert second[src_uri].toc is not first[src_uri].toc and second[src_uri].meta is not first[src_uri].meta
        assert shown(second[src_uri]) == shown(Page(None, second[src_uri].file, config))
    assert pages("https://elsewhere.test/")["sub/page.md"].canonical_url == "https://elsewhere.test/sub/page/"


def test_a_key_of_kept_work_holds_the_very_same_items_in_the_same_order():
    """Check that Same keys are equal for the same objects in the same order only: not for equal copies, another
    order or a list one longer."""
    from lce_platform.reuse import Same

    first, second = {"title": "a"}, {"title": "b"}
    assert Same(first, second) == Same(*(first, second))
    assert hash(Same(first, second)) == hash(Same(first, second))
    assert Same(first, second) != Same(dict(first), second)
    assert Same(first, second) != Same(second, first)
    assert Same(first, second) != Same(first, second, second)


def test_a_function_computed_once_per_object_is_computed_again_for_an_equal_copy_and_keeps_no_object():
    """Check that a function computed_once_per_object runs once for the very same object and again for an equal copy
    (a saved file's new entry), gives each its own result, and does not keep an object alive."""
    import gc
    import weakref
    from dataclasses import dataclass

    from lce_platform.reuse import computed_once_per_object

    @dataclass(frozen=True)
    class Entry:
        title: str

    calls = []

    @computed_once_per_object
    def title_of(entry: Entry) -> str:
        calls.append(id(entry))
        return entry.title.upper()

    first, copy, other = Entry("a"), Entry("a"), Entry("b")
    assert [title_of(first), title_of(first), title_of(copy), title_of(other)] == ["A", "A", "A", "B"]
    assert calls == [id(first), id(copy), id(other)]
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None
    assert title_of(copy) == "A" and len(calls) == 3
