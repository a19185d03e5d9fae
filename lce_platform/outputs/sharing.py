"""What a shared link shows: Open Graph and Twitter card values, and the share images they point to.

Every activity and resource has its own image (its type, title, date and status), every other page one per kind
(programme, page), drawn with Pillow from local fonts: nothing is fetched from the network (Material's social plugin
would fetch its fonts). An image is named by a digest of everything drawn on it and of how it is drawn, so an
unchanged image keeps its address, a changed one gets a new address (sites that cache shared images fetch it anew),
and a build given a folder of earlier images (`Edition.share_card_cache`) copies an unchanged one instead of
drawing it. Drawing is made cheap for the archive: text is rasterised into one 8-bit canvas whose values are the
indexes of a 16-colour palette, written as a 4-bit PNG.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageDraw, ImageFont

from lce_platform.content.model import LANGUAGES, Activity, Programme, Resource
from lce_platform.content.site import Entry
from lce_platform.reuse import kept_between_builds
from lce_platform.outputs import i18n
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile, kept_bytes
from lce_platform.facts.urls import page_share_card_path, share_card_path
from lce_platform.content.collections import ACTIVITIES, RESOURCES


CARD_SIZE = (1200, 630)
_BACKGROUND = (0x1F, 0x3A, 0x5F)
_ACCENT = (0xF2, 0xB7, 0x05)
_TEXT = (0xFF, 0xFF, 0xFF)
# Debian's fonts-dejavu-core (installed by .ci/run); Pillow's own font when it is missing.
_FONT_FILES = {
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
}
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}

_MARGIN = 80
_TEXT_WIDTH = CARD_SIZE[0] - 2 * _MARGIN
_TITLE_SIZES = (72, 62, 54)
_TITLE_LINES = 3
_ELLIPSIS = "…"
_PNG_COMPRESSION = 3
"""zlib's level: 3 takes half the time of 6 for a file a fifth larger (about 12 KB a card)."""
_PNG_STRATEGY = zlib.Z_RLE
"""zlib's strategy: runs of one colour are most of a card; against the default, a quarter less time to encode a
card (2.4 ms against 3.3 ms) for files 13 % smaller."""
# Palette: 0 the background, 1–7 white text over it at growing coverage, 8–15 accent text likewise.
_WHITE_LEVELS, _ACCENT_LEVELS = 7, 8


def _blend(start: tuple[int, ...], end: tuple[int, ...], share: float) -> list[int]:
    return [round(a + (b - a) * share) for a, b in zip(start, end)]


_PALETTE = [
    *_BACKGROUND,
    *(value for level in range(1, _WHITE_LEVELS + 1) for value in _blend(_BACKGROUND, _TEXT, level / _WHITE_LEVELS)),
    *(value for level in range(1, _ACCENT_LEVELS + 1) for value in _blend(_BACKGROUND, _ACCENT, level / _ACCENT_LEVELS)),
]
_ACCENT_INDEX = [0, *(_WHITE_LEVELS + max(1, round(value * _ACCENT_LEVELS / 255)) for value in range(1, 256))]


@dataclass(frozen=True)
class Card:
    """What one share image shows: a label (type or kind, in the accent colour), a title, when, a status (in the
    accent colour) and a footer; `name` is what its file is named after."""

    name: str
    label: str
    title: str
    when: str = ""
    status: str = ""
    footer: str = ""
    alt: str = ""

    @property
    def digest(self) -> str:
        """A digest of what is drawn and of how it is drawn: the image's address and its key in the cache."""
        drawn = "\n".join([_drawing_fingerprint(), self.label, self.title, self.when, self.status, self.footer])
        return hashlib.sha256(drawn.encode("utf-8")).hexdigest()[:12]

    @property
    def path(self) -> str:
        """Where the image lives under the language root."""
        if self.name.endswith("/"):
            return page_share_card_path(self.name, self.digest)
        return share_card_path(self.name, self.digest)


@cache
def _drawing_fingerprint() -> str:
    """What else decides an image's bytes: this module, the fonts, Pillow and zlib."""
    parts = [Path(__file__).read_bytes(), PIL.__version__.encode(), zlib.ZLIB_RUNTIME_VERSION.encode()]
    parts += [_font_bytes(weight) for weight in sorted(_FONT_FILES)]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _font_file(weight: str) -> Path | None:
    return next((Path(candidate) for candidate in _FONT_FILES[weight] if Path(candidate).is_file()), None)


def _font_bytes(weight: str) -> bytes:
    found = _font_file(weight)
    return found.read_bytes() if found else b"pillow-default"


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = _font_file(weight)
    if found is not None:
        return ImageFont.truetype(str(found), size, layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size)


def _fits(text: str, font: Any) -> bool:
    return font.getlength(text) <= _TEXT_WIDTH


def _broken_word(word: str, font: Any) -> list[str]:
    """A word wider than a line, in pieces that fit."""
    pieces, piece = [], ""
    for character in word:
        if piece and not _fits(piece + character, font):
            pieces.append(piece)
            piece = ""
        piece += character
    return [*pieces, piece] if piece else pieces


def wrapped_lines(text: str, font: Any, most: int) -> tuple[list[str], bool]:
    """`text` in lines that fit the card's width, greedily by word (a word wider than a line is broken), at most
    `most` of them; and whether all of it fits."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _fits(candidate, font):
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _broken_word(word, font) if not _fits(word, font) else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line:
        lines.append(line)
    if len(lines) <= most:
        return lines, True
    return lines[:most], False


def ellipsized(line: str, font: Any) -> str:
    """A line cut short (at a word when one fits) so that it ends in an ellipsis within the card's width."""
    words = line.split()
    while len(words) > 1 and not _fits(" ".join(words) + _ELLIPSIS, font):
        words.pop()
    shortened = " ".join(words)
    while shortened and not _fits(shortened + _ELLIPSIS, font):
        shortened = shortened[:-1]
    return shortened.rstrip(" ,.;:–-") + _ELLIPSIS


def title_layout(title: str) -> tuple[Any, list[str]]:
    """The title's font and lines: the largest size at which it fits in three lines, else the smallest size with
    the third line ellipsized."""
    for size in _TITLE_SIZES:
        font = _font("bold", size)
        lines, complete = wrapped_lines(title, font, _TITLE_LINES)
        if complete:
            return font, lines
    return font, [*lines[:-1], ellipsized(lines[-1], font)]


def _one_line(text: str, font: Any) -> str:
    return text if _fits(text, font) else ellipsized(text, font)


@lru_cache(maxsize=256)
def _recurring_text(text: str, weight: str, size: int) -> tuple[Image.Image, tuple[int, int]]:
    """A text that recurs on many cards (a label, a status, a footer), cut to one line, as Pillow draws it: its
    coverage (0–255) over its box, and the box's offset from the point it is drawn at. Drawn once, not once a card:
    rendering text is most of a card's drawing."""
    font = _font(weight, size)
    text = _one_line(text, font)
    left, top, right, bottom = font.getbbox(text)
    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text((-left, -top), text, font=font, fill=255)
    return coverage, (left, top)


def _place(canvas: Image.Image, xy: tuple[int, int], text: str, weight: str, size: int, accent: bool = False) -> None:
    """A recurring text on the canvas: in white, blended as Pillow blends drawn text; in the accent colour, its
    coverage mapped to the accent's indexes on a band no other text touches."""
    coverage, (left, top) = _recurring_text(text, weight, size)
    corner = (xy[0] + left, xy[1] + top)
    if accent:
        canvas.paste(coverage.point(_ACCENT_INDEX), corner)
    else:
        canvas.paste(_WHITE_LEVELS, (*corner, corner[0] + coverage.width, corner[1] + coverage.height), coverage)


def _png(image: Image.Image) -> bytes:
    """A 4-bit palette PNG of the palette's indexes (the canvas's values), by Pillow's encoder (which filters no row
    of a palette image). Deterministic: the same pixels give the same bytes. Against the writer of our own it
    replaced (zlib at the same level, no row filter): 1.65 ms against 1.79 ms to encode a card, the same pixels,
    about 10 % more bytes."""
    image.putpalette(_PALETTE)
    written = io.BytesIO()
    image.save(written, "PNG", bits=4, compress_level=_PNG_COMPRESSION, compress_type=_PNG_STRATEGY)
    return written.getvalue()


@kept_between_builds
def draw_card(label: str, title: str, when: str = "", status: str = "", footer: str = "") -> bytes:
    """A share image (PNG, 1200×630): label, title (wrapped, at most three lines), when, status and footer."""
    canvas = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(canvas)
    white = _WHITE_LEVELS  # drawn over index 0, antialiased text lands on the white indexes 0–7
    _place(canvas, (_MARGIN, 64), label.upper(), "bold", 36, accent=True)
    title_font, lines = title_layout(title)
    y = 132
    for line in lines:
        draw.text((_MARGIN, y), line, font=title_font, fill=white)
        y += round(title_font.size * 1.2)
    y += 18
    if when:
        when_font = _font("regular", 38)
        draw.text((_MARGIN, y), _one_line(when, when_font), font=when_font, fill=white)
        y += 54
    if status:
        _place(canvas, (_MARGIN, y), status.upper(), "bold", 38, accent=True)
    if footer:
        _place(canvas, (_MARGIN, 540), footer, "regular", 32)
    draw.rectangle((0, CARD_SIZE[1] - 24, CARD_SIZE[0], CARD_SIZE[1]), fill=len(_PALETTE) // 3 - 1)
    return _png(canvas)


def _status_text(edition: Edition, activity: Activity) -> str:
    state = activity_state(activity, edition.today)
    if state.held:
        return edition.t("activity_state.held")
    return "" if state.badge is None else edition.t(f"status.{state.badge}")


def entry_card(edition: Edition, entry: Entry) -> Card:
    """The share image of an activity (type, title, when, status) or a resource (kind, title, date)."""
    language = edition.language
    data = entry.data
    if isinstance(data, Activity):
        label = edition.site.vocabularies["activity-types"][data.type].label(language)
        when, status = i18n.activity_when(data, edition.language), _status_text(edition, data)
    else:
        label = edition.t(f"share.sections.{data.kind.value}")
        when, status = i18n.moment_text(data.date, language), ""
    title = entry.title(language)
    alt = ". ".join(part for part in (f"{label}: {title}", when, status) if part) + f" – {edition.site_name}"
    return Card(entry.url, label, title, when, status, edition.site_name, alt)


def kind_card(edition: Edition, key: str) -> Card:
    """The share image of a programme or another page: its kind, the site's name and the tagline."""
    label = edition.t(f"share.sections.{key}")
    return Card(key, label, edition.site_name, footer=edition.t("share.tagline"),
                alt=f"{label} – {edition.site_name}")


def page_card(edition: Edition, src_uri: str) -> Card:
    """The share image a page uses."""
    entry = edition.entry(src_uri)
    if entry is not None and isinstance(entry.data, (Activity, Resource)):
        return entry_card(edition, entry)
    if entry is not None and isinstance(entry.data, Programme):
        return kind_card(edition, "programme")
    return kind_card(edition, "page")


def card_data(card: Card, cache_dir: Path | None) -> bytes:
    """A card's bytes: read from the cache when drawn before, else drawn (and kept there)."""
    return kept_bytes(cache_dir, f"{card.digest}.png", lambda: draw_card(*astuple(card)[1:6]))


def card_bytes(card: Card, cache_dir: Path | None) -> SiteFile:
    """A card's file, drawn or copied from the cache only when written. Its path names a digest of everything drawn
    on it, so it is made from nothing else: a build that kept the file at that path does not make it again."""
    return SiteFile(card.path, make=partial(card_data, card, cache_dir), made_from=())


def share_cards(edition: Edition) -> Iterator[SiteFile]:
    """The share images of this language: one per activity and resource, one per other kind of page."""
    for key in ("page", "programme"):
        yield card_bytes(kind_card(edition, key), edition.share_card_cache)
    for collection in (ACTIVITIES, RESOURCES):
        for entry in edition.site.collection(collection):
            yield card_bytes(entry_card(edition, entry), edition.share_card_cache)


def page_address(edition: Edition, page_url: str, language: str | None = None) -> str:
    """The absolute address of a page (by its directory URL) in `language` (default the build's)."""
    path = page_url if page_url not in (".", "./") else ""
    return edition.roots[language or edition.language] + path


def share_image(edition: Edition, src_uri: str) -> str:
    """The absolute address of a page's share image."""
    return edition.roots[edition.language] + page_card(edition, src_uri).path


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
    card = page_card(edition, src_uri)
    return {"share": {
        "type": kind,
        "title": title,
        "description": description or "",
        "url": page_address(edition, page_url),
        "site_name": edition.site_name,
        "locale": OG_LOCALES[edition.language],
        "locale_alternates": [OG_LOCALES[language] for language in LANGUAGES if language != edition.language],
        "image": edition.roots[edition.language] + card.path,
        "image_width": CARD_SIZE[0],
        "image_height": CARD_SIZE[1],
        "image_alt": card.alt,
    }}
