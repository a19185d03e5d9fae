"""MkDocs' build events, each handing one step of the build plan to MkDocs and Material (hooks/lce_mkdocs.py loads
these). Every use of an internal of MkDocs or Material is in this package and listed in compat.py."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from properdocs.exceptions import Abort
from properdocs.structure.files import File, Files

from lce_platform.build_cache import PageCache, digest, stale_outputs, tree_digest
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.moments import site_today
from lce_platform.mkdocs_adapter.engine import BUILD_LOGGER, engine_logger, require_engine
from lce_platform.mkdocs_adapter.conversions import SHARED_CONVERSIONS, ConversionStore, converts_from_the_end
from lce_platform.mkdocs_adapter.preview import (
    files_written, outdated_since_last_build, remember_generated, unchanged_generated, write_files, write_files_aside,
)
from lce_platform.mkdocs_adapter.structure import (
    AsidePage, HtmlAside, RegeneratedFile, SharedConversionPage, WithoutDirtyNotice, decide_modified,
)
from lce_platform.mkdocs_adapter.theme_markup import (
    COMPILED_THEME_TEMPLATES, REPLACED_THEME_ASSETS, THEME_SITEMAP, SharedMarkup, shared_header_key,
    shared_navigation_key, valid_theme_markup,
)
from lce_platform.outputs.navigation import FOOTER_SECTION, section_title
from lce_platform.outputs.render import environment as core_templates
from lce_platform.outputs.search_index import INDEX_FOLDER, SearchIndexError, has_index
from lce_platform.plan import AdminSource, BuildPlan, finish_site, language_roots
from lce_platform.reuse import keeping
from lce_platform.verdict import Verdict, publishing_verdict

log = engine_logger("hooks.lce")
_plans: dict[str, BuildPlan] = {}
_verdicts: dict[str, Verdict] = {}
_caches: dict[str, PageCache] = {}
_outputs: dict[str, set[str]] = {}
_footer_pages: dict[str, list] = {}
_asides: dict[str, HtmlAside] = {}
CODE_DIR = Path(__file__).resolve().parents[2]
"""Where this package and the lock it was installed from are: the code, not the site being built."""
BUILD_CACHE = "LCE_BUILD_CACHE"
"""A folder holding the page keys of the previous build, whose output the site folder holds (`make build
BUILD_CACHE=…`, a --dirty build): pages with the same key are kept, not rendered again (build_cache.py)."""
SHARE_CARD_CACHE = "LCE_SHARE_CARD_CACHE"
"""A folder (relative to the site's configuration) of share images earlier builds drew; unset, every build draws them all."""
CHART_CACHE = "LCE_CHART_CACHE"
"""A folder (relative to the site's configuration) of the impact charts earlier builds drew, by what they show."""
TEMPLATE_CACHE = "LCE_TEMPLATE_CACHE"
"""A folder (relative to the site's configuration) of the templates (the theme's, the core's) as earlier builds
compiled them."""


def _cache_folder(config, variable: str) -> Path | None:
    """The folder a build's environment names in `variable`, found from the site's configuration; None if unset."""
    folder = os.environ.get(variable)
    return site_project(config) / folder if folder else None


def site_project(config) -> Path:
    """The folder of the site being built (its configuration's): every path a build reads or writes that is not the
    code's own (the CMS package in node_modules, the share-card cache) is found from here."""
    return Path(config.config_file_path).parent


def _plan(config) -> BuildPlan:
    return _plans[config.config_file_path]


def _set_pages_aside(kept: Files, config) -> Files:
    """Give each page of a build a page whose HTML waits on disk until it is written (AsidePage); when the builds
    share their conversions, a SharedConversionPage, in the order that meets the other language's build midway. The
    preview server keeps its pages' HTML in memory, as MkDocs does (it copies pages from one rebuild to the next)."""
    aside = None
    if not keeping():
        aside = _asides[config.config_file_path] = HtmlAside()
    if not os.environ.get(SHARED_CONVERSIONS):
        for file in kept.documentation_pages() if aside is not None else ():
            AsidePage(file, config, aside)
        return kept
    store = ConversionStore(Path(os.environ[SHARED_CONVERSIONS]), config.markdown_extensions, config.mdx_configs,
                            ((file.src_uri, file.url) for file in kept.documentation_pages()))
    for file in kept.documentation_pages():
        SharedConversionPage(file, config, store, aside)
    return Files(list(kept)[::-1]) if converts_from_the_end(config.theme["language"]) else kept


def _code_digest(config) -> str:
    """What every page is made by: this package, the theme overrides, the hooks, the configuration files and the
    locked versions of MkDocs, Material and the rest."""
    project = site_project(config)
    return tree_digest([CODE_DIR / "lce_platform", CODE_DIR / "requirements.lock", Path(config.theme.custom_dir),
                        project / "hooks", *sorted(project.glob("*.yml"))])


def _open_cache(config, plan: BuildPlan) -> None:
    folder = os.environ.get(BUILD_CACHE)
    if not folder:
        return
    site_dir = Path(config.site_dir)
    if (unfinished := _caches.pop(config.config_file_path, None)) is not None:
        unfinished.release()  # a rebuild in the same process after a build that failed: its lock is this process's
    cache = PageCache.open(Path(folder), plan.language, digest(_code_digest(config), plan.build_facts()), site_dir)
    if not cache.reusing and site_dir.is_dir():
        # Another build's output (other code, configuration or day): no page in it can be kept. The search index
        # stays: `lce search-index` keeps a part only if its pages and files are those its own digests vouch for.
        for path in site_dir.iterdir():
            if path.name != INDEX_FOLDER:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    cache.forget()  # until this build has finished and written its own
    logging.getLogger(BUILD_LOGGER).addFilter(WithoutDirtyNotice())
    _caches[config.config_file_path] = cache


def on_config(config):
    require_engine(config)
    language = config.theme["language"]
    roots = language_roots(config.site_url or "", dict(os.environ))
    COMPILED_THEME_TEMPLATES.folder = _cache_folder(config, TEMPLATE_CACHE)
    core_templates().bytecode_cache = COMPILED_THEME_TEMPLATES
    verdict = publishing_verdict(Path(config.docs_dir), language, site_today(), roots, site_name=config.site_name,
                                 admin=AdminSource(site_project(config), dict(os.environ), config.repo_url),
                                 share_card_cache=_cache_folder(config, SHARE_CARD_CACHE),
                                 chart_cache=_cache_folder(config, CHART_CACHE))
    if verdict.errors:
        errors = ContentErrors(list(verdict.errors))
        for line in errors.report().splitlines():
            log.error(line.strip())
        # The errors ride along, for the preview server to show them (outputs/preview_verdict.py).
        raise Abort(f"The content has {len(verdict.errors)} error(s); nothing was built.") from errors
    _plans[config.config_file_path] = verdict.plan
    _verdicts[config.config_file_path] = verdict
    _open_cache(config, verdict.plan)
    for warning in verdict.warnings:
        log.warning(str(warning))
    config.site_url = roots[language]
    # The plan writes the sitemap of both languages; the theme's own would date every page by the build (and,
    # no longer a template, its file is not copied either: on_files).
    if THEME_SITEMAP in config.theme.static_templates:
        config.theme.static_templates.remove(THEME_SITEMAP)
    return config


def on_files(files: Files, *, config) -> Files:
    plan = _plan(config)
    sources = plan.source_files()
    kept = Files([])
    for file in files:
        if file.src_uri.startswith(REPLACED_THEME_ASSETS) or file.src_uri == THEME_SITEMAP:
            continue
        if not file.src_uri.endswith(".md"):
            kept.append(file)
        elif file.src_uri in sources:
            # A translation (x.en.md) is read in place of x.md, at x.md's address.
            file.abs_src_path = sources.pop(file.src_uri)
            kept.append(file)
    for src_uri, path in sources.items():
        # A page written only as x.en.md still gets its x.md address.
        kept.append(File.generated(config, src_uri, abs_src_path=path))
    pages = [RegeneratedFile.generated(config, src_uri, content="") for src_uri in plan.generated]
    unchanged = unchanged_generated(config.config_file_path, plan,
                                    {file.src_uri: Path(file.abs_dest_path) for file in pages})
    for file in pages:
        file.unchanged = file.src_uri in unchanged
        kept.append(file)
    cache = _caches.get(config.config_file_path)
    if cache is None:
        # A preview rebuild (--dirty) rewrites only pages whose HTML is gone: drop those a saved file outdates.
        for output in outdated_since_last_build(config.config_file_path, plan,
                                                {file.src_uri: file.abs_dest_path for file in kept}):
            output.unlink(missing_ok=True)
        if keeping():
            # Decided once: MkDocs would compare a page's source and output times when reading it and again when
            # writing it (six stat calls a page: 18,000 a save at 3,000 items), for pages the line above decided.
            for file in kept:
                if file.src_uri in plan.site.entries:
                    decide_modified(file, not os.path.isfile(file.abs_dest_path))
    else:
        # A build with BUILD_CACHE decides by the pages' keys, not by file times (a restored cache's are older).
        for file in kept:
            reused = file.is_documentation_page() and cache.reusable(file.src_uri, plan.page_key(file.src_uri),
                                                                     Path(file.abs_dest_path))
            decide_modified(file, not reused)
        _outputs[config.config_file_path] = {file.dest_uri for file in kept}
    if (unfinished := _asides.pop(config.config_file_path, None)) is not None:
        unfinished.close()  # a build in the same process after one that failed
    return _set_pages_aside(kept, config)


def _name_sections(items, config, footer: list) -> None:
    """Give each section of the navigation its title in the build's language (mkdocs.yml names it by a key), and
    collect the pages of the section the footer repeats."""
    config_path = Path(config.config_file_path)
    for item in items:
        if not item.is_section:
            continue
        key = item.title
        try:
            item.title = section_title(_plan(config).language, key, config_path.name,
                                       config_path.read_text(encoding="utf-8"))
        except ContentError as error:
            log.error(str(error))
            raise Abort("A section of the navigation has no title; nothing was built.") from None
        if key == FOOTER_SECTION:
            footer.extend(child for child in item.children if child.is_page)
        _name_sections(item.children, config, footer)


def on_nav(nav, *, config, files):
    footer: list = []
    _name_sections(nav.items, config, footer)
    _footer_pages[config.config_file_path] = footer
    if config.config_file_path in _caches:
        # A kept page is not read again, so its title would be missing from the navigation of the pages rendered.
        for page in nav.pages:
            decide_modified(page.file, True)
    return nav


def on_env(env, *, config, files):
    env.globals.update(_plan(config).theme_globals())
    env.globals["lce_footer_pages"] = _footer_pages.get(config.config_file_path, [])
    env.globals["lce_shared_markup"] = SharedMarkup()
    env.bytecode_cache = COMPILED_THEME_TEMPLATES
    return env


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    plan = _plan(config)
    page.meta = plan.page_meta(page.file.src_uri)
    page.update_date = plan.page_update_date(page.file.src_uri)
    return plan.page_markdown(page.file.src_uri)


def on_page_content(html: str, *, page, config, files) -> str:
    plan = _plan(config)
    content = plan.page_html(page.file.src_uri, html, page.url)
    for problem in plan.take_problems():
        if not _verdicts[config.config_file_path].reported(problem):
            log.warning(str(problem))
    page.markdown = ""  # converted: MkDocs keeps every page until the end (None would lose its title)
    return content


def on_page_context(context, *, page, config, nav):
    path = page.url if page.url not in (".", "./") else ""
    shared = {"shared_nav_key": shared_navigation_key(path, page in nav.pages),
              "shared_header_key": shared_header_key(path)}
    context["lce"] = _plan(config).page_context(page.file.src_uri, page.url, shared)
    return context


def on_post_page(output: str, *, page, config) -> str:
    page.content = None  # written: MkDocs keeps every page until the end, and the archive weighs
    return valid_theme_markup(output)


def on_post_template(output_content: str, *, template_name: str, config) -> str:
    return valid_theme_markup(output_content) if template_name.endswith(".html") else output_content


def on_post_build(*, config) -> None:
    if (aside := _asides.pop(config.config_file_path, None)) is not None:
        aside.close()
    site_dir = Path(config.site_dir)
    plan = _plan(config)
    if keeping():
        _finish_preview(config, site_dir, plan)
        return
    cache = _caches.get(config.config_file_path)
    kept = None if cache is None else lambda file, target: cache.reusable_file(file.path, plan.file_key(file), target)
    try:
        written: set[str] | None = write_files(config.config_file_path, plan.files(), site_dir, kept)
    except FileNotFoundError as missing:
        log.error(str(missing))
        written = None
    remember_generated(config.config_file_path, plan)
    _caches.pop(config.config_file_path, None)
    if cache is not None and written is not None:
        log.debug(f"{len(written) - cache.kept_files} files of the plan made, {cache.kept_files} kept from the "
                  "previous build")
        # What the previous build made and this one did not (a removed page, feed or image) goes.
        expected = _outputs.pop(config.config_file_path) | written | set(config.theme.static_templates)
        for stale in stale_outputs(site_dir, expected, regenerated=(INDEX_FOLDER + "/",)):
            stale.unlink()
        cache.save()


def _finish_preview(config, site_dir: Path, plan: BuildPlan) -> None:
    """A preview build's end: its files are written beside the serving of its pages; the first one's search index."""
    write_files_aside(config.config_file_path, plan.files, site_dir)
    remember_generated(config.config_file_path, plan)
    if not has_index(site_dir):
        # The preview server's first build; `make build` and the tests run `lce search-index` once both are written.
        files_written(config.config_file_path)
        try:
            finish_site(site_dir)
        except SearchIndexError as error:
            raise Abort(str(error)) from None
