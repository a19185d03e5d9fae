"""Video addresses, read once: what the watch page's player and its JSON-LD VideoObject make of each form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY, fixture_files, make_content
from lce_platform.outputs.resource_parts import resource_parts
from lce_platform.outputs.structured_data import resource_jsonld
from lce_platform.outputs.video import video_of
from lce_platform.plan import BuildPlan

ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
YT = "dQw4w9WgXcQ"
YT_EMBED = f"https://www.youtube-nocookie.com/embed/{YT}"
YT_THUMBNAIL = f"https://i.ytimg.com/vi/{YT}/hqdefault.jpg"
VIMEO = "https://player.vimeo.com/video/76979871"
HASH = "8272103f6e"
FILE = "https://media.example.org/talks/opening.mp4"

# url, provider, id, private hash, what the player loads on Play, JSON-LD embedUrl, JSON-LD contentUrl
FORMS = [
    pytest.param(f"https://www.youtube.com/watch?v={YT}&t=42s&list=PLx", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-watch-extra-params"),
    pytest.param(f"https://m.youtube.com/watch?v={YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-watch-mobile"),
    pytest.param(f"https://youtube.com/watch?feature=share&v={YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-watch-no-www"),
    pytest.param(f"https://youtu.be/{YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtu.be"),
    pytest.param(f"https://youtu.be/{YT}?t=42", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtu.be-start-time"),
    pytest.param(f"https://www.youtube.com/embed/{YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-embed"),
    pytest.param(f"https://www.youtube.com/shorts/{YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-shorts"),
    pytest.param(f"https://www.youtube.com/live/{YT}?si=abc", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-live"),
    pytest.param(f"https://www.youtube-nocookie.com/embed/{YT}", "youtube", YT, None,
                 YT_EMBED + "?autoplay=1", YT_EMBED, None, id="youtube-nocookie-embed"),
    pytest.param("https://vimeo.com/76979871", "vimeo", "76979871", None,
                 VIMEO + "?dnt=1&autoplay=1", VIMEO + "?dnt=1", None, id="vimeo"),
    pytest.param(f"https://vimeo.com/76979871/{HASH}", "vimeo", "76979871", HASH,
                 VIMEO + f"?dnt=1&autoplay=1&h={HASH}", VIMEO + f"?dnt=1&h={HASH}", None, id="vimeo-unlisted-path"),
    pytest.param(f"https://vimeo.com/76979871?h={HASH}", "vimeo", "76979871", HASH,
                 VIMEO + f"?dnt=1&autoplay=1&h={HASH}", VIMEO + f"?dnt=1&h={HASH}", None, id="vimeo-unlisted-query"),
    pytest.param("https://player.vimeo.com/video/76979871", "vimeo", "76979871", None,
                 VIMEO + "?dnt=1&autoplay=1", VIMEO + "?dnt=1", None, id="vimeo-player"),
    pytest.param(f"https://player.vimeo.com/video/76979871?h={HASH}&badge=0", "vimeo", "76979871", HASH,
                 VIMEO + f"?dnt=1&autoplay=1&h={HASH}", VIMEO + f"?dnt=1&h={HASH}", None, id="vimeo-player-unlisted"),
    pytest.param(FILE, "file", None, None, FILE, None, FILE, id="mp4-file"),
    pytest.param("https://media.example.org/talks/opening.WEBM", "file", None, None,
                 "https://media.example.org/talks/opening.WEBM", None, "https://media.example.org/talks/opening.WEBM",
                 id="webm-file"),
    pytest.param("https://vimeo.com/channels/staffpicks", "link", None, None, None, None, None, id="vimeo-channel"),
    pytest.param("https://vimeo.com/channels/staffpicks/76979871", "link", None, None, None, None, None,
                 id="vimeo-channel-video"),
    pytest.param("https://www.youtube.com/channel/UCxyz", "link", None, None, None, None, None, id="youtube-channel"),
    pytest.param("https://www.youtube.com/playlist?list=PLx", "link", None, None, None, None, None,
                 id="youtube-playlist"),
    pytest.param("https://www.youtube.com/watch?v=abc", "link", None, None, None, None, None, id="youtube-bad-id"),
    pytest.param("https://player.vimeo.com/76979871", "link", None, None, None, None, None, id="vimeo-player-no-video"),
    pytest.param("https://www.example.org/watch/talk", "link", None, None, None, None, None, id="other-page"),
]


@pytest.fixture(scope="module")
def recording(tmp_path_factory):
    """A plan of the library fixture (Swedish, without MkDocs) and one of its recordings."""
    content = make_content(tmp_path_factory.mktemp("video"), files=fixture_files("library"))
    plan = BuildPlan.start(content, "sv", date.fromisoformat(PINNED_TODAY), ROOTS)
    return plan.edition, plan.site.entries["resources/recording/impact-webinar.md"]


def watch_page(recording, url: str) -> tuple[BeautifulSoup, dict]:
    """The player figure and the JSON-LD of the recording's watch page when its video is at `url`."""
    edition, entry = recording
    entry = replace(entry, data=entry.data.model_copy(update={"video": url}))
    page_url = "resources/recording/impact-webinar/"
    header = BeautifulSoup(resource_parts(edition, entry, page_url).header, "html.parser")
    return header.find("figure", class_="lce-player"), resource_jsonld(edition, entry, "https://lce.test/" + page_url)


@pytest.mark.parametrize("url, provider, video_id, private_hash, play, embed, content", FORMS)
def test_each_form_is_read_into_one_video(url, provider, video_id, private_hash, play, embed, content):
    """Check that each address gives its provider, id, private hash, player, embed, content and thumbnail addresses."""
    video = video_of(url)
    assert (video.provider, video.id, video.private_hash) == (provider, video_id, private_hash)
    assert (video.play_url, video.embed_url, video.content_url) == (play, embed, content)
    assert video.thumbnail_url == (f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg" if provider == "youtube" else None)
    assert video.link == url


@pytest.mark.parametrize("url, provider, video_id, private_hash, play, embed, content", FORMS)
def test_watch_page_player_and_jsonld_agree(recording, url, provider, video_id, private_hash, play, embed, content):
    """Check that the watch page's player and its VideoObject give the expected addresses and the same video."""
    figure, document = watch_page(recording, url)
    template = figure.find("template")
    inside = BeautifulSoup(template.decode_contents(), "html.parser") if template else None
    media = inside.find(["iframe", "video"]) if inside else None
    assert (media["src"] if media else None) == play
    assert (media.name if media else None) == {"youtube": "iframe", "vimeo": "iframe", "file": "video"}.get(provider)
    assert figure.find("figcaption").a["href"] == url
    assert document.get("embedUrl") == embed
    assert document.get("contentUrl") == content
    if provider == "youtube":
        assert document["thumbnailUrl"] == [YT_THUMBNAIL]
    else:
        assert [urlsplit(image).netloc for image in document["thumbnailUrl"]] == ["lce.test"]
    assert ("embedUrl" in document) == (media is not None and media.name == "iframe")
    if "embedUrl" in document:
        played, embedded = urlsplit(media["src"]), urlsplit(document["embedUrl"])
        assert (played.netloc, played.path) == (embedded.netloc, embedded.path)
        assert {**parse_qs(embedded.query), "autoplay": ["1"]} == parse_qs(played.query)
        assert video_id in embedded.path and (private_hash is None or f"h={private_hash}" in embedded.query)


@pytest.mark.parametrize("url", [parameter.values[0] for parameter in FORMS])
def test_nothing_third_party_loads_before_play(recording, url):
    """Check that the watch page has no frame, media or image outside the inert template, whatever the address."""
    figure, _ = watch_page(recording, url)
    for template in figure.find_all("template"):
        template.decompose()
    assert figure.find_all(["iframe", "video", "img", "source", "track"]) == []
    assert "ytimg" not in str(figure)
