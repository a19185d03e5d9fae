"""The click-to-load player and the library filter in a real headless Chromium, under a strict CSP."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, fixture_files, make_content

pytestmark = pytest.mark.build

# Scripts only from the site's own files: no inline script or handler of ours may be needed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; media-src 'self' https://lce.test")


class _SiteHandler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_address(tmp_path_factory) -> Iterator[str]:
    """The Swedish library fixture site, built for and served at its own address on 127.0.0.1 with a strict CSP."""
    root = tmp_path_factory.mktemp("served")
    content = make_content(root, files=fixture_files("library"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(root / "site-sv")))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    build = build_site(content, "sv", extra_env={"SITE_URL": address})
    assert build.returncode == 0 and build.site == root / "site-sv", build.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def logged_page(browser, site_address):
    """A page whose every request is logged; requests leaving 127.0.0.1 are logged and then refused."""
    context = browser.new_context()
    requests: list[str] = []
    local = urlsplit(site_address).netloc

    def refuse_third_parties(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", refuse_third_parties)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    context.close()


def third_party(requests: list[str], site_address: str) -> list[str]:
    """The requests that went anywhere but the site itself."""
    local = urlsplit(site_address).netloc
    return [url for url in requests if urlsplit(url).netloc != local and not url.startswith("data:")]


@pytest.mark.parametrize("slug, host", [
    ("ai-and-creativity", "www.youtube-nocookie.com"),
    ("impact-webinar", "player.vimeo.com"),
    ("games-meetup", "lce.test"),
])
def test_recording_requests_nothing_from_a_third_party_until_play(logged_page, site_address, slug, host):
    """Check that a recording page requests nothing off-site until Play is pressed with the keyboard, then loads the player."""
    page, requests = logged_page
    page.goto(f"{site_address}resources/recording/{slug}/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert third_party(requests, site_address) == []
    assert page.locator(".lce-player iframe, .lce-player video").count() == 0
    button = page.get_by_role("button", name="Spela upp videon")
    assert button.is_visible()
    button.focus()
    with page.expect_request(lambda request: urlsplit(request.url).hostname == host):
        page.keyboard.press("Enter")
    media = page.locator(".lce-player .lce-player__media")
    assert urlsplit(media.get_attribute("src")).hostname == host
    assert media.evaluate("element => element === document.activeElement")
    assert {urlsplit(url).hostname for url in third_party(requests, site_address)} == {host}


def test_self_hosted_video_gets_its_caption_track(logged_page, site_address):
    """Check that a self-hosted video is played in a <video> element with its captions track after the click."""
    page, _requests = logged_page
    page.goto(f"{site_address}resources/recording/games-meetup/")
    page.get_by_role("button", name="Spela upp videon").click()
    track = page.locator(".lce-player video track")
    assert track.get_attribute("kind") == "captions"
    assert track.get_attribute("src") == "https://lce.test/media/games-meetup.en.vtt"


def test_our_fragments_have_no_inline_scripts_or_handlers(library_sites):
    """Check that the library, sector and recording pages carry no inline event handler or script of ours."""
    for url in ("library/", "sectors/games/", "resources/recording/games-meetup/", "activities/2024/ai-and-creativity/"):
        article = BeautifulSoup(library_sites["sv"].page(url), "html.parser").find("article")
        assert article.find("script") is None
        assert [name for tag in article.find_all(True) for name in tag.attrs if name.startswith("on")] == []


def visible_titles(page) -> list[str]:
    """The titles of the resources the library page shows."""
    return [title.strip() for title in page.locator(".lce-resource:visible .lce-item__title").all_inner_texts()]


def test_library_filter_by_sector_and_year(logged_page, site_address):
    """Check that choosing a sector and a year shows only matching resources and keeps the choice in the address."""
    page, _requests = logged_page
    page.goto(f"{site_address}library/?sector=music")
    filters = page.locator("article form")  # the page's own filter, not the one inside the search box
    assert filters.get_by_label("Sektor").input_value() == "music"
    assert visible_titles(page) == ["AI & Creativity – inspelning", "Publikdata på en musikscen",
                                    "Kartläggning av de kreativa sektorerna 2023"]
    assert "3 av 7" in page.locator("[data-lce-filter-status]").inner_text()
    filters.get_by_label("År").select_option("2024")
    assert visible_titles(page) == ["AI & Creativity – inspelning", "Publikdata på en musikscen"]
    assert page.locator("section.lce-year:visible h2").all_inner_texts() == ["2024"]
    assert urlsplit(page.url).query == "sector=music&year=2024"
    filters.get_by_label("Sektor").select_option("")
    filters.get_by_label("År").select_option("")
    assert len(visible_titles(page)) == 7


def test_library_without_javascript_lists_everything(browser, site_address):
    """Check that without JavaScript the library lists every resource and hides the filter it cannot run."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_address}library/?sector=music")
    assert len(visible_titles(page)) == 7
    assert not page.locator("form[data-lce-filter]").is_visible()
    assert page.get_by_role("link", name="sektorssidorna").is_visible()
    context.close()
