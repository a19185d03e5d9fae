"""Reading a content file: YAML frontmatter with the line of every field, and the Markdown body."""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from pathlib import Path

import frontmatter
import yaml

from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.reuse import keeping

Location = tuple[str | int, ...]


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


def parse_yaml_with_lines(text: str, path: str, first_line: int = 1) -> tuple[object, dict[Location, int]]:
    """Parse YAML text; return the data and the line of every key and list item (raises ContentError)."""
    offset = first_line - 1
    try:
        loader = _ContentLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        reason = error.problem or str(error)
        raise ContentError(path, line, "frontmatter", f"is not valid YAML: {reason}") from None
    except yaml.YAMLError as error:
        raise ContentError(path, first_line, "frontmatter", f"is not valid YAML: {error}") from None
    lines: dict[Location, int] = {}
    errors: list[ContentError] = []
    if node is not None:
        _walk(node, (), lines, path, errors)
    if errors:
        raise ContentErrors(errors)
    return data, {location: line + offset for location, line in lines.items()}


_parsed: dict[Path, tuple[tuple[int, int, int], SourceFile]] = {}
"""Files the preview server parsed, by their stat: a rebuild re-reads only what was saved."""


def read_source(abs_path: Path, path: str) -> SourceFile:
    """Read a Markdown file with YAML frontmatter (raises ContentError naming file and line)."""
    if not keeping():
        return _parse_source(abs_path, path)
    stat = abs_path.stat()
    version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
    cached = _parsed.get(abs_path)
    if cached is not None and cached[0] == version and cached[1].path == path:
        return cached[1]
    source = _parse_source(abs_path, path)
    _parsed[abs_path] = (version, source)
    return source


def _parse_source(abs_path: Path, path: str) -> SourceFile:
    try:
        text = abs_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, 1, "file", "is not UTF-8 text; save it as UTF-8") from None
    text = text.removeprefix("\ufeff")
    handler = frontmatter.default_handlers.YAMLHandler()
    if not handler.detect(text):
        raise ContentError(
            path, 1, "frontmatter",
            "is missing; start the file with a line '---', the fields, and another line '---'",
        )
    raw, body = handler.split(text)
    # The split keeps the end of the opening '---' line, so the YAML text starts on line 1.
    data, lines = parse_yaml_with_lines(raw, path, first_line=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(path, 1, "frontmatter", "must be fields written as 'name: value', one a line")
    # The split leaves the closing fence's line break at the start of the body: count from the first text.
    body_line = text.count("\n", 0, len(text) - len(body.lstrip("\r\n"))) + 1
    return SourceFile(path=path, data=data, body=body, lines=lines, body_line=body_line)
