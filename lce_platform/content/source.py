"""Reading a content file: YAML frontmatter with the line of every field, and the Markdown body."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
import re
from pathlib import Path
from typing import TypeVar

import yaml

from lce_platform.content.characters import REFUSED, refused_problem
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.reuse import keeping, kept_while

Location = tuple[str | int, ...]

# Limits no real file comes near (the largest is tens of kilobytes), so that no file can make reading slow:
MAX_FILE_BYTES = 2_000_000
"""Size of a content file, vocabulary or interface text file."""
MAX_DEPTH = 20
"""Levels of lists and fields inside each other (activities use 3: sessions, a session, its fields)."""
MAX_FIELD_CHARS = 100_000
"""Characters of one value: the longest field the model allows, a recording's transcript."""
MAX_CHARACTER_ERRORS = 20
"""Refused characters reported one by one in a file; the rest are counted."""


class _ContentLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that leaves dates as text (we parse them ourselves) and knows only true/false as booleans."""


_ContentLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _whole_number(loader: _ContentLoader, node: yaml.ScalarNode) -> int:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits (a guard against slow conversion).
        raise yaml.constructor.ConstructorError(None, None, f"a number of {len(node.value):,} digits is too long",
                                                node.start_mark) from None


_ContentLoader.add_constructor("tag:yaml.org,2002:int", _whole_number)


@dataclass
class SourceFile:
    """One content file split into its data, the line of each field and its body."""

    path: str
    data: dict
    body: str
    lines: dict[Location, int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, location: Location) -> int:
        """The line of a field, or of its nearest written parent, or of the frontmatter start."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return 1


def refused_characters(text: str) -> list[tuple[int, int, str]]:
    """Refused characters of a text as (line, position, character), the line counted from 1: the first of
    each character on each line, at most MAX_CHARACTER_ERRORS + 1 of them (one more tells there are more)."""
    if text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        # Every refused character is one Python does not print (a control or format character, a noncharacter):
        # most texts have none, found this way in half the time of the search below.
        return []
    found: dict[tuple[int, str], int] = {}
    line, counted = 1, 0
    for match in REFUSED.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.setdefault((line, match.group()), match.start())
        if len(found) > MAX_CHARACTER_ERRORS:
            break
    return [(line, position, character) for (line, character), position in found.items()]


def _field_at(line: int, lines: dict[Location, int]) -> str:
    """The field written on a line or the nearest above it (the innermost when several start there)."""
    best: Location = ()
    for location, start in lines.items():
        if start <= line and (start, len(location)) > (lines.get(best, 0), len(best)):
            best = location
    return field_name(best)


def field_name(location: Location) -> str:
    """A field's location as staff read it: sessions[0].start."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "frontmatter"


def character_errors(found: list[tuple[int, int, str]], path: str, first_line: int,
                     lines: dict[Location, int] | None, body_field: str | None = None) -> list[ContentError]:
    """Content errors for refused characters (from refused_characters), naming the field or the body."""
    errors = []
    for number, (line, _position, character) in enumerate(found):
        line += first_line - 1
        where = body_field or (_field_at(line, lines) if lines else "frontmatter")
        if number == MAX_CHARACTER_ERRORS:
            errors.append(ContentError(path, line, where, "and more lines from here hold invisible or control "
                                       "characters; delete them"))
            break
        errors.append(ContentError(path, line, where, refused_problem(character)))
    return errors


def _walk(node: yaml.Node, location: Location, lines: dict[Location, int], path: str, errors: list) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                errors.append(
                    ContentError(path, key_node.start_mark.line + 1, ".".join(map(str, location + (key,))),
                                 "written twice; keep one")
                )
            seen.add(key)
            lines[location + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, location + (key,), lines, path, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[location + (index,)] = item.start_mark.line + 1
            _walk(item, location + (index,), lines, path, errors)


def _refusal(event: yaml.Event, tags: bool = False) -> str | None:
    """Why an event is not read: an alias, an anchor or a tag (staff never need them; aliases make files explode)."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        written = f"the alias '*{event.anchor}'" if isinstance(event, yaml.AliasEvent) else f"the anchor '&{event.anchor}'"
        return (f"uses {written}; aliases and anchors are not read (they let a few lines grow to gigabytes); "
                "write the value out")
    if not tags and getattr(event, "tag", None) not in (None, "!"):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        return f"uses the YAML tag '{tag}'; tags are not read; write the value plainly (quote it to keep it text)"
    if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_FIELD_CHARS:
        return (f"holds a value of {len(event.value):,} characters; the limit is {MAX_FIELD_CHARS:,} "
                "(the longest field, a transcript, fits in it)")
    return None


def _location(stack: list[yaml.Node], keys: list[yaml.Node | None]) -> Location:
    """Where the composer is: in each open list or mapping, the item or key whose value is being read."""
    location: list[str | int] = []
    for depth, (node, key) in enumerate(zip(stack, keys)):
        inside = depth < len(stack) - 1  # an open collection below this one is its last item's value
        if isinstance(node, yaml.SequenceNode):
            location.append(len(node.value) - 1 if inside else len(node.value))
        elif key is not None:
            location.append(str(key.value))
        elif inside and node.value:
            location.append(str(node.value[-1][0].value))
    return tuple(location)


def _compose(loader: _ContentLoader, path: str, offset: int, tags: bool = False) -> yaml.Node | None:
    """PyYAML's composer without recursion, refusing aliases, anchors, tags and what is past the limits.

    Every event is looked at once, so the time is proportional to the size of the text."""
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    root: yaml.Node | None = None
    stack: list[yaml.Node] = []
    keys: list[yaml.Node | None] = []
    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop().end_mark = event.end_mark
            keys.pop()
            continue
        refusal = _refusal(event, tags)
        if refusal is None and isinstance(event, yaml.CollectionStartEvent) and len(stack) >= MAX_DEPTH:
            refusal = f"nests lists and fields more than {MAX_DEPTH} levels deep, the limit"
        if refusal:
            raise ContentError(path, event.start_mark.line + 1 + offset, field_name(_location(stack, keys)), refusal)
        if isinstance(event, yaml.ScalarEvent):
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            node: yaml.Node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            node = yaml.SequenceNode(loader.resolve(yaml.SequenceNode, None, event.implicit), [],
                                     event.start_mark, None, flow_style=event.flow_style)
        else:
            node = yaml.MappingNode(loader.resolve(yaml.MappingNode, None, event.implicit), [],
                                    event.start_mark, None, flow_style=event.flow_style)
        if not stack:
            root = node
        elif isinstance(stack[-1], yaml.SequenceNode):
            stack[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            stack[-1].value.append((keys[-1], node))
            keys[-1] = None
        if isinstance(node, yaml.CollectionNode):
            stack.append(node)
            keys.append(None)
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        line = loader.peek_event().start_mark.line + 1 + offset
        raise ContentError(path, line, "frontmatter", "holds a second YAML document; remove the line '---' or '...'")
    return root


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("bool", "float", "int", "null"))
"""Tags of plain scalars besides text (true, 1.5, 3, ~) that the plain reading makes with the loader's constructors."""
_TEXT_TAG = "tag:yaml.org,2002:str"
_BY_FIRST_CHARACTER = not _ContentLoader.yaml_path_resolvers and None not in _ContentLoader.yaml_implicit_resolvers
"""Whether the loader resolves a plain scalar's tag by its first character alone (no resolver for any character or
path), so that a scalar whose first character starts no implicit tag is text without asking."""
_NO_KEY = object()


def _plain_yaml(text: str, path: str) -> tuple[object, dict[Location, int], list[ContentError]] | None:
    """The data, the line of every key and list item and the keys written twice of YAML text as most content files
    are written: one document of fields, lists and scalars (text, numbers, true/false, nothing), no anchor, alias or
    tag, nothing past the limits, keys that are scalars other than '<<' and '='. None for any other text and for
    text that is not valid YAML: `_compose` reads those event by event, says what is wrong, and builds what
    `_walk` and the loader's constructor read.

    The same data, lines and errors as those, made from the parser's events directly: no node is made, and each
    value is made once (the composed nodes, the constructed data and the walk of the nodes took most of a check)."""
    loader = _ContentLoader(text)
    try:
        return _plain_events(loader, path)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _plain_events(loader: _ContentLoader, path: str) -> tuple[object, dict[Location, int], list[ContentError]] | None:
    get_event, resolve, construct = loader.get_event, loader.resolve, loader.construct_object
    implicit_resolvers = loader.yaml_implicit_resolvers
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    lines: dict[Location, int] = {}
    errors: list[ContentError] = []
    get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None, lines, errors
    get_event()  # document start
    root: object = None
    # Each open list or mapping: [itself, its location, (a mapping's) key as written and as made awaiting its value,
    # the keys written so far].
    stack: list[list] = []
    while True:
        event = get_event()
        kind = type(event)
        if kind in collection_end:
            stack.pop()
            continue
        if kind is yaml.DocumentEndEvent:
            break
        tag = None
        if kind is scalar_event:
            value = event.value
            if event.anchor is not None or event.tag is not None or len(value) > MAX_FIELD_CHARS:
                return None
            implicit = event.implicit
            if implicit[0] and (_BY_FIRST_CHARACTER is False or implicit_resolvers.get(value[:1])):
                tag = resolve(yaml.ScalarNode, value, implicit)
            else:
                tag = _TEXT_TAG  # what resolve gives a quoted scalar, or one no implicit tag could start like
            if tag == _TEXT_TAG:
                made = value
            elif tag in _PLAIN_TAGS:
                made = construct(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style))
            else:
                return None
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                return None
            made = {} if kind is mapping_start else []
        else:
            return None  # an alias
        location: Location = ()
        if stack:
            frame = stack[-1]
            parent, location = frame[0], frame[1]
            if type(parent) is list:
                location += (len(parent),)
                lines[location] = event.start_mark.line + 1
                parent.append(made)
            elif frame[2] is _NO_KEY:
                if tag not in _KEY_TAGS:
                    return None  # a list or fields as a key, or a merge ('<<') or value ('=') key
                location += (value,)
                if value in frame[4]:
                    errors.append(ContentError(path, event.start_mark.line + 1, ".".join(map(str, location)),
                                               "written twice; keep one"))
                frame[4].add(value)
                lines[location] = event.start_mark.line + 1
                frame[2], frame[3] = value, made
                continue
            else:
                location += (frame[2],)
                parent[frame[3]] = made
                frame[2] = _NO_KEY
        else:
            root = made
        if tag is None:
            stack.append([made, location, _NO_KEY, None, set()])
    if not loader.check_event(yaml.StreamEndEvent):
        return None  # a second document
    return root, lines, errors


_KEY_TAGS = frozenset((_TEXT_TAG, *_PLAIN_TAGS))


def parse_yaml_with_lines(text: str, path: str, first_line: int = 1) -> tuple[object, dict[Location, int]]:
    """Parse YAML text; return the data and the line of every key and list item (raises ContentError).

    Bounded whatever the text: no aliases or anchors, at most MAX_DEPTH levels, values of at most
    MAX_FIELD_CHARS characters; invisible and control characters are errors naming the field."""
    offset = first_line - 1
    found = refused_characters(text)
    plain = None if found else _plain_yaml(text, path)
    if plain is not None:
        data, lines, errors = plain
        if offset:
            lines = {location: line + offset for location, line in lines.items()}
        if errors:
            raise ContentErrors(errors)
        return data, lines
    if found:
        # Parse a copy without them, to name the field each one is in.
        text = REFUSED.sub(" ", text)
    try:
        loader = _ContentLoader(text)
        try:
            node = _compose(loader, path, offset)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        reason = error.problem or str(error)
        problem = ContentError(path, line, "frontmatter", f"is not valid YAML: {reason}")
        if found:
            raise ContentErrors([problem, *character_errors(found, path, first_line, {})]) from None
        raise problem from None
    except yaml.YAMLError as error:
        raise ContentError(path, first_line, "frontmatter", f"is not valid YAML: {error}") from None
    except ContentError as problem:
        if found:
            raise ContentErrors([problem, *character_errors(found, path, first_line, {})]) from None
        raise
    lines: dict[Location, int] = {}
    errors: list[ContentError] = []
    if node is not None:
        _walk(node, (), lines, path, errors)
    lines = {location: line + offset for location, line in lines.items()}
    errors.extend(character_errors(found, path, first_line, lines))
    if errors:
        raise ContentErrors(errors)
    return data, lines


def config_problems(abs_path: Path, path: str) -> list[ContentError]:
    """Problems of a configuration file MkDocs reads (mkdocs.yml), checked before it does: the limits of content
    files (size, depth, length; no aliases or anchors, which MkDocs' own reader expands), its tags allowed."""
    try:
        loader = _ContentLoader(read_text(abs_path, path))
        try:
            _compose(loader, path, 0, tags=True)
        finally:
            loader.dispose()
    except ContentError as error:
        return [error]
    except ContentErrors as errors:
        return list(errors.errors)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return [ContentError(path, mark.line + 1 if mark else 1, "file", f"is not valid YAML: {error.problem}")]
    except yaml.YAMLError as error:
        return [ContentError(path, 1, "file", f"is not valid YAML: {error}")]
    return []


Parsed = TypeVar("Parsed")


def _kept_by_stat(abs_path: str | Path, path: str, parse: Callable[[], Parsed]) -> Parsed:
    """parse() of the file at abs_path (shown as `path`), which the preview server keeps while the file's stat stays:
    a rebuild re-reads only what was saved."""
    if not keeping():
        return parse()
    try:
        stat = os.stat(abs_path)  # a rebuild stats every content file: no Path made for it
    except OSError as error:
        raise ContentError(path, 1, "file", f"cannot be read: {error.strerror}") from None
    return kept_while(("parsed", abs_path), (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, path), parse)


def read_source(abs_path: str | Path, path: str) -> SourceFile:
    """Read a Markdown file with YAML frontmatter (raises ContentError naming file and line)."""
    return _kept_by_stat(abs_path, path, lambda: _parse_source(abs_path, path))


def read_yaml_file(abs_path: str | Path, path: str) -> tuple[object, dict[Location, int]]:
    """Read and parse a YAML file (a vocabulary): its data and the line of every key and list item."""
    return _kept_by_stat(abs_path, path, lambda: parse_yaml_with_lines(read_text(abs_path, path), path))


def read_text(abs_path: str | Path, path: str) -> str:
    """The text of a content, vocabulary or interface text file, at most MAX_FILE_BYTES of UTF-8 (else ContentError).
    A byte order mark is dropped and CRLF line ends are read as they are; git's merge-conflict lines are errors."""
    try:
        # Not blocking: a named pipe in place of a file would wait for a writer for ever.
        descriptor = os.open(abs_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise ContentError(path, 1, "file", "is not a file (a folder, named pipe or device); replace it with "
                                   "a text file")
            data = _read_at_most(descriptor, status.st_size, MAX_FILE_BYTES + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise ContentError(path, 1, "file", f"cannot be read: {error.strerror}; check that the file is there and "
                           "that its permissions let others read it") from None
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(path, 1, "file", f"is larger than {MAX_FILE_BYTES:,} bytes, the limit for a file of the "
                           "content; split it or link to the large part")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise ContentError(path, 1, "file", "is saved as UTF-16 (Unicode in Windows' Notepad); save it as UTF-8 "
                           "(in Notepad: Save as, Encoding: UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError(path, line, "file", f"is not UTF-8 text (byte 0x{data[error.start]:02X} on this line "
                           "is not UTF-8); save it as UTF-8") from None
    text = text.removeprefix("\ufeff")
    conflicts = conflict_problems(text, path)
    if conflicts:
        raise ContentErrors(conflicts)
    return text


def _read_at_most(descriptor: int, size: int, limit: int) -> bytes:
    """The first `limit` bytes of an open file, or all of it: read with a buffer of its size (`size`, as fstat gave
    it) and one byte more, not of `limit` (a buffer of two megabytes per file was most of the time of reading it)."""
    data = os.read(descriptor, min(size + 1, limit))
    while len(data) < limit and len(data) > size:  # it grew since fstat: read on
        more = os.read(descriptor, limit - len(data))
        if not more:
            break
        data += more
    return data


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: text where every other byte of the start is zero."""
    start = data[:400]
    return len(start) >= 8 and (start[0::2].count(0) > len(start) * 0.4 or start[1::2].count(0) > len(start) * 0.4)


# The lines git writes around a merge conflict: <<<<<<< ours, ||||||| base (diff3), ======= and >>>>>>> theirs.
_CONFLICT_LINE = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?\r?$", re.MULTILINE)


def conflict_problems(text: str, path: str) -> list[ContentError]:
    """A content error for each merge-conflict block that git left in a text (its first marker line), naming the
    frontmatter or the body. A line '=======' outside a block is Markdown (a heading's underline), not a conflict."""
    if "<<<<<<<" not in text and "|||||||" not in text and "=======" not in text and ">>>>>>>" not in text:
        return []  # the common case, found without the line-by-line search below (a tenth of its time)
    problems: list[ContentError] = []
    closing = _CLOSING.search(text, 3) if _OPENING.match(text) else None

    def where(position: int) -> str:
        if not path.endswith(".md"):
            return "file"
        return "frontmatter" if closing is not None and position < closing.start() else "body"

    opened: tuple[int, int] | None = None  # the line and position of the block's '<<<<<<<'
    line, counted = 1, 0
    for match in _CONFLICT_LINE.finditer(text):
        line += text.count("\n", counted, match.start())  # counted on from the last marker: linear in the text
        counted = match.start()
        marker = match.group(1)[0]
        if marker == "<":
            opened = (line, match.start())
        elif marker == ">":
            first, position = opened or (line, match.start())
            problems.append(ContentError(path, first, where(position), (
                f"holds a merge conflict left by git (lines {first}-{line}): " if opened else
                "holds the end of a merge conflict left by git (a line '>>>>>>>'): ") +
                "keep the version you want, between '<<<<<<<' and '=======' or between '=======' and '>>>>>>>', and "
                "delete the other and the marker lines"))
            opened = None
        if len(problems) >= MAX_CHARACTER_ERRORS:
            return problems
    if opened is not None:
        problems.append(ContentError(path, opened[0], where(opened[1]), "holds the start of a merge conflict left by "
                                     "git (a line '<<<<<<<') without its end; keep the version you want and delete "
                                     "the marker lines"))
    return problems


# The opening line '---' ends at its own line; the closing one, as python-frontmatter reads it, takes the blank
# lines after it, so the body starts at its first text (the Markdown of every page stays as it was).
_OPENING = re.compile(r"-{3,}[^\S\n]*$", re.MULTILINE)
_CLOSING = re.compile(r"^-{3,}\s*$", re.MULTILINE)


def _closing_fence(text: str, start: int) -> re.Match | None:
    """_CLOSING.search(text, start), looked for only where a line starts with '-' (a search tries every character)."""
    if start == 0 or text[start - 1:start] == "\n":
        found = _CLOSING.match(text, start)
        if found is not None:
            return found
    line = text.find("\n-", start)
    while line >= 0:
        found = _CLOSING.match(text, line + 1)
        if found is not None:
            return found
        line = text.find("\n-", line + 1)
    return None


def _parse_source(abs_path: str | Path, path: str) -> SourceFile:
    text = read_text(abs_path, path)
    opening = _OPENING.match(text)
    if opening is None:
        raise ContentError(
            path, 1, "frontmatter",
            "is missing; start the file with a line '---', the fields, and another line '---'",
        )
    closing = _closing_fence(text, opening.end())
    if closing is None:
        raise ContentError(path, 1, "frontmatter", "has no closing line '---'; end the fields with a line '---' "
                           "(the text of the page comes after it)")
    # The YAML text starts with the end of the opening line, so its line 1 is the file's line 1.
    raw, body = text[opening.end():closing.start()], text[closing.end():]
    body_errors = character_errors(refused_characters(body), path, text.count("\n", 0, closing.end()) + 1,
                                   None, body_field="body")
    try:
        data, lines = parse_yaml_with_lines(raw, path, first_line=1)
    except ContentError as error:
        raise ContentErrors([error, *body_errors]) from None
    except ContentErrors as group:
        raise ContentErrors([*group.errors, *body_errors]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        body_errors.append(ContentError(path, 1, "frontmatter", "must be fields written as 'name: value', one a line"))
    if body_errors:
        raise ContentErrors(body_errors)
    # The body starts with the closing fence's line break: count from the first text.
    body_line = text.count("\n", 0, len(text) - len(body.lstrip("\r\n"))) + 1
    return SourceFile(path=path, data=data, body=body, lines=lines, body_line=body_line)
