"""HTML fragments of the site, rendered with autoescaping so no content string reaches a page raw."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import i18n


@cache
def environment() -> Environment:
    """The Jinja environment of the core's own templates (autoescape always on)."""
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(span_text=i18n.span_text, moment_text=i18n.moment_text)
    return env


def render(template: str, language: str, **context: Any) -> str:
    """Render one template of lce_platform/templates in `language`."""
    return environment().get_template(template).render(
        language=language, t=lambda key: i18n.t(language, key), **context
    )


def render_item(template: str, language: str, item: dict[str, Any], **options: Any) -> Markup:
    """One list item (a template given `item` and `options`); in a preview server, rendered once per distinct item
    (a rebuild lists the same items again), once remember_rendered_items() was called."""
    if _rendered_items is None:
        return Markup(render(template, language, item=item, **options))
    key = (template, language, tuple((name, tuple(value) if isinstance(value, list) else value)
                                     for name, value in item.items()), tuple(sorted(options.items())))
    if key not in _rendered_items:
        _rendered_items[key] = Markup(render(template, language, item=item, **options))
    return _rendered_items[key]


_rendered_items: dict[tuple, Markup] | None = None
"""List items already rendered in this process; a build lists an item in folders with other relative links, so
it would only keep them all in memory."""


def remember_rendered_items() -> None:
    """Keep every rendered list item for the next rebuild of this process (the preview server)."""
    global _rendered_items
    if _rendered_items is None:
        _rendered_items = {}
