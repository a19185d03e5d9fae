"""What a shared link shows: Open Graph and Twitter card values, and the share images they point to.

One image per kind of page (activity type, resource kind, programme, other page) and language,
drawn with Pillow from local fonts: the cost does not grow with the number of pages, and nothing
is fetched from the network (Material's social plugin would fetch its fonts).
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from functools import cache
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from lce_platform.content.model import LANGUAGES, Activity, Programme, Resource
from lce_platform.reuse import kept_between_builds
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile
from lce_platform.facts.urls import share_card_path


CARD_SIZE = (1200, 630)
_BACKGROUND = "#1f3a5f"
_ACCENT = "#f2b705"
_TEXT = "#ffffff"
# Debian's fonts-dejavu-core (installed by .ci/run); Pillow's own font when it is missing.
_FONT_FILES = {
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
}
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def card_key(edition: Edition, src_uri: str) -> str:
    """Which share image a page uses: by activity type, resource kind, programme or plain page."""
    entry = edition.entry(src_uri)
    data = entry.data if entry is not None else None
    if isinstance(data, Activity):
        return f"activity-{data.type}"
    if isinstance(data, Resource):
        return data.kind.value
    if isinstance(data, Programme):
        return "programme"
    return "page"


def card_label(edition: Edition, key: str) -> str:
    """The words on a share image above the site's name."""
    if key.startswith("activity-"):
        return edition.site.vocabularies["activity-types"][key.removeprefix("activity-")].label(edition.language)
    return edition.t(f"share.sections.{key}")


def card_lines(edition: Edition, key: str) -> tuple[str, str, str]:
    """The three texts of a share image: its label, the site's name and the tagline."""
    return card_label(edition, key), edition.site_name, edition.t("share.tagline")


def card_path(edition: Edition, key: str) -> str:
    """Where a share image lives under the language root; named by its text so a new text is a new address."""
    digest = hashlib.sha256("\n".join(card_lines(edition, key)).encode("utf-8")).hexdigest()[:10]
    return share_card_path(key, digest)


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in _FONT_FILES[weight]:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> list[str]:
    for columns in range(max(len(text), 1), 0, -1):
        lines = textwrap.wrap(text, columns) or [""]
        if all(draw.textlength(line, font=font) <= width for line in lines):
            return lines
    return [text]


@kept_between_builds
def draw_card(label: str, name: str, tagline: str) -> bytes:
    """A share image (PNG, 1200×630): label, site name and tagline on the site's colours."""
    image = Image.new("RGB", CARD_SIZE, _BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin, width = 80, CARD_SIZE[0] - 160
    draw.rectangle((0, CARD_SIZE[1] - 24, CARD_SIZE[0], CARD_SIZE[1]), fill=_ACCENT)
    draw.text((margin, 90), label.upper(), font=_font("bold", 40), fill=_ACCENT)
    y = 190
    title_font = _font("bold", 88)
    for line in _wrapped(draw, name, title_font, width)[:3]:
        draw.text((margin, y), line, font=title_font, fill=_TEXT)
        y += 104
    tagline_font = _font("regular", 36)
    for line in _wrapped(draw, tagline, tagline_font, width)[:2]:
        draw.text((margin, max(y + 30, 440)), line, font=tagline_font, fill=_TEXT)
        y += 46
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_keys(edition: Edition) -> list[str]:
    """Every share image this build's pages use."""
    keys = {card_key(edition, src_uri) for src_uri in edition.site.entries}
    return sorted(keys | {"page"})


def share_cards(edition: Edition) -> Iterator[SiteFile]:
    """The share images of this language."""
    for key in card_keys(edition):
        yield SiteFile(card_path(edition, key), draw_card(*card_lines(edition, key)))


def page_address(edition: Edition, page_url: str, language: str | None = None) -> str:
    """The absolute address of a page (by its directory URL) in `language` (default the build's)."""
    path = page_url if page_url not in (".", "./") else ""
    return edition.roots[language or edition.language] + path


def share_image(edition: Edition, src_uri: str) -> str:
    """The absolute address of a page's share image."""
    return edition.roots[edition.language] + card_path(edition, card_key(edition, src_uri))


def share_context(edition: Edition, src_uri: str, page_url: str, generated: GeneratedPage | None) -> dict[str, Any]:
    """Open Graph and Twitter card values of a page, `generated` or not (plain text; the template escapes them)."""
    entry = edition.entry(src_uri)
    if entry is not None:
        title, description = entry.title(edition.language), entry.text("summary", edition.language)
    else:
        title, description = (generated.title, generated.summary) if generated else (edition.site_name, None)
    kind = "website"
    if entry is not None and isinstance(entry.data, Resource):
        kind = "video.other" if entry.data.kind.value == "recording" else "article"
    key = card_key(edition, src_uri)
    return {"share": {
        "type": kind,
        "title": title,
        "description": description or "",
        "url": page_address(edition, page_url),
        "site_name": edition.site_name,
        "locale": OG_LOCALES[edition.language],
        "locale_alternates": [OG_LOCALES[language] for language in LANGUAGES if language != edition.language],
        "image": share_image(edition, src_uri),
        "image_width": CARD_SIZE[0],
        "image_height": CARD_SIZE[1],
        "image_alt": f"{card_label(edition, key)} – {edition.site_name}",
    }}
