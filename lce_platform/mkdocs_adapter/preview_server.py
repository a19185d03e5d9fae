"""`make serve`: ProperDocs' own development server (MkDocs 1.x's), told of a save by the kernel instead of polling the archive.

MkDocs 1.6 polls every watched file twice a second (thousands of stats in a large archive) and reloads on any
event. This runs the same `properdocs serve --dirty` with watchdog's inotify observer, reacting only to writes,
creations, deletions and moves (the build itself opens files, which must not start another build). What a
rebuild rewrites is decided by the build (lce_platform/mkdocs_adapter/preview.py). Not a hook: mkdocs.yml does not list it.

While a build fails, every page answers at once with the errors (lce_platform/outputs/preview_verdict.py) instead of
MkDocs' traceback in the terminal and requests that hang until the file is fixed.

Usage: preview_server.py CONFIG_FILE HOST:PORT
"""

from __future__ import annotations

import logging
import os
import sys

import properdocs.replacement  # noqa: F401  (as `properdocs serve` does: Material's modules import mkdocs.*)
import watchdog.events
import watchdog.observers
from properdocs.__main__ import State
from properdocs.commands import serve as engine_serve
from properdocs.commands.build import build as engine_build
from properdocs.livereload import LiveReloadServer

from lce_platform.mkdocs_adapter.engine import BUILD_LOGGER, engine_logger
from lce_platform.mkdocs_adapter.kept_structure import keep_mkdocs_structure
from lce_platform.mkdocs_adapter.structure import WithoutDirtyNotice
from lce_platform.outputs.preview_verdict import PreviewVerdict
from lce_platform.reuse import keep_between_builds

VERDICT = PreviewVerdict()
log = engine_logger("preview")

CHANGES = {
    watchdog.events.EVENT_TYPE_MODIFIED, watchdog.events.EVENT_TYPE_CREATED,
    watchdog.events.EVENT_TYPE_DELETED, watchdog.events.EVENT_TYPE_MOVED, watchdog.events.EVENT_TYPE_CLOSED,
}


class SavesOnlyHandler(watchdog.events.FileSystemEventHandler):
    """Asks the server for a rebuild when a file's content changed."""

    def __init__(self, server: LiveReloadServer):
        self.server = server

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class InotifyLiveReloadServer(LiveReloadServer):
    """MkDocs' live-reload server with an inotify observer and a shorter wait for a burst of saves to end."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = watchdog.observers.Observer()
        self.build_delay = 0.05

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        self._watch_refs[path] = self.observer.schedule(SavesOnlyHandler(self), path, recursive=recursive)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        answer = VERDICT.response(path)
        if answer is None and not VERDICT.broken:
            # A page asked for during a rebuild gets the rebuild's verdict, not the file the failed build left.
            # (MkDocs 1.6 internals: the epochs are how its own _serve_request waits for a rebuild.)
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            answer = VERDICT.response(path)
        if answer is None:
            return super()._serve_request(environ, start_response)
        start_response(answer.status, [*answer.headers, ("Content-Length", str(len(answer.body)))])
        return [answer.body]


def build_with_verdict(config, **options) -> None:
    """MkDocs' build, its outcome kept for the pages: a failed build is shown, not raised (no traceback, no hang)."""
    try:
        engine_build(config, **options)
    except Exception as error:  # whatever failed, the preview must keep answering
        if VERDICT.failed(error):
            log.error("Every page shows these errors until the file is fixed and saved.")
        else:
            log.exception("The build failed; every page shows this until a save builds again.")
    else:
        VERDICT.passed()


def main(argv: list[str]) -> None:
    """Serve CONFIG_FILE at HOST:PORT with live reload and dirty rebuilds."""
    config_file, address = argv
    keep_between_builds()
    logging_state = State()  # the engine's own console messages, as with `properdocs serve`
    logging.getLogger(BUILD_LOGGER).addFilter(WithoutDirtyNotice())
    engine_serve.LiveReloadServer = InotifyLiveReloadServer
    engine_serve.build = build_with_verdict
    keep_mkdocs_structure()
    engine_serve.serve(config_file=config_file, livereload=True, build_type="dirty", dev_addr=address)
    del logging_state


if __name__ == "__main__":
    main(sys.argv[1:])
