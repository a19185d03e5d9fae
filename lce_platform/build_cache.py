"""A build that reuses the pages of the previous one: each page's key is a digest of everything it is made from,
and a page whose key is the previous build's is not rendered again, its HTML kept as it was.

What a page is made from: the build's own facts (code, theme and configuration, today, addresses, the titles the
navigation shows: `build_key`), its content files and the git dates of those files (`BuildPlan.page_key`). Any
change to these makes a new key, so a reused page is always the page a cold build would write; the tests change
each kind of input and compare with a cold build, byte for byte. The files of the plan that are not pages (an
activity's .ics, a share card, a redirect…) are kept the same way, by a key of what each is made from
(`BuildPlan.file_key`): a kept file is neither made nor written again. The manifest of keys lives in the cache
folder, never in the published site.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_VERSION = 3
"""2: the manifest names the site folder it vouches for; 3: and the keys of the plan's files (feeds, images…)."""


def digest(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed (so no two lists of parts give the same bytes)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def tree_digest(paths: Iterable[Path]) -> str:
    """A digest of files and of every file under folders (path and bytes), in a stable order; bytecode and
    caches are left out."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [found for found in path.rglob("*") if found.is_file() and "__pycache__" not in found.parts]
        elif path.is_file():
            files.append(path)
    return digest(*(part for found in sorted(set(files)) for part in (found.as_posix(), found.read_bytes())))


def replace_file(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write data to path aside, then rename it in place: a reader (another build running at once) or a process
    killed while it writes sees the old file or none, never half of one. `durable`: on disk before the name is
    switched, so a machine stopped midway leaves the same (for what a later build trusts)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem + ".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomically(path: Path, value: object) -> None:
    """Write value as JSON to path, durably (replace_file)."""
    replace_file(path, json.dumps(value, sort_keys=True).encode("utf-8"), durable=True)


@dataclass
class PageCache:
    """The previous build's page keys of one language, read from `folder`, and this build's, written back; and
    likewise the keys of the plan's files (`BuildPlan.file_key`), by their path in the site folder.

    A build holds the language's lock in `folder` from `open` to `save` (or to its end, if it fails or is killed):
    a second build on the same cache waits, so no build reads keys that another is halfway through vouching for."""

    folder: Path
    language: str
    build_key: str
    site: str = ""
    """The site folder the keys vouch for (its absolute path): keys written for another folder are not trusted."""
    previous: Mapping[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    previous_files: Mapping[str, str] = field(default_factory=dict)
    current_files: dict[str, str] = field(default_factory=dict)
    kept_files: int = 0
    """How many of the plan's files this build kept as the previous build wrote them."""
    _lock: int | None = None

    @property
    def manifest(self) -> Path:
        return self.folder / f"pages-{self.language}.json"

    @classmethod
    def open(cls, folder: Path, language: str, build_key: str, site_dir: Path | None = None) -> PageCache:
        """The cache of `language`, locked for this build; with no manifest, or one of another build key or site
        folder, nothing is reused."""
        cache = cls(folder, language, build_key, str(Path(site_dir).resolve()) if site_dir else "")
        folder.mkdir(parents=True, exist_ok=True)
        cache._lock = os.open(folder / f"pages-{language}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(cache._lock, fcntl.LOCK_EX)  # released by save(), or by the system when the build's process ends
        try:
            manifest = json.loads(cache.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if (isinstance(manifest, dict) and manifest.get("version") == MANIFEST_VERSION
                and manifest.get("build") == build_key and manifest.get("site") == cache.site
                and isinstance(manifest.get("pages"), dict) and isinstance(manifest.get("files"), dict)):
            cache.previous, cache.previous_files = manifest["pages"], manifest["files"]
        return cache

    @property
    def reusing(self) -> bool:
        """Whether the previous build was of the same code, configuration and day (its pages may be kept)."""
        return bool(self.previous)

    def reusable(self, src_uri: str, key: str, output: Path) -> bool:
        """Note the page's key; whether its previous HTML is still the page (same key, output still there)."""
        self.current[src_uri] = key
        return self.previous.get(src_uri) == key and output.is_file()

    def reusable_file(self, path: str, key: str | None, output: Path) -> bool:
        """Note a file's key (None: made by every build); whether the file the previous build wrote at `output` is
        still the file (same key, still there), so that it need not be made again."""
        if key is None:
            return False
        self.current_files[path] = key
        kept = self.previous_files.get(path) == key and output.is_file()
        self.kept_files += kept
        return kept

    def save(self) -> None:
        """Write this build's keys for the next build and let the next build in. Atomically, and on disk before the
        name is switched: a build killed, or a machine stopped, while it writes leaves the old manifest or none."""
        try:
            write_atomically(self.manifest, {"version": MANIFEST_VERSION, "build": self.build_key, "site": self.site,
                                             "pages": self.current, "files": self.current_files})
        finally:
            self.release()

    def forget(self) -> None:
        """Remove the manifest (a build that failed must not vouch for the site folder it leaves)."""
        self.manifest.unlink(missing_ok=True)

    def release(self) -> None:
        """Let the next build on this cache in."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def stale_outputs(site_dir: Path, expected: set[str], regenerated: tuple[str, ...] = ()) -> list[Path]:
    """Files under site_dir that this build did not make: not in `expected` (paths relative to site_dir), not a
    compressed copy of one, and not under a `regenerated` folder (rewritten whole after the build)."""
    stale = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(regenerated):
            continue
        base = relative.removesuffix(".gz").removesuffix(".br")
        if relative not in expected and base not in expected:
            stale.append(path)
    return stale


SEARCH_MANIFEST_VERSION = 1


@dataclass
class SearchPartCache:
    """The digests of the search index parts that a language's site folder holds (outputs/search_index.py), kept in
    the cache folder, never in the site: a part whose digest is this build's keeps its files, others are indexed again.

    The manifest only ever names parts whose files are complete: a part is dropped from it (on disk) before its files
    are touched and named again once they are all in place, so a build killed midway leaves no part trusted wrongly.
    The lock is held from `open` to `release` (or to the process's end)."""

    folder: Path
    site: str
    previous: dict[str, str] = field(default_factory=dict)
    trusted: dict[str, str] = field(default_factory=dict)
    _lock: int | None = None

    @property
    def manifest(self) -> Path:
        return self.folder / f"search-{digest(self.site)[:16]}.json"

    @classmethod
    def open(cls, folder: Path, site_dir: Path) -> SearchPartCache:
        """The part digests written for site_dir (none if there are none, or they are of another version)."""
        cache = cls(folder, str(Path(site_dir).resolve()))
        folder.mkdir(parents=True, exist_ok=True)
        cache._lock = os.open(cache.manifest.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(cache._lock, fcntl.LOCK_EX)
        try:
            manifest = json.loads(cache.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if (isinstance(manifest, dict) and manifest.get("version") == SEARCH_MANIFEST_VERSION
                and manifest.get("site") == cache.site and isinstance(manifest.get("parts"), dict)):
            cache.previous = dict(manifest["parts"])
            cache.trusted = dict(manifest["parts"])
        return cache

    def unchanged(self, part: str, part_digest: str, files: Path) -> bool:
        """Whether the part's files (the folder `files`) are those written for this digest: the digest is the one
        vouched for, and so is the part's entry file, which names its other files by hashes of their content."""
        return self.previous.get(part) == self._vouching(part_digest, files)

    @staticmethod
    def _vouching(part_digest: str, files: Path) -> str:
        try:
            return digest(part_digest, (files / "pagefind-entry.json").read_bytes())
        except OSError:
            return ""

    def distrust(self, parts: Iterable[str]) -> None:
        """Stop vouching for these parts (before their files are replaced or removed)."""
        for part in parts:
            self.trusted.pop(part, None)
        self._write()

    def vouch(self, part: str, part_digest: str, files: Path) -> None:
        """Vouch for a part whose files (the folder `files`) are now complete."""
        self.trusted[part] = self._vouching(part_digest, files)
        self._write()

    def _write(self) -> None:
        write_atomically(self.manifest, {"version": SEARCH_MANIFEST_VERSION, "site": self.site, "parts": self.trusted})

    def release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
