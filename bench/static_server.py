"""A local static host for the benchmark's browser runs: serves site files, the pre-compressed .gz beside a
file when there is one, and gzips other text on the fly, as a production host would. With a log file it
writes the bytes of every response body there; a request to /__mark/NAME writes a line '# NAME'.

Usage: static_server.py SITE_DIR PORT [LOG]"""

from __future__ import annotations

import gzip
import sys
from io import BytesIO
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files with Content-Encoding: gzip when the browser accepts it."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".wasm": "application/wasm", ".pagefind": "application/octet-stream"}

    def send_head(self):
        if self.path.startswith("/__mark/"):
            self.record(f"# {self.path.removeprefix('/__mark/')}")
            self.send_response(204)
            self.end_headers()
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            response = super().send_head()
            if path.is_file():
                self.record(f"{self.path} {path.stat().st_size}")
            return response
        kind = self.guess_type(str(path))
        compressed = path.with_name(path.name + ".gz")
        if compressed.is_file():
            body = compressed.read_bytes()
        elif kind.startswith(TEXT_TYPES):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
        else:
            self.record(f"{self.path} {path.stat().st_size}")
            return super().send_head()
        self.record(f"{self.path} {len(body)}")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return BytesIO(body)

    def log_message(self, *args):
        pass

    def record(self, line: str) -> None:
        if LOG is not None:
            with LOG.open("a", encoding="utf-8") as log:
                log.write(line + "\n")


LOG: Path | None = None


if __name__ == "__main__":
    root, port = sys.argv[1], int(sys.argv[2])
    LOG = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    ThreadingHTTPServer(("127.0.0.1", port), partial(CompressingHandler, directory=root)).serve_forever()
