"""The collections of content, each defined once: where its files live, their model, their addresses, their names.

The loader and its messages, the editor JSON Schemas, the CMS configuration, the staff reference and `lce new`
all read these definitions; code names a collection by its constant (`entry.collection is ACTIVITIES`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lce_platform.content.model import (
    TRANSLATIONS,
    Activity,
    Labels,
    Page,
    Programme,
    Resource,
    ResourceKind,
    StrictModel,
)
from lce_platform.content.moments import Moment, parse_moment
from lce_platform.facts.urls import url_of

ModelT = TypeVar("ModelT", bound=StrictModel)


@dataclass(frozen=True)
class FolderLevel:
    """A folder between a collection's folder and its files, named after a field of each file (its year, its kind)."""

    field: str
    """The field whose value names the folder."""
    placeholder: str
    """The folder as the staff reference and messages write it: <year>."""
    folder_of: Callable[[Any], str]
    """The folder's name from the field's value, as written or as validated."""
    mismatch: str
    """What is wrong when the field does not name the folder: {expected}, {folder} and {place} are filled in."""
    cms_path: str
    """The folder as the CMS computes it from the fields of a new file."""
    form: re.Pattern[str] | None = None
    """What a folder's name must look like, checked before the file is read, and how a message says it."""
    form_words: str = ""


@dataclass(frozen=True, eq=False)
class Collection(Generic[ModelT]):
    """One collection of content files: its folder rule, its models, its URL rule and its names in both languages."""

    name: str
    """Its folder under content/ and the kind of id that references to its entries hold."""
    model: type[ModelT]
    singular: Labels
    plural: Labels
    level: FolderLevel | None = None
    catch_all: bool = False
    """Every Markdown file outside the other collections' folders belongs to it, at any depth."""
    example: str | None = None
    """The id of an entry, shown in messages about a file in the wrong place."""
    url_rule: Callable[[str], str] = url_of
    """The address of an entry's page (relative to a language root) from its path under content/."""

    @property
    def translation(self) -> type[StrictModel]:
        """The model of an English translation file (`x.en.md`)."""
        return TRANSLATIONS[self.model]

    @property
    def folder(self) -> str | None:
        """Its folder under content/ (None for the collection of every other file)."""
        return None if self.catch_all else self.name

    @property
    def depth(self) -> int:
        """How many parts a file's path under content/ has (its folder, the level's folder, its name)."""
        return 3 if self.level else 2

    @property
    def place(self) -> str:
        """Where its files live, for staff: content/activities/<year>/<slug>.md."""
        if self.catch_all:
            return "content/<path>.md"
        level = f"{self.level.placeholder}/" if self.level else ""
        return f"content/{self.name}/{level}<slug>.md"

    @property
    def place_with_example(self) -> str:
        """Where its files live and, when it has one, an example."""
        return self.place + (f", e.g. content/{self.name}/{self.example}.md" if self.example else "")

    def entry_id(self, src_uri: str) -> str:
        """The id of the entry read from `src_uri`: its path under the collection's folder, without .md."""
        stem = src_uri[: -len(".md")]
        return stem if self.catch_all else stem.split("/", 1)[1]

    def folder_for(self, values: dict[str, Any]) -> str:
        """The folder under content/ of a file with these field values (as written)."""
        if self.level is None:
            return self.folder or ""
        return f"{self.name}/{self.level.folder_of(values[self.level.field])}"


UNDATED_FOLDER = "undated"
"""The folder of activities whose start has not been announced: a year folder would claim a year."""


def _year_folder(start: Moment | object) -> str:
    if start is None or start == "":
        return UNDATED_FOLDER
    moment = start if isinstance(start, Moment) else parse_moment(start)
    return str(moment.first_day.year)


def _kind_folder(kind: ResourceKind | str) -> str:
    return kind.value if isinstance(kind, ResourceKind) else str(kind)


ACTIVITIES = Collection(
    "activities", Activity, Labels(sv="aktivitet", en="activity"), Labels(sv="aktiviteter", en="activities"),
    # An activity lives in the folder of the year it starts, or in undated/ when its start is not announced.
    level=FolderLevel(
        "start", "<year>", _year_folder,
        mismatch="is in {expected} but the file is in the folder {folder}; move it to {place}",
        # The CMS's template filters: the first four characters of any start (2024-autumn too) and a space, read as a
        # date, give its year; an empty start is no date and gives undated. (No nested {{…}}: the CMS finds existing
        # files with a pattern made from this template, which ends a placeholder at its first }}.)
        cms_path=f"{{{{fields.start | truncate(4, ' ') | date('YYYY') | default('{UNDATED_FOLDER}')}}}}",
        form=re.compile(rf"^(\d{{4}}|{UNDATED_FOLDER})$"),
        form_words=f"a year like 2025, or {UNDATED_FOLDER} for an activity without start",
    ),
    example="2025/widen-your-vision",
)
RESOURCES = Collection(
    "resources", Resource, Labels(sv="resurs", en="resource"), Labels(sv="resurser", en="resources"),
    level=FolderLevel(
        "kind", "<kind>", _kind_folder,
        mismatch="is '{expected}' but the file is in the folder '{folder}'; move it to {place}",
        cms_path="{{fields.kind}}",
    ),
    example="recording/ai-and-creativity",
)
PROGRAMMES = Collection(
    "programmes", Programme, Labels(sv="program", en="programme"), Labels(sv="program", en="programmes"),
)
PAGES = Collection("pages", Page, Labels(sv="sida", en="page"), Labels(sv="sidor", en="pages"), catch_all=True)

COLLECTIONS: dict[str, Collection[Any]] = {collection.name: collection for collection in
                                           (ACTIVITIES, RESOURCES, PROGRAMMES, PAGES)}
"""Every collection by its name, in the order the CMS, the schemas and the staff reference list them."""

_BY_FOLDER = {collection.folder: collection for collection in COLLECTIONS.values() if not collection.catch_all}
_CATCH_ALL = next(collection for collection in COLLECTIONS.values() if collection.catch_all)


def collection_of(relative: str) -> Collection[Any]:
    """The collection of a Markdown file by its path under content/ (the English translation's too)."""
    top, _, rest = relative.partition("/")
    return _BY_FOLDER.get(top, _CATCH_ALL) if rest else _CATCH_ALL
