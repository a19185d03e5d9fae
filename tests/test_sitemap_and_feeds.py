"""The sitemap, robots.txt and the Atom feeds, read back from the built site (and from a git history)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from datetime import datetime

import feedparser
import pytest
from lxml import etree

from conftest import MINIMAL, SITE_URL, build_site, make_content
from rich_content import HOSTILE_TITLE

pytestmark = pytest.mark.build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z))?$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def page_addresses(builds) -> set[str]:
    """The absolute address of every page of both built languages (the 404 page aside)."""
    found = set()
    for language, build in builds.items():
        root = SITE_URL + ("" if language == "sv" else "en/")
        for path in (page for page in build.pages() if page.name == "index.html"):
            url = path.parent.relative_to(build.site).as_posix() + "/"
            if url != "404/":
                found.add(root + ("" if url == "./" else url))
    return found


def sitemap_of(builds) -> etree._Element:
    """The parsed sitemap of the site (written by the Swedish build at the root)."""
    return etree.fromstring((builds["sv"].site / "sitemap.xml").read_bytes())


def lastmods(builds) -> dict[str, str | None]:
    """loc → lastmod of every sitemap entry."""
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in sitemap_of(builds).findall("s:url", NS)}


def test_sitemap_follows_the_protocol(rich_sites):
    """Check the sitemap's namespace, one absolute loc per entry, date formats, size limits, and its gzip copy."""
    root = sitemap_of(rich_sites)
    assert root.tag == "{%s}urlset" % NS["s"]
    urls = root.findall("s:url", NS)
    assert 0 < len(urls) <= 50_000
    assert (rich_sites["sv"].site / "sitemap.xml").stat().st_size <= 50 * 1024 * 1024
    for url in urls:
        assert [child.tag.split("}")[1] for child in url][:1] == ["loc"]
        assert len(url.findall("s:loc", NS)) == 1
        assert url.findtext("s:loc", namespaces=NS).startswith(SITE_URL)
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        assert lastmod is None or W3C_DATE.match(lastmod)
    assert gzip.decompress((rich_sites["sv"].site / "sitemap.xml.gz").read_bytes()) == etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_sitemap_lists_every_page_of_both_languages_with_alternates(rich_sites):
    """Check that the one sitemap lists every built page of both languages, each with its sv, en and
    x-default alternates, and that the English build leaves no sitemap of its own."""
    urls = sitemap_of(rich_sites).findall("s:url", NS)
    locs = [url.findtext("s:loc", namespaces=NS) for url in urls]
    assert len(locs) == len(set(locs))
    assert set(locs) == page_addresses(rich_sites)
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(links) == {"sv", "en", "x-default"}
        assert url.findtext("s:loc", namespaces=NS) in (links["sv"], links["en"])
        assert links["x-default"] == links["sv"] and links["en"] in locs and links["sv"] in locs
    assert not (rich_sites["en"].site / "sitemap.xml").exists()
    assert not (rich_sites["en"].site / "sitemap.xml.gz").exists()


def test_without_history_no_page_claims_a_last_change(rich_sites):
    """Check that a site outside git, without `updated` fields, gives no lastmod (never the build date)."""
    assert set(lastmods(rich_sites).values()) == {None}


def test_robots_txt_points_to_the_sitemap(rich_sites):
    """Check that robots.txt allows crawling and names the sitemap's absolute address."""
    robots = (rich_sites["sv"].site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def parsed_feed(build, path: str = "feed.xml"):
    """A feed of a built site, parsed by feedparser and checked to be well-formed Atom."""
    feed = feedparser.parse((build.site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def atom_problems(xml: bytes) -> list[str]:
    """Breaks of RFC 4287's rules: feed and entry id, title and updated, self link, unique ids, dates."""
    root = etree.fromstring(xml)
    problems = []
    for element, where in [(root, "feed"), *((entry, "entry") for entry in root.findall("a:entry", ATOM))]:
        for name in ("id", "title", "updated"):
            if len(element.findall(f"a:{name}", ATOM)) != 1:
                problems.append(f"{where} has not exactly one {name}")
        for name in ("updated", "published"):
            value = element.findtext(f"a:{name}", namespaces=ATOM)
            if value is not None and not RFC3339.match(value):
                problems.append(f"{where} {name} {value} is not an RFC 3339 date-time")
    if not root.findall("a:link[@rel='self']", ATOM):
        problems.append("feed has no self link")
    if not root.findall("a:author", ATOM):
        problems.append("feed has no author")
    ids = [entry.findtext("a:id", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)]
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    return problems


@pytest.mark.parametrize("language", ["sv", "en"])
def test_feeds_are_valid_atom_for_the_site_and_every_sector(rich_sites, language):
    """Check that the site feed and every sector's feed are valid Atom, and sector feeds hold only entries
    for their sector or for all sectors."""
    build = rich_sites[language]
    paths = ["feed.xml"] + [f"sectors/{sector.name}/feed.xml" for sector in (build.site / "sectors").iterdir() if sector.is_dir()]
    assert len(paths) == 12
    for path in paths:
        assert atom_problems((build.site / path).read_bytes()) == [], path
        parsed_feed(build, path)
    film = parsed_feed(build, "sectors/film/feed.xml")
    titles = {entry.title for entry in film.entries}
    assert {"A talk on Vimeo", "Online class"} <= titles
    assert "Slides on brands" not in titles


def test_site_feed_entries_have_real_dates_and_links(rich_sites):
    """Check the site feed: newest first, each entry linking its page with real day-based dates; entries
    known only by a month (not committed) are left out; titles with markup arrive as text."""
    feed = parsed_feed(rich_sites["sv"])
    links = [entry.link for entry in feed.entries]
    assert SITE_URL + "resources/recording/ai-and-creativity/" in links
    assert SITE_URL + "activities/2024/ai-and-creativity/" not in links
    assert SITE_URL + "resources/report/final-report/" not in links
    published = [entry.published for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    disrupt = next(entry for entry in feed.entries if entry.link.endswith("/disrupt-for-success/"))
    assert disrupt.published == "2025-03-19T00:00:00+01:00"
    assert disrupt.summary.startswith("19 mars 2025")
    assert HOSTILE_TITLE in {entry.title for entry in feed.entries}
    english = parsed_feed(rich_sites["en"])
    assert english.feed.title == "New at Learn, Create, Engage"
    assert english.entries[0].link.startswith(SITE_URL + "en/")


def git(repo, *arguments: str, when: str | None = None) -> None:
    """Run git in a test repository, committing at a fixed moment."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org",
           "GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, env=env, capture_output=True)


def test_lastmod_and_feed_dates_come_from_git_history(tmp_path):
    """Check that sitemap lastmod and feed dates are the commits' dates per file and language, that a later
    `updated` day wins, and that an uncommitted file claims no commit date."""
    content = make_content(tmp_path, base=MINIMAL)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "content")
    git(tmp_path, "commit", "-qm", "first", when="2025-01-10T10:00:00+01:00")
    english = content / "activities/2025/disrupt-for-success.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    impact = content / "activities/2025/making-cultural-impact-measurable.md"
    impact.write_text(impact.read_text(encoding="utf-8").replace("sectors: all", "sectors: all\nupdated: 2025-03-01"),
                      encoding="utf-8")
    git(tmp_path, "commit", "-qam", "second", when="2025-02-20T15:30:00+01:00")
    (content / "activities/2025/not-committed.md").write_text(
        impact.read_text(encoding="utf-8").replace("updated: 2025-03-01\n", ""), encoding="utf-8")
    builds = {language: build_site(content, language) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    dates = lastmods(builds)
    assert dates[SITE_URL + "activities/2025/disrupt-for-success/"] == "2025-01-10T10:00:00+01:00"
    assert dates[SITE_URL + "en/activities/2025/disrupt-for-success/"] == "2025-02-20T15:30:00+01:00"
    assert dates[SITE_URL + "activities/2025/making-cultural-impact-measurable/"] == "2025-03-01"
    assert dates[SITE_URL + "en/activities/2025/making-cultural-impact-measurable/"] == "2025-03-01"
    assert dates[SITE_URL + "activities/2025/not-committed/"] is None
    assert dates[SITE_URL + "staff/content-model/"] is None
    feed = {entry.link: entry for entry in parsed_feed(builds["sv"]).entries}
    month_only = feed[SITE_URL + "activities/2024/ai-and-creativity/"]
    assert month_only.published == "2025-01-10T10:00:00+01:00"
    assert feed[SITE_URL + "activities/2025/making-cultural-impact-measurable/"].updated == "2025-03-01T00:00:00+01:00"
    assert feed[SITE_URL + "activities/2025/not-committed/"].published == "2025-04-03T00:00:00+02:00"
    english_feed = {entry.link: entry for entry in parsed_feed(builds["en"]).entries}
    assert english_feed[SITE_URL + "en/activities/2025/disrupt-for-success/"].updated == "2025-02-20T15:30:00+01:00"
    assert datetime.fromisoformat(month_only.published).tzinfo is not None
