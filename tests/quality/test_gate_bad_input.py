"""Bad-input gate: generated frontmatter and bodies either build or stop the build with a content error naming
their file; never a traceback, never a file silently missing from the site."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from prepared_python import run_python_module
from conftest import MINIMAL, SITE_URL, build_site, make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.model import License, ResourceKind, Status
from lce_platform.facts.urls import url_of
from lce_platform.plan import language_roots
from lce_platform.verdict import publishing_verdict

TODAY = date(2025, 3, 15)
_vocabulary = {path.stem: list(yaml.safe_load(path.read_text(encoding="utf-8")))
               for path in (MINIMAL / "vocabularies").glob("*.yml")}

# Text as staff might paste it: letters of several scripts, Markdown and HTML characters, quotes, emoji,
# control characters and line breaks.
weird_text = st.text(st.one_of(
    st.sampled_from("aåäöAÅÄÖ éü-–—'\"`<>&{}[]()#*_!|\\:;,./%$@~^=+?\t\n\r\x00\x07\x1b\u2028\u202e\ufeff🎨"),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
), max_size=160)
garbage = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True), weird_text,
                    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
day = st.dates(date(2023, 1, 1), date(2027, 12, 31)).map(date.isoformat)
moment = st.one_of(day, st.sampled_from(["2025-03-19T18:00", "2025-03-30T02:30", "2025-10-26T02:30", "2024-11", "2025",
                                         "2025-02-30", "2025-13-01", "19/3 2025", "2025-03-19T25:00", "tomorrow"]))
url = st.sampled_from(["https://example.org/x", "mailto:a@example.org", "javascript:alert(1)", "http://example.org",
                       "https://", "data:text/html,x", "https://example.org/a b", "ftp://example.org"])


def ids(vocabulary: str, extra: tuple[str, ...] = ()) -> st.SearchStrategy:
    """One id of a vocabulary, or a near miss."""
    return st.sampled_from(_vocabulary[vocabulary] + list(extra) + ["musik", "Design", "no such id"])


def id_list(vocabulary: str, extra: tuple[str, ...] = ()) -> st.SearchStrategy:
    return st.one_of(ids(vocabulary, extra), st.lists(ids(vocabulary, extra), max_size=4))


FIELDS = {
    "activities": {
        "title": weird_text, "type": ids("activity-types"), "programme": st.sampled_from(["learn-create-engage", "lce"]),
        "area": ids("areas"), "start": moment, "end": moment, "venue": ids("venues", ("online",)),
        "status": st.sampled_from([status.value for status in Status] + ["booked"]), "registration": url,
        "sectors": id_list("sectors", ("all",)), "language": st.sampled_from(["sv", "en", "de"]), "summary": weird_text,
        "facilitators": id_list("people"), "contact": id_list("people"), "deadline": moment, "updated": day,
        "sessions": st.lists(st.fixed_dictionaries({"start": moment}, optional={
            "end": moment, "venue": ids("venues", ("online",)), "title": weird_text}), max_size=3),
    },
    "resources": {
        "title": weird_text, "kind": st.sampled_from([kind.value for kind in ResourceKind] + ["video"]), "date": moment,
        "sectors": id_list("sectors", ("all",)), "summary": weird_text,
        "activity": st.sampled_from(["2024/ai-and-creativity", "2025/nothing", "ai-and-creativity"]),
        "programme": st.sampled_from(["learn-create-engage", "lce"]), "authors": id_list("people"),
        "license": st.sampled_from([license.value for license in License] + ["MIT"]),
        "url": url, "video": url, "thumbnail": url, "duration": st.sampled_from(["PT1H5M", "PT45M", "1h", "PT"]),
        "transcript": weird_text, "captions": st.lists(st.fixed_dictionaries({"language": st.sampled_from(["sv", "x"]),
                                                                              "src": url}), max_size=2),
    },
    "programmes": {
        "title": weird_text, "summary": weird_text, "start": moment, "end": moment, "owner": ids("organisations"),
        "funders": id_list("organisations"), "fund": weird_text, "co_financing": st.integers(-5, 120),
        "places": st.lists(weird_text, max_size=2), "goals": st.lists(weird_text, max_size=2),
        "contacts": id_list("people"), "website": url, "participants": st.integers(-5, 500),
    },
    "pages": {
        "title": weird_text, "summary": weird_text, "updated": day,
        "hide": st.lists(st.sampled_from(["navigation", "toc", "footer", "sidebar"]), max_size=2),
    },
}
FOLDERS = {
    "activities": st.sampled_from(["activities/2025", "activities/2024", "activities/2o25", "activities"]),
    "resources": st.sampled_from([f"resources/{kind.value}" for kind in ResourceKind] + ["resources/videos"]),
    "programmes": st.just("programmes"),
    "pages": st.sampled_from(["", "about", "guides/deep", "staff"]),
}
slug = st.one_of(st.from_regex(r"[a-zåäöA-Z0-9][a-zåäöA-Z0-9 ._-]{0,24}", fullmatch=True),
                st.sampled_from(["index", "README", "about", "guides", "staff", "x.en", "x.sv"]))
body = st.text(st.one_of(st.sampled_from("#*_`[]()!<>{}|-:=\n \t&;/\\'\"~^"), st.characters(codec="utf-8",
                                                                                              exclude_categories=("Cs",))),
               max_size=300)


@st.composite
def content_files(draw, likely_valid: bool = False) -> tuple[str, str]:
    """One generated content file: its path under content/ and its text."""
    collection = draw(st.sampled_from(list(FIELDS)))
    fields = FIELDS[collection]
    names = draw(st.lists(st.sampled_from(list(fields)), unique=True)) if not likely_valid else list(fields)
    data = {}
    for name in names:
        data[name] = draw(garbage if not likely_valid and draw(st.integers(0, 4)) == 0 else fields[name])
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.sampled_from(["titel", "sector", "Title", "hidden"]))] = draw(garbage)
    if draw(st.integers(0, 9)) == 0:
        frontmatter = draw(st.text(max_size=80))
    else:
        frontmatter = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    folder = draw(FOLDERS[collection])
    relative = f"{folder}/{draw(slug)}.md".lstrip("/")
    return relative, f"---\n{frontmatter}\n---\n{draw(body)}"


line_text = st.text(st.one_of(
    st.sampled_from("aåäöAÅÄÖ éü-–—'\"`<>&{}[]()#*_!|\\:;,./%$@~^=+?\t\u2028🎨"),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Cn", "Zl", "Zp")),
), min_size=12, max_size=140).filter(lambda text: len(text.strip()) >= 10)
valid_slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@st.composite
def valid_content_files(draw) -> tuple[str, str]:
    """One generated content file that the model accepts, with odd but allowed text and any Markdown body."""
    collection = draw(st.sampled_from(list(FIELDS)))
    data: dict = {"title": draw(line_text), "summary": draw(line_text)}
    if collection == "activities":
        start = draw(st.dates(date(2024, 1, 1), date(2025, 12, 31)))
        folder = f"activities/{start.year}"
        data.update(type=draw(ids("activity-types").filter(lambda value: value in _vocabulary["activity-types"])),
                    programme="learn-create-engage", area=draw(st.sampled_from(_vocabulary["areas"])),
                    start=start.isoformat(), sectors=draw(st.sampled_from(["all", ["design", "music"]])),
                    status=draw(st.sampled_from([status.value for status in Status])),
                    venue=draw(st.sampled_from(_vocabulary["venues"] + ["online"])),
                    registration=draw(st.sampled_from(["https://example.org/r", "mailto:r@example.org"])),
                    facilitators=draw(st.lists(st.sampled_from(_vocabulary["people"]), unique=True, max_size=2)))
    elif collection == "resources":
        kind = draw(st.sampled_from(list(ResourceKind)))
        folder = f"resources/{kind.value}"
        data.update(kind=kind.value, date=draw(day), sectors="all")
        if kind is ResourceKind.recording:
            data.update(video="https://example.org/video.mp4", transcript=draw(weird_text.filter(str.strip)))
    elif collection == "programmes":
        folder = "programmes"
        data.update(start=draw(day), places=[draw(line_text)], goals=[draw(line_text)])
    else:
        folder = draw(st.sampled_from(["", "about", "guides", "staff"]))
    # One page in four takes a name that may clash with another file's address or a generated page's.
    name = draw(st.one_of(valid_slug, valid_slug, valid_slug,
                          st.sampled_from(["index", "README", "about", "guides", "content-model"])))
    return f"{folder}/{name}.md".lstrip("/"), f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n{draw(body)}"


def _named(errors: ContentErrors, relative: str) -> bool:
    return any(error.path == f"content/{relative}" for error in errors.errors)


def _entry_of(relative: str) -> str:
    return relative[: -len(".en.md")] + ".md" if relative.endswith(".en.md") else relative


# Every failure found so far, kept (tests/conftest.py: CI runs derandomized examples; the nightly run finds new ones).
@example(generated=("README.md", "---\ntitle: '000'\n---\n"))  # named index.md, not README.md (issue 28)
@example(generated=("README.en.md", "---\ntitle: A page\n---\n"))
@given(generated=content_files())
def test_a_generated_file_loads_or_is_named_in_an_error(tmp_path, generated):
    """Check that the loader either takes a generated file into the site or reports an error naming it."""
    relative, text = generated
    project = tmp_path / "project"
    shutil.rmtree(project, ignore_errors=True)
    content = make_content(project, files={relative: text})
    try:
        site = load_site(content, TODAY)
    except ContentErrors as errors:
        event("refused")
        assert _named(errors, relative), errors.report()
    else:
        event("loaded")
        assert _entry_of(relative) in site.entries, f"{relative} is missing from the loaded site"


@pytest.mark.build
@settings(max_examples=max(4, settings.default.max_examples // 100))  # a real build each: 4 in CI, 40 nightly
@given(valid=st.lists(valid_content_files(), min_size=5, max_size=10, unique_by=lambda generated: generated[0]),
       bad=st.lists(content_files(), max_size=1))
def test_a_batch_of_generated_files_builds_or_names_them(tmp_path, valid, bad):
    """Check that a real MkDocs build of generated files shows each one when the verdict finds them publishable,
    and otherwise fails with every problem the verdict names."""
    batch = list(dict(valid + bad).items())
    project = tmp_path / "project"
    shutil.rmtree(project, ignore_errors=True)
    content = make_content(project, files=dict(batch))
    verdict = publishing_verdict(content, "sv", TODAY, language_roots(SITE_URL, {}))
    event("builds" if verdict.publishable else f"refused {len({error.path for error in verdict.problems})} of "
                                               f"{len(batch)} files")
    build = build_site(content, "sv")
    assert "Traceback" not in build.output, build.output
    if not verdict.publishable:
        assert build.returncode != 0
        for error in verdict.problems:
            assert str(error) in build.output, build.output
    else:
        assert build.returncode == 0, build.output
        for relative, _text in batch:
            page = build.site / url_of(_entry_of(relative)) / "index.html"
            assert page.exists(), f"{relative} is missing from the built site"


@pytest.mark.build
def test_the_build_names_a_file_with_broken_yaml(tmp_path):
    """Check that a file whose frontmatter is not YAML stops the build with its name and line."""
    content = make_content(tmp_path, files={"about/broken.md": "---\ntitle: [unclosed\n---\nBody.\n"})
    build = build_site(content, "sv")
    assert build.returncode != 0
    assert "content/about/broken.md:" in build.output and "Traceback" not in build.output


@pytest.mark.build
def test_two_files_for_one_address_are_named(tmp_path):
    """Check that two files MkDocs would write to one page (x.md and x/index.md, index.md and README.md, About.md and
    about.md) are errors on the file to rename or move, the same in the build and in `lce check`."""
    page = "---\ntitle: A page\n---\nText.\n"
    content = make_content(tmp_path, files={"about.md": page, "about/index.md": page, "guide/README.md": page,
                                            "guide/index.md": page, "News.md": page, "news.md": page})
    build = build_site(content, "sv")
    assert build.returncode != 0
    expected = [
        "content/about.md:1: file: has the same address /about/ as content/about/index.md, the page of the folder "
        "/about/; move its text into content/about/index.md or rename it",
        "content/guide/README.md:1: file: has the same address /guide/ as content/guide/index.md, the folder's page",
        "content/News.md:1: file: differs from content/news.md only in capitals (/News/ and /news/)"]
    checked = run_python_module("lce_platform.publishing.cli", ["check", "--content", str(content)], cwd=Path.cwd(),
                                timeout=300)
    assert checked.returncode == 1
    for message in expected:
        assert message in " ".join(build.output.split()), build.output
        assert message in checked.stderr, checked.stderr


@pytest.mark.build
def test_a_file_at_a_generated_page_address_is_named(tmp_path):
    """Check that a content file at the address of a page the build makes stops the build instead of vanishing."""
    content = make_content(tmp_path, files={"staff/content-model.md": "---\ntitle: My own page\n---\nMine.\n"})
    build = build_site(content, "sv")
    assert build.returncode != 0
    assert "content/staff/content-model.md:1: file: has the address /staff/content-model/ of a page" in build.output
