"""Open data: every activity, resource and programme as CSV and JSON, described by a Frictionless Data Package, and
the /data/ page that lists the files and their columns.

The columns come from one place, `columns(collection)`, derived from the content model's fields: a new field becomes
a column (with its English and Swedish description) unless `NOT_PUBLISHED` names it with a reason. The files hold what
the public pages show, in the edition's language, one row per item, sorted by id.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache, partial
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lce_platform.content.collections import ACTIVITIES, COLLECTIONS, PROGRAMMES, RESOURCES, Collection
from lce_platform.content.model import (
    ALL_SECTORS,
    LANGUAGES,
    TRANSLATABLE,
    Activity,
    Programme,
    Resource,
)
from lce_platform.content.moments import Moment
from lce_platform.content.site import Entry
from lce_platform.facts.urls import DATA_URL, data_file_path, data_package_path, dcat_catalogue_path, relative_url
from lce_platform.outputs import i18n
from lce_platform.outputs.choices import enum_of, field_ref_kind, nested_model
from lce_platform.outputs.credits import PLATFORM_PROGRAMME
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile
from lce_platform.outputs.render import render

PUBLISHED = (ACTIVITIES, RESOURCES, PROGRAMMES)
"""The collections published as open data, in the order the page and the package list them."""

NOT_PUBLISHED: dict[type[BaseModel], dict[str, str]] = {
    Activity: {"redirect_from": "old file paths under content/: bookkeeping of the repository, on no page"},
    Resource: {
        "redirect_from": "old file paths under content/: bookkeeping of the repository, on no page",
        # The transcript is part of the work, under the resource's own licence, not a fact about it.
        "transcript": "the text of the recording itself, under the resource's licence (its page shows it)",
    },
    Programme: {"redirect_from": "old file paths under content/: bookkeeping of the repository, on no page"},
}
"""Fields of the model deliberately left out of the open data, and why."""

DATA_LICENCE = {
    "id": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal (CC0 1.0)",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}
"""The licence of the open data files (not of the resources they describe, which keep their own: `license`)."""

_ENUM_LABELS = {"Status": "status", "Language": "languages", "ResourceKind": "resource_kinds"}
"""Enums whose values have interface text (locales/<language>.yml) under this key: they get a label column. (The CMS's
list in choices.py lacks the resource kinds, whose labels the editor schemas would otherwise change.)"""

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2})?)?)?$"


def date_cell(moment: Moment | None) -> str | None:
    """A date as the open data write it: ISO 8601 of what is known (a year, a month, a day or a local time with its
    offset), None (an empty cell) when it is unknown."""
    return moment.iso() if moment is not None else None


@dataclass(frozen=True)
class Column:
    """One column of a collection's files: its name, Table Schema type, descriptions and how to fill it."""

    name: str
    type: str
    descriptions: dict[str, str]
    value: Callable[[Edition, Entry], Any]
    pattern: str | None = None
    format: str | None = None

    def field(self, language: str) -> dict[str, Any]:
        """The column as a Table Schema field."""
        field: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.descriptions[language]}
        if self.format:
            field["format"] = self.format
        if self.pattern:
            field["constraints"] = {"pattern": self.pattern}
        return field


def _descriptions(info: FieldInfo) -> dict[str, str]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return {"en": info.description or "", "sv": str(extra.get("sv", info.description or ""))}


def _contains(annotation: Any, kind: type) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, kind):
        return True
    return any(_contains(argument, kind) for argument in get_args(annotation))


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is tuple or any(_is_list(argument) for argument in get_args(annotation))


def reference_label(edition: Edition, kind: str, key: str) -> str:
    """What the pages call the entry `key` of a vocabulary or collection, in the edition's language."""
    language = edition.language
    if kind == "sectors" and key == ALL_SECTORS:
        return edition.t("all_sectors")
    if kind == "venues":
        return edition.venue_text(key) or key
    if kind in COLLECTIONS:
        entry = edition.site.by_id(COLLECTIONS[kind], key)
        return entry.title(language) if entry is not None else key
    item = edition.site.vocabularies[kind][key]
    label = getattr(item, "label", None) or getattr(item, "name")
    return label(language) if callable(label) else str(label)


def _enum_label(edition: Edition, enum: type[Enum], value: Enum) -> str:
    return edition.t(f"{_ENUM_LABELS[enum.__name__]}.{value.value}")


def _plain(value: Any) -> Any:
    if isinstance(value, Moment):
        return date_cell(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _nested_cells(edition: Edition, model: type[BaseModel], item: BaseModel) -> dict[str, Any]:
    """A nested item (a session, a caption) as an object with the same rules as a row: ids with their labels."""
    cells: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        value = getattr(item, name)
        cells[name] = _plain(value)
        labeller = _labeller(info)
        if labeller is not None:
            cells[f"{name}_label"] = labeller(edition, value)
    return cells


@cache
def _labeller_of(kind: str | None, enum: type[Enum] | None) -> Callable[[Edition, Any], Any] | None:
    if kind is None and (enum is None or enum.__name__ not in _ENUM_LABELS):
        return None

    def label(edition: Edition, value: Any) -> Any:
        def one(item: Any) -> str:
            return reference_label(edition, kind, item) if kind else _enum_label(edition, enum, item)
        if isinstance(value, tuple):
            return [one(item) for item in value]
        return None if value is None else one(value)
    return label


def _labeller(info: FieldInfo) -> Callable[[Edition, Any], Any] | None:
    """How to label a reference or labelled enum value (a list for lists), or None when the field has no labels."""
    return _labeller_of(field_ref_kind(info), enum_of(info.annotation))


def _field_columns(collection: Collection, name: str, info: FieldInfo) -> list[Column]:
    annotation = info.annotation
    translatable = name in TRANSLATABLE.get(collection.model, ())
    is_list = _is_list(annotation)
    nested = nested_model(annotation)

    def raw(edition: Edition, entry: Entry) -> Any:
        return entry.text(name, edition.language) if translatable else getattr(entry.data, name)

    if nested is not None:
        def value(edition: Edition, entry: Entry) -> Any:
            return [_nested_cells(edition, nested, item) for item in raw(edition, entry)]
        return [Column(name, "array", _descriptions(info), value)]

    if _contains(annotation, Moment):
        column_type, pattern, format_ = "string", DATE_PATTERN, None
    elif _contains(annotation, date):
        column_type, pattern, format_ = "date", None, None
    elif _contains(annotation, bool):
        column_type, pattern, format_ = "boolean", None, None
    elif _contains(annotation, int):
        column_type, pattern, format_ = "integer", None, None
    else:
        column_type, pattern, format_ = "string", None, None
    if is_list:
        column_type, pattern, format_ = "array", None, None

    def value(edition: Edition, entry: Entry) -> Any:
        return _plain(raw(edition, entry))

    override = _VALUE_RULES.get((collection.model, name))
    columns = [Column(name, column_type, _descriptions(info), override or value, pattern, format_)]
    labeller = _labeller(info)
    if labeller is not None:
        def label(edition: Edition, entry: Entry) -> Any:
            return labeller(edition, raw(edition, entry))
        descriptions = {language: i18n.t(language, "open_data.label_column").format(column=name)
                        for language in LANGUAGES}
        columns.append(Column(f"{name}_label", "array" if is_list else "string", descriptions, label))
    return columns


def _registration(edition: Edition, entry: Entry) -> str | None:
    # As the page: the link is offered only while registration is open.
    return entry.data.registration if edition.registration_open(entry.data) else None


_VALUE_RULES: dict[tuple[type[BaseModel], str], Callable[[Edition, Entry], Any]] = {
    (Activity, "registration"): _registration,
}
"""Fields whose value in the open data follows what the page shows rather than what the file says."""


@cache
def columns(collection: Collection) -> tuple[Column, ...]:
    """The columns of a collection's files: its id and page, then every published field of its model, in the model's
    order, each reference and labelled enum followed by its label."""
    leading = [
        Column("id", "string", {language: i18n.t(language, "open_data.id_column") for language in LANGUAGES},
               lambda edition, entry: entry.id),
        Column("page", "string", {language: i18n.t(language, "open_data.page_column") for language in LANGUAGES},
               lambda edition, entry: edition.roots[edition.language] + entry.url, format="uri"),
    ]
    hidden = NOT_PUBLISHED.get(collection.model, {})
    fields = [column for name, info in collection.model.model_fields.items() if name not in hidden
              for column in _field_columns(collection, name, info)]
    return tuple(leading + fields)


def each_row(edition: Edition, collection: Collection) -> Iterator[list[Any]]:
    """One row per entry of the collection, sorted by id, the cells in the order of `columns`; a row at a time."""
    table = columns(collection)
    for entry in sorted(edition.site.collection(collection), key=lambda entry: entry.id):
        yield [column.value(edition, entry) for column in table]


def rows(edition: Edition, collection: Collection) -> list[list[Any]]:
    """Every row of the collection (`each_row`)."""
    return list(each_row(edition, collection))


class CsvTable:
    """Rows as CSV: RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte order mark so that Excel reads å, ä
    and ö; a list or nested value is JSON in its cell, a missing value an empty cell, a text a spreadsheet would
    take for a formula has a ' before it. Encoded as each row is added: it holds its bytes, not the rows."""

    def __init__(self, collection: Collection) -> None:
        self._buffer = io.BytesIO()
        self._text = io.TextIOWrapper(self._buffer, encoding="utf-8-sig", newline="", write_through=True)
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self._writer.writerow([column.name for column in columns(collection)])

    def add(self, row: list[Any]) -> None:
        self._writer.writerow([_csv_cell(cell) for cell in row])

    def data(self) -> bytes:
        return self._buffer.getvalue()


class JsonTable:
    """Rows as a JSON array of objects keyed by column name (null when unknown), one object per line; encoded as
    each row is added."""

    def __init__(self, collection: Collection) -> None:
        self._names = [column.name for column in columns(collection)]
        self._buffer = io.BytesIO()

    def add(self, row: list[Any]) -> None:
        self._buffer.write(b",\n" if self._buffer.tell() else b"[\n")
        self._buffer.write(json.dumps(dict(zip(self._names, row)), ensure_ascii=False).encode("utf-8"))

    def data(self) -> bytes:
        return self._buffer.getvalue() + b"\n]\n" if self._buffer.tell() else b"[]\n"


def table_bytes(collection: Collection, table: Iterable[list[Any]]) -> tuple[bytes, bytes]:
    """The rows as CSV and as JSON, in one pass a row at a time: the files' bytes are held, not the rows (memory in
    proportion to the files, not to the objects behind them)."""
    as_csv, as_json = CsvTable(collection), JsonTable(collection)
    for row in table:
        as_csv.add(row)
        as_json.add(row)
    return as_csv.data(), as_json.data()


def csv_bytes(collection: Collection, table: Iterable[list[Any]]) -> bytes:
    """The rows as CSV (`CsvTable`)."""
    return table_bytes(collection, table)[0]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program takes as the start of a formula in a CSV cell (OWASP, CSV injection)."""


def _csv_cell(cell: Any) -> str:
    if cell is None or cell == []:
        return ""
    if isinstance(cell, (list, dict)):
        return json.dumps(cell, ensure_ascii=False, separators=(",", ":"))
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        # A title "=HYPERLINK(…)" would run in Excel or LibreOffice: a quote before it makes it text there, as OWASP
        # advises. Quoting the cell does not help, spreadsheets unquote before they look; the JSON keeps the text.
        return "'" + cell
    return str(cell)


def json_bytes(collection: Collection, table: Iterable[list[Any]]) -> bytes:
    """The rows as JSON (`JsonTable`)."""
    return table_bytes(collection, table)[1]


FORMATS = {
    "csv": {"mediatype": "text/csv", "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                                                 "doubleQuote": True, "header": True}},
    "json": {"mediatype": "application/json"},
}
"""The formats each collection is written in, with their Data Package properties."""

_FOREIGN_KEYS = {
    ACTIVITIES: {"programme": PROGRAMMES},
    RESOURCES: {"activity": ACTIVITIES, "programme": PROGRAMMES},
}
"""Columns holding the id of another published collection's row."""


def table_schema(collection: Collection, language: str, extension: str) -> dict[str, Any]:
    """The Table Schema of a collection's file: its fields, primary key and links to the other files."""
    return {
        "fields": [column.field(language) for column in columns(collection)],
        "missingValues": [""],
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": [name], "reference": {"resource": f"{target.name}-{extension}", "fields": ["id"]}}
            for name, target in _FOREIGN_KEYS.get(collection, {}).items()
        ],
    }


def publisher(edition: Edition) -> Any | None:
    """The organisation publishing the data: the owner of the programme this site is the platform of."""
    entry = edition.site.by_id(PROGRAMMES, PLATFORM_PROGRAMME)
    if entry is None or entry.data.owner is None:
        return None
    return edition.site.vocabularies["organisations"][entry.data.owner]


def data_package(edition: Edition) -> dict[str, Any]:
    """The Frictionless Data Package of the edition's files, in its language."""
    language = edition.language
    root = edition.roots[language]
    owner = publisher(edition)
    resources = []
    for collection in PUBLISHED:
        for extension, properties in FORMATS.items():
            resources.append({
                "name": f"{collection.name}-{extension}",
                "path": data_file_path(collection.name, extension).removeprefix(DATA_URL),
                "profile": "tabular-data-resource",
                "title": f"{collection.plural(language).capitalize()} ({extension.upper()})",
                "format": extension,
                "encoding": "utf-8",
                **properties,
                "licenses": [_licence()],
                "schema": table_schema(collection, language, extension),
            })
    return {
        "profile": "tabular-data-package",
        "name": f"learn-create-engage-{language}",
        "title": edition.t("open_data.package_title"),
        "description": edition.t("open_data.package_description"),
        "homepage": root + DATA_URL,
        "licenses": [_licence()],
        **({"contributors": [{"title": owner.name(language), "role": "publisher",
                              **({"path": owner.url} if owner.url else {})}]} if owner else {}),
        "keywords": [edition.t("open_data.keywords." + key) for key in ("activities", "resources", "culture")],
        "resources": resources,
    }


def _licence() -> dict[str, str]:
    return {"name": DATA_LICENCE["id"], "path": DATA_LICENCE["url"], "title": DATA_LICENCE["title"]}


def open_data_files(edition: Edition) -> Iterator[SiteFile]:
    """The edition's open data: each collection as CSV and JSON, and the Data Package describing them."""
    for collection in PUBLISHED:
        as_csv, as_json = table_bytes(collection, each_row(edition, collection))
        yield SiteFile(data_file_path(collection.name, "csv"), as_csv)
        yield SiteFile(data_file_path(collection.name, "json"), as_json)
    package = json.dumps(data_package(edition), ensure_ascii=False, indent=2) + "\n"
    yield SiteFile(data_package_path(), package)


def _type_label(edition: Edition, column: Column) -> str:
    if column.pattern == DATE_PATTERN:
        return edition.t("open_data.types.date")
    return edition.t("open_data.types." + column.type)


def data_pages(edition: Edition) -> Iterator[GeneratedPage]:
    """The /data/ page: the files, their licence and formats, the catalogue's address and what each column means."""
    yield GeneratedPage(
        src_uri=DATA_URL + "index.md",
        title=edition.t("open_data.title"),
        summary=edition.t("open_data.summary"),
        make_html=partial(_data_page_html, edition),
    )


def _data_page_html(edition: Edition) -> str:
    language = edition.language
    page_url = DATA_URL
    files = [
        {"collection": collection.plural(language), "format": extension.upper(),
         "href": relative_url(page_url, data_file_path(collection.name, extension)),
         "name": data_file_path(collection.name, extension).removeprefix(DATA_URL),
         "rows": len(edition.site.collection(collection)), "anchor": f"{collection.name}-{extension}"}
        for collection in PUBLISHED for extension in FORMATS
    ]
    tables = [
        {"name": collection.name, "title": collection.plural(language).capitalize(),
         "columns": [{"name": column.name, "type": _type_label(edition, column),
                      "description": column.descriptions[language]} for column in columns(collection)]}
        for collection in PUBLISHED
    ]
    owner = publisher(edition)
    other = next(other for other in LANGUAGES if other != language)
    return render(
        "open_data.html", language, files=files, tables=tables, licence=DATA_LICENCE,
        publisher=owner.name(language) if owner else None,
        package=data_package_path().removeprefix(DATA_URL),
        catalogue=edition.roots["sv"] + dcat_catalogue_path(),
        catalogue_href=relative_url(page_url, dcat_catalogue_path()) if language == "sv"
        else edition.roots["sv"] + dcat_catalogue_path(),
        other_url=edition.roots[other] + DATA_URL, other_language=other,
        other_label=i18n.t(other, "open_data.other_language"),
    )


__all__ = ["DATA_LICENCE", "NOT_PUBLISHED", "PUBLISHED", "columns", "data_package", "data_pages", "date_cell",
           "open_data_files", "rows"]
