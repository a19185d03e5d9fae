"""Texts a build holds from its start to the page that uses them, kept in a temporary file instead of its memory.

A build loads every content file and plans every generated page before it converts the first: held in memory, the
archive's bodies and the generated pages' HTML (at 10,000 items about 190 MB in each language's build) would grow
with the archive. `aside_text` puts a text in an unlinked temporary file of the process, which the operating system
caches and lets go of as it needs (not the process's memory) and which goes with the process; the text is read
back when it is asked for. The preview server keeps its texts in memory (`reuse.keeping`): it reads them again at
every rebuild, and its archive is the one being edited, not one made at once.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
from dataclasses import dataclass

from lce_platform.reuse import keeping

SMALL_TEXT = 256
"""Characters below which a text stays in memory: its place in the file would take about as much."""


@dataclass(frozen=True)
class AsideText:
    """Where one text is: the file of the process that wrote it, and its place there."""

    writer: int
    """The writing process's id (a forked process reads its parent's texts from the file it inherited)."""
    offset: int
    length: int

    def read(self) -> str:
        return os.pread(_files[self.writer].fileno(), self.length, self.offset).decode("utf-8", "surrogatepass")


class _Texts:
    """One process's file of texts, written only at its end."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="lce-texts-")
        atexit.register(self.file.close)  # it goes with the process, closed (Python warns of an open file)
        self.end = 0
        self.lock = threading.Lock()

    def fileno(self) -> int:
        return self.file.fileno()

    def write(self, text: str) -> AsideText:
        data = text.encode("utf-8", "surrogatepass")  # a str comes back the same, whatever it holds
        with self.lock:
            offset, self.end = self.end, self.end + len(data)
        os.pwrite(self.file.fileno(), data, offset)
        return AsideText(os.getpid(), offset, len(data))


_files: dict[int, _Texts] = {}
"""The file of texts of this process and of the processes it was forked from, by process id."""
_opening = threading.Lock()


def _own_file() -> _Texts:
    with _opening:
        if os.getpid() not in _files:
            _files[os.getpid()] = _Texts()
        return _files[os.getpid()]


def aside_text(text: str) -> str | AsideText:
    """The text itself (short, or in the preview server) or its place in the file (`text_of` reads it back)."""
    if len(text) < SMALL_TEXT or keeping():
        return text
    return _own_file().write(text)


def text_of(held: str | AsideText) -> str:
    """The text `aside_text` was given."""
    return held if isinstance(held, str) else held.read()


def aside_field(name: str) -> property:
    """A text field of a (frozen) dataclass kept aside: set on the class after the dataclass is made
    (`Variant.body = aside_field("body")`), its __init__, replace(), == and repr go through it unchanged."""
    held = f"_{name}_held"

    def get(self) -> str:
        return text_of(self.__dict__[held])

    def put(self, text: str) -> None:
        object.__setattr__(self, held, aside_text(text))  # a frozen dataclass's __init__ sets it this way too

    return property(get, put, doc=f"The {name} (kept aside: lce_platform/aside.py).")
