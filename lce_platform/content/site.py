"""The loaded site: every entry of every collection with its language versions, and the vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic

from lce_platform.aside import aside_field
from lce_platform.content.collections import Collection, ModelT
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES


@dataclass(frozen=True)
class Variant:
    """One language version of an entry: its file, its translated fields and its body."""

    language: str
    path: str
    fields: dict[str, Any]
    body: str
    body_line: int
    lines: dict = field(default_factory=dict, compare=False, repr=False)


# Every body is loaded before a build converts the first: held in memory they would be the whole archive's text.
Variant.body = aside_field("body")  # type: ignore[assignment]


@dataclass
class Entry(Generic[ModelT]):
    """One content item (a file and its translation) of a collection; `data` holds its collection's model."""

    collection: Collection[ModelT]
    id: str
    src_uri: str
    data: ModelT
    variants: dict[str, Variant] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Repo-relative path of the file holding the data (for messages)."""
        return self.variants[self.data_language].path

    @property
    def data_language(self) -> str:
        """The language of the file that holds the data (Swedish unless only an English file exists)."""
        return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in self.variants else next(iter(self.variants))

    def variant(self, language: str) -> Variant:
        """The version to show in `language`: its own, or the other one as a fallback."""
        if language in self.variants:
            return self.variants[language]
        return self.variants[self.data_language]

    def line_of(self, name: str) -> int:
        """Line of a field in the data file (1 when not written)."""
        return self.variants[self.data_language].lines.get((name,), 1)

    def is_fallback(self, language: str) -> bool:
        """True when the page in `language` shows the other language's text."""
        return language not in self.variants

    def text(self, name: str, language: str) -> Any:
        """A field in `language`: the translation's value, else the data file's."""
        value = self.variant(language).fields.get(name)
        return getattr(self.data, name) if value is None else value

    def title(self, language: str) -> str:
        """The title in `language` (with fallback)."""
        return self.text("title", language)

    @property
    def url(self) -> str:
        """Directory-style URL relative to a language root ('' for the home page)."""
        return self.collection.url_rule(self.src_uri)


@dataclass
class Site:
    """All content of the site, validated."""

    content_dir: Path
    today: date
    vocabularies: dict[str, dict[str, Any]]
    entries: dict[str, Entry[Any]]

    def collection(self, collection: Collection[ModelT]) -> list[Entry[ModelT]]:
        """Entries of one collection, in path order."""
        return [entry for entry in self.entries.values() if entry.collection is collection]

    def by_id(self, collection: Collection[ModelT], entry_id: str) -> Entry[ModelT] | None:
        """An entry of a collection by its id."""
        return self._index.get((collection, entry_id))

    @property
    def _index(self) -> dict[tuple[Collection[Any], str], Entry[Any]]:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {(entry.collection, entry.id): entry for entry in self.entries.values()}
            self.__dict__["_index_cache"] = index
        return index

    def label(self, vocabulary: str, entry_id: str, language: str) -> str:
        """The label of a vocabulary entry in `language`."""
        return self.vocabularies[vocabulary][entry_id].label(language)


__all__ = ["Entry", "LANGUAGES", "Site", "Variant"]
