"""Two files that claim one address: the error is on the file to rename or move and names the other one too."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from conftest import make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.plan import language_roots
from lce_platform.verdict import publishing_verdict

TODAY = date(2025, 3, 15)
PAGE = "---\ntitle: A page\n---\nText.\n"
NFD = unicodedata.normalize("NFD", "å")


def refusals(tmp_path, files: dict[str, str]) -> list[str]:
    """The content errors of the minimal tree with `files` added, as printed."""
    content = make_content(tmp_path, files=files)
    with pytest.raises(ContentErrors) as raised:
        load_site(content, TODAY)
    return [str(error) for error in raised.value.errors]


@pytest.mark.parametrize("added, blamed, kept, words", [
    # The generated file the property test drew (issue 28): README.md beside the home page's index.md.
    ({"README.md": "---\ntitle: '000'\n---\n"}, "README.md", "index.md", ["MkDocs skips a README.md", "move its text"]),
    ({"guide/index.md": PAGE, "guide/README.md": PAGE}, "guide/README.md", "guide/index.md", ["MkDocs skips"]),
    ({"README.en.md": PAGE}, "README.en.md", "index.md", ["MkDocs skips"]),
    ({"about.md": PAGE, "about/index.md": PAGE}, "about.md", "about/index.md", ["page of the folder /about/"]),
    ({"about/index.md": PAGE, "about.md": PAGE, "about.en.md": PAGE}, "about.md", "about/index.md", ["move its text"]),
    ({"About.md": PAGE, "about.md": PAGE}, "About.md", "about.md", ["only in capitals", "/About/ and /about/"]),
    ({"Guide/index.md": PAGE, "guide.md": PAGE}, "Guide/index.md", "guide.md", ["only in capitals"]),
    ({f"r{NFD}d.md": PAGE, "råd.md": PAGE}, f"r{NFD}d.md", "råd.md", ["another Unicode form", "type its name anew"]),
    ({f"r{NFD}d.en.md": PAGE, "råd.md": PAGE}, f"r{NFD}d.en.md", "råd.md", ["another Unicode form"]),
])
def test_the_file_that_takes_an_address_already_taken_is_named_with_the_other(tmp_path, added, blamed, kept, words):
    """Check that of two files with one address the error names the one to rename or move, with both paths."""
    errors = refusals(tmp_path, added)
    clashes = [error for error in errors if "content/" + kept in error.split(": ", 1)[1]]
    assert len(clashes) == 1, errors
    assert clashes[0].startswith(f"content/{blamed}:1: file: "), clashes
    assert all(word in clashes[0] for word in words), clashes
    assert not any(error.startswith(f"content/{kept}:") for error in errors), errors


def test_three_files_with_one_address_give_two_errors_naming_the_one_kept(tmp_path):
    """Check that every file but the one that keeps the address is named, each with the kept file."""
    errors = refusals(tmp_path, {"about.md": PAGE, "about/index.md": PAGE, "about/README.md": PAGE})
    assert sorted(error.split(":", 1)[0] for error in errors) == ["content/about.md", "content/about/README.md"]
    assert all("content/about/index.md" in error for error in errors), errors


def test_a_translation_without_its_page_names_both_files(tmp_path):
    """Check that an activity's English file without its Swedish one names both paths."""
    errors = refusals(tmp_path, {"activities/2025/alone.en.md": PAGE})
    assert errors == ["content/activities/2025/alone.en.md:1: file: is a translation without its Swedish file "
                      "content/activities/2025/alone.md; the Swedish file holds the fields"]


def test_files_of_different_addresses_are_not_clashes(tmp_path):
    """Check that a page and its translation, and pages in a folder beside a page, load."""
    content = make_content(tmp_path, files={"about.md": PAGE, "about.en.md": PAGE, "guide.md": PAGE,
                                            "guide/more.md": PAGE})
    site = load_site(content, TODAY)
    assert {"about.md", "guide.md", "guide/more.md"} <= set(site.entries)


@pytest.mark.parametrize("name", ["calendar.md", "Calendar.md", "staff/Content-Model.md"])
def test_a_file_at_the_address_of_a_generated_page_is_named_whatever_its_capitals(tmp_path, name):
    """Check that the verdict (shared by `lce check`, the build and the preview) names a content file at a page the
    build makes, also when only its capitals differ."""
    content = make_content(tmp_path, files={name: PAGE})
    verdict = publishing_verdict(content, "sv", TODAY, language_roots("https://lce.test/", {}))
    assert not verdict.publishable
    assert [str(error) for error in verdict.problems if "of a page the build makes" in str(error)] == [
        f"content/{name}:1: file: has the address /{name[:-3].lower()}/ of a page the build makes "
        f"({'Kalender' if 'alendar' in name else 'Innehållsmodellen'}); rename or move it"]
