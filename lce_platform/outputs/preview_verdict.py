"""What the preview (`make serve`) answers while the content has errors: the same messages as `make check`, on
every page at once, in Swedish and English, reloading by itself when a build passes again.

Plain functions and one small state object, so any server can use them: the server reports each build's outcome
(`PreviewVerdict.passed` / `failed`) and asks `response(path)` before serving a file.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources

from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.outputs.render import environment

PREFIX = "/.lce-preview/"
SCRIPT_URL = PREFIX + "verdict-reload.js"
VERDICT_URL = PREFIX + "verdict.json"
# Its own policy: like the site's (scripts only from the server itself), styles inline in this one page.
_HEADERS = [("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
                                        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"),
            ("Cache-Control", "no-store")]


@dataclass(frozen=True)
class Answer:
    """An HTTP answer of the preview: status line, headers and body."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes


def content_errors_of(error: BaseException) -> list[ContentError] | None:
    """The content errors behind a failed build (the adapter wraps them in its framework's exception), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ContentErrors):
            return current.errors
        if isinstance(current, ContentError):
            return [current]
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def verdict_page(errors: list[ContentError] | None, failure: str | None, version: int) -> str:
    """The error page: every content error as `make check` prints it, or the build's failure when it is not content."""
    if errors is not None:
        heading = ContentErrors(errors).report().splitlines()[0]
        messages = [str(error) for error in ContentErrors(errors).errors]
    else:
        heading, messages = f"Bygget misslyckades / The build failed: {failure}", []
    return environment().get_template("preview_verdict.html").render(
        heading=heading, messages=messages, version=version, script_url=SCRIPT_URL, verdict_url=VERDICT_URL)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


class PreviewVerdict:
    """The outcome of the preview's last build, shared by the thread that builds and those that answer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.version = 0
        self.errors: list[ContentError] | None = None
        self.failure: str | None = None

    @property
    def broken(self) -> bool:
        """True while the last build failed."""
        return self.errors is not None or self.failure is not None

    def passed(self) -> None:
        """The last build succeeded: serve the site again."""
        with self._lock:
            self.version += 1
            self.errors = self.failure = None

    def failed(self, error: BaseException) -> bool:
        """The last build raised `error`; return True when it is the content's fault (no traceback is needed)."""
        errors = content_errors_of(error)
        with self._lock:
            self.version += 1
            self.errors = errors
            self.failure = None if errors is not None else (str(error) or type(error).__name__)
        return errors is not None

    def response(self, path: str) -> Answer | None:
        """The preview's own answer to a request for `path`, or None to serve the site's file."""
        if path == SCRIPT_URL:
            script = resources.files(__package__).joinpath("preview_assets", "verdict-reload.js").read_bytes()
            return Answer("200 OK", [("Content-Type", "text/javascript; charset=utf-8"), *_HEADERS], script)
        if path == VERDICT_URL:
            body = json.dumps({"version": self.version, "broken": self.broken}).encode()
            return Answer("200 OK", [("Content-Type", "application/json"), *_HEADERS], body)
        with self._lock:
            if not self.broken or not _is_page(path):
                return None
            page = verdict_page(self.errors, self.failure, self.version)
        return Answer("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"), *_HEADERS],
                      page.encode())
