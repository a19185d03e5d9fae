"""Load and validate everything under content/, collecting every problem before reporting."""

from __future__ import annotations

import errno
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lce_platform.content.characters import invisible_problem
from lce_platform.content.collections import COLLECTIONS, PAGES, Collection, collection_of
from lce_platform.content.errors import ContentError, ContentErrors, allowed_list, closest
from lce_platform.content.model import (
    ALL_SECTORS,
    DEFAULT_LANGUAGE,
    ID_PATTERN,
    ONLINE,
    VOCABULARIES,
    StrictModel,
)
from lce_platform.content.read_ahead import ReadAhead
from lce_platform.content.site import Entry, Site, Variant
from lce_platform.content.source import SourceFile, field_name, read_source, read_yaml_file
from lce_platform.reuse import Same, keeping, kept_while

VOCABULARY_DIR = "vocabularies"
TRANSLATION_SUFFIX = ".en.md"
_ID = re.compile(ID_PATTERN)
_NAMED_FIELD = re.compile(r"^([a-z_/]+): ")


def _clean_location(location: tuple, data: Any) -> tuple:
    """Drop pydantic's internal parts (union tags, validator names) from an error location."""
    clean: list = []
    current = data
    for part in location:
        if isinstance(current, dict) and part in current:
            clean.append(part)
            current = current[part]
        elif isinstance(current, list | tuple) and isinstance(part, int) and part < len(current):
            clean.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not clean and "[" not in part:
            clean.append(part)
            current = None
    return tuple(clean)


def _describe(error: dict, model: type[BaseModel], location: tuple) -> tuple[str, str | None, str | None]:
    """What is wrong, what is allowed and a suggestion, for one pydantic error."""
    kind = error["type"]
    context = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        field = model.model_fields.get(location[-1]) if len(location) == 1 else None
        return "is required" + (f" ({field.description})" if field and field.description else ""), None, None
    if kind == "extra_forbidden":
        fields = list(model.model_fields) if len(location) == 1 else []
        name = str(location[-1])
        article = "an" if model.__name__[0] in "AEIOU" else "a"
        return (f"is not a field of {article} {model.__name__.lower()}",
                allowed_list(fields, limit=40) if fields else None, closest(name, fields) if fields else None)
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", context.get("expected", ""))
        return f"'{value}' is not allowed", ", ".join(allowed), closest(value, allowed)
    if kind == "unknown_ref":
        return error["msg"], context.get("allowed"), context.get("suggestion")
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {context['max_length']}", None, None
    if kind == "string_too_short":
        return f"is too short; at least {context['min_length']} characters", None, None
    if kind == "string_pattern_mismatch" and isinstance(value, str) and invisible_problem(value):
        return invisible_problem(value), None, None
    if kind == "string_pattern_mismatch":
        return f"'{value}' has the wrong form; lowercase words joined by '-', like 'visual-arts'", None, None
    if kind in ("string_type", "tuple_type", "list_type", "int_type", "int_parsing", "dict_type", "model_type"):
        expected = {"string_type": "text", "tuple_type": "a list", "list_type": "a list", "int_type": "a whole number",
                    "int_parsing": "a whole number", "dict_type": "fields", "model_type": "fields"}[kind]
        return f"must be {expected}, not {type(value).__name__} {value!r}"[:200], None, None
    message = error["msg"]
    return message.removeprefix("Value error, "), None, None


def validation_errors(error: ValidationError, model: type[BaseModel], source: SourceFile) -> list[ContentError]:
    """Turn a pydantic ValidationError into content errors with file, line and field."""
    problems = []
    for item in error.errors(include_url=False):
        location = _clean_location(item["loc"], source.data)
        problem, allowed, suggestion = _describe(item, model, location)
        field = field_name(location)
        named = _NAMED_FIELD.match(problem)
        if named and named.group(1) in model.model_fields:
            # A rule over several fields names its own field first ("end: … is before start").
            field, problem = named.group(1), problem[named.end():]
            location = (field,)
        problems.append(ContentError(source.path, source.line_of(location), field, problem, allowed, suggestion))
    return problems


def _validate(model: type[StrictModel], source: SourceFile, context: dict, errors: list) -> StrictModel | None:
    try:
        return model.model_validate(source.data, context=context)
    except ValidationError as error:
        errors.extend(validation_errors(error, model, source))
        return None


_vocabularies: list[tuple[dict, object, dict, list[ContentError]]] = []
"""The preview server's last vocabularies: their raw data, the context, the validated ones and their errors."""
_contexts: list[tuple[tuple, object]] = []
"""The preview server's last validation context and the token that stands for it."""


def _context_token(context: dict) -> object:
    """An object that stays the same from one preview rebuild to the next while the context does (compared once per
    rebuild, not once per file)."""
    key = (tuple(sorted((name, frozenset(ids)) for name, ids in context["known"].items())),
           tuple(sorted(context["area_programme"].items(), key=repr)))
    if not _contexts or _contexts[0][0] != key:
        _contexts[:] = [(key, object())]
    return _contexts[0][1]


Read = TypeVar("Read")


def _read_or_collect(read: Callable[[], Read], errors: list[ContentError]) -> Read | None:
    """What `read` returns, or None with the content errors it raised added to `errors`."""
    try:
        return read()
    except ContentError as error:
        errors.append(error)
    except ContentErrors as group:
        errors.extend(group.errors)
    return None


def load_vocabularies(content_dir: Path, repo_prefix: str, errors: list,
                      broken: set[str] = frozenset()) -> dict[str, tuple[dict, dict, str]]:
    """Read content/vocabularies/*.yml: by vocabulary, its raw data, the line of each key and its shown path (the
    files in `broken`, links already reported, are left out)."""
    folder = content_dir / VOCABULARY_DIR
    raw: dict[str, tuple[dict, dict, str]] = {}
    reported = set(broken)  # files with an error of their own: not "missing" as well
    if repo_prefix + VOCABULARY_DIR in broken:  # a link to a folder: not read, and reported already
        return raw
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        shown = f"{repo_prefix}{VOCABULARY_DIR}/{path.name}"
        if shown in broken:
            continue
        name = path.name.removesuffix(".yml")
        if path.suffix != ".yml" or name not in VOCABULARIES:
            errors.append(ContentError(shown, 1, "file", "is not a vocabulary file",
                                       allowed_list(f"{n}.yml" for n in VOCABULARIES), closest(name, VOCABULARIES)))
            continue
        parsed = _read_or_collect(lambda: read_yaml_file(path, shown), errors)
        if parsed is None:
            reported.add(shown)
            continue
        data, lines = parsed
        if not isinstance(data, dict):
            errors.append(ContentError(shown, 1, "file", "must map ids to entries ('music:' then its fields)"))
            reported.add(shown)
            continue
        raw[name] = (data, lines, shown)
    for name in VOCABULARIES:
        if name not in raw and f"{repo_prefix}{VOCABULARY_DIR}/{name}.yml" not in reported:
            errors.append(ContentError(f"{repo_prefix}{VOCABULARY_DIR}/{name}.yml", 1, "file", "is missing"))
    return raw


def _validate_vocabularies(raw: dict, context: dict, errors: list) -> dict[str, dict[str, Any]]:
    validated: dict[str, dict[str, Any]] = {name: {} for name in VOCABULARIES}
    for name, (data, lines, shown) in raw.items():
        model = VOCABULARIES[name]
        for key, value in data.items():
            key = str(key)
            source = SourceFile(shown, value if isinstance(value, dict) else {}, "",
                                {loc[1:]: line for loc, line in lines.items() if loc and loc[0] == key})
            source.lines.setdefault((), lines.get((key,), 1))
            if not _ID.match(key):
                errors.append(ContentError(shown, lines.get((key,), 1), key, invisible_problem(key) or
                                           "is not a valid id; lowercase words joined by '-', like 'visual-arts'"))
                continue
            if name == "sectors" and key == ALL_SECTORS:
                errors.append(ContentError(shown, lines.get((key,), 1), key, "'all' is reserved for every sector"))
                continue
            entry = _validate(model, source, context, errors) if isinstance(value, dict) else None
            if not isinstance(value, dict):
                errors.append(ContentError(shown, lines.get((key,), 1), key, "must have fields (label: …)"))
            if entry is not None:
                validated[name][key] = entry
    return validated


def _classify(relative: str) -> tuple[Collection[Any], str, str]:
    """Collection, base src_uri and language of a Markdown file path under content/."""
    language = None
    base = relative
    if relative.endswith(TRANSLATION_SUFFIX):
        language, base = "en", relative[: -len(TRANSLATION_SUFFIX)] + ".md"
    return collection_of(relative), base, language or DEFAULT_LANGUAGE


def _place_problem(collection: Collection[Any], parts: list[str]) -> str | None:
    """What is wrong with the place of a file of a collection with its own folder (its parts: folders and name)."""
    level = collection.level
    if len(parts) != collection.depth:
        return f"is in the wrong place; {collection.plural('en')} live in {collection.place_with_example}"
    if not _ID.match(parts[-1]):
        return "name " + (invisible_problem(parts[-1]) or
                          "must be lowercase words joined by '-' (no spaces, å, ä, ö or capitals)")
    if level and level.form and not level.form.match(parts[1]):
        return f"folder '{parts[1]}' is not {level.form_words}"
    return None


def _path_problems(collection: Collection[Any], base: str, shown: str) -> list[ContentError]:
    place_problem = None if collection.catch_all else _place_problem(collection, base[: -len(".md")].split("/"))
    problems = [ContentError(shown, 1, "file", place_problem)] if place_problem else []
    if base.endswith(".sv.md"):
        problems.append(ContentError(shown, 1, "file", "Swedish is the default language: name the file without .sv"))
    return problems


def content_tree(content_dir: Path, repo_prefix: str = "content/") -> tuple[list[str], list[ContentError]]:
    """Every Markdown file under content/ (posix paths relative to it, as MkDocs sees them) and the problems of the
    tree itself: symbolic links that lead outside it, nowhere or in a circle, links to folders, folders named like
    Markdown files, Markdown names that are no file."""
    files: list[str] = []
    problems: list[ContentError] = []
    _add_markdown_files(str(content_dir), "", files, problems, os.path.realpath(content_dir), repo_prefix)
    return sorted(files), problems


def _is_markdown(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in (".md", ".markdown")


def _add_markdown_files(folder: str, prefix: str, files: list[str], problems: list[ContentError], root: str,
                        repo_prefix: str) -> None:
    # The folder's listing says which names are files and links: no file is stat'ed (a preview rebuild lists
    # thousands); only a link is followed, to see where it leads.
    try:
        listing = list(os.scandir(folder))
    except OSError as error:
        if prefix:
            problems.append(ContentError(repo_prefix + prefix.rstrip("/"), 1, "folder",
                                         f"cannot be read: {error.strerror}; check the folder's permissions"))
        return
    for item in listing:
        if item.name.startswith("."):
            continue
        relative = prefix + item.name
        shown = repo_prefix + relative
        if item.is_symlink():
            problem = _link_problem(item.path, root)
            if problem:
                problems.append(ContentError(shown, 1, "file", problem))
                continue
        if item.is_dir():
            if item.is_symlink():
                # MkDocs would enter it (its own copies of the files), the loader does not: no page is left out.
                problems.append(ContentError(shown, 1, "folder", f"is a symbolic link to the folder "
                                             f"{os.readlink(item.path)}; links to folders are not followed: move "
                                             "the folder here, or link to its pages from a page"))
            elif _is_markdown(item.name):
                suffix = os.path.splitext(item.name)[1]
                problems.append(ContentError(shown, 1, "folder", "is a folder, named like a Markdown file; a page "
                                             f"is a file: rename the folder (without '{suffix}'), or move the page "
                                             "out of it"))
            else:
                _add_markdown_files(item.path, relative + "/", files, problems, root, repo_prefix)
        elif _is_markdown(item.name) and not relative.startswith(VOCABULARY_DIR + "/"):
            if item.is_file():
                files.append(relative)
            else:
                problems.append(ContentError(shown, 1, "file", "is not a file (a named pipe, socket or device); "
                                             "replace it with the page's Markdown file"))


def _link_problem(path: str, root: str) -> str | None:
    """What is wrong with a symbolic link under content/: it leads outside content/, nowhere, or round in a circle."""
    written = os.readlink(path)
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return (f"is a symbolic link in a circle (to {written}, which leads back to it); replace the link with "
                    "the file itself")
        return f"is a symbolic link to {written}, which does not exist; replace the link with the file itself"
    if target != root and not target.startswith(root + os.sep):
        return (f"is a symbolic link to {written}, outside content/: the site would publish what it points to; copy "
                "the file into content/ instead of linking to it")
    return None


def load_site(content_dir: Path, today: date, repo_prefix: str = "content/", readers: int = 1) -> Site:
    """Load every content file and vocabulary; raise ContentErrors listing every problem at once. With `readers`
    over 1, as many processes besides this one read the files ahead of it (read_ahead.py; `lce check`)."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    files, tree_problems = content_tree(content_dir, repo_prefix)
    errors.extend(tree_problems)
    broken = {error.path for error in tree_problems}
    raw_vocabularies = load_vocabularies(content_dir, repo_prefix, errors, broken)

    groups: dict[str, dict[str, str]] = {}
    collections: dict[str, Collection[Any]] = {}
    for relative in files:
        shown = repo_prefix + relative
        if relative.endswith(".markdown") or relative.endswith(".MD"):
            errors.append(ContentError(shown, 1, "file", "Markdown files end in '.md'"))
            continue
        collection, base, language = _classify(relative)
        errors.extend(_path_problems(collection, base, shown))
        groups.setdefault(base, {})[language] = relative
        collections[base] = collection

    errors.extend(_address_conflicts(groups, collections, repo_prefix))

    known: dict[str, set[str]] = {name: {str(key) for key in data} for name, (data, _l, _s) in raw_vocabularies.items()}
    known["sectors"] = known.get("sectors", set()) | {ALL_SECTORS}
    known["venues"] = known.get("venues", set()) | {ONLINE}
    known.update({name: set() for name in COLLECTIONS})
    for base, collection in collections.items():
        known[collection.name].add(collection.entry_id(base))
    area_programme = {
        str(key): value.get("programme") for key, value in raw_vocabularies.get("areas", ({}, {}, ""))[0].items()
        if isinstance(value, dict)
    }
    context = {"known": known, "area_programme": area_programme}
    context_token = _context_token(context) if keeping() else None
    if context_token is not None and _vocabularies and _vocabularies[0][:2] == (raw_vocabularies, context_token):
        vocabularies = _vocabularies[0][2]  # the same object: work kept by it (reuse.Same) is found again
        errors.extend(_vocabularies[0][3])
    else:
        found: list[ContentError] = []
        vocabularies = _validate_vocabularies(raw_vocabularies, context, found)
        errors.extend(found)
        if context_token is not None:
            _vocabularies[:] = [(raw_vocabularies, context_token, vocabularies, found)]

    entries: dict[str, Entry] = {}
    read = read_source
    if readers > 1 and context_token is None:
        read = ReadAhead([(os.path.join(content_dir, relative), repo_prefix + relative)
                          for base, languages in groups.items()
                          for _language, relative in _reading_order(collections[base], languages)], readers - 1)
    try:
        for base, languages in groups.items():
            collection = collections[base]
            if context_token is None:
                entry = _entry(content_dir, base, collection, languages, repo_prefix, context, errors, read)
            else:
                entry = _kept_entry(content_dir, base, collection, languages, repo_prefix, context, context_token,
                                    errors)
            if entry is not None:
                entries[base] = entry
    finally:
        if isinstance(read, ReadAhead):
            read.close()

    if errors:
        raise ContentErrors(errors)
    return Site(content_dir=content_dir, today=today, vocabularies=vocabularies, entries=entries)


def _kept_entry(content_dir: Path, base: str, collection: Collection[Any], languages: dict[str, str],
                repo_prefix: str, context: dict, context_token: object, errors: list) -> Entry | None:
    """_entry, which the preview server keeps (the same object) while its files' parses and the context stay."""
    sources = tuple(
        (language, relative,
         _read_or_collect(lambda: read_source(os.path.join(content_dir, relative), repo_prefix + relative), []))
        for language, relative in sorted(languages.items()))
    if any(source is None for _l, _r, source in sources):  # a file that cannot be read is read (and reported) anew
        return _entry(content_dir, base, collection, languages, repo_prefix, context, errors)
    key = (collection, tuple((language, relative, Same(source)) for language, relative, source in sources), context_token)

    def made() -> tuple[Entry | None, list[ContentError]]:
        found: list[ContentError] = []
        return _entry(content_dir, base, collection, languages, repo_prefix, context, found), found

    # The last entry of each base path: made from its files' parses and the validation context, with its errors.
    entry, found = kept_while(("entry", base), key, made)
    errors.extend(found)
    return entry


def _data_language(collection: Collection[Any], languages: dict[str, str]) -> str | None:
    """The language of the file that holds an entry's fields: Swedish, or English for a page written only in English;
    None for a translation without its Swedish file."""
    if DEFAULT_LANGUAGE in languages:
        return DEFAULT_LANGUAGE
    return "en" if collection is PAGES else None


def _reading_order(collection: Collection[Any], languages: dict[str, str]) -> list[tuple[str, str]]:
    """The files of an entry (language, path under content/) in the order they are read: the fields' file first."""
    data_language = _data_language(collection, languages)
    if data_language is None:
        return []
    return sorted(languages.items(), key=lambda item: item[0] != data_language)


def _entry(content_dir: Path, base: str, collection: Collection[Any], languages: dict[str, str], repo_prefix: str,
           context: dict, errors: list, read: Callable[[str, str], SourceFile] = read_source) -> Entry | None:
    """The entry of one base path (its file and translation), or None with its errors added to `errors`."""
    data_language = _data_language(collection, languages)
    if data_language is None:
        errors.append(ContentError(repo_prefix + languages["en"], 1, "file",
                                   f"is a translation without its Swedish file {repo_prefix}{base}; "
                                   "the Swedish file holds the fields"))
        return None
    variants: dict[str, Variant] = {}
    data = None
    for language, relative in _reading_order(collection, languages):
        shown = repo_prefix + relative
        source = _read_or_collect(lambda: read(os.path.join(content_dir, relative), shown), errors)
        if source is None:
            continue
        if language == data_language:
            data = _validate(collection.model, source, context, errors)
            fields = {}
        else:
            translated = _validate(collection.translation, source, context, errors)
            fields = translated.model_dump(exclude_none=True) if translated else {}
        variants[language] = Variant(language, shown, fields, source.body, source.body_line, source.lines)
    if data is None:
        return None
    entry = Entry(collection, collection.entry_id(base), base, data, variants)
    errors.extend(_entry_problems(entry, repo_prefix))
    return entry


def _address_conflicts(groups: dict[str, dict[str, str]], collections: dict[str, Collection[Any]],
                       repo_prefix: str) -> list[ContentError]:
    """Files that claim one page (about.md and about/index.md, index.md and README.md, About.md and about.md, a name
    in two Unicode forms): each error is on the file to rename or move and names the file it clashes with."""
    claims: dict[str, list[tuple[str, str]]] = {}
    for base in sorted(groups):
        address = collections[base].url_rule(base)
        relative = groups[base].get(DEFAULT_LANGUAGE, next(iter(groups[base].values())))
        claims.setdefault(folded_address(address), []).append((address, relative))
    problems = []
    for claimants in claims.values():
        if len(claimants) < 2:
            continue
        kept = min(claimants, key=lambda claim: _stray_rank(claim[1]))
        problems.extend(ContentError(repo_prefix + relative, 1, "file", _clash(address, relative, kept, repo_prefix))
                        for address, relative in claimants if (address, relative) != kept)
    return problems


def folded_address(address: str) -> str:
    """An address as a case-insensitive file system or a browser's typed address may take it: one Unicode form,
    no case (About/ and about/ are one folder on Windows and macOS)."""
    return unicodedata.normalize("NFC", address).casefold()


def _stray_rank(relative: str) -> tuple:
    """Of files that claim one address, the lowest is the one that keeps it: a name in NFC form, without capitals,
    a folder's index.md rather than its README.md (which MkDocs skips) or a page of the same name beside it."""
    name = _name(relative)
    return (unicodedata.normalize("NFC", relative) != relative, relative != relative.lower(), name == "README",
            name != "index", relative)


def _clash(address: str, relative: str, kept: tuple[str, str], repo_prefix: str) -> str:
    """Why a file cannot have its address, and what to do, given the file that keeps it."""
    kept_address, kept_relative = kept
    other = repo_prefix + kept_relative
    if unicodedata.normalize("NFC", relative) == unicodedata.normalize("NFC", kept_relative) or (
            unicodedata.normalize("NFC", address) == unicodedata.normalize("NFC", kept_address)
            and address != kept_address):
        return (f"has the name of {other} written in another Unicode form (letters like å made of two characters, as "
                "macOS may save them): the two are one address and one file on macOS; delete one, or type its "
                "name anew")
    if address != kept_address:
        return (f"differs from {other} only in capitals (/{address} and /{kept_address}): Windows and macOS take "
                "them for one file; rename it, in lowercase")
    if _name(kept_relative) == "index" and _name(relative) == "README":
        return (f"has the same address /{address} as {other}, the folder's page (MkDocs skips a README.md beside "
                f"an index.md); move its text into {other} or rename it")
    if _name(kept_relative) == "index":
        return (f"has the same address /{address} as {other}, the page of the folder /{address}; move its text "
                f"into {other} or rename it")
    return f"has the same address /{address} as {other}; rename or move it"


def _name(relative: str) -> str:
    """A Markdown file's name without its language and '.md': 'index' for about/index.en.md."""
    return posixpath.basename(relative[: -len(".md")].removesuffix(".en"))


def _entry_problems(entry: Entry, repo_prefix: str) -> list[ContentError]:
    """Rules between a file's place and its fields."""
    parts = entry.src_uri[: -len(".md")].split("/")
    collection, level = entry.collection, entry.collection.level
    if level is None or len(parts) != collection.depth or (level.form and not level.form.match(parts[1])):
        return []
    expected = level.folder_of(getattr(entry.data, level.field))
    if expected == parts[1]:
        return []
    return [ContentError(entry.path, entry.line_of(level.field), level.field, level.mismatch.format(
        expected=expected, folder=parts[1], place=f"content/{collection.name}/{expected}/"))]
