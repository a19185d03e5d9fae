"""Privacy gate: opening any page type, searching, or a missing address requests nothing from any host but the
site's own (no fonts, analytics, embeds or images from elsewhere; a video only after the visitor plays it)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from quality.built_site import WIDTHS, example_pages, no_example
from conftest import build_site, make_content
from editor_session import EDITOR_LOCALES, editor_language
from quality.gate_fixtures import Visit
from quality.page_tour import Tour
from lce_platform.content.model import LANGUAGES
from lce_platform.publishing.cms import CONFIG_FILES

LOCAL_SCHEMES = ("data", "blob", "about")


def elsewhere(visit: Visit | Tour, site) -> list[str]:
    """Every address the tab (or the tour's tab) requested that is not on the site's own host."""
    own = urlsplit(site.base_url).netloc
    return sorted({url for url in visit.requests
                   if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own})


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_request_nothing_from_elsewhere(served_site, page_tour, language, width_name):
    """Check that one page of every type and URL shape, search and the 404 page request only the site itself."""
    tour = page_tour(language, width_name)
    assert len(tour.requests) > len(tour.pages), "the tab recorded no requests"
    assert elsewhere(tour, served_site) == []
    # Nothing is fetched that the page does not use: no sitemap lookups by the theme's language menu.
    assert [request for request in tour.requests if request.endswith("sitemap.xml")] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_pages_request_nothing_from_elsewhere(served_hostile_site, open_tab, language):
    """Check that external images, stylesheets, frames and videos written in content are never requested."""
    visit = open_tab()
    for url in example_pages(served_hostile_site.root, language).values():
        visit.open(served_hostile_site.url(language, url))
    assert elsewhere(visit, served_hostile_site) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_video_loads_only_after_the_visitor_plays_it(served_site, open_tab, language):
    """Check that a recording page requests nothing elsewhere until its placeholder is pressed."""
    examples = example_pages(served_site.root, language)
    if "recording" not in examples:
        no_example("recording page (resources/recording/…)")
    visit = open_tab()
    visit.open(served_site.url(language, examples["recording"]))
    assert elsewhere(visit, served_site) == []
    placeholder = visit.page.locator("article button")
    if placeholder.count() == 0:
        no_example("video placeholder button on its recording page")
    placeholder.first.click()
    visit.page.locator("article iframe, article video").first.wait_for(state="attached", timeout=5_000)


@pytest.mark.build
def test_images_from_elsewhere_stop_the_build(tmp_path):
    """Check that an image from another address, in any Markdown or HTML form, stops the build naming it."""
    body = ("Inline ![pixel](https://example.org/inline.gif)\n\n<img src=\"//example.org/raw.png\" alt=\"raw\">\n\n"
            "Reference ![pixel][tracker]\n\n[tracker]: https://example.org/reference.gif\n\n"
            "Local ![a local picture](picture.png)\n")
    content = make_content(tmp_path, files={"about/images.md": f"---\ntitle: Images\n---\n{body}",
                                            "about/picture.png": ""})
    build = build_site(content, "sv")
    assert build.returncode != 0
    for line, url in ((4, "https://example.org/inline.gif"), (6, "//example.org/raw.png"),
                      (8, "https://example.org/reference.gif")):
        assert re.search(rf"content/about/images\.md:{line}: body: image '{re.escape(url)}' is not a file of the site",
                         build.output), build.output
    assert "picture.png' is not" not in build.output


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_requests_nothing_from_elsewhere_before_sign_in(served_site, open_tab, language):
    """Check that the web editor (/admin/), in either language, loads its script, fonts, icons and texts from the
    site only until someone signs in: the sign-in to GitHub (the Git host, or CMS_AUTH_URL) is then the first and
    only other host it reaches."""
    visit = open_tab(init_scripts=(editor_language(language),))
    visit.open(served_site.url("sv", "admin/"))
    visit.page.get_by_role("button", name=re.compile("GitHub")).wait_for(timeout=20_000)
    visit.page.wait_for_load_state("networkidle")
    fonts = [url for url in visit.requests if url.endswith(".woff2")]
    assert fonts, "the editor loaded no font: is its stylesheet still the one cms.CDN_FONTS was written for?"
    assert served_site.url("sv", f"admin/locales/{EDITOR_LOCALES[language]}.json") in visit.requests
    # The configuration of the editor's language (its hints and labels), not the other's.
    configs = {url.split("?")[0] for url in visit.requests if "/admin/config" in url}
    assert configs == {served_site.url("sv", f"admin/{CONFIG_FILES[language]}")}
    assert elsewhere(visit, served_site) == []
