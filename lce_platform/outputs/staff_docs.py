"""The staff reference of every content field, generated from the model so it never drifts."""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lce_platform.plan import GeneratedPage, SiteBuild, page_generator
from lce_platform.outputs.choices import field_choices, field_ref_kind, nested_model
from lce_platform.content.model import TRANSLATABLE, Caption, Session
from lce_platform.outputs.render import render
from lce_platform.facts.site import COLLECTION_MODELS

COLLECTION_PLACES = {
    "activities": "content/activities/<year>/<slug>.md",
    "resources": "content/resources/<kind>/<slug>.md",
    "programmes": "content/programmes/<slug>.md",
    "pages": "content/<path>.md",
}


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is tuple:
        return True
    return any(_is_list(argument) for argument in get_args(annotation))


def allowed_values(build: SiteBuild, info: FieldInfo) -> list[tuple[str, str]]:
    """The values a field allows, with their labels in the build's language, if it has a closed set."""
    choices = field_choices(build.site, info) or []
    return [(choice.value, "" if choice.label(build.language) == choice.value else choice.label(build.language))
            for choice in choices]


def field_rows(build: SiteBuild, model: type[BaseModel]) -> list[dict[str, Any]]:
    """One row per field of a model: name, required, list or not, description, allowed values."""
    rows = []
    translatable = TRANSLATABLE.get(model, ())
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra or {}
        description = extra.get("sv") if build.language == "sv" and isinstance(extra, dict) else info.description
        nested = nested_model(info.annotation)
        kind = field_ref_kind(info)
        rows.append({
            "name": name,
            "required": info.is_required(),
            "is_list": _is_list(info.annotation),
            "description": description or "",
            "allowed": allowed_values(build, info),
            "reference": kind if kind in ("activities",) else None,
            "nested": nested.__name__ if nested in (Session, Caption) else None,
            "translatable": name in translatable,
        })
    return rows


@page_generator
def content_model_pages(build: SiteBuild):
    """The content model reference page, in the build's language."""
    collections = [
        {"name": name, "place": COLLECTION_PLACES[name], "doc": model.__doc__, "rows": field_rows(build, model)}
        for name, model in COLLECTION_MODELS.items()
    ]
    nested = [{"name": model.__name__, "doc": model.__doc__, "rows": field_rows(build, model)} for model in (Session, Caption)]
    yield GeneratedPage(
        src_uri="staff/content-model.md",
        title="Innehållsmodellen" if build.language == "sv" else "The content model",
        summary=("Alla fält i innehållsfilerna med tillåtna värden." if build.language == "sv"
                 else "Every field of the content files with its allowed values."),
        html=render("content_model.html", build.language, collections=collections, nested=nested),
    )
