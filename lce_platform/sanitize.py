"""Cleaning the HTML that staff-written Markdown produces, so a pull request cannot attack readers."""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "details": {"open"},
}


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop an image source on another host: loading it would tell that host who reads the page."""
    if tag == "img" and attribute == "src" and (urlsplit(value).scheme or value.startswith("//")):
        return None
    return value


def clean_html(html: str) -> str:
    """Keep the markup Markdown makes; drop scripts, styles, event handlers, unsafe URLs and images from elsewhere."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "mailto", "tel"},
        # No rel on links: nh3 would add it also to a link whose unsafe href it removed, which is invalid HTML;
        # the pages' referrer policy keeps other sites from learning where a visitor came from.
        link_rel=None,
        strip_comments=True,
        attribute_filter=_local_images_only,
    )
