"""Pre-compressed copies of the site's assets, for hosts that serve `x.css.gz` / `x.css.br` in place of `x.css`."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli

COMPRESSED_SUFFIXES = (".css", ".js", ".json", ".svg", ".xml", ".wasm", ".html")
"""Text-like files worth compressing; Pagefind's own index chunks are compressed already."""

ASSET_FOLDERS = ("assets", "pagefind")
"""Folders whose files every visit loads; pages themselves are left to the host's on-the-fly compression."""


def precompress_assets(site_dir: Path) -> int:
    """Write .gz and .br beside every asset that has none, or one that does not hold the asset's bytes; return how
    many files were compressed.

    A copy is kept only if it decompresses to the asset: a build killed while it wrote one leaves a copy cut short
    (and newer than its asset, so an age check would trust it), which the next build makes again. The copies are
    written in place, not aside and renamed, so that a killed build leaves no temporary file in the site."""
    count = 0
    for folder in ASSET_FOLDERS:
        for path in sorted((site_dir / folder).rglob("*")) if (site_dir / folder).is_dir() else []:
            if not path.is_file() or path.suffix not in COMPRESSED_SUFFIXES:
                continue
            data = path.read_bytes()
            gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
            if holds(gz, data, gzip.decompress) and holds(br, data, brotli.decompress):
                continue
            gz.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            br.write_bytes(brotli.compress(data, quality=10))  # 11 is twice as slow for 1-2 % less
            count += 1
    return count


def holds(copy: Path, data: bytes, decompress: Callable[[bytes], bytes]) -> bool:
    """Whether the compressed file `copy` exists and decompresses to exactly `data`."""
    try:
        return decompress(copy.read_bytes()) == data
    except (OSError, EOFError, zlib.error, brotli.error):  # missing, cut short or not compressed at all
        return False
