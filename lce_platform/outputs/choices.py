"""The closed sets of values a field allows, with labels in both languages, for editors and the CMS.

Reference fields take their values from the vocabularies and collections of the content; enum fields
from the model. Both the editor JSON Schema and the CMS configuration read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lce_platform.content.collections import COLLECTIONS
from lce_platform.outputs import i18n
from lce_platform.content.model import ALL_SECTORS, LANGUAGES, ONLINE, VOCABULARIES, Ref, ref_kind
from lce_platform.content.site import Site

_ENUM_LABEL_KEYS = {"Status": "status", "Language": "languages", "ResourceKind": "resource_kinds"}
"""Enums whose values have interface text (locales/<language>.yml) under this key."""


@dataclass(frozen=True)
class Choice:
    """One allowed value and its label in each language."""

    value: str
    labels: dict[str, str]

    def label(self, language: str) -> str:
        """The label in `language`."""
        return self.labels[language]


def _type_in(annotation: Any, accepts: type) -> Any:
    """The first class in a field annotation (also inside optionals and tuples) that is a subclass of `accepts`."""
    if isinstance(annotation, type) and issubclass(annotation, accepts):
        return annotation
    for argument in get_args(annotation):
        found = _type_in(argument, accepts)
        if found:
            return found
    return None


def enum_of(annotation: Any) -> type[Enum] | None:
    """The Enum a field annotation holds, also inside optionals and tuples."""
    return _type_in(annotation, Enum)


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a field holding nested fields (a session, a caption, an address…), if any."""
    return _type_in(annotation, BaseModel)


def _same_in_both(text: str) -> dict[str, str]:
    return {language: text for language in LANGUAGES}


def _entry_labels(entry: Any) -> dict[str, str]:
    label = getattr(entry, "label", None) or getattr(entry, "name", None)
    if callable(label):
        return {language: label(language) for language in LANGUAGES}
    return _same_in_both(str(label))


def reference_choices(site: Site, kind: str) -> list[Choice]:
    """The ids a reference field of `kind` may hold in this content, with their labels."""
    if kind in VOCABULARIES:
        choices = [Choice(key, _entry_labels(entry)) for key, entry in site.vocabularies[kind].items()]
        if kind == "sectors":
            choices.append(Choice(ALL_SECTORS, {language: i18n.t(language, "all_sectors") for language in LANGUAGES}))
        if kind == "venues":
            choices.append(Choice(ONLINE, {language: i18n.t(language, "online") for language in LANGUAGES}))
        return choices
    return [
        Choice(entry.id, {language: entry.title(language) for language in LANGUAGES})
        for entry in site.collection(COLLECTIONS[kind])
    ]


def enum_choices(enum: type[Enum]) -> list[Choice]:
    """The members of an enum, labelled with interface text where the site has it."""
    key = _ENUM_LABEL_KEYS.get(enum.__name__)
    return [
        Choice(member.value, {language: i18n.t(language, f"{key}.{member.value}") for language in LANGUAGES}
               if key else _same_in_both(member.value))
        for member in enum
    ]


def field_ref_kind(info: FieldInfo) -> str | None:
    """The kind of id a field refers to; pydantic keeps a top-level Annotated's markers in `metadata`."""
    for item in info.metadata:
        if isinstance(item, Ref):
            return item.kind
    return ref_kind(info.annotation)


def field_choices(site: Site, info: FieldInfo) -> list[Choice] | None:
    """The closed set of values of a field, or None when it takes free text."""
    kind = field_ref_kind(info)
    if kind is not None:
        return reference_choices(site, kind)
    enum = enum_of(info.annotation)
    return enum_choices(enum) if enum is not None else None
