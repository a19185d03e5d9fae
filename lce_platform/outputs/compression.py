"""Pre-compressed copies of the site's assets, for hosts that serve `x.css.gz` / `x.css.br` in place of `x.css`."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

COMPRESSED_SUFFIXES = (".css", ".js", ".json", ".svg", ".xml", ".wasm", ".html")
"""Text-like files worth compressing; Pagefind's own index chunks are compressed already."""

ASSET_FOLDERS = ("assets", "pagefind")
"""Folders whose files every visit loads; pages themselves are left to the host's on-the-fly compression."""


def precompress_assets(site_dir: Path) -> int:
    """Write .gz and .br beside every asset that has none or an older one; return how many files were compressed."""
    count = 0
    for folder in ASSET_FOLDERS:
        for path in sorted((site_dir / folder).rglob("*")) if (site_dir / folder).is_dir() else []:
            if not path.is_file() or path.suffix not in COMPRESSED_SUFFIXES:
                continue
            gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
            modified = path.stat().st_mtime
            if gz.is_file() and br.is_file() and gz.stat().st_mtime >= modified and br.stat().st_mtime >= modified:
                continue
            data = path.read_bytes()
            gz.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            br.write_bytes(brotli.compress(data, quality=10))  # 11 is twice as slow for 1-2 % less
            count += 1
    return count
