"""Links, images and anchors in staff-written Markdown, read from the source as the build converts it.

The build converts Markdown with python-markdown and the extensions of `mkdocs.yml` (abbr, admonition,
attr_list, def_list, footnotes, tables, toc; no fenced_code, no md_in_html). These functions find what that
conversion turns into links, images and element ids without converting (a conversion costs about 4 ms a page,
40 s at 10,000 items; reading the source costs a few microseconds), so `lce check` and the build find the same
broken links. Where the source is ambiguous they lean towards accepting: an id that may exist counts as one.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique

from lce_platform.content.errors import ContentError

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_HTML = re.compile(
    r"<(address|article|aside|blockquote|details|dialog|div|dl|fieldset|figcaption|figure|footer|form|h[1-6]|"
    r"header|hr|iframe|li|main|nav|noscript|ol|p|pre|script|section|style|table|tbody|td|tfoot|th|thead|tr|ul|"
    r"video|audio|canvas|math|object|map|center|del|ins)\b", re.IGNORECASE)
_LIST_OR_CONTAINER = re.compile(r"[ ]{0,3}([*+-]|\d+[.)])[ \t]|[ ]{0,3}(!!!|\?\?\?\+?)|[ ]{0,3}\[\^[^\]]+\]:|:[ \t]")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\[\]^][^\[\]]*)\]:[ \t]*\n?[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_IMG_OPEN = re.compile(r"<img", re.IGNORECASE)
_REFERENCE_LABEL = re.compile(r" ?\[([^\]]*)\]")
_DESTINATION = re.compile(r"[ \t\n]*(?:<([^>\n]*)>|((?:[^\s()]|\([^\s()]*\))*)(?=[\s)]))")
_CLOSING_BRACKET = re.compile(r"(?<!\\)\]")
_IMG_TAG_SRC = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_ATX_HEADING = re.compile(r"^[ \t]*(#{1,6})(?!#)(.*?)#*[ \t]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_ATTR_LIST_AT_END = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}[ ]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_ATTR_LIST_ANYWHERE = re.compile(r"\{:?[ ]*([^}\n]*#[^}\n]*)\}")
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]]+)\]:", re.MULTILINE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]]+)\](?!:)")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]|<[^>]+>|[*_]{1,3}|`+")


@dataclass(frozen=True)
class Reference:
    """A link or an image the converted Markdown will hold."""

    line: int
    """Line in the body, counted from 0."""
    url: str
    image: bool
    raw: bool = False
    """An <img> of raw HTML: python-markdown passes it through, so MkDocs never resolves it (the cleaner sees it)."""


def _blank_out(text: str, pattern: re.Pattern) -> str:
    """The text with every match replaced by spaces, keeping its line breaks (so lines still count right)."""
    return pattern.sub(lambda found: re.sub(r"[^\n]", " ", found.group(0)), text)


def _without_code(markdown: str) -> str:
    """The Markdown with code spans, indented code blocks and HTML comments blanked out.

    Without the fenced_code extension, ``` fences are code spans of one paragraph, so blanking spans per
    paragraph covers them; an indented block is code, one indented twice when it continues a list, footnote or
    admonition.
    """
    if "<!--" in markdown:
        markdown = _blank_out(markdown, _HTML_COMMENT)
    if "`" not in markdown and "\n    " not in markdown and "\n\t" not in markdown and not markdown.startswith(
            ("    ", "\t")):
        return markdown
    blocks = []
    position = 0
    inside_container = False
    for separator in [*_BLANK_LINE.finditer(markdown), None]:
        end = separator.start() if separator else len(markdown)
        block = markdown[position:end]
        indent = len(block.expandtabs(4)) - len(block.expandtabs(4).lstrip(" "))
        indented = indent >= 4
        if indent >= (8 if inside_container else 4):
            block = re.sub(r"[^\n]", " ", block)
        else:
            if not indented:
                inside_container = bool(_LIST_OR_CONTAINER.match(block))
            block = _blank_out(block, _CODE_SPAN) if "`" in block else block
        blocks.append(block)
        if separator:
            blocks.append(separator.group(0))
            position = separator.end()
    return "".join(blocks)


def _without_raw_html_blocks(markdown: str) -> str:
    """The Markdown with its raw HTML blocks blanked out: python-markdown converts no Markdown inside them."""
    if "<" not in markdown:
        return markdown
    parts = []
    position = 0
    for separator in [*_BLANK_LINE.finditer(markdown), None]:
        end = separator.start() if separator else len(markdown)
        block = markdown[position:end]
        parts.append(re.sub(r"[^\n]", " ", block) if _BLOCK_HTML.match(block) else block)
        if separator:
            parts.append(separator.group(0))
            position = separator.end()
    return "".join(parts)


def _opening_bracket(text: str, closing: int) -> int | None:
    """Index of the '[' that the ']' at `closing` closes, if any."""
    nearest = text.rfind("[", 0, closing)
    if nearest != -1 and "]" not in text[nearest + 1:closing] and "\n\n" not in text[nearest:closing] and (
            nearest == 0 or text[nearest - 1] != "\\"):
        return nearest
    depth = 0
    index = closing
    while index >= 0:
        character = text[index]
        escaped = index > 0 and text[index - 1] == "\\"
        if character == "]" and not escaped:
            depth += 1
        elif character == "[" and not escaped:
            depth -= 1
            if depth == 0:
                return index
        elif character == "\n" and index + 1 < len(text) and text[index + 1] == "\n":
            return None
        index -= 1
    return None


def _inline_destination(text: str, start: int) -> str | None:
    """The URL of an inline link whose '(' is at `start`, read as python-markdown reads it."""
    found = _DESTINATION.match(text, start + 1)
    if found is None:
        return None
    return found.group(1) if found.group(1) is not None else found.group(2)


def _closing_brackets(text: str, every: bool) -> Iterator[int]:
    """Where a link's text may end: at every unescaped ']', or (with no reference definitions) only before '('."""
    if every:
        yield from (found.start() for found in _CLOSING_BRACKET.finditer(text))
        return
    at = text.find("](")
    while at != -1:
        if at == 0 or text[at - 1] != "\\":
            yield at
        at = text.find("](", at + 1)


def references(markdown: str) -> list[Reference]:
    """Every link and image of the body, with its line: inline, by reference, and <img> in raw HTML."""
    if "](" not in markdown and "]:" not in markdown and not ("<" in markdown and _IMG_OPEN.search(markdown)):
        return []
    text = _without_code(markdown)
    found: list[tuple[int, str, bool, bool]] = []
    if "<" in text:
        for tag in _IMG_TAG_SRC.finditer(text):
            found.append((tag.start(), tag.group(1).strip("\"'"), True, True))
    text = _without_raw_html_blocks(text)
    definitions: dict[str, str] = {}
    prose = text
    if "]:" in text:
        for definition in _REFERENCE_DEFINITION.finditer(text):
            definitions.setdefault(definition.group(1).strip().lower(), definition.group(2))
        prose = _blank_out(text, _REFERENCE_DEFINITION)
    for at in _closing_brackets(prose, every=bool(definitions)):
        opening = _opening_bracket(prose, at)
        if opening is None or prose[opening + 1:opening + 2] == "^":
            continue
        image = opening > 0 and prose[opening - 1] == "!" and (opening < 2 or prose[opening - 2] != "\\")
        after = prose[at + 1:at + 3]
        if after.startswith("("):
            url = _inline_destination(prose, at + 1)
            if url is not None:
                found.append((at, url, image, False))
            continue
        label_text = prose[opening + 1:at]
        reference = _REFERENCE_LABEL.match(prose, at + 1)
        if reference:
            label = reference.group(1) or label_text
        elif opening > 0 and prose[opening - 1] == "]":
            continue  # the second half of [text][label], handled with the first
        else:
            label = label_text
        url = definitions.get(re.sub(r"\s+", " ", label).strip().lower())
        if url is not None:
            found.append((at, url, image, False))
    found.sort()
    result, line, counted = [], 0, 0
    for at, url, image, raw in found:
        line += markdown.count("\n", counted, at)
        counted = at
        result.append(Reference(line, url, image, raw))
    return result


def _heading_text(raw: str) -> tuple[str, str | None]:
    """A heading's text as toc reads it (inline markup gone), and the id its attribute list gives, if any."""
    given = None
    attributes = _ATTR_LIST_AT_END.search(raw)
    if attributes:
        ids = _ATTR_ID.findall(attributes.group(1))
        given = ids[-1] if ids else None
        raw = raw[:attributes.start()]
    text = _INLINE_MARKUP.sub(lambda found: found.group(1) or found.group(2) or "", raw)
    return text.replace("\\", "").strip(), given


def anchor_ids(markdown: str, separator: str = "-") -> set[str]:
    """Every id the converted page holds: headings as toc numbers them, attribute lists, footnotes, raw HTML ids."""
    text = _without_code(markdown)
    ids: set[str] = set()
    for found in _HTML_ID.finditer(text):
        ids.add(next(group for group in found.groups() if group is not None))
    text = _without_raw_html_blocks(text)
    for found in _ATTR_LIST_ANYWHERE.finditer(text):
        ids.update(_ATTR_ID.findall(found.group(1)))
    for found in _FOOTNOTE_DEFINITION.finditer(text):
        ids.add(f"fn:{found.group(1)}")
    for found in _FOOTNOTE_REFERENCE.finditer(text):
        ids.add(f"fnref:{found.group(1)}")
    headings: list[tuple[str, str | None]] = []
    lines = text.split("\n")
    written = markdown.split("\n")  # the heading's own text: code spans in it are words of its id
    for number, line in enumerate(lines):
        if _ATX_HEADING.match(line):
            headings.append(_heading_text(_ATX_HEADING.match(written[number]).group(2)))
        elif (number + 1 < len(lines) and line.strip() and _SETEXT_RULE.match(lines[number + 1])
              and (number == 0 or not lines[number - 1].strip())):
            headings.append(_heading_text(written[number]))
    used = set(ids) | {given for _text, given in headings if given}
    for heading, given in headings:
        if given is None:
            ids.add(unique(slugify(heading, separator), used))
    return ids | used


def target_uri(src_uri: str, path: str) -> str:
    """The file a link's path names, relative to the content folder, as MkDocs resolves it."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path).lstrip("/"))


_CLEANER_SCHEMES = ("https", "mailto", "tel")
"""The URL schemes sanitize.clean_html lets through; of an image, it refuses and reports them all."""


def foreign_image(url: str) -> bool:
    """Whether the cleaner refuses and reports an image source: one of its schemes, or protocol-relative."""
    return url.strip().startswith("//") or urlsplit(url.strip()).scheme.lower() in _CLEANER_SCHEMES


def foreign_image_problem(path: str, line: int, url: str) -> ContentError:
    """The message for an image from another host (the cleaner drops it from the page)."""
    return ContentError(path, line, "body",
                        f"image '{url[:100]}' is not a file of the site; a picture from another address tells that "
                        "site who reads the page. Put the image under content/ and link it relatively, "
                        "like ![What it shows](images/photo.jpg)")
