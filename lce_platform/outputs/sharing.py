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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw, ImageFont

from lce_platform.plan import OutputFile, output_writer, page_context_part
from lce_platform.content.model import LANGUAGES, Activity, Programme, Resource
from lce_platform.reuse import kept_between_builds

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild

CARD_SIZE = (1200, 630)
CARD_FOLDER = "assets/share"
_BACKGROUND = "#1f3a5f"
_ACCENT = "#f2b705"
_TEXT = "#ffffff"
# Debian's fonts-dejavu-core (installed by .ci/run); Pillow's own font when it is missing.
_FONT_FILES = {
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
}
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def card_key(build: SiteBuild, src_uri: str) -> str:
    """Which share image a page uses: by activity type, resource kind, programme or plain page."""
    entry = build.entry(src_uri)
    data = entry.data if entry is not None else None
    if isinstance(data, Activity):
        return f"activity-{data.type}"
    if isinstance(data, Resource):
        return data.kind.value
    if isinstance(data, Programme):
        return "programme"
    return "page"


def card_label(build: SiteBuild, key: str) -> str:
    """The words on a share image above the site's name."""
    if key.startswith("activity-"):
        return build.site.vocabularies["activity-types"][key.removeprefix("activity-")].label(build.language)
    return build.t(f"share.sections.{key}")


def card_lines(build: SiteBuild, key: str) -> tuple[str, str, str]:
    """The three texts of a share image: its label, the site's name and the tagline."""
    return card_label(build, key), build.site_name, build.t("share.tagline")


def card_path(build: SiteBuild, key: str) -> str:
    """Where a share image lives under the language root; named by its text so a new text is a new address."""
    digest = hashlib.sha256("\n".join(card_lines(build, key)).encode("utf-8")).hexdigest()[:10]
    return f"{CARD_FOLDER}/{key}-{digest}.png"


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


def card_keys(build: SiteBuild) -> list[str]:
    """Every share image this build's pages use."""
    keys = {card_key(build, src_uri) for src_uri in build.site.entries}
    return sorted(keys | {"page"})


@output_writer
def share_cards(build: SiteBuild):
    """The share images of this language."""
    for key in card_keys(build):
        yield OutputFile(card_path(build, key), draw_card(*card_lines(build, key)))


def page_address(build: SiteBuild, page_url: str, language: str | None = None) -> str:
    """The absolute address of a page (by its directory URL) in `language` (default the build's)."""
    path = page_url if page_url not in (".", "./") else ""
    return build.roots[language or build.language] + path


def share_image(build: SiteBuild, src_uri: str) -> str:
    """The absolute address of a page's share image."""
    return build.roots[build.language] + card_path(build, card_key(build, src_uri))


@page_context_part
def share_context(build: SiteBuild, src_uri: str, page_url: str) -> dict[str, Any]:
    """Open Graph and Twitter card values of a page (plain text; the template escapes them)."""
    entry = build.entry(src_uri)
    generated = build.generated.get(src_uri)
    if entry is not None:
        title, description = entry.title(build.language), entry.text("summary", build.language)
    else:
        title, description = (generated.title, generated.summary) if generated else (build.site_name, None)
    kind = "website"
    if entry is not None and isinstance(entry.data, Resource):
        kind = "video.other" if entry.data.kind.value == "recording" else "article"
    key = card_key(build, src_uri)
    return {"share": {
        "type": kind,
        "title": title,
        "description": description or "",
        "url": page_address(build, page_url),
        "site_name": build.site_name,
        "locale": OG_LOCALES[build.language],
        "locale_alternates": [OG_LOCALES[language] for language in LANGUAGES if language != build.language],
        "image": share_image(build, src_uri),
        "image_width": CARD_SIZE[0],
        "image_height": CARD_SIZE[1],
        "image_alt": f"{card_label(build, key)} – {build.site_name}",
    }}
