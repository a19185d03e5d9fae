"""Bad content stops the build with messages that name file, line and field, all at once."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, build_site, make_content

MISTAKES = FIXTURES / "mistakes"

# (fixture, file, line, field, words the message must contain)
EXPECTED = [
    ("unknown-field", "content/activities/2025/typo.md", 2, "titel", ["not a field", "did you mean 'title'"]),
    ("unknown-field", "content/activities/2025/typo.md", 1, "title", ["is required"]),
    ("unknown-status", "content/activities/2025/status.md", 7, "status", ["'fullbooked'", "scheduled", "did you mean 'full'"]),
    ("unknown-sector", "content/activities/2025/sector.md", 7, "sectors[1]", ["'musik'", "architecture", "did you mean 'music'"]),
    ("unknown-person", "content/activities/2025/person.md", 9, "contact[0]", ["'frida-alkestrand'", "did you mean 'frida-alkestrand-christensen'"]),
    ("bad-date", "content/activities/2025/date.md", 6, "start", ["2025-03-32", "is not a date", "2025-03-19T18:00"]),
    ("end-before-start", "content/activities/2025/ends-early.md", 7, "end", ["before start"]),
    ("invalid-yaml", "content/activities/2025/yaml.md", 5, "frontmatter", ["not valid YAML"]),
    ("missing-frontmatter", "content/activities/2025/no-fields.md", 1, "frontmatter", ["missing"]),
    ("missing-field", "content/activities/2025/no-type.md", 1, "type", ["is required"]),
    ("wrong-year-folder", "content/activities/2024/moved.md", 6, "start", ["content/activities/2025/"]),
    ("unknown-activity", "content/resources/material/slides.md", 7, "activity", ["'2025/disrupt-for-succes'", "did you mean '2025/disrupt-for-success'"]),
    ("area-of-other-programme", "content/activities/2025/area.md", 5, "area", ["belongs to programme 'learn-create-engage'"]),
    ("unsafe-url", "content/activities/2025/url.md", 8, "registration", ["not a web address", "https:"]),
    ("orphan-translation", "content/activities/2025/only-english.en.md", 1, "file", ["without its Swedish file"]),
    ("duplicate-field", "content/activities/2025/twice.md", 9, "title", ["written twice"]),
    ("bad-vocabulary", "content/vocabularies/venues.yml", 4, "Moriska Paviljongen", ["not a valid id"]),
    ("bad-vocabulary", "content/vocabularies/venues.yml", 9, "adress", ["not a field", "did you mean 'address'"]),
    ("unclosed-frontmatter", "content/activities/2025/half-typed.md", 1, "frontmatter", ["no closing line '---'"]),
    ("yaml-aliases", "content/activities/2025/laughs.md", 3, "a", ["anchor '&a'", "aliases and anchors are not read"]),
    ("invisible-character", "content/activities/2025/reversed.md", 2, "title", ["U+202E RIGHT-TO-LEFT OVERRIDE"]),
    ("invisible-character", "content/activities/2025/reversed.md", 11, "body", ["U+0000 NULL"]),
    ("skipped-time", "content/activities/2025/night.md", 3, "start",
     ["clocks in Stockholm jump from 02:00 to 03:00 on 2025-03-30", "2025-03-30T02:30 does not exist"]),
]

MESSAGE = re.compile(r"(content/\S+):(\d+): (.+?): (.*)")


def messages(output: str) -> list[tuple[str, int, str, str]]:
    """Every content error line of a build's output as (file, line, field, rest)."""
    found = []
    for line in output.splitlines():
        match = MESSAGE.search(line)
        if match:
            found.append((match.group(1), int(match.group(2)), match.group(3), match.group(4)))
    return found


@pytest.fixture(scope="module")
def mistake_builds(tmp_path_factory) -> dict[str, str]:
    """Each mistake fixture laid over the minimal tree and built with the real MkDocs."""
    outputs = {}
    for fixture in sorted({name for name, *_ in EXPECTED}):
        root = tmp_path_factory.mktemp(fixture)
        content = make_content(root)
        shutil.copytree(MISTAKES / fixture / "content", content, dirs_exist_ok=True)
        build = build_site(content)
        assert build.returncode != 0, f"{fixture} built although it is wrong:\n{build.output}"
        assert not (build.site / "index.html").exists(), f"{fixture} wrote a site"
        assert "Traceback" not in build.output
        outputs[fixture] = build.output
    return outputs


@pytest.mark.parametrize(("fixture", "path", "line", "field", "words"), EXPECTED,
                         ids=[f"{e[0]}:{e[3]}" for e in EXPECTED])
@pytest.mark.build
def test_mistake_is_reported_with_file_line_and_field(mistake_builds, fixture, path, line, field, words):
    """Check that a kind of mistake stops the build with a message naming its file, line and field."""
    reported = messages(mistake_builds[fixture])
    matching = [message for message in reported if message[0] == path and message[2] == field]
    assert matching, f"no message for {path} {field} in:\n{mistake_builds[fixture]}"
    message = matching[0]
    assert message[1] == line, message
    for word in words:
        assert word in message[3], message


@pytest.mark.build
def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    """Check that a build with mistakes in several files reports all of them, not only the first."""
    content = make_content(tmp_path)
    fixtures = ["unknown-field", "unknown-status", "unknown-sector", "invalid-yaml", "bad-vocabulary"]
    for fixture in fixtures:
        shutil.copytree(MISTAKES / fixture / "content", content, dirs_exist_ok=True)
    build = build_site(content)
    assert build.returncode != 0
    reported = {(path, field) for path, _line, field, _rest in messages(build.output)}
    expected = {(path, field) for name, path, _l, field, _w in EXPECTED if name in fixtures}
    assert expected <= reported, expected - reported
    assert f"{len(messages(build.output))} content error(s)" in build.output
