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


def is_local_address(url: str) -> bool:
    """Whether a URL points into the site itself (relative, with no scheme and no host)."""
    return not (urlsplit(url).scheme or url.startswith("//"))


def clean_html(html: str, refused_images: list[str] | None = None) -> str:
    """Keep the markup Markdown makes; drop scripts, styles, event handlers, unsafe URLs and images from elsewhere.

    The source of every image not on the site is dropped (loading it would tell another host who reads the page);
    an https or protocol-relative one is added to `refused_images`, so the build can name it (other schemes never
    pass nh3's URL check).
    """

    def local_images_only(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src" and not is_local_address(value):
            if refused_images is not None:
                refused_images.append(value)
            return None
        return value

    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "mailto", "tel"},
        # No rel on links: nh3 would add it also to a link whose unsafe href it removed, which is invalid HTML;
        # the pages' referrer policy keeps other sites from learning where a visitor came from.
        link_rel=None,
        strip_comments=True,
        attribute_filter=local_images_only,
    )
