"""Where a recording's video lives and how to play it without a third party seeing the visitor first.

The one reader of video addresses: the click-to-load player, the library's checks and the JSON-LD
VideoObject all take their addresses from the `Video` that `video_of` returns, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import SplitResult, parse_qs, urlencode, urlsplit

Provider = Literal["youtube", "vimeo", "file", "link"]

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
_YOUTUBE_PATHS = ("embed", "live", "shorts", "v")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
_VIMEO_ID = re.compile(r"[0-9]+")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,}")
_FILE_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


@dataclass(frozen=True)
class Video:
    """A recording's video as read once from its address: the provider, the video's id and every address derived from them."""

    provider: Provider
    link: str
    """The address given in the content (the visitor's way out, and the fallback without JavaScript)."""
    id: str | None = None
    """The provider's id of the video (YouTube and Vimeo)."""
    private_hash: str | None = None
    """The hash that opens an unlisted Vimeo video."""
    media_type: str | None = None
    """The media type of a video file."""

    @property
    def embed_url(self) -> str | None:
        """The privacy-first address to embed the video (youtube-nocookie.com, Vimeo with dnt=1), None for files and links."""
        return self._player_address(autoplay=False)

    @property
    def play_url(self) -> str | None:
        """What the player loads once the visitor presses Play: the embed address starting playback, or the file."""
        return self.content_url or self._player_address(autoplay=True)

    @property
    def content_url(self) -> str | None:
        """The address of the video's bytes, for a video file only."""
        return self.link if self.provider == "file" else None

    @property
    def thumbnail_url(self) -> str | None:
        """The provider's public still of the video (YouTube only; Vimeo has none without its API)."""
        return f"https://i.ytimg.com/vi/{self.id}/hqdefault.jpg" if self.provider == "youtube" else None

    @property
    def host(self) -> str:
        """The host the player loads from once played."""
        return urlsplit(self.play_url or self.link).hostname or ""

    @property
    def link_host(self) -> str:
        """The host of the address given in the content, as people say it (without www.)."""
        return (urlsplit(self.link).hostname or "").removeprefix("www.")

    def _player_address(self, autoplay: bool) -> str | None:
        """The embed address of a YouTube or Vimeo video, asking it to start at once when `autoplay`."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}" + ("?autoplay=1" if autoplay else "")
        if self.provider == "vimeo":
            query = {"dnt": "1", "autoplay": "1" if autoplay else None, "h": self.private_hash}
            return f"https://player.vimeo.com/video/{self.id}?" + urlencode({k: v for k, v in query.items() if v})
        return None


def _youtube_id(parts: SplitResult) -> str | None:
    """The video id of a YouTube address, or None for a channel, a playlist or any other page."""
    segments = parts.path.strip("/").split("/")
    if parts.hostname == "youtu.be":
        candidate = segments[0]
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        candidate = segments[1] if len(segments) >= 2 and segments[0] in _YOUTUBE_PATHS else ""
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


def _vimeo_id(parts: SplitResult) -> tuple[str, str | None] | None:
    """The video id and private hash of a Vimeo page or player address, or None for a channel or any other page."""
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.hostname == "player.vimeo.com":
        if segments[:1] != ["video"]:
            return None
        segments = segments[1:]
    if not segments or not _VIMEO_ID.fullmatch(segments[0]):
        return None
    candidates = segments[1:2] + parse_qs(parts.query).get("h", [])
    return segments[0], next((found for found in candidates if _VIMEO_HASH.fullmatch(found)), None)


def video_of(url: str) -> Video:
    """How to play the video at `url`: YouTube without cookies, Vimeo with Do Not Track, a file, or a link."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        video_id = _youtube_id(parts)
        if video_id:
            return Video("youtube", url, video_id)
    if host in _VIMEO_HOSTS or host == "player.vimeo.com":
        found = _vimeo_id(parts)
        if found:
            return Video("vimeo", url, *found)
    for suffix, media_type in _FILE_TYPES.items():
        if parts.path.lower().endswith(suffix):
            return Video("file", url, media_type=media_type)
    return Video("link", url)
