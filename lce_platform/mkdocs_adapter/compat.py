"""Every internal of the engine (ProperDocs, MkDocs 1.x's continuation) and of Material for MkDocs that this site
relies on, in one table, and every file of Material that reaches the site or its build.

Material reaches its end of life on 2027-05-05 and is kept frozen at 9.8.1 (DEVELOPERS.md, "The engine and the
theme"): an upgrade, the weekly canary (canary/run.py) or a move to another renderer starts here. Each row says what is used, where, why, the version it was checked against and how to drop
it, and carries a probe that is true while the internal is still as relied on; tests/test_framework_compat.py
fails with the row's words when an upgrade changes one. Public, documented API (events, `File.generated`,
`config.theme`, template blocks) is not listed.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from lce_platform.mkdocs_adapter.engine import BUILD_LOGGER, engine_version

CHECKED = "ProperDocs 1.6.7, Material for MkDocs 9.8.1"


@dataclass(frozen=True)
class Internal:
    """One internal of MkDocs or Material the site relies on."""

    what: str
    where: str
    why: str
    drop: str
    probe: Callable[[], bool]
    """True while the internal is as this site relies on it."""
    checked: str = CHECKED

    def failure(self) -> str:
        """What a failing probe reports: the row's own words."""
        return (f"{self.what} is no longer as {self.where} relies on it (checked against {self.checked}; now "
                f"{installed_versions()}). Why it is used: {self.why} How to drop it: {self.drop}")


def installed_versions() -> str:
    """The installed engine and Material versions."""
    return f"{engine_version()}, Material for MkDocs {metadata.version('mkdocs-material')}"


def material_templates() -> Path:
    """Material's template folder (its partials, base.html and built assets)."""
    import material

    return Path(material.__file__).parent / "templates"


def _source(module_name: str) -> str:
    import importlib

    return inspect.getsource(importlib.import_module(module_name))


@cache
def _probe_page() -> tuple:
    """A page MkDocs reads and renders as a build does, for the probes of Page internals."""
    from properdocs.config.defaults import MkDocsConfig
    from properdocs.structure.files import File, Files
    from properdocs.structure.pages import Page

    folder = Path(tempfile.mkdtemp(prefix="lce-compat-"))
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Probe heading\n\n## Part {#part}\n\n[Part](#part)\n", encoding="utf-8")
    (folder / "docs" / "other.md").write_text("Other\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "probe", "docs_dir": str(folder / "docs"), "site_dir": str(folder / "site"),
                      "theme": {"name": "material"}, "plugins": [], "markdown_extensions": ["attr_list", "toc"]})
    config.validate()
    file = File("index.md", config.docs_dir, config.site_dir, True)
    other = File("other.md", config.docs_dir, config.site_dir, True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file, other]))
    return page, file, other, config


def _page_render_outputs() -> bool:
    page, *_ = _probe_page()
    return (list(inspect.signature(type(page).render).parameters) == ["self", "config", "files"]
            and page._title_from_render == "Probe heading"
            and "part" in page.present_anchor_ids and hasattr(page, "links_to_anchors"))


def _page_attaches_to_file() -> bool:
    page, file, *_ = _probe_page()
    return file.page is page


def _title_survives_blank_markdown() -> bool:
    page, *_ = _probe_page()
    page.markdown = ""
    return page.title == "Probe heading"


def _page_content_is_an_attribute() -> bool:
    """The build sets and reads page.content only as an attribute, every page read before the first is written; a
    Page subclass's property keeps it (an AsidePage of the probe's site, its HTML put aside and read back)."""
    from lce_platform.mkdocs_adapter.structure import AsidePage, HtmlAside

    page, file, _other, config = _probe_page()
    aside = HtmlAside()
    try:
        kept, other = AsidePage(file, config, aside), AsidePage(file, config, aside)
        kept.content, other.content = page.content, "<p>Other</p>"
        file.page = page
        source = _source("properdocs.commands.build")
        return (kept._html is None and kept.content == page.content and other._html is None
                and "page.content = config.plugins.on_page_content(" in source
                and source.index("_populate_page(file.page") < source.rindex("_build_page("))  # the last: its call
    finally:
        aside.close()


def _abs_src_path_is_read() -> bool:
    _page, _file, other, config = _probe_page()
    from properdocs.structure.files import File

    moved = File("other.md", config.docs_dir, config.site_dir, True)
    moved.abs_src_path = str(Path(config.docs_dir) / "index.md")
    return moved.content_string.startswith("# Probe heading") and other.content_string == "Other\n"


def _dirty_build_asks_is_modified() -> bool:
    return "page.file.is_modified()" in _source("properdocs.commands.build")


def _dirty_notice() -> bool:
    """A real dirty build of the probe's site: its notice is logged by the logger the adapter filters."""
    import logging

    from properdocs.commands.build import build

    from lce_platform.mkdocs_adapter.structure import DIRTY_NOTICE

    *_probed, config = _probe_page()
    heard: list[logging.LogRecord] = []
    listener = logging.Handler()
    listener.emit = heard.append
    engine = logging.getLogger(BUILD_LOGGER.split(".")[0])
    engine.addHandler(listener)
    try:
        build(config, dirty=True)
    finally:
        engine.removeHandler(listener)
    notices = [record.name for record in heard if record.getMessage().startswith(DIRTY_NOTICE)]
    return notices == [BUILD_LOGGER]


def _live_reload_server_state() -> bool:
    from properdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory() as root:
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=root)
        try:
            names = ("_rebuild_cond", "_want_rebuild", "_watched_paths", "_watch_refs", "_epoch_cond",
                     "_visible_epoch", "_wanted_epoch", "build_delay", "observer")
            return all(hasattr(server, name) for name in names) and callable(server._serve_request)
        finally:
            server.server_close()


def _serve_module_names() -> bool:
    from properdocs.commands import serve

    parameters = inspect.signature(serve.serve).parameters
    return (hasattr(serve, "LiveReloadServer") and hasattr(serve, "build")
            and {"config_file", "livereload", "build_type", "kwargs"} <= set(parameters))  # dev_addr: a config key


def _console_state() -> bool:
    import properdocs.__main__ as main

    return hasattr(main, "State")


def _theme_sitemap_template() -> bool:
    from properdocs.theme import Theme

    from lce_platform.mkdocs_adapter.theme_markup import THEME_SITEMAP

    return THEME_SITEMAP in Theme(name="material").static_templates and THEME_SITEMAP in _source("properdocs.commands.build")


def _replaced_theme_assets() -> bool:
    from lce_platform.mkdocs_adapter.theme_markup import REPLACED_THEME_ASSETS

    theme_files = [path.relative_to(material_templates()).as_posix() for path in material_templates().rglob("*")]
    return all(any(name.startswith(prefix) for name in theme_files) for prefix in REPLACED_THEME_ASSETS)


MATERIAL_SCRIPTS_BLOCK = re.compile(
    r"\{% block scripts %\}\s*"
    r"<script src=\"\{\{ 'assets/javascripts/bundle\.[0-9a-f]+\.min\.js' \| url \}\}\"></script>\s*"
    r"\{% for script in config\.extra_javascript %\}\s*\{\{ script \| script_tag \}\}\s*\{% endfor %\}\s*"
    r"\{% endblock %\}")


def _scripts_block() -> bool:
    return MATERIAL_SCRIPTS_BLOCK.search((material_templates() / "base.html").read_text(encoding="utf-8")) is not None


def _toggle_autocomplete() -> bool:
    from lce_platform.mkdocs_adapter.theme_markup import TOGGLE_AUTOCOMPLETE

    base = (material_templates() / "base.html").read_text(encoding="utf-8")
    return len(TOGGLE_AUTOCOMPLETE.findall(base)) == 2


def _empty_section_tabindex() -> bool:
    from lce_platform.mkdocs_adapter.theme_markup import EMPTY_SECTION_TABINDEX

    item = (material_templates() / "partials" / "nav-item.html").read_text(encoding="utf-8")
    written = '<label class="md-nav__link" for="__nav_5" id="__nav_5_label" tabindex="">'
    corrected = '<label class="md-nav__link" for="__nav_5" id="__nav_5_label">'
    return item.count('tabindex="{{ tabindex }}"') == 2 and EMPTY_SECTION_TABINDEX.sub(r"\1>", written) == corrected


def _bytecode_cache() -> bool:
    import jinja2
    from properdocs.theme import Theme

    return isinstance(Theme(name="material").get_env(), jinja2.Environment)


def _files_made_from_names() -> bool:
    from properdocs.structure.files import File, Files

    from lce_platform.mkdocs_adapter.kept_structure import _copy, _made

    _page, _file, _other, config = _probe_page()
    file = File("sub/page.md", config.docs_dir, config.site_dir, True)
    copy = _copy(_made(File("sub/page.md", config.docs_dir, config.site_dir, True)))
    names = ("src_uri", "dest_uri", "url", "abs_src_path", "abs_dest_path", "inclusion", "edit_uri", "name")
    build_source = _source("properdocs.commands.build")
    return (not hasattr(File, "__slots__") and all(getattr(copy, name) == getattr(file, name) for name in names)
            and "files = get_files(config)" in build_source
            and "files.add_files_from_theme(env, config)" in build_source
            and "self.get_file_from_path(path) is None" in inspect.getsource(Files.add_files_from_theme))


def _pages_made_from_addresses() -> bool:
    from properdocs.structure.files import File
    from properdocs.structure.nav import get_navigation
    from properdocs.structure.pages import Page

    from lce_platform.mkdocs_adapter.kept_structure import _page_outside_navigation

    *_probed, config = _probe_page()
    file = File("sub/page.md", config.docs_dir, config.site_dir, True)
    kept: dict = {}
    for _made_then_copied in range(2):
        file.page = None
        _page_outside_navigation(file, config, kept)
    fresh = Page(None, file, config)
    names = ("canonical_url", "abs_url", "edit_url", "update_date", "title", "active", "markdown", "content", "toc",
             "meta", "children", "previous_page", "next_page", "parent")
    return (all(getattr(file.page, name) == getattr(fresh, name) for name in names)
            and "if file.page is None:" in inspect.getsource(get_navigation)
            and "nav = get_navigation(files, config)" in _source("properdocs.commands.build"))


OVERRIDDEN_PARTIALS = {
    "partials/header.html": "8cf3fb15bcf969ff",
    "partials/nav.html": "af33f6e032f632eb",
    "partials/nav-item.html": "89895208f22d68ce",
    "partials/search.html": "bfd556535abcddb9",
    "partials/toc.html": "fde48f583563364b",
    "partials/alternate.html": "572b1d4dae611aa5",
    "partials/copyright.html": "bc86bca3bf75070f",
    "partials/javascripts/base.html": "d6113712bc4deb30",
    "partials/javascripts/content.html": "3722e156f0f6339d",
}
"""Material's partials that overrides/ replaces whole, by the start of the sha256 of the version they were copied
from: a changed original must be looked at again (overrides/ says what each copy changes)."""


def _partials_unchanged() -> bool:
    return all(hashlib.sha256((material_templates() / name).read_bytes()).hexdigest()[:16] == digest
               for name, digest in OVERRIDDEN_PARTIALS.items())


MATERIAL_FILES = {
    "__init__.py": "bf5eae495eccf5b0",
    "templates/.icons/material/arrow-left.svg": "c8ccda7efa527ad8",
    "templates/.icons/material/arrow-up.svg": "ff65ab9f1d8247ff",
    "templates/.icons/material/close.svg": "661e4ad0c84fce45",
    "templates/.icons/material/library.svg": "ddb129cc10782a15",
    "templates/.icons/material/magnify.svg": "8e3d35d30fdb64b0",
    "templates/.icons/material/menu.svg": "b5cde42b37442aa5",
    "templates/.icons/material/translate.svg": "893166afe92fb48a",
    "templates/404.html": "80c93494b5432b1b",
    "templates/__init__.py": "35cdf3af141e7090",
    "templates/assets/images/favicon.png": "023854c43fc4b25b",
    "templates/assets/stylesheets/main.57a0d79d.min.css": "57a0d79d880c51fe",
    "templates/assets/stylesheets/main.57a0d79d.min.css.map": "ca7866617d22173c",
    "templates/assets/stylesheets/palette.fb2fffe2.min.css": "fb2fffe2c525a359",
    "templates/assets/stylesheets/palette.fb2fffe2.min.css.map": "d88cac0538fcf659",
    "templates/base.html": "8536d352b0093623",
    "templates/mkdocs_theme.yml": "7762893939c35c14",
    "templates/partials/actions.html": "1bcd66d6f428194e",
    "templates/partials/comments.html": "bacd2a2e0dbfb6d2",
    "templates/partials/content.html": "ce33929c85af129f",
    "templates/partials/feedback.html": "d47879b262c1d49f",
    "templates/partials/footer.html": "50c2a75f013b7b03",
    "templates/partials/icons.html": "461a02930eb982ef",
    "templates/partials/integrations/analytics.html": "3dba249b95699a16",
    "templates/partials/language.html": "3a44516f305006ac",
    "templates/partials/languages/en.html": "902e36bb5ec5cb46",
    "templates/partials/languages/sv.html": "a6057f53911989f9",
    "templates/partials/logo.html": "e0925ef6c190174a",
    "templates/partials/source-file.html": "ce5277decac9a8cf",
    "templates/partials/tags.html": "166225609857c853",
    "templates/partials/toc-item.html": "418f31ce2e6d5599",
    "templates/partials/top.html": "98f6f9ac2ebf6ef9",
}
"""Every file of Material's package that a build of the site opens (both languages): the templates and partials it
renders, the icons they include, the assets copied into the site, the modules imported; by path in the package and
the start of its sha256. Material is frozen at this version: tests/test_framework_compat.py builds the site and fails
when it opens a file not listed here (read it, then list it) or no longer opens one."""


def changed_material_files() -> list[str]:
    """The files of MATERIAL_FILES that the installed Material no longer has as listed."""
    package = material_templates().parent
    return [name for name, digest in MATERIAL_FILES.items()
            if not (package / name).is_file()
            or hashlib.sha256((package / name).read_bytes()).hexdigest()[:16] != digest]


def _material_files_unchanged() -> bool:
    return not changed_material_files()


INTERNALS: tuple[Internal, ...] = (
    Internal(
        "Page.render(config, files) and the attributes it sets (_title_from_render, present_anchor_ids, "
        "links_to_anchors)",
        "mkdocs_adapter/structure.py (SharedConversionPage)",
        "a page's Markdown is converted once for both languages; a reused conversion must set what MkDocs' own "
        "render sets, or titles and anchor checks are lost.",
        "drop SharedConversionPage (unset LCE_SHARED_CONVERSIONS in the Makefile): each language converts its "
        "own Markdown, about 20 % more CPU.",
        _page_render_outputs,
    ),
    Internal(
        "Page(None, file, config) attaching itself to file.page, kept by the build when set in on_files",
        "mkdocs_adapter/events.py (_set_pages_aside)",
        "the plugin's own Page subclass is what MkDocs renders.",
        "as for SharedConversionPage.",
        _page_attaches_to_file,
    ),
    Internal(
        "page.content set and read by the build as an attribute, every page read (and converted) before the first "
        "is written",
        "mkdocs_adapter/structure.py (AsidePage, HtmlAside), mkdocs_adapter/events.py (_set_pages_aside)",
        "a page's HTML waits in a temporary file from its reading to its writing, so a build does not hold the "
        "whole archive's HTML at once (AsidePage's property).",
        "make the pages MkDocs' own Page again (_set_pages_aside): each language's build holds every page's HTML "
        "until it is written, about twice the memory at 10,000 items.",
        _page_content_is_an_attribute,
    ),
    Internal(
        "Page.title read from _title_from_render once page.markdown is blanked",
        "mkdocs_adapter/events.py (on_page_content, on_post_page)",
        "MkDocs keeps every page until the end of a build; blanking page.markdown and page.content lets go of "
        "the archive's text (about 140 MB at 10,000 items).",
        "stop blanking them: more memory, same output.",
        _title_survives_blank_markdown,
    ),
    Internal(
        "File.abs_src_path assignable, and read by File.content_string",
        "mkdocs_adapter/events.py (on_files)",
        "an English page is read from x.en.md at x.md's address.",
        "generate each English page with File.generated(config, src_uri, content=…).",
        _abs_src_path_is_read,
    ),
    Internal(
        "File.is_modified() asked by a dirty build for each page and static file",
        "mkdocs_adapter/structure.py (RegeneratedFile, decide_modified)",
        "a preview rebuild skips generated pages that are the same as last time; a build with BUILD_CACHE keeps "
        "the pages whose key is the previous build's.",
        "drop RegeneratedFile and the build cache: every build renders every page (slower, same output).",
        _dirty_build_asks_is_modified,
    ),
    Internal(
        "the engine's log text \"A 'dirty' build is being performed\", logged by properdocs.commands.build (MkDocs "
        "1.6 logged it by mkdocs.commands.build)",
        "mkdocs_adapter/structure.py (WithoutDirtyNotice), attached to engine.BUILD_LOGGER",
        "every preview rebuild and every build with BUILD_CACHE is dirty on purpose; the notice would repeat at "
        "every save, and fail a strict build.",
        "remove the filter: the notice shows again.",
        _dirty_notice,
    ),
    Internal(
        "LiveReloadServer's private state (_rebuild_cond, _want_rebuild, _watched_paths, _watch_refs, observer, "
        "build_delay, _serve_request, _epoch_cond, _visible_epoch, _wanted_epoch)",
        "mkdocs_adapter/preview_server.py (InotifyLiveReloadServer)",
        "the preview is told of saves by inotify instead of polling thousands of files, and answers every page "
        "with the errors while a saved file is broken.",
        "run `properdocs serve --dirty` as it is: polling, and hung requests while the content has errors.",
        _live_reload_server_state,
    ),
    Internal(
        "properdocs.commands.serve module names LiveReloadServer and build, and serve()'s parameters",
        "mkdocs_adapter/preview_server.py (main)",
        "the preview replaces the server class and wraps the build to keep its verdict.",
        "as for LiveReloadServer.",
        _serve_module_names,
    ),
    Internal(
        "properdocs.__main__.State (the engine's console logging set-up)",
        "mkdocs_adapter/preview_server.py (main)",
        "the preview prints the engine's messages as `properdocs serve` does.",
        "configure logging with logging.basicConfig.",
        _console_state,
    ),
    Internal(
        "theme.static_templates holding sitemap.xml, which the build renders (and gzips) itself",
        "mkdocs_adapter/events.py (on_config, on_files)",
        "the plan writes one sitemap for both languages with real last-change dates; the theme's would carry "
        "the build's date.",
        "let MkDocs write its sitemap and write ours after it (as before the build plan).",
        _theme_sitemap_template,
    ),
    Internal(
        "Material's JavaScript bundle (assets/javascripts/bundle.*) and its search assets under lunr/ and workers/",
        "mkdocs_adapter/theme_markup.py (REPLACED_THEME_ASSETS)",
        "none of them is loaded (overrides/main.html, block scripts), so none is copied.",
        "remove the filter: the files are copied but unused.",
        _replaced_theme_assets,
    ),
    Internal(
        "base.html's block scripts holding only Material's bundle and the extra_javascript loop",
        "overrides/main.html (block scripts) and overrides/assets/javascripts/lce-theme.js",
        "the site loads the theme's behaviours it uses (tables that scroll, the drawer closed by a link within the "
        "page, the header's title, the table of contents' marks, back to top) instead of the 35 KB bundle; a block "
        "that gained another script may need it too.",
        "call super() in main.html's block scripts and drop lce-theme.js: the first visit grows by 35 KB.",
        _scripts_block,
    ),
    Internal(
        "Material's drawer and search toggles written with autocomplete=\"off\" in base.html",
        "mkdocs_adapter/theme_markup.py (valid_theme_markup)",
        "HTML allows autocomplete only on text inputs; the Nu checker fails every page.",
        "remove the rewrite once Material no longer writes the attribute.",
        _toggle_autocomplete,
    ),
    Internal(
        "Material's section labels in the navigation written with tabindex=\"\" (partials/nav-item.html)",
        "mkdocs_adapter/theme_markup.py (valid_theme_markup)",
        "an empty tabindex is not a valid integer; the Nu checker fails every page of a navigation with sections.",
        "remove the rewrite once Material leaves the attribute out.",
        _empty_section_tabindex,
    ),
    Internal(
        "properdocs.commands.build calling get_files(config) and files.add_files_from_theme(env, config), a theme's "
        "file added only where the content has none of its name, and a File wholly held in its __dict__",
        "mkdocs_adapter/kept_structure.py (content_files_as_last_time, theme_files_as_last_time)",
        "a preview rebuild copies the last rebuild's files of the content and the theme while no folder changed, "
        "instead of walking both and making thousands of files again.",
        "drop their lines of keep_mkdocs_structure(): MkDocs makes every file at each rebuild (slower, same output).",
        _files_made_from_names,
    ),
    Internal(
        "get_navigation making a Page(None, file, config) only for a file with no page yet, and that page held in "
        "its __dict__, made from its file's address, the configuration's addresses and the build's date",
        "mkdocs_adapter/kept_structure.py (pages_as_last_time)",
        "a preview rebuild copies the last rebuild's pages outside the navigation (the archive's thousands) "
        "instead of making each again.",
        "drop the get_navigation line of keep_mkdocs_structure(): MkDocs makes every page at each rebuild (slower, "
        "same output).",
        _pages_made_from_addresses,
    ),
    Internal(
        "the theme's Jinja environment from Theme.get_env(), given a bytecode cache",
        "mkdocs_adapter/events.py (on_env)",
        "a preview rebuild would compile every template again.",
        "remove the assignment: templates compile at each rebuild.",
        _bytecode_cache,
    ),
    Internal(
        "Material's partials copied into overrides/ (header, nav, nav-item, search, toc, alternate, copyright, scripts)",
        "overrides/partials/",
        "the header and navigation are rendered once per folder, the search box is Pagefind's and has a submit "
        "button, the table of contents' toggle has a name, the language menu names the very page, the footer "
        "credits the funders.",
        "copy the new originals and re-apply each change (the comments in each override say which).",
        _partials_unchanged,
    ),
    Internal(
        "every file of Material the site's build opens (MATERIAL_FILES: templates and partials, the icons they "
        "include, the stylesheets and favicon copied into the site, the theme's configuration, its modules), byte "
        "for byte",
        "overrides/ (the templates extend and include them), the built site (the assets)",
        "Material is frozen at 9.8.1 and gets no fix after 2027-05-05: a file that changed is a change to the site "
        "that nobody has read (changed_material_files() names them).",
        "own the file: copy it into overrides/ (a template) or overrides/assets/ (an asset) and drop its row.",
        _material_files_unchanged,
    ),
)
