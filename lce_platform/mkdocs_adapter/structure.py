"""MkDocs' pages and files as the plan needs them: generated files a preview may skip, and pages whose Markdown
the other language's build may have converted already."""

from __future__ import annotations

import logging

from properdocs.structure.files import File, Files
from properdocs.structure.pages import Page

from lce_platform.mkdocs_adapter.conversions import Conversion, ConversionStore


class RegeneratedFile(File):
    """A generated page: a preview rebuild (--dirty) skips it when it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class SharedConversionPage(Page):
    """A page whose Markdown the other language's build may have converted already (conversions.py)."""

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


def decide_modified(file: File, modified: bool) -> None:
    """Tell a --dirty build whether to render (or copy) the file, whatever the times of its source and output say
    (a build that reuses the previous one's pages decides by their keys: build_cache.py)."""
    file.is_modified = (lambda: True) if modified else (lambda: False)


DIRTY_NOTICE = "A 'dirty' build is being performed"
"""The start of MkDocs' notice at every dirty build (compat.py)."""


class WithoutDirtyNotice(logging.Filter):
    """Drops MkDocs' notice that a dirty build is being performed: the preview and a build that reuses the previous
    one's pages are dirty on purpose (and under --strict the notice, a warning, would fail the build)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)
