"""MkDocs' pages and files as the plan needs them: generated files a preview may skip, pages whose HTML waits on
disk between their reading and their writing, and pages whose Markdown the other language's build may have
converted already."""

from __future__ import annotations

import logging

from properdocs.structure.files import File, Files
from properdocs.structure.pages import Page

from lce_platform.aside import aside_text, text_of
from lce_platform.mkdocs_adapter.conversions import Conversion, ConversionStore


class RegeneratedFile(File):
    """A generated page: a preview rebuild (--dirty) skips it when it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class HtmlAside:
    """The HTML of a build's pages from their reading to their writing, put aside (lce_platform/aside.py).

    MkDocs reads and converts every page before it writes the first, and holds each page's HTML (`page.content`) in
    between: the whole archive's, in each language's build. Here only the page last set or read is in memory; the
    others wait in the process's file of texts."""

    def __init__(self) -> None:
        self._in_hand: AsidePage | None = None

    def hold(self, page: AsidePage) -> None:
        """Make `page` the one page whose HTML is in memory: the one before is put aside."""
        if self._in_hand is not page:
            if self._in_hand is not None:
                self._in_hand.put_aside()
            self._in_hand = page

    def close(self) -> None:
        self._in_hand = None


class AsidePage(Page):
    """A page whose HTML (`content`) is put aside while it is not being made or written (HtmlAside): MkDocs sets and
    reads `page.content` as an attribute, which this property keeps out of memory (without an HtmlAside, in memory
    as MkDocs' own pages do)."""

    def __init__(self, file: File, config, aside: HtmlAside | None) -> None:
        self._aside, self._html, self._held = aside, None, None  # before Page.__init__ sets content
        super().__init__(None, file, config)

    @property
    def content(self) -> str | None:  # type: ignore[override]
        if self._html is None and self._held is not None:
            self._html = text_of(self._held)
            self._aside.hold(self)
        return self._html

    @content.setter
    def content(self, html: str | None) -> None:
        self._html, self._held = html, None
        if html is not None and self._aside is not None:
            self._aside.hold(self)

    def put_aside(self) -> None:
        """Let go of the HTML in memory, putting it aside unless it is there already."""
        if self._html is not None and self._held is None:
            self._held = aside_text(self._html)
        self._html = None


class SharedConversionPage(AsidePage):
    """A page whose Markdown the other language's build may have converted already (conversions.py)."""

    def __init__(self, file: File, config, store: ConversionStore, aside: HtmlAside | None) -> None:
        super().__init__(file, config, aside)
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
