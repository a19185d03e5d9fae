"""Meta tags for search engines and shared links: description, canonical, Open Graph, Twitter card,
share images, and hreflang alternates that answer each other."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import SITE_URL
from lce_platform.outputs.sharing import draw_card

pytestmark = pytest.mark.build


def head_of(build, url: str) -> BeautifulSoup:
    """The parsed <head> of a built page."""
    return BeautifulSoup(build.page(url), "html.parser").head


def meta(head: BeautifulSoup, key: str) -> str | None:
    """The content of a <meta property=…> or <meta name=…>."""
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def page_urls(build) -> list[str]:
    """Directory URL of every page of a built site (the 404 page aside)."""
    urls = (path.parent.relative_to(build.site).as_posix() + "/" for path in build.pages() if path.name == "index.html")
    return sorted("" if url == "./" else url for url in urls if url != "404/")


def address(language: str, url: str) -> str:
    """The absolute address of a page in a language of the test site."""
    return SITE_URL + ("" if language == "sv" else "en/") + url


def test_draw_card_makes_a_large_png():
    """Check that a share card is a 1200×630 PNG, and that other words give another image."""
    card = draw_card("Seminarium", "Learn, Create, Engage", "", "", "Kunskapsdelning")
    with Image.open(io.BytesIO(card)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert draw_card("Kurs", "Learn, Create, Engage", "", "", "Kunskapsdelning") != card


def test_activity_page_has_description_canonical_and_share_tags(rich_sites):
    """Check the description, canonical, Open Graph and Twitter tags of an activity page, and that its share
    image exists in the built site."""
    build = rich_sites["en"]
    head = head_of(build, "activities/2025/disrupt-for-success/")
    url = address("en", "activities/2025/disrupt-for-success/")
    summary = "A class on brand development for cultural institutions."
    assert meta(head, "description") == summary
    assert head.find("link", rel="canonical")["href"] == url
    assert meta(head, "og:url") == url
    assert meta(head, "og:title") == "Disrupt for Success – Brand Development of Cultural Institutions"
    assert meta(head, "og:description") == summary
    assert meta(head, "og:locale") == "en_GB"
    assert meta(head, "og:locale:alternate") == "sv_SE"
    assert meta(head, "twitter:card") == "summary_large_image"
    image = meta(head, "og:image")
    assert image == meta(head, "twitter:image")
    assert image.startswith(SITE_URL + "en/assets/share/activities/2025/disrupt-for-success-")
    with Image.open(build.site / image.removeprefix(SITE_URL + "en/")) as picture:
        assert picture.size == (1200, 630)
    assert meta(head, "og:image:alt") == meta(head, "twitter:image:alt") == (
        "Class: Disrupt for Success – Brand Development of Cultural Institutions. March 19, 2025, 13:00\u2009–\u200916:00. "
        "Fully booked – Learn, Create, Engage")


def test_every_page_has_share_tags_and_an_existing_image(rich_sites):
    """Check that every page has a title, a share image that was built, and a canonical address."""
    for language, build in rich_sites.items():
        root = address(language, "")
        for url in page_urls(build):
            head = head_of(build, url)
            assert meta(head, "og:title"), url
            assert head.find("link", rel="canonical")["href"] == address(language, url)
            image = meta(head, "og:image")
            assert (build.site / image.removeprefix(root)).is_file(), (url, image)


def test_activities_and_resources_have_their_own_share_images_other_pages_one_per_kind(rich_sites):
    """Check that every activity and resource page points to an image of its own, and every other page to the
    image of its kind (programme or page)."""
    for language, build in rich_sites.items():
        root = address(language, "")
        images: dict[str, set[str]] = {}
        for url in page_urls(build):
            image = meta(head_of(build, url), "og:image").removeprefix(root + "assets/share/")
            kind = url.split("/")[0] if url.split("/")[0] in ("activities", "resources") and url.count("/") >= 3 else url
            images.setdefault(kind if kind in ("activities", "resources") else "other", set()).add(image)
            if kind in ("activities", "resources"):
                assert image.startswith(url.rstrip("/") + "-"), (url, image)
        assert {image.rsplit("-", 1)[0] for image in images["other"]} == {"programme", "page"}
        assert len(images["activities"]) > 4 and len(images["resources"]) > 3


def test_recording_shares_as_video_and_title_is_escaped(rich_sites):
    """Check that a recording is shared as a video and a title with markup arrives as text in the tags."""
    head = head_of(rich_sites["sv"], "resources/recording/ai-and-creativity/")
    assert meta(head, "og:type") == "video.other"
    course = rich_sites["sv"].page("activities/2025/data-driven-methods/")
    assert '<script>alert("x")' not in course
    assert meta(head_of(rich_sites["sv"], "activities/2025/data-driven-methods/"), "og:title").startswith(
        "Kurs </script>")


def test_pages_announce_the_site_feed(rich_sites):
    """Check that pages link the site's Atom feed in their language."""
    head = head_of(rich_sites["en"], "")
    link = head.find("link", attrs={"type": "application/atom+xml"})
    assert link["href"] == SITE_URL + "en/feed.xml"


def alternates(head: BeautifulSoup) -> dict[str, str]:
    """hreflang → href of a page's <link rel="alternate" hreflang> elements."""
    return {link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate", hreflang=True)}


def test_hreflang_is_complete_and_reciprocal_on_every_page(rich_sites):
    """Check that every page of both languages names itself, its other-language page and x-default, that
    those pages exist, and that they name it back."""
    heads = {(language, url): head_of(build, url) for language, build in rich_sites.items()
             for url in page_urls(build)}
    by_address = {address(language, url): key for key, head in heads.items() for language, url in [key]}
    for (language, url), head in heads.items():
        links = alternates(head)
        assert set(links) == {"sv", "en", "x-default"}, url
        assert links[language] == address(language, url)
        assert links["x-default"] == links["sv"]
        for other in ("sv", "en"):
            assert links[other] in by_address, (url, links[other])
            assert alternates(heads[by_address[links[other]]]) == links
