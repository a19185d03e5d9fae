"""The staff guide's generated pages: the reference of every content field, made from the model so it never drifts,
and the list of activities that took place without an account yet."""

from __future__ import annotations

from functools import partial
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lce_platform.content.collections import COLLECTIONS
from lce_platform.outputs.choices import field_choices, nested_model
from lce_platform.content.model import TRANSLATABLE, Caption, Session
from lce_platform.content.site import Entry
from lce_platform.facts.urls import relative_url, url_of
from lce_platform.outputs import i18n
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.render import render
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is tuple:
        return True
    return any(_is_list(argument) for argument in get_args(annotation))


def allowed_values(edition: Edition, info: FieldInfo) -> list[tuple[str, str]]:
    """The values a field allows, with their labels in the build's language, if it has a closed set."""
    choices = field_choices(edition.site, info) or []
    return [(choice.value, "" if choice.label(edition.language) == choice.value else choice.label(edition.language))
            for choice in choices]


def field_rows(edition: Edition, model: type[BaseModel]) -> list[dict[str, Any]]:
    """One row per field of a model: name, required, list or not, description, allowed values."""
    rows = []
    translatable = TRANSLATABLE.get(model, ())
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra or {}
        description = extra.get("sv") if edition.language == "sv" and isinstance(extra, dict) else info.description
        nested = nested_model(info.annotation)
        rows.append({
            "name": name,
            "required": info.is_required(),
            "is_list": _is_list(info.annotation),
            "description": description or "",
            "allowed": allowed_values(edition, info),
            "nested": nested.__name__ if nested in (Session, Caption) else None,
            "translatable": name in translatable,
        })
    return rows


def content_model_pages(edition: Edition):
    """The content model reference page, in the build's language."""
    yield GeneratedPage(
        src_uri="staff/content-model.md",
        title="Innehållsmodellen" if edition.language == "sv" else "The content model",
        summary=("Alla fält i innehållsfilerna med tillåtna värden." if edition.language == "sv"
                 else "Every field of the content files with its allowed values."),
        make_html=partial(_content_model_html, edition),
    )


def _content_model_html(edition: Edition) -> str:
    collections = [
        {"name": collection.name, "place": collection.place, "doc": collection.model.__doc__,
         "rows": field_rows(edition, collection.model)}
        for collection in COLLECTIONS.values()
    ]
    nested = [{"name": model.__name__, "doc": model.__doc__, "rows": field_rows(edition, model)} for model in (Session, Caption)]
    return render("content_model.html", edition.language, collections=collections, nested=nested)


ACCOUNTS_TO_WRITE_URI = "staff/accounts-to-write.md"


def accounts_to_write(edition: Edition) -> list[Entry]:
    """The activities that have taken place and have no account yet, the most recent first."""
    return [entry for entry in edition.phases["past"]
            if entry.data.account is None and activity_state(entry.data, edition.today).held]


def accounts_to_write_page(edition: Edition):
    """The staff guide's list of activities that took place without an account, with the file to write it in."""
    title = edition.t("accounts_to_write.title")
    yield GeneratedPage(src_uri=ACCOUNTS_TO_WRITE_URI, title=title, summary=edition.t("accounts_to_write.summary"),
                        make_html=partial(_accounts_to_write_html, edition, title))


def _accounts_to_write_html(edition: Edition, title: str) -> str:
    language, t = edition.language, edition.t
    page_url = url_of(ACCOUNTS_TO_WRITE_URI)
    missing = accounts_to_write(edition)
    held = sum(1 for entry in edition.phases["past"] if activity_state(entry.data, edition.today).held)
    rows = [
        {
            "title": entry.title(language),
            "url": relative_url(page_url, entry.url),
            "when": i18n.activity_when(entry.data, language),
            "path": entry.path,
            "participants": entry.data.reported_participants is not None,
            "resources": len(edition.resources_by_activity.get(entry.id, ())),
        }
        for entry in missing
    ]
    return render("accounts_to_write.html", language, title=title, rows=rows,
                  count=t("accounts_to_write.count").format(missing=len(missing), held=held),
                  today=i18n.day_text(edition.today, language))
