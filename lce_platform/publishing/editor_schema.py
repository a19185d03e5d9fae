"""JSON Schemas of every collection's frontmatter and every vocabulary file, generated from the model.

Reference fields list the ids the content holds (sectors, venues, programmes…) so that an editor can
complete them; the files are written to schemas/ by `lce schema` and a test fails when they are stale.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BeforeValidator

from lce_platform.outputs.choices import Choice, field_choices, field_ref_kind, nested_model
from lce_platform.content.collections import ACTIVITIES, COLLECTIONS
from lce_platform.content.model import ID_PATTERN, VOCABULARIES, StrictModel, _as_tuple
from lce_platform.content.site import Site

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _accepts_single_value(model: type[StrictModel], name: str) -> bool:
    """Whether a list field also takes one value written on its own (`sectors: all`)."""
    return any(isinstance(item, BeforeValidator) and item.func is _as_tuple for item in model.model_fields[name].metadata)


def _closed(choices: list[Choice]) -> dict[str, Any]:
    return {
        "type": "string",
        "enum": [choice.value for choice in choices],
        "markdownEnumDescriptions": [f"{choice.label('sv')} / {choice.label('en')}" for choice in choices],
    }


def _replace_strings(node: Any, replacement: dict[str, Any]) -> Any:
    """Put the closed set in place of every plain string schema inside a field's schema."""
    if isinstance(node, dict):
        if node.get("type") == "string":
            return {key: value for key, value in node.items() if key not in ("type", "pattern")} | replacement
        return {key: _replace_strings(value, replacement) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace_strings(item, replacement) for item in node]
    return node


def _with_choices(site: Site, model: type[StrictModel], schema: dict[str, Any]) -> None:
    """Narrow the reference and enum fields of one model's schema to the values the content allows."""
    properties = schema.get("properties", {})
    for name, info in model.model_fields.items():
        if field_ref_kind(info) == ACTIVITIES.name:
            continue  # new activities arrive in every pull request; their id pattern is enough here
        choices = field_choices(site, info)
        if choices is None or name not in properties or "$ref" in properties[name]:
            continue
        closed = _closed(choices)
        field = _replace_strings(properties[name], closed)
        if field.get("type") == "array" and "minLength" in field:
            field["minItems"] = field.pop("minLength")  # pydantic writes a tuple's min_length as minLength
        if _accepts_single_value(model, name):
            array = {key: field.pop(key) for key in ("type", "items", "minItems") if key in field}
            field["anyOf"] = [closed, array]
        properties[name] = field


def _nested_models(model: type[StrictModel]) -> dict[str, type[StrictModel]]:
    """Models of nested fields by their name in $defs."""
    found: dict[str, type[StrictModel]] = {}
    for info in model.model_fields.values():
        nested = nested_model(info.annotation)
        if nested is not None:
            found[nested.__name__] = nested
            found.update(_nested_models(nested))
    return found


def model_schema(site: Site, model: type[StrictModel], title: str) -> dict[str, Any]:
    """The JSON Schema of one model with the content's allowed values."""
    schema = copy.deepcopy(model.model_json_schema())
    _with_choices(site, model, schema)
    for name, nested in _nested_models(model).items():
        if name in schema.get("$defs", {}):
            _with_choices(site, nested, schema["$defs"][name])
    return {"$schema": SCHEMA_DIALECT, **schema, "title": title}


def vocabulary_schema(site: Site, name: str) -> dict[str, Any]:
    """The JSON Schema of a vocabulary file: ids mapped to entries."""
    entry = model_schema(site, VOCABULARIES[name], name)
    definitions = entry.pop("$defs", {})
    entry.pop("$schema")
    entry.pop("title")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": f"content/vocabularies/{name}.yml",
        "description": VOCABULARIES[name].__doc__,
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": entry,
    }
    if definitions:
        schema["$defs"] = definitions
    return schema


def editor_schemas(site: Site) -> dict[str, dict[str, Any]]:
    """Every schema by its path under schemas/."""
    schemas: dict[str, dict[str, Any]] = {}
    for collection in COLLECTIONS.values():
        singular = collection.singular("en")
        schemas[f"{singular}.schema.json"] = model_schema(site, collection.model, f"{singular} (content/{collection.name}/)")
        schemas[f"{singular}.en.schema.json"] = model_schema(
            site, collection.translation, f"English translation of a {singular} (.en.md)")
    for name in VOCABULARIES:
        schemas[f"vocabularies/{name}.schema.json"] = vocabulary_schema(site, name)
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schema_files(site: Site, folder: Path) -> list[str]:
    """Paths under `folder` whose text differs from what the model and content give (missing ones too)."""
    expected = {path: schema_text(schema) for path, schema in editor_schemas(site).items()}
    stale = [path for path, text in expected.items()
             if not (folder / path).is_file() or (folder / path).read_text(encoding="utf-8") != text]
    extra = [path.relative_to(folder).as_posix() for path in folder.rglob("*.schema.json")
             if path.relative_to(folder).as_posix() not in expected] if folder.is_dir() else []
    return sorted(stale + extra)


def write_schemas(site: Site, folder: Path) -> list[str]:
    """Write every schema under `folder`, removing schemas the model no longer has; return the changed paths."""
    changed = stale_schema_files(site, folder)
    expected = editor_schemas(site)
    for path in changed:
        target = folder / path
        if path in expected:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(schema_text(expected[path]), encoding="utf-8")
        else:
            target.unlink()
    return changed
