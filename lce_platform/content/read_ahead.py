"""Content files read by forked processes ahead of the loader, so that `lce check` loads on every core.

The loader reads the files one by one, in its order, and validates each as it is read; reading (the file, its
frontmatter, its line map) is about two thirds of that time. `ReadAhead` hands the files in chunks to forked
readers, which take them from the end of the loader's order while the loader reads from its start: a chunk the
loader reaches before any reader has taken it, it reads itself, so the two meet where their work is shared evenly
whatever else the machine is doing. What a reader read (a SourceFile, or its content errors) is what the loader
would have read itself: the same messages, in the same order. A build reads with one process (each language's
build is a process of its own).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import astuple

from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.source import SourceFile, read_source

CHUNK_FILES = 200
"""Files a reader reads at a time: a few tens of milliseconds, so that the loader waits little where they meet."""

Outcome = SourceFile | list[tuple]
"""What reading a file gave: its SourceFile, or its content errors as tuples (they travel between processes)."""


def _read_chunk(files: list[tuple[str, str]]) -> dict[str, Outcome]:
    """Read files (absolute path, path as shown) in a reader process."""
    read: dict[str, Outcome] = {}
    for abs_path, path in files:
        try:
            read[abs_path] = read_source(abs_path, path)
        except ContentError as error:
            read[abs_path] = [astuple(error)]
        except ContentErrors as errors:
            read[abs_path] = [astuple(error) for error in errors.errors]
    return read


class ReadAhead:
    """read_source for the loader, with the files of `files` (absolute path, path as shown, in the order the loader
    reads them) read ahead by `readers` forked processes. Close it when loading is done."""

    def __init__(self, files: list[tuple[str, str]], readers: int) -> None:
        chunks = [files[start:start + CHUNK_FILES] for start in range(0, len(files), CHUNK_FILES)]
        self._chunk_of = {abs_path: index for index, chunk in enumerate(chunks) for abs_path, _path in chunk}
        self._pool = ProcessPoolExecutor(max_workers=readers, mp_context=multiprocessing.get_context("fork"))
        # The readers take the chunks from the end, the loader from the start.
        self._pending: dict[int, Future] = {index: self._pool.submit(_read_chunk, chunks[index])
                                            for index in reversed(range(len(chunks)))}
        self._read: dict[str, Outcome] = {}

    def __call__(self, abs_path: str, path: str) -> SourceFile:
        """The file read (raises ContentError or ContentErrors as read_source does)."""
        index = self._chunk_of.pop(abs_path, None)
        pending = self._pending.pop(index, None) if index is not None else None
        if pending is not None and not pending.cancel():  # a reader has it: wait for it
            self._read.update(pending.result())
        outcome = self._read.pop(abs_path, None)
        if outcome is None:  # no reader took its chunk: read it here
            return read_source(abs_path, path)
        if isinstance(outcome, SourceFile):
            return outcome
        raise ContentErrors([ContentError(*fields) for fields in outcome])

    def close(self) -> None:
        """Stop the readers (chunks no one asked for are not read)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
