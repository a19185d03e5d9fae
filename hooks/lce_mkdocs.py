"""Adapter from MkDocs events to the lce_platform core: no site knowledge lives here."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lce_platform import features  # noqa: F401  (registers the page generators)
from lce_platform.build import SiteBuild, language_roots
from lce_platform.cms import admin_files
from lce_platform.compression import precompress_assets
from lce_platform.conversions import SHARED_CONVERSIONS, Conversion, ConversionStore, converts_from_the_end
from lce_platform.credits import funder_credits
from lce_platform.errors import ContentErrors
from lce_platform.moments import site_today
from lce_platform.preview import outdated_pages, remember_generated, unchanged_generated
from lce_platform.search_index import INDEX_LATER, REPLACED_THEME_ASSETS, SearchIndexError, has_index, index_site
from lce_platform.theme_markup import COMPILED_THEME_TEMPLATES, SharedMarkup, valid_theme_markup, without_alternate_lookup
from lce_platform.verdict import Verdict, publishing_verdict

log = logging.getLogger("mkdocs.hooks.lce")
_builds: dict[str, SiteBuild] = {}
_verdicts: dict[str, Verdict] = {}
_PROJECT_DIR = Path(__file__).resolve().parents[1]


class RegeneratedFile(File):
    """A page or file the build generates: a preview rebuild (--dirty) skips it when it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class SharedConversionPage(Page):
    """A page whose Markdown the other language's build may have converted already (lce_platform/conversions.py)."""

    def __init__(self, file: File, config, store: ConversionStore) -> None:
        super().__init__(None, file, config)
        self.store = store

    def render(self, config, files: Files) -> None:
        key = self.store.key(self.file.src_uri, self.markdown)
        found = self.store.get(key)
        if found is None:
            super().render(config, files)
            links = self.links_to_anchors and {file.src_uri: anchors for file, anchors in self.links_to_anchors.items()}
            self.store.put(key, Conversion(self.content, self.store.permalink_title, self.toc, self._title_from_render,
                                           frozenset(self.present_anchor_ids), links))
            return
        self.content, self.toc, self._title_from_render = found.html, found.toc, found.title
        self.present_anchor_ids = set(found.anchor_ids)
        if found.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(src_uri): anchors
                                     for src_uri, anchors in found.links_to_anchors.items()}


def _share_conversions(kept: Files, config) -> Files:
    """Give each page a SharedConversionPage, in the order that meets the other language's build midway."""
    store = ConversionStore(Path(os.environ[SHARED_CONVERSIONS]), config.markdown_extensions, config.mdx_configs,
                            ((file.src_uri, file.url) for file in kept.documentation_pages()))
    for file in kept.documentation_pages():
        SharedConversionPage(file, config, store)
    return Files(list(kept)[::-1]) if converts_from_the_end(config.theme["language"]) else kept


def _build(config) -> SiteBuild:
    return _builds[config.config_file_path]


def on_config(config):
    language = config.theme["language"]
    roots = language_roots(config.site_url or "", dict(os.environ))
    verdict = publishing_verdict(Path(config.docs_dir), language, site_today(), roots)
    if verdict.errors:
        for line in ContentErrors(verdict.errors).report().splitlines():
            log.error(line.strip())
        raise Abort(f"The content has {len(verdict.errors)} error(s); nothing was built.")
    build = verdict.build
    build.site_name = config.site_name
    _builds[config.config_file_path] = build
    _verdicts[config.config_file_path] = verdict
    for warning in verdict.warnings:
        log.warning(str(warning))
    config.site_url = roots[language]
    return config


def on_files(files: Files, *, config) -> Files:
    build = _build(config)
    sources = build.source_files()
    kept = Files([])
    for file in files:
        if file.src_uri.startswith(REPLACED_THEME_ASSETS):
            continue
        if not file.src_uri.endswith(".md"):
            kept.append(file)
        elif file.src_uri in sources:
            file.abs_src_path = str(sources.pop(file.src_uri))
            kept.append(file)
    for src_uri, path in sources.items():
        # A page written only as x.en.md still gets its x.md address.
        kept.append(File.generated(config, src_uri, abs_src_path=str(path)))
    pages = [RegeneratedFile.generated(config, src_uri, content="") for src_uri in build.generated]
    generated_files = [RegeneratedFile.generated(config, src_uri, content=content)
                       for src_uri, content in build.generated_files.items()]
    unchanged = unchanged_generated(
        config.config_file_path, build, {file.src_uri: Path(file.abs_dest_path) for file in pages + generated_files})
    for file in pages + generated_files:
        file.unchanged = file.src_uri in unchanged
    for file in pages:
        kept.append(file)
    try:
        admin = admin_files(build, _PROJECT_DIR, dict(os.environ), config.repo_url)
    except FileNotFoundError as missing:
        log.error(str(missing))
        admin = []
    for file in admin:
        kept.append(File.generated(config, file.path, content=file.text, abs_src_path=file.source and str(file.source)))
    for file in generated_files:
        kept.append(file)
    # A preview rebuild (--dirty) rewrites only pages whose HTML is gone: drop those a saved file outdates.
    for output in outdated_pages(build, {file.src_uri: Path(file.abs_dest_path) for file in kept}):
        output.unlink()
    return _share_conversions(kept, config) if os.environ.get(SHARED_CONVERSIONS) else kept


def on_env(env, *, config, files):
    env.globals["lce_credits"] = funder_credits(_build(config))
    env.globals["lce_search"] = _build(config).search_box
    env.globals["lce_shared_markup"] = SharedMarkup()
    env.bytecode_cache = COMPILED_THEME_TEMPLATES
    return env


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    build = _build(config)
    page.meta = build.page_meta(page.file.src_uri)
    page.update_date = build.page_update_date(page.file.src_uri)
    return build.page_markdown(page.file.src_uri)


def on_page_content(html: str, *, page, config, files) -> str:
    build = _build(config)
    content = build.page_html(page.file.src_uri, html, page.url)
    for problem in build.take_problems():
        if not _verdicts[config.config_file_path].reported(problem):
            log.warning(str(problem))
    page.markdown = ""  # converted: MkDocs keeps every page until the end (None would lose its title)
    return content


def on_page_context(context, *, page, config, nav):
    context["lce"] = _build(config).page_context(page.file.src_uri, page.url, in_navigation=page in nav.pages)
    return context


def on_post_build(*, config) -> None:
    site_dir = Path(config.site_dir)
    _build(config).write_outputs(site_dir)
    remember_generated(config.config_file_path, _build(config))
    if not without_alternate_lookup(site_dir):
        log.warning("Material's bundle no longer has the language-sitemap lookup this site removes "
                    "(lce_platform/theme_markup.py); check what its language menu fetches")
    if os.environ.get(INDEX_LATER):
        return
    if not has_index(site_dir):
        try:
            index_site(site_dir)
        except SearchIndexError as error:
            raise Abort(str(error)) from None
    precompress_assets(site_dir)


def on_post_page(output: str, *, page, config) -> str:
    page.content = None  # written: MkDocs keeps every page until the end, and the archive weighs
    return valid_theme_markup(output)


def on_post_template(output_content: str, *, template_name: str, config) -> str:
    return valid_theme_markup(output_content) if template_name.endswith(".html") else output_content
