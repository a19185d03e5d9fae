"""HTML fragments of the site, rendered with autoescaping so no content string reaches a page raw."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


_items_of_step: dict[tuple, Markup] | None = None
"""The items rendered so far in the current step (items_rendered_once), by everything they are rendered from."""


@contextmanager
def items_rendered_once() -> Iterator[None]:
    """Within: an item met again is not rendered again. One kind of page lists an activity several times (on the
    page of each of its sectors and of its type): at 1,000 items a third of the items rendered for the generated
    pages are distinct. Kept for one step only, so that a build never holds every item of the archive at once."""
    global _items_of_step
    outer, _items_of_step = _items_of_step, {}
    try:
        yield
    finally:
        _items_of_step = outer


def render_item(template: str, language: str, item: dict[str, Any], **options: Any) -> Markup:
    """One list item (a template given `item` and `options`); the preview server renders each distinct one once."""
    frozen = tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in item.items())
    key = (template, language, frozen, tuple(sorted(options.items())))
    if _items_of_step is None:
        return _rendered_item(*key)
    found = _items_of_step.get(key)
    if found is None:
        found = _items_of_step[key] = _rendered_item(*key)
    return found


@kept_between_builds
def _rendered_item(template: str, language: str, item: tuple, options: tuple) -> Markup:
    return Markup(render(template, language, item=dict(item), **dict(options)))
