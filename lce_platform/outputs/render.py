"""HTML fragments of the site, rendered with autoescaping so no content string reaches a page raw."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from lce_platform.outputs import i18n
from lce_platform.reuse import kept_between_builds


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
    """One list item (a template given `item` and `options`); the preview server renders each distinct one once."""
    frozen = tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in item.items())
    return _rendered_item(template, language, frozen, tuple(sorted(options.items())))


@kept_between_builds
def _rendered_item(template: str, language: str, item: tuple, options: tuple) -> Markup:
    return Markup(render(template, language, item=dict(item), **dict(options)))
