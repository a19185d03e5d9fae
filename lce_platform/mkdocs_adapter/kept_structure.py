"""The preview server's MkDocs files (the content's and the theme's) and the pages outside the navigation, made
again only when what they are made from changed.

At every build MkDocs walks the content and the theme and makes a File for each file found (the theme's thousands
of icons are walked and filtered by name each time), then a Page for each of the archive's files: together about a
third of a rebuild at 3,000 items. A File holds names only, never a file's content or time, so while no folder
changed (no file added, removed or renamed: each folder's modification time is the same) and neither did the
configuration, a rebuild's files are copies of the last rebuild's as MkDocs made them. A page outside the
navigation, before it is read, holds what its file's address, the configuration's addresses and the day make of
it: a copy of the last rebuild's while those are the same. The preview server puts these in place of MkDocs'
get_files, Files.add_files_from_theme and get_navigation (keep_mkdocs_structure; compat.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from properdocs.commands import build as mkdocs_build
from properdocs.structure.files import File, Files
from properdocs.structure.pages import Page
from properdocs.utils import get_build_date

from lce_platform.reuse import keeping


@dataclass
class _KeptFiles:
    """Files as MkDocs made them, and what they were made from."""

    settings: tuple
    folders: dict[str, int]
    """Each folder walked and its modification time (ns)."""
    files: list[dict[str, Any]]
    """The attributes of each File."""

    def still_valid(self, settings: tuple) -> bool:
        # A file added, removed or renamed changes its folder's time; a new folder, its parent's.
        return settings == self.settings and all(_modified(folder) == time for folder, time in self.folders.items())

    def copies(self) -> list[File]:
        return [_copy(attributes) for attributes in self.files]


_kept: dict[str, _KeptFiles] = {}
"""The last rebuild's files of each tree (content, theme) of this process."""


def _modified(folder: str) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


def _folder_times(roots: Iterable[str]) -> dict[str, int]:
    return {folder: _modified(folder)
            for root in roots for folder, _folders, _names in os.walk(root, followlinks=True)}  # as MkDocs walks


def _made(file: File) -> dict[str, Any]:
    for worked_out_from_names in ("url", "abs_src_path", "abs_dest_path"):
        getattr(file, worked_out_from_names)  # once, into the kept attributes, instead of at every rebuild
    return dict(file.__dict__)


def _copy(attributes: dict[str, Any]) -> File:
    file = File.__new__(File)
    file.__dict__.update(attributes)
    return file


def _kept_or_made(tree: str, settings: tuple, roots: list[str], make: Callable[[], list[File]]) -> list[File]:
    kept = _kept.get(tree)
    if kept is not None and kept.still_valid(settings):
        return kept.copies()
    folders = _folder_times(roots)  # before MkDocs walks: a file added meanwhile is found again next time
    files = make()
    _kept[tree] = _KeptFiles(settings, folders, [_made(file) for file in files])
    return files


def content_files_as_last_time(get_files: Callable[[Any], Files]) -> Callable[[Any], Files]:
    """MkDocs' get_files(config), its files copies of the last rebuild's while no content folder changed."""

    def files_of(config) -> Files:
        if not keeping():
            return get_files(config)
        settings = (config.docs_dir, config.site_dir, config.use_directory_urls, config.exclude_docs,
                    config.draft_docs, config.not_in_nav)
        return Files(_kept_or_made("content", settings, [config.docs_dir], lambda: list(get_files(config))))

    return files_of


AddFiles = Callable[[Files, Any, Any], None]


def theme_files_as_last_time(add_files_from_theme: AddFiles) -> AddFiles:
    """MkDocs' Files.add_files_from_theme(files, env, config), the theme's files copies of the last rebuild's while
    no theme folder changed."""

    def add(files: Files, env, config) -> None:
        if not keeping():
            add_files_from_theme(files, env, config)
            return
        settings = (tuple(config.theme.dirs), tuple(config.theme.static_templates), config.site_dir,
                    config.use_directory_urls)

        def every_theme_file() -> list[File]:
            found = Files([])  # none of the content's files, which would hide the theme's of the same name
            add_files_from_theme(found, env, config)
            return list(found)

        for file in _kept_or_made("theme", settings, list(config.theme.dirs), every_theme_file):
            if file.src_uri not in files.src_uris:  # the content's files override the theme's
                files.append(file)

    return add


_kept_pages: dict[tuple, dict[str, tuple[str, dict[str, Any]]]] = {}
"""By what every page is made from (addresses in the configuration, the day), the attributes of each page outside
the navigation (by src_uri, with its file's address) as the last rebuild made them."""


def _page_outside_navigation(file: File, config, kept: dict[str, tuple[str, dict[str, Any]]]) -> None:
    found = kept.get(file.src_uri)
    if found is None or found[0] != file.url:
        page = Page(None, file, config)
        attributes = dict(page.__dict__)
        del attributes["file"]
        kept[file.src_uri] = (file.url, attributes)
        return
    page = Page.__new__(Page)
    page.__dict__.update(found[1])
    page.toc, page.meta = [], {}  # as Page() makes them: each page its own
    page.file = file
    file.page = page


def pages_as_last_time(get_navigation: Callable[[Files, Any], Any]) -> Callable[[Files, Any], Any]:
    """MkDocs' get_navigation(files, config), the pages outside the navigation copies of the last rebuild's."""

    def navigation(files: Files, config):
        if keeping():
            settings = (config.site_url, config.repo_url, config.edit_uri, config.edit_uri_template, get_build_date())
            kept = _kept_pages.get(settings)
            if kept is None:
                _kept_pages.clear()
                kept = _kept_pages[settings] = {}
            for file in files.documentation_pages():
                if file.page is None and file.inclusion.is_not_in_nav():
                    _page_outside_navigation(file, config, kept)
        return get_navigation(files, config)

    return navigation


def keep_mkdocs_structure() -> None:
    """Make the builds of this process (the preview server's) take their files and the pages outside the navigation
    from the last one's where they can."""
    if not getattr(mkdocs_build, "keeps_structure", False):
        mkdocs_build.get_files = content_files_as_last_time(mkdocs_build.get_files)
        Files.add_files_from_theme = theme_files_as_last_time(Files.add_files_from_theme)
        mkdocs_build.get_navigation = pages_as_last_time(mkdocs_build.get_navigation)
        mkdocs_build.keeps_structure = True  # type: ignore[attr-defined]
