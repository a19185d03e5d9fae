"""Where a recording's video lives and how to play it without a third party seeing the visitor first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlencode, urlsplit

Provider = Literal["youtube", "vimeo", "file", "link"]

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_FILE_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


@dataclass(frozen=True)
class Video:
    """A recording's video: its provider, the address to embed or play, and the page to link to."""

    provider: Provider
    link: str
    """The address given in the content (the visitor's way out, and the fallback without JavaScript)."""
    embed: str | None = None
    """The player address, loaded only after the visitor chooses to play."""
    media_type: str | None = None

    @property
    def host(self) -> str:
        """The host the player loads from once played."""
        return urlsplit(self.embed or self.link).hostname or ""

    @property
    def link_host(self) -> str:
        """The host of the address given in the content, as people say it (without www.)."""
        return (urlsplit(self.link).hostname or "").removeprefix("www.")


def _youtube_id(parts) -> str | None:
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        segments = parts.path.strip("/").split("/")
        candidate = segments[1] if len(segments) >= 2 and segments[0] in ("embed", "live", "shorts", "v") else ""
    return candidate if _YOUTUBE_ID.match(candidate) else None


def _vimeo_embed(parts) -> str | None:
    segments = [segment for segment in parts.path.strip("/").split("/") if segment]
    if parts.hostname == "player.vimeo.com" and len(segments) >= 2 and segments[0] == "video":
        segments = segments[1:]
    if not segments or not segments[0].isdigit():
        return None
    query = {"dnt": "1", "autoplay": "1"}
    private_hash = segments[1] if len(segments) > 1 and re.fullmatch(r"[0-9a-f]{6,}", segments[1]) else None
    private_hash = private_hash or (parse_qs(parts.query).get("h") or [None])[0]
    if private_hash:
        query["h"] = private_hash
    return f"https://player.vimeo.com/video/{segments[0]}?{urlencode(query)}"


def video_of(url: str) -> Video:
    """How to play the video at `url`: YouTube without cookies, Vimeo with Do Not Track, a file, or a link."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        video_id = _youtube_id(parts)
        if video_id:
            return Video("youtube", url, f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1")
    if host in _VIMEO_HOSTS:
        embed = _vimeo_embed(parts)
        if embed:
            return Video("vimeo", url, embed)
    for suffix, media_type in _FILE_TYPES.items():
        if parts.path.lower().endswith(suffix):
            return Video("file", url, url, media_type)
    return Video("link", url)
